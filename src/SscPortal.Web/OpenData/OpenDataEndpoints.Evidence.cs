using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Evidence;
using SscPortal.Web.Reference;

namespace SscPortal.Web.OpenData;

/// <summary>
/// Evidence as open data (issue 17): the testimonies their givers consented to show publicly, in the JSON API
/// (<c>/api/v1/testimonies</c>) and as CSV (<c>/export/testimonies.csv</c>), and the public files and testimonies of each
/// initiative as <c>document-link</c>s in the IATI file. What consent does not allow (or no longer allows: revoked, or past
/// its date, even before the daily sweep deletes it) is never given, by the one rule in <see cref="Testimonies.Public"/>.
/// </summary>
public static partial class OpenDataEndpoints
{
    private const int TestimonyBatch = 500;

    /// <summary>The filters and paging (made on first use: <see cref="Limit"/> is initialised in the other part of this class).</summary>
    public static ApiQuery TestimoniesQuery => _testimoniesQuery ??= new("ListTestimonies",
        [ApiParameter.WholeNumber("assessment", 1, int.MaxValue, "Only the testimonies of this assessment (its id)."), Limit, After(c => c.SortKey.Length == 0)]);

    private static ApiQuery? _testimoniesQuery;

    /// <summary>The CSV's one filter: the API's, without paging (the CSV is every testimony the public may have, or one assessment's).</summary>
    public static ApiQuery TestimoniesExportQuery => _testimoniesExportQuery ??= new("ExportTestimonies",
        TestimoniesQuery.Parameters.Where(p => p.Name is not ("limit" or "after")).ToArray());

    private static ApiQuery? _testimoniesExportQuery;

    public sealed record TestimonyRecord(
        int Id,
        [property: Description("The testimony on its assessment's page.")] string Url,
        int AssessmentId, int InitiativeId,
        [property: Description("The indicator it supports, or null for the assessment as a whole.")] string? Indicator,
        [property: Description("Anonymous, Role (a description they chose, such as \"woman farmer, Caaguazú\") or Name.")] string Attribution,
        [property: Description("The role or name, as they chose; null when anonymous.")] string? AttributedTo,
        [property: Description("What they said, or the transcript of the recording.")] string Text,
        [property: Description("Written, OralRecorded, OralWitnessed or Digital.")] string ConsentMethod,
        DateOnly ConsentGivenOn,
        [property: Description("The last day it may be shown; after it, it is withdrawn and no longer given here.")] DateOnly? ConsentUntil,
        [property: Description("The recording, when there is one.")] string? RecordingUrl);

    public static readonly string[] TestimonyCsvColumns =
        ["id", "url", "assessment_id", "initiative_id", "indicator", "attribution", "attributed_to", "text", "consent_method", "consent_given_on", "consent_until", "recording_url"];

    private static void MapTestimonies(IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        app.MapGet("/export/testimonies.csv", ExportTestimoniesCsvAsync).AllowAnonymous().ExcludeFromDescription().WithMetadata(TestimoniesExportQuery);
        api.MapGet("/testimonies", ListTestimoniesAsync).WithName(TestimoniesQuery.OperationId).WithMetadata(TestimoniesQuery).ProducesValidationProblem()
            .WithSummary("Testimonies in published assessments (the latest revision of each) whose givers consented to their being shown publicly, by id; "
                + "only while that consent lasts.");
    }

    /// <summary>The testimonies the public may have, oldest first, with what each row needs.</summary>
    private static IQueryable<PublicTestimony> PublicTestimonies(AppDbContext db, DateOnly today, int? assessment, int after) =>
        Testimonies.Public(db.Testimonies.AsNoTracking(), today)
            .Where(t => t.Id > after && (assessment == null || t.AssessmentId == assessment))
            .Join(db.Assessments.CurrentlyPublished(), t => t.AssessmentId, a => a.Id, (t, a) => new { t, a.InitiativeId })
            .OrderBy(x => x.t.Id)
            .Select(x => new PublicTestimony(x.t.Id, x.t.AssessmentId, x.InitiativeId, x.t.IndicatorCode, x.t.Attribution, x.t.AttributedTo, x.t.Text!,
                x.t.ConsentMethod, x.t.ConsentGivenOn, x.t.ConsentUntil, x.t.AudioFileId));

    private sealed record PublicTestimony(int Id, int AssessmentId, int InitiativeId, string? Indicator, TestimonyAttribution Attribution, string? AttributedTo,
        string Text, ConsentMethod ConsentMethod, DateOnly ConsentGivenOn, DateOnly? ConsentUntil, int? AudioFileId)
    {
        public TestimonyRecord Record(string baseUrl) => new(Id, $"{baseUrl}/assessments/{AssessmentId}#testimony-{Id}", AssessmentId, InitiativeId, Indicator,
            Attribution.ToString(), Attribution == TestimonyAttribution.Anonymous ? null : AttributedTo, Text, ConsentMethod.ToString(), ConsentGivenOn, ConsentUntil,
            AudioFileId is { } audio ? $"{baseUrl}/files/{audio}/download" : null);
    }

