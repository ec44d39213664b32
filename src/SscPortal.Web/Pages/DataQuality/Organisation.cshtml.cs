using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SscPortal.Web.Data;
using SscPortal.Web.Quality;

namespace SscPortal.Web.Pages.DataQuality;

/// <summary>
/// One organisation's public data-quality breakdown (/data-quality/{id}): its figures, and each of its published
/// initiatives with its score and findings. Only what the public may see: drafts and unpublished records are never read.
/// </summary>
[AllowAnonymous]
public class OrganisationModel(QualityReports reports, AppDbContext db) : PageModel
{
    public const int Shown = 500;

    public OrganisationQuality Figures { get; private set; } = null!;
    public IReadOnlyList<RecordQuality> Records { get; private set; } = [];
    public int Total { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await db.Actors.AnyAsync(a => a.Id == id, cancellationToken)) return NotFound();
        var (figures, records) = await reports.OrganisationAsync(id, publishedOnly: true, cancellationToken);
        Figures = figures;
        Total = records.Count;
        Records = records.Take(Shown).ToList();
        return Page();
    }
}
