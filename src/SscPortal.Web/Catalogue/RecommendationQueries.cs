using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Catalogue;

/// <summary>
/// The public read side of the recommendation tracker: which recommendations are public, their order and paging, one
/// page's rows with what was said of them, and the counts by status that organisation and country pages show.
/// </summary>
public static class RecommendationQueries
{
    /// <summary>What the public sees: recommendations of a published assessment, its latest revision, of a published initiative.</summary>
    public static IQueryable<Recommendation> PubliclyTracked(this IQueryable<Recommendation> recommendations) =>
        recommendations.Where(r => r.Assessment!.Publication == PublicationState.Published && r.Assessment.SupersededById == null
            && r.Assessment.Initiative!.Publication == PublicationState.Published);

    /// <summary>Commitments whose target date is before <paramref name="today"/>, not reported implemented (<see cref="Recommendation.IsOverdueAt"/>).</summary>
    public static IQueryable<Recommendation> OverdueAt(this IQueryable<Recommendation> recommendations, DateOnly today)
    {
        var statuses = RecommendationFilter.OverdueStatuses;
        return recommendations.Where(r => statuses.Contains(r.Status) && r.TargetDate != null && r.TargetDate < today);
    }

    /// <summary>Recommendations on initiatives in which the country (an upper-case code) takes part.</summary>
    public static IQueryable<Recommendation> InCountry(this IQueryable<Recommendation> recommendations, string country) =>
        recommendations.Where(r => r.Assessment!.Initiative!.Countries.Any(c => c.CountryCode == country));

    /// <summary>
    /// The tracker's order: the newest published assessment first, each one's recommendations by number. The id breaks the
    /// (never expected) tie of two with one number, so the order is unique and keyset paging never repeats or skips a row.
    /// </summary>
    public static IQueryable<Recommendation> InTrackerOrder(this IQueryable<Recommendation> recommendations) =>
        recommendations.OrderByDescending(r => r.Assessment!.PublishedAt).ThenByDescending(r => r.AssessmentId).ThenBy(r => r.Number).ThenBy(r => r.Id);

    /// <summary>The recommendations after <paramref name="position"/> in <see cref="InTrackerOrder"/>.</summary>
    public static IQueryable<Recommendation> After(this IQueryable<Recommendation> recommendations, TrackerPosition position)
    {
        var (at, assessment, number, id) = position;
        return recommendations.Where(r => r.Assessment!.PublishedAt <= at
            && (r.Assessment.PublishedAt < at
                || r.AssessmentId < assessment
                || (r.AssessmentId == assessment && (r.Number > number || (r.Number == number && r.Id > id)))));
    }

