using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Calls;
using SscPortal.Web.Data;
using SscPortal.Web.Forms;
using SscPortal.Web.Records;
using SscPortal.Web.Reference;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.GoodPractices;

/// <summary>
/// One good practice: the practice, its context, its results, what can be transferred and to whom, its owner, the call it
/// was selected in (never the private application), the initiative it is linked to; its organisation's admins publish and
/// unpublish it, moderators unpublish it with a reason (a hold only a moderator lifts), and a draft can be deleted.
/// </summary>
[AllowAnonymous]
public class DetailsModel(AppDbContext db, Rights rights, History history, RecordSaver saver, ReferenceData referenceData,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record View(
        int Id, string Title, string Practice, string? Context, string? Results, string? Transferable, string? TransferableTo, string Language,
        IReadOnlyList<ThematicArea> Themes, IReadOnlyList<string> Countries, int OwnerId, string OwnerName, ActorType OwnerType, int? CallId, int? InitiativeId,
        PublicationState Publication, DateTime? PublishedAt, string? UnpublishedReason, bool HeldByModerator, int Version);

    public sealed record Linked(int Id, string Title, string Language);

    public View Practice { get; private set; } = null!;
    public ReferenceData.Snapshot Names { get; private set; } = null!;
    /// <summary>The call it was selected in, when that call is published (a draft or withdrawn call is not linked).</summary>
    public Linked? Call { get; private set; }
    public Linked? Initiative { get; private set; }
    public bool CanEdit { get; private set; }
    public bool CanDelete { get; private set; }
    public bool CanPublish { get; private set; }
    public bool CanUnpublish { get; private set; }
    public bool CanRelease { get; private set; }
    public bool IsModeratorAction { get; private set; }

    [BindProperty] public string? Reason { get; set; }
    [BindProperty(Name = "Version")] public int? SeenVersion { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var practice = await db.GoodPractices.AsNoTracking().Where(g => g.Id == id)
            .Select(g => new View(g.Id, g.Title, g.Practice, g.Context, g.Results, g.Transferable, g.TransferableTo, g.Language, g.Themes, g.Countries,
                g.OwnerId, g.Owner!.Name, g.Owner.Type, g.CallId, g.InitiativeId, g.Publication, g.PublishedAt, g.UnpublishedReason, g.HeldByModerator, g.Version))
            .SingleOrDefaultAsync(cancellationToken);
        if (practice is null) return false;
        var record = new GoodPracticeResource(practice.OwnerId, practice.Publication, practice.HeldByModerator);
        if (!await rights.MayAsync(record, Operations.See)) return false;
        Practice = practice;
        Names = await referenceData.GetAsync(cancellationToken);
        if (practice.CallId is { } callId)
            Call = await db.Calls.AsNoTracking().Where(c => c.Id == callId && c.Publication == PublicationState.Published)
                .Select(c => new Linked(c.Id, c.Title, c.Language)).SingleOrDefaultAsync(cancellationToken);
        if (practice.InitiativeId is { } initiativeId)
        {
            var ownerId = practice.OwnerId;
            Initiative = await db.Initiatives.AsNoTracking().Where(i => i.Id == initiativeId && (i.Publication == PublicationState.Published || i.OwnerId == ownerId))
                .Select(i => new Linked(i.Id, i.Title, i.Language)).SingleOrDefaultAsync(cancellationToken);
        }
        var ownerAdmin = await rights.MayAsync(record, Operations.Publish);
        CanEdit = await rights.MayAsync(record, Operations.Edit);
        CanDelete = practice.Publication == PublicationState.Draft && await rights.MayAsync(record, Operations.Delete);
        CanPublish = ownerAdmin && practice.Publication != PublicationState.Published;
        IsModeratorAction = !ownerAdmin && await rights.MayAsync(record, Operations.Unpublish);
        CanUnpublish = practice.Publication == PublicationState.Published && (ownerAdmin || IsModeratorAction);
        CanRelease = practice.HeldByModerator && await rights.MayAsync(record, Operations.Release);
        return true;
    }

    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(() => ChangeAsync(id, Operations.Publish, record =>
        {
            var previous = record.Publication;
            record.Publish(saver.Now);
            return new StateChange(AuditEventType.GoodPracticePublished, ChangeKind.Published,
                [new(nameof(GoodPractice.Publication), previous.ToString(), record.Publication.ToString())]);
        }, L["This draft changed since you opened it: review it, then publish."], cancellationToken), () => Overtaken(id));

    public Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(async () =>
        {
            var practice = await saver.LoadAsync(VersionedRecords.GoodPractice, id, cancellationToken);
            var asOwner = practice is not null && await rights.MayAsync(RightsOf(practice), Operations.Publish);
            return await ChangeAsync(id, Operations.Unpublish, record =>
            {
                record.Unpublish(Reason, byModerator: !asOwner);
                return new StateChange(AuditEventType.GoodPracticeUnpublished, ChangeKind.Unpublished,
                    [new(nameof(GoodPractice.Publication), nameof(PublicationState.Published), nameof(PublicationState.Unpublished)),
                        new(nameof(GoodPractice.UnpublishedReason), null, record.UnpublishedReason)],
                    AuditDetails.Unpublished(byModerator: !asOwner, record.UnpublishedReason!), AsModerator: !asOwner);
            }, L["This record changed since you opened it: review it, then unpublish it."], cancellationToken, practice);
        }, () => Overtaken(id));

    public Task<IActionResult> OnPostReleaseAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(() => ChangeAsync(id, Operations.Release, record =>
        {
            record.ReleaseModeratorHold();
            return new StateChange(AuditEventType.GoodPracticeHoldReleased, ChangeKind.HoldReleased, [new(nameof(GoodPractice.HeldByModerator), "True", "False")], AsModerator: true);
        }, L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."], cancellationToken, versionSeen: false), () => Overtaken(id));

    /// <summary>One attempt at a change of state, allowed by <paramref name="operation"/>; null when another request changed the record first.</summary>
    private async Task<IActionResult?> ChangeAsync(int id, OperationAuthorizationRequirement operation, Func<GoodPractice, StateChange> change, string lookAgain,
        CancellationToken cancellationToken, GoodPractice? loaded = null, bool versionSeen = true)
    {
        var practice = loaded ?? await saver.LoadAsync(VersionedRecords.GoodPractice, id, cancellationToken);
        if (practice is null)
        {
            await rights.RefuseAsync(AuditTargets.GoodPractice, id, Operations.See);
            return NotFound();
        }
        if (await rights.RequireAsync(RightsOf(practice), operation, AuditTargets.GoodPractice, id) is { } refused) return refused;
        var outcome = await saver.ChangeAsync(VersionedRecords.GoodPractice, practice, versionSeen ? SeenVersion : null, change, cancellationToken, versionSeen);
        return this.Answer(outcome, id, e => string.Join(" ", e.Violations.Select(v => GoodPracticeMessages.For(v, L)).Distinct()), lookAgain);
    }

    /// <summary>Its organisation deletes a draft that was never published.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int id, bool confirm, CancellationToken cancellationToken)
    {
        var practice = await saver.LoadAsync(VersionedRecords.GoodPractice, id, cancellationToken);
        if (practice is null)
        {
            await rights.RefuseAsync(AuditTargets.GoodPractice, id, Operations.See);
            return NotFound();
        }
        if (await rights.RequireAsync(RightsOf(practice), Operations.Delete, AuditTargets.GoodPractice, id) is { } refused) return refused;
        if (!confirm || practice.Publication != PublicationState.Draft)
        {
            TempData[PageMessages.Problem] = (confirm
                ? L["A record that has been published cannot be deleted; it can be unpublished, with a reason."]
                : L["Nothing was deleted: tick the box to confirm that the draft should go."]).Value;
            return RedirectToPage(new { id });
        }
        var outcome = await saver.DeleteAsync(VersionedRecords.GoodPractice, practice, AuditEventType.GoodPracticeDeleted, [new(nameof(GoodPractice.Title), practice.Title, null)],
            cancellationToken, auditDetails: practice.Title);
        if (outcome == DeleteOutcome.Changed) return Overtaken(id);
        TempData[PageMessages.Message] = outcome == DeleteOutcome.Deleted ? L["The draft “{0}” was deleted.", practice.Title].Value : L["The draft “{0}” was already deleted.", practice.Title].Value;
        return Redirect("/my");
    }

    private RedirectToPageResult Overtaken(int id)
    {
        TempData[PageMessages.Problem] = L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."].Value;
        return RedirectToPage(new { id });
    }

    private static GoodPracticeResource RightsOf(GoodPractice practice) => new(practice.OwnerId, practice.Publication, practice.HeldByModerator);
}
