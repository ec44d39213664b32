using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
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
public class HistoryModel(AppDbContext db, Access access, AssessmentRights rights, History history) : PageModel
{
    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public IReadOnlyList<History.Entry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var record = await db.Assessments.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.Initiative!.Title, a.AssessorId, a.Publication, InitiativePublished = a.Initiative.Publication == PublicationState.Published })
            .SingleOrDefaultAsync(cancellationToken);
        if (record is null || !await rights.CanSeeAsync(record.Publication, record.AssessorId, record.InitiativePublished)) return NotFound();
        Id = id;
        Title = record.Title;
        var showPeople = await rights.IsAssessorMemberAsync(record.AssessorId) || access.CanOnPlatform(Permission.ReadAuditLog);
        Entries = await history.EntriesAsync(RecordType.Assessment, id, showPeople, cancellationToken);
        return Page();
    }
}
