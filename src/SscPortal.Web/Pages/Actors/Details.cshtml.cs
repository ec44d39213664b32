using SscPortal.Web.Reference;
using SscPortal.Web.Caching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using SscPortal.Web.Authorization;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Actors;

/// <summary>
/// One organisation and the published initiatives it takes part in, with its roles in each; an official one, also its record
/// as a duty-bearer (the assessments it received and how it responded).
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class DetailsModel(AppDbContext db, ReferenceData referenceData, Rights rights, ResponseDeadlines deadlines, TimeProvider clock) : PageModel
{
    public sealed record View(
        int Id, string Name, string? Acronym, ActorType Type, string? CountryCode, string? Scope,
        string? Website, string? IatiIdentifier, string? Description, bool IsVerified, int MemberCount);

    public sealed record Participation(int Id, string Title, string Language, Modality Modality, ActivityStatus Status, IReadOnlyList<ActorRole> Roles);

    public View Actor { get; private set; } = null!;
    public IReadOnlyList<Participation> Initiatives { get; private set; } = [];
    public IReadOnlyList<(int Id, string Title)> Partnerships { get; private set; } = [];
    public ReferenceData.Snapshot Names { get; private set; } = null!;

    /// <summary>Its record as a duty-bearer, for an official organisation (an agency, a government, an IGO); null for the others.</summary>
    public DutyBearerRecord? Record { get; private set; }
    public int ResponseDays => deadlines.ResponseDays;

    /// <summary>The recommendations of public assessments addressed to it, by status (the tracker's counts).</summary>
    public RecommendationCounts Recommendations { get; private set; } = new(new Dictionary<RecommendationStatus, int>(), 0);

    /// <summary>Whether the reader may record the organisation's IATI identifier (its organisation admins, moderators, administrators).</summary>
    public bool CanRecordIdentifier { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var actor = await db.Actors.AsNoTracking()
            .Where(a => a.Id == id)
            .Select(a => new View(a.Id, a.Name, a.Acronym, a.Type, a.CountryCode, a.Scope, a.Website, a.IatiIdentifier, a.Description, a.IsVerified,
                a.Memberships.Count(m => m.Status == MembershipStatus.Active)))
            .SingleOrDefaultAsync(cancellationToken);
        if (actor is null) return NotFound();

        var roles = await db.Initiatives.AsNoTracking().Published()
            .SelectMany(i => i.Actors.Where(a => a.ActorId == id), (i, a) => new { i.Id, i.Title, i.Language, i.Modality, i.Status, i.PublishedAt, a.Role })
            .OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id)
            .ToListAsync(cancellationToken);
        Initiatives = roles.GroupBy(r => r.Id)
            .Select(g => new Participation(g.Key, g.First().Title, g.First().Language, g.First().Modality, g.First().Status, g.Select(r => r.Role).Order().ToList()))
            .ToList();
        Actor = actor;
        Partnerships = (await db.Partnerships.AsNoTracking().PublishedSignedBy(id)
                .OrderBy(p => p.Title).Select(p => new { p.Id, p.Title }).ToListAsync(cancellationToken))
            .Select(p => (p.Id, p.Title)).ToList();
        Names = await referenceData.GetAsync(cancellationToken);
        if (AccessTable.KindOf(actor.Type) == OrganisationKind.Official) Record = await deadlines.RecordOfAsync(id, cancellationToken);
        Recommendations = await RecommendationQueries.CountByStatusAsync(db.Recommendations.AsNoTracking().PubliclyTracked().Where(r => r.AddressedToId == id),
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
        CanRecordIdentifier = User.Identity?.IsAuthenticated == true
            && await rights.MayAsync(new OrganisationResource(id), Operations.SetIdentifier);
        return Page();
    }
}
