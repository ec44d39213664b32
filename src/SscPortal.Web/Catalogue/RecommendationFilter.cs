using System.Globalization;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.OpenData;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Catalogue;

/// <summary>
/// The recommendation tracker's question (issue 16): country, addressed organisation, status, priority, principle, year of
/// publication and "overdue", read from the address. One reader, <see cref="Query"/> (an <see cref="ApiQuery"/>), checks the
/// values for the page, the CSV, the JSON API and the feed alike: the page shows what it did not understand and leaves that
/// filter out; the others answer 400 with the same messages.
/// </summary>
public sealed class RecommendationFilter
{
    /// <summary>The filters' parameters, in the order links write them, as the JSON API documents them.</summary>
    public static readonly ApiParameter[] Parameters =
    [
        ApiParameter.Code("country", "CountryCode", names => names.Countries.Keys.Order(StringComparer.Ordinal).ToList(),
                "An ISO 3166-1 alpha-2 country code, in any case: recommendations on initiatives in which the country takes part.")
            with { Message = (L, value) => L["There is no country with the code “{0}”.", value] },
        ApiParameter.WholeNumber("organisation", 1, int.MaxValue, "The id of the organisation the recommendations are addressed to (see /api/v1/actors).")
            with { Message = (L, value) => L["“{0}” is not an organisation's id.", value] },
        ApiParameter.Code<RecommendationStatus>("status", "RecommendationStatusCode", "Where the recommendation stands, as its addressed party last said, in any case."),
        ApiParameter.Code<RecommendationPriority>("priority", "RecommendationPriorityCode", "The priority the assessor gave it, in any case."),
        ApiParameter.Code("principle", "PrincipleCode", names => names.Principles.Select(p => p.Code).ToList(), "A principle of South-South cooperation it relates to.")
            with { Message = (L, value) => L["“{0}” is not a principle.", value] },
        ApiParameter.WholeNumber("year", 1950, 2100, "The year its assessment was published.")
            with { Message = (L, value) => L["“{0}” is not a year from 1950 to 2100.", value] },
        ApiParameter.Code("overdue", null, _ => ["yes", "true", "1"],
            "Only commitments whose target date has passed without the work being reported implemented."),
    ];

    /// <summary>The filters alone (the page reads its page position itself; the API adds limit and after).</summary>
    public static readonly ApiQuery Query = new("RecommendationFilters", Parameters);

    /// <summary>Statuses whose target date can pass: a commitment not yet reported implemented (as <see cref="Recommendation.IsOverdueAt"/> says).</summary>
    public static readonly RecommendationStatus[] OverdueStatuses =
        Enum.GetValues<RecommendationStatus>().Where(s => Recommendation.IsOverdueAt(s, DateOnly.MinValue, DateOnly.MaxValue)).ToArray();

    public string? Country { get; private init; }
    public int? Organisation { get; private init; }
    public RecommendationStatus? Status { get; private init; }
    public RecommendationPriority? Priority { get; private init; }
    public string? Principle { get; private init; }
    public int? Year { get; private init; }
    public bool Overdue { get; private init; }

    /// <summary>The values the reader accepted (a refused one is left out, with its problem in <see cref="ApiQueryValues.Errors"/>).</summary>
    public static RecommendationFilter From(ApiQueryValues values) => new()
    {
        Country = values["country"],
        Organisation = values.Number("organisation"),
        Status = values.Code<RecommendationStatus>("status"),
        Priority = values.Code<RecommendationPriority>("priority"),
        Principle = values["principle"],
        Year = values.Number("year"),
        Overdue = values["overdue"] is not null,
    };

    /// <summary>Reads and checks the address's values with <see cref="Query"/>.</summary>
    public static (RecommendationFilter Filter, ApiQueryValues Values) Read(IQueryCollection query, ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L)
    {
        var values = Query.Read(query, names, L);
        return (From(values), values);
    }

    public bool IsEmpty => Values().All(v => v.Value is null);

    /// <summary>The filter's values as address parameters (null for those not set).</summary>
    public IEnumerable<KeyValuePair<string, string?>> Values() =>
    [
        new("country", Country), new("organisation", Organisation?.ToString(CultureInfo.InvariantCulture)), new("status", Status?.ToUrlValue()),
        new("priority", Priority?.ToUrlValue()), new("principle", Principle), new("year", Year?.ToString(CultureInfo.InvariantCulture)),
        new("overdue", Overdue ? "yes" : null),
    ];

    /// <summary>An address with this filter, one parameter changed (null removes it), and extra parameters such as a page cursor.</summary>
    public string Link(string path, string? parameter = null, string? value = null, params (string Name, string? Value)[] extra)
    {
        var values = Values().Select(v => v.Key == parameter ? new KeyValuePair<string, string?>(v.Key, value) : v)
            .Concat(extra.Select(e => new KeyValuePair<string, string?>(e.Name, e.Value)))
            .Where(v => v.Value is not null).ToList();
        return values.Count == 0 ? path : path + QueryString.Create(values);
    }

    /// <summary>The publicly tracked recommendations that answer the filter; <paramref name="except"/> leaves one facet out (for its own counts).</summary>
    public IQueryable<Recommendation> Apply(IQueryable<Recommendation> recommendations, DateOnly today, string? except = null)
    {
        var query = recommendations.PubliclyTracked();
        if (Country is { } country && except != "country") query = query.Where(r => r.Assessment!.Initiative!.Countries.Any(c => c.CountryCode == country));
        if (Organisation is { } organisation && except != "organisation") query = query.Where(r => r.AddressedToId == organisation);
        if (Status is { } status && except != "status") query = query.Where(r => r.Status == status);
        if (Priority is { } priority && except != "priority") query = query.Where(r => r.Priority == priority);
        if (Principle is { } principle && except != "principle") query = query.Where(r => r.Principles.Any(p => p.PrincipleCode == principle));
        if (Year is { } year && except != "year")
        {
            // A range on the publication time rather than its year, so the database may use an index on it.
            var from = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var to = from.AddYears(1);
            query = query.Where(r => r.Assessment!.PublishedAt >= from && r.Assessment.PublishedAt < to);
        }
        if (Overdue && except != "overdue") query = query.OverdueAt(today);
        return query;
    }
}