    private static async Task<Results<Ok<Page<TestimonyRecord>>, ProblemHttpResult>> ListTestimoniesAsync(
        HttpRequest request, AppDbContext db, ReferenceData referenceData, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var values = TestimoniesQuery.Read(request.Query, await referenceData.GetAsync(cancellationToken), L);
        if (!values.IsValid) return ApiProblems.BadRequest(request, values.Errors, L);
        var size = values.Number("limit") ?? DefaultLimit;
        var after = values.Cursor("after") is { } c ? c.Id : 0;
        var assessment = values.Number("assessment") is { } a ? (int)a : (int?)null;
        var baseUrl = BaseUrl(request);
        var rows = (await PublicTestimonies(db, Today(clock), assessment, after).Take(size + 1).ToListAsync(cancellationToken)).Select(t => t.Record(baseUrl)).ToList();
        return TypedResults.Ok(PageOf(rows, size, t => new KeysetCursor("", t.Id), values, request));
    }

    /// <summary>Every testimony the public may have as CSV (UTF-8 with a byte-order mark), read and written batch by batch.</summary>
    private static async Task ExportTestimoniesCsvAsync(
        HttpContext context, [FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var values = TestimoniesExportQuery.Read(context.Request.Query, await referenceData.GetAsync(cancellationToken), L);
        if (!values.IsValid)
        {
            await ApiProblems.BadRequest(context.Request, values.Errors, L).ExecuteAsync(context);
            return;
        }
        var assessment = values.Number("assessment");
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"testimonies.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
        await writer.WriteLineAsync(Csv.Line(TestimonyCsvColumns));
        static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        var baseUrl = BaseUrl(context.Request);
        var today = Today(clock);
        var after = 0;
        while (true)
        {
            var rows = await PublicTestimonies(db, today, assessment, after).Take(TestimonyBatch).ToListAsync(cancellationToken);
            if (rows.Count == 0) break;
            foreach (var t in rows.Select(r => r.Record(baseUrl)))
                await writer.WriteLineAsync(Csv.Line(
                [
                    t.Id.ToString(CultureInfo.InvariantCulture), t.Url, t.AssessmentId.ToString(CultureInfo.InvariantCulture), t.InitiativeId.ToString(CultureInfo.InvariantCulture),
                    t.Indicator ?? "", t.Attribution, t.AttributedTo ?? "", t.Text, t.ConsentMethod, Date(t.ConsentGivenOn), Date(t.ConsentUntil), t.RecordingUrl ?? "",
                ]));
            after = rows[^1].Id;
        }
    }

    /// <summary>The public files (current versions, not hidden) and public testimonies of these initiatives, as IATI document links.</summary>
    private static async Task<ILookup<int, IatiActivities.IatiDocument>> PublicDocumentsAsync(AppDbContext db, IReadOnlyList<int> initiatives, string baseUrl, DateOnly today, CancellationToken cancellationToken)
    {
        var files = await db.EvidenceFiles.AsNoTracking()
            .Where(f => f.OwnerKind == FileOwnerKind.Initiative && initiatives.Contains(f.OwnerId) && f.Visibility == EvidenceVisibility.Public
                && f.State == FileState.Published && f.HiddenAt == null && f.SupersededById == null)
            .OrderBy(f => f.Id).Select(f => new { f.Id, f.OwnerId, f.FileName, f.ContentType }).ToListAsync(cancellationToken);
        var testimonies = await Testimonies.Public(db.Testimonies.AsNoTracking(), today)
            .Join(db.Assessments.CurrentlyPublished().Where(a => initiatives.Contains(a.InitiativeId)), t => t.AssessmentId, a => a.Id,
                (t, a) => new { t.Id, t.AssessmentId, a.InitiativeId, t.Attribution, t.AttributedTo })
            .OrderBy(t => t.Id).ToListAsync(cancellationToken);
        return files.Select(f => new IatiActivities.IatiDocument(f.OwnerId, $"{baseUrl}/files/{f.Id}/download", IanaFormat(f.ContentType), f.FileName, "A07"))
            .Concat(testimonies.Select(t => new IatiActivities.IatiDocument(t.InitiativeId, $"{baseUrl}/assessments/{t.AssessmentId}#testimony-{t.Id}", "text/html",
                t.Attribution == TestimonyAttribution.Anonymous || t.AttributedTo is null ? "Testimony" : $"Testimony: {t.AttributedTo}", "A07")))
            .ToLookup(d => d.InitiativeId);
    }

    /// <summary>The IANA media type IATI's FileFormat list knows for a stored type.</summary>
    private static string IanaFormat(string contentType) => contentType == "audio/wav" ? "audio/vnd.wave" : contentType;
}
