using System.Globalization;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.OpenData;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Search;

/// <summary>
/// The question asked of the good practices (issue 19), read from the address so that a search can be shared and
/// followed: search words, theme, country, the kind of the organisation that owns it, and the call it came from. One
/// reader, <see cref="Query"/>, checks the values for the page, the CSV, the JSON API, the feed and a followed search
/// alike: the page says what it did not understand and leaves that filter out; the others answer 400 with the same
/// messages. Only published good practices are ever listed.
/// </summary>
public sealed class GoodPracticeFilter
{
    public const int MaxQueryLength = 200;

    /// <summary>The filters' parameters, in the order links write them, as the JSON API documents them.</summary>
    public static readonly ApiParameter[] Parameters =
    [
        ApiParameter.Text("q", MaxQueryLength, "Search words, matched in titles, the practice, its context, results and what can be transferred."),
        ApiParameter.Code<ThematicArea>("theme", "ThemeCode", "A theme, in any case."),
        ApiParameter.Code("country", "CountryCode", names => names.Countries.Keys.Order(StringComparer.Ordinal).ToList(),
                "An ISO 3166-1 alpha-2 country code, in any case: good practices that name the country.")
            with { Message = (L, value) => L["There is no country with the code “{0}”.", value] },
        ApiParameter.Code<ActorType>("orgtype", "ActorTypeCode", "The kind of organisation the good practice belongs to, in any case."),
        ApiParameter.WholeNumber("call", 1, int.MaxValue, "The id of the call the good practice was selected in.")
            with { Message = (L, value) => L["“{0}” is not the id of a call.", value] },
    ];

    /// <summary>The filters alone (the page reads its page position itself; the API adds limit and after).</summary>
    public static readonly ApiQuery Query = new("GoodPracticeFilters", Parameters);

    public string? Q { get; private init; }
    public ThematicArea? Theme { get; private init; }
    public string? Country { get; private init; }
    public ActorType? OrgType { get; private init; }
    public int? Call { get; private init; }

    /// <summary>The values the reader accepted (a refused one is left out, with its problem in <see cref="ApiQueryValues.Errors"/>).</summary>
    public static GoodPracticeFilter From(ApiQueryValues values) => new()
    {
        Q = Clean(values["q"]),
        Theme = values.Code<ThematicArea>("theme"),
        Country = values["country"],
        OrgType = values.Code<ActorType>("orgtype"),
        Call = values.Number("call"),
    };

    private static string? Clean(string? q)
    {
        if (q is null) return null;
        var cleaned = new string(q.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }

    public static (GoodPracticeFilter Filter, ApiQueryValues Values) Read(IQueryCollection query, ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L)
    {
        var values = Query.Read(query, names, L);
        return (From(values), values);
    }

    public bool IsEmpty => Values().All(v => v.Value is null);

    public IEnumerable<KeyValuePair<string, string?>> Values() =>
    [
        new("q", Q), new("theme", Theme?.ToUrlValue()), new("country", Country), new("orgtype", OrgType?.ToUrlValue()),
        new("call", Call?.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>An address with this filter, one parameter changed (null removes it), and extra parameters such as a page cursor.</summary>
    public string Link(string path, string? parameter = null, string? value = null, params (string Name, string? Value)[] extra)
    {
        var values = Values().Select(v => v.Key == parameter ? new KeyValuePair<string, string?>(v.Key, value) : v)
            .Concat(extra.Select(e => new KeyValuePair<string, string?>(e.Name, e.Value)))
            .Where(v => v.Value is not null).ToList();
        return values.Count == 0 ? path : path + QueryString.Create(values);
    }

    /// <summary>The published good practices that answer the filter; <paramref name="except"/> leaves one facet out (for its own counts).</summary>
    public IQueryable<GoodPractice> Apply(IQueryable<GoodPractice> practices, AppDbContext db, string? except = null)
    {
        var query = practices.Where(g => g.Publication == PublicationState.Published);
        if (Q is not null) query = GoodPracticeSearch.Matching(query, Q, db);
        if (Theme is { } theme && except != "theme") query = query.Where(g => g.Themes.Contains(theme));
        if (Country is { } country && except != "country") query = query.Where(g => g.Countries.Contains(country));
        if (OrgType is { } type && except != "orgtype") query = query.Where(g => g.Owner!.Type == type);
        if (Call is { } call && except != "call") query = query.Where(g => g.CallId == call);
        return query;
    }

    /// <summary>The filter in words (for a feed's title and a followed search's label).</summary>
    public List<string> Describe(ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L, string language)
    {
        var parts = new List<string>();
        if (Q is { } q) parts.Add($"“{q}”");
        if (Theme is { } theme) parts.Add(L[Localization.EnumLabels.For(theme)]);
        if (Country is { } country) parts.Add(names.CountryName(country, language));
        if (OrgType is { } type) parts.Add(L[Localization.EnumLabels.For(type)]);
        if (Call is { } call) parts.Add(L["Call {0}", call]);
        return parts;
    }
}
