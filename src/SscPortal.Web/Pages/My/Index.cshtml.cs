using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SscPortal.Web.Authorization;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.My;

/// <summary>My work: the records and assessments of my organisations by state, with what needs attention first, and the responses to our assessments.</summary>
[Authorize]
public class IndexModel(AppDbContext db, Rights rights) : PageModel
{
    public const int PerState = 200;

    public sealed record Row(int Id, string Title, string Language, string OwnerName, int OwnerId, PublicationState Publication, string? UnpublishedReason, DateTime UpdatedAt);

    public IReadOnlyList<Access.ActiveMembership> Organisations { get; private set; } = [];
    public IReadOnlyList<Row> Drafts { get; private set; } = [];
    public IReadOnlyList<Row> Unpublished { get; private set; } = [];
    public IReadOnlyList<Row> Published { get; private set; } = [];
    public IReadOnlySet<int> CanPublishFor { get; private set; } = new HashSet<int>();

    /// <summary>Records said to be in finalisation or closed without an actual end date, that this person may complete.</summary>
    public IReadOnlyList<Row> LackingActualEnd { get; private set; } = [];

    public sealed record AssessmentRow(int Id, int InitiativeId, string InitiativeTitle, string InitiativeLanguage, string AssessorName,
        AssessmentPerspective Perspective, PublicationState Publication, string? UnpublishedReason, int Revision, DateTime UpdatedAt);
    public sealed record ResponseRow(int AssessmentId, string InitiativeTitle, string InitiativeLanguage, string ResponderName, DateTime PublishedAt);

    /// <summary>The assessments my organisations write, and the responses parties published to them (newest first).</summary>
    public IReadOnlyList<AssessmentRow> Assessments { get; private set; } = [];
    public IReadOnlyList<ResponseRow> Responses { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Organisations = await rights.OrganisationsForAsync(id => new InitiativeResource(id), Operations.Edit);
        CanPublishFor = (await rights.OrganisationsForAsync(id => new InitiativeResource(id), Operations.Publish)).Select(o => o.ActorId).ToHashSet();
        var owners = Organisations.Select(o => o.ActorId).ToList();
        var mine = db.Initiatives.AsNoTracking().Where(i => owners.Contains(i.OwnerId));
        async Task<IReadOnlyList<Row>> ReadAsync(PublicationState state) =>
            await mine.Where(i => i.Publication == state).OrderByDescending(i => i.UpdatedAt).ThenByDescending(i => i.Id).Take(PerState)
                .Select(i => new Row(i.Id, i.Title, i.Language, i.Owner!.Name, i.OwnerId, i.Publication, i.UnpublishedReason, i.UpdatedAt))
                .ToListAsync(cancellationToken);
        Unpublished = await ReadAsync(PublicationState.Unpublished);
        Drafts = await ReadAsync(PublicationState.Draft);
        Published = await ReadAsync(PublicationState.Published);
        LackingActualEnd = (await mine.Where(i => (i.Status == ActivityStatus.Finalisation || i.Status == ActivityStatus.Closed) && i.ActualEnd == null)
                .OrderByDescending(i => i.UpdatedAt).ThenByDescending(i => i.Id).Take(PerState)
                .Select(i => new Row(i.Id, i.Title, i.Language, i.Owner!.Name, i.OwnerId, i.Publication, i.UnpublishedReason, i.UpdatedAt))
                .ToListAsync(cancellationToken))
            // Drafts are completed by any member; published or unpublished records only by the organisation's admins.
            .Where(r => r.Publication == PublicationState.Draft || CanPublishFor.Contains(r.OwnerId)).ToList();

        // The drafts of every organisation whose unpublished assessments the person sees.
        var assessors = (await rights.OrganisationsForAsync(id => new AssessmentResource(id, 0), Operations.See)).Select(o => o.ActorId).ToList();
        Assessments = await db.Assessments.AsNoTracking().Where(a => assessors.Contains(a.AssessorId) && a.SupersededById == null)
            .OrderBy(a => a.Publication).ThenByDescending(a => a.UpdatedAt).Take(PerState)
            .Select(a => new AssessmentRow(a.Id, a.InitiativeId, a.Initiative!.Title, a.Initiative.Language, a.Assessor!.Name, a.Perspective,
                a.Publication, a.UnpublishedReason, a.Revision, a.UpdatedAt))
            .ToListAsync(cancellationToken);
        Responses = await db.AssessmentResponses.AsNoTracking().Where(r => assessors.Contains(r.Assessment!.AssessorId))
            .OrderByDescending(r => r.PublishedAt).Take(PerState)
            .Select(r => new ResponseRow(r.AssessmentId, r.Assessment!.Initiative!.Title, r.Assessment.Initiative.Language, r.Responder!.Name, r.PublishedAt))
            .ToListAsync(cancellationToken);
    }
}
