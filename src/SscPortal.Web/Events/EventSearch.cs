using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpgsqlTypes;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;
using SscPortal.Web.OpenData;
using SscPortal.Web.Reference;
using SscPortal.Web.Search;

namespace SscPortal.Web.Events;

/// <summary>Which part of the published events a list shows: those not ended yet (ongoing ones among them), or the archive.</summary>
public enum EventPeriod
{
    Upcoming = 1,
    Past = 2,
}

/// <summary>
/// The events' question (issue 20), read from the address so that a search can be shared: search words, kind, the venue's
/// country, online (online or hybrid), a language spoken, a theme, an organiser (owner or confirmed co-organiser), an
/// initiative it concerns, and upcoming or past. One reader, <see cref="Query"/>, checks the values for the page, the
/// calendar file, the feed, the CSV and the JSON API alike: the page says what it did not understand and leaves that filter
/// out; the others answer 400 with the same messages. Only published events are ever listed.
/// </summary>
public sealed class EventFilter
{
    public const int MaxQueryLength = 200;

    public static readonly ApiParameter[] Parameters =
    [
        ApiParameter.Text("q", MaxQueryLength, "Search words, matched in titles, descriptions, places and the programme, in every language stored. A minus sign leaves a word out."),
        ApiParameter.Code<EventKind>("kind", "EventKindCode", "Seminar, side event, panel, workshop, webinar or exchange visit, in any case."),
        ApiParameter.Code("country", "CountryCode", names => names.Countries.Keys.Order(StringComparer.Ordinal).ToList(), "An ISO 3166-1 alpha-2 country code, in any case: events held there (the venue's country)."),
        ApiParameter.Code("online", null, _ => ["yes"], "yes: only events one may follow online (online or hybrid)."),
        ApiParameter.Code("language", "WorkingLanguageCode", _ => WorkingLanguages.All, "A language spoken at the event (ISO 639-1)."),
        ApiParameter.Code<ThematicArea>("theme", "ThemeCode", "A theme the event concerns, in any case."),
        ApiParameter.WholeNumber("organiser", 1, int.MaxValue, "An organisation's id (see /api/v1/actors): events it organises or co-organises (confirmed)."),
        ApiParameter.WholeNumber("initiative", 1, int.MaxValue, "An initiative's id (see /api/v1/initiatives): events that concern it."),
        ApiParameter.Code<EventPeriod>("when", "EventPeriodCode", "upcoming (the default: not ended yet, soonest first) or past (the archive, latest first)."),
    ];

    public static readonly ApiQuery Query = new("EventFilters", Parameters);

    public string? Q { get; private init; }
    public EventKind? Kind { get; private init; }
    public string? Country { get; private init; }
    public bool Online { get; private init; }
    public string? Language { get; private init; }
    public ThematicArea? Theme { get; private init; }
    public int? Organiser { get; private init; }
    public int? Initiative { get; private init; }
    public EventPeriod When { get; private init; } = EventPeriod.Upcoming;

    public static EventFilter From(ApiQueryValues values) => new()
    {
        Q = Clean(values["q"]),
        Kind = values.Code<EventKind>("kind"),
        Country = values["country"],
        Online = values["online"] is not null,
        Language = values["language"],
        Theme = values.Code<ThematicArea>("theme"),
        Organiser = values.Number("organiser"),
        Initiative = values.Number("initiative"),
        When = values.Code<EventPeriod>("when") ?? EventPeriod.Upcoming,
    };

