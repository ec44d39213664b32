using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;

namespace SscPortal.Web.Catalogue;

public static class AssessmentQueries
{
    /// <summary>What the public sees of assessments: published, the latest revision, of a published initiative.</summary>
    public static IQueryable<Assessment> CurrentlyPublished(this IQueryable<Assessment> assessments) =>
        assessments.Where(a => a.Publication == PublicationState.Published && a.SupersededById == null && a.Initiative!.Publication == PublicationState.Published);

    /// <summary>Assessments of initiatives in which the country (an upper-case code) takes part, in any role.</summary>
    public static IQueryable<Assessment> InCountry(this IQueryable<Assessment> assessments, string country) =>
        assessments.Where(a => a.Initiative!.Countries.Any(c => c.CountryCode == country));
}

/// <summary>
/// How a set of published assessments scored one thing (a principle, a dimension), for one perspective: how many,
/// how many had no scored answer, the mean of their averages and how they spread over the scale.
/// Perspectives are never mixed into one figure.
/// </summary>
public sealed record ScoreDistribution(
    AssessmentPerspective Perspective, int Assessments, int WithoutScore, double? Mean, int Below1, int From1To2, int From2To3, int From3Up)
{
    /// <summary>One assessment's score (a class with init properties, not a positional record, so that queries can group by it).</summary>
    public sealed class Point
    {
        public AssessmentPerspective Perspective { get; init; }
        public double? Average { get; init; }
    }

    public static async Task<IReadOnlyList<ScoreDistribution>> ByPerspectiveAsync(IQueryable<Point> points, CancellationToken cancellationToken) =>
        (await points.GroupBy(p => p.Perspective).Select(g => new ScoreDistribution(g.Key, g.Count(), g.Count(p => p.Average == null),
                g.Average(p => p.Average),
                g.Count(p => p.Average < 1), g.Count(p => p.Average >= 1 && p.Average < 2), g.Count(p => p.Average >= 2 && p.Average < 3), g.Count(p => p.Average >= 3)))
            .ToListAsync(cancellationToken))
        .OrderBy(d => d.Perspective).ToList();
}
