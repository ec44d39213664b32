using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Calls;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Records;
using SscPortal.Web.Reference;

namespace SscPortal.Web.OpenData;

/// <summary>
/// The calls as open data (issue 19): the JSON API's <c>/api/v1/calls</c> and <c>/api/v1/calls/{id}</c>, and
/// <c>/calls.csv</c>, with the calls page's filters (<see cref="CallFilter"/>) and its order (open calls closing soonest
/// first, then upcoming, then closed). Published calls only; a draft, an unpublished call or a guessed id is a 404 problem.
/// </summary>
public static partial class OpenDataEndpoints
{
    private const int CallBatch = 200;

    /// <summary>A cursor of the calls' list: how many items came before the next page, and the last one's id.</summary>
    private static bool IsCallCursor(KeysetCursor cursor) =>
        int.TryParse(cursor.SortKey, NumberStyles.None, CultureInfo.InvariantCulture, out var skipped) && skipped > 0 && cursor.Id > 0;

    public static ApiQuery CallsQuery => _callsQuery ??= new("ListCalls", [.. CallFilter.Parameters, Limit, After(IsCallCursor)]);

    private static ApiQuery? _callsQuery;

    public sealed record CallTranslationRecord(string Language, string Title, string Text);

    public sealed record CallQuestionRecord(
        int Id, int Position,
        [property: Description("ShortText, LongText, Choice, Number, Money, File, Partners or Initiative.")] string Kind,
        string Label, string? Help, bool Required,
        [property: Description("The most characters a text answer may have.")] int? MaxLength,
        [property: Description("A choice question's options.")] IReadOnlyList<string> Choices);

    public sealed record CallCriterionRecord(int Id, int Position, string Name,
        [property: Description("The criterion's weight in the weighted score (1 to 100).")] int Weight, string? Guide);

    public sealed record CallRecord(
        int Id,
        [property: Description("The call's page.")] string Url,
        [property: Description("Funding, GoodPractice or Network.")] string Kind,
        string Title, string Text,
        [property: Description("The language the title and text were written in.")] string Language,
        IReadOnlyList<CallTranslationRecord> Translations,
        [property: Description("The organisation that opened the call.")] OrganisationReference Owner,
        [property: Description("Open, Upcoming or Closed, now.")] string Status,
        [property: Description("When applications may first be submitted (UTC).")] DateTime OpensAt,
        [property: Description("The deadline (UTC), its own second included.")] DateTime ClosesAt,
        [property: Description("The IANA time zone the call's dates are said in.")] string TimeZone,
        [property: Description("The kinds of organisation that may apply; empty: any.")] IReadOnlyList<string> EligibleTypes,
        [property: Description("ISO 3166-1 alpha-2 codes of the countries whose organisations may apply; with eligibleRegions empty: any.")] IReadOnlyList<string> EligibleCountries,
        IReadOnlyList<string> EligibleRegions,
        [property: Description("Confirmed partner organisations an application needs.")] int MinPartners,
        [property: Description("The kinds of organisation a partner may be; empty: any.")] IReadOnlyList<string> PartnerTypes,
        decimal? MaxAmount, string? Currency,
        [property: Description("A funding call's largest share of a project's total cost, in percent.")] int? MaxSharePercent,
        [property: Description("ISO 639-1 codes of the languages applications may be written in.")] IReadOnlyList<string> Languages,
        string? NetworkName,
        [property: Description("Reviewers score each criterion from 0 to this.")] int ScaleMax,
        IReadOnlyList<CallQuestionRecord> Questions, IReadOnlyList<CallCriterionRecord> Criteria,
        DateTime PublishedAt, DateTime? ResultsPublishedAt);

    public static readonly string[] CallCsvColumns =
    [
        "id", "url", "kind", "title", "text", "language", "owner_id", "owner", "owner_type", "status", "opens_at", "closes_at", "time_zone",
        "eligible_types", "eligible_countries", "eligible_regions", "min_partners", "partner_types", "max_amount", "currency", "max_share_percent",
        "languages", "network_name", "scale_max", "questions", "criteria", "published_at", "results_published_at",
    ];