    private static string? Clean(string? q)
    {
        if (q is null) return null;
        var cleaned = new string(q.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }

    public static (EventFilter Filter, ApiQueryValues Values) Read(IQueryCollection query, ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L)
    {
        var values = Query.Read(query, names, L);
        return (From(values), values);
    }

    /// <summary>Whether anything narrows the list (the period is not a filter: it says which part of the list).</summary>
    public bool IsEmpty => Values().All(v => v.Key == "when" || v.Value is null);

    public IEnumerable<KeyValuePair<string, string?>> Values() =>
    [
        new("q", Q), new("kind", Kind?.ToUrlValue()), new("country", Country), new("online", Online ? "yes" : null), new("language", Language),
        new("theme", Theme?.ToUrlValue()), new("organiser", Organiser?.ToString(CultureInfo.InvariantCulture)),
        new("initiative", Initiative?.ToString(CultureInfo.InvariantCulture)), new("when", When == EventPeriod.Past ? "past" : null),
    ];

    /// <summary>An address with this filter, one parameter changed (null removes it), and extra parameters such as a page number.</summary>
    public string Link(string path, string? parameter = null, string? value = null, params (string Name, string? Value)[] extra)
    {
        var values = Values().Select(v => v.Key == parameter ? new KeyValuePair<string, string?>(v.Key, value) : v)
            .Concat(extra.Select(e => new KeyValuePair<string, string?>(e.Name, e.Value)))
            .Where(v => v.Value is not null).ToList();
        return values.Count == 0 ? path : path + QueryString.Create(values);
    }

    /// <summary>The published events that answer the filter, any period; <paramref name="except"/> leaves one facet out.</summary>
    public IQueryable<CooperationEvent> ApplyAnyTime(IQueryable<CooperationEvent> events, AppDbContext db, string? except = null)
    {
        var query = events.Where(e => e.Publication == PublicationState.Published);
        if (Q is not null) query = EventSearch.Matching(query, Q, db);
        if (Kind is { } kind && except != "kind") query = query.Where(e => e.Kind == kind);
        if (Country is { } country && except != "country") query = query.Where(e => e.CountryCode == country);
        if (Online && except != "online") query = query.Where(e => e.Format != EventFormat.InPerson);
        if (Language is { } language && except != "language") query = query.Where(e => e.Languages.Contains(language));
        if (Theme is { } theme && except != "theme") query = query.Where(e => e.Themes.Contains(theme));
        if (Organiser is { } organiser && except != "organiser")
            query = query.Where(e => e.OwnerId == organiser || e.CoOrganisers.Any(o => o.ActorId == organiser && o.State == CoOrganiserState.Confirmed));
        if (Initiative is { } initiative && except != "initiative") query = query.Where(e => e.Initiatives.Any(i => i.InitiativeId == initiative));
        return query;
    }

    /// <summary>The published events that answer the filter in its period (upcoming: not ended at <paramref name="now"/>; past: ended).</summary>
    public IQueryable<CooperationEvent> Apply(IQueryable<CooperationEvent> events, AppDbContext db, DateTime now, string? except = null) =>
        EventSearch.InPeriod(ApplyAnyTime(events, db, except), When, now);

    /// <summary>The filter in words (for a feed's or calendar's title).</summary>
    public async Task<List<string>> DescribeAsync(AppDbContext db, ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var language = PortalCultures.Current;
        var parts = new List<string>();
        if (Q is { } q) parts.Add($"“{q}”");
        if (Kind is { } kind) parts.Add(L[EnumLabels.For(kind)]);
        if (Country is { } country) parts.Add(names.CountryName(country, language));
        if (Online) parts.Add(L["Online"]);
        if (Language is { } spoken) parts.Add(L["In {0}", L[EnumLabels.LanguageName(spoken)]]);
        if (Theme is { } theme) parts.Add(L[EnumLabels.For(theme)]);
        if (Organiser is { } organiser)
            parts.Add(await db.Actors.AsNoTracking().Where(a => a.Id == organiser).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken) ?? $"#{organiser.ToString(CultureInfo.InvariantCulture)}");
        if (Initiative is { } initiative)
            parts.Add(await db.Initiatives.AsNoTracking().Where(i => i.Id == initiative).Select(i => i.Title).SingleOrDefaultAsync(cancellationToken) ?? $"#{initiative.ToString(CultureInfo.InvariantCulture)}");
        if (When == EventPeriod.Past) parts.Add(L["Past events"]);
        return parts;
    }
}

/// <summary>
/// Search, order and facets of the published events. On PostgreSQL the stored tsvector (as the calls'); on SQLite accent- and
/// case-insensitive words, phrases and exclusions in the normalised title and text. Upcoming events (those not ended, so
/// ongoing ones come first) by start, soonest first; the archive by start, latest first.
/// </summary>
public static class EventSearch
{
    /// <summary>The most events one calendar file or one month's grid holds.</summary>
    public const int MaxCalendarEntries = 500;

