using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Search;

/// <summary>
/// The exchange's facets, as the catalogue's: each facet's counts are taken with every other filter applied and its own
/// left out, so a value's count is exactly the number of offers and needs choosing it would list. One grouped query per
/// facet, whatever the number of listings; names come from the code lists.
/// </summary>
public static class ListingFacets
{
    public static async Task<IReadOnlyList<Facet>> CountAsync(
        ListingFilter filter, AppDbContext db, ReferenceData.Snapshot names, DateOnly today, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var language = PortalCultures.Current;
        IQueryable<Listing> Without(string facet) => filter.Apply(db.Listings.AsNoTracking(), db, names, today, except: facet);
        var facets = new List<Facet>();

        var kinds = await Without("kind").GroupBy(l => l.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("kind", L["Offer or need"], kinds.OrderBy(k => k.Key).Select(k => (k.Key.ToUrlValue(), L[EnumLabels.For(k.Key)].Value, k.Count)), filter.Kind?.ToUrlValue()));

        var forms = await Without("form").GroupBy(l => l.Form).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("form", L["Form of cooperation"], forms.OrderBy(f => f.Key).Select(f => (f.Key.ToUrlValue(), L[EnumLabels.For(f.Key)].Value, f.Count)), filter.Form?.ToUrlValue()));

        // A theme is listed once per listing (Apply keeps them distinct), so counting the unnested values counts listings.
        var themes = await ValueCountsAsync(db, Without("theme"), l => l.Themes, Enum.GetValues<ThematicArea>(), cancellationToken);
        facets.Add(Build("theme", L["Theme"], themes.Select(t => (t.Key.ToUrlValue(), L[EnumLabels.For(t.Key)].Value, t.Value)), filter.Theme?.ToUrlValue(), byCount: true));

        var inCategories = Without("category").Select(l => l.Id);
        var categories = await db.Set<ListingSector>().AsNoTracking().Where(s => inCategories.Contains(s.ListingId))
            .Join(db.Sectors, s => s.SectorCode, sector => sector.Code, (s, sector) => new { s.ListingId, sector.CategoryCode })
            .GroupBy(s => s.CategoryCode).Select(g => new { g.Key, Count = g.Select(x => x.ListingId).Distinct().Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("category", L["Sector category"], categories.Select(c => (c.Key, names.CategoryName(c.Key, language).Text, c.Count)), filter.Category, byCount: true));

        var goals = await Without("sdg").SelectMany(l => l.Sdgs).GroupBy(s => s.GoalCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("sdg", L["Sustainable Development Goals"], goals.OrderBy(g => g.Key)
            .Select(g => (g.Key.ToString(CultureInfo.InvariantCulture), $"{g.Key}. {names.GoalName(g.Key, language)}", g.Count)), filter.Sdg?.ToString(CultureInfo.InvariantCulture)));

        var countries = await Without("country").SelectMany(l => l.Countries).GroupBy(c => c.CountryCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("country", L["Country"], countries.Select(c => (c.Key.Trim(), names.CountryName(c.Key.Trim(), language), c.Count)), filter.Country, byCount: true));

        var regions = await RegionCountsAsync(db, Without("region"), cancellationToken);
        facets.Add(Build("region", L["Region"], regions.Select(r => (r.Region, names.RegionName(r.Region, language), r.Count)), filter.Region, byCount: true));

        var types = await Without("orgtype").GroupBy(l => l.Owner!.Type).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("orgtype", L["Kind of organisation"], types.Select(t => (t.Key.ToUrlValue(), L[EnumLabels.For(t.Key)].Value, t.Count)), filter.OrgType?.ToUrlValue(), byCount: true));

        var languages = await ValueCountsAsync(db, Without("language"), l => l.WorkingLanguages, WorkingLanguages.All, cancellationToken);
        facets.Add(Build("language", L["Working language"], languages.Select(w => (w.Key, L[EnumLabels.LanguageName(w.Key)].Value, w.Value)), filter.Language, byCount: true));

