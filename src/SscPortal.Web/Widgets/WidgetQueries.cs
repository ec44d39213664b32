using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;
using SscPortal.Web.Reference;
using SscPortal.Web.Search;

namespace SscPortal.Web.Widgets;

/// <summary>
/// What the widgets read, through the catalogue's own code: the filter and its search (<see cref="InitiativeFilter"/>,
/// <see cref="InitiativeSearch"/>), the public views of initiatives and assessments (<see cref="InitiativeQueries"/>,
/// <see cref="AssessmentQueries"/>). Nothing here is a second search.
/// </summary>
public static class WidgetQueries
{
    public const int DefaultItems = 5;
    public const int MaxItems = 20;

    /// <summary>How many items a widget lists: 1 to <see cref="MaxItems"/>; anything else (absent, not a number) is the default.</summary>
    public static int Items(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var items) && items is >= 1 and <= MaxItems ? items : DefaultItems;

    /// <summary>A link back to the portal that carries the widget's language (?culture= wins over the reader's cookie and browser).</summary>
    public static string Back(string pathAndQuery) => QueryHelpers.AddQueryString(pathAndQuery, "culture", PortalCultures.Current);

    /// <summary>The first <paramref name="items"/> answers of a catalogue filter, in the catalogue's order: best match when searching, newest otherwise.</summary>
    public static async Task<IReadOnlyList<InitiativeCard>> FirstAsync(InitiativeFilter filter, AppDbContext db, int items, CancellationToken cancellationToken)
    {
        var query = filter.Apply(db.Initiatives.AsNoTracking(), db);
        if (filter.Q is { } q)
            return (await InitiativeSearch.RankedPageAsync(query, q, filter.IsTypoFallback, db, null, items, PortalCultures.Current, cancellationToken)).Cards;
        return await query.OrderByDescending(i => i.PublishedAt).ThenByDescending(i => i.Id)
            .Take(items).ToCards(PortalCultures.Current).ToListAsync(cancellationToken);
    }

    /// <summary>The catalogue's filter for the given address parameters alone (an organisation's, a country's initiatives).</summary>
    public static InitiativeFilter Filter(ReferenceData.Snapshot names, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> L, params (string Name, string Value)[] values) =>
        InitiativeFilter.Read(new QueryCollection(values.ToDictionary(v => v.Name, v => new Microsoft.Extensions.Primitives.StringValues(v.Value))), names, L);
}

/// <summary>A country's figures as its page shows them: its published initiatives, as a provider and as a recipient, those assessed, by modality, and its most frequent partners.</summary>
public sealed record CountryFigures(
    int Initiatives, int AsProvider, int AsRecipient, int Assessed,
    IReadOnlyList<(Modality Modality, int Count)> Modalities, IReadOnlyList<(string Code, int Count)> Partners)
{
    public const int PartnersShown = 5;

    public static async Task<CountryFigures> ReadAsync(AppDbContext db, string code, CancellationToken cancellationToken)
    {
        var initiatives = db.Initiatives.AsNoTracking().Published().Where(i => i.Countries.Any(c => c.CountryCode == code));
        var total = await initiatives.CountAsync(cancellationToken);
        var asProvider = await initiatives.CountAsync(i => i.Countries.Any(c => c.CountryCode == code && InitiativeSearch.ProviderRoles.Contains(c.Role)), cancellationToken);
        var asRecipient = await initiatives.CountAsync(i => i.Countries.Any(c => c.CountryCode == code && InitiativeSearch.RecipientRoles.Contains(c.Role)), cancellationToken);
        var assessed = await db.Assessments.AsNoTracking().CurrentlyPublished().InCountry(code).Select(a => a.InitiativeId).Distinct().CountAsync(cancellationToken);
        var modalities = await initiatives.GroupBy(i => i.Modality).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var ids = initiatives.Select(i => i.Id);
        var partners = await db.Set<InitiativeCountry>().AsNoTracking().Where(c => c.CountryCode != code && ids.Contains(c.InitiativeId))
            .GroupBy(c => c.CountryCode).Select(g => new { g.Key, Count = g.Select(x => x.InitiativeId).Distinct().Count() }).ToListAsync(cancellationToken);
        return new CountryFigures(total, asProvider, asRecipient, assessed,
            modalities.OrderByDescending(m => m.Count).ThenBy(m => m.Key).Select(m => (m.Key, m.Count)).ToList(),
            partners.OrderByDescending(p => p.Count).ThenBy(p => p.Key, StringComparer.Ordinal).Take(PartnersShown).Select(p => (p.Key, p.Count)).ToList());
    }
}
