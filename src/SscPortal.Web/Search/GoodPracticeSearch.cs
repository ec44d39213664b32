using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpgsqlTypes;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Search;

/// <summary>
/// Search, order and facets of the good practices, as the exchange's (<see cref="ListingSearch"/>): on PostgreSQL the stored
/// tsvector under English, Spanish and Portuguese stemming (websearch syntax), ranked, the exact title first; on SQLite
/// accent- and case-insensitive words, phrases and exclusions in the normalised title and text. Browsing is newest first;
/// both page by keyset.
/// </summary>
public static class GoodPracticeSearch
{
    private static bool IsPostgres(AppDbContext db) => db.Database.IsNpgsql();

    public static IQueryable<GoodPractice> Matching(IQueryable<GoodPractice> practices, string q, AppDbContext db)
    {
        if (IsPostgres(db))
            return practices.Where(g => EF.Property<NpgsqlTsVector>(g, PostgresAppDbContext.SearchVector).Matches(
                EF.Functions.WebSearchToTsQuery("ssc_en", q).Or(EF.Functions.WebSearchToTsQuery("ssc_es", q)).Or(EF.Functions.WebSearchToTsQuery("ssc_pt", q))));
        var terms = InitiativeSearch.Parse(q);
        if (terms.IsEmpty) return practices.Where(_ => false);
        foreach (var term in terms.Included) practices = practices.Where(g => g.SearchTitle.Contains(term) || g.SearchBody.Contains(term));
        foreach (var term in terms.Excluded) practices = practices.Where(g => !g.SearchTitle.Contains(term) && !g.SearchBody.Contains(term));
        return practices;
    }

    /// <summary>One page's ids and the cursor of the next page: best match first when searching, otherwise newest first.</summary>
    public static async Task<(List<int> Ids, KeysetCursor? Next)> PageAsync(
        IQueryable<GoodPractice> matches, string? q, AppDbContext db, KeysetCursor? after, int size, CancellationToken cancellationToken)
    {
        if (q is null)
        {
            var query = matches;
            if (after is { } c && c.TryGetTime(out var at)) query = query.Where(g => g.PublishedAt <= at && (g.PublishedAt < at || g.Id < c.Id));
            var rows = await query.OrderByDescending(g => g.PublishedAt).ThenByDescending(g => g.Id).Take(size + 1)
                .Select(g => new { g.Id, PublishedAt = g.PublishedAt!.Value }).ToListAsync(cancellationToken);
            var next = rows.Count > size ? KeysetCursor.For(rows[size - 1].PublishedAt, rows[size - 1].Id) : (KeysetCursor?)null;
            return (rows.Take(size).Select(r => r.Id).ToList(), next);
        }
        var exact = SearchText.Normalize(q);
        var first = InitiativeSearch.Parse(q).Included is [var word, ..] ? word : exact;
        IQueryable<Scored> scored = IsPostgres(db)
            ? matches.Select(g => new Scored { Id = g.Id,
                Score = (g.SearchTitle == exact ? 100.0 : g.SearchTitle.Contains(exact) ? 10.0 : 0.0) + (double)EF.Property<NpgsqlTsVector>(g, PostgresAppDbContext.SearchVector).Rank(
                    EF.Functions.WebSearchToTsQuery("ssc_en", q).Or(EF.Functions.WebSearchToTsQuery("ssc_es", q)).Or(EF.Functions.WebSearchToTsQuery("ssc_pt", q))) })
            : matches.Select(g => new Scored { Id = g.Id, Score = g.SearchTitle == exact ? 2.0 : g.SearchTitle.Contains(first) ? 1.0 : 0.0 });
        if (after is { } cursor && ListingSearch.IsScore(cursor, out var afterScore))
            scored = scored.Where(s => s.Score < afterScore || (s.Score == afterScore && s.Id < cursor.Id));
        var ranked = await scored.OrderByDescending(s => s.Score).ThenByDescending(s => s.Id).Take(size + 1)
            .Select(s => new { s.Score, s.Id }).ToListAsync(cancellationToken);
        var following = ranked.Count > size ? new KeysetCursor(ranked[size - 1].Score.ToString("R", CultureInfo.InvariantCulture), ranked[size - 1].Id) : (KeysetCursor?)null;
        return (ranked.Take(size).Select(r => r.Id).ToList(), following);
    }

    /// <summary>The cards of these good practices, in one query, in the order of <paramref name="ids"/>.</summary>
    public static async Task<List<GoodPracticeCard>> CardsAsync(AppDbContext db, IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        var list = ids.ToList();
        var cards = await db.GoodPractices.AsNoTracking().Where(g => list.Contains(g.Id)).ToCards().ToListAsync(cancellationToken);
        return ids.Select(id => cards.Single(c => c.Id == id)).ToList();
    }

