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
using SscPortal.Web.Search;

namespace SscPortal.Web.OpenData;

/// <summary>
/// The good practices as open data (issue 19): the JSON API's <c>/api/v1/good-practices</c> and
/// <c>/api/v1/good-practices/{id}</c>, and <c>/good-practices.csv</c>, with the page's filters (<see cref="GoodPracticeFilter"/>)
/// and its order (best match first when searching, newest first otherwise). Published good practices only; a draft, an
/// unpublished one or a guessed id is a 404 problem. The call a practice came from is given by its id and title; the
/// application it came from never is.
/// </summary>
public static partial class OpenDataEndpoints
{
    private const int GoodPracticeBatch = 200;

    /// <summary>The good practices' filters and paging (made on first use: <see cref="Limit"/> is initialised in the other part of this class).</summary>
    public static ApiQuery GoodPracticesQuery => _goodPracticesQuery ??= new("ListGoodPractices",
        [.. GoodPracticeFilter.Parameters, Limit, After(c => c.TryGetTime(out _) || ListingSearch.IsScore(c, out _))]);

    private static ApiQuery? _goodPracticesQuery;

    public sealed record CallReference(int Id, string Title);

    public sealed record GoodPracticeRecord(
        int Id,
        [property: Description("The good practice's page.")] string Url,
        string Title,
        [property: Description("What was done, and how.")] string Practice,
        [property: Description("The situation it answered.")] string? Context,
        [property: Description("What changed.")] string? Results,
        [property: Description("What another place could take from it.")] string? Transferable,
        [property: Description("To whom it could be transferred: kinds of organisation, countries, settings.")] string? TransferableTo,
        [property: Description("The language it was written in (ISO 639-1).")] string Language,
        [property: Description("The organisation it belongs to.")] OrganisationReference Owner,
        IReadOnlyList<string> Themes,
        [property: Description("ISO 3166-1 alpha-2 codes of the countries where it was done.")] IReadOnlyList<string> Countries,
        [property: Description("The published initiative it is linked to, if any (its id in /api/v1/initiatives).")] int? InitiativeId,
        [property: Description("The call it was selected in, if any.")] CallReference? Call,
        DateTime PublishedAt, DateTime UpdatedAt);

    public static readonly string[] GoodPracticeCsvColumns =
    [
        "id", "url", "title", "practice", "context", "results", "transferable", "transferable_to", "language", "owner_id", "owner", "owner_type",
        "themes", "countries", "initiative_id", "call_id", "call", "published_at", "updated_at",
    ];

    private static void MapGoodPractices(IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        app.MapGet("/good-practices.csv", ExportGoodPracticesCsvAsync).AllowAnonymous().ExcludeFromDescription().WithMetadata(GoodPracticeFilter.Query);
        api.MapGet("/good-practices", ListGoodPracticesAsync).WithName(GoodPracticesQuery.OperationId).WithMetadata(GoodPracticesQuery).ProducesValidationProblem()
            .WithSummary("Published good practices, best match first when searching and newest first otherwise, with cursor paging; "
                + "filter by search words, theme, country, kind of organisation and the call they were selected in.");
        api.MapGet("/good-practices/{id:int}", GetGoodPracticeAsync).WithName("GetGoodPractice").WithSummary("One published good practice.")
            .Produces<HttpValidationProblemDetails>(StatusCodes.Status404NotFound, ApiProblems.ContentType);
    }

    private static async Task<Results<Ok<Page<GoodPracticeRecord>>, ProblemHttpResult>> ListGoodPracticesAsync(
        HttpRequest request, AppDbContext db, ReferenceData referenceData, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var names = await referenceData.GetAsync(cancellationToken);
        var values = GoodPracticesQuery.Read(request.Query, names, L);
        var filter = GoodPracticeFilter.From(values);
        var after = values.Cursor("after");
        if (values.IsValid && after is { } given && !ListingSearch.Fits(given, filter.Q is not null))
            return ApiProblems.BadRequest(request, new Dictionary<string, string[]> { ["after"] = [L["This is not the cursor of a “next” link of this list: start without it, or follow “next”."]] }, L);
        if (!values.IsValid) return ApiProblems.BadRequest(request, values.Errors, L);
        var size = values.Number("limit") ?? DefaultLimit;
        var (ids, next) = await GoodPracticeSearch.PageAsync(filter.Apply(db.GoodPractices.AsNoTracking(), db), filter.Q, db, after, size, cancellationToken);
        var records = await GoodPracticeRecordsAsync(db, ids, BaseUrl(request), cancellationToken);
        var page = next is { } cursor
            ? new Page<GoodPracticeRecord>(records, values.Link(BaseUrl(request) + request.Path, "after", cursor), cursor.Encode())
            : new Page<GoodPracticeRecord>(records, null, null);
        return TypedResults.Ok(page);
    }

