using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Events;
using SscPortal.Web.Records;
using SscPortal.Web.Reference;

namespace SscPortal.Web.OpenData;

/// <summary>
/// The events as open data (issue 20): the JSON API's <c>/api/v1/events</c> and <c>/api/v1/events/{id}</c>, and
/// <c>/events.csv</c>, with the events page's filters (<see cref="EventFilter"/>) and its order (upcoming soonest first, or
/// the archive latest first). Published events only; a draft, an unpublished event or a guessed id is a 404 problem.
/// Public facts only: the programme names a speaker only when they agreed (otherwise only their organisation); never the
/// join link, never anything of registrations.
/// </summary>
public static partial class OpenDataEndpoints
{
    private const int EventBatch = 200;

    private static bool IsEventCursor(KeysetCursor cursor) =>
        int.TryParse(cursor.SortKey, NumberStyles.None, CultureInfo.InvariantCulture, out var skipped) && skipped > 0 && cursor.Id > 0;

    public static ApiQuery EventsQuery => _eventsQuery ??= new("ListEvents", [.. EventFilter.Parameters, Limit, After(IsEventCursor)]);

    private static ApiQuery? _eventsQuery;

    public sealed record EventTranslationRecord(string Language, string Title, string Description);

    public sealed record EventSpeakerRecord(
        [property: Description("The speaker's name, only when they agreed to be named; otherwise null.")] string? Name,
        [property: Description("The organisation they speak for.")] string? Organisation);

    public sealed record EventSessionRecord(int Position,
        [property: Description("When the session starts (UTC).")] DateTime StartsAt,
        [property: Description("When the session ends (UTC).")] DateTime EndsAt,
        string Title, string? Topic, string? Room, IReadOnlyList<EventSpeakerRecord> Speakers);

    public sealed record EventReportRecord(
        [property: Description("The report's page.")] string Url, string Summary,
        [property: Description("Outcomes and ways forward.")] string? Outcomes, DateTime PublishedAt);

    public sealed record EventRecord(
        int Id,
        [property: Description("The event's page.")] string Url,
        [property: Description("Seminar, SideEvent, Panel, Workshop, Webinar or ExchangeVisit.")] string Kind,
        string Title, string Description,
        [property: Description("The language the title and description were written in.")] string Language,
        IReadOnlyList<EventTranslationRecord> Translations,
        [property: Description("The organisation that announced the event.")] OrganisationReference Owner,
        [property: Description("Co-organising organisations that confirmed.")] IReadOnlyList<OrganisationReference> CoOrganisers,
        [property: Description("When it starts (UTC).")] DateTime StartsAt,
        [property: Description("When it ends (UTC).")] DateTime EndsAt,
        [property: Description("The IANA time zone of the place, the event's times are said in.")] string TimeZone,
        [property: Description("InPerson, Online or Hybrid.")] string Format,
        string? Venue, string? Address, string? City,
        [property: Description("ISO 3166-1 alpha-2 code of the venue's country.")] string? Country,
        [property: Description("How many may register; null: no limit.")] int? Capacity,
        [property: Description("Whether people register through the portal.")] bool RegistrationOpen,
        [property: Description("ISO 639-1 codes of the languages spoken.")] IReadOnlyList<string> Languages,
        [property: Description("ISO 639-1 codes of the languages interpreted into.")] IReadOnlyList<string> Interpretation,
        IReadOnlyList<string> Themes,
        [property: Description("Sustainable Development Goals (1 to 17).")] IReadOnlyList<int> Sdgs,
        [property: Description("Codes of the principles of SSC it concerns.")] IReadOnlyList<string> Principles,
        [property: Description("The conference it is part of (see /api/v1/events/{id}).")] int? ParentEventId,
        [property: Description("Ids of the initiatives it concerns (see /api/v1/initiatives/{id}).")] IReadOnlyList<int> Initiatives,
        IReadOnlyList<EventSessionRecord> Sessions,
        DateTime PublishedAt,
        [property: Description("The report, once published after the event; otherwise null.")] EventReportRecord? Report);

