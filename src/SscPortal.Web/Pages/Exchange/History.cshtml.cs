using SscPortal.Web.Records;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SscPortal.Web.Authorization;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Exchange;

/// <summary>
/// Every change to an offer or need: when (UTC), for which organisation, what changed from what to what. Anyone who can see
/// the offer or need sees its history; the person's address only its organisation's members and platform staff.
/// </summary>
[AllowAnonymous]
public class HistoryModel(AppDbContext db, Rights rights, History history) : PageModel
{
    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public IReadOnlyList<History.Entry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var record = await db.Listings.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.Title, Rights = new ListingResource(p.OwnerId, p.Publication, p.HeldByModerator) }).SingleOrDefaultAsync(cancellationToken);
        if (record is null || !await rights.MayAsync(record.Rights, Operations.See)) return NotFound();
        Id = id;
        Title = record.Title;
        Entries = await history.EntriesAsync(RecordType.Listing, id, await rights.MayAsync(record.Rights, Operations.SeePeople), cancellationToken);
        return Page();
    }
}
