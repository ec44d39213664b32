using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Caching;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Graphics;
using SscPortal.Web.Localization;
using SscPortal.Web.Reference;
using SscPortal.Web.Search;

namespace SscPortal.Web.Pages.Exchange;

/// <summary>
/// The exchange (issue 18): published offers and needs, searched in every language and filtered by facets whose counts
/// follow the current list; newest first when browsing, best match first when searching; paged by keyset. A filter value
/// that is not understood is said and left out. Figures: how many are open by kind, open offers and needs by region, and
/// a map of the countries they name.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class IndexModel(AppDbContext db, ReferenceData referenceData, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int PageSize = 20;

    /// <summary>How much of a description a card shows; the listing's page has the whole.</summary>
    public const int Clip = 280;

    // Declared, though ListingFilter reads them itself, so that every parameter the page takes is known to the tools that list them.
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "kind")] public string? Kind { get; set; }
    [FromQuery(Name = "form")] public string? Form { get; set; }
    [FromQuery(Name = "theme")] public string? Theme { get; set; }
    [FromQuery(Name = "category")] public string? Category { get; set; }
    [FromQuery(Name = "sdg")] public string? Sdg { get; set; }
    [FromQuery(Name = "country")] public string? Country { get; set; }
    [FromQuery(Name = "region")] public string? Region { get; set; }
    [FromQuery(Name = "orgtype")] public string? OrgType { get; set; }
    [FromQuery(Name = "language")] public string? Language { get; set; }
    [FromQuery(Name = "open")] public string? Open { get; set; }
    [FromQuery(Name = "after")] public string? After { get; set; }

    public ListingFilter Filter { get; private set; } = null!;
    /// <summary>What was not understood in the address, each with the filter it was for.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public IReadOnlyList<ListingCard> Results { get; private set; } = [];
    public IReadOnlyList<Facet> Facets { get; private set; } = [];
    public int Total { get; private set; }
    public string? NextCursor { get; private set; }
    public DateOnly Today { get; private set; }
    public ReferenceData.Snapshot Names { get; private set; } = null!;

    /// <summary>The figures: open ones by kind, open offers and open needs by region.</summary>
    public IReadOnlyList<BarChart> Charts { get; private set; } = [];
    /// <summary>How many of the listed offers and needs name each country (for the map).</summary>
    public IReadOnlyDictionary<string, int> CountryCounts { get; private set; } = new Dictionary<string, int>();
    public int MapMax { get; private set; }

    public bool IsSearch => Filter.Q is not null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Names = await referenceData.GetAsync(cancellationToken);
        var (filter, values) = ListingFilter.Read(Request.Query, Names, L);
        Filter = filter;
        Problems = values.Errors.SelectMany(e => e.Value.Select(message => L["{0}: {1} This filter was not applied.", LabelOf(e.Key), message].Value)).ToList();
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var query = Filter.Apply(db.Listings.AsNoTracking(), db, Names, Today);
        Total = await query.CountAsync(cancellationToken);
        Facets = await ListingFacets.CountAsync(Filter, db, Names, Today, L, cancellationToken);

        KeysetCursor? after = null;
        if (After is not null)
        {
            if (KeysetCursor.TryDecode(After, out var cursor) && ListingSearch.Fits(cursor, IsSearch)) after = cursor;
            else
            {
                ModelState.AddModelError("Page", L["This page link is not valid, so the list starts from the beginning."]);
                After = null;
            }
        }
        var (ids, next) = await ListingSearch.PageAsync(query, Filter.Q, db, after, PageSize, cancellationToken);
        Results = await ListingSearch.CardsAsync(db, ids, PortalCultures.Current, cancellationToken);
        NextCursor = next?.Encode();
        await FiguresAsync(query, cancellationToken);
    }

    private async Task FiguresAsync(IQueryable<Listing> query, CancellationToken cancellationToken)
    {
        var language = PortalCultures.Current;
        var today = Today;
        var open = query.Where(l => l.OpenUntil == null || l.OpenUntil >= today);
        var byKind = await open.GroupBy(l => l.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var kinds = new BarChart("exchange-kinds", L["Open now, by kind"], L["Offers and needs"],
            Enum.GetValues<ListingKind>().Select(k => new BarChart.Bar(L[EnumLabels.For(k)], byKind.FirstOrDefault(c => c.Key == k)?.Count ?? 0,
                Filter.LinkWith("/exchange", ("kind", k.ToUrlValue()), ("open", "yes")))).ToList());
        var byRegion = await ListingFacets.RegionCountsByKindAsync(db, open, cancellationToken);
        BarChart RegionChart(string id, string title, ListingKind kind) => new(id, title, L["Offers and needs"],
            byRegion.Where(r => r.Kind == kind || r.Kind == ListingKind.TwoWay).GroupBy(r => r.Region)
                .Select(g => new BarChart.Bar(Names.RegionName(g.Key, language), g.Sum(r => r.Count),
                    Filter.LinkWith("/exchange", ("region", g.Key), ("open", "yes"))))
                .OrderByDescending(b => b.Value).ThenBy(b => b.Label, StringComparer.CurrentCultureIgnoreCase).ToList());
        Charts = [kinds, RegionChart("exchange-offers", L["Open offers by region (two-way exchanges included)"], ListingKind.Offer),
            RegionChart("exchange-needs", L["Open needs by region (two-way exchanges included)"], ListingKind.Need)];

        var ids = query.Select(l => l.Id);
        CountryCounts = await db.Set<ListingCountry>().AsNoTracking().Where(c => ids.Contains(c.ListingId))
            .GroupBy(c => c.CountryCode).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key.Trim(), g => g.Count, cancellationToken);
        MapMax = CountryCounts.Count == 0 ? 0 : CountryCounts.Values.Max();
    }

    private string LabelOf(string parameter) => parameter switch
    {
        "q" => L["Search"],
        "kind" => L["Offer or need"],
        "form" => L["Form of cooperation"],
        "theme" => L["Theme"],
        "category" => L["Sector category"],
        "sdg" => L["Sustainable Development Goals"],
        "country" => L["Country"],
        "region" => L["Region"],
        "orgtype" => L["Kind of organisation"],
        "language" => L["Working language"],
        "open" => L["Open now"],
        _ => parameter,
    };

    /// <summary>The text as a card shows it: whole when short, otherwise cut at a word and marked.</summary>
    public static string Clipped(string text)
    {
        if (text.Length <= Clip) return text;
        var cut = text.LastIndexOf(' ', Clip);
        return text[..(cut > Clip / 2 ? cut : Clip)].TrimEnd() + "…";
    }

    /// <summary>A link to this list with the current filters and the given page position.</summary>
    public string LinkTo(string? after = null) => Filter.Link("/exchange", extra: [("after", after)]);
}
