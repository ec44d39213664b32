using SscPortal.Web.Reference;
using SscPortal.Web.Search;
using SscPortal.Web.Caching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Pages.Map;

/// <summary>
/// A world map shaded by the number of published initiatives per country, as provider or as recipient, with the
/// catalogue's other filters; clicking a country opens the catalogue filtered to it. A table carries the same figures.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class IndexModel([FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, CatalogueCache cache, IStringLocalizer<SharedResource> L) : PageModel
{
    [FromQuery(Name = "as")] public string? As { get; set; }

    public InitiativeFilter Filter { get; private set; } = null!;
    public CountryFilterRole Role { get; private set; } = CountryFilterRole.Provider;
    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();
    public int Max { get; private set; }
    public ReferenceData.Snapshot Names { get; private set; } = null!;

    /// <summary>How many initiatives the list of places shows at most (the newest published).</summary>
    public const int PlacesShown = 100;

    /// <summary>A published initiative and the places below country level where it works, as the public may see them.</summary>
    public sealed record Located(int Id, string Title, string Language, IReadOnlyList<InitiativeLocation> Locations);

    /// <summary>The newest published initiatives (with the filters) that name a region, place or point: the public locations only.</summary>
    public IReadOnlyList<Located> Places { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Names = await referenceData.GetAsync(cancellationToken);
        Filter = InitiativeFilter.Read(Request.Query, Names, L);
        if (CodeParsing.TryParseName<CountryFilterRole>(As, out var role)) Role = role;
        await Filter.PrepareAsync(db, cancellationToken);
        var roles = Role == CountryFilterRole.Provider ? InitiativeSearch.ProviderRoles : InitiativeSearch.RecipientRoles;
        // Computed once for all readers on a scope of its own (Caching/CatalogueCache.cs): a reader who leaves stops only their own wait.
        var filter = Filter;
        Counts = await cache.QueryAsync($"map|{Role}|{Filter.Link("")}|{Filter.IsTypoFallback}", async (own, token) =>
        {
            var ids = filter.Apply(own.Initiatives.AsNoTracking(), own, except: "country").Select(i => i.Id);
            return (IReadOnlyDictionary<string, int>)await own.Set<InitiativeCountry>().AsNoTracking()
                .Where(c => ids.Contains(c.InitiativeId) && roles.Contains(c.Role))
                .GroupBy(c => c.CountryCode).Select(g => new { g.Key, Count = g.Select(c => c.InitiativeId).Distinct().Count() })
                .ToDictionaryAsync(g => g.Key.Trim(), g => g.Count, token);
        }, cancellationToken);
        Max = Counts.Count == 0 ? 0 : Counts.Values.Max();

        // The map is public whoever looks: each initiative's locations as the public may see them (region level at most
        // in a sensitive setting), leaving out those that then say no more than the country.
        var located = await Filter.Apply(db.Initiatives.AsNoTracking(), db)
            .Where(i => i.Locations.Any(l => l.Precision != LocationPrecision.Country))
            .OrderByDescending(i => i.PublishedAt).ThenByDescending(i => i.Id).Take(PlacesShown)
            .Select(i => new { i.Id, i.Title, i.Language, i.Sensitivity, i.ThematicAreas, Locations = i.Locations.OrderBy(l => l.Id).ToList() })
            .AsSplitQuery().ToListAsync(cancellationToken);
        Places = located
            .Select(i => new Located(i.Id, i.Title, i.Language,
                LocationsForReader.ForPublic(i.Sensitivity, i.ThematicAreas, i.Locations).Where(l => l.Precision != LocationPrecision.Country).ToList()))
            .Where(i => i.Locations.Count > 0).ToList();
    }

    /// <summary>The catalogue filtered to a country in the role the map shows.</summary>
    public string CatalogueLink(string code) => Filter.Link("/initiatives", "country", code, ("role", Role.ToUrlValue()));
}
