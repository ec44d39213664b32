using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Forms;
using SscPortal.Web.Import;
using SscPortal.Web.Localization;
using SscPortal.Web.Reference;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Import;

/// <summary>
/// An upload's preview, <see cref="PageSize"/> activities a page (by position): each activity's problems with their line,
/// what it becomes (organisations matched to the portal's or proposed as new), whether it is new or updates an initiative;
/// the importable ones can be ticked, and imported as drafts in one transaction; the upload can be set aside. Once
/// imported, the same page lists what each activity became. Only the organisation's editors see it (others get a 404).
/// </summary>
[Authorize]
public class DetailsModel(AppDbContext db, Rights rights, ImportStore store, ReferenceData referenceData, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(IatiImportActivity Activity, ImportedActivity? Preview, IReadOnlyList<ImportProblem> Errors, IReadOnlyList<ImportProblem> Warnings,
        string? ExistingTitle, string? ResultTitle);

    public IatiImport Upload { get; private set; } = null!;
    public string OwnerName { get; private set; } = "";
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyDictionary<string, OrganisationMatch.Match> Matches { get; private set; } = new Dictionary<string, OrganisationMatch.Match>();
    public ReferenceData.Snapshot Names { get; private set; } = null!;
    public int? NextAfter { get; private set; }
    public bool HasPrevious { get; private set; }
    public bool ChooseAll { get; private set; }
    public int ImportableCount => Upload.ActivityCount - Upload.RejectedCount;

    public async Task<IActionResult> OnGetAsync(int id, int? after, bool all, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, Operations.See, cancellationToken) is not { } upload) return NotFound();
        Upload = upload;
        ChooseAll = all;
        OwnerName = await db.Actors.AsNoTracking().Where(a => a.Id == upload.OwnerId).Select(a => a.Name).SingleAsync(cancellationToken);
        Names = await referenceData.GetAsync(cancellationToken);
        var from = Math.Max(0, after ?? 0);
        HasPrevious = from > 0;
        // Keyset paging on the position: a page costs the same wherever it is in a large upload.
        var activities = await db.IatiImportActivities.AsNoTracking().Where(a => a.ImportId == id && a.Position > from)
            .OrderBy(a => a.Position).Take(PageSize + 1).ToListAsync(cancellationToken);
        if (activities.Count > PageSize)
        {
            activities.RemoveAt(PageSize);
            NextAfter = activities[^1].Position;
        }
        var initiativeIds = activities.SelectMany(a => new[] { a.ExistingInitiativeId, a.InitiativeId }).OfType<int>().Distinct().ToList();
        var titles = await db.Initiatives.AsNoTracking().Where(i => initiativeIds.Contains(i.Id)).Select(i => new { i.Id, i.Title }).ToDictionaryAsync(i => i.Id, i => i.Title, cancellationToken);
        Rows = activities.Select(a => new Row(a, ImportJson.Read<ImportedActivity>(a.Preview), ImportJson.Problems(a.Errors), ImportJson.Problems(a.Warnings),
            a.ExistingInitiativeId is { } existing ? titles.GetValueOrDefault(existing) : null,
            a.InitiativeId is { } made ? titles.GetValueOrDefault(made) : null)).ToList();
        var organisations = Rows.SelectMany(r => r.Preview?.Participants ?? []).Select(p => p.Organisation).DistinctBy(OrganisationMatch.Key).ToList();
        Matches = await OrganisationMatch.FindAsync(db, organisations, cancellationToken);
        return Page();
    }

    /// <summary>The upload, when the reader may do the operation on it; a refused change is recorded. Null: a 404 for anyone else.</summary>
    private async Task<IatiImport?> FindAsync(int id, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        var upload = await db.IatiImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (upload is null) return null;
        if (await rights.MayAsync(new ImportResource(upload.OwnerId, upload.UserId), operation)) return upload;
        await rights.RefuseAsync(AuditTargets.Import, id, operation);
        return null;
    }

    /// <summary>Imports the ticked activities (or every importable one) as drafts, once however often it is sent.</summary>
    public async Task<IActionResult> OnPostImportAsync(int id, List<int>? chosen, int version, bool all, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, Operations.Edit, cancellationToken) is null) return NotFound();
        var outcome = await store.ImportAsync(id, version, chosen ?? [], all, cancellationToken);
        (string key, string text) = outcome switch
        {
            ImportOutcome.Imported done => (PageMessages.Message, L.Plural(done.Count, "{0} activity imported as a draft of your organisation.", "{0} activities imported as drafts of your organisation.").Value),
            ImportOutcome.AlreadyDone { State: ImportState.Discarded } => (PageMessages.Problem, L["This upload was set aside: nothing was imported. Upload the file again."].Value),
            ImportOutcome.AlreadyDone => (PageMessages.Message, L["This upload was already imported: nothing more was imported."].Value),
            ImportOutcome.NothingChosen => (PageMessages.Problem, L["Tick at least one activity that can be imported."].Value),
            ImportOutcome.IdentifierTaken taken => (PageMessages.Problem, L["Nothing was imported: an initiative of another organisation was given the identifier {0} meanwhile.", taken.Identifier].Value),
            ImportOutcome.NotEditable refused => (PageMessages.Problem, L["Nothing was imported: the initiative “{0}” that an activity would update is published or held, and you may not change it. Leave that activity out, or ask an organisation admin.", refused.Title].Value),
            ImportOutcome.Changed => (PageMessages.Problem, L["Nothing was imported: the upload or one of the initiatives it updates changed meanwhile. Look at the preview again and import."].Value),
            _ => throw new InvalidOperationException($"Unexpected outcome {outcome}"),
        };
        TempData[key] = text;
        return Redirect($"/import/iati/{id}");
    }

    /// <summary>Sets the upload aside: its activities as read are deleted; nothing is imported from it.</summary>
    public async Task<IActionResult> OnPostDiscardAsync(int id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, Operations.Delete, cancellationToken) is null) return NotFound();
        if (await store.DiscardAsync(id, cancellationToken))
        {
            TempData[PageMessages.Message] = L["The upload was set aside; nothing was imported from it."].Value;
            return Redirect("/import/iati");
        }
        TempData[PageMessages.Problem] = L["This upload was already imported or set aside."].Value;
        return Redirect($"/import/iati/{id}");
    }
}