    public static IQueryable<CooperationEvent> Matching(IQueryable<CooperationEvent> events, string q, AppDbContext db)
    {
        if (db.Database.IsNpgsql())
            return events.Where(e => EF.Property<NpgsqlTsVector>(e, PostgresAppDbContext.SearchVector).Matches(
                EF.Functions.WebSearchToTsQuery("ssc_en", q).Or(EF.Functions.WebSearchToTsQuery("ssc_es", q)).Or(EF.Functions.WebSearchToTsQuery("ssc_pt", q))));
        var terms = InitiativeSearch.Parse(q);
        if (terms.IsEmpty) return events.Where(_ => false);
        foreach (var term in terms.Included) events = events.Where(e => e.SearchTitle.Contains(term) || e.SearchBody.Contains(term));
        foreach (var term in terms.Excluded) events = events.Where(e => !e.SearchTitle.Contains(term) && !e.SearchBody.Contains(term));
        return events;
    }

    public static IQueryable<CooperationEvent> InPeriod(IQueryable<CooperationEvent> events, EventPeriod period, DateTime now) =>
        period == EventPeriod.Past ? events.Where(e => e.EndsAt <= now) : events.Where(e => e.EndsAt > now);

    /// <summary>The list's order: upcoming soonest first (ongoing ones first of all), the archive latest first.</summary>
    public static IQueryable<CooperationEvent> Ordered(IQueryable<CooperationEvent> events, EventPeriod period) =>
        period == EventPeriod.Past
            ? events.OrderByDescending(e => e.StartsAt).ThenByDescending(e => e.Id)
            : events.OrderBy(e => e.StartsAt).ThenBy(e => e.Id);

    /// <summary>One page's ids (<paramref name="size"/> from <paramref name="skip"/>) and whether more follow.</summary>
    public static async Task<(List<int> Ids, bool More)> PageAsync(IQueryable<CooperationEvent> events, EventPeriod period, int skip, int size, CancellationToken cancellationToken)
    {
        var ids = await Ordered(events, period).Skip(skip).Take(size + 1).Select(e => e.Id).ToListAsync(cancellationToken);
        return (ids.Take(size).ToList(), ids.Count > size);
    }

    /// <summary>The cards of these events, in one query, in the order of <paramref name="ids"/>.</summary>
    public static async Task<List<EventCard>> CardsAsync(AppDbContext db, IReadOnlyList<int> ids, string language, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        var list = ids.ToList();
        var cards = await db.Events.AsNoTracking().Where(e => list.Contains(e.Id) && e.Publication == PublicationState.Published).ToCards(language).ToListAsync(cancellationToken);
        return ids.Select(id => cards.SingleOrDefault(c => c.Id == id)).OfType<EventCard>().ToList();
    }

    public static IQueryable<EventCard> ToCards(this IQueryable<CooperationEvent> events, string language) =>
        events.Select(e => new EventCard(e.Id, e.Kind, e.Title, e.Description, e.Language, e.StartsAt, e.EndsAt, e.TimeZone, e.Format, e.City, e.CountryCode,
            e.OwnerId, e.Owner!.Name, e.PublishedAt ?? e.CreatedAt, e.UpdatedAt, e.Version, e.ReportPublishedAt,
            e.CoOrganisers.Where(o => o.State == CoOrganiserState.Confirmed).OrderBy(o => o.ActorId).Select(o => new EventOrganiserName(o.ActorId, o.Actor!.Name)).ToList(),
            e.Translations.Where(t => t.Language == language).Select(t => new TextInLanguage(t.Language, t.Title, t.Description)).ToList()));

    /// <summary>The facets, each counted with every other filter applied and its own left out.</summary>
    public static async Task<IReadOnlyList<Facet>> FacetsAsync(EventFilter filter, AppDbContext db, ReferenceData.Snapshot names, DateTime now,
        IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var language = PortalCultures.Current;
        IQueryable<CooperationEvent> Without(string facet) => filter.Apply(db.Events.AsNoTracking(), db, now, except: facet);
        var facets = new List<Facet>();

        var kinds = await Without("kind").GroupBy(e => e.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("kind", L["Kind of event"], kinds.OrderBy(k => k.Key).Select(k => (k.Key.ToUrlValue(), L[EnumLabels.For(k.Key)].Value, k.Count)), filter.Kind?.ToUrlValue()));

        var countries = await Without("country").Where(e => e.CountryCode != null).GroupBy(e => e.CountryCode!).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("country", L["Country"], countries.Select(c => (c.Key.Trim(), names.CountryName(c.Key.Trim(), language), c.Count)), filter.Country, byCount: true));

