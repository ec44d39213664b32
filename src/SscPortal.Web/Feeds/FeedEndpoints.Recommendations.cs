using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;
using SscPortal.Web.Mail;
using SscPortal.Web.OpenData;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Feeds;

/// <summary>
/// The recommendation tracker's feed (issue 16): the recommendations the tracker lists with the same filters, the latest
/// change first (an answer or an update brings one back to the top), each pointing at its place on its assessment's page.
/// An entry says where the recommendation stands; it never carries what a statement said.
/// </summary>
public static partial class FeedEndpoints
{
    public const string RecommendationsPath = "/feeds/recommendations.atom";

    /// <summary>The tracker's filters, read and checked by the same <see cref="ApiQuery"/> as the page, the CSV and the API.</summary>
    public static readonly ApiQuery RecommendationsFeedQuery = new("RecommendationsFeed", RecommendationFilter.Parameters);

    public static string RecommendationsAddress(RecommendationFilter filter) => filter.Link(RecommendationsPath, extra: [("culture", PortalCultures.Current)]);

    private static async Task RecommendationsAsync(
        HttpContext context, [FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, PublicAddress address, TimeProvider clock, IStringLocalizer<SharedResource> L,
        CancellationToken cancellationToken)
    {
        if (Root(context, address) is not { } root) return;
        var names = await referenceData.GetAsync(cancellationToken);
        var values = RecommendationsFeedQuery.Read(context.Request.Query, names, L);
        if (!values.IsValid)
        {
            await ApiProblems.BadRequest(context.Request, values.Errors, L).ExecuteAsync(context);
            return;
        }
        var filter = RecommendationFilter.From(values);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var language = PortalCultures.Current;
        var rows = await filter.Apply(db.Recommendations.AsNoTracking(), today)
            .OrderByDescending(r => r.LastStatementAt ?? r.Assessment!.PublishedAt).ThenByDescending(r => r.Id).Take(AtomFeed.MaxEntries)
            .Select(r => new
            {
                r.Id, r.Number, r.Text, r.AssessmentId, r.Status, r.Priority, r.TargetDate, r.LastStatementAt, AddressedTo = r.AddressedTo!.Name,
                PublishedAt = r.Assessment!.PublishedAt!.Value, r.Assessment.AssessorId, AssessorName = r.Assessment.Assessor!.Name, r.Assessment.Initiative!.Title,
                Translated = r.Assessment.Initiative.Translations.Where(t => t.Language == language).Select(t => t.Title).ToList(),
            })
            .ToListAsync(cancellationToken);
        var entries = rows.Select(r =>
        {
            var standing = new List<string> { L[EnumLabels.For(r.Status)], L[EnumLabels.For(r.Priority)], L["Addressed to {0}", r.AddressedTo] };
            if (r.TargetDate is { } target) standing.Add($"{L["Target date"]}: {target.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
            if (Domain.Recommendation.IsOverdueAt(r.Status, r.TargetDate, today)) standing.Add(L["Target date passed"]);
            var clipped = r.Text.Length <= 500 ? r.Text : r.Text[..500] + "…";
            // The text is the assessor's; the summary is in the recommendation's own words, so no language is claimed for it.
            return new FeedEntry($"/assessments/{r.AssessmentId.ToString(CultureInfo.InvariantCulture)}#recommendation-{r.Id.ToString(CultureInfo.InvariantCulture)}",
                L["Recommendation {0} of the assessment of “{1}”", r.Number, r.Translated.Count > 0 ? r.Translated[0] : r.Title], null,
                $"{string.Join(" · ", standing)}. {clipped}", "",
                r.LastStatementAt is { } last && last > r.PublishedAt ? last : r.PublishedAt, r.PublishedAt, r.AssessorName, r.AssessorId);
        });
        var parts = await DescribeAsync(filter, names, db, L, language, cancellationToken);
        var title = parts.Count == 0 ? L["Recommendations"].Value : $"{L["Recommendations"]}: {string.Join(", ", parts)}";
        var feed = new FeedContent(RecommendationsAddress(filter), filter.Link("/recommendations"), title, AtomFeed.Newest(entries));
        await SendAsync(context, root, feed, L, cancellationToken);
    }

    /// <summary>The tracker's filter in words, for the feed's title.</summary>
    private static async Task<List<string>> DescribeAsync(
        RecommendationFilter filter, ReferenceData.Snapshot names, AppDbContext db, IStringLocalizer<SharedResource> L, string language, CancellationToken cancellationToken)
    {
        var parts = new List<string>();
        if (filter.Country is { } country) parts.Add(names.CountryName(country, language));
        if (filter.Organisation is { } organisation)
            parts.Add(L["Addressed to {0}", await ActorNameAsync(db, organisation, cancellationToken) ?? $"#{organisation.ToString(CultureInfo.InvariantCulture)}"]);
        if (filter.Status is { } status) parts.Add(L[EnumLabels.For(status)]);
        if (filter.Priority is { } priority) parts.Add(L[EnumLabels.For(priority)]);
        if (filter.Principle is { } principle) parts.Add(names.PrincipleName(principle, language));
        if (filter.Year is { } year) parts.Add(year.ToString(CultureInfo.InvariantCulture));
        if (filter.Overdue) parts.Add(L["Target date passed"]);
        return parts;
    }
}
