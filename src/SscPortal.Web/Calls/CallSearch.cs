using System.Globalization;
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

namespace SscPortal.Web.Calls;

/// <summary>Where a published call stands at a moment: not open yet, open, or past its deadline.</summary>
public enum CallStatus
{
    Open = 1,
    Upcoming = 2,
    Closed = 3,
}

/// <summary>
/// The calls' question (issue 19), read from the address so that a search can be shared: search words, kind, status (open,
/// upcoming, closed), the kind of the organisation that opened it and a language applications may be written in. One reader,
/// <see cref="Query"/>, checks the values for the page, the CSV, the JSON API and the feed alike: the page says what it did
/// not understand and leaves that filter out; the others answer 400 with the same messages. Only published calls are listed.
/// </summary>
public sealed class CallFilter
{
    public const int MaxQueryLength = 200;

    public static readonly ApiParameter[] Parameters =
    [
        ApiParameter.Text("q", MaxQueryLength, "Search words, matched in titles, texts and network names, in every language stored."),
        ApiParameter.Code<CallKind>("kind", "CallKindCode", "Funding (projects), good practices or network membership, in any case."),
        ApiParameter.Code<CallStatus>("status", "CallStatusCode", "Open now, upcoming (not open yet) or closed (past its deadline), in any case."),
        ApiParameter.Code<ActorType>("orgtype", "ActorTypeCode", "The kind of organisation that opened the call, in any case."),
        ApiParameter.Code("language", "WorkingLanguageCode", _ => WorkingLanguages.All, "A language applications may be written in (ISO 639-1)."),
    ];

    public static readonly ApiQuery Query = new("CallFilters", Parameters);

    public string? Q { get; private init; }
    public CallKind? Kind { get; private init; }
    public CallStatus? Status { get; private init; }
    public ActorType? OrgType { get; private init; }
    public string? Language { get; private init; }

    public static CallFilter From(ApiQueryValues values) => new()
    {
        Q = Clean(values["q"]),
        Kind = values.Code<CallKind>("kind"),
        Status = values.Code<CallStatus>("status"),
        OrgType = values.Code<ActorType>("orgtype"),
        Language = values["language"],
    };

