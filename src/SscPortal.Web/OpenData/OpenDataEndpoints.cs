using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;

namespace SscPortal.Web.OpenData;

/// <summary>
/// Open data for other systems, all public and read-only: the catalogue as CSV and as IATI XML (streamed), and a JSON API
/// with the catalogue's filters and cursor paging, described at /openapi/v1.json.
/// </summary>
public static class OpenDataEndpoints
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

    /// <summary>
    /// The catalogue's filters as the API documents them (they are read by <see cref="InitiativeFilter"/>, the same
    /// reader as the catalogue page's).
    /// </summary>
    public sealed record CatalogueFilters(
        [property: FromQuery(Name = "q")] string? Q, [property: FromQuery(Name = "country")] string? Country,
        [property: FromQuery(Name = "role")] string? Role, [property: FromQuery(Name = "region")] string? Region, [property: FromQuery(Name = "modality")] string? Modality,
        [property: FromQuery(Name = "instrument")] string? Instrument, [property: FromQuery(Name = "status")] string? Status,
        [property: FromQuery(Name = "category")] string? Category, [property: FromQuery(Name = "sdg")] string? Sdg,
        [property: FromQuery(Name = "actor")] string? Actor, [property: FromQuery(Name = "actortype")] string? ActorType,
        [property: FromQuery(Name = "principle")] string? Principle, [property: FromQuery(Name = "year")] string? Year,
        [property: FromQuery(Name = "assessed")] string? Assessed);

    public sealed record ActorRecord(int Id, string Name, string? Acronym, string Type, string? Country, string? Scope, string? Website, string Url);

    public sealed record DimensionScore(string Dimension, double? Average, int Scored, int NotApplicable, int InsufficientInformation);

    public sealed record AssessmentRecord(
        int Id, string Url, int InitiativeId, string InitiativeTitle, OrganisationReference Assessor, string Perspective, string Relationship,
        int FrameworkVersion, int Revision, DateTime PublishedAt, IReadOnlyList<DimensionScore> Dimensions, int Responses);

    public static readonly string[] CsvColumns =
    [
        "id", "url", "title", "summary", "language", "modality", "instrument", "status", "owner", "record_kind",
        "provider_countries", "recipient_countries", "countries", "organisations", "sdgs", "primary_sdg", "sdg_targets", "sectors", "principles",
        "approval_date", "planned_start", "planned_end", "actual_start", "actual_end", "published_at",
    ];

    public static IEndpointRouteBuilder MapOpenData(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export/initiatives.csv", ExportCsvAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/export/iati/activities.xml", ExportIatiAsync).AllowAnonymous().ExcludeFromDescription();

        var api = app.MapGroup("/api/v1").AllowAnonymous().CacheOutput(AnonymousPageCache.PolicyName).WithTags("Open data");
        api.MapGet("/initiatives", ListInitiativesAsync).WithName("ListInitiatives")
            .WithSummary("Published initiatives, newest first, with the catalogue's filters (q, country, role, region, modality, instrument, status, category, sdg, actor, actortype, principle, year, assessed) and cursor paging.");
        api.MapGet("/initiatives/{id:int}", GetInitiativeAsync).WithName("GetInitiative").WithSummary("One published initiative.");
        api.MapGet("/actors", ListActorsAsync).WithName("ListActors").WithSummary("Organisations, by name, with cursor paging; filter by type and country.");
        api.MapGet("/assessments", ListAssessmentsAsync).WithName("ListAssessments")
            .WithSummary("Published assessments (the latest revision of each), newest first, with their scores by dimension; filter by country, modality, perspective and assessor.");
        return app;
    }

    private static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>Reads limit and cursor; a bad one is a 400 with a message, never a bigger page.</summary>
    private static (int Limit, KeysetCursor? After, string? Problem) Paging(int? limit, string? after, IStringLocalizer<SharedResource> L)
    {
        if (limit is { } l && (l < 1 || l > MaxLimit)) return (0, null, L["Ask for between 1 and {0} items at a time (limit), and follow “next” for more.", MaxLimit]);
        if (after is null) return (limit ?? DefaultLimit, null, null);
        return KeysetCursor.TryDecode(after, out var cursor)
            ? (limit ?? DefaultLimit, cursor, null)
            : (0, null, L["This page link is not valid, so the list starts from the beginning."]);
    }

    private static ProblemHttpResult Problem(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    private static async Task<Results<Ok<Page<InitiativeRecord>>, ProblemHttpResult>> ListInitiativesAsync(
        [AsParameters] CatalogueFilters documented, HttpRequest request, AppDbContext db, ReferenceData referenceData, IStringLocalizer<SharedResource> L, int? limit, string? after, CancellationToken cancellationToken)
    {
        _ = documented;
        var filter = InitiativeFilter.Read(request.Query, await referenceData.GetAsync(cancellationToken), L);
        if (filter.Problems.Count > 0) return Problem(string.Join(" ", filter.Problems));
        var (size, cursor, problem) = Paging(limit, after, L);
        if (problem is not null) return Problem(problem);
        await filter.PrepareAsync(db, cancellationToken);
        var query = filter.Apply(db.Initiatives.AsNoTracking(), db);
        if (cursor is { } c)
        {
            if (!c.TryGetTime(out var at)) return Problem(L["This page link is not valid, so the list starts from the beginning."]);
            query = query.Where(i => i.PublishedAt <= at && (i.PublishedAt < at || i.Id < c.Id));
        }
        var page = await InitiativeRecords.ReadAsync(query.OrderByDescending(i => i.PublishedAt).ThenByDescending(i => i.Id).Take(size + 1), BaseUrl(request), cancellationToken);
        page = page.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id).ToList();
        string? next = null;
        if (page.Count > size)
        {
            page.RemoveAt(size);
            next = KeysetCursor.For(page[^1].PublishedAt, page[^1].Id).Encode();
        }
        return TypedResults.Ok(new Page<InitiativeRecord>(page, next));
    }

    private static async Task<Results<Ok<InitiativeRecord>, NotFound>> GetInitiativeAsync(int id, HttpRequest request, AppDbContext db, CancellationToken cancellationToken)
    {
        var record = (await InitiativeRecords.ReadAsync(db.Initiatives.Published().Where(i => i.Id == id), BaseUrl(request), cancellationToken)).SingleOrDefault();
        return record is null ? TypedResults.NotFound() : TypedResults.Ok(record);
    }

    private static async Task<Results<Ok<Page<ActorRecord>>, ProblemHttpResult>> ListActorsAsync(
        HttpRequest request, AppDbContext db, IStringLocalizer<SharedResource> L, string? type, string? country, int? limit, string? after, CancellationToken cancellationToken)
    {
        var (size, cursor, problem) = Paging(limit, after, L);
        if (problem is not null) return Problem(problem);
        var actors = db.Actors.AsNoTracking().Where(a => a.IsVerified);
        if (type is not null)
        {
            if (!CodeParsing.TryParseName<ActorType>(type, out var actorType)) return Problem(L["“{0}” is not a kind of organisation. This filter was not applied.", type]);
            actors = actors.Where(a => a.Type == actorType);
        }
        if (country is not null)
        {
            var code = country.ToUpperInvariant();
            actors = actors.Where(a => a.CountryCode == code);
        }
        // Keyset on the id: stable and the same on both databases (names sort differently by collation).
        if (cursor is { } c) actors = actors.Where(a => a.Id > c.Id);
        var baseUrl = BaseUrl(request);
        var page = await actors.OrderBy(a => a.Id).Take(size + 1)
            .Select(a => new { a.Id, a.Name, a.Acronym, a.Type, a.CountryCode, a.Scope, a.Website }).ToListAsync(cancellationToken);
        var next = page.Count > size ? new KeysetCursor("", page[size - 1].Id).Encode() : null;
        return TypedResults.Ok(new Page<ActorRecord>(page.Take(size)
            .Select(a => new ActorRecord(a.Id, a.Name, a.Acronym, a.Type.ToString(), a.CountryCode, a.Scope, a.Website, $"{baseUrl}/actors/{a.Id}")).ToList(), next));
    }

    private static async Task<Results<Ok<Page<AssessmentRecord>>, ProblemHttpResult>> ListAssessmentsAsync(
        HttpRequest request, AppDbContext db, ReferenceData referenceData, IStringLocalizer<SharedResource> L,
        string? country, string? modality, string? perspective, int? assessor, int? limit, string? after, CancellationToken cancellationToken)
    {
        var (size, cursor, problem) = Paging(limit, after, L);
        if (problem is not null) return Problem(problem);
        var names = await referenceData.GetAsync(cancellationToken);
        var query = db.Assessments.AsNoTracking().CurrentlyPublished();
        if (country is not null)
        {
            var code = country.ToUpperInvariant();
            if (!names.Countries.ContainsKey(code)) return Problem(L["There is no country with the code “{0}”. This filter was not applied.", country]);
            query = query.Where(a => a.Initiative!.Countries.Any(c => c.CountryCode == code));
        }
        if (modality is not null)
        {
            if (!CodeParsing.TryParseName<Modality>(modality, out var m)) return Problem(L["“{0}” is not a modality. This filter was not applied.", modality]);
            query = query.Where(a => a.Initiative!.Modality == m);
        }
        if (perspective is not null)
        {
            if (!CodeParsing.TryParseName<AssessmentPerspective>(perspective, out var p)) return Problem(L["“{0}” is not a perspective. This filter was not applied.", perspective]);
            query = query.Where(a => a.Perspective == p);
        }
        if (assessor is { } assessorId) query = query.Where(a => a.AssessorId == assessorId);
        if (cursor is { } c)
        {
            if (!c.TryGetTime(out var at)) return Problem(L["This page link is not valid, so the list starts from the beginning."]);
            query = query.Where(a => a.PublishedAt <= at && (a.PublishedAt < at || a.Id < c.Id));
        }
        var rows = await query.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(size + 1)
            .Select(a => new
            {
                a.Id, a.InitiativeId, InitiativeTitle = a.Initiative!.Title, a.AssessorId, AssessorName = a.Assessor!.Name, AssessorType = a.Assessor.Type,
                a.Perspective, a.Relationship, a.Framework!.Version, a.Revision, PublishedAt = a.PublishedAt!.Value,
                Responses = db.AssessmentResponses.Count(r => r.AssessmentId == a.Id),
            }).ToListAsync(cancellationToken);
        var next = rows.Count > size ? KeysetCursor.For(rows[size - 1].PublishedAt, rows[size - 1].Id).Encode() : null;
        var ids = rows.Take(size).Select(r => r.Id).ToList();
        var scores = (await db.AssessmentScores.AsNoTracking().Where(s => ids.Contains(s.AssessmentId) && s.Scope == ScoreScope.Dimension).ToListAsync(cancellationToken))
            .ToLookup(s => s.AssessmentId);
        var baseUrl = BaseUrl(request);
        return TypedResults.Ok(new Page<AssessmentRecord>(rows.Take(size).Select(r => new AssessmentRecord(
            r.Id, $"{baseUrl}/assessments/{r.Id}", r.InitiativeId, r.InitiativeTitle, new OrganisationReference(r.AssessorId, r.AssessorName, r.AssessorType.ToString()),
            r.Perspective.ToString(), r.Relationship.ToString(), r.Version, r.Revision, r.PublishedAt,
            scores[r.Id].Select(s => new DimensionScore(s.Code, s.Average, s.Scored, s.NotApplicable, s.InsufficientInformation)).ToList(), r.Responses)).ToList(), next));
    }

    /// <summary>An export's filter, or null after answering 400 with what was not understood (an export is never silently wider).</summary>
    private static async Task<InitiativeFilter?> ExportFilterAsync(
        HttpContext context, AppDbContext db, ReferenceData referenceData, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var filter = InitiativeFilter.Read(context.Request.Query, await referenceData.GetAsync(cancellationToken), L);
        if (filter.Problems.Count > 0)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(string.Join("\n", filter.Problems), cancellationToken);
            return null;
        }
        await filter.PrepareAsync(db, cancellationToken);
        return filter;
    }

    /// <summary>The published initiatives (with the catalogue's filters, if any) as an IATI 2.03 activity file, streamed.</summary>
    private static async Task ExportIatiAsync(HttpContext context, AppDbContext db, ReferenceData referenceData, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        if (await ExportFilterAsync(context, db, referenceData, L, cancellationToken) is not { } filter) return;
        context.Response.ContentType = "application/xml; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"activities.xml\"";
        var names = await referenceData.GetAsync(cancellationToken);
        var publisher = IatiPublisher.From(context.RequestServices.GetRequiredService<IConfiguration>(), names.Countries.ContainsKey);
        await IatiActivities.WriteAsync(context.Response.Body, filter.Apply(db.Initiatives.AsNoTracking(), db), BaseUrl(context.Request), clock.GetUtcNow().UtcDateTime, publisher, cancellationToken);
    }

    /// <summary>The catalogue with its current filters as CSV (UTF-8 with a byte-order mark, for spreadsheet programs), streamed.</summary>
    private static async Task ExportCsvAsync(HttpContext context, AppDbContext db, ReferenceData referenceData, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        if (await ExportFilterAsync(context, db, referenceData, L, cancellationToken) is not { } filter) return;
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"initiatives.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
        await writer.WriteLineAsync(Csv.Line(CsvColumns));
        static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        var written = 0;
        await foreach (var r in InitiativeRecords.StreamAsync(filter.Apply(db.Initiatives.AsNoTracking(), db), BaseUrl(context.Request), cancellationToken))
        {
            await writer.WriteLineAsync(Csv.Line(
            [
                r.Id.ToString(CultureInfo.InvariantCulture), r.Url, r.Title, r.Summary, r.Language, r.Modality, r.Instrument, r.Status, r.Owner.Name, r.RecordKind,
                string.Join(";", r.Countries.Where(c => c.Role is "Provider" or "FirstProvider" or "SecondProvider" or "Both").Select(c => c.Code)),
                string.Join(";", r.Countries.Where(c => c.Role is "Recipient" or "Both").Select(c => c.Code)),
                string.Join(";", r.Countries.Select(c => $"{c.Code}:{c.Role}")),
                string.Join(";", r.Organisations.Select(o => $"{o.Name} ({o.Role})")),
                string.Join(";", r.Sdgs), r.PrimarySdg?.ToString(CultureInfo.InvariantCulture), string.Join(";", r.SdgTargets), string.Join(";", r.Sectors), string.Join(";", r.Principles),
                Date(r.ApprovalDate), Date(r.PlannedStart), Date(r.PlannedEnd), Date(r.ActualStart), Date(r.ActualEnd),
                r.PublishedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ]));
            // Hand each batch to the client as it is written: memory stays flat however many rows there are.
            if (++written % InitiativeRecords.Batch == 0) await writer.FlushAsync(cancellationToken);
        }
    }
}
