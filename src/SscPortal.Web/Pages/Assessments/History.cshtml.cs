using SscPortal.Web.Records;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SscPortal.Web.Authorization;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Assessments;

/// <summary>
/// Every change to an assessment: drafts saved, publication, revision, responses, unpublishing. Anyone who can see the
/// assessment sees its history; the person's address only the assessor's members and platform staff.
/// </summary>
[AllowAnonymous]
public class HistoryModel(AppDbContext db, Rights rights, History history) : PageModel
{
    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public IReadOnlyList<History.Entry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var record = await db.Assessments.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.Initiative!.Title, Rights = new AssessmentResource(a.AssessorId, a.InitiativeId, a.Publication, a.Initiative.Publication == PublicationState.Published) })
            .SingleOrDefaultAsync(cancellationToken);
        if (record is null || !await rights.MayAsync(record.Rights, Operations.See)) return NotFound();
        Id = id;
        Title = record.Title;
        var showPeople = await rights.MayAsync(record.Rights, Operations.SeePeople);
        Entries = await history.EntriesAsync(RecordType.Assessment, id, showPeople, cancellationToken);
        return Page();
    }
}
