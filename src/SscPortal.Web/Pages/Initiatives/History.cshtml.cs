using SscPortal.Web.Records;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SscPortal.Web.Authorization;
using SscPortal.Web.Catalogue;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Initiatives;

/// <summary>
/// Every change to a record: when (UTC), for which organisation, what changed from what to what. Anyone who can see the
/// record sees its history; the person's address only its organisation's members and platform staff.
/// </summary>
[AllowAnonymous]
public class HistoryModel(AppDbContext db, Rights rights, History history, LocationsForReader locations) : PageModel
{
    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public string Language { get; private set; } = "en";
    public bool ShowsPeople { get; private set; }

    /// <summary>
    /// Set when the initiative works in a sensitive setting and the reader may not see its precise locations: the history
    /// then leaves out what was recorded of its locations (the values were precise), and says so.
    /// </summary>
    public bool LocationsLeftOut { get; private set; }
    public IReadOnlyList<History.Entry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var record = await db.Initiatives.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new { i.Title, i.Language, i.Sensitivity, i.ThematicAreas, Rights = new InitiativeResource(i.OwnerId, i.Publication, i.HeldByModerator) }).SingleOrDefaultAsync(cancellationToken);
        if (record is null || !await rights.MayAsync(record.Rights, Operations.See)) return NotFound();
        Id = id;
        Title = record.Title;
        Language = record.Language;
        ShowsPeople = await rights.MayAsync(record.Rights, Operations.SeePeople);
        Entries = await history.EntriesAsync(RecordType.Initiative, id, ShowsPeople, cancellationToken);
        if (!await locations.SeesPreciseAsync(record.Rights, record.Sensitivity, record.ThematicAreas))
        {
            LocationsLeftOut = Entries.Any(e => e.Fields.Any(f => f.Field == nameof(Initiative.Locations)));
            Entries = Entries.Select(e => e with { Fields = e.Fields.Where(f => f.Field != nameof(Initiative.Locations)).ToList() }).ToList();
        }
        return Page();
    }
}
