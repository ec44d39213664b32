using SscPortal.Web.Reference;
using SscPortal.Web.Caching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Pages.Countries;

/// <summary>
/// One country's South-South cooperation as assessed: its published initiatives, how many have a published assessment,
/// and how those assessments score each dimension, perspective by perspective, with counts.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class DetailsModel([FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, TimeProvider clock) : PageModel
{
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int Initiatives { get; private set; }
    public int AssessedInitiatives { get; private set; }
    public int AsProvider { get; private set; }
    public int AsRecipient { get; private set; }
    /// <summary>The recommendations of public assessments of its initiatives, by status (the tracker's counts).</summary>
    public RecommendationCounts Recommendations { get; private set; } = new(new Dictionary<RecommendationStatus, int>(), 0);
    public IReadOnlyList<(FrameworkDimension Dimension, IReadOnlyList<ScoreDistribution> Scores)> Dimensions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var names = await referenceData.GetAsync(cancellationToken);
        code = code.ToUpperInvariant();
        if (!names.Countries.ContainsKey(code)) return NotFound();
        (Code, Name) = (code, names.CountryName(code, PortalCultures.Current));

        var initiatives = db.Initiatives.AsNoTracking().Published().Where(i => i.Countries.Any(c => c.CountryCode == code));
        Initiatives = await initiatives.CountAsync(cancellationToken);
        AsProvider = await initiatives.CountAsync(i => i.Countries.Any(c => c.CountryCode == code
            && (c.Role == CountryRole.Provider || c.Role == CountryRole.FirstProvider || c.Role == CountryRole.SecondProvider || c.Role == CountryRole.Both)), cancellationToken);
        AsRecipient = await initiatives.CountAsync(i => i.Countries.Any(c => c.CountryCode == code && (c.Role == CountryRole.Recipient || c.Role == CountryRole.Both)), cancellationToken);
        var assessments = db.Assessments.AsNoTracking().CurrentlyPublished().InCountry(code);
        AssessedInitiatives = await assessments.Select(a => a.InitiativeId).Distinct().CountAsync(cancellationToken);
        Recommendations = await RecommendationQueries.CountByStatusAsync(db.Recommendations.AsNoTracking().PubliclyTracked().InCountry(code),
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);

        var framework = await db.AssessmentFrameworks.AsNoTracking().OrderByDescending(f => f.Version).FirstAsync(cancellationToken);
        var dimensions = new List<(FrameworkDimension, IReadOnlyList<ScoreDistribution>)>();
        foreach (var dimension in framework.Dimensions)
        {
            var dimensionCode = dimension.Code;
            var points = db.AssessmentScores.AsNoTracking().Where(s => s.Scope == ScoreScope.Dimension && s.Code == dimensionCode)
                .Join(assessments, s => s.AssessmentId, a => a.Id, (s, a) => new ScoreDistribution.Point { Perspective = a.Perspective, Average = s.Average });
            dimensions.Add((dimension, await ScoreDistribution.ByPerspectiveAsync(points, cancellationToken)));
        }
        Dimensions = dimensions;
        return Page();
    }
}