    /// <summary>One page of rows, in the tracker's order.</summary>
    public static Task<List<TrackedRecommendation>> ReadAsync(IQueryable<Recommendation> recommendations, TrackerPosition? after, int take, CancellationToken cancellationToken)
    {
        if (after is { } position) recommendations = recommendations.After(position);
        return recommendations.InTrackerOrder().Take(take)
            .Select(r => new TrackedRecommendation(r.Id, r.Number, r.Text, r.AddressedToId, r.AddressedTo!.Name, r.AddressedTo.Type, r.Status, r.Priority,
                r.TargetDate, r.LastStatementAt, r.ThreadId, r.Indicators, r.Principles.Select(p => p.PrincipleCode).ToList(),
                r.AssessmentId, r.Assessment!.PublishedAt!.Value, r.Assessment.AssessorId, r.Assessment.Assessor!.Name, r.Assessment.Assessor.Type,
                r.Assessment.InitiativeId, r.Assessment.Initiative!.Title, r.Assessment.Initiative.Language))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// What was said of each row's thread, oldest first, by thread. A statement a moderator hid keeps its date, kind, status
    /// and the reason; its words (text, commitment, evidence) are never read out of the database.
    /// </summary>
    public static async Task<ILookup<int, TrackedStatement>> StatementsAsync(AppDbContext db, IEnumerable<TrackedRecommendation> rows, CancellationToken cancellationToken)
    {
        var threads = rows.Select(r => r.Thread).Distinct().ToList();
        if (threads.Count == 0) return Array.Empty<TrackedStatement>().ToLookup(s => s.ThreadId);
        return (await db.RecommendationStatements.AsNoTracking().Where(s => threads.Contains(s.ThreadId))
                .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
                .Select(s => new TrackedStatement(s.Id, s.ThreadId, s.Kind, s.OrganisationId, s.Organisation!.Name, s.Organisation.Type, s.Status, s.Verdict, s.AboutId,
                    s.CreatedAt, s.TargetDate, s.HiddenAt != null, s.HiddenReason,
                    s.HiddenAt == null ? s.Text : null, s.HiddenAt == null ? s.Commitment : null, s.HiddenAt == null ? s.EvidenceUrl : null))
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.ThreadId);
    }

    /// <summary>The countries of each row's initiative, by initiative.</summary>
    public static async Task<ILookup<int, string>> CountriesAsync(AppDbContext db, IEnumerable<TrackedRecommendation> rows, CancellationToken cancellationToken)
    {
        var initiatives = rows.Select(r => r.InitiativeId).Distinct().ToList();
        return (await db.Set<InitiativeCountry>().AsNoTracking().Where(c => initiatives.Contains(c.InitiativeId))
                .OrderBy(c => c.CountryCode).Select(c => new { c.InitiativeId, c.CountryCode }).ToListAsync(cancellationToken))
            .ToLookup(c => c.InitiativeId, c => c.CountryCode);
    }

    /// <summary>How many of the recommendations stand at each status and how many are overdue, in one grouped query.</summary>
    public static async Task<RecommendationCounts> CountByStatusAsync(IQueryable<Recommendation> recommendations, DateOnly today, CancellationToken cancellationToken)
    {
        var statuses = RecommendationFilter.OverdueStatuses;
        var groups = await recommendations.GroupBy(r => r.Status)
            .Select(g => new { Status = g.Key, Count = g.Count(), Overdue = g.Count(r => statuses.Contains(r.Status) && r.TargetDate != null && r.TargetDate < today) })
            .ToListAsync(cancellationToken);
        return new RecommendationCounts(groups.ToDictionary(g => g.Status, g => g.Count), groups.Sum(g => g.Overdue));
    }
}

/// <summary>A position in the tracker's order (<see cref="RecommendationQueries.InTrackerOrder"/>), written into links as a <see cref="KeysetCursor"/>.</summary>
public readonly record struct TrackerPosition(DateTime PublishedAt, int AssessmentId, int Number, int Id)
{
    public static TrackerPosition Of(TrackedRecommendation row) => new(row.PublishedAt, row.AssessmentId, row.Number, row.Id);

    public KeysetCursor ToCursor() => new(string.Create(CultureInfo.InvariantCulture, $"{PublishedAt.Ticks}.{AssessmentId}.{Number}"), Id);

    public static bool TryFrom(KeysetCursor cursor, out TrackerPosition position)
    {
        position = default;
        var parts = cursor.SortKey.Split('.');
        if (parts.Length != 3
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTime.MaxValue.Ticks
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var assessment)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return false;
        position = new TrackerPosition(new DateTime(ticks, DateTimeKind.Utc), assessment, number, cursor.Id);
        return true;
    }

    public static bool TryDecode(string? token, out TrackerPosition position)
    {
        position = default;
        return KeysetCursor.TryDecode(token, out var cursor) && TryFrom(cursor, out position);
    }
}

/// <summary>One recommendation as the tracker lists it, with its assessment and initiative.</summary>
public sealed record TrackedRecommendation(
    int Id, int Number, string Text, int AddressedToId, string AddressedToName, ActorType AddressedToType, RecommendationStatus Status,
    RecommendationPriority Priority, DateOnly? TargetDate, DateTime? LastStatementAt, int? ThreadId, List<string> Indicators, List<string> Principles,
    int AssessmentId, DateTime PublishedAt, int AssessorId, string AssessorName, ActorType AssessorType,
    int InitiativeId, string InitiativeTitle, string InitiativeLanguage)
{
    public int Thread => ThreadId ?? Id;

    public bool IsOverdue(DateOnly today) => Recommendation.IsOverdueAt(Status, TargetDate, today);

    /// <summary>Its place on its assessment's page.</summary>
    public string Path => string.Create(CultureInfo.InvariantCulture, $"/assessments/{AssessmentId}#recommendation-{Id}");
}

/// <summary>Something said of a recommendation; <see cref="Text"/>, <see cref="Commitment"/> and <see cref="EvidenceUrl"/> are null once a moderator hid it.</summary>
public sealed record TrackedStatement(
    int Id, int ThreadId, StatementKind Kind, int OrganisationId, string OrganisationName, ActorType OrganisationType, RecommendationStatus? Status,
    AssessorVerdict? Verdict, int? AboutId, DateTime CreatedAt, DateOnly? TargetDate, bool Hidden, string? HiddenReason,
    string? Text, string? Commitment, string? EvidenceUrl);

/// <summary>How many recommendations stand at each status, and how many of them are overdue.</summary>
public sealed record RecommendationCounts(IReadOnlyDictionary<RecommendationStatus, int> ByStatus, int Overdue)
{
    public int Total => ByStatus.Values.Sum();

    public int this[RecommendationStatus status] => ByStatus.GetValueOrDefault(status);
}
