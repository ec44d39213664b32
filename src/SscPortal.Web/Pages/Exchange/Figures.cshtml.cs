using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Caching;
using SscPortal.Web.Data;
using SscPortal.Web.Graphics;
using SscPortal.Web.Localization;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Pages.Exchange;

/// <summary>
/// The exchange in figures (<c>/exchange/figures</c>): how many needs, offers and two-way exchanges are published, how many
/// found a conversation (someone answered them, or they answered someone: a conversation about them or started from them),
/// and how many became initiatives (such a conversation started an initiative that is now published); then, for one kind
/// (<c>?kind=need</c>, the default, <c>offer</c> or <c>two-way</c>), the same by region (the regions named and those of the
/// countries named) and by theme. Three grouped queries, whatever the number of listings.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class FiguresModel(AppDbContext db, ReferenceData referenceData, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record Row(string Key, string Label, string? Lang, int Published, int Conversation, int Initiative);

    public ListingKind Kind { get; private set; } = ListingKind.Need;
    public IReadOnlyList<(ListingKind Kind, Row Row)> ByKind { get; private set; } = [];
    public IReadOnlyList<Row> ByRegion { get; private set; } = [];
    public IReadOnlyList<Row> ByTheme { get; private set; } = [];
    public IReadOnlyList<BarChart> Charts { get; private set; } = [];

    public static string UrlValue(ListingKind kind) => kind switch { ListingKind.Offer => "offer", ListingKind.TwoWay => "two-way", _ => "need" };

    public static string Plural(ListingKind kind) => kind switch { ListingKind.Offer => "Offers", ListingKind.TwoWay => "Two-way exchanges", _ => "Needs" };

    private sealed class Flagged
    {
        public int Id { get; init; }
        public ListingKind Kind { get; init; }
        public bool Talked { get; init; }
        public bool Became { get; init; }
    }

    private sealed class Placed
    {
        public int ListingId { get; init; }
        public string Region { get; init; } = "";
    }

    public async Task OnGetAsync(string? kind, CancellationToken cancellationToken)
    {
        Kind = kind switch { "offer" => ListingKind.Offer, "two-way" => ListingKind.TwoWay, _ => ListingKind.Need };
        var names = await referenceData.GetAsync(cancellationToken);
        var language = PortalCultures.Current;

        var published = db.Listings.AsNoTracking().Where(l => l.Publication == PublicationState.Published);
        var flagged = Flag(published);

        var byKind = await flagged.GroupBy(f => f.Kind)
            .Select(g => new { g.Key, Published = g.Count(), Conversation = g.Count(f => f.Talked), Initiative = g.Count(f => f.Became) })
            .ToListAsync(cancellationToken);
        ByKind = Enum.GetValues<ListingKind>().Select(k => byKind.FirstOrDefault(r => r.Key == k) is { } r
                ? (k, new Row(UrlValue(k), L[Plural(k)], null, r.Published, r.Conversation, r.Initiative))
                : (k, new Row(UrlValue(k), L[Plural(k)], null, 0, 0, 0)))
            .ToList();

        var ofKind = flagged.Where(f => f.Kind == Kind);
        // A listing counts once in a region, whether it names the region or one of its countries (or both).
        var placed = db.Set<ListingRegion>().Select(r => new Placed { ListingId = r.ListingId, Region = r.RegionCode })
            .Union(db.Set<ListingCountry>().Join(db.Countries.Where(c => c.RegionCode != null), lc => lc.CountryCode, c => c.Code,
                (lc, c) => new Placed { ListingId = lc.ListingId, Region = c.RegionCode! }));
        var byRegion = await placed.Join(ofKind, p => p.ListingId, f => f.Id, (p, f) => new { p.Region, f.Talked, f.Became })
            .GroupBy(x => x.Region)
            .Select(g => new { g.Key, Published = g.Count(), Conversation = g.Count(x => x.Talked), Initiative = g.Count(x => x.Became) })
            .ToListAsync(cancellationToken);
        ByRegion = byRegion.OrderByDescending(r => r.Published).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new Row(r.Key, names.RegionName(r.Key, language), null, r.Published, r.Conversation, r.Initiative)).ToList();

        // One branch per theme (a fixed list of twelve), in one statement: SQLite cannot unnest a list column in a grouped query.
        var themed = Enum.GetValues<ThematicArea>()
            .Select(theme => Flag(published.Where(l => l.Kind == Kind && l.Themes.Contains(theme))).Select(f => new { Theme = theme, f.Talked, f.Became }))
            .Aggregate((all, next) => all.Concat(next));
        var byTheme = await themed.GroupBy(x => x.Theme)
            .Select(g => new { g.Key, Published = g.Count(), Conversation = g.Count(x => x.Talked), Initiative = g.Count(x => x.Became) })
            .ToListAsync(cancellationToken);
        ByTheme = byTheme.OrderByDescending(r => r.Published).ThenBy(r => r.Key)
            .Select(r => new Row(((int)r.Key).ToString(CultureInfo.InvariantCulture), L[EnumLabels.For(r.Key)], null, r.Published, r.Conversation, r.Initiative)).ToList();

        var heading = L[Plural(Kind)].Value;
        Charts =
        [
            new("by-region", L[RegionChart(Kind)], heading, ByRegion.Select(r => new BarChart.Bar(r.Label, r.Published)).ToList()),
            new("by-theme", L[ThemeChart(Kind)], heading, ByTheme.Select(r => new BarChart.Bar(r.Label, r.Published)).ToList()),
        ];
    }

    /// <summary>Each listing with whether a conversation is about it (or started from it) and whether one started a published initiative.</summary>
    private IQueryable<Flagged> Flag(IQueryable<Listing> listings) => listings.Select(l => new Flagged
    {
        Id = l.Id,
        Kind = l.Kind,
        Talked = db.Conversations.Any(c => c.ListingId == l.Id || c.CounterpartListingId == l.Id),
        Became = db.Conversations.Any(c => (c.ListingId == l.Id || c.CounterpartListingId == l.Id) && c.InitiativeId != null
            && db.Initiatives.Any(i => i.Id == c.InitiativeId && i.Publication == PublicationState.Published)),
    });

    public static string RegionChart(ListingKind kind) => kind switch
    {
        ListingKind.Offer => "Published offers by region", ListingKind.TwoWay => "Published two-way exchanges by region", _ => "Published needs by region",
    };

    public static string ThemeChart(ListingKind kind) => kind switch
    {
        ListingKind.Offer => "Published offers by theme", ListingKind.TwoWay => "Published two-way exchanges by theme", _ => "Published needs by theme",
    };

    public static string RegionTable(ListingKind kind) => kind switch
    {
        ListingKind.Offer => "Offers by region: published, found a conversation, became an initiative",
        ListingKind.TwoWay => "Two-way exchanges by region: published, found a conversation, became an initiative",
        _ => "Needs by region: published, found a conversation, became an initiative",
    };

    public static string ThemeTable(ListingKind kind) => kind switch
    {
        ListingKind.Offer => "Offers by theme: published, found a conversation, became an initiative",
        ListingKind.TwoWay => "Two-way exchanges by theme: published, found a conversation, became an initiative",
        _ => "Needs by theme: published, found a conversation, became an initiative",
    };
}