    private static async Task<Results<Ok<GoodPracticeRecord>, ProblemHttpResult>> GetGoodPracticeAsync(
        int id, HttpRequest request, AppDbContext db, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var record = (await GoodPracticeRecordsAsync(db, [id], BaseUrl(request), cancellationToken)).SingleOrDefault();
        return record is null
            ? ApiProblems.NotFound(request, "id", L["No published good practice has the id {0}.", id], L)
            : TypedResults.Ok(record);
    }

    /// <summary>The records of these good practices that are published, in the order of <paramref name="ids"/>, in one query.</summary>
    private static async Task<List<GoodPracticeRecord>> GoodPracticeRecordsAsync(AppDbContext db, List<int> ids, string baseUrl, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        var list = ids.ToList();
        var rows = await db.GoodPractices.AsNoTracking().Where(g => list.Contains(g.Id) && g.Publication == PublicationState.Published).Select(g => new
        {
            g.Id, g.Title, g.Practice, g.Context, g.Results, g.Transferable, g.TransferableTo, g.Language, g.OwnerId, OwnerName = g.Owner!.Name, OwnerType = g.Owner.Type,
            g.Themes, g.Countries, g.CallId, PublishedAt = g.PublishedAt!.Value, g.UpdatedAt,
            // A linked initiative is named only while it is published.
            InitiativeId = db.Initiatives.Any(i => i.Id == g.InitiativeId && i.Publication == PublicationState.Published) ? g.InitiativeId : null,
            CallTitle = db.Calls.Where(c => c.Id == g.CallId && c.Publication == PublicationState.Published).Select(c => c.Title).FirstOrDefault(),
        }).ToListAsync(cancellationToken);
        var byId = rows.ToDictionary(r => r.Id);
        return list.Where(byId.ContainsKey).Select(id => byId[id]).Select(r => new GoodPracticeRecord(
                r.Id, $"{baseUrl}/good-practices/{r.Id.ToString(CultureInfo.InvariantCulture)}", r.Title, r.Practice, r.Context, r.Results, r.Transferable, r.TransferableTo,
                r.Language, new OrganisationReference(r.OwnerId, r.OwnerName, r.OwnerType.ToString()), r.Themes.Select(t => t.ToString()).ToList(), r.Countries,
                r.InitiativeId, r.CallId is { } callId && r.CallTitle is { } callTitle ? new CallReference(callId, callTitle) : null,
                DateTime.SpecifyKind(r.PublishedAt, DateTimeKind.Utc), DateTime.SpecifyKind(r.UpdatedAt, DateTimeKind.Utc)))
            .ToList();
    }

    /// <summary>The good practices with the current filters as CSV (UTF-8 with a byte-order mark), read and written batch by batch.</summary>
    private static async Task ExportGoodPracticesCsvAsync(
        HttpContext context, [FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var names = await referenceData.GetAsync(cancellationToken);
        var values = GoodPracticeFilter.Query.Read(context.Request.Query, names, L);
        if (!values.IsValid)
        {
            await ApiProblems.BadRequest(context.Request, values.Errors, L).ExecuteAsync(context);
            return;
        }
        var filter = GoodPracticeFilter.From(values);
        var query = filter.Apply(db.GoodPractices.AsNoTracking(), db);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"good-practices.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
        await writer.WriteLineAsync(Csv.Line(GoodPracticeCsvColumns));
        var baseUrl = BaseUrl(context.Request);
        KeysetCursor? after = null;
        while (true)
        {
            var (ids, next) = await GoodPracticeSearch.PageAsync(query, filter.Q, db, after, GoodPracticeBatch, cancellationToken);
            foreach (var r in await GoodPracticeRecordsAsync(db, ids, baseUrl, cancellationToken))
            {
                await writer.WriteLineAsync(Csv.Line(
                [
                    r.Id.ToString(CultureInfo.InvariantCulture), r.Url, r.Title, r.Practice, r.Context, r.Results, r.Transferable, r.TransferableTo, r.Language,
                    r.Owner.Id.ToString(CultureInfo.InvariantCulture), r.Owner.Name, r.Owner.Type, string.Join(";", r.Themes), string.Join(";", r.Countries),
                    r.InitiativeId?.ToString(CultureInfo.InvariantCulture), r.Call?.Id.ToString(CultureInfo.InvariantCulture), r.Call?.Title,
                    r.PublishedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), r.UpdatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ]));
            }
            await writer.FlushAsync(cancellationToken);
            if (next is null) break;
            after = next;
        }
    }
}
