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
/// The exchange as open data (issue 18): the JSON API's <c>/api/v1/listings</c> and <c>/api/v1/listings/{id}</c>, and
/// <c>/exchange.csv</c>, with the exchange page's filters (<see cref="ListingFilter"/>) and its order (best match first when
/// searching, newest first otherwise). Published offers and needs only; a draft, an unpublished one or a guessed id is a 404
/// problem. The organisational contact is left to the listing's page.
/// </summary>
public static partial class OpenDataEndpoints
{
    /// <summary>How many offers and needs the CSV reads at a time.</summary>
    private const int ListingBatch = 200;

    /// <summary>The exchange's filters and paging (made on first use: <see cref="Limit"/> is initialised in the other part of this class).</summary>
    public static ApiQuery ListingsQuery => _listingsQuery ??= new("ListListings",
        [.. ListingFilter.Parameters, Limit, After(c => c.TryGetTime(out _) || ListingSearch.IsScore(c, out _))]);

    private static ApiQuery? _listingsQuery;

    public sealed record ListingTranslationRecord(string Language, string Title, string Description);

    public sealed record ListingRecord(
        int Id,
        [property: Description("The offer or need's page.")] string Url,
        [property: Description("Offer, Need or TwoWay.")] string Kind,
        [property: Description("The form the cooperation would take.")] string Form,
        string Title, string Description,
        [property: Description("The language the title and description were written in.")] string Language,
        [property: Description("The title and description in other languages.")] IReadOnlyList<ListingTranslationRecord> Translations,
        [property: Description("The organisation that published it.")] OrganisationReference Owner,
        IReadOnlyList<string> Themes,
        [property: Description("DAC 5-digit sector codes.")] IReadOnlyList<string> Sectors,
        IReadOnlyList<int> Sdgs,
        [property: Description("ISO 3166-1 alpha-2 codes of the countries it is for or from.")] IReadOnlyList<string> Countries,
        [property: Description("The world regions it names.")] IReadOnlyList<string> Regions,
        [property: Description("ISO 639-1 codes of the languages it can be worked in.")] IReadOnlyList<string> WorkingLanguages,
        [property: Description("What the organisation puts in, in kind.")] string? ContributionInKind,
        decimal? ContributionAmount, string? ContributionCurrency, int? DurationMonths,
        [property: Description("The last day it stays open.")] DateOnly? OpenUntil,
        [property: Description("Whether it is still open today.")] bool Open,
        DateTime PublishedAt);

    public static readonly string[] ListingCsvColumns =
    [
        "id", "url", "kind", "form", "title", "description", "language", "owner_id", "owner", "owner_type", "themes", "sectors", "sdgs", "countries", "regions",
        "working_languages", "contribution_in_kind", "contribution_amount", "contribution_currency", "duration_months", "open_until", "open", "published_at",
    ];

    private static void MapListings(IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        app.MapGet("/exchange.csv", ExportListingsCsvAsync).AllowAnonymous().ExcludeFromDescription().WithMetadata(ListingFilter.Query);
        api.MapGet("/listings", ListListingsAsync).WithName(ListingsQuery.OperationId).WithMetadata(ListingsQuery).ProducesValidationProblem()
            .WithSummary("Published offers and needs of the exchange, best match first when searching and newest first otherwise, with cursor paging; "
                + "filter by search words, kind, form, theme, sector category, SDG, country, region, kind of organisation, working language and open now.");
        api.MapGet("/listings/{id:int}", GetListingAsync).WithName("GetListing").WithSummary("One published offer or need.")
            .Produces<HttpValidationProblemDetails>(StatusCodes.Status404NotFound, ApiProblems.ContentType);
    }

    private static async Task<Results<Ok<Page<ListingRecord>>, ProblemHttpResult>> ListListingsAsync(
        HttpRequest request, AppDbContext db, ReferenceData referenceData, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var names = await referenceData.GetAsync(cancellationToken);
        var values = ListingsQuery.Read(request.Query, names, L);
        var filter = ListingFilter.From(values);
        var after = values.Cursor("after");
        // A cursor of a search is not one of browsing, nor the other way round.
        if (values.IsValid && after is { } given && !ListingSearch.Fits(given, filter.Q is not null))
            return ApiProblems.BadRequest(request, new Dictionary<string, string[]> { ["after"] = [L["This is not the cursor of a “next” link of this list: start without it, or follow “next”."]] }, L);
        if (!values.IsValid) return ApiProblems.BadRequest(request, values.Errors, L);
        var today = Today(clock);
        var size = values.Number("limit") ?? DefaultLimit;
        var (ids, next) = await ListingSearch.PageAsync(filter.Apply(db.Listings.AsNoTracking(), db, names, today), filter.Q, db, after, size, cancellationToken);
        var records = await ListingRecordsAsync(db, ids, BaseUrl(request), today, cancellationToken);
        var page = next is { } cursor
            ? new Page<ListingRecord>(records, values.Link(BaseUrl(request) + request.Path, "after", cursor), cursor.Encode())
            : new Page<ListingRecord>(records, null, null);
        return TypedResults.Ok(page);
    }