        var open = await Without("open").CountAsync(l => l.OpenUntil == null || l.OpenUntil >= today, cancellationToken);
        facets.Add(Build("open", L["Open now"], [("yes", L["Still open today"].Value, open)], filter.Open ? "yes" : null));
        return facets.Where(f => f.Values.Count > 0).ToList();
    }

    /// <summary>
    /// How many listings hold each value of a list column (themes, working languages; each value once per listing). On
    /// PostgreSQL one grouped query over the unnested arrays; SQLite cannot unnest in a grouped query (it has no APPLY), so
    /// there it is one count per value of the code list: bounded by the list's length, never by the number of listings.
    /// </summary>
    private static async Task<Dictionary<T, int>> ValueCountsAsync<T>(AppDbContext db, IQueryable<Listing> listings,
        System.Linq.Expressions.Expression<Func<Listing, IEnumerable<T>>> values, IReadOnlyList<T> all, CancellationToken cancellationToken) where T : notnull
    {
        if (db.Database.IsNpgsql())
            return await listings.SelectMany(values).GroupBy(v => v).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var counts = new Dictionary<T, int>();
        foreach (var value in all)
        {
            // value is a constant per query: l.Themes.Contains(value), written through the selector.
            var parameter = values.Parameters[0];
            var contains = System.Linq.Expressions.Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(T)], values.Body,
                System.Linq.Expressions.Expression.Constant(value, typeof(T)));
            var predicate = System.Linq.Expressions.Expression.Lambda<Func<Listing, bool>>(contains, parameter);
            var count = await listings.CountAsync(predicate, cancellationToken);
            if (count > 0) counts[value] = count;
        }
        return counts;
    }

    /// <summary>
    /// How many of the listings name each region, or a country in it (each listing once per region), in one query: the
    /// regions they name and those of the countries they name, made distinct by listing, then counted.
    /// </summary>
    public static async Task<List<(string Region, int Count)>> RegionCountsAsync(AppDbContext db, IQueryable<Listing> listings, CancellationToken cancellationToken)
    {
        var rows = await RegionPairs(db, listings).GroupBy(p => p.Region).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Key, r.Count)).ToList();
    }

    /// <summary>How many of the listings of each kind name each region (or a country in it), in one query.</summary>
    public static async Task<List<(string Region, ListingKind Kind, int Count)>> RegionCountsByKindAsync(AppDbContext db, IQueryable<Listing> listings, CancellationToken cancellationToken)
    {
        var pairs = RegionPairs(db, listings);
        var rows = await pairs.Join(listings, p => p.ListingId, l => l.Id, (p, l) => new { p.Region, l.Kind })
            .GroupBy(x => new { x.Region, x.Kind }).Select(g => new { g.Key.Region, g.Key.Kind, Count = g.Count() }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Region, r.Kind, r.Count)).ToList();
    }

    /// <summary>Each (listing, region) once: a region it names, or the region of a country it names.</summary>
    private static IQueryable<RegionPair> RegionPairs(AppDbContext db, IQueryable<Listing> listings)
    {
        var ids = listings.Select(l => l.Id);
        var named = db.Set<ListingRegion>().AsNoTracking().Where(r => ids.Contains(r.ListingId)).Select(r => new RegionPair { ListingId = r.ListingId, Region = r.RegionCode });
        var throughCountries = db.Set<ListingCountry>().AsNoTracking().Where(c => ids.Contains(c.ListingId))
            .Join(db.Countries.AsNoTracking().Where(x => x.RegionCode != null), c => c.CountryCode, x => x.Code, (c, x) => new RegionPair { ListingId = c.ListingId, Region = x.RegionCode! });
        return named.Union(throughCountries);
    }

    private sealed class RegionPair
    {
        public int ListingId { get; init; }
        public string Region { get; init; } = "";
    }

    private static Facet Build(string parameter, string title, IEnumerable<(string Value, string Label, int Count)> values, string? selected, bool byCount = false)
    {
        var list = values.Where(v => v.Count > 0 || v.Value == selected).ToList();
        if (byCount) list = list.OrderByDescending(v => v.Count).ThenBy(v => v.Label, StringComparer.CurrentCultureIgnoreCase).ToList();
        return new Facet(parameter, title, list.Select(v => new FacetValue(v.Value, v.Label, v.Count, v.Value == selected)).ToList());
    }
}
