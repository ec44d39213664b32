using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;
using SscPortal.Web.Reference;
using SscPortal.Web.Search;

namespace SscPortal.Web.Catalogue;

/// <summary>
/// The tracker's facets, as the catalogue's: each facet's counts are taken with every other filter applied and its own left
/// out, so a value's count is the number of recommendations choosing it would list.
/// </summary>
public static class RecommendationFacets
{
    /// <summary>How many addressed organisations the facet lists (the most addressed, and always the chosen one).</summary>
    public const int MostListed = 25;

    public static async Task<IReadOnlyList<Facet>> CountAsync(
        RecommendationFilter filter, AppDbContext db, DateOnly today, ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var language = PortalCultures.Current;
        IQueryable<Recommendation> Without(string facet) => filter.Apply(db.Recommendations.AsNoTracking(), today, except: facet);
        var facets = new List<Facet>();

        // A country takes part in an initiative once (its key), so each recommendation counts once per country.
        var countries = await Without("country").SelectMany(r => r.Assessment!.Initiative!.Countries, (r, c) => c.CountryCode)
            .GroupBy(c => c).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("country", L["Country"], countries.Select(c => (c.Key, names.CountryName(c.Key, language), c.Count)), filter.Country, byCount: true));

        var organisations = await Without("organisation").GroupBy(r => new { r.AddressedToId, r.AddressedTo!.Name })
            .Select(g => new { g.Key.AddressedToId, g.Key.Name, Count = g.Count() })
            .OrderByDescending(o => o.Count).ThenBy(o => o.AddressedToId).Take(MostListed).ToListAsync(cancellationToken);
        if (filter.Organisation is { } chosen && organisations.All(o => o.AddressedToId != chosen))
        {
            var name = await db.Actors.AsNoTracking().Where(a => a.Id == chosen).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken);
            if (name is not null) organisations.Add(new { AddressedToId = chosen, Name = name, Count = await Without("organisation").CountAsync(r => r.AddressedToId == chosen, cancellationToken) });
        }
        facets.Add(Build("organisation", L["Addressed to"],
            organisations.Select(o => (o.AddressedToId.ToString(CultureInfo.InvariantCulture), o.Name, o.Count)), filter.Organisation?.ToString(CultureInfo.InvariantCulture), byCount: true));

        var statuses = await Without("status").GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("status", L["Status"], statuses.OrderBy(s => s.Key).Select(s => (s.Key.ToUrlValue(), L[EnumLabels.For(s.Key)].Value, s.Count)), filter.Status?.ToUrlValue()));

        var priorities = await Without("priority").GroupBy(r => r.Priority).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("priority", L["Priority"], priorities.OrderBy(p => p.Key).Select(p => (p.Key.ToUrlValue(), L[EnumLabels.For(p.Key)].Value, p.Count)), filter.Priority?.ToUrlValue()));

        var principles = await Without("principle").SelectMany(r => r.Principles).GroupBy(p => p.PrincipleCode)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("principle", L["Principle"], principles.Select(p => (p.Key, names.PrincipleName(p.Key, language), p.Count)), filter.Principle, byCount: true));

        var years = await Without("year").GroupBy(r => r.Assessment!.PublishedAt!.Value.Year).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("year", L["Year published"],
            years.OrderByDescending(y => y.Key).Select(y => (y.Key.ToString(CultureInfo.InvariantCulture), y.Key.ToString(CultureInfo.InvariantCulture), y.Count)),
            filter.Year?.ToString(CultureInfo.InvariantCulture)));

        var overdue = await Without("overdue").OverdueAt(today).CountAsync(cancellationToken);
        facets.Add(Build("overdue", L["Target date"], [("yes", L["Target date passed"].Value, overdue)], filter.Overdue ? "yes" : null));
        return facets.Where(f => f.Values.Count > 0).ToList();
    }

    private static Facet Build(string parameter, string title, IEnumerable<(string Value, string Label, int Count)> values, string? selected, bool byCount = false)
    {
        var list = values.Where(v => v.Count > 0 || v.Value == selected).ToList();
        if (byCount) list = list.OrderByDescending(v => v.Count).ThenBy(v => v.Label, StringComparer.CurrentCultureIgnoreCase).ToList();
        return new Facet(parameter, title, list.Select(v => new FacetValue(v.Value, v.Label, v.Count, v.Value == selected)).ToList());
    }
}
