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
using SscPortal.Web.Data;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Pages.Map;

/// <summary>
/// A world map shaded by the number of published initiatives per country, as provider or as recipient, with the
/// catalogue's other filters; clicking a country opens the catalogue filtered to it. A table carries the same figures.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class IndexModel(AppDbContext db, ReferenceData referenceData, CatalogueCache cache, IStringLocalizer<SharedResource> L) : PageModel
{
    [FromQuery(Name = "as")] public string? As { get; set; }

    public InitiativeFilter Filter { get; private set; } = null!;
    public CountryFilterRole Role { get; private set; } = CountryFilterRole.Provider;
    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();
    public int Max { get; private set; }
    public ReferenceData.Snapshot Names { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Names = await referenceData.GetAsync(cancellationToken);
        Filter = InitiativeFilter.Read(Request.Query, Names, L);
        if (CodeParsing.TryParseName<CountryFilterRole>(As, out var role)) Role = role;
        await Filter.PrepareAsync(db, cancellationToken);
        var ids = Filter.Apply(db.Initiatives.AsNoTracking(), db, except: "country").Select(i => i.Id);
        var roles = Role == CountryFilterRole.Provider ? InitiativeSearch.ProviderRoles : InitiativeSearch.RecipientRoles;
        Counts = await cache.GetAsync($"map|{Role}|{Filter.Link("")}|{Filter.IsTypoFallback}", async () => (IReadOnlyDictionary<string, int>)await db.Set<InitiativeCountry>().AsNoTracking()
            .Where(c => ids.Contains(c.InitiativeId) && roles.Contains(c.Role))
            .GroupBy(c => c.CountryCode).Select(g => new { g.Key, Count = g.Select(c => c.InitiativeId).Distinct().Count() })
            .ToDictionaryAsync(g => g.Key.Trim(), g => g.Count, cancellationToken));
        Max = Counts.Count == 0 ? 0 : Counts.Values.Max();
    }

    /// <summary>The catalogue filtered to a country in the role the map shows.</summary>
    public string CatalogueLink(string code) => Filter.Link("/initiatives", "country", code, ("role", Role.ToUrlValue()));
}
