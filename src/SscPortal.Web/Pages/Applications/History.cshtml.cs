using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Records;

namespace SscPortal.Web.Pages.Applications;

/// <summary>
/// Every change to an application: when (UTC), for which organisation, what changed from what to what (partners named,
/// confirmed or declined, its submission with its fingerprint). Whoever may read the application reads its history; the
/// person's address only its organisation's members and platform staff.
/// </summary>
[Authorize]
public class HistoryModel(AppDbContext db, Rights rights, History history) : PageModel
{
    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public IReadOnlyList<History.Entry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var record = await db.CallApplications.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.Title, a.ApplicantId, CallOwnerId = a.Call!.OwnerId, a.State, Partners = a.Partners.Select(p => p.OrganisationId).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        if (record is null) return NotFound();
        var resource = new ApplicationResource(id, record.ApplicantId, record.CallOwnerId, record.State, record.Partners);
        if (!await rights.MayAsync(resource, Operations.See)) return NotFound();
        Id = id;
        Title = record.Title;
        Entries = await history.EntriesAsync(RecordType.CallApplication, id, await rights.MayAsync(resource, Operations.SeePeople), cancellationToken);
        return Page();
    }
}
