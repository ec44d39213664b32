using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Reference;

namespace SscPortal.Web.OpenData;

/// <summary>
/// The recommendation tracker as open data (issue 16): the JSON API's <c>/api/v1/recommendations</c> and
/// <c>/recommendations.csv</c>, with the tracker page's filters (<see cref="RecommendationFilter"/>) and its order. Each
/// recommendation comes with where it stands and what was said of it: the date, kind, organisation and status or verdict
/// of every statement; the words of a statement a moderator hid are never given (null in JSON, and the CSV carries no words of statements).
/// </summary>
public static partial class OpenDataEndpoints
{
    /// <summary>How many recommendations the CSV reads at a time.</summary>
    private const int RecommendationBatch = 200;

    /// <summary>The tracker's filters and paging (made on first use: <see cref="Limit"/> is initialised in the other part of this class).</summary>
    public static ApiQuery RecommendationsQuery => _recommendationsQuery ??= new("ListRecommendations",
        [.. RecommendationFilter.Parameters, Limit, After(c => TrackerPosition.TryFrom(c, out _))]);

    private static ApiQuery? _recommendationsQuery;

    public sealed record RecommendationStatementRecord(
        int Id,
        [property: Description("Answer (the addressed party's answer), Progress (its progress update) or AssessorView (the assessor's view of one of them).")] string Kind,
        OrganisationReference Organisation,
        [property: Description("For an answer or an update: the status it gave.")] string? Status,
        [property: Description("For an assessor's view: AgreesDone, Disputes or Comment.")] string? Verdict,
        [property: Description("For an assessor's view: the id of the party's statement it is about.")] int? AboutId,
        DateTime CreatedAt,
        [property: Description("The target date it gave, if any.")] DateOnly? TargetDate,
        [property: Description("Whether a moderator hid it; its words are then not given.")] bool Hidden,
        [property: Description("The moderator's reason, when hidden.")] string? HiddenReason,
        [property: Description("What it said; null when a moderator hid it.")] string? Text,
        [property: Description("The commitment an acceptance made; null when none or hidden.")] string? Commitment,
        [property: Description("The evidence it pointed to; null when none or hidden.")] string? EvidenceUrl);

    public sealed record RecommendationRecord(
        int Id,
        [property: Description("The recommendation on its assessment's page.")] string Url,
        int Number, string Text, OrganisationReference AddressedTo, string Priority,
        [property: Description("Where it stands, as the addressed party last said.")] string Status,
        DateOnly? TargetDate,
        [property: Description("Whether its target date has passed without the work being reported implemented.")] bool Overdue,
        DateTime? LastStatementAt, IReadOnlyList<string> Principles, IReadOnlyList<string> Indicators,
        int AssessmentId, DateTime AssessmentPublishedAt, OrganisationReference Assessor,
        int InitiativeId, string InitiativeTitle, IReadOnlyList<string> Countries,
        [property: Description("What was said of it, oldest first (the thread continues across revisions of the assessment).")] IReadOnlyList<RecommendationStatementRecord> Statements);

    public static readonly string[] RecommendationCsvColumns =
    [
        "id", "url", "assessment_id", "number", "text", "addressed_to_id", "addressed_to", "priority", "status", "target_date", "overdue",
        "last_statement_at", "principles", "indicators", "assessor_id", "assessor", "assessment_published_at", "initiative_id", "initiative_title",
        "countries", "statements",
    ];

