using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.My;

/// <summary>My work: the records of my organisations by state, with what needs attention first.</summary>
[Authorize]
public class IndexModel(AppDbContext db, Access access) : PageModel
{
    public const int PerState = 200;

    public sealed record Row(int Id, string Title, string Language, string OwnerName, int OwnerId, PublicationState Publication, string? UnpublishedReason, DateTime UpdatedAt);

    public IReadOnlyList<Access.ActiveMembership> Organisations { get; private set; } = [];
    public IReadOnlyList<Row> Drafts { get; private set; } = [];
    public IReadOnlyList<Row> Unpublished { get; private set; } = [];
    public IReadOnlyList<Row> Published { get; private set; } = [];
    public IReadOnlySet<int> CanPublishFor { get; private set; } = new HashSet<int>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Organisations = await access.OrganisationsWhereAsync(Permission.EditOwnInitiatives);
        CanPublishFor = (await access.OrganisationsWhereAsync(Permission.PublishOwnInitiatives)).Select(o => o.ActorId).ToHashSet();
        var owners = Organisations.Select(o => o.ActorId).ToList();
        var mine = db.Initiatives.AsNoTracking().Where(i => owners.Contains(i.OwnerId));
        async Task<IReadOnlyList<Row>> ReadAsync(PublicationState state) =>
            await mine.Where(i => i.Publication == state).OrderByDescending(i => i.UpdatedAt).ThenByDescending(i => i.Id).Take(PerState)
                .Select(i => new Row(i.Id, i.Title, i.Language, i.Owner!.Name, i.OwnerId, i.Publication, i.UnpublishedReason, i.UpdatedAt))
                .ToListAsync(cancellationToken);
        Unpublished = await ReadAsync(PublicationState.Unpublished);
        Drafts = await ReadAsync(PublicationState.Draft);
        Published = await ReadAsync(PublicationState.Published);
    }
}
