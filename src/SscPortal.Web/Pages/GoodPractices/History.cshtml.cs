using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Records;

namespace SscPortal.Web.Pages.GoodPractices;

/// <summary>
/// Every change to a good practice: when (UTC), for which organisation, what changed from what to what. Anyone who can see
/// the good practice sees its history; who made a change only its organisation's members and platform staff.
/// </summary>
[AllowAnonymous]
public class HistoryModel(AppDbContext db, Rights rights, History history) : PageModel
{
    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public IReadOnlyList<History.Entry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var record = await db.GoodPractices.AsNoTracking().Where(g => g.Id == id)
            .Select(g => new { g.Title, Rights = new GoodPracticeResource(g.OwnerId, g.Publication, g.HeldByModerator) }).SingleOrDefaultAsync(cancellationToken);
        if (record is null || !await rights.MayAsync(record.Rights, Operations.See)) return NotFound();
        Id = id;
        Title = record.Title;
        Entries = await history.EntriesAsync(RecordType.GoodPractice, id, await rights.MayAsync(record.Rights, Operations.SeePeople), cancellationToken);
        return Page();
    }
}