    private static void MapRecommendations(IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        app.MapGet("/recommendations.csv", ExportRecommendationsCsvAsync).AllowAnonymous().ExcludeFromDescription().WithMetadata(RecommendationFilter.Query);
        api.MapGet("/recommendations", ListRecommendationsAsync).WithName(RecommendationsQuery.OperationId).WithMetadata(RecommendationsQuery).ProducesValidationProblem()
            .WithSummary("Recommendations of published assessments (the latest revision of each), newest assessment first, each with its status and what was said of it; "
                + "filter by country, addressed organisation, status, priority, principle, year and overdue.");
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static async Task<Results<Ok<Page<RecommendationRecord>>, ProblemHttpResult>> ListRecommendationsAsync(
        HttpRequest request, AppDbContext db, ReferenceData referenceData, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var values = RecommendationsQuery.Read(request.Query, await referenceData.GetAsync(cancellationToken), L);
        if (!values.IsValid) return ApiProblems.BadRequest(request, values.Errors, L);
        var today = Today(clock);
        var query = RecommendationFilter.From(values).Apply(db.Recommendations.AsNoTracking(), today);
        TrackerPosition? after = values.Cursor("after") is { } c && TrackerPosition.TryFrom(c, out var position) ? position : null;
        var size = values.Number("limit") ?? DefaultLimit;
        var rows = await RecommendationQueries.ReadAsync(query, after, size + 1, cancellationToken);
        var records = await RecommendationRecordsAsync(db, rows, BaseUrl(request), today, cancellationToken);
        return TypedResults.Ok(PageOf(records, size, r => new TrackerPosition(r.AssessmentPublishedAt, r.AssessmentId, r.Number, r.Id).ToCursor(), values, request));
    }

    private static async Task<List<RecommendationRecord>> RecommendationRecordsAsync(
        AppDbContext db, List<TrackedRecommendation> rows, string baseUrl, DateOnly today, CancellationToken cancellationToken)
    {
        var statements = await RecommendationQueries.StatementsAsync(db, rows, cancellationToken);
        var countries = await RecommendationQueries.CountriesAsync(db, rows, cancellationToken);
        return rows.Select(r => new RecommendationRecord(
                r.Id, baseUrl + r.Path, r.Number, r.Text, new OrganisationReference(r.AddressedToId, r.AddressedToName, r.AddressedToType.ToString()),
                r.Priority.ToString(), r.Status.ToString(), r.TargetDate, r.IsOverdue(today), r.LastStatementAt, r.Principles, r.Indicators,
                r.AssessmentId, r.PublishedAt, new OrganisationReference(r.AssessorId, r.AssessorName, r.AssessorType.ToString()),
                r.InitiativeId, r.InitiativeTitle, countries[r.InitiativeId].ToList(),
                statements[r.Thread].Select(s => new RecommendationStatementRecord(s.Id, s.Kind.ToString(),
                    new OrganisationReference(s.OrganisationId, s.OrganisationName, s.OrganisationType.ToString()), s.Status?.ToString(), s.Verdict?.ToString(), s.AboutId,
                    s.CreatedAt, s.TargetDate, s.Hidden, s.HiddenReason, s.Text, s.Commitment, s.EvidenceUrl)).ToList()))
            .ToList();
    }

    /// <summary>The tracker with its current filters as CSV (UTF-8 with a byte-order mark), read and written batch by batch.</summary>
    private static async Task ExportRecommendationsCsvAsync(
        HttpContext context, [FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        // The filters are checked as the JSON API checks them: a value not understood is a 400 problem naming it, never a wider export.
        var values = RecommendationFilter.Query.Read(context.Request.Query, await referenceData.GetAsync(cancellationToken), L);
        if (!values.IsValid)
        {
            await ApiProblems.BadRequest(context.Request, values.Errors, L).ExecuteAsync(context);
            return;
        }
        var today = Today(clock);
        var query = RecommendationFilter.From(values).Apply(db.Recommendations.AsNoTracking(), today);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"recommendations.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
        await writer.WriteLineAsync(Csv.Line(RecommendationCsvColumns));
        static string Time(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        var baseUrl = BaseUrl(context.Request);
        TrackerPosition? after = null;
        while (true)
        {
            var rows = await RecommendationQueries.ReadAsync(query, after, RecommendationBatch, cancellationToken);
            if (rows.Count == 0) break;
            var statements = await RecommendationQueries.StatementsAsync(db, rows, cancellationToken);
            var countries = await RecommendationQueries.CountriesAsync(db, rows, cancellationToken);
            foreach (var r in rows)
            {
                await writer.WriteLineAsync(Csv.Line(
                [
                    r.Id.ToString(CultureInfo.InvariantCulture), baseUrl + r.Path, r.AssessmentId.ToString(CultureInfo.InvariantCulture),
                    r.Number.ToString(CultureInfo.InvariantCulture), r.Text, r.AddressedToId.ToString(CultureInfo.InvariantCulture), r.AddressedToName,
                    r.Priority.ToString(), r.Status.ToString(), Date(r.TargetDate), r.IsOverdue(today) ? "yes" : "no",
                    r.LastStatementAt is { } last ? Time(last) : "", string.Join(";", r.Principles), string.Join(";", r.Indicators),
                    r.AssessorId.ToString(CultureInfo.InvariantCulture), r.AssessorName, Time(r.PublishedAt),
                    r.InitiativeId.ToString(CultureInfo.InvariantCulture), r.InitiativeTitle, string.Join(";", countries[r.InitiativeId]),
                    // Each statement as "date kind status-or-verdict", marked when hidden; never its words.
                    string.Join(";", statements[r.Thread].Select(s =>
                        $"{Time(s.CreatedAt)} {s.Kind} {s.Status?.ToString() ?? s.Verdict?.ToString()}{(s.Hidden ? " hidden" : "")}")),
                ]));
            }
            // Hand each batch to the client as it is written: memory stays flat however many rows there are.
            await writer.FlushAsync(cancellationToken);
            if (rows.Count < RecommendationBatch) break;
            after = TrackerPosition.Of(rows[^1]);
        }
    }
}
