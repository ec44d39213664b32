using SscPortal.Web.Localization;
using SscPortal.Web.Reference;
using SscPortal.Web.Search;
using SscPortal.Web.Caching;
using System.ComponentModel;
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
public static partial class OpenDataEndpoints
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>
    /// One page of a list. <c>next</c> is the address of the following page (the same filters; null on the last page);
    /// <c>nextCursor</c> is the cursor it carries in its <c>after</c> parameter, for clients that build addresses themselves.
    /// </summary>
    public sealed record Page<T>(
        IReadOnlyList<T> Items,
        [property: Description("The address of the following page, with the same filters and limit; null on the last page.")] string? Next,
        [property: Description("The cursor the next link carries as its after parameter; null on the last page.")] string? NextCursor);

    private const string CountryDescription = "An ISO 3166-1 alpha-2 country code, in any case.";

    /// <summary>The parameters every list has: how many items, and where to start.</summary>
    private static readonly ApiParameter Limit = ApiParameter.WholeNumber("limit", 1, MaxLimit, $"How many items a page has, from 1 to {MaxLimit}; {DefaultLimit} if not given.")
        with { Message = (L, _) => L["Ask for between 1 and {0} items at a time (limit), and follow “next” for more.", MaxLimit] };

    private static ApiParameter After(Func<KeysetCursor, bool> check) =>
        ApiParameter.Cursor("after", check, "Where the page starts: the cursor a previous page gave as nextCursor (its next link carries it). Anything else is refused.");

    private static readonly ApiParameter Country = ApiParameter.Code("country", "CountryCode", names => names.Countries.Keys.Order(StringComparer.Ordinal).ToList(), CountryDescription);
    private static readonly ApiParameter ModalityFilter = ApiParameter.Code<Modality>("modality", "ModalityCode", "The kind of cooperation, in any case.");

    /// <summary>The catalogue's filters (read by <see cref="InitiativeFilter"/>, the same reader as the catalogue page's), and paging.</summary>
    public static readonly ApiQuery InitiativesQuery = new("ListInitiatives",
        ApiParameter.Text("q", InitiativeFilter.MaxQueryLength, "Search words, matched in titles, summaries (in every language), organisations and country names."),
        Country with { Description = CountryDescription + " Initiatives in which the country takes part (see role)." },
        ApiParameter.Code<CountryFilterRole>("role", "CountryRoleCode", "With country: only initiatives in which it provides, or receives, cooperation."),
        ApiParameter.Code("region", "RegionCode", names => names.Regions.Select(r => r.Code).ToList(), "A world region: initiatives with a country in it."),
        ModalityFilter,
        ApiParameter.Code<Instrument>("instrument", "InstrumentCode", "The instrument of cooperation, in any case."),
        ApiParameter.Code<ActivityStatus>("status", "ActivityStatusCode", "The initiative's stage, in any case."),
        ApiParameter.Code("category", "SectorCategoryCode", names => names.Categories.Keys.Order(StringComparer.Ordinal).ToList(), "A DAC sector category (three digits)."),
        ApiParameter.Code("sdg", "SdgCode", names => names.Goals.Keys.Order().Select(g => g.ToString(CultureInfo.InvariantCulture)).ToList(), "A Sustainable Development Goal (1 to 17).")
            with { NumericCodes = true },
        ApiParameter.WholeNumber("actor", 1, int.MaxValue, "An organisation's id (see /api/v1/actors): initiatives it takes part in."),
        ApiParameter.Code<ActorType>("actortype", "ActorTypeCode", "Initiatives with an organisation of this kind, in any case."),
        ApiParameter.Code("principle", "PrincipleCode", names => names.Principles.Select(p => p.Code).ToList(), "A principle of South-South cooperation the initiative applies."),
        ApiParameter.WholeNumber("year", 1950, 2100, "The year the initiative started (actually, or as planned, or was approved)."),
        ApiParameter.Code("assessed", null, _ => ["yes", "true", "1"], "Only initiatives with a published assessment."),
        Limit,
        After(c => c.TryGetTime(out _)));

    /// <summary>
    /// The catalogue's filters as the CSV and IATI exports read them: the API's, without paging (an export is the whole
    /// filtered catalogue). A value not understood is a 400 problem naming it, never a wider export.
    /// </summary>
    public static readonly ApiQuery InitiativesExportQuery = new("ExportInitiatives",
        InitiativesQuery.Parameters.Where(p => p.Name is not ("limit" or "after")).ToArray());

    public static readonly ApiQuery ActorsQuery = new("ListActors",
        ApiParameter.Code<ActorType>("type", "ActorTypeCode", "The kind of organisation, in any case."),
        Country with { Description = CountryDescription + " Organisations based there." },
        Limit,
        After(c => c.SortKey.Length == 0));

    public static readonly ApiQuery AssessmentsQuery = new("ListAssessments",
        Country with { Description = CountryDescription + " Assessments of initiatives in which the country takes part." },
        ModalityFilter,
        ApiParameter.Code<AssessmentPerspective>("perspective", "PerspectiveCode", "Who assessed, in any case."),
        ApiParameter.WholeNumber("assessor", 1, int.MaxValue, "The assessing organisation's id (see /api/v1/actors)."),
        Limit,
        After(c => c.TryGetTime(out _)));

    public sealed record ActorRecord(int Id, string Name, string? Acronym, string Type, string? Country, string? Scope, string? Website, string Url);

    public sealed record DimensionScore(string Dimension, double? Average, int Scored, int NotApplicable, int InsufficientInformation);

    public sealed record AssessmentRecord(
        int Id, string Url, int InitiativeId, string InitiativeTitle, OrganisationReference Assessor, string Perspective, string Relationship,
        int FrameworkVersion, int Revision, DateTime PublishedAt, IReadOnlyList<DimensionScore> Dimensions, int Responses);

    public static readonly string[] CsvColumns =
    [
        "id", "url", "title", "summary", "language", "modality", "instrument", "status", "owner", "record_kind",
        "provider_countries", "recipient_countries", "countries", "organisations", "sdgs", "primary_sdg", "sdg_targets", "sectors", "principles",
        "approval_date", "planned_start", "planned_end", "actual_start", "actual_end", "published_at", "sensitive_setting", "locations",
    ];

    /// <summary>
    /// A location in the CSV: country, precision, region, place and coordinates separated by " | " (empty parts left
    /// empty), as the public may see it: "PE | Point | Cusco | Ollantaytambo | -13.2581 | -72.2634", "CO | Region | Meta".
    /// </summary>
    public static string CsvLocation(LocationInInitiative l)
    {
        var parts = new List<string> { l.Country, l.Precision, l.Region ?? "", l.Place ?? "",
            l.Latitude?.ToString("0.######", CultureInfo.InvariantCulture) ?? "", l.Longitude?.ToString("0.######", CultureInfo.InvariantCulture) ?? "" };
        while (parts.Count > 2 && parts[^1].Length == 0) parts.RemoveAt(parts.Count - 1);
        return string.Join(" | ", parts);
    }

    public static IEndpointRouteBuilder MapOpenData(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export/initiatives.csv", ExportCsvAsync).AllowAnonymous().ExcludeFromDescription().WithMetadata(InitiativesExportQuery);
        app.MapGet("/export/iati/activities.xml", ExportIatiAsync).AllowAnonymous().ExcludeFromDescription().WithMetadata(InitiativesExportQuery);
        // One organisation's own IATI file, the address it registers with the IATI Registry (only for one with an identifier).
        app.MapGet("/export/iati/{organisation:int}.xml", ExportOrganisationIatiAsync).AllowAnonymous().ExcludeFromDescription();
        // The catalogue of the portal's datasets (DCAT-US / Project Open Data 1.1), for data portals that harvest it.
        app.MapGet("/data.json", DataCatalogue.WriteAsync).AllowAnonymous().ExcludeFromDescription().CacheOutput(AnonymousPageCache.PolicyName);

        // Every error is a problem (application/problem+json, ApiProblems); 400 and 404 name the parameter at fault.
        var api = app.MapGroup("/api/v1").AllowAnonymous().CacheOutput(AnonymousPageCache.PolicyName).WithTags("Open data")
            .ProducesProblem(StatusCodes.Status500InternalServerError).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/initiatives", ListInitiativesAsync).WithName(InitiativesQuery.OperationId).WithMetadata(InitiativesQuery).ProducesValidationProblem()
            .WithSummary("Published initiatives, newest first, with the catalogue's filters and cursor paging.");
        api.MapGet("/initiatives/{id:int}", GetInitiativeAsync).WithName("GetInitiative").WithSummary("One published initiative.").WithMetadata(new PreparedStatementsAttribute())
            .Produces<HttpValidationProblemDetails>(StatusCodes.Status404NotFound, ApiProblems.ContentType);
        api.MapGet("/actors", ListActorsAsync).WithName(ActorsQuery.OperationId).WithMetadata(ActorsQuery).ProducesValidationProblem()
            .WithSummary("Organisations, by id, with cursor paging; filter by type and country.");
        api.MapGet("/assessments", ListAssessmentsAsync).WithName(AssessmentsQuery.OperationId).WithMetadata(AssessmentsQuery).ProducesValidationProblem()
            .WithSummary("Published assessments (the latest revision of each), newest first, with their scores by dimension; filter by country, modality, perspective and assessor.");
        MapRecommendations(app, api);
        MapTestimonies(app, api);
        MapListings(app, api);
        MapCalls(app, api);
        MapGoodPractices(app, api);
        MapEvents(app, api);
        return app;
    }

    private static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>A page of <paramref name="size"/> items read as <paramref name="size"/> + 1 rows: the extra row says there is a next page.</summary>
    private static Page<T> PageOf<T>(List<T> rows, int size, Func<T, KeysetCursor> cursorOf, ApiQueryValues values, HttpRequest request)
    {
        if (rows.Count <= size) return new Page<T>(rows, null, null);
        rows.RemoveRange(size, rows.Count - size);
        var cursor = cursorOf(rows[^1]);
        return new Page<T>(rows, values.Link(BaseUrl(request) + request.Path, "after", cursor), cursor.Encode());
    }

    private static async Task<Results<Ok<Page<InitiativeRecord>>, ProblemHttpResult>> ListInitiativesAsync(
        HttpRequest request, CatalogueCache cache, ReferenceData referenceData, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var names = await referenceData.GetAsync(cancellationToken);
        var values = InitiativesQuery.Read(request.Query, names, L);
        if (!values.IsValid) return ApiProblems.BadRequest(request, values.Errors, L);
        var size = values.Number("limit") ?? DefaultLimit;
        var baseUrl = BaseUrl(request);
        // A page of the list is kept for everyone who asks the same question until the content changes, as the catalogue's
        // pages are (Caching/CatalogueCache.cs), read on a scope of its own from the read-only context.
        // (Per language too: the organisations of each record are in the reader's language's alphabetical order.)
        var key = $"api-initiatives|{baseUrl}|{PortalCultures.Current}|{values.Canonical}";
        var rows = await cache.QueryAsync(key, async (db, token) =>
        {
            var filter = await CatalogueFilterAsync(values, names, db, L, token, prepare: false);
            var few = await filter.PrepareAndMeasureAsync(db, FewMatches, token);
            // Close titles not looked for in time: "nothing" is this moment's answer only, and the next reader asks again.
            if (filter.TypoTimedOut) CatalogueCache.DoNotKeep();
            var query = filter.Apply(db.Initiatives.AsNoTracking(), db);
            if (values.Cursor("after") is { } c && c.TryGetTime(out var at))
                query = query.Where(i => i.PublishedAt <= at && (i.PublishedAt < at || i.Id < c.Id));
            // Few matches: found through the filter's indexes and sorted (ordering by an expression keeps the database off the
            // newest-first index, which it would walk to the end looking for them). Many: that index, stopping after a page.
            var ordered = few
                ? query.OrderByDescending(i => i.PublishedAt ?? DateTime.MinValue).ThenByDescending(i => i.Id)
                : query.OrderByDescending(i => i.PublishedAt).ThenByDescending(i => i.Id);
            var read = await InitiativeRecords.ReadAsync(ordered.Take(size + 1), db, baseUrl, token);
            return (IReadOnlyList<InitiativeRecord>)read.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id).ToList();
        }, cancellationToken);
        // An answer given for now only (not kept) is not kept by the anonymous page cache either.
        if (!cache.TryGet<IReadOnlyList<InitiativeRecord>>(key, out _)) request.HttpContext.Response.Headers.CacheControl = "no-store";
        // A copy: the kept rows are shared by every reader of the page.
        return TypedResults.Ok(PageOf(rows.ToList(), size, r => KeysetCursor.For(r.PublishedAt, r.Id), values, request));
    }

    private static async Task<Results<Ok<InitiativeRecord>, ProblemHttpResult>> GetInitiativeAsync(
        int id, HttpRequest request, [FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var record = (await InitiativeRecords.ReadAsync(db.Initiatives.Published().Where(i => i.Id == id), db, BaseUrl(request), cancellationToken)).SingleOrDefault();
        return record is null
            ? ApiProblems.NotFound(request, "id", L["No published initiative has the id {0}.", id], L)
            : TypedResults.Ok(record);
    }

    private static async Task<Results<Ok<Page<ActorRecord>>, ProblemHttpResult>> ListActorsAsync(
        HttpRequest request, AppDbContext db, ReferenceData referenceData, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var values = ActorsQuery.Read(request.Query, await referenceData.GetAsync(cancellationToken), L);
        if (!values.IsValid) return ApiProblems.BadRequest(request, values.Errors, L);
        var actors = db.Actors.AsNoTracking().Where(a => a.IsVerified);
        if (values.Code<ActorType>("type") is { } actorType) actors = actors.Where(a => a.Type == actorType);
        if (values["country"] is { } country) actors = actors.Where(a => a.CountryCode == country);
        // Keyset on the id: stable and the same on both databases (names sort differently by collation).
        if (values.Cursor("after") is { } c) actors = actors.Where(a => a.Id > c.Id);
        var size = values.Number("limit") ?? DefaultLimit;
        var baseUrl = BaseUrl(request);
        var rows = (await actors.OrderBy(a => a.Id).Take(size + 1)
            .Select(a => new { a.Id, a.Name, a.Acronym, a.Type, a.CountryCode, a.Scope, a.Website }).ToListAsync(cancellationToken))
            .Select(a => new ActorRecord(a.Id, a.Name, a.Acronym, a.Type.ToString(), a.CountryCode, a.Scope, a.Website, $"{baseUrl}/actors/{a.Id}")).ToList();
        return TypedResults.Ok(PageOf(rows, size, a => new KeysetCursor("", a.Id), values, request));
    }

    private static async Task<Results<Ok<Page<AssessmentRecord>>, ProblemHttpResult>> ListAssessmentsAsync(
        HttpRequest request, AppDbContext db, ReferenceData referenceData, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var values = AssessmentsQuery.Read(request.Query, await referenceData.GetAsync(cancellationToken), L);
        if (!values.IsValid) return ApiProblems.BadRequest(request, values.Errors, L);
        var query = FilterAssessments(db.Assessments.AsNoTracking().CurrentlyPublished(), values);
        if (values.Cursor("after") is { } c && c.TryGetTime(out var at))
            query = query.Where(a => a.PublishedAt <= at && (a.PublishedAt < at || a.Id < c.Id));
        var size = values.Number("limit") ?? DefaultLimit;
        var rows = await query.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(size + 1)
            .Select(a => new
            {
                a.Id, a.InitiativeId, InitiativeTitle = a.Initiative!.Title, a.AssessorId, AssessorName = a.Assessor!.Name, AssessorType = a.Assessor.Type,
                a.Perspective, a.Relationship, a.Framework!.Version, a.Revision, PublishedAt = a.PublishedAt!.Value,
                Responses = db.AssessmentResponses.Count(r => r.AssessmentId == a.Id),
            }).ToListAsync(cancellationToken);
        var ids = rows.Take(size).Select(r => r.Id).ToList();
        var scores = (await db.AssessmentScores.AsNoTracking().Where(s => ids.Contains(s.AssessmentId) && s.Scope == ScoreScope.Dimension).ToListAsync(cancellationToken))
            .ToLookup(s => s.AssessmentId);
        var baseUrl = BaseUrl(request);
        var records = rows.Select(r => new AssessmentRecord(
            r.Id, $"{baseUrl}/assessments/{r.Id}", r.InitiativeId, r.InitiativeTitle, new OrganisationReference(r.AssessorId, r.AssessorName, r.AssessorType.ToString()),
            r.Perspective.ToString(), r.Relationship.ToString(), r.Version, r.Revision, r.PublishedAt,
            scores[r.Id].Select(s => new DimensionScore(s.Code, s.Average, s.Scored, s.NotApplicable, s.InsufficientInformation)).ToList(), r.Responses)).ToList();
        return TypedResults.Ok(PageOf(records, size, r => KeysetCursor.For(r.PublishedAt, r.Id), values, request));
    }

    /// <summary>At most this many matches are read through the filter's own indexes and sorted, rather than found by walking the newest-first index.</summary>
    private const int FewMatches = 2_000;

    /// <summary>The catalogue's filter from values the API's reader accepted (<see cref="InitiativesQuery"/>): the JSON API's and the feed's.</summary>
    public static async Task<InitiativeFilter> CatalogueFilterAsync(
        ApiQueryValues values, ReferenceData.Snapshot names, AppDbContext db, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken,
        bool prepare = true)
    {
        // The values are the lists' own spelling by now, so the catalogue's reader takes them as they are.
        var filter = InitiativeFilter.Read(values.ToQueryCollection(), names, L);
        // Not the caller's fault if the two readers disagree: a 500 (logged), never a filter silently dropped.
        if (filter.Problems.Count > 0) throw new InvalidOperationException("The catalogue's filter refused values the API accepted: " + string.Join(" ", filter.Problems));
        if (prepare) await filter.PrepareAsync(db, cancellationToken);
        return filter;
    }

    /// <summary>The assessments list's filters (country, modality, perspective, assessor), from values read with <see cref="AssessmentsQuery"/>: the API's and the feed's.</summary>
    public static IQueryable<Assessment> FilterAssessments(IQueryable<Assessment> query, ApiQueryValues values)
    {
        if (values["country"] is { } country) query = query.InCountry(country);
        if (values.Code<Modality>("modality") is { } modality) query = query.Where(a => a.Initiative!.Modality == modality);
        if (values.Code<AssessmentPerspective>("perspective") is { } perspective) query = query.Where(a => a.Perspective == perspective);
        if (values.Number("assessor") is { } assessorId) query = query.Where(a => a.AssessorId == assessorId);
        return query;
    }

    /// <summary>
    /// An export's filter, read with <see cref="InitiativesExportQuery"/>, or null after answering 400 with a problem naming
    /// each parameter not understood, as the API does (an export is never silently wider).
    /// </summary>
    private static async Task<InitiativeFilter?> ExportFilterAsync(
        HttpContext context, AppDbContext db, ReferenceData referenceData, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var names = await referenceData.GetAsync(cancellationToken);
        var values = InitiativesExportQuery.Read(context.Request.Query, names, L);
        if (!values.IsValid)
        {
            await ApiProblems.BadRequest(context.Request, values.Errors, L).ExecuteAsync(context);
            return null;
        }
        return await CatalogueFilterAsync(values, names, db, L, cancellationToken);
    }

    /// <summary>The published initiatives (with the catalogue's filters, if any) as an IATI 2.03 activity file, streamed.</summary>
    private static async Task ExportIatiAsync(HttpContext context, [FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        if (await ExportFilterAsync(context, db, referenceData, L, cancellationToken) is not { } filter) return;
        context.Response.ContentType = "application/xml; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"activities.xml\"";
        var names = await referenceData.GetAsync(cancellationToken);
        var publisher = IatiPublisher.From(context.RequestServices.GetRequiredService<IConfiguration>(), names.Countries.ContainsKey);
        var baseUrl = BaseUrl(context.Request);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await IatiActivities.WriteAsync(context.Response.Body, filter.Apply(db.Initiatives.AsNoTracking(), db), baseUrl, clock.GetUtcNow().UtcDateTime, publisher, cancellationToken,
            ids => PublicDocumentsAsync(db, ids, baseUrl, today, cancellationToken), context.RequestServices.GetRequiredService<OpenDataLicence>());
    }

    /// <summary>
    /// The published initiatives an organisation reports under its own IATI organisation identifier, as one IATI file that it can
    /// register with the IATI Registry. An organisation that has recorded no identifier has no file of its own (404): its
    /// initiatives are in the portal's file, reported by the portal's publisher.
    /// </summary>
    private static async Task ExportOrganisationIatiAsync(int organisation, HttpContext context, [FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, TimeProvider clock, CancellationToken cancellationToken)
    {
        var owner = await db.Actors.AsNoTracking().Where(a => a.Id == organisation && a.IsVerified && a.IatiIdentifier != null)
            .Select(a => new { a.Id, a.IatiIdentifier }).SingleOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.ContentType = "application/xml; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"activities-{owner.Id.ToString(CultureInfo.InvariantCulture)}.xml\"";
        var names = await referenceData.GetAsync(cancellationToken);
        var publisher = IatiPublisher.From(context.RequestServices.GetRequiredService<IConfiguration>(), names.Countries.ContainsKey);
        var baseUrl = BaseUrl(context.Request);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await IatiActivities.WriteAsync(context.Response.Body, db.Initiatives.AsNoTracking().Published().Where(i => i.OwnerId == owner.Id), baseUrl,
            clock.GetUtcNow().UtcDateTime, publisher, cancellationToken, ids => PublicDocumentsAsync(db, ids, baseUrl, today, cancellationToken),
            context.RequestServices.GetRequiredService<OpenDataLicence>());
    }

    /// <summary>The catalogue with its current filters as CSV (UTF-8 with a byte-order mark, for spreadsheet programs), streamed.</summary>
    private static async Task ExportCsvAsync(HttpContext context, [FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        if (await ExportFilterAsync(context, db, referenceData, L, cancellationToken) is not { } filter) return;
        // The first batch is read before anything is sent: a database that fails or stalls now gets the clear 503 answer,
        // not a file cut short after its first line.
        await using var records = InitiativeRecords.StreamAsync(filter.Apply(db.Initiatives.AsNoTracking(), db), db, BaseUrl(context.Request), cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        var more = await records.MoveNextAsync();
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"initiatives.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
        await writer.WriteLineAsync(Csv.Line(CsvColumns));
        static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        var written = 0;
        for (; more; more = await records.MoveNextAsync())
        {
            var r = records.Current;
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
                r.SensitiveSetting ? "yes" : "no", string.Join(";", r.Locations.Select(CsvLocation)),
            ]));
            // Hand each batch to the client as it is written (the small first one at once): memory stays flat however many rows there are.
            if (InitiativeRecords.EndsBatch(++written)) await writer.FlushAsync(cancellationToken);
        }
    }
}