    private static string? Clean(string? q)
    {
        if (q is null) return null;
        var cleaned = new string(q.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }

    public static (CallFilter Filter, ApiQueryValues Values) Read(IQueryCollection query, ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L)
    {
        var values = Query.Read(query, names, L);
        return (From(values), values);
    }

    public bool IsEmpty => Values().All(v => v.Value is null);

    public IEnumerable<KeyValuePair<string, string?>> Values() =>
    [
        new("q", Q), new("kind", Kind?.ToUrlValue()), new("status", Status?.ToUrlValue()), new("orgtype", OrgType?.ToUrlValue()), new("language", Language),
    ];

    /// <summary>An address with this filter, one parameter changed (null removes it), and extra parameters such as a page number.</summary>
    public string Link(string path, string? parameter = null, string? value = null, params (string Name, string? Value)[] extra)
    {
        var values = Values().Select(v => v.Key == parameter ? new KeyValuePair<string, string?>(v.Key, value) : v)
            .Concat(extra.Select(e => new KeyValuePair<string, string?>(e.Name, e.Value)))
            .Where(v => v.Value is not null).ToList();
        return values.Count == 0 ? path : path + QueryString.Create(values);
    }

    /// <summary>The published calls that answer the filter at <paramref name="now"/>; <paramref name="except"/> leaves one facet out.</summary>
    public IQueryable<CooperationCall> Apply(IQueryable<CooperationCall> calls, AppDbContext db, DateTime now, string? except = null)
    {
        var query = calls.Where(c => c.Publication == PublicationState.Published);
        if (Q is not null) query = CallSearch.Matching(query, Q, db);
        if (Kind is { } kind && except != "kind") query = query.Where(c => c.Kind == kind);
        if (Status is { } status && except != "status") query = CallSearch.InStatus(query, status, now);
        if (OrgType is { } type && except != "orgtype") query = query.Where(c => c.Owner!.Type == type);
        if (Language is { } language && except != "language") query = query.Where(c => c.Languages.Contains(language));
        return query;
    }

    /// <summary>The filter in words (for a feed's title).</summary>
    public List<string> Describe(IStringLocalizer<SharedResource> L)
    {
        var parts = new List<string>();
        if (Q is { } q) parts.Add($"“{q}”");
        if (Kind is { } kind) parts.Add(L[CallText.KindLabel(kind)]);
        if (Status is { } status) parts.Add(L[CallText.StatusLabel(status)]);
        if (OrgType is { } type) parts.Add(L[EnumLabels.For(type)]);
        if (Language is { } language) parts.Add(L["Applications in {0}", L[EnumLabels.LanguageName(language)]]);
        return parts;
    }
}

/// <summary>
/// Search and order of the published calls. On PostgreSQL the stored tsvector (as the exchange's); on SQLite accent- and
/// case-insensitive words, phrases and exclusions in the normalised title and text. Order: open calls first, the one closing
/// soonest at the top, then the upcoming ones (opening soonest first), then the closed ones, newest deadline first.
/// </summary>
public static class CallSearch
{
    public static IQueryable<CooperationCall> Matching(IQueryable<CooperationCall> calls, string q, AppDbContext db)
    {
        if (db.Database.IsNpgsql())
            return calls.Where(c => EF.Property<NpgsqlTsVector>(c, PostgresAppDbContext.SearchVector).Matches(
                EF.Functions.WebSearchToTsQuery("ssc_en", q).Or(EF.Functions.WebSearchToTsQuery("ssc_es", q)).Or(EF.Functions.WebSearchToTsQuery("ssc_pt", q))));
        var terms = InitiativeSearch.Parse(q);
        if (terms.IsEmpty) return calls.Where(_ => false);
        foreach (var term in terms.Included) calls = calls.Where(c => c.SearchTitle.Contains(term) || c.SearchBody.Contains(term));
        foreach (var term in terms.Excluded) calls = calls.Where(c => !c.SearchTitle.Contains(term) && !c.SearchBody.Contains(term));
        return calls;
    }

    public static IQueryable<CooperationCall> InStatus(IQueryable<CooperationCall> calls, CallStatus status, DateTime now) => status switch
    {
        CallStatus.Open => calls.Where(c => c.OpensAt <= now && c.ClosesAt >= now),
        CallStatus.Upcoming => calls.Where(c => c.OpensAt > now),
        _ => calls.Where(c => c.ClosesAt < now),
    };

    public static CallStatus StatusAt(DateTime opensAt, DateTime closesAt, DateTime now) =>
        now > closesAt ? CallStatus.Closed : now < opensAt ? CallStatus.Upcoming : CallStatus.Open;

    /// <summary>The calls in the list's order: open (closing soonest), upcoming (opening soonest), closed (latest deadline first).</summary>
    public static IQueryable<CooperationCall> Ordered(IQueryable<CooperationCall> calls, DateTime now)
    {
        var never = DateTime.MinValue;
        return calls
            .OrderBy(c => c.ClosesAt < now ? 2 : c.OpensAt > now ? 1 : 0)
            .ThenBy(c => c.ClosesAt < now ? never : c.OpensAt > now ? c.OpensAt : c.ClosesAt)
            .ThenByDescending(c => c.ClosesAt)
            .ThenByDescending(c => c.Id);
    }

    /// <summary>One page's ids (<paramref name="size"/> from <paramref name="skip"/>) and whether more follow.</summary>
    public static async Task<(List<int> Ids, bool More)> PageAsync(IQueryable<CooperationCall> calls, DateTime now, int skip, int size, CancellationToken cancellationToken)
    {
        var ids = await Ordered(calls, now).Skip(skip).Take(size + 1).Select(c => c.Id).ToListAsync(cancellationToken);
        return (ids.Take(size).ToList(), ids.Count > size);
    }

    /// <summary>The cards of these calls, in one query, in the order of <paramref name="ids"/>.</summary>
    public static async Task<List<CallCard>> CardsAsync(AppDbContext db, IReadOnlyList<int> ids, string language, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        var list = ids.ToList();
        var cards = await db.Calls.AsNoTracking().Where(c => list.Contains(c.Id)).ToCards(language).ToListAsync(cancellationToken);
        return ids.Select(id => cards.Single(c => c.Id == id)).ToList();
    }