        var online = await Without("online").CountAsync(e => e.Format != EventFormat.InPerson, cancellationToken);
        facets.Add(Build("online", L["Online"], [("yes", L["Can be followed online"].Value, online)], filter.Online ? "yes" : null));

        var languages = await ValueCountsAsync(db, Without("language"), e => e.Languages, WorkingLanguages.All, cancellationToken);
        facets.Add(Build("language", L["Language spoken"], languages.Select(w => (w.Key, L[EnumLabels.LanguageName(w.Key)].Value, w.Value)), filter.Language, byCount: true));

        var themes = await ValueCountsAsync(db, Without("theme"), e => e.Themes, Enum.GetValues<ThematicArea>(), cancellationToken);
        facets.Add(Build("theme", L["Theme"], themes.Select(t => (t.Key.ToUrlValue(), L[EnumLabels.For(t.Key)].Value, t.Value)), filter.Theme?.ToUrlValue(), byCount: true));

        // Owners and confirmed co-organisers, each event once per organisation; the busiest organisers are offered.
        var inList = Without("organiser");
        var ids = inList.Select(e => e.Id);
        var pairs = inList.Select(e => new OrganiserPair { EventId = e.Id, ActorId = e.OwnerId })
            .Union(db.EventOrganisers.AsNoTracking().Where(o => o.State == CoOrganiserState.Confirmed && ids.Contains(o.EventId)).Select(o => new OrganiserPair { EventId = o.EventId, ActorId = o.ActorId }));
        var organisers = await pairs.GroupBy(p => p.ActorId).Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(MaxOrganisers).ToListAsync(cancellationToken);
        var wanted = organisers.Select(o => o.Key).Concat(filter.Organiser is { } chosen ? [chosen] : []).Distinct().ToList();
        var organiserNames = await db.Actors.AsNoTracking().Where(a => wanted.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var organiserValues = organisers.Where(o => organiserNames.ContainsKey(o.Key)).Select(o => (o.Key.ToString(CultureInfo.InvariantCulture), organiserNames[o.Key], o.Count)).ToList();
        if (filter.Organiser is { } selected && organiserValues.All(v => v.Item1 != selected.ToString(CultureInfo.InvariantCulture)) && organiserNames.TryGetValue(selected, out var selectedName))
            organiserValues.Add((selected.ToString(CultureInfo.InvariantCulture), selectedName, 0));
        facets.Add(Build("organiser", L["Organiser"], organiserValues, filter.Organiser?.ToString(CultureInfo.InvariantCulture), byCount: true));
        return facets.Where(f => f.Values.Count > 0).ToList();
    }

    /// <summary>How many organisers the organiser facet offers (the ones with most events).</summary>
    public const int MaxOrganisers = 15;

    private sealed class OrganiserPair
    {
        public int EventId { get; init; }
        public int ActorId { get; init; }
    }