    public static readonly string[] EventCsvColumns =
    [
        "id", "url", "kind", "title", "description", "language", "owner_id", "owner", "co_organisers", "starts_at", "ends_at", "time_zone", "format",
        "venue", "city", "country", "languages", "interpretation", "themes", "sdgs", "principles", "initiatives", "parent_event_id", "published_at",
        "report_published_at",
    ];

    private static void MapEvents(IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        app.MapGet("/events.csv", ExportEventsCsvAsync).AllowAnonymous().ExcludeFromDescription().WithMetadata(EventFilter.Query);
        api.MapGet("/events", ListEventsAsync).WithName(EventsQuery.OperationId).WithMetadata(EventsQuery).ProducesValidationProblem()
            .WithSummary("Published events: upcoming ones (not ended yet) soonest first, or with when=past the archive latest first, with cursor paging; "
                + "filter by search words, kind, country, online, language, theme, organiser and initiative.");
        api.MapGet("/events/{id:int}", GetEventAsync).WithName("GetEvent").WithSummary("One published event, with its programme and its report once published.")
            .Produces<HttpValidationProblemDetails>(StatusCodes.Status404NotFound, ApiProblems.ContentType);
    }

    private static async Task<Results<Ok<Page<EventRecord>>, ProblemHttpResult>> ListEventsAsync(
        HttpRequest request, AppDbContext db, ReferenceData referenceData, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var names = await referenceData.GetAsync(cancellationToken);
        var values = EventsQuery.Read(request.Query, names, L);
        if (!values.IsValid) return ApiProblems.BadRequest(request, values.Errors, L);
        var filter = EventFilter.From(values);
        var now = clock.GetUtcNow().UtcDateTime;
        var size = values.Number("limit") ?? DefaultLimit;
        var skip = values.Cursor("after") is { } after ? int.Parse(after.SortKey, CultureInfo.InvariantCulture) : 0;
        var (ids, more) = await EventSearch.PageAsync(filter.Apply(db.Events.AsNoTracking(), db, now), filter.When, skip, size, cancellationToken);
        var records = await EventRecordsAsync(db, ids, BaseUrl(request), now, cancellationToken);
        if (!more || records.Count == 0) return TypedResults.Ok(new Page<EventRecord>(records, null, null));
        var cursor = new KeysetCursor((skip + ids.Count).ToString(CultureInfo.InvariantCulture), ids[^1]);
        return TypedResults.Ok(new Page<EventRecord>(records, values.Link(BaseUrl(request) + request.Path, "after", cursor), cursor.Encode()));
    }

    private static async Task<Results<Ok<EventRecord>, ProblemHttpResult>> GetEventAsync(
        int id, HttpRequest request, AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var record = (await EventRecordsAsync(db, [id], BaseUrl(request), clock.GetUtcNow().UtcDateTime, cancellationToken)).SingleOrDefault();
        return record is null
            ? ApiProblems.NotFound(request, "id", L["No published event has the id {0}.", id], L)
            : TypedResults.Ok(record);
    }

