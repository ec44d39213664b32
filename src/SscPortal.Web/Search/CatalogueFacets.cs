using SscPortal.Web.Catalogue;
using SscPortal.Web.Reference;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Search;

/// <summary>One value of a facet, with how many initiatives the catalogue would show if it were chosen.</summary>
/// <remarks><see cref="Lang"/> is "en" when the label is a code-list name not yet translated into the page's language.</remarks>
public sealed record FacetValue(string Value, string Label, int Count, bool Selected, string? Lang = null)
{
    public ShownName Shown => new(Label, Lang);
}

public sealed record Facet(string Parameter, string Title, IReadOnlyList<FacetValue> Values);

/// <summary>
/// The catalogue's facets. Each facet's counts are taken with every other filter applied and its own left out, so a
/// value's count is exactly the number of results choosing it would give.
/// </summary>
public static class CatalogueFacets
{
    /// <summary>
    /// How many organisations the organisation facet lists (the biggest, and always the chosen one): the only facet whose
    /// values are not a bounded code list. Every other facet lists every value that has results, so any country, region,
    /// sector category, goal, principle or year can be reached from the page; the page folds long lists away.
    /// </summary>
    public const int MostListed = 25;

    public static async Task<IReadOnlyList<Facet>> CountAsync(
        InitiativeFilter filter, AppDbContext db, ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var language = PortalCultures.Current;
        IQueryable<Initiative> Without(string facet) => filter.Apply(db.Initiatives.AsNoTracking(), db, except: facet);
        var facets = new List<Facet>();

        var roles = filter.Role switch
        {
            CountryFilterRole.Provider => InitiativeSearch.ProviderRoles,
            CountryFilterRole.Recipient => InitiativeSearch.RecipientRoles,
            _ => Enum.GetValues<CountryRole>(),
        };
        var countries = await Without("country").SelectMany(i => i.Countries).Where(c => roles.Contains(c.Role))
            .GroupBy(c => c.CountryCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("country", L["Country"], countries.Select(c => (c.Key, names.CountryName(c.Key, language), c.Count)), filter.Country, byCount: true));
        if (filter.Country is { } country)
        {
            var inCountry = Without("role");
            var asProvider = await inCountry.CountAsync(i => i.Countries.Any(c => c.CountryCode == country && InitiativeSearch.ProviderRoles.Contains(c.Role)), cancellationToken);
            var asRecipient = await inCountry.CountAsync(i => i.Countries.Any(c => c.CountryCode == country && InitiativeSearch.RecipientRoles.Contains(c.Role)), cancellationToken);
            facets.Add(Build("role", L["The country's role"], [("provider", L["as a provider"], asProvider), ("recipient", L["as a recipient"], asRecipient)], filter.Role?.ToUrlValue()));
        }
        var inRegions = Without("region").Select(i => i.Id);
        var regions = await db.Set<InitiativeCountry>().AsNoTracking().Where(c => inRegions.Contains(c.InitiativeId) && c.Country!.RegionCode != null)
            .GroupBy(c => c.Country!.RegionCode!).Select(g => new { g.Key, Count = g.Select(x => x.InitiativeId).Distinct().Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("region", L["Region"], regions.Select(r => (r.Key, names.RegionName(r.Key, language), r.Count)), filter.Region, byCount: true));
        facets.Add(await EnumFacetAsync("modality", L["Modality"], Without("modality").GroupBy(i => i.Modality).Select(g => new KeyValuePair<Modality, int>(g.Key, g.Count())), filter.Modality, v => L[EnumLabels.For(v)], cancellationToken));
        facets.Add(await EnumFacetAsync("instrument", L["Instrument"], Without("instrument").GroupBy(i => i.Instrument).Select(g => new KeyValuePair<Instrument, int>(g.Key, g.Count())), filter.Instrument, v => L[EnumLabels.For(v)], cancellationToken));
        facets.Add(await EnumFacetAsync("status", L["Status"], Without("status").GroupBy(i => i.Status).Select(g => new KeyValuePair<ActivityStatus, int>(g.Key, g.Count())), filter.Status, v => L[EnumLabels.For(v)], cancellationToken));

        // Children are counted from their own tables against the matching ids (SQLite has no APPLY for correlated projections).
        var inCategories = Without("category").Select(i => i.Id);
        var categories = await db.Set<InitiativeSector>().AsNoTracking().Where(s => inCategories.Contains(s.InitiativeId))
            .GroupBy(s => s.Sector!.CategoryCode).Select(g => new { g.Key, Count = g.Select(x => x.InitiativeId).Distinct().Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("category", L["Sector category"], categories.Select(c => (c.Key, names.CategoryName(c.Key, language), c.Count)), filter.Category, byCount: true));

        var goals = await Without("sdg").SelectMany(i => i.Sdgs).GroupBy(s => s.GoalCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("sdg", L["Sustainable Development Goals"], goals.OrderBy(g => g.Key)
            .Select(g => (g.Key.ToString(CultureInfo.InvariantCulture), $"{g.Key}. {names.GoalName(g.Key, language)}", g.Count)), filter.Sdg?.ToString(CultureInfo.InvariantCulture)));

        var inTypes = Without("actortype").Select(i => i.Id);
        var types = await db.Set<InitiativeActor>().AsNoTracking().Where(a => inTypes.Contains(a.InitiativeId))
            .GroupBy(a => a.Actor!.Type).Select(g => new { g.Key, Count = g.Select(x => x.InitiativeId).Distinct().Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("actortype", L["Kind of organisation taking part"], types.Select(t => (t.Key.ToUrlValue(), L[EnumLabels.For(t.Key)].Value, t.Count)), filter.ActorType?.ToUrlValue(), byCount: true));

        var inActors = Without("actor").Select(i => i.Id);
        var actors = await db.Set<InitiativeActor>().AsNoTracking().Where(a => inActors.Contains(a.InitiativeId))
            .GroupBy(a => new { a.ActorId, a.Actor!.Name }).Select(g => new { g.Key.ActorId, g.Key.Name, Count = g.Select(x => x.InitiativeId).Distinct().Count() })
            .OrderByDescending(a => a.Count).ThenBy(a => a.Name).Take(MostListed).ToListAsync(cancellationToken);
        if (filter.Actor is { } actor && actors.All(a => a.ActorId != actor))
        {
            var chosen = await db.Actors.AsNoTracking().Where(a => a.Id == actor).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken);
            if (chosen is not null) actors.Add(new { ActorId = actor, Name = chosen, Count = await Without("actor").CountAsync(i => i.Actors.Any(a => a.ActorId == actor), cancellationToken) });
        }
        facets.Add(Build("actor", L["Organisation taking part"], actors.Select(a => (a.ActorId.ToString(CultureInfo.InvariantCulture), a.Name, a.Count)), filter.Actor?.ToString(CultureInfo.InvariantCulture), byCount: true));

        var principles = await Without("principle").SelectMany(i => i.Principles).GroupBy(p => p.PrincipleCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("principle", L["Principle claimed"], principles.Select(p => (p.Key, names.PrincipleName(p.Key, language), p.Count)), filter.Principle, byCount: true));

        var years = await Without("year").Where(i => i.ActualStart != null || i.PlannedStart != null || i.ApprovalDate != null)
            .GroupBy(i => (i.ActualStart ?? i.PlannedStart ?? i.ApprovalDate)!.Value.Year).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("year", L["Year it started"], years.OrderByDescending(y => y.Key).Select(y => (y.Key.ToString(CultureInfo.InvariantCulture), y.Key.ToString(CultureInfo.InvariantCulture), y.Count)), filter.Year?.ToString(CultureInfo.InvariantCulture)));

        var assessed = await Without("assessed").CountAsync(i => db.Assessments.Any(a => a.InitiativeId == i.Id && a.Publication == PublicationState.Published), cancellationToken);
        facets.Add(Build("assessed", L["Assessment"], [("yes", L["Has a published assessment"], assessed)], filter.Assessed ? "yes" : null));
        return facets.Where(f => f.Values.Count > 0).ToList();
    }

    private static async Task<Facet> EnumFacetAsync<TEnum>(
        string parameter, string title, IQueryable<KeyValuePair<TEnum, int>> counts, TEnum? selected, Func<TEnum, string> label, CancellationToken cancellationToken)
        where TEnum : struct, Enum
    {
        var rows = await counts.ToListAsync(cancellationToken);
        return Build(parameter, title, rows.OrderBy(r => r.Key).Select(r => (r.Key.ToUrlValue(), label(r.Key), r.Value)), selected?.ToUrlValue());
    }

    private static Facet Build(string parameter, string title, IEnumerable<(string Value, string Label, int Count)> values, string? selected, bool byCount = false) =>
        Build(parameter, title, values.Select(v => (v.Value, ShownName.Neutral(v.Label), v.Count)), selected, byCount);

    private static Facet Build(string parameter, string title, IEnumerable<(string Value, ShownName Label, int Count)> values, string? selected, bool byCount = false)
    {
        var list = values.Where(v => v.Count > 0 || v.Value == selected).ToList();
        if (byCount) list = list.OrderByDescending(v => v.Count).ThenBy(v => v.Label.Text, StringComparer.CurrentCultureIgnoreCase).ToList();
        return new Facet(parameter, title, list.Select(v => new FacetValue(v.Value, v.Label.Text, v.Count, v.Value == selected, v.Label.Lang)).ToList());
    }
}
