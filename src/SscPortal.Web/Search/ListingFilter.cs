using System.Globalization;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.OpenData;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Search;

/// <summary>
/// The exchange's question (issue 18), read from the address so that a search can be shared and followed: search words,
/// kind (offer, need, two-way), form of cooperation, theme, DAC sector category, SDG, country, region, the kind of the
/// organisation that published it, a working language and "open now". One reader, <see cref="Query"/> (an
/// <see cref="ApiQuery"/>), checks the values for the page, the CSV, the JSON API, the feed and a followed search alike:
/// the page says what it did not understand and leaves that filter out; the others answer 400 with the same messages.
/// Codes are read in any case. Only published offers and needs are ever listed.
/// </summary>
public sealed class ListingFilter
{
    public const int MaxQueryLength = 200;

    /// <summary>The filters' parameters, in the order links write them, as the JSON API documents them.</summary>
    public static readonly ApiParameter[] Parameters =
    [
        ApiParameter.Text("q", MaxQueryLength, "Search words, matched in titles, descriptions and what is offered in kind, in every language stored."),
        ApiParameter.Code<ListingKind>("kind", "ListingKindCode", "Offer, need or two-way exchange, in any case."),
        ApiParameter.Code<CooperationForm>("form", "CooperationFormCode", "The form the cooperation would take, in any case."),
        ApiParameter.Code<ThematicArea>("theme", "ThemeCode", "A theme, in any case."),
        ApiParameter.Code("category", "SectorCategoryCode", names => names.Categories.Keys.Order(StringComparer.Ordinal).ToList(), "A DAC sector category (three digits).")
            with { Message = (L, value) => L["“{0}” is not a DAC sector category.", value] },
        ApiParameter.Code("sdg", "SdgCode", names => names.Goals.Keys.Order().Select(g => g.ToString(CultureInfo.InvariantCulture)).ToList(), "A Sustainable Development Goal (1 to 17).")
            with { NumericCodes = true, Message = (L, value) => L["“{0}” is not a Sustainable Development Goal.", value] },
        ApiParameter.Code("country", "CountryCode", names => names.Countries.Keys.Order(StringComparer.Ordinal).ToList(),
                "An ISO 3166-1 alpha-2 country code, in any case: offers and needs that name the country.")
            with { Message = (L, value) => L["There is no country with the code “{0}”.", value] },
        ApiParameter.Code("region", "RegionCode", names => names.Regions.Select(r => r.Code).ToList(),
                "A world region, in any case: offers and needs that name the region or a country in it.")
            with { Message = (L, value) => L["“{0}” is not a region.", value] },
        ApiParameter.Code<ActorType>("orgtype", "ActorTypeCode", "The kind of organisation that published it, in any case."),
        ApiParameter.Code("language", "WorkingLanguageCode", _ => WorkingLanguages.All, "A language the cooperation can be worked in (ISO 639-1)."),
        ApiParameter.Code("open", null, _ => ["yes", "true", "1"], "Only offers and needs still open today (not past their open-until date)."),
    ];

    /// <summary>The filters alone (the page reads its page position itself; the API adds limit and after).</summary>
    public static readonly ApiQuery Query = new("ListingFilters", Parameters);

    public string? Q { get; private init; }
    public ListingKind? Kind { get; private init; }
    public CooperationForm? Form { get; private init; }
    public ThematicArea? Theme { get; private init; }
    /// <summary>A DAC sector category (the first three digits of a sector code).</summary>
    public string? Category { get; private init; }
    public int? Sdg { get; private init; }
    public string? Country { get; private init; }
    public string? Region { get; private init; }
    public ActorType? OrgType { get; private init; }
    /// <summary>A working language (<see cref="WorkingLanguages"/>).</summary>
    public string? Language { get; private init; }
    public bool Open { get; private init; }

    /// <summary>The values the reader accepted (a refused one is left out, with its problem in <see cref="ApiQueryValues.Errors"/>).</summary>
    public static ListingFilter From(ApiQueryValues values) => new()
    {
        Q = Clean(values["q"]),
        Kind = values.Code<ListingKind>("kind"),
        Form = values.Code<CooperationForm>("form"),
        Theme = values.Code<ThematicArea>("theme"),
        Category = values["category"],
        Sdg = values["sdg"] is { } sdg ? int.Parse(sdg, NumberStyles.None, CultureInfo.InvariantCulture) : null,
        Country = values["country"],
        Region = values["region"],
        OrgType = values.Code<ActorType>("orgtype"),
        Language = values["language"],
        Open = values["open"] is not null,
    };

