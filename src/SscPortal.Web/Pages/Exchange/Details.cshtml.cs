using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Exchange;
using SscPortal.Web.Forms;
using SscPortal.Web.Localization;
using SscPortal.Web.Records;
using SscPortal.Web.Reference;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Exchange;

/// <summary>
/// One offer or need: what is offered or sought, where, in which languages, by whom until when; "We are interested" for
/// members of other organisations; its conversations for its own; the initiatives it draws on and those that met it.
/// </summary>
[AllowAnonymous]
public class DetailsModel(AppDbContext db, Rights rights, History history, RecordSaver saver, ExchangeConversations conversations, ReferenceData referenceData,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record Text(string Language, string Title, string Description);
    public sealed record Linked(int Id, string Title, string Language);
    public sealed record ConversationLine(int Id, string Organisation, ConversationState State, DateTime LastAt, int Messages);
    public sealed record OwnListing(int Id, string Title, ListingKind Kind);

    public sealed record View(
        int Id, ListingKind Kind, CooperationForm Form, string Title, string Description, string Language, IReadOnlyList<Text> Translations,
        IReadOnlyList<ThematicArea> Themes, IReadOnlyList<string> WorkingLanguages, string? ContributionInKind, decimal? ContributionAmount, string? ContributionCurrency,
        int? DurationMonths, DateOnly? OpenUntil, string? Contact, int OwnerId, string OwnerName, ActorType OwnerType,
        PublicationState Publication, DateTime? PublishedAt, string? UnpublishedReason, bool HeldByModerator, int Version,
        IReadOnlyList<string> Countries, IReadOnlyList<string> Regions, IReadOnlyList<string> Sectors, IReadOnlyList<int> Sdgs);

    public View Listing { get; private set; } = null!;
    public Text Shown { get; private set; } = null!;
    public ReferenceData.Snapshot Names { get; private set; } = null!;
    public bool IsOpen { get; private set; }
    public IReadOnlyList<Linked> DrawsOn { get; private set; } = [];
    public IReadOnlyList<Linked> MetBy { get; private set; } = [];
    public IReadOnlyList<ConversationLine> Talks { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public bool CanPublish { get; private set; }
    public bool CanUnpublish { get; private set; }
    public bool CanRelease { get; private set; }
    public bool IsModeratorAction { get; private set; }
    /// <summary>The organisations the reader may say "we are interested" for, each with its own conversation about this, if it has one.</summary>
    public IReadOnlyList<(Access.ActiveMembership Organisation, int? ConversationId)> Interested { get; private set; } = [];
    public IReadOnlyList<OwnListing> OwnListings { get; private set; } = [];
    public bool IsMemberOfOwner { get; private set; }

    [BindProperty] public string? Reason { get; set; }
    [BindProperty(Name = "Version")] public int? SeenVersion { get; set; }

    [BindProperty] public InterestInput Interest { get; set; } = new();

    public sealed class InterestInput
    {
        public int OrganisationId { get; set; }
        public int? CounterpartId { get; set; }
        public string? Message { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var language = PortalCultures.Current;
        var listing = await db.Listings.AsNoTracking().Where(l => l.Id == id)
            .Select(l => new View(l.Id, l.Kind, l.Form, l.Title, l.Description, l.Language,
                l.Translations.Select(t => new Text(t.Language, t.Title, t.Description)).ToList(),
                l.Themes, l.WorkingLanguages, l.ContributionInKind, l.ContributionAmount, l.ContributionCurrency, l.DurationMonths, l.OpenUntil, l.Contact,
                l.OwnerId, l.Owner!.Name, l.Owner.Type, l.Publication, l.PublishedAt, l.UnpublishedReason, l.HeldByModerator, l.Version,
                l.Countries.Select(c => c.CountryCode).ToList(), l.Regions.Select(r => r.RegionCode).ToList(), l.Sectors.Select(s => s.SectorCode).ToList(),
                l.Sdgs.Select(s => s.GoalCode).ToList()))
            .SingleOrDefaultAsync(cancellationToken);
        if (listing is null) return false;
        var record = new ListingResource(listing.OwnerId, listing.Publication, listing.HeldByModerator);
        if (!await rights.MayAsync(record, Operations.See)) return false;
        Listing = listing;
        Names = await referenceData.GetAsync(cancellationToken);
        Shown = listing.Translations.FirstOrDefault(t => t.Language == language) ?? new Text(listing.Language, listing.Title, listing.Description);
        var today = DateOnly.FromDateTime(saver.Now);
        IsOpen = listing.Publication == PublicationState.Published && (listing.OpenUntil is null || listing.OpenUntil >= today);

        var ownerId = listing.OwnerId;
        DrawsOn = await db.Set<ListingInitiative>().AsNoTracking()
            .Where(l => l.ListingId == id && (l.Initiative!.Publication == PublicationState.Published || l.Initiative.OwnerId == ownerId))
            .OrderBy(l => l.Initiative!.Title).Select(l => new Linked(l.InitiativeId, l.Initiative!.Title, l.Initiative.Language)).ToListAsync(cancellationToken);
        // "Met by": the published initiatives agreed conversations about it started (as the offer or need talked about, or the one answering).
        MetBy = await db.Conversations.AsNoTracking()
            .Where(c => (c.ListingId == id || c.CounterpartListingId == id) && c.InitiativeId != null)
            .Join(db.Initiatives.AsNoTracking().Where(i => i.Publication == PublicationState.Published), c => c.InitiativeId, i => i.Id, (c, i) => i)
            .OrderBy(i => i.Title).Select(i => new Linked(i.Id, i.Title, i.Language)).ToListAsync(cancellationToken);

        var ownerAdmin = await rights.MayAsync(record, Operations.Publish);
        CanEdit = await rights.MayAsync(record, Operations.Edit);
        CanPublish = ownerAdmin && listing.Publication != PublicationState.Published;
        IsModeratorAction = !ownerAdmin && await rights.MayAsync(record, Operations.Unpublish);
        CanUnpublish = listing.Publication == PublicationState.Published && (ownerAdmin || IsModeratorAction);
        CanRelease = listing.HeldByModerator && await rights.MayAsync(record, Operations.Release);

        IsMemberOfOwner = await rights.MayAsync(new ConversationResource(ownerId, 0, false), Operations.Converse);
        if (IsMemberOfOwner)
        {
            var lines = await db.Conversations.AsNoTracking().Where(c => c.ListingId == id).OrderByDescending(c => c.StartedAt)
                .Select(c => new { c.Id, c.Interested!.Name, c.State, c.StartedAt, Last = c.Messages.Max(m => (DateTime?)m.SentAt), Count = c.Messages.Count() })
                .ToListAsync(cancellationToken);
            Talks = lines.Select(c => new ConversationLine(c.Id, c.Name, c.State, c.Last ?? c.StartedAt, c.Count)).ToList();
        }
        var interested = await rights.OrganisationsForAsync(org => new InterestResource(ownerId, org, IsOpen), Operations.ExpressInterest);
        if (interested.Count > 0)
        {
            var ids = interested.Select(o => o.ActorId).ToList();
            var existing = await db.Conversations.AsNoTracking().Where(c => c.ListingId == id && ids.Contains(c.InterestedId))
                .Select(c => new { c.InterestedId, c.Id }).ToListAsync(cancellationToken);
            Interested = interested.Select(o => (o, existing.FirstOrDefault(e => e.InterestedId == o.ActorId)?.Id)).ToList();
            OwnListings = await db.Listings.AsNoTracking()
                .Where(l => ids.Contains(l.OwnerId) && l.Publication == PublicationState.Published && l.Id != id)
                .OrderBy(l => l.Title).Take(200).Select(l => new OwnListing(l.Id, l.Title, l.Kind)).ToListAsync(cancellationToken);
            if (Interest.OrganisationId == 0) Interest.OrganisationId = interested.FirstOrDefault(o => existing.All(e => e.InterestedId != o.ActorId))?.ActorId ?? 0;
        }
        return true;
    }

    /// <summary>"We are interested": a member of another organisation starts a private conversation with the publisher.</summary>
    public async Task<IActionResult> OnPostInterestAsync(int id, CancellationToken cancellationToken)
    {
        var listing = await db.Listings.AsNoTracking().Where(l => l.Id == id)
            .Select(l => new { l.OwnerId, l.Publication, l.HeldByModerator, l.OpenUntil, l.Title }).SingleOrDefaultAsync(cancellationToken);
        if (listing is null || !await rights.MayAsync(new ListingResource(listing.OwnerId, listing.Publication, listing.HeldByModerator), Operations.See))
        {
            await rights.RefuseAsync(AuditTargets.Listing, id, Operations.See);
            return NotFound();
        }
        if (Interest.OrganisationId == listing.OwnerId)
        {
            ModelState.AddModelError("Interest.OrganisationId", RuleMessages.For(RuleCode.InterestInOwnListing, L, RecordType.Listing));
            return await AgainAsync(id, cancellationToken);
        }
        var today = DateOnly.FromDateTime(saver.Now);
        var open = listing.Publication == PublicationState.Published && (listing.OpenUntil is null || listing.OpenUntil >= today);
        // Whether the reader speaks for that organisation at all is a right (403); whether the offer is still open, a rule (a message).
        if (!await rights.MayAsync(new InterestResource(listing.OwnerId, Interest.OrganisationId, Open: true), Operations.ExpressInterest))
        {
            await rights.RefuseAsync(AuditTargets.Listing, id, Operations.ExpressInterest);
            return Forbid();
        }
        if (!open)
        {
            ModelState.AddModelError("Interest.Message", RuleMessages.For(RuleCode.ListingNotOpen, L, RecordType.Listing));
            return await AgainAsync(id, cancellationToken);
        }
        var outcome = await conversations.StartAsync(id, Interest.OrganisationId, Interest.CounterpartId, User.FindFirstValue(System.Security.Claims.ClaimTypes.NameIdentifier)!, Interest.Message, cancellationToken);
        switch (outcome)
        {
            case ConversationOutcome.Done done:
                TempData[PageMessages.Message] = L["Your message was sent. The conversation is private to your two organisations."].Value;
                return Redirect(ExchangeConversations.PathOf(done.ConversationId));
            case ConversationOutcome.Exists existing:
                TempData[PageMessages.Message] = L["Your organisation is already in a conversation about this: write there."].Value;
                return Redirect(ExchangeConversations.PathOf(existing.ConversationId));
            case ConversationOutcome.Refused refused:
                foreach (var violation in refused.Violation.Violations)
                    ModelState.AddModelError(violation.Field switch
                    {
                        nameof(ConversationMessage.Text) => "Interest.Message",
                        nameof(Conversation.CounterpartListingId) => "Interest.CounterpartId",
                        _ => "Interest.OrganisationId",
                    }, RuleMessages.For(violation.Code, L, RecordType.Listing));
                return await AgainAsync(id, cancellationToken);
            case ConversationOutcome.TooMany:
                ModelState.AddModelError("Interest.Message", L["You have sent many messages in the last hour: wait a little before sending more."]);
                return await AgainAsync(id, cancellationToken);
            default:
                return await AgainAsync(id, cancellationToken);
        }
    }

    private async Task<IActionResult> AgainAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(() => ChangeAsync(id, Operations.Publish, record =>
        {
            var previous = record.Publication;
            record.Publish(saver.Now);
            return new StateChange(AuditEventType.ListingPublished, ChangeKind.Published, [new(nameof(Listing.Publication), previous.ToString(), record.Publication.ToString())]);
        }, L["This draft changed since you opened it: review it, then publish."], cancellationToken), () => Overtaken(id));

    public Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(async () =>
        {
            var listing = await saver.LoadAsync(VersionedRecords.Listing, id, cancellationToken);
            var asOwner = listing is not null && await rights.MayAsync(RightsOf(listing), Operations.Publish);
            return await ChangeAsync(id, Operations.Unpublish, record =>
            {
                record.Unpublish(Reason, byModerator: !asOwner);
                return new StateChange(AuditEventType.ListingUnpublished, ChangeKind.Unpublished,
                    [new(nameof(Listing.Publication), nameof(PublicationState.Published), nameof(PublicationState.Unpublished)), new(nameof(Listing.UnpublishedReason), null, record.UnpublishedReason)],
                    AuditDetails.Unpublished(byModerator: !asOwner, record.UnpublishedReason!), AsModerator: !asOwner);
            }, L["This record changed since you opened it: review it, then unpublish it."], cancellationToken, listing);
        }, () => Overtaken(id));

    public Task<IActionResult> OnPostReleaseAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(() => ChangeAsync(id, Operations.Release, record =>
        {
            record.ReleaseModeratorHold();
            return new StateChange(AuditEventType.ListingHoldReleased, ChangeKind.HoldReleased, [new(nameof(Listing.HeldByModerator), "True", "False")], AsModerator: true);
        }, L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."], cancellationToken, versionSeen: false), () => Overtaken(id));

    /// <summary>One attempt at a change of state, allowed by <paramref name="operation"/>; null when another request changed the record first.</summary>
    private async Task<IActionResult?> ChangeAsync(int id, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation,
        Func<Listing, StateChange> change, string lookAgain, CancellationToken cancellationToken, Listing? loaded = null, bool versionSeen = true)
    {
        var listing = loaded ?? await saver.LoadAsync(VersionedRecords.Listing, id, cancellationToken);
        if (listing is null)
        {
            await rights.RefuseAsync(AuditTargets.Listing, id, Operations.See);
            return NotFound();
        }
        if (await rights.RequireAsync(RightsOf(listing), operation, AuditTargets.Listing, id) is { } refused) return refused;
        var outcome = await saver.ChangeAsync(VersionedRecords.Listing, listing, versionSeen ? SeenVersion : null, change, cancellationToken, versionSeen);
        return this.Answer(outcome, id, e => RuleMessages.For(e.Code, L, RecordType.Listing), lookAgain);
    }

    /// <summary>Its organisation deletes a draft that was never published.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int id, bool confirm, CancellationToken cancellationToken)
    {
        var listing = await saver.LoadAsync(VersionedRecords.Listing, id, cancellationToken);
        if (listing is null)
        {
            await rights.RefuseAsync(AuditTargets.Listing, id, Operations.See);
            return NotFound();
        }
        if (await rights.RequireAsync(RightsOf(listing), Operations.Delete, AuditTargets.Listing, id) is { } refused) return refused;
        if (!confirm || listing.Publication != PublicationState.Draft)
        {
            TempData[PageMessages.Problem] = (confirm
                ? L["A record that has been published cannot be deleted; it can be unpublished, with a reason."]
                : L["Nothing was deleted: tick the box to confirm that the draft should go."]).Value;
            return RedirectToPage(new { id });
        }
        var outcome = await saver.DeleteAsync(VersionedRecords.Listing, listing, AuditEventType.ListingDeleted, [new(nameof(Listing.Title), listing.Title, null)],
            cancellationToken, auditDetails: listing.Title);
        if (outcome == DeleteOutcome.Changed) return Overtaken(id);
        TempData[PageMessages.Message] = outcome == DeleteOutcome.Deleted ? L["The draft “{0}” was deleted.", listing.Title].Value : L["The draft “{0}” was already deleted.", listing.Title].Value;
        return Redirect("/my");
    }

    private RedirectToPageResult Overtaken(int id)
    {
        TempData[PageMessages.Problem] = L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."].Value;
        return RedirectToPage(new { id });
    }

    private static ListingResource RightsOf(Listing listing) => new(listing.OwnerId, listing.Publication, listing.HeldByModerator);
}