    private static async Task<Results<Ok<ListingRecord>, ProblemHttpResult>> GetListingAsync(
        int id, HttpRequest request, AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var published = await db.Listings.AsNoTracking().AnyAsync(l => l.Id == id && l.Publication == PublicationState.Published, cancellationToken);
        var record = published ? (await ListingRecordsAsync(db, [id], BaseUrl(request), Today(clock), cancellationToken)).SingleOrDefault() : null;
        return record is null
            ? ApiProblems.NotFound(request, "id", L["No published offer or need has the id {0}.", id], L)
            : TypedResults.Ok(record);
    }

    /// <summary>The records of these (published) offers and needs, in the order of <paramref name="ids"/>, in one query.</summary>
    private static async Task<List<ListingRecord>> ListingRecordsAsync(AppDbContext db, List<int> ids, string baseUrl, DateOnly today, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        var list = ids.ToList();
        var rows = await db.Listings.AsNoTracking().Where(l => list.Contains(l.Id) && l.Publication == PublicationState.Published).Select(l => new
        {
            l.Id, l.Kind, l.Form, l.Title, l.Description, l.Language, l.OwnerId, OwnerName = l.Owner!.Name, OwnerType = l.Owner.Type,
            l.Themes, l.WorkingLanguages, l.ContributionInKind, l.ContributionAmount, l.ContributionCurrency, l.DurationMonths, l.OpenUntil,
            PublishedAt = l.PublishedAt!.Value,
            Translations = l.Translations.OrderBy(t => t.Language).Select(t => new ListingTranslationRecord(t.Language, t.Title, t.Description)).ToList(),
            Sectors = l.Sectors.OrderBy(s => s.SectorCode).Select(s => s.SectorCode).ToList(),
            Sdgs = l.Sdgs.OrderBy(s => s.GoalCode).Select(s => s.GoalCode).ToList(),
            Countries = l.Countries.OrderBy(c => c.CountryCode).Select(c => c.CountryCode).ToList(),
            Regions = l.Regions.OrderBy(r => r.RegionCode).Select(r => r.RegionCode).ToList(),
        }).ToListAsync(cancellationToken);
        var byId = rows.ToDictionary(r => r.Id);
        return list.Where(byId.ContainsKey).Select(id => byId[id]).Select(r => new ListingRecord(
                r.Id, $"{baseUrl}/exchange/{r.Id.ToString(CultureInfo.InvariantCulture)}", r.Kind.ToString(), r.Form.ToString(), r.Title, r.Description, r.Language,
                r.Translations, new OrganisationReference(r.OwnerId, r.OwnerName, r.OwnerType.ToString()),
                r.Themes.Select(t => t.ToString()).ToList(), r.Sectors, r.Sdgs, r.Countries.Select(c => c.Trim()).ToList(), r.Regions, r.WorkingLanguages,
                r.ContributionInKind, r.ContributionAmount, r.ContributionCurrency, r.DurationMonths, r.OpenUntil, r.OpenUntil is null || r.OpenUntil >= today,
                DateTime.SpecifyKind(r.PublishedAt, DateTimeKind.Utc)))
            .ToList();
    }

    /// <summary>The exchange with its current filters as CSV (UTF-8 with a byte-order mark), read and written batch by batch.</summary>
    private static async Task ExportListingsCsvAsync(
        HttpContext context, [FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        // The filters are checked as the JSON API checks them: a value not understood is a 400 problem naming it, never a wider export.
        var names = await referenceData.GetAsync(cancellationToken);
        var values = ListingFilter.Query.Read(context.Request.Query, names, L);
        if (!values.IsValid)
        {
            await ApiProblems.BadRequest(context.Request, values.Errors, L).ExecuteAsync(context);
            return;
        }
        var today = Today(clock);
        var filter = ListingFilter.From(values);
        var query = filter.Apply(db.Listings.AsNoTracking(), db, names, today);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"exchange.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
        await writer.WriteLineAsync(Csv.Line(ListingCsvColumns));
        var baseUrl = BaseUrl(context.Request);
        KeysetCursor? after = null;
        while (true)
        {
            var (ids, next) = await ListingSearch.PageAsync(query, filter.Q, db, after, ListingBatch, cancellationToken);
            foreach (var r in await ListingRecordsAsync(db, ids, baseUrl, today, cancellationToken))
            {
                await writer.WriteLineAsync(Csv.Line(
                [
                    r.Id.ToString(CultureInfo.InvariantCulture), r.Url, r.Kind, r.Form, r.Title, r.Description, r.Language,
                    r.Owner.Id.ToString(CultureInfo.InvariantCulture), r.Owner.Name, r.Owner.Type, string.Join(";", r.Themes), string.Join(";", r.Sectors),
                    string.Join(";", r.Sdgs.Select(s => s.ToString(CultureInfo.InvariantCulture))), string.Join(";", r.Countries), string.Join(";", r.Regions),
                    string.Join(";", r.WorkingLanguages), r.ContributionInKind, r.ContributionAmount?.ToString("0.##", CultureInfo.InvariantCulture), r.ContributionCurrency,
                    r.DurationMonths?.ToString(CultureInfo.InvariantCulture), r.OpenUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Open ? "yes" : "no",
                    r.PublishedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ]));
            }
            // Hand each batch to the client as it is written: memory stays flat however many rows there are.
            await writer.FlushAsync(cancellationToken);
            if (next is null) break;
            after = next;
        }
    }
}
