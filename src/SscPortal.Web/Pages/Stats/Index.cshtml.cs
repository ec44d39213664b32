using Microsoft.AspNetCore.Mvc;
using SscPortal.Web.Reference;
using SscPortal.Web.Graphics;
using SscPortal.Web.Search;
using SscPortal.Web.Caching;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Pages.Stats;

/// <summary>
/// Dashboards of published initiatives, with the catalogue's filters: by modality and year, region, sector category and
/// SDG; the most frequent provider–recipient pairs; and how many have a civil-society record or a published assessment.
/// Every chart has its figures as a table, and every bar leads to the catalogue filtered to it.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class IndexModel([FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, CatalogueCache cache, ExactCounts exact, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int TopPairs = 15;

    public sealed record Pair(string Provider, string Recipient, int Count);

    public InitiativeFilter Filter { get; private set; } = null!;
    public int Total { get; private set; }
    /// <summary>So many initiatives are counted that the figures are estimated from a sample; the exact ones are on their way.</summary>
    public bool IsEstimate { get; private set; }
    public int CivilSocietyRecords { get; private set; }
    public int Assessed { get; private set; }
    public IReadOnlyList<BarChart> Charts { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyDictionary<(int Year, Modality Modality), int> ByYearAndModality { get; private set; } = new Dictionary<(int, Modality), int>();
    public IReadOnlyList<Pair> Pairs { get; private set; } = [];
    public ReferenceData.Snapshot Names { get; private set; } = null!;

    /// <summary>Everything the page shows, computed together and kept together in the catalogue cache.</summary>
    internal sealed record Figures(bool IsEstimate, int Total, int CivilSocietyRecords, int Assessed, IReadOnlyList<BarChart> Charts, IReadOnlyList<int> Years,
        IReadOnlyDictionary<(int, Modality), int> ByYearAndModality, IReadOnlyList<Pair> Pairs);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Names = await referenceData.GetAsync(cancellationToken);
        Filter = InitiativeFilter.Read(Request.Query, Names, L);
        await Filter.PrepareAsync(db, cancellationToken);
        // Computed once for all readers on a scope of its own (Caching/CatalogueCache.cs): a reader who leaves stops only their own wait.
        var filter = Filter;
        var names = Names;
        // Over a very large result the figures are estimated from a sample, and computed exactly in the background for the next reader.
        var key = $"stats|{PortalCultures.Current}|{Filter.Link("")}|{Filter.IsTypoFallback}";
        if (!exact.TryGet<Figures>(key, out var figures))
        {
            figures = await cache.QueryAsync(key, (db, token) => ComputeAsync(db, filter, names, L, token), cancellationToken);
            if (figures.IsEstimate) exact.Request(key, (db, token) => ComputeAsync(db, filter, names, L, token, exactLimit: null));
        }
        IsEstimate = figures.IsEstimate;
        (Total, CivilSocietyRecords, Assessed, Charts, Years, ByYearAndModality, Pairs) =
            (figures.Total, figures.CivilSocietyRecords, figures.Assessed, figures.Charts, figures.Years, figures.ByYearAndModality, figures.Pairs);
    }

    /// <summary>
    /// The figures: at page time in two statements (whether more than <paramref name="exactLimit"/> initiatives match, or
    /// the sample says so, then one pass over them), past that limit counted over every <see cref="CatalogueFacets.SampleEvery"/>th and multiplied, since a
    /// page's time cannot count a million (on PostgreSQL over every <see cref="CatalogueFacets.CoarseSampleEvery"/>th when
    /// that holds <see cref="CatalogueFacets.CoarseEnough"/>, else one statement more); with no limit (null: the exact
    /// figures, in the background) in three.
    /// </summary>
    internal static async Task<Figures> ComputeAsync(AppDbContext db, InitiativeFilter filter, ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken,
        int? exactLimit = CatalogueFacets.ExactLimit, int coarseEnough = CatalogueFacets.CoarseEnough, int coarseEvery = CatalogueFacets.CoarseSampleEvery)
    {
        var language = PortalCultures.Current;
        var initiatives = filter.Apply(db.Initiatives.AsNoTracking(), db);
        var isEstimate = exactLimit is { } limit && await CatalogueFacets.CountUpToAsync(filter, limit, db, cancellationToken) > limit;
        var civilSocietyTypes = Enum.GetValues<ActorType>().Where(t => AccessTable.KindOf(t) == OrganisationKind.CivilSociety).ToList();
        // At page time at most ExactLimit initiatives, or the sample of a larger result, are read: in one pass over them,
        // their facet keys tallied here. The background's exact figures over a large result are grouped by the database.
        Task<(List<Group>, List<ChartCount>)> SampleAsync(int every) =>
            TallyAsync(filter.ApplyToSample(db, every), civilSocietyTypes, cancellationToken);
        var factor = 1;
        (List<Group> Groups, List<ChartCount> Counted) tallied;
        if (exactLimit is null) tallied = await GroupInDatabaseAsync(db, initiatives, civilSocietyTypes, cancellationToken);
        else if (!isEstimate) tallied = await TallyAsync(initiatives, civilSocietyTypes, cancellationToken);
        else
        {
            // A very large result: on PostgreSQL the coarse sample first (every 500th, a tenth of the sample's rows), kept
            // when enough of it answers the filter for a good estimate, as the catalogue's counts do (Search/CatalogueFacets.cs).
            var coarse = db.Database.IsNpgsql() ? await SampleAsync(coarseEvery) : default;
            (tallied, factor) = coarse.Item1?.Sum(g => g.Count) >= coarseEnough
                ? (coarse, coarseEvery)
                : (await SampleAsync(CatalogueFacets.SampleEvery), CatalogueFacets.SampleEvery);
        }
        var (groups, counted) = tallied;
        groups = groups.Select(g => g with { Count = g.Count * factor }).ToList();
        counted = counted.Select(c => new ChartCount { Chart = c.Chart, Key = c.Key, Other = c.Other, Number = c.Number, Count = c.Count * factor }).ToList();
        var total = groups.Sum(g => g.Count);
        var civilSocietyRecords = groups.Where(g => g.CivilSociety).Sum(g => g.Count);
        var assessed = groups.Where(g => g.Assessed).Sum(g => g.Count);
        string Link(string parameter, string value) => filter.Link("/initiatives", parameter, value);

        var byYear = groups.Where(g => g.Year is not null).GroupBy(g => (Year: g.Year!.Value, g.Modality))
            .Select(g => new { g.Key.Year, g.Key.Modality, Count = g.Sum(x => x.Count) }).ToList();
        var byYearAndModality = byYear.ToDictionary(r => (r.Year, r.Modality), r => r.Count);
        var years = byYear.Select(r => r.Year).Distinct().Order().ToList();
        // Every initiative has a modality; not every one has a date yet.
        var byModality = groups.GroupBy(g => g.Modality).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));

        var byRegion = counted.Where(c => c.Chart == 1).Select(c => new { c.Key, c.Count }).ToList();
        var byCategory = counted.Where(c => c.Chart == 2).OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).Take(15)
            .Select(c => new { c.Key, c.Count }).ToList();
        var bySdg = counted.Where(c => c.Chart == 3).Select(c => new { Key = c.Number, c.Count }).ToList();
        var pairList = counted.Where(c => c.Chart == 4).OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).ThenBy(c => c.Other, StringComparer.Ordinal)
            .Take(TopPairs).Select(c => new Pair(c.Key, c.Other, c.Count)).ToList();

        var initiativesHeading = L["Initiatives"].Value;
        IReadOnlyList<BarChart> charts =
        [
            new("by-modality", L["Initiatives by modality"], initiativesHeading, Enum.GetValues<Modality>().Where(byModality.ContainsKey)
                .Select(m => new BarChart.Bar(L[EnumLabels.For(m)], byModality[m], Link("modality", m.ToUrlValue()))).ToList()),
            new("by-year", L["Initiatives by year they started"], initiativesHeading, years
                .Select(y => new BarChart.Bar(y.ToString(CultureInfo.InvariantCulture), byYear.Where(r => r.Year == y).Sum(r => r.Count), Link("year", y.ToString(CultureInfo.InvariantCulture)))).ToList()),
            new("by-region", L["Initiatives by region"], initiativesHeading, byRegion.OrderByDescending(r => r.Count)
                .Select(r => new BarChart.Bar(names.RegionName(r.Key, language), r.Count, Link("region", r.Key))).ToList()),
            new("by-category", L["Initiatives by sector category"], initiativesHeading, byCategory
                .Select(c =>
                {
                    var name = names.CategoryName(c.Key, language);
                    return new BarChart.Bar(name.Text, c.Count, Link("category", c.Key), name.Lang);
                }).ToList()),
            new("by-sdg", L["Initiatives by Sustainable Development Goal"], initiativesHeading, bySdg.OrderBy(g => g.Key)
                .Select(g => new BarChart.Bar($"{g.Key}. {names.GoalName(g.Key, language)}", g.Count, Link("sdg", g.Key.ToString(CultureInfo.InvariantCulture)))).ToList()),
        ];
        return new Figures(isEstimate, total, civilSocietyRecords, assessed, charts, years, byYearAndModality, pairList);
    }

    /// <summary>How many initiatives started in a year (null: no date yet) with a modality, of civil society's or not, assessed or not.</summary>
    private sealed record Group(int? Year, Modality Modality, bool CivilSociety, bool Assessed, int Count);

    /// <summary>
    /// One statement, one pass over the initiatives counted: each one's facet keys (Search/FacetKeys.cs: its year, modality,
    /// regions, sector categories, goals, countries as provider and as recipient, whether assessed, all kept in step with its
    /// parts on every save) and whether its owner is of civil society, tallied here. Used for at most
    /// <see cref="CatalogueFacets.ExactLimit"/> rows, or a sample of a larger result.
    /// </summary>
    private static async Task<(List<Group>, List<ChartCount>)> TallyAsync(IQueryable<Initiative> initiatives, List<ActorType> civilSocietyTypes, CancellationToken cancellationToken)
    {
        var groups = new Dictionary<(int?, Modality, bool, bool), int>();
        var charts = new Dictionary<(int Chart, string Key, string Other, int Number), int>();
        void Add(int chart, string key, string other = "", int number = 0) =>
            charts[(chart, key, other, number)] = charts.GetValueOrDefault((chart, key, other, number)) + 1;
        var providers = new List<string>();
        var recipients = new List<string>();
        await foreach (var row in initiatives.Select(i => new { i.FacetKeys, CivilSociety = civilSocietyTypes.Contains(i.Owner!.Type) })
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            int? year = null;
            var modality = default(Modality);
            var isAssessed = false;
            providers.Clear();
            recipients.Clear();
            foreach (var key in row.FacetKeys)
            {
                var value = FacetKeys.ValueOf(key);
                switch (key[..Math.Max(0, key.IndexOf(':'))])
                {
                    case "y": year = int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture); break;
                    case "m": modality = (Modality)int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture); break;
                    case "x": isAssessed = true; break;
                    case "r": Add(1, value); break;
                    case "k": Add(2, value); break;
                    case "g": Add(3, "", number: int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture)); break;
                    case "cp": providers.Add(value); break;
                    case "cr": recipients.Add(value); break;
                }
            }
            foreach (var provider in providers)
                foreach (var recipient in recipients)
                    if (provider != recipient) Add(4, provider, recipient);
            groups[(year, modality, row.CivilSociety, isAssessed)] = groups.GetValueOrDefault((year, modality, row.CivilSociety, isAssessed)) + 1;
        }
        return (groups.Select(g => new Group(g.Key.Item1, g.Key.Item2, g.Key.Item3, g.Key.Item4, g.Value)).ToList(),
            charts.Select(c => new ChartCount { Chart = c.Key.Chart, Key = c.Key.Key, Other = c.Key.Other, Number = c.Key.Number, Count = c.Value }).ToList());
    }

    /// <summary>
    /// The same figures grouped by the database, in two statements (for the exact figures over a large result, computed in the
    /// background, where reading every row's keys here would move them all over the wire).
    /// </summary>
    private static async Task<(List<Group>, List<ChartCount>)> GroupInDatabaseAsync(AppDbContext db, IQueryable<Initiative> initiatives, List<ActorType> civilSocietyTypes,
        CancellationToken cancellationToken)
    {
        var ids = initiatives.Select(i => i.Id);
        // 1. One pass over the matching initiatives, grouped by everything the page counts them by: the year they started (if
        //    known), modality, kind of record and whether assessed. The totals, the year chart and the modality chart are sums of it.
        var groups = (await initiatives
            .Select(i => new
            {
                Year = (int?)(i.ActualStart ?? i.PlannedStart ?? i.ApprovalDate)!.Value.Year,
                i.Modality,
                CivilSociety = civilSocietyTypes.Contains(i.Owner!.Type),
                Assessed = db.Assessments.Any(a => a.InitiativeId == i.Id && a.Publication == PublicationState.Published),
            })
            .GroupBy(x => new { x.Year, x.Modality, x.CivilSociety, x.Assessed })
            .Select(g => new { g.Key.Year, g.Key.Modality, g.Key.CivilSociety, g.Key.Assessed, Count = g.Count() })
            .ToListAsync(cancellationToken)).Select(g => new Group(g.Year, g.Modality, g.CivilSociety, g.Assessed, g.Count)).ToList();

        // 2. The region, sector-category and goal charts and the commonest provider–recipient pairs in one statement (a UNION
        //    ALL of four groupings). A pair is a provider and a recipient of the same initiative.
        var byRegionQuery = db.Set<InitiativeCountry>().AsNoTracking().Where(c => ids.Contains(c.InitiativeId) && c.Country!.RegionCode != null)
            .GroupBy(c => c.Country!.RegionCode!)
            .Select(g => new ChartCount { Chart = 1, Key = g.Key, Other = "", Number = 0, Count = g.Select(x => x.InitiativeId).Distinct().Count() });
        var byCategoryQuery = db.Set<InitiativeSector>().AsNoTracking().Where(s => ids.Contains(s.InitiativeId))
            .GroupBy(s => s.Sector!.CategoryCode)
            .Select(g => new ChartCount { Chart = 2, Key = g.Key, Other = "", Number = 0, Count = g.Select(x => x.InitiativeId).Distinct().Count() });
        var bySdgQuery = db.Set<InitiativeSdg>().AsNoTracking().Where(s => ids.Contains(s.InitiativeId))
            .GroupBy(s => s.GoalCode)
            .Select(g => new ChartCount { Chart = 3, Key = "", Other = "", Number = g.Key, Count = g.Count() });
        var countries = db.Set<InitiativeCountry>().AsNoTracking().Where(c => ids.Contains(c.InitiativeId));
        var pairsQuery = countries.Where(p => InitiativeSearch.ProviderRoles.Contains(p.Role))
            .Join(countries.Where(r => InitiativeSearch.RecipientRoles.Contains(r.Role)), p => p.InitiativeId, r => r.InitiativeId, (p, r) => new { Provider = p.CountryCode, Recipient = r.CountryCode })
            .Where(x => x.Provider != x.Recipient)
            .GroupBy(x => new { x.Provider, x.Recipient })
            .Select(g => new ChartCount { Chart = 4, Key = g.Key.Provider, Other = g.Key.Recipient, Number = 0, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key).ThenBy(g => g.Other).Take(TopPairs);
        return (groups, await byRegionQuery.Concat(byCategoryQuery).Concat(bySdgQuery).Concat(pairsQuery).ToListAsync(cancellationToken));
    }

    /// <summary>One bar of the region (1), sector-category (2) or goal (3) chart, or a provider (Key) and recipient (Other) pair (4), as the one statement reading them all gives it.</summary>
    private sealed class ChartCount
    {
        public int Chart { get; init; }
        public string Key { get; init; } = "";
        public string Other { get; init; } = "";
        public int Number { get; init; }
        public int Count { get; init; }
    }

    public static int Percent(int part, int whole) => whole == 0 ? 0 : (int)Math.Round(100.0 * part / whole);
}