    private static void MapCalls(IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        app.MapGet("/calls.csv", ExportCallsCsvAsync).AllowAnonymous().ExcludeFromDescription().WithMetadata(CallFilter.Query);
        api.MapGet("/calls", ListCallsAsync).WithName(CallsQuery.OperationId).WithMetadata(CallsQuery).ProducesValidationProblem()
            .WithSummary("Published calls for proposals, open ones first (closing soonest), then upcoming, then closed (latest deadline first), with cursor paging; "
                + "filter by search words, kind, status, kind of organisation and a language applications may be written in.");
        api.MapGet("/calls/{id:int}", GetCallAsync).WithName("GetCall").WithSummary("One published call, with its questions and criteria.")
            .Produces<HttpValidationProblemDetails>(StatusCodes.Status404NotFound, ApiProblems.ContentType);
    }

    private static async Task<Results<Ok<Page<CallRecord>>, ProblemHttpResult>> ListCallsAsync(
        HttpRequest request, AppDbContext db, ReferenceData referenceData, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var names = await referenceData.GetAsync(cancellationToken);
        var values = CallsQuery.Read(request.Query, names, L);
        if (!values.IsValid) return ApiProblems.BadRequest(request, values.Errors, L);
        var filter = CallFilter.From(values);
        var now = clock.GetUtcNow().UtcDateTime;
        var size = values.Number("limit") ?? DefaultLimit;
        var skip = values.Cursor("after") is { } after ? int.Parse(after.SortKey, CultureInfo.InvariantCulture) : 0;
        var (ids, more) = await CallSearch.PageAsync(filter.Apply(db.Calls.AsNoTracking(), db, now), now, skip, size, cancellationToken);
        var records = await CallRecordsAsync(db, ids, BaseUrl(request), now, cancellationToken);
        if (!more || records.Count == 0) return TypedResults.Ok(new Page<CallRecord>(records, null, null));
        var cursor = new KeysetCursor((skip + ids.Count).ToString(CultureInfo.InvariantCulture), ids[^1]);
        return TypedResults.Ok(new Page<CallRecord>(records, values.Link(BaseUrl(request) + request.Path, "after", cursor), cursor.Encode()));
    }

    private static async Task<Results<Ok<CallRecord>, ProblemHttpResult>> GetCallAsync(
        int id, HttpRequest request, AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var record = (await CallRecordsAsync(db, [id], BaseUrl(request), clock.GetUtcNow().UtcDateTime, cancellationToken)).SingleOrDefault();
        return record is null
            ? ApiProblems.NotFound(request, "id", L["No published call has the id {0}.", id], L)
            : TypedResults.Ok(record);
    }

