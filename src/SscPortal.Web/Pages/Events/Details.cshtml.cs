using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Events;
using SscPortal.Web.Forms;
using SscPortal.Web.Localization;
using SscPortal.Web.Mail;
using SscPortal.Web.Notifications;
using SscPortal.Web.Records;
using SscPortal.Web.Reference;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Events;

/// <summary>
/// One event: everything public about it — its kind, title and description in the reader's language, its start and end in its
/// own time zone and in UTC, where it happens, its places, languages and interpretation, the programme (each speaker as they
/// agreed to be shown), its organisers, the conference it is part of and its side events, the initiatives, themes, SDGs and
/// principles it concerns, its documents, and "Add to my calendar". The online link is never shown here (registered
/// participants get it). Its organisers edit, publish, unpublish and delete it and name co-organisers, whose own members
/// confirm or decline from their accounts; moderators unpublish it with a reason and lift their hold.
/// </summary>
[AllowAnonymous]
public class DetailsModel(AppDbContext db, Rights rights, History history, RecordSaver saver, Notices notices, ReferenceData referenceData,
    Outbox outbox, PublicAddress address, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int InviteChoices = 1000;

    public sealed record Organiser(int Id, string Name, ActorType Type, CoOrganiserState? State, DateTime? AnsweredAt);
    public sealed record Linked(int Id, string Title, bool Published);
    public sealed record SideEvent(int Id, string Title, DateTime StartsAt, string TimeZone);
    public sealed record Candidate(int Id, string Name);

    public CooperationEvent Event { get; private set; } = null!;
    public int Id => Event.Id;
    public (string Language, string Title, string Description) Shown { get; private set; }
    public ReferenceData.Snapshot Names { get; private set; } = null!;
    public DateTime Now { get; private set; }
    public Organiser Owner { get; private set; } = null!;
    /// <summary>The co-organisers the reader may see: confirmed ones for everyone, invited and declined ones for the organisers.</summary>
    public IReadOnlyList<Organiser> CoOrganisers { get; private set; } = [];
    /// <summary>The named organisations the reader answers for (confirm or decline).</summary>
    public IReadOnlyList<Organiser> MySides { get; private set; } = [];
    public Linked? Parent { get; private set; }
    public IReadOnlyList<SideEvent> SideEvents { get; private set; } = [];
    public IReadOnlyList<Linked> Initiatives { get; private set; } = [];
    public IReadOnlyList<Candidate> InviteOptions { get; private set; } = [];
    public bool IsOrganiser { get; private set; }
    public bool CanEdit { get; private set; }
    public bool CanPublish { get; private set; }
    public bool CanUnpublish { get; private set; }
    public bool CanRelease { get; private set; }
    public bool CanDelete { get; private set; }
    public bool CanManageOrganisers { get; private set; }
    public bool IsModeratorAction { get; private set; }

    [BindProperty] public string? Reason { get; set; }
    [BindProperty(Name = "Version")] public int? SeenVersion { get; set; }
    [BindProperty] public int OrganisationId { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    private static EventResource RightsOf(CooperationEvent @event) =>
        new(@event.OwnerId, @event.Publication, @event.HeldByModerator,
            @event.CoOrganisers.Where(o => o.State == CoOrganiserState.Confirmed).Select(o => o.ActorId).ToList());

    /// <summary>The named organisations (invited, confirmed or declined) whose members the reader answers for.</summary>
    private async Task<List<int>> SidesAsync(CooperationEvent @event)
    {
        var sides = new List<int>();
        foreach (var named in @event.CoOrganisers)
            if (await rights.MayAsync(new CoOrganiserResource(@event.OwnerId, named.ActorId), Operations.ConfirmPartnership)) sides.Add(named.ActorId);
        return sides;
    }

    /// <summary>
    /// Whether the reader sees the event: whoever may see it, and the members of an organisation named as its co-organiser
    /// (they must read a draft to decide whether to confirm).
    /// </summary>
    private async Task<bool> MaySeeAsync(CooperationEvent @event) =>
        await rights.MayAsync(RightsOf(@event), Operations.See)
        || (await SidesAsync(@event)).Any(side => @event.CoOrganisers.Any(o => o.ActorId == side && o.State != CoOrganiserState.Declined));

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var @event = await saver.LoadAsync(VersionedRecords.Event, id, cancellationToken, tracked: false);
        if (@event is null || !await MaySeeAsync(@event)) return false;
        Event = @event;
        var record = RightsOf(@event);
        var language = PortalCultures.Current;
        Shown = EventText.Shown(@event, language);
        Names = await referenceData.GetAsync(cancellationToken);
        Now = saver.Now;

        IsOrganiser = await rights.MayAsync(record, Operations.ManageRegistrations);
        var ownerAdmin = await rights.MayAsync(record, Operations.Publish);
        CanEdit = await rights.MayAsync(record, Operations.Edit);
        CanPublish = ownerAdmin && @event.Publication != PublicationState.Published;
        IsModeratorAction = !ownerAdmin && await rights.MayAsync(record, Operations.Unpublish);
        CanUnpublish = @event.IsPublished && (ownerAdmin || IsModeratorAction);
        CanRelease = @event.HeldByModerator && await rights.MayAsync(record, Operations.Release);
        CanDelete = @event.Publication == PublicationState.Draft && await rights.MayAsync(record, Operations.Delete);
        CanManageOrganisers = await rights.MayAsync(record, Operations.ManageOrganisers);

        var named = @event.CoOrganisers.Select(o => o.ActorId).Prepend(@event.OwnerId).ToList();
        var actors = await db.Actors.AsNoTracking().Where(a => named.Contains(a.Id)).Select(a => new { a.Id, a.Name, a.Type }).ToListAsync(cancellationToken);
        var owner = actors.Single(a => a.Id == @event.OwnerId);
        Owner = new Organiser(owner.Id, owner.Name, owner.Type, null, null);
        var all = @event.CoOrganisers.Join(actors, o => o.ActorId, a => a.Id, (o, a) => new Organiser(a.Id, a.Name, a.Type, o.State, o.AnsweredAt))
            .OrderBy(o => o.Name, StringComparer.CurrentCulture).ToList();
        var sides = await SidesAsync(@event);
        CoOrganisers = all.Where(o => o.State == CoOrganiserState.Confirmed || IsOrganiser || CanManageOrganisers || sides.Contains(o.Id)).ToList();
        MySides = all.Where(o => sides.Contains(o.Id)).ToList();

        if (@event.ParentEventId is { } parentId)
            Parent = await db.Events.AsNoTracking().Where(e => e.Id == parentId && e.Publication == PublicationState.Published)
                .Select(e => new Linked(e.Id, e.Title, true)).SingleOrDefaultAsync(cancellationToken);
        var children = await db.Events.AsNoTracking().Where(e => e.ParentEventId == id && e.Publication == PublicationState.Published)
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Select(e => new { e.Id, e.Title, e.StartsAt, e.TimeZone, Translations = e.Translations.ToList() })
            .ToListAsync(cancellationToken);
        SideEvents = children.Select(c => new SideEvent(c.Id, c.Translations.FirstOrDefault(t => t.Language == language)?.Title ?? c.Title, c.StartsAt, c.TimeZone)).ToList();

        var initiativeIds = @event.Initiatives.Select(i => i.InitiativeId).ToList();
        var initiatives = await db.Initiatives.AsNoTracking().Where(i => initiativeIds.Contains(i.Id))
            .OrderBy(i => i.Title).ThenBy(i => i.Id)
            .Select(i => new Linked(i.Id, i.Title, i.Publication == PublicationState.Published)).ToListAsync(cancellationToken);
        Initiatives = initiatives.Where(i => i.Published || IsOrganiser).ToList();

        if (CanManageOrganisers)
        {
            var taken = @event.CoOrganisers.Where(o => o.State != CoOrganiserState.Declined).Select(o => o.ActorId).Prepend(@event.OwnerId).ToList();
            var types = OrganiserTypes;
            InviteOptions = await db.Actors.AsNoTracking().Where(a => a.IsVerified && !taken.Contains(a.Id) && types.Contains(a.Type))
                .OrderBy(a => a.Name).ThenBy(a => a.Id).Take(InviteChoices).Select(a => new Candidate(a.Id, a.Name)).ToListAsync(cancellationToken);
        }
        return true;
    }

    /// <summary>The kinds of organisation whose members may organise events (and so confirm being a co-organiser).</summary>
    public static IReadOnlyList<ActorType> OrganiserTypes { get; } =
        Enum.GetValues<ActorType>().Where(t => AccessTable.Grants(t, MembershipRole.Member, Permission.OrganiseEvents)).ToList();

    private string Refusal(RuleViolationException e) =>
        string.Join(" ", e.Violations.Select(v => RuleMessages.For(v.Code, L, RecordType.Event)).Distinct());

    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(() => ChangeAsync(id, Operations.Publish, record =>
        {
            var previous = record.Publication;
            record.Publish(saver.Now);
            return new StateChange(AuditEventType.EventPublished, ChangeKind.Published, [new(nameof(CooperationEvent.Publication), previous.ToString(), record.Publication.ToString())]);
        }, L["This draft changed since you opened it: review it, then publish."], cancellationToken), () => Overtaken(id));

    /// <summary>
    /// Its owner's admins, or a moderator (then it is held until a moderator lifts the hold), take it off the public pages with a
    /// reason; everyone registered or waiting is told by mail, with a calendar file that cancels it.
    /// </summary>
    public Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(async () =>
        {
            var @event = await saver.LoadAsync(VersionedRecords.Event, id, cancellationToken);
            var asOwner = @event is not null && await rights.MayAsync(RightsOf(@event), Operations.Publish);
            var tell = @event is not null ? await EventChangeMail.RecipientsAsync(db, id, cancellationToken) : [];
            var names = await referenceData.GetAsync(cancellationToken);
            return await ChangeAsync(id, Operations.Unpublish, record =>
            {
                record.Unpublish(Reason, byModerator: !asOwner);
                return new StateChange(AuditEventType.EventUnpublished, ChangeKind.Unpublished,
                    [new(nameof(CooperationEvent.Publication), nameof(PublicationState.Published), nameof(PublicationState.Unpublished)), new(nameof(CooperationEvent.UnpublishedReason), null, record.UnpublishedReason)],
                    AuditDetails.Unpublished(byModerator: !asOwner, record.UnpublishedReason!), AsModerator: !asOwner)
                {
                    AlsoRecord = () =>
                    {
                        EventChangeMail.Queue(outbox, L, record, tell, names, EventText.PageAddress(id, address, Request), EventText.CalendarHost(address, Request), record.UnpublishedReason);
                        return Task.CompletedTask;
                    },
                };
            }, L["This record changed since you opened it: review it, then unpublish it."], cancellationToken, @event);
        }, () => Overtaken(id));

    public Task<IActionResult> OnPostReleaseAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(() => ChangeAsync(id, Operations.Release, record =>
        {
            record.ReleaseModeratorHold();
            return new StateChange(AuditEventType.EventHoldReleased, ChangeKind.HoldReleased, [new(nameof(CooperationEvent.HeldByModerator), "True", "False")], AsModerator: true);
        }, L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."], cancellationToken, versionSeen: false), () => Overtaken(id));

    /// <summary>Its organisation deletes a draft that was never published.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int id, bool confirm, CancellationToken cancellationToken)
    {
        var @event = await saver.LoadAsync(VersionedRecords.Event, id, cancellationToken);
        if (@event is null)
        {
            await rights.RefuseAsync(AuditTargets.Event, id, Operations.See);
            return NotFound();
        }
        if (await rights.RequireAsync(RightsOf(@event), Operations.Delete, AuditTargets.Event, id) is { } refused) return refused;
        if (!confirm || @event.Publication != PublicationState.Draft)
        {
            TempData[PageMessages.Problem] = (!confirm
                ? L["Nothing was deleted: tick the box to confirm that the draft should go."]
                : L["A record that has been published cannot be deleted; it can be unpublished, with a reason."]).Value;
            return RedirectToPage(new { id });
        }
        var outcome = await saver.DeleteAsync(VersionedRecords.Event, @event, AuditEventType.EventDeleted, [new(nameof(CooperationEvent.Title), @event.Title, null)],
            cancellationToken, auditDetails: @event.Title);
        if (outcome == DeleteOutcome.Changed) return Overtaken(id);
        TempData[PageMessages.Message] = outcome == DeleteOutcome.Deleted ? L["The draft “{0}” was deleted.", @event.Title].Value : L["The draft “{0}” was already deleted.", @event.Title].Value;
        return Redirect("/events");
    }

    /// <summary>The owner's members name a verified organisation as a co-organiser; its members are asked to confirm from their own accounts.</summary>
    public Task<IActionResult> OnPostInviteAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(async () =>
        {
            var @event = await saver.LoadAsync(VersionedRecords.Event, id, cancellationToken);
            if (@event is null)
            {
                await rights.RefuseAsync(AuditTargets.Event, id, Operations.See);
                return NotFound();
            }
            var invited = await db.Actors.AsNoTracking().Where(a => a.Id == OrganisationId && a.IsVerified).Select(a => new { a.Id, a.Name, a.Type }).SingleOrDefaultAsync(cancellationToken);
            var ownerName = await db.Actors.AsNoTracking().Where(a => a.Id == @event.OwnerId).Select(a => a.Name).SingleAsync(cancellationToken);
            var members = invited is null ? [] : await notices.MembersOfAsync([invited.Id], adminsOnly: false, cancellationToken);
            return await ChangeAsync(id, Operations.ManageOrganisers, record =>
            {
                var named = record.CoOrganisers.FirstOrDefault(o => o.ActorId == OrganisationId);
                if (invited is null || !OrganiserTypes.Contains(invited.Type) || invited.Id == record.OwnerId || named is { State: not CoOrganiserState.Declined })
                    throw new RuleViolationException("CoOrganisers", RuleCode.NotAnOrganiser);
                if (named is null) record.CoOrganisers.Add(named = new EventOrganiser { ActorId = invited.Id });
                named.State = CoOrganiserState.Invited;
                named.InvitedAt = saver.Now;
                named.AnsweredAt = null;
                named.AnsweredByUserId = null;
                return new StateChange(AuditEventType.CoOrganiserInvited, ChangeKind.Edited, [new("Co-organiser", null, $"{invited.Name}: invited")], invited.Name)
                {
                    AlsoRecord = () => notices.TellAsync(NotificationKind.CoOrganiserInvited, members, $"/events/{id}", record.Title, ownerName, RecordType.Event,
                        cancellationToken: cancellationToken),
                };
            }, L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."], cancellationToken, @event, versionSeen: false,
                done: L["{0} was named as a co-organiser: its members are asked to confirm.", invited?.Name ?? ""]);
        }, () => Overtaken(id));

    /// <summary>The owner's members take a co-organiser (invited, confirmed or declined) off the event.</summary>
    public Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(async () =>
        {
            var name = await db.Actors.AsNoTracking().Where(a => a.Id == OrganisationId).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
            return await ChangeAsync(id, Operations.ManageOrganisers, record =>
            {
                var named = record.CoOrganisers.FirstOrDefault(o => o.ActorId == OrganisationId)
                            ?? throw new RuleViolationException("CoOrganisers", RuleCode.NotAnOrganiser);
                record.CoOrganisers.Remove(named);
                return new StateChange(AuditEventType.CoOrganiserRemoved, ChangeKind.Edited, [new("Co-organiser", $"{name}: {named.State.ToString().ToLowerInvariant()}", null)], name);
            }, L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."], cancellationToken, versionSeen: false,
                done: L["{0} is no longer a co-organiser of this event.", name]);
        }, () => Overtaken(id));

    public Task<IActionResult> OnPostConfirmAsync(int id, CancellationToken cancellationToken) => AnswerAsync(id, confirm: true, cancellationToken);

    public Task<IActionResult> OnPostDeclineAsync(int id, CancellationToken cancellationToken) => AnswerAsync(id, confirm: false, cancellationToken);

    /// <summary>
    /// A member of the named organisation answers for it: confirmed, it becomes an organiser (it edits the event and sees its
    /// registrations); declined, it is not. The owner's members are told either way. Anyone else is refused, audited.
    /// </summary>
    private Task<IActionResult> AnswerAsync(int id, bool confirm, CancellationToken cancellationToken) =>
        history.TransitionAsync<IActionResult>(async () =>
        {
            var @event = await saver.LoadAsync(VersionedRecords.Event, id, cancellationToken);
            var named = @event?.CoOrganisers.FirstOrDefault(o => o.ActorId == OrganisationId);
            if (@event is null || named is null || !await rights.MayAsync(new CoOrganiserResource(@event.OwnerId, OrganisationId), Operations.ConfirmPartnership))
            {
                var visible = @event is not null && await MaySeeAsync(@event);
                await rights.RefuseAsync(AuditTargets.Event, id, Operations.ConfirmPartnership);
                return visible ? Forbid() : NotFound();
            }
            var name = await db.Actors.AsNoTracking().Where(a => a.Id == OrganisationId).Select(a => a.Name).SingleAsync(cancellationToken);
            var ownerMembers = await notices.MembersOfAsync([@event.OwnerId], adminsOnly: false, cancellationToken);
            var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
            var outcome = await saver.ChangeAsync(VersionedRecords.Event, @event, null, record =>
            {
                var was = named.State;
                named.State = confirm ? CoOrganiserState.Confirmed : CoOrganiserState.Declined;
                named.AnsweredAt = saver.Now;
                named.AnsweredByUserId = userId;
                return new StateChange(AuditEventType.CoOrganiserAnswered, ChangeKind.Edited,
                    [new("Co-organiser", $"{name}: {was.ToString().ToLowerInvariant()}", $"{name}: {named.State.ToString().ToLowerInvariant()}")], $"{name}: {named.State}")
                {
                    AlsoRecord = () => notices.TellAsync(NotificationKind.CoOrganiserAnswered, ownerMembers, $"/events/{id}", record.Title, name, RecordType.Event,
                        cancellationToken: cancellationToken),
                };
            }, cancellationToken, versionSeen: false);
            if (outcome is ChangeOutcome.Done)
                TempData[PageMessages.Message] = (confirm ? L["{0} is now a co-organiser of this event.", name] : L["{0} declined to co-organise this event.", name]).Value;
            return this.Answer(outcome, id, Refusal, L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."]);
        }, () => Overtaken(id));

    private async Task<IActionResult?> ChangeAsync(int id, OperationAuthorizationRequirement operation, Func<CooperationEvent, StateChange> change, string lookAgain,
        CancellationToken cancellationToken, CooperationEvent? loaded = null, bool versionSeen = true, string? done = null)
    {
        var @event = loaded ?? await saver.LoadAsync(VersionedRecords.Event, id, cancellationToken);
        if (@event is null)
        {
            await rights.RefuseAsync(AuditTargets.Event, id, Operations.See);
            return NotFound();
        }
        if (!await rights.MayAsync(RightsOf(@event), Operations.See))
        {
            await rights.RefuseAsync(AuditTargets.Event, id, operation);
            return NotFound();
        }
        if (await rights.RequireAsync(RightsOf(@event), operation, AuditTargets.Event, id) is { } refused) return refused;
        var outcome = await saver.ChangeAsync(VersionedRecords.Event, @event, versionSeen ? SeenVersion : null, change, cancellationToken, versionSeen);
        if (outcome is ChangeOutcome.Done && done is not null) TempData[PageMessages.Message] = done;
        return this.Answer(outcome, id, Refusal, lookAgain);
    }

    private RedirectToPageResult Overtaken(int id)
    {
        TempData[PageMessages.Problem] = L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."].Value;
        return RedirectToPage(new { id });
    }
}
