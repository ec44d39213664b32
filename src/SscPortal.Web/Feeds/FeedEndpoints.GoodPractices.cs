using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;
using SscPortal.Web.Mail;
using SscPortal.Web.OpenData;
using SscPortal.Web.Reference;
using SscPortal.Web.Search;

namespace SscPortal.Web.Feeds;

/// <summary>The good practices' feed (issue 19): the published ones the page lists with the same filters, the latest change first.</summary>
public static partial class FeedEndpoints
{
    public const string GoodPracticesPath = "/feeds/good-practices.atom";

    public static readonly ApiQuery GoodPracticesFeedQuery = new("GoodPracticesFeed", GoodPracticeFilter.Parameters);

    public static string GoodPracticesAddress(GoodPracticeFilter filter) => filter.Link(GoodPracticesPath, extra: [("culture", PortalCultures.Current)]);

    private static void MapGoodPractices(RouteGroupBuilder feeds) => feeds.MapGet("/good-practices.atom", GoodPracticesAsync).WithMetadata(GoodPracticesFeedQuery);

    private static async Task GoodPracticesAsync(
        HttpContext context, [FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, PublicAddress address, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        if (Root(context, address) is not { } root) return;
        var names = await referenceData.GetAsync(cancellationToken);
        var values = GoodPracticesFeedQuery.Read(context.Request.Query, names, L);
        if (!values.IsValid)
        {
            await ApiProblems.BadRequest(context.Request, values.Errors, L).ExecuteAsync(context);
            return;
        }
        var filter = GoodPracticeFilter.From(values);
        var language = PortalCultures.Current;
        var cards = await filter.Apply(db.GoodPractices.AsNoTracking(), db)
            .OrderByDescending(g => g.PublishedAt > g.UpdatedAt ? g.PublishedAt : g.UpdatedAt).ThenByDescending(g => g.Id).Take(AtomFeed.MaxEntries)
            .ToCards().ToListAsync(cancellationToken);
        var entries = cards.Select(c =>
        {
            var clipped = c.Practice.Length <= 500 ? c.Practice : c.Practice[..500] + "…";
            var where = c.Countries.Count == 0 ? "" : $"{string.Join(", ", c.Countries.Select(code => names.CountryName(code, language)))}. ";
            // The summary starts with words of the interface (the countries' names), then the practice's own: no one language is claimed for it.
            return new FeedEntry(c.Path, c.Title, c.Language, where + clipped, where.Length == 0 ? c.Language : null,
                AtomFeed.LastChange(c.UpdatedAt, c.PublishedAt), c.PublishedAt, c.OwnerName, c.OwnerId);
        });
        var parts = filter.Describe(names, L, language);
        var title = parts.Count == 0 ? L["Good practices"].Value : $"{L["Good practices"]}: {string.Join(", ", parts)}";
        var feed = new FeedContent(GoodPracticesAddress(filter), filter.Link("/good-practices"), title, AtomFeed.Newest(entries));
        await SendAsync(context, root, feed, L, cancellationToken);
    }
}
