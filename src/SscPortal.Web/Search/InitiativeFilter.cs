using System.Text.Encodings.Web;
using System.Text;
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

    /// <summary>
    /// Each parameter of <see cref="Values"/> in order, with its "name=value" already encoded (null when not set). The values
    /// are set once, by <see cref="Read"/>; a catalogue page makes a link per facet value (a few hundred), each of which would
    /// otherwise spell and encode every value again.
    /// </summary>
    private (string Name, string? Encoded)[]? _encoded;

    private static string Encoded(string name, string value) => UrlEncoder.Default.Encode(name) + "=" + UrlEncoder.Default.Encode(value);

    /// <summary>An address with this filter, one parameter changed (null removes it), and extra parameters such as a page cursor.</summary>
    public string Link(string path, string? parameter = null, string? value = null, params (string Name, string? Value)[] extra)
    {
        _encoded ??= Values().Select(v => (v.Key, v.Value is null ? null : Encoded(v.Key, v.Value))).ToArray();
        var link = new StringBuilder(path, path.Length + 128);
        var separator = '?';
        void Add(string pair)
        {
            link.Append(separator).Append(pair);
            separator = '&';
        }
        foreach (var (name, encoded) in _encoded)
        {
            // Removing the country removes the role it qualifies.
            if (parameter == "country" && value is null && name == "role") continue;
            var pair = name == parameter ? (value is null ? null : Encoded(name, value)) : encoded;
            if (pair is not null) Add(pair);
        }
        foreach (var (name, extraValue) in extra)
            if (extraValue is not null) Add(Encoded(name, extraValue));
        return link.ToString();
    }

    /// <summary>
    /// Decides, once per request, how the search words are matched (for the pages that do not count facets; the catalogue
    /// decides the same way with its counts): when the words find nothing, titles close to them stand in when there are some
    /// and not thousands. One statement.
    /// </summary>
    public async Task PrepareAsync(AppDbContext db, CancellationToken cancellationToken, TimeSpan? typoBudget = null)
    {
        if (Q is not null && !IsTypoFallback && InitiativeSearch.CanFallBackOnTitles(Q, db))
            await DecideTypoFallbackAsync(db, wordsFindNothing: false, cancellationToken, typoBudget);
    }

    /// <summary>What <see cref="DecideTypoFallbackAsync"/> found.</summary>
    public enum TypoDecision
    {
        /// <summary>The words find initiatives: they are matched as they are.</summary>
        WordsFind,
        /// <summary>The words find nothing, and some titles (not thousands) come close: they stand in.</summary>
        CloseTitles,
        /// <summary>The words find nothing, and no title comes close, or thousands do (no suggestion): nothing matches.</summary>
        Nothing,
        /// <summary>Not decided within the budget: nothing matches for now (the words are matched as they are).</summary>
        OutOfTime,
    }

    /// <summary>
    /// Titles close to the words stand in when the words find nothing, and when there are some close titles and not thousands,
    /// counted (up to <paramref name="most"/>, <see cref="CatalogueFacets.ExactLimit"/>) within <paramref name="typoBudget"/>
    /// (<see cref="CatalogueFacets.TypoBudget"/>; <see cref="Timeout.InfiniteTimeSpan"/> for the background, which the
    /// statement timeout bounds): thousands (a common word ending, or one word of two found everywhere) are no suggestion,
    /// and a word whose letters are common may have tens of thousands of titles to compare with, which a page does not wait
    /// for. The one rule for the catalogue, its background counts and every list (API, export, figures, map, widgets).
    /// </summary>
    /// <remarks>
    /// One statement. Whether the words find anything is asked of the sample first (its own small index: a word found in many
    /// records is found there at once) and only when the sample has none of all the matches, counted through the words'
    /// index: a plain EXISTS would let PostgreSQL walk the table hoping for an early match, which for two words each common
    /// but never together means reading all of it. The close titles are counted only when the words find nothing, and only
    /// when the sample's close titles (their own trigram index) do not already say there are thousands
    /// (<see cref="CatalogueFacets.SampleSaysMany"/>: a count somewhat under <paramref name="most"/> may be called thousands by chance).
    /// </remarks>
    public async Task<TypoDecision> DecideTypoFallbackAsync(AppDbContext db, bool wordsFindNothing, CancellationToken cancellationToken, TimeSpan? typoBudget = null,
        int most = CatalogueFacets.ExactLimit)
    {
        UseTypoFallback(false);
        var words = Searched(db.Initiatives.AsNoTracking(), db);
        var sample = ApplyToSample(db, CatalogueFacets.SampleEvery, keys: []);
        var close = InitiativeSearch.Matching(db.Initiatives.AsNoTracking().Published(), Q!, db, typoFallback: true).Take(most + 1);
        // Thousands of close titles (a common word ending: "waset" comes close to tens of thousands at a million initiatives)
        // are found so by the sample's own trigram index, a fiftieth, before they are counted one by one.
        var many = CatalogueFacets.SampleSaysMany(most);
        var closeSample = InitiativeSearch.Matching(InitiativeSample.Of(db).Published().Where(CatalogueFacets.EveryNth(CatalogueFacets.SampleEvery)), Q!, db, typoFallback: true).Take(many);
        TypoTimedOut = false;
        using var budget = CatalogueFacets.Budget(typoBudget ?? CatalogueFacets.TypoBudget, cancellationToken);
        int found;
        try
        {
            budget.Token.ThrowIfCancellationRequested();
            // -1: the words find something. Otherwise how many titles come close (up to the limit and one).
            // (Selected from any one row, as one statement whose CASE runs each count only when the one before says so.)
            found = wordsFindNothing
                ? await db.Initiatives.AsNoTracking().Select(_ => closeSample.Count() >= many ? most + 1 : close.Count()).FirstOrDefaultAsync(budget.Token)
                : await db.Initiatives.AsNoTracking().Select(_ => sample.Any() || words.Count() > 0 ? -1 : closeSample.Count() >= many ? most + 1 : close.Count()).FirstOrDefaultAsync(budget.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            TypoTimedOut = true;
            return TypoDecision.OutOfTime;
        }
        if (found < 0) return TypoDecision.WordsFind;
        if (found == 0 || found > most) return TypoDecision.Nothing;
        UseTypoFallback();
        return TypoDecision.CloseTitles;
    }

    /// <summary>
    /// As <see cref="PrepareAsync"/>, and says whether at most <paramref name="few"/> initiatives answer the whole filter: one
    /// statement when any do (when none do, a second: the words alone, and the titles close to them). A list of few is best
    /// read through the filter's own indexes and sorted; a list of many by walking the newest-first index until a page is full, which for a filter that
    /// answers almost nothing would mean walking the whole catalogue.
    /// </summary>
    public async Task<bool> PrepareAndMeasureAsync(AppDbContext db, int few, CancellationToken cancellationToken)
    {
        if (IsEmpty) return false;
        var found = await CatalogueFacets.CountUpToAsync(this, few, db, cancellationToken);
        if (found > 0) return found <= few;
        // Nothing answers: when the words alone find nothing either, titles close to them stand in, and only when they are
        // few (2,500 at most), so either way the list is read through the filter's indexes and sorted: walking the
        // newest-first index comparing each title with the words would take seconds for the few that answer.
        if (Q is not null && !IsTypoFallback && InitiativeSearch.CanFallBackOnTitles(Q, db))
            await DecideTypoFallbackAsync(db, wordsFindNothing: SelectedKeys().Count == 0, cancellationToken);
        return true;
    }

    /// <summary>
    /// The same question read again from its link, for a computation that runs apart from the request (its own scope and
    /// thread, shared by every reader asking it): it may decide the typo fallback without touching the request's filter.
    /// </summary>
    public static InitiativeFilter FromLink(string link, bool isTypoFallback, ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L)
    {
        var filter = Read(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link)), names, L);
        if (isTypoFallback) filter.UseTypoFallback();
        return filter;
    }

    /// <summary>
    /// Whether titles close to the words were last looked for and not decided within the budget: the words are matched as
    /// they are, so "nothing matches" holds for now only, and is not kept for other readers.
    /// </summary>
    public bool TypoTimedOut { get; internal set; }

    /// <summary>Says that the search words found nothing, so titles close to them stand in (decided by the facet counts), or (false) that none do after all.</summary>
    public void UseTypoFallback(bool use = true) => IsTypoFallback = use;

    /// <summary>The facet letter of each address parameter (country and its role are one facet: the country's keys).</summary>
    public static char FacetOf(string parameter) => parameter switch
    {
        "country" or "role" => 'c',
        "region" => 'r',
        "modality" => 'm',
        "instrument" => 'i',
        "status" => 's',
        "category" => 'k',
        "sdg" => 'g',
        "actor" => 'a',
        "actortype" => 't',
        "principle" => 'p',
        "year" => 'y',
        "assessed" => 'x',
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "Not a facet of the catalogue."),
    };

    /// <summary>The facet keys an initiative must have to answer the filters (not the search words), one per chosen facet.</summary>
    public IReadOnlyList<string> SelectedKeys()
    {
        var keys = new List<string>();
        if (Country is { } country) keys.Add(Role is { } role ? FacetKeys.CountryAs(role, country) : FacetKeys.Country(country));
        if (Region is { } region) keys.Add(FacetKeys.Region(region));
        if (Modality is { } modality) keys.Add(FacetKeys.Modality(modality));
        if (Instrument is { } instrument) keys.Add(FacetKeys.Instrument(instrument));
        if (Status is { } status) keys.Add(FacetKeys.Status(status));
        if (Category is { } category) keys.Add(FacetKeys.Category(category));
        if (Sdg is { } sdg) keys.Add(FacetKeys.Goal(sdg));
        if (Actor is { } actor) keys.Add(FacetKeys.Actor(actor));
        if (ActorType is { } type) keys.Add(FacetKeys.ActorType(type));
        if (Principle is { } principle) keys.Add(FacetKeys.Principle(principle));
        if (Year is { } year) keys.Add(FacetKeys.Year(year));
        if (Assessed) keys.Add(FacetKeys.Assessed);
        return keys;
    }

    /// <summary>The published initiatives that answer the search words, whatever the filters.</summary>
    public IQueryable<Initiative> Searched(IQueryable<Initiative> initiatives, AppDbContext db)
    {
        var query = initiatives.Published();
        return Q is null ? query : InitiativeSearch.Matching(query, Q, db, IsTypoFallback);
    }

    /// <summary>
    /// The published initiatives that answer the filter: the search words, and every chosen facet as "the facet keys contain
    /// these" (one GIN-indexed condition on PostgreSQL); <paramref name="except"/> leaves one facet out.
    /// </summary>
    public IQueryable<Initiative> Apply(IQueryable<Initiative> initiatives, AppDbContext db, string? except = null)
    {
        var keys = SelectedKeys();
        if (except is not null) keys = keys.Where(k => FacetKeys.FacetOf(k) != FacetOf(except)).ToList();
        return WithKeys(Searched(initiatives, db), keys);
    }

    /// <summary>
    /// What <see cref="Apply"/> gives, of the sample holding every <paramref name="every"/>th initiative
    /// (<see cref="CatalogueFacets.SampleEvery"/>, <see cref="CatalogueFacets.CoarseSampleEvery"/>). On PostgreSQL it is read
    /// from the sample's copy (<see cref="InitiativeSample"/>), whose own indexes of keys and of search words answer it, for a
    /// broad key from its covering index of keys. <paramref name="keys"/>: other keys than the chosen ones (the facet counts'
    /// questions leave one out).
    /// </summary>
    public IQueryable<Initiative> ApplyToSample(AppDbContext db, int every, IReadOnlyList<string>? keys = null) =>
        WithKeys(Searched(InitiativeSample.Of(db), db).Where(CatalogueFacets.EveryNth(every)), keys ?? SelectedKeys());

    /// <summary>Initiatives whose facet keys contain all of <paramref name="keys"/>.</summary>
    public static IQueryable<Initiative> WithKeys(IQueryable<Initiative> initiatives, IReadOnlyList<string> keys)
    {
        if (keys.Count == 0) return initiatives;
        var wanted = keys.ToList();
        return initiatives.Where(i => wanted.All(k => i.FacetKeys.Contains(k)));
    }
}
