using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;
using SscPortal.Web.Mail;
using SscPortal.Web.OpenData;
using SscPortal.Web.Reference;
using SscPortal.Web.Search;

namespace SscPortal.Web.Feeds;

/// <summary>
/// The exchange's feed (issue 18): the published offers and needs the exchange lists with the same filters, the latest
/// change first, each with its title and description in the reader's language where a translation exists.
/// </summary>
public static partial class FeedEndpoints
{
    public const string ListingsPath = "/feeds/exchange.atom";

    /// <summary>The exchange's filters, read and checked by the same <see cref="ApiQuery"/> as the page, the CSV and the API.</summary>
    public static readonly ApiQuery ListingsFeedQuery = new("ListingsFeed", ListingFilter.Parameters);

    public static string ListingsAddress(ListingFilter filter) => filter.Link(ListingsPath, extra: [("culture", PortalCultures.Current)]);

    private static void MapListings(RouteGroupBuilder feeds) => feeds.MapGet("/exchange.atom", ListingsAsync).WithMetadata(ListingsFeedQuery);

    private static async Task ListingsAsync(
        HttpContext context, [FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, PublicAddress address, TimeProvider clock, IStringLocalizer<SharedResource> L,
        CancellationToken cancellationToken)
    {
        if (Root(context, address) is not { } root) return;
        var names = await referenceData.GetAsync(cancellationToken);
        var values = ListingsFeedQuery.Read(context.Request.Query, names, L);
        if (!values.IsValid)
        {
            await ApiProblems.BadRequest(context.Request, values.Errors, L).ExecuteAsync(context);
            return;
        }
        var filter = ListingFilter.From(values);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var language = PortalCultures.Current;
        var cards = await filter.Apply(db.Listings.AsNoTracking(), db, names, today)
            .OrderByDescending(l => l.PublishedAt > l.UpdatedAt ? l.PublishedAt : l.UpdatedAt).ThenByDescending(l => l.Id).Take(AtomFeed.MaxEntries)
            .ToCards(language).ToListAsync(cancellationToken);
        var entries = cards.Select(c =>
        {
            var shown = c.Shown;
            var facts = new List<string> { L[EnumLabels.For(c.Kind)], L[EnumLabels.For(c.Form)] };
            facts.Add(c.IsOpenOn(today)
                ? c.OpenUntil is { } until ? $"{L["Open until"]} {until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : L["Open"].Value
                : L["Closed"].Value);
            var clipped = shown.Summary.Length <= 500 ? shown.Summary : shown.Summary[..500] + "…";
            // The summary starts with words of the interface, then the listing's own: no one language is claimed for it.
            return new FeedEntry(c.Path, shown.Title, shown.Language, $"{string.Join(" · ", facts)}. {clipped}", null,
                AtomFeed.LastChange(c.UpdatedAt, c.PublishedAt), c.PublishedAt, c.OwnerName, c.OwnerId);
        });
        var parts = filter.Describe(names, L, language);
        var title = parts.Count == 0 ? L["Offers and needs"].Value : $"{L["Offers and needs"]}: {string.Join(", ", parts)}";
        var feed = new FeedContent(ListingsAddress(filter), filter.Link("/exchange"), title, AtomFeed.Newest(entries));
        await SendAsync(context, root, feed, L, cancellationToken);
    }
}
