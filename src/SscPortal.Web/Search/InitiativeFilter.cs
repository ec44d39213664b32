using SscPortal.Web.Catalogue;
using SscPortal.Web.Reference;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Search;

/// <summary>Which of a country's roles a country filter asks for.</summary>
public enum CountryFilterRole
{
    Provider = 1,
    Recipient = 2,
}

/// <summary>
/// The catalogue's question, read from the address so that a search can be shared: search words and facet filters.
/// The same filter drives the catalogue page, its facet counts, the CSV export and the JSON API. A value that is not
/// understood is reported (and not applied), never an error.
/// </summary>
public sealed class InitiativeFilter
{
    public const int MaxQueryLength = 200;

    /// <summary>The address parameters, in the order links write them.</summary>
    public static readonly string[] Parameters =
        ["q", "country", "role", "region", "modality", "instrument", "status", "category", "sdg", "actor", "actortype", "principle", "year", "assessed"];

    public string? Q { get; private set; }
    public string? Country { get; private set; }
    public CountryFilterRole? Role { get; private set; }
    /// <summary>A world region: initiatives with a country in it.</summary>
    public string? Region { get; private set; }
    public Modality? Modality { get; private set; }
    public Instrument? Instrument { get; private set; }
    public ActivityStatus? Status { get; private set; }
    /// <summary>A DAC sector category (the first three digits of a sector code).</summary>
    public string? Category { get; private set; }
    public int? Sdg { get; private set; }
    public int? Actor { get; private set; }
    public ActorType? ActorType { get; private set; }
    public string? Principle { get; private set; }
    /// <summary>The year an initiative started (actually, or as planned, or was approved).</summary>
    public int? Year { get; private set; }
    public bool Assessed { get; private set; }

    /// <summary>Set by <see cref="PrepareAsync"/>: the search found nothing by its words, so titles close to it stand in.</summary>
    public bool IsTypoFallback { get; private set; }

    public IReadOnlyList<string> Problems => _problems;
    private readonly List<string> _problems = [];

    public bool IsEmpty => Values().All(v => v.Value is null);

    public static InitiativeFilter Read(IQueryCollection query, ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L)
    {
        var filter = new InitiativeFilter();
        string? Text(string name) => query[name].FirstOrDefault() is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
        TEnum? Code<TEnum>(string name, LocalizedString message) where TEnum : struct, Enum
        {
            if (Text(name) is not { } text) return null;
            if (CodeParsing.TryParseName<TEnum>(text, out var value)) return value;
            filter._problems.Add(string.Format(CultureInfo.CurrentCulture, message.Value, Shorten(text)));
            return null;
        }
        int? Number(string name, Func<int, bool> known, LocalizedString message)
        {
            if (Text(name) is not { } text) return null;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && known(value)) return value;
            filter._problems.Add(string.Format(CultureInfo.CurrentCulture, message.Value, Shorten(text)));
            return null;
        }

        if (Text("q") is { } q)
        {
            // Control characters are spaces; an over-long question is cut, and the reader told.
            var cleaned = new string(q.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
            if (cleaned.Length > MaxQueryLength)
            {
                cleaned = cleaned[..MaxQueryLength];
                filter._problems.Add(L["Only the first {0} characters of the search were used.", MaxQueryLength]);
            }
            filter.Q = cleaned.Length == 0 ? null : cleaned;
        }
        if (Text("country") is { } country)
        {
            var code = country.ToUpperInvariant();
            if (names.Countries.ContainsKey(code)) filter.Country = code;
            else filter._problems.Add(L["There is no country with the code “{0}”. This filter was not applied.", Shorten(country)]);
        }
        if (Text("region") is { } region)
        {
            // Codes in any case (region=LAC is lac), as for countries and the enumerations.
            if (names.Regions.FirstOrDefault(r => string.Equals(r.Code, region, StringComparison.OrdinalIgnoreCase)) is { } known) filter.Region = known.Code;
            else filter._problems.Add(L["“{0}” is not a region. This filter was not applied.", Shorten(region)]);
        }
        filter.Role = Code<CountryFilterRole>("role", L["“{0}” is not a role: choose provider or recipient. This filter was not applied."]);
        filter.Modality = Code<Modality>("modality", L["“{0}” is not a modality. This filter was not applied."]);
        filter.Instrument = Code<Instrument>("instrument", L["“{0}” is not an instrument. This filter was not applied."]);
        filter.Status = Code<ActivityStatus>("status", L["“{0}” is not a status. This filter was not applied."]);
        filter.ActorType = Code<ActorType>("actortype", L["“{0}” is not a kind of organisation. This filter was not applied."]);
        if (Text("category") is { } category)
        {
            if (names.Categories.ContainsKey(category)) filter.Category = category;
            else filter._problems.Add(L["“{0}” is not a DAC sector category. This filter was not applied.", Shorten(category)]);
        }
        filter.Sdg = Number("sdg", names.Goals.ContainsKey, L["“{0}” is not a Sustainable Development Goal. This filter was not applied."]);
        filter.Actor = Number("actor", id => id > 0, L["“{0}” is not an organisation. This filter was not applied."]);
        filter.Year = Number("year", year => year is >= 1950 and <= 2100, L["“{0}” is not a year. This filter was not applied."]);
        if (Text("principle") is { } principle)
        {
            if (names.Principles.FirstOrDefault(p => string.Equals(p.Code, principle, StringComparison.OrdinalIgnoreCase)) is { } known) filter.Principle = known.Code;
            else filter._problems.Add(L["“{0}” is not a principle. This filter was not applied.", Shorten(principle)]);
        }
        if (Text("assessed") is { } assessed)
        {
            if (assessed is "yes" or "true" or "1") filter.Assessed = true;
            else filter._problems.Add(L["“{0}” is not understood: use assessed=yes. This filter was not applied.", Shorten(assessed)]);
        }
        if (filter.Role is not null && filter.Country is null) filter.Role = null;
        return filter;
    }

