using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Evidence;
using SscPortal.Web.Evidence.Inspection;
using SscPortal.Web.Forms;
using SscPortal.Web.Localization;
using SscPortal.Web.Records;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Files;

/// <summary>
/// A file's own page: what it is (name, type, size, who added it and when, its SHA-256 fingerprint), its versions, who may
/// read it; for its organisation, the decision about author metadata found in it; a report to the moderators; a moderator's hiding.
/// Anyone who may not read it gets a 404, whatever the id.
/// </summary>
[AllowAnonymous]
public class DetailsModel(AppDbContext db, Rights rights, FileOwners owners, FileIntake intake, History history, AuditLog audit,
    TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public FileItem Item { get; private set; } = null!;
    public FileOwner Owner { get; private set; } = null!;
    public IReadOnlyList<FileItem> Versions { get; private set; } = [];
    public IReadOnlyList<string> PartyNames { get; private set; } = [];
    public IReadOnlyList<string> FoundMetadata { get; private set; } = [];
    public bool MayManage { get; private set; }
    public bool MayReplace { get; private set; }
    public bool MayReport { get; private set; }
    public bool MayHide { get; private set; }

    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        return Page();
    }

    /// <summary>The uploader's organisation publishes a file that waited for their decision, with or without its author metadata.</summary>
    public async Task<IActionResult> OnPostPublishAsync(int id, bool removeMetadata, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        if (await rights.RequireAsync(Item.Resource(Owner.AssessmentId), Operations.ManageEvidence, AuditTargets.File, id) is { } cannot) return cannot;
        // Publishing adds to the record: only those who may change it now (a published initiative is its admins').
        if (await rights.RequireAsync(Owner.Resource, Operations.Edit, AuditTargets.File, id) is { } locked) return locked;
        var file = await db.EvidenceFiles.SingleAsync(f => f.Id == id, cancellationToken);
        if (file.State == FileState.Published)
        {
            TempData[PageMessages.Message] = L["This file is already published."].Value;
            return RedirectToPage(new { id });
        }
        var oldKey = file.StorageKey;
        PreparedFile? cleaned = null;
        string? newKey = null;
        try
        {
            string? removed = null;
            if (removeMetadata)
            {
                var type = DetectedTypes.Of(file.ContentType);
                cleaned = await intake.WithoutAuthorMetadataAsync(oldKey, type, cancellationToken);
                newKey = await intake.StoreAsync(cleaned, cancellationToken);
                (file.StorageKey, file.Size, file.Sha256) = (newKey, cleaned.Size, cleaned.Sha256);
                removed = string.Join("; ", FoundMetadata.Select(m => m.Split(':')[0].Trim()).Distinct());
            }
            file.Publish(removed);
            var saved = await history.SaveWithHistoryAsync(async () =>
            {
                if (file.SeriesId is { } series)
                {
                    var changed = await db.EvidenceFiles.Where(f => f.Id != file.Id && (f.Id == series || f.SeriesId == series) && f.SupersededById == null && f.State == FileState.Published)
                        .ExecuteUpdateAsync(u => u.SetProperty(f => f.SupersededById, file.Id), cancellationToken);
                    if (changed == 0) throw new DbUpdateConcurrencyException("The version replaced was replaced meanwhile.");
                }
                audit.Add(AuditEventType.FilePublished, AuditTargets.File, id, AuditDetails.FilePublished(removeMetadata));
                await history.AddAsync(AddModel.HistoryTypeOf(Owner.Kind), Owner.AssessmentId ?? Owner.Id, Owner.OrganisationId, ChangeKind.FileAdded,
                    [new("Files", null, FileLists.HistoryName(file.Id, file.FileName, file.VersionNumber, file.Visibility))]);
            }, cancellationToken);
            if (!saved) throw new DbUpdateConcurrencyException("The file was changed meanwhile.");
        }
        catch (DbUpdateException)
        {
            if (newKey is not null) await intake.ForgetAsync(newKey);
            db.ChangeTracker.Clear();
            TempData[PageMessages.Problem] = L["Someone else decided about this file (or added a newer version) at the same moment: look at it again."].Value;
            return RedirectToPage(new { id });
        }
        finally
        {
            cleaned?.Dispose();
        }
        if (newKey is not null) await intake.ForgetAsync(oldKey);
        TempData[PageMessages.Message] = removeMetadata ? L["The names were removed and the file was published."].Value : L["The file was published as it is."].Value;
        return Redirect(Owner.Path + (file.Section is null ? "#files" : "#indicator-" + file.Section));
    }

    /// <summary>The uploader's organisation drops a file that waited for their decision: nothing of it is kept.</summary>
    public async Task<IActionResult> OnPostDiscardAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        if (await rights.RequireAsync(Item.Resource(Owner.AssessmentId), Operations.ManageEvidence, AuditTargets.File, id) is { } cannot) return cannot;
        var deleted = await db.EvidenceFiles.Where(f => f.Id == id && f.State == FileState.AwaitingReview).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            TempData[PageMessages.Problem] = L["Only a file still waiting for your decision can be discarded; a published one stays."].Value;
            return RedirectToPage(new { id });
        }
        await audit.SaveAsync(AuditEventType.FileDiscarded, AuditTargets.File, id, $"v{Item.VersionNumber}, {Item.Sha256}");
        await intake.ForgetAsync(StorageKeyOf(id));
        TempData[PageMessages.Message] = L["The file was discarded: nothing of it was kept."].Value;
        return Redirect(Owner.Path);
    }

    /// <summary>Someone who may read the file tells the moderators what is wrong with it.</summary>
    public async Task<IActionResult> OnPostReportAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        if (await rights.RequireAsync(Item.Resource(Owner.AssessmentId), Operations.Report, AuditTargets.File, id) is { } cannot) return cannot;
        var file = await db.EvidenceFiles.SingleAsync(f => f.Id == id, cancellationToken);
        try
        {
            file.Report(Reason, clock.GetUtcNow().UtcDateTime);
        }
        catch (RuleViolationException e)
        {
            ModelState.AddViolations(e.Violations, field => field, L);
            return Page();
        }
        audit.Add(AuditEventType.FileReported, AuditTargets.File, id, file.ReportReason);
        await db.SaveChangesAsync(cancellationToken);
        TempData[PageMessages.Message] = L["Thank you: the moderators were told, and may now read the file to decide."].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>A moderator hides the file with a reason, shown in its place; its bytes are kept and never changed.</summary>
    public async Task<IActionResult> OnPostHideAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        if (await rights.RequireAsync(Item.Resource(Owner.AssessmentId), Operations.Hide, AuditTargets.File, id) is { } cannot) return cannot;
        var file = await db.EvidenceFiles.SingleAsync(f => f.Id == id, cancellationToken);
        try
        {
            file.Hide(Reason, clock.GetUtcNow().UtcDateTime);
        }
        catch (RuleViolationException e)
        {
            ModelState.AddViolations(e.Violations, field => field, L);
            return Page();
        }
        audit.Add(AuditEventType.FileHidden, AuditTargets.File, id, file.HiddenReason);
        // The history says which file by number only: a moderator may have hidden it for what its name says.
        await history.AddAsync(AddModel.HistoryTypeOf(Owner.Kind), Owner.AssessmentId ?? Owner.Id, Owner.OrganisationId, ChangeKind.FileHidden,
            [new("Files", $"#{file.Id} (v{file.VersionNumber})", file.HiddenReason)], asModerator: true);
        await db.SaveChangesAsync(cancellationToken);
        TempData[PageMessages.Message] = L["The file was hidden; the reason is shown in its place."].Value;
        return RedirectToPage(new { id });
    }

    private string StorageKeyOf(int id) => _storageKey ?? throw new InvalidOperationException($"File {id} was not loaded.");
    private string? _storageKey;

    /// <summary>The file and its record, both readable by the reader, or a 404 that says nothing of either.</summary>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var file = await FileLists.Items(db.EvidenceFiles.AsNoTracking().Where(f => f.Id == id)).SingleOrDefaultAsync(cancellationToken);
        if (file is null || file.OwnerKind == FileOwnerKind.Testimony) return NotFound();
        var owner = await owners.FindAsync(file.OwnerKind, file.OwnerId, cancellationToken);
        if (owner is null || !await rights.MayAsync(owner.Resource, Operations.See) || !await rights.MayAsync(file.Resource(owner.AssessmentId), Operations.See))
            return NotFound();
        if (file.Hidden && !await rights.MayAsync(file.Resource(owner.AssessmentId), Operations.ManageEvidence)
            && !await rights.MayAsync(file.Resource(owner.AssessmentId) with { Reported = true }, Operations.Hide))
            return NotFound();
        (Item, Owner) = (file, owner);
        var stored = await db.EvidenceFiles.AsNoTracking().Where(f => f.Id == id).Select(f => new { f.StorageKey, f.FoundMetadata }).SingleAsync(cancellationToken);
        (_storageKey, var found) = (stored.StorageKey, stored.FoundMetadata);
        MayManage = await rights.MayAsync(file.Resource(owner.AssessmentId), Operations.ManageEvidence);
        FoundMetadata = MayManage && found is not null ? found.Split('\n') : [];
        MayReplace = MayManage && !file.AwaitingReview && !file.Hidden && file.SupersededById is null && await rights.MayAsync(owner.Resource, Operations.Edit);
        MayReport = !file.Hidden && await rights.MayAsync(file.Resource(owner.AssessmentId), Operations.Report);
        MayHide = !file.Hidden && await rights.MayAsync(file.Resource(owner.AssessmentId), Operations.Hide);
        var versions = await FileLists.Items(db.EvidenceFiles.AsNoTracking().Where(f => (f.Id == file.Series || f.SeriesId == file.Series) && f.State == FileState.Published)
            .OrderByDescending(f => f.VersionNumber)).ToListAsync(cancellationToken);
        var readable = new List<FileItem>();
        foreach (var version in versions.Where(v => !v.Hidden || MayManage || v.Id == file.Id))
            if (await rights.MayAsync(version.Resource(owner.AssessmentId), Operations.See)) readable.Add(version);
        Versions = readable;
        PartyNames = file.Parties.Count == 0 ? [] : await db.Actors.AsNoTracking().Where(a => file.Parties.Contains(a.Id)).Select(a => a.Name).OrderBy(n => n).ToListAsync(cancellationToken);
        return null;
    }
}
