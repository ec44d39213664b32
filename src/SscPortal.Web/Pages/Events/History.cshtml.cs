using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Records;

namespace SscPortal.Web.Pages.Events;

/// <summary>
/// Every change to an event: when (UTC), for which organisation, what changed from what to what (its programme, its
/// co-organisers, its publication). Anyone who can see the event sees its history; the person's address only its
/// organisers and platform staff.
/// </summary>
[AllowAnonymous]
public class HistoryModel(AppDbContext db, Rights rights, History history) : PageModel
{
    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public IReadOnlyList<History.Entry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var record = await db.Events.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new
            {
                e.Title,
                Rights = new EventResource(e.OwnerId, e.Publication, e.HeldByModerator,
                    e.CoOrganisers.Where(o => o.State == CoOrganiserState.Confirmed).Select(o => o.ActorId).ToList()),
            }).SingleOrDefaultAsync(cancellationToken);
        if (record is null || !await rights.MayAsync(record.Rights, Operations.See)) return NotFound();
        Id = id;
        Title = record.Title;
        Entries = await history.EntriesAsync(RecordType.Event, id, await rights.MayAsync(record.Rights, Operations.SeePeople), cancellationToken);
        return Page();
    }
}