    public static IQueryable<GoodPracticeCard> ToCards(this IQueryable<GoodPractice> practices) =>
        practices.Select(g => new GoodPracticeCard(g.Id, g.Title, g.Practice, g.Language, g.OwnerId, g.Owner!.Name, g.Owner.Type, g.CallId,
            g.PublishedAt!.Value, g.UpdatedAt, g.Themes, g.Countries));

    /// <summary>
    /// The facets (theme, country, kind of organisation, call), each counted with every other filter applied and its own left
    /// out. Kinds and calls are one grouped query each; themes and countries are list columns, grouped over the unnested
    /// arrays on PostgreSQL; SQLite cannot unnest in a grouped query, so there the lists of the matching practices are read
    /// (two small columns) and counted in memory.
    /// </summary>
    public static async Task<IReadOnlyList<Facet>> FacetsAsync(
        GoodPracticeFilter filter, AppDbContext db, ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var language = PortalCultures.Current;
        IQueryable<GoodPractice> Without(string facet) => filter.Apply(db.GoodPractices.AsNoTracking(), db, except: facet);
        var facets = new List<Facet>();

        Dictionary<ThematicArea, int> themes;
        Dictionary<string, int> countries;
        if (db.Database.IsNpgsql())
        {
            themes = await Without("theme").SelectMany(g => g.Themes).GroupBy(t => t).Select(x => new { x.Key, Count = x.Count() })
                .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
            countries = await Without("country").SelectMany(g => g.Countries).GroupBy(c => c).Select(x => new { x.Key, Count = x.Count() })
                .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        }
        else
        {
            themes = (await Without("theme").Select(g => g.Themes).ToListAsync(cancellationToken)).SelectMany(t => t.Distinct())
                .GroupBy(t => t).ToDictionary(x => x.Key, x => x.Count());
            countries = (await Without("country").Select(g => g.Countries).ToListAsync(cancellationToken)).SelectMany(c => c.Distinct())
                .GroupBy(c => c).ToDictionary(x => x.Key, x => x.Count());
        }
        facets.Add(Build("theme", L["Theme"], themes.Select(t => (t.Key.ToUrlValue(), L[EnumLabels.For(t.Key)].Value, t.Value)), filter.Theme?.ToUrlValue()));
        facets.Add(Build("country", L["Country"], countries.Select(c => (c.Key, names.CountryName(c.Key, language), c.Value)), filter.Country));

        var types = await Without("orgtype").GroupBy(g => g.Owner!.Type).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("orgtype", L["Kind of organisation"], types.Select(t => (t.Key.ToUrlValue(), L[EnumLabels.For(t.Key)].Value, t.Count)), filter.OrgType?.ToUrlValue()));

        var calls = await Without("call").Where(g => g.CallId != null).GroupBy(g => g.CallId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var callIds = calls.Select(c => c.Key).ToList();
        var titles = await db.Calls.AsNoTracking().Where(c => callIds.Contains(c.Id)).Select(c => new { c.Id, c.Title }).ToDictionaryAsync(c => c.Id, c => c.Title, cancellationToken);
        facets.Add(Build("call", L["Call"], calls.Select(c => (c.Key.ToString(CultureInfo.InvariantCulture), titles.GetValueOrDefault(c.Key) ?? L["Call {0}", c.Key].Value, c.Count)),
            filter.Call?.ToString(CultureInfo.InvariantCulture)));
        return facets.Where(f => f.Values.Count > 0).ToList();
    }

    private static Facet Build(string parameter, string title, IEnumerable<(string Value, string Label, int Count)> values, string? selected)
    {
        var list = values.Where(v => v.Count > 0 || v.Value == selected)
            .OrderByDescending(v => v.Count).ThenBy(v => v.Label, StringComparer.CurrentCultureIgnoreCase).ToList();
        return new Facet(parameter, title, list.Select(v => new FacetValue(v.Value, v.Label, v.Count, v.Value == selected)).ToList());
    }

    private sealed class Scored
    {
        public int Id { get; init; }
        public double Score { get; init; }
    }
}

/// <summary>A good practice as the list shows it.</summary>
public sealed record GoodPracticeCard(
    int Id, string Title, string Practice, string Language, int OwnerId, string OwnerName, ActorType OwnerType, int? CallId,
    DateTime PublishedAt, DateTime UpdatedAt, List<ThematicArea> Themes, List<string> Countries)
{
    public string Path => $"/good-practices/{Id.ToString(CultureInfo.InvariantCulture)}";
}