    /// <summary>
    /// How many events hold each value of a list column (themes, languages; each value once per event). On PostgreSQL one
    /// grouped query over the unnested arrays; on SQLite one count per value of the code list, bounded by the list's length.
    /// </summary>
    private static async Task<Dictionary<T, int>> ValueCountsAsync<T>(AppDbContext db, IQueryable<CooperationEvent> events,
        Expression<Func<CooperationEvent, IEnumerable<T>>> values, IReadOnlyList<T> all, CancellationToken cancellationToken) where T : notnull
    {
        if (db.Database.IsNpgsql())
            return await events.SelectMany(values).GroupBy(v => v).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var counts = new Dictionary<T, int>();
        foreach (var value in all)
        {
            var parameter = values.Parameters[0];
            var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(T)], values.Body, Expression.Constant(value, typeof(T)));
            var count = await events.CountAsync(Expression.Lambda<Func<CooperationEvent, bool>>(contains, parameter), cancellationToken);
            if (count > 0) counts[value] = count;
        }
        return counts;
    }

    private static Facet Build(string parameter, string title, IEnumerable<(string Value, string Label, int Count)> values, string? selected, bool byCount = false)
    {
        var list = values.Where(v => v.Count > 0 || v.Value == selected).ToList();
        if (byCount) list = list.OrderByDescending(v => v.Count).ThenBy(v => v.Label, StringComparer.CurrentCultureIgnoreCase).ToList();
        return new Facet(parameter, title, list.Select(v => new FacetValue(v.Value, v.Label, v.Count, v.Value == selected)).ToList());
    }

    /// <summary>The calendar entries of these events (public copies: never the join link), texts in the reader's language.</summary>
    public static List<CalendarEntry> Entries(IEnumerable<EventCard> cards, string root, ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L) =>
        cards.Select(c =>
        {
            var shown = c.Shown;
            return new CalendarEntry(c.Id, shown.Title, shown.Summary, c.StartsAt, c.EndsAt, c.TimeZone, c.Place(names, PortalCultures.Current, L),
                root + c.Path, c.Version, c.UpdatedAt);
        }).ToList();
}

public sealed record EventOrganiserName(int Id, string Name);

/// <summary>An event as the lists show it, with its title and description in the reader's language where a translation exists.</summary>
public sealed record EventCard(
    int Id, EventKind Kind, string Title, string Description, string Language, DateTime StartsAt, DateTime EndsAt, string TimeZone,
    EventFormat Format, string? City, string? CountryCode, int OwnerId, string OwnerName, DateTime PublishedAt, DateTime UpdatedAt, int Version,
    DateTime? ReportPublishedAt, List<EventOrganiserName> CoOrganisers, List<TextInLanguage> Translations)
{
    public TextInLanguage Shown => Translations.Count > 0 ? Translations[0] : new TextInLanguage(Language, Title, Description);

    public string Path => $"/events/{Id.ToString(CultureInfo.InvariantCulture)}";

    public IEnumerable<EventOrganiserName> Organisers => new[] { new EventOrganiserName(OwnerId, OwnerName) }.Concat(CoOrganisers);

    public bool HasEnded(DateTime now) => now >= EndsAt;

    /// <summary>"Montevideo, Uruguay", "Montevideo, Uruguay · also online", or "Online".</summary>
    public string Place(ReferenceData.Snapshot names, string language, IStringLocalizer<SharedResource> L)
    {
        if (Format == EventFormat.Online) return L["Online"];
        var place = string.Join(", ", new[] { City, CountryCode is { } code ? names.CountryName(code, language) : null }.Where(p => !string.IsNullOrEmpty(p)));
        return Format == EventFormat.Hybrid ? L["{0} · also online", place] : place;
    }

    /// <summary>The event's dates in its own zone: "2026-12-10 10:00 – 2026-12-11 19:00 (America/Montevideo)", the day once when it ends the same day.</summary>
    public string Dates => EventDates.InZone(StartsAt, EndsAt, TimeZone);
}

public static class EventDates
{
    public static string InZone(DateTime startsAt, DateTime endsAt, string zone)
    {
        var start = CallTimeZones.ToLocal(startsAt, zone);
        var end = CallTimeZones.ToLocal(endsAt, zone);
        var from = start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var to = end.ToString(start.Date == end.Date ? "HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return $"{from} – {to} ({zone})";
    }

    /// <summary>The days (in the event's zone) an event covers: from its start's day to its end's (an end at midnight belongs to the day before).</summary>
    public static IEnumerable<DateOnly> Days(DateTime startsAt, DateTime endsAt, string zone)
    {
        var start = DateOnly.FromDateTime(CallTimeZones.ToLocal(startsAt, zone));
        var localEnd = CallTimeZones.ToLocal(endsAt, zone);
        var end = DateOnly.FromDateTime(localEnd.TimeOfDay == TimeSpan.Zero ? localEnd.AddTicks(-1) : localEnd);
        for (var day = start; day <= end; day = day.AddDays(1)) yield return day;
    }
}