    /// <summary>The filter's values as address parameters (null for those not set).</summary>
    public IEnumerable<KeyValuePair<string, string?>> Values() =>
    [
        new("q", Q), new("country", Country), new("role", Role?.ToUrlValue()), new("region", Region), new("modality", Modality?.ToUrlValue()),
        new("instrument", Instrument?.ToUrlValue()), new("status", Status?.ToUrlValue()), new("category", Category),
        new("sdg", Sdg?.ToString(CultureInfo.InvariantCulture)), new("actor", Actor?.ToString(CultureInfo.InvariantCulture)),
        new("actortype", ActorType?.ToUrlValue()), new("principle", Principle), new("year", Year?.ToString(CultureInfo.InvariantCulture)),
        new("assessed", Assessed ? "yes" : null),
    ];

    /// <summary>An address with this filter, one parameter changed (null removes it), and extra parameters such as a page cursor.</summary>
    public string Link(string path, string? parameter = null, string? value = null, params (string Name, string? Value)[] extra)
    {
        var values = Values().Select(v => v.Key == parameter ? new KeyValuePair<string, string?>(v.Key, value) : v)
            .Where(v => !(parameter == "country" && value is null && v.Key == "role"))
            .Concat(extra.Select(e => new KeyValuePair<string, string?>(e.Name, e.Value)))
            .Where(v => v.Value is not null).ToList();
        return values.Count == 0 ? path : path + QueryString.Create(values);
    }

    /// <summary>Decides, once per request, how the search words are matched.</summary>
    public async Task PrepareAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (Q is not null) IsTypoFallback = await InitiativeSearch.NeedsTypoFallbackAsync(db.Initiatives.AsNoTracking().Published(), Q, db, cancellationToken);
    }

    /// <summary>The published initiatives that answer the filter; <paramref name="except"/> leaves one facet out (for its own counts).</summary>
    public IQueryable<Initiative> Apply(IQueryable<Initiative> initiatives, AppDbContext db, string? except = null)
    {
        var query = initiatives.Published();
        if (Q is not null) query = InitiativeSearch.Matching(query, Q, db, IsTypoFallback);
        if (Country is { } country && except != "country")
        {
            query = Role switch
            {
                CountryFilterRole.Provider => query.Where(i => i.Countries.Any(c => c.CountryCode == country && InitiativeSearch.ProviderRoles.Contains(c.Role))),
                CountryFilterRole.Recipient => query.Where(i => i.Countries.Any(c => c.CountryCode == country && InitiativeSearch.RecipientRoles.Contains(c.Role))),
                _ => query.Where(i => i.Countries.Any(c => c.CountryCode == country)),
            };
        }
        if (Region is { } region && except != "region") query = query.Where(i => i.Countries.Any(c => c.Country!.RegionCode == region));
        if (Modality is { } modality && except != "modality") query = query.Where(i => i.Modality == modality);
        if (Instrument is { } instrument && except != "instrument") query = query.Where(i => i.Instrument == instrument);
        if (Status is { } status && except != "status") query = query.Where(i => i.Status == status);
        if (Category is { } category && except != "category") query = query.Where(i => i.Sectors.Any(s => s.Sector!.CategoryCode == category));
        if (Sdg is { } sdg && except != "sdg") query = query.Where(i => i.Sdgs.Any(s => s.GoalCode == sdg));
        if (Actor is { } actor && except != "actor") query = query.Where(i => i.Actors.Any(a => a.ActorId == actor));
        if (ActorType is { } type && except != "actortype") query = query.Where(i => i.Actors.Any(a => a.Actor!.Type == type));
        if (Principle is { } principle && except != "principle") query = query.Where(i => i.Principles.Any(p => p.PrincipleCode == principle));
        if (Year is { } year && except != "year")
            query = query.Where(i => (i.ActualStart ?? i.PlannedStart ?? i.ApprovalDate)!.Value.Year == year);
        if (Assessed && except != "assessed")
            query = query.Where(i => db.Assessments.Any(a => a.InitiativeId == i.Id && a.Publication == PublicationState.Published));
        return query;
    }
}