    /// <summary>Search words with control characters as spaces; nothing left is no search.</summary>
    private static string? Clean(string? q)
    {
        if (q is null) return null;
        var cleaned = new string(q.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }

    /// <summary>Reads and checks the address's values with <see cref="Query"/>.</summary>
    public static (ListingFilter Filter, ApiQueryValues Values) Read(IQueryCollection query, ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L)
    {
        var values = Query.Read(query, names, L);
        return (From(values), values);
    }

    public bool IsEmpty => Values().All(v => v.Value is null);

    /// <summary>The filter's values as address parameters (null for those not set).</summary>
    public IEnumerable<KeyValuePair<string, string?>> Values() =>
    [
        new("q", Q), new("kind", Kind?.ToUrlValue()), new("form", Form?.ToUrlValue()), new("theme", Theme?.ToUrlValue()), new("category", Category),
        new("sdg", Sdg?.ToString(CultureInfo.InvariantCulture)), new("country", Country), new("region", Region), new("orgtype", OrgType?.ToUrlValue()),
        new("language", Language), new("open", Open ? "yes" : null),
    ];

    /// <summary>An address with this filter, one parameter changed (null removes it), and extra parameters such as a page cursor.</summary>
    public string Link(string path, string? parameter = null, string? value = null, params (string Name, string? Value)[] extra)
    {
        var values = Values().Select(v => v.Key == parameter ? new KeyValuePair<string, string?>(v.Key, value) : v)
            .Concat(extra.Select(e => new KeyValuePair<string, string?>(e.Name, e.Value)))
            .Where(v => v.Value is not null).ToList();
        return values.Count == 0 ? path : path + QueryString.Create(values);
    }

    /// <summary>An address with this filter and several parameters set (null removes one): each given once, wherever it was before.</summary>
    public string LinkWith(string path, params (string Name, string? Value)[] changes)
    {
        var values = Values().Where(v => changes.All(c => c.Name != v.Key))
            .Concat(changes.Select(c => new KeyValuePair<string, string?>(c.Name, c.Value)))
            .Where(v => v.Value is not null).ToList();
        return values.Count == 0 ? path : path + QueryString.Create(values);
    }

    /// <summary>The countries of a region, from the code lists (a listing is in a region if it names it or one of them).</summary>
    public static List<string> CountriesIn(ReferenceData.Snapshot names, string region) =>
        names.Countries.Values.Where(c => c.RegionCode == region).Select(c => c.Code).ToList();

    /// <summary>The sectors of a DAC category, from the code lists.</summary>
    public static List<string> SectorsIn(ReferenceData.Snapshot names, string category) =>
        names.Sectors.Values.Where(s => s.CategoryCode == category).Select(s => s.Code).ToList();

    /// <summary>
    /// The published offers and needs that answer the filter; <paramref name="except"/> leaves one facet out (for its own
    /// counts). "Open now" is open on <paramref name="today"/>.
    /// </summary>
    public IQueryable<Listing> Apply(IQueryable<Listing> listings, AppDbContext db, ReferenceData.Snapshot names, DateOnly today, string? except = null)
    {
        var query = listings.Where(l => l.Publication == PublicationState.Published);
        if (Q is not null) query = ListingSearch.Matching(query, Q, db);
        if (Kind is { } kind && except != "kind") query = query.Where(l => l.Kind == kind);
        if (Form is { } form && except != "form") query = query.Where(l => l.Form == form);
        if (Theme is { } theme && except != "theme") query = query.Where(l => l.Themes.Contains(theme));
        if (Category is { } category && except != "category")
        {
            var sectors = SectorsIn(names, category);
            query = query.Where(l => l.Sectors.Any(s => sectors.Contains(s.SectorCode)));
        }
        if (Sdg is { } sdg && except != "sdg") query = query.Where(l => l.Sdgs.Any(s => s.GoalCode == sdg));
        if (Country is { } country && except != "country") query = query.Where(l => l.Countries.Any(c => c.CountryCode == country));
        if (Region is { } region && except != "region")
        {
            var countries = CountriesIn(names, region);
            query = query.Where(l => l.Regions.Any(r => r.RegionCode == region) || l.Countries.Any(c => countries.Contains(c.CountryCode)));
        }
        if (OrgType is { } type && except != "orgtype") query = query.Where(l => l.Owner!.Type == type);
        if (Language is { } language && except != "language") query = query.Where(l => l.WorkingLanguages.Contains(language));
        if (Open && except != "open") query = query.Where(l => l.OpenUntil == null || l.OpenUntil >= today);
        return query;
    }

    /// <summary>The filter in words (for a feed's title and a followed search's label).</summary>
    public List<string> Describe(ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L, string language)
    {
        var parts = new List<string>();
        if (Q is { } q) parts.Add($"“{q}”");
        if (Kind is { } kind) parts.Add(L[Localization.EnumLabels.For(kind)]);
        if (Form is { } form) parts.Add(L[Localization.EnumLabels.For(form)]);
        if (Theme is { } theme) parts.Add(L[Localization.EnumLabels.For(theme)]);
        if (Category is { } category) parts.Add(names.CategoryName(category, language).Text);
        if (Sdg is { } sdg) parts.Add(L["SDG {0}: {1}", sdg, names.GoalName(sdg, language)]);
        if (Country is { } country) parts.Add(names.CountryName(country, language));
        if (Region is { } region) parts.Add(names.RegionName(region, language));
        if (OrgType is { } type) parts.Add(L[Localization.EnumLabels.For(type)]);
        if (Language is { } working) parts.Add(L["Worked in {0}", L[Localization.EnumLabels.LanguageName(working)]]);
        if (Open) parts.Add(L["Still open today"]);
        return parts;
    }
}
