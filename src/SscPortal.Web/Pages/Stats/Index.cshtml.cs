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
public class IndexModel(AppDbContext db, ReferenceData referenceData, CatalogueCache cache, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int TopPairs = 15;

    public sealed record Pair(string Provider, string Recipient, int Count);

    public InitiativeFilter Filter { get; private set; } = null!;
    public int Total { get; private set; }
    public int CivilSocietyRecords { get; private set; }
    public int Assessed { get; private set; }
    public IReadOnlyList<BarChart> Charts { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyDictionary<(int Year, Modality Modality), int> ByYearAndModality { get; private set; } = new Dictionary<(int, Modality), int>();
    public IReadOnlyList<Pair> Pairs { get; private set; } = [];
    public ReferenceData.Snapshot Names { get; private set; } = null!;

    /// <summary>Everything the page shows, computed together and kept together in the catalogue cache.</summary>
    private sealed record Figures(int Total, int CivilSocietyRecords, int Assessed, IReadOnlyList<BarChart> Charts, IReadOnlyList<int> Years,
        IReadOnlyDictionary<(int, Modality), int> ByYearAndModality, IReadOnlyList<Pair> Pairs);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Names = await referenceData.GetAsync(cancellationToken);
        Filter = InitiativeFilter.Read(Request.Query, Names, L);
        await Filter.PrepareAsync(db, cancellationToken);
        // Computed once for all readers on a scope of its own (Caching/CatalogueCache.cs): a reader who leaves stops only their own wait.
        var filter = Filter;
        var names = Names;
        var figures = await cache.QueryAsync($"stats|{PortalCultures.Current}|{Filter.Link("")}|{Filter.IsTypoFallback}",
            (db, token) => ComputeAsync(db, filter, names, L, token), cancellationToken);
        (Total, CivilSocietyRecords, Assessed, Charts, Years, ByYearAndModality, Pairs) =
            (figures.Total, figures.CivilSocietyRecords, figures.Assessed, figures.Charts, figures.Years, figures.ByYearAndModality, figures.Pairs);
    }

    private static async Task<Figures> ComputeAsync(AppDbContext db, InitiativeFilter filter, ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var language = PortalCultures.Current;
        var initiatives = filter.Apply(db.Initiatives.AsNoTracking(), db);
        var ids = initiatives.Select(i => i.Id);
        var total = await initiatives.CountAsync(cancellationToken);
        var civilSocietyTypes = Enum.GetValues<ActorType>().Where(t => AccessTable.KindOf(t) == OrganisationKind.CivilSociety).ToList();
        var civilSocietyRecords = await initiatives.CountAsync(i => civilSocietyTypes.Contains(i.Owner!.Type), cancellationToken);
        var assessed = await initiatives.CountAsync(i => db.Assessments.Any(a => a.InitiativeId == i.Id && a.Publication == PublicationState.Published), cancellationToken);
        string Link(string parameter, string value) => filter.Link("/initiatives", parameter, value);

        var byYear = await initiatives.Where(i => i.ActualStart != null || i.PlannedStart != null || i.ApprovalDate != null)
            .GroupBy(i => new { (i.ActualStart ?? i.PlannedStart ?? i.ApprovalDate)!.Value.Year, i.Modality })
            .Select(g => new { g.Key.Year, g.Key.Modality, Count = g.Count() }).ToListAsync(cancellationToken);
        var byYearAndModality = byYear.ToDictionary(r => (r.Year, r.Modality), r => r.Count);
        var years = byYear.Select(r => r.Year).Distinct().Order().ToList();
        // Every initiative has a modality; not every one has a date yet.
        var byModality = await initiatives.GroupBy(i => i.Modality).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        var byRegion = await db.Set<InitiativeCountry>().AsNoTracking().Where(c => ids.Contains(c.InitiativeId) && c.Country!.RegionCode != null)
            .GroupBy(c => c.Country!.RegionCode!).Select(g => new { g.Key, Count = g.Select(x => x.InitiativeId).Distinct().Count() }).ToListAsync(cancellationToken);
        var byCategory = await db.Set<InitiativeSector>().AsNoTracking().Where(s => ids.Contains(s.InitiativeId))
            .GroupBy(s => s.Sector!.CategoryCode).Select(g => new { g.Key, Count = g.Select(x => x.InitiativeId).Distinct().Count() })
            .OrderByDescending(g => g.Count).Take(15).ToListAsync(cancellationToken);
        var bySdg = await db.Set<InitiativeSdg>().AsNoTracking().Where(s => ids.Contains(s.InitiativeId))
            .GroupBy(s => s.GoalCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        // A pair is a provider and a recipient of the same initiative.
        var countries = db.Set<InitiativeCountry>().AsNoTracking().Where(c => ids.Contains(c.InitiativeId));
        var pairs = await countries.Where(p => InitiativeSearch.ProviderRoles.Contains(p.Role))
            .Join(countries.Where(r => InitiativeSearch.RecipientRoles.Contains(r.Role)), p => p.InitiativeId, r => r.InitiativeId, (p, r) => new { Provider = p.CountryCode, Recipient = r.CountryCode })
            .Where(x => x.Provider != x.Recipient)
            .GroupBy(x => new { x.Provider, x.Recipient }).Select(g => new { g.Key.Provider, g.Key.Recipient, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Provider).ThenBy(g => g.Recipient).Take(TopPairs).ToListAsync(cancellationToken);
        var pairList = pairs.Select(p => new Pair(p.Provider, p.Recipient, p.Count)).ToList();

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
    return new Figures(total, civilSocietyRecords, assessed, charts, years, byYearAndModality, pairList);
    }

    public static int Percent(int part, int whole) => whole == 0 ? 0 : (int)Math.Round(100.0 * part / whole);
}
