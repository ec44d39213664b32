using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Records;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Calls;

/// <summary>
/// Every change to a call: when (UTC), for which organisation, what changed from what to what (a deadline extended among
/// them). Anyone who can see the call sees its history; the person's address only its organisation's members and platform staff.
/// </summary>
[AllowAnonymous]
public class HistoryModel(AppDbContext db, Rights rights, History history) : PageModel
{
    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public IReadOnlyList<History.Entry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var record = await db.Calls.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.Title, Rights = new CallResource(c.OwnerId, c.Publication, c.HeldByModerator, false) }).SingleOrDefaultAsync(cancellationToken);
        if (record is null || !await rights.MayAsync(record.Rights, Operations.See)) return NotFound();
        Id = id;
        Title = record.Title;
        Entries = await history.EntriesAsync(RecordType.Call, id, await rights.MayAsync(record.Rights, Operations.SeePeople), cancellationToken);
        return Page();
    }
}