    public static IQueryable<CallCard> ToCards(this IQueryable<CooperationCall> calls, string language) =>
        calls.Select(c => new CallCard(c.Id, c.Kind, c.Title, c.Text, c.Language, c.OwnerId, c.Owner!.Name, c.Owner.Type,
            c.OpensAt, c.ClosesAt, c.TimeZone, c.PublishedAt ?? c.CreatedAt, c.UpdatedAt, c.ResultsPublishedAt, c.Languages, c.MaxAmount, c.Currency, c.NetworkName,
            c.Translations.Where(t => t.Language == language).Select(t => new TextInLanguage(t.Language, t.Title, t.Text)).ToList()));

    /// <summary>The facets, each counted with every other filter applied and its own left out.</summary>
    public static async Task<IReadOnlyList<Facet>> FacetsAsync(CallFilter filter, AppDbContext db, DateTime now, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        IQueryable<CooperationCall> Without(string facet) => filter.Apply(db.Calls.AsNoTracking(), db, now, except: facet);
        var facets = new List<Facet>();

        var kinds = await Without("kind").GroupBy(c => c.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("kind", L["Kind of call"], kinds.OrderBy(k => k.Key).Select(k => (k.Key.ToUrlValue(), L[CallText.KindLabel(k.Key)].Value, k.Count)), filter.Kind?.ToUrlValue()));

        var statuses = new List<(string, string, int)>();
        foreach (var status in Enum.GetValues<CallStatus>())
            statuses.Add((status.ToUrlValue(), L[CallText.StatusLabel(status)].Value, await InStatus(Without("status"), status, now).CountAsync(cancellationToken)));
        facets.Add(Build("status", L["Status"], statuses, filter.Status?.ToUrlValue()));

        var types = await Without("orgtype").GroupBy(c => c.Owner!.Type).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        facets.Add(Build("orgtype", L["Kind of organisation"], types.Select(t => (t.Key.ToUrlValue(), L[EnumLabels.For(t.Key)].Value, t.Count)), filter.OrgType?.ToUrlValue(), byCount: true));

        // One count per language of the list (bounded by the list, never by the number of calls), the same on both databases.
        var languages = new List<(string, string, int)>();
        var inLanguages = Without("language");
        foreach (var code in WorkingLanguages.All)
            languages.Add((code, L[EnumLabels.LanguageName(code)].Value, await inLanguages.CountAsync(c => c.Languages.Contains(code), cancellationToken)));
        facets.Add(Build("language", L["Applications accepted in"], languages, filter.Language, byCount: true));
        return facets.Where(f => f.Values.Count > 0).ToList();
    }

    private static Facet Build(string parameter, string title, IEnumerable<(string Value, string Label, int Count)> values, string? selected, bool byCount = false)
    {
        var list = values.Where(v => v.Count > 0 || v.Value == selected).ToList();
        if (byCount) list = list.OrderByDescending(v => v.Count).ThenBy(v => v.Label, StringComparer.CurrentCultureIgnoreCase).ToList();
        return new Facet(parameter, title, list.Select(v => new FacetValue(v.Value, v.Label, v.Count, v.Value == selected)).ToList());
    }
}

/// <summary>A call as the list shows it, with its title and text in the reader's language where a translation exists.</summary>
public sealed record CallCard(
    int Id, CallKind Kind, string Title, string Text, string Language, int OwnerId, string OwnerName, ActorType OwnerType,
    DateTime OpensAt, DateTime ClosesAt, string TimeZone, DateTime PublishedAt, DateTime UpdatedAt, DateTime? ResultsPublishedAt,
    List<string> Languages, decimal? MaxAmount, string? Currency, string? NetworkName, List<TextInLanguage> Translations)
{
    public TextInLanguage Shown => Translations.Count > 0 ? Translations[0] : new TextInLanguage(Language, Title, Text);

    public CallStatus StatusAt(DateTime now) => CallSearch.StatusAt(OpensAt, ClosesAt, now);

    public string Path => $"/calls/{Id.ToString(CultureInfo.InvariantCulture)}";
}
