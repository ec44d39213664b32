using SscPortal.Web.Caching;
using SscPortal.Web.Authorization;
using SscPortal.Web.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;
using SscPortal.Web.Records;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Partnerships;

/// <summary>One partnership: its signatories, dates, scope, document and initiatives; its owners manage it from here.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class DetailsModel(AppDbContext db, Rights rights, History history, RecordSaver saver, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record Signatory(int Id, string Name, ActorType Type);
    public sealed record LinkedInitiative(int Id, string Title, string Language);

    public sealed record View(
        int Id, string Title, PartnershipType Type, string? Scope, DateOnly? SignedOn, DateOnly? StartsOn, DateOnly? EndsOn, string? DocumentUrl,
        int OwnerId, string OwnerName, PublicationState Publication, DateTime? PublishedAt, string? UnpublishedReason,
        IReadOnlyList<Signatory> Signatories, int Version);

    public View Partnership { get; private set; } = null!;
    public IReadOnlyList<LinkedInitiative> Initiatives { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public bool CanPublish { get; private set; }
    public bool CanUnpublish { get; private set; }
    public bool IsModeratorAction { get; private set; }
    [BindProperty] public string? Reason { get; set; }

    /// <summary>The version the publish and unpublish forms were rendered with: the change is made only to what the person saw.</summary>
    [BindProperty(Name = "Version")] public int? SeenVersion { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var partnership = await db.Partnerships.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new View(p.Id, p.Title, p.Type, p.Scope, p.SignedOn, p.StartsOn, p.EndsOn, p.DocumentUrl, p.OwnerId, p.Owner!.Name,
                p.Publication, p.PublishedAt, p.UnpublishedReason,
                p.Signatories.OrderBy(s => s.Actor!.Name).Select(s => new Signatory(s.ActorId, s.Actor!.Name, s.Actor.Type)).ToList(), p.Version))
            .SingleOrDefaultAsync(cancellationToken);
        if (partnership is null || !await rights.MayAsync(new PartnershipResource(partnership.OwnerId, partnership.Publication), Operations.See)) return NotFound();
        Partnership = partnership;
        // Published initiatives, and the owner's own (which its members can see anyway).
        var ownerId = partnership.OwnerId;
        Initiatives = await db.Set<PartnershipInitiative>().AsNoTracking()
            .Where(l => l.PartnershipId == id && (l.Initiative!.Publication == PublicationState.Published || l.Initiative.OwnerId == ownerId))
            .OrderBy(l => l.Initiative!.Title)
            .Select(l => new LinkedInitiative(l.InitiativeId, l.Initiative!.Title, l.Initiative.Language))
            .ToListAsync(cancellationToken);
        var record = new PartnershipResource(partnership.OwnerId, partnership.Publication);
        var ownerAdmin = await rights.MayAsync(record, Operations.Publish);
        CanEdit = await rights.MayAsync(record, Operations.Edit);
        CanPublish = ownerAdmin && partnership.Publication != PublicationState.Published;
        IsModeratorAction = !ownerAdmin && await rights.MayAsync(record, Operations.Unpublish);
        CanUnpublish = partnership.Publication == PublicationState.Published && (ownerAdmin || IsModeratorAction);
        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(() => PublishAsync(id, cancellationToken), () => Overtaken(id));

    /// <summary>One attempt at publishing; null when another request changed the partnership first (nothing saved).</summary>
    private async Task<IActionResult?> PublishAsync(int id, CancellationToken cancellationToken)
    {
        var partnership = await saver.LoadAsync(VersionedRecords.Partnership, id, cancellationToken);
        if (partnership is null) return await RefuseAsync(id, Operations.See, NotFound());
        if (await rights.RequireAsync(RightsOf(partnership), Operations.Publish, AuditTargets.Partnership, id) is { } refused) return refused;
        var outcome = await saver.ChangeAsync(VersionedRecords.Partnership, partnership, SeenVersion, record =>
        {
            var previous = record.Publication;
            record.Publish(saver.Now);
            return new StateChange(AuditEventType.PartnershipPublished, ChangeKind.Published, [new(nameof(Partnership.Publication), previous.ToString(), record.Publication.ToString())]);
        }, cancellationToken);
        return this.Answer(outcome, id, e => RuleMessages.For(e.Code, L), L["This draft changed since you opened it: review it, then publish."]);
    }

    public Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(() => UnpublishAsync(id, cancellationToken), () => Overtaken(id));

    private async Task<IActionResult?> UnpublishAsync(int id, CancellationToken cancellationToken)
    {
        var partnership = await saver.LoadAsync(VersionedRecords.Partnership, id, cancellationToken);
        if (partnership is null) return await RefuseAsync(id, Operations.See, NotFound());
        if (await rights.RequireAsync(RightsOf(partnership), Operations.Unpublish, AuditTargets.Partnership, id) is { } refused) return refused;
        // The owner's admins unpublish as its owner; anyone else allowed to, as a moderator.
        var asOwner = await rights.MayAsync(RightsOf(partnership), Operations.Publish);
        var outcome = await saver.ChangeAsync(VersionedRecords.Partnership, partnership, SeenVersion, record =>
        {
            record.Unpublish(Reason);
            return new StateChange(AuditEventType.PartnershipUnpublished, ChangeKind.Unpublished,
                [new(nameof(Partnership.Publication), nameof(PublicationState.Published), record.Publication.ToString()), new(nameof(Partnership.UnpublishedReason), null, record.UnpublishedReason)],
                AuditDetails.Unpublished(byModerator: !asOwner, record.UnpublishedReason!), AsModerator: !asOwner);
        }, cancellationToken);
        return this.Answer(outcome, id, e => RuleMessages.For(e.Code, L), L["This record changed since you opened it: review it, then unpublish it."]);
    }

    /// <summary>Another request changed the partnership twice while this one tried: nothing was changed; the page shows how it stands.</summary>
    private RedirectToPageResult Overtaken(int id)
    {
        TempData[PageMessages.Problem] = L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."].Value;
        return RedirectToPage(new { id });
    }

    private static PartnershipResource RightsOf(Partnership partnership) => new(partnership.OwnerId, partnership.Publication);

    private async Task<IActionResult> RefuseAsync(int id, OperationAuthorizationRequirement operation, IActionResult result)
    {
        await rights.RefuseAsync(AuditTargets.Partnership, id, operation);
        return result;
    }
}