    /// <summary>The records of these published calls, in the order of <paramref name="ids"/>.</summary>
    private static async Task<List<CallRecord>> CallRecordsAsync(AppDbContext db, List<int> ids, string baseUrl, DateTime now, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        var list = ids.ToList();
        var calls = await VersionedRecords.Call.Whole(db.Calls.AsNoTracking()).AsSplitQuery()
            .Where(c => list.Contains(c.Id) && c.Publication == PublicationState.Published).ToListAsync(cancellationToken);
        var owners = calls.Select(c => c.OwnerId).Distinct().ToList();
        var organisations = await db.Actors.AsNoTracking().Where(a => owners.Contains(a.Id)).Select(a => new { a.Id, a.Name, a.Type }).ToDictionaryAsync(a => a.Id, cancellationToken);
        var byId = calls.ToDictionary(c => c.Id);
        static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);
        return list.Where(byId.ContainsKey).Select(id => byId[id]).Select(c => new CallRecord(
                c.Id, $"{baseUrl}/calls/{c.Id.ToString(CultureInfo.InvariantCulture)}", c.Kind.ToString(), c.Title, c.Text, c.Language,
                c.Translations.OrderBy(t => t.Language, StringComparer.Ordinal).Select(t => new CallTranslationRecord(t.Language, t.Title, t.Text)).ToList(),
                new OrganisationReference(c.OwnerId, organisations[c.OwnerId].Name, organisations[c.OwnerId].Type.ToString()),
                CallSearch.StatusAt(c.OpensAt, c.ClosesAt, now).ToString(), Utc(c.OpensAt), Utc(c.ClosesAt), c.TimeZone,
                c.EligibleTypes.Select(t => t.ToString()).ToList(), c.EligibleCountries.Select(x => x.Trim()).ToList(), c.EligibleRegions, c.MinPartners,
                c.PartnerTypes.Select(t => t.ToString()).ToList(), c.MaxAmount, c.Currency, c.MaxSharePercent, c.Languages, c.NetworkName, c.ScaleMax,
                c.Questions.OrderBy(q => q.Position).Select(q => new CallQuestionRecord(q.Id, q.Position, q.Kind.ToString(), q.Label, q.Help, q.Required, q.MaxLength, q.Choices)).ToList(),
                c.Criteria.OrderBy(k => k.Position).Select(k => new CallCriterionRecord(k.Id, k.Position, k.Name, k.Weight, k.Guide)).ToList(),
                Utc(c.PublishedAt ?? c.CreatedAt), c.ResultsPublishedAt is { } results ? Utc(results) : null))
            .ToList();
    }

    /// <summary>The calls with the current filters as CSV (UTF-8 with a byte-order mark), read and written batch by batch.</summary>
    private static async Task ExportCallsCsvAsync(
        HttpContext context, [FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var names = await referenceData.GetAsync(cancellationToken);
        var values = CallFilter.Query.Read(context.Request.Query, names, L);
        if (!values.IsValid)
        {
            await ApiProblems.BadRequest(context.Request, values.Errors, L).ExecuteAsync(context);
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var query = CallFilter.From(values).Apply(db.Calls.AsNoTracking(), db, now);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"calls.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
        await writer.WriteLineAsync(Csv.Line(CallCsvColumns));
        var baseUrl = BaseUrl(context.Request);
        static string Instant(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        for (var skip = 0; ; skip += CallBatch)
        {
            var (ids, more) = await CallSearch.PageAsync(query, now, skip, CallBatch, cancellationToken);
            foreach (var r in await CallRecordsAsync(db, ids, baseUrl, now, cancellationToken))
            {
                await writer.WriteLineAsync(Csv.Line(
                [
                    r.Id.ToString(CultureInfo.InvariantCulture), r.Url, r.Kind, r.Title, r.Text, r.Language,
                    r.Owner.Id.ToString(CultureInfo.InvariantCulture), r.Owner.Name, r.Owner.Type, r.Status, Instant(r.OpensAt), Instant(r.ClosesAt), r.TimeZone,
                    string.Join(";", r.EligibleTypes), string.Join(";", r.EligibleCountries), string.Join(";", r.EligibleRegions), r.MinPartners.ToString(CultureInfo.InvariantCulture),
                    string.Join(";", r.PartnerTypes), r.MaxAmount?.ToString("0.##", CultureInfo.InvariantCulture), r.Currency, r.MaxSharePercent?.ToString(CultureInfo.InvariantCulture),
                    string.Join(";", r.Languages), r.NetworkName, r.ScaleMax.ToString(CultureInfo.InvariantCulture),
                    string.Join(" | ", r.Questions.Select(q => $"{q.Kind}: {q.Label}")), string.Join(" | ", r.Criteria.Select(k => $"{k.Name} ({k.Weight.ToString(CultureInfo.InvariantCulture)})")),
                    Instant(r.PublishedAt), r.ResultsPublishedAt is { } results ? Instant(results) : null,
                ]));
            }
            await writer.FlushAsync(cancellationToken);
            if (!more) break;
        }
    }
}
