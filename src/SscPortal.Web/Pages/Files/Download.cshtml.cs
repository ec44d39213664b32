using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Evidence;

namespace SscPortal.Web.Pages.Files;

/// <summary>
/// A file's bytes, streamed from the store with range requests, to whoever may read both the file and its record; a hidden
/// file only to its own organisation. Anyone else, and any id that is not a file, gets a 404.
/// </summary>
[AllowAnonymous]
public class DownloadModel(AppDbContext db, Rights rights, FileOwners owners, IFileStore store, OfficialParties officialParties, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var file = await db.EvidenceFiles.AsNoTracking().Where(f => f.Id == id)
            .Select(f => new { Item = f, Parties = f.Parties.Select(p => p.PartyId).ToList() }).SingleOrDefaultAsync(cancellationToken);
        if (file is null) return NotFound();
        var f = file.Item;
        var owner = await owners.FindAsync(f.OwnerKind, f.OwnerId, cancellationToken);
        if (owner is null || !await rights.MayAsync(owner.Resource, Operations.See)) return NotFound();
        var resource = f.OwnerKind == FileOwnerKind.Testimony
            ? await SscPortal.Web.Evidence.Testimonies.AudioResourceAsync(db, officialParties, f.OwnerId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken)
            : new EvidenceResource(f.OrganisationId, f.Visibility, file.Parties, owner.AssessmentId, f.ReportedAt is not null, f.State == FileState.AwaitingReview);
        if (resource is null || !await rights.MayAsync(resource, Operations.See)) return NotFound();
        if (f.HiddenAt is not null && !await rights.MayAsync(resource with { Visibility = EvidenceVisibility.Organisation, Reported = false }, Operations.See)) return NotFound();
        return new StoredFileResult(store, f.StorageKey, f.ContentType, f.Size, f.Sha256, f.FileName, f.UploadedAt, resource.Visibility == EvidenceVisibility.Public);
    }
}
