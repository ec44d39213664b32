using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Import;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Import;

/// <summary>
/// Uploading IATI activity files for one of the reader's organisations (those whose initiatives they may edit), and the
/// recent uploads of those organisations. The files are read as they stream (the form keeps a large file on disk, never
/// whole in memory) and checked; the preview follows. A file refused whole (not XML, a DOCTYPE, not an activity file, an
/// unsupported version, too large) is said beside the file field and nothing is saved. The request size limit of this page
/// follows Import:MaxMegabytes (<see cref="ImportRequestLimitsAttribute"/>).
/// </summary>
[Authorize]
[ImportRequestLimits]
public class IndexModel(AppDbContext db, Rights rights, Access access, ImportStore store, Microsoft.Extensions.Options.IOptions<ImportOptions> options, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record Upload(int Id, string OwnerName, string FileNames, DateTime CreatedAt, ImportState State, int ActivityCount, int RejectedCount, int ImportedCount);

    public IReadOnlyList<Access.ActiveMembership> Organisations { get; private set; } = [];
    public IReadOnlyList<Upload> Uploads { get; private set; } = [];
    public string? FileError { get; private set; }
    public long MaxMegabytes => store.MaxBytes / 1024 / 1024;
    public int KeepDays => options.Value.KeepDays;

    [BindProperty(SupportsGet = true)] public int OrganisationId { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>The organisations the reader may import for: an upload becomes drafts of one of them.</summary>
    private Task<IReadOnlyList<Access.ActiveMembership>> OrganisationsAsync() =>
        rights.OrganisationsForAsync(id => new ImportResource(id, access.UserId ?? ""), Operations.Edit);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Organisations = await OrganisationsAsync();
        var owners = Organisations.Select(o => o.ActorId).ToList();
        Uploads = owners.Count == 0 ? [] : await db.IatiImports.AsNoTracking().Where(i => owners.Contains(i.OwnerId))
            .OrderByDescending(i => i.Id).Take(20)
            .Select(i => new Upload(i.Id, i.Owner!.Name, i.FileNames, i.CreatedAt, i.State, i.ActivityCount, i.RejectedCount, i.ImportedCount))
            .ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostUploadAsync(List<IFormFile>? files, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Organisations.All(o => o.ActorId != OrganisationId))
        {
            await rights.RefuseAsync(AuditTargets.Import, null, Operations.Edit);
            return Forbid();
        }
        var chosen = (files ?? []).Where(f => f.Length > 0).ToList();
        if (chosen.Count == 0) { FileError = L["Choose one or more IATI activity files (XML) to upload."]; return Page(); }
        // Said before a byte is read: the form announced the sizes.
        if (chosen.Sum(f => f.Length) > store.MaxBytes) { FileError = L["The files are larger than {0} MB together; split them into smaller uploads.", MaxMegabytes]; return Page(); }
        var outcome = await store.UploadAsync(OrganisationId, access.UserId!, chosen.Select(f => new UploadedFile(f.FileName, f.Length, f.OpenReadStream)).ToList(), cancellationToken);
        switch (outcome)
        {
            case UploadOutcome.Saved saved:
                return Redirect($"/import/iati/{saved.ImportId}");
            case UploadOutcome.Refused refused:
                FileError = refused.Problem.Code == ImportProblemCode.FileTooLarge
                    ? L["The files are larger than {0} MB together; split them into smaller uploads.", MaxMegabytes]
                    : L["{0} was not imported: {1}", refused.FileName, ImportText.WithLine(refused.Problem, L)];
                return Page();
            default:
                throw new InvalidOperationException($"Unexpected outcome {outcome}");
        }
    }
}