    /// <summary>The records of these published events, in the order of <paramref name="ids"/>.</summary>
    private static async Task<List<EventRecord>> EventRecordsAsync(AppDbContext db, List<int> ids, string baseUrl, DateTime now, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        var list = ids.ToList();
        var events = await db.Events.AsNoTracking().WithEverything()
            .Where(e => list.Contains(e.Id) && e.Publication == PublicationState.Published).ToListAsync(cancellationToken);
        var actors = events.Select(e => e.OwnerId).Concat(events.SelectMany(e => e.CoOrganisers.Where(o => o.State == CoOrganiserState.Confirmed).Select(o => o.ActorId))).Distinct().ToList();
        var organisations = await db.Actors.AsNoTracking().Where(a => actors.Contains(a.Id)).Select(a => new { a.Id, a.Name, a.Type }).ToDictionaryAsync(a => a.Id, cancellationToken);
        OrganisationReference Organisation(int id) => new(id, organisations[id].Name, organisations[id].Type.ToString());
        var byId = events.ToDictionary(e => e.Id);
        static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);
        return list.Where(byId.ContainsKey).Select(id => byId[id]).Select(e =>
        {
            var url = $"{baseUrl}/events/{e.Id.ToString(CultureInfo.InvariantCulture)}";
            // A report is public once published, and an event's report only once it has started (the domain's rule).
            var report = e.ReportPublishedAt is { } reportedAt && e.ReportSummary is { } summary
                ? new EventReportRecord(url + "/report", summary, e.ReportOutcomes, Utc(reportedAt)) : null;
            return new EventRecord(
                e.Id, url, e.Kind.ToString(), e.Title, e.Description, e.Language,
                e.Translations.OrderBy(t => t.Language, StringComparer.Ordinal).Select(t => new EventTranslationRecord(t.Language, t.Title, t.Description)).ToList(),
                Organisation(e.OwnerId),
                e.CoOrganisers.Where(o => o.State == CoOrganiserState.Confirmed).OrderBy(o => o.ActorId).Select(o => Organisation(o.ActorId)).ToList(),
                Utc(e.StartsAt), Utc(e.EndsAt), e.TimeZone, e.Format.ToString(), e.Venue, e.Address, e.City, e.CountryCode?.Trim(), e.Capacity, e.RegistrationOpen,
                e.Languages, e.Interpretation, e.Themes.Select(t => t.ToString()).ToList(), e.Sdgs, e.Principles, e.ParentEventId,
                e.Initiatives.Select(i => i.InitiativeId).Order().ToList(),
                e.Sessions.OrderBy(s => s.Position).Select(s => new EventSessionRecord(s.Position, Utc(s.StartsAt), Utc(s.EndsAt), s.Title, s.Topic, s.Room,
                    s.Speakers.OrderBy(p => p.Position).Select(p => new EventSpeakerRecord(p.NameShown ? p.Name : null, p.Organisation)).ToList())).ToList(),
                Utc(e.PublishedAt ?? e.CreatedAt), report);
        }).ToList();
    }

    /// <summary>The events with the current filters as CSV (UTF-8 with a byte-order mark), read and written batch by batch. No personal data.</summary>
    private static async Task ExportEventsCsvAsync(
        HttpContext context, [FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var names = await referenceData.GetAsync(cancellationToken);
        var values = EventFilter.Query.Read(context.Request.Query, names, L);
        if (!values.IsValid)
        {
            await ApiProblems.BadRequest(context.Request, values.Errors, L).ExecuteAsync(context);
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var filter = EventFilter.From(values);
        var query = filter.Apply(db.Events.AsNoTracking(), db, now);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"events.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
        await writer.WriteLineAsync(Csv.Line(EventCsvColumns));
        var baseUrl = BaseUrl(context.Request);
        static string Instant(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
        for (var skip = 0; ; skip += EventBatch)
        {
            var (ids, more) = await EventSearch.PageAsync(query, filter.When, skip, EventBatch, cancellationToken);
            foreach (var r in await EventRecordsAsync(db, ids, baseUrl, now, cancellationToken))
            {
                await writer.WriteLineAsync(Csv.Line(
                [
                    Number(r.Id), r.Url, r.Kind, r.Title, r.Description, r.Language, Number(r.Owner.Id), r.Owner.Name,
                    string.Join("; ", r.CoOrganisers.Select(o => o.Name)), Instant(r.StartsAt), Instant(r.EndsAt), r.TimeZone, r.Format,
                    r.Venue, r.City, r.Country, string.Join(";", r.Languages), string.Join(";", r.Interpretation), string.Join(";", r.Themes),
                    string.Join(";", r.Sdgs.Select(Number)), string.Join(";", r.Principles), string.Join(";", r.Initiatives.Select(Number)),
                    r.ParentEventId is { } parent ? Number(parent) : null, Instant(r.PublishedAt), r.Report is { } report ? Instant(report.PublishedAt) : null,
                ]));
            }
            await writer.FlushAsync(cancellationToken);
            if (!more) break;
        }
    }
}
