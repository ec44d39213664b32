using SscPortal.Web.Reference;
using SscPortal.Web.Search;
using SscPortal.Web.Caching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Pages.Initiatives;

/// <summary>
/// The public catalogue: published initiatives, searched and filtered by facets whose counts follow the current result;
/// newest first when browsing, best match first when searching; paged by keyset.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class IndexModel([FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, CatalogueCache cache, ExactFacetCounts exactCounts, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int PageSize = 20;

    [FromQuery(Name = "after")] public string? After { get; set; }
    [FromQuery(Name = "before")] public string? Before { get; set; }

    public InitiativeFilter Filter { get; private set; } = null!;
    public IReadOnlyList<InitiativeCard> Results { get; private set; } = [];
    public IReadOnlyList<Facet> Facets { get; private set; } = [];
    public int Total { get; private set; }
    /// <summary>The total and the facet counts are estimated from a sample (a very large result); the exact ones are on their way.</summary>
    public bool IsEstimate { get; private set; }
    public int FirstPosition { get; private set; }
    public string? NextCursor { get; private set; }
    public string? PreviousCursor { get; private set; }
    public bool IsPastTheEnd { get; private set; }
    public ReferenceData.Snapshot Names { get; private set; } = null!;

    /// <summary>Searching orders by relevance (and pages forward only); browsing, newest first.</summary>
    public bool IsSearch => Filter.Q is not null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Names = await referenceData.GetAsync(cancellationToken);
        Filter = InitiativeFilter.Read(Request.Query, Names, L);
        // The counts first (at most two statements, Search/CatalogueFacets.cs): they also say whether the words found
        // anything, or titles close to them stand in, and how many results there are.
        if (!cache.TryGet<FacetCounts>(ExactFacetCounts.KeyFor(Filter), out var counts))
        {
            counts = await cache.GetAsync($"facets|{PortalCultures.Current}|{Filter.Link("")}", () => CatalogueFacets.CountAsync(Filter, db, Names, L, cancellationToken));
            if (counts.IsEstimate) exactCounts.Request(Filter);
        }
        if (counts.IsTypoFallback) Filter.UseTypoFallback();
        (Facets, Total, IsEstimate) = (counts.Facets, counts.Total, counts.IsEstimate);
        var query = Filter.Apply(db.Initiatives.AsNoTracking(), db);
        var question = $"{PortalCultures.Current}|{Filter.Link("")}|{Filter.IsTypoFallback}";

        // A page of the list is public data too: it is kept like the counts, per question, language and position.
        if (IsSearch)
        {
            KeysetCursor? after = null;
            if (After is not null)
            {
                if (KeysetCursor.TryDecode(After, out var cursor) && double.TryParse(cursor.SortKey, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)) after = cursor;
                else Reject(L["This page link is not valid, so the list starts from the beginning."]);
            }
            Show(await cache.GetAsync($"search|{question}|{after?.Encode()}", async () =>
            {
                // A result too large to rank cheaply is shown newest first (bench/README.md says why).
                var rank = !IsEstimate && Total <= InitiativeSearch.RankedAtMost;
                var (cards, next) = await InitiativeSearch.RankedPageAsync(query, Filter.Q!, Filter.IsTypoFallback, db, after, PageSize, PortalCultures.Current, cancellationToken, rank);
                return new Listing(cards, 1, next?.Encode(), null, cards.Count == 0 && after is not null && Total > 0);
            }));
            return;
        }
        var (isForward, position) = ReadCursor();
        Show(await cache.GetAsync($"page|{question}|{isForward}|{position}", async () =>
        {
            Results = await ReadPageAsync(query, isForward, position, cancellationToken);
            await SetPagingAsync(query, isForward, position, cancellationToken);
            return new Listing(Results, FirstPosition, NextCursor, PreviousCursor, IsPastTheEnd);
        }));
    }

    /// <summary>One page of the list with where it stands, as it is kept in the catalogue cache.</summary>
    private sealed record Listing(IReadOnlyList<InitiativeCard> Results, int FirstPosition, string? Next, string? Previous, bool IsPastTheEnd);

    private void Show(Listing listing) =>
        (Results, FirstPosition, NextCursor, PreviousCursor, IsPastTheEnd) = (listing.Results, listing.FirstPosition, listing.Next, listing.Previous, listing.IsPastTheEnd);

    private (bool IsForward, (DateTime At, int Id)? Cursor) ReadCursor()
    {
        var token = Before ?? After;
        if (token is null) return (true, null);
        if (KeysetCursor.TryDecode(token, out var cursor) && cursor.TryGetTime(out var at))
            return (Before is null, (at, cursor.Id));
        Reject(L["This page link is not valid, so the list starts from the beginning."]);
        After = Before = null;
        return (true, null);
    }

    private static async Task<IReadOnlyList<InitiativeCard>> ReadPageAsync(
        IQueryable<Initiative> query, bool isForward, (DateTime At, int Id)? cursor, CancellationToken cancellationToken)
    {
        if (isForward)
        {
            // "At or before the cursor's time" first, so the database walks the (Publication, PublishedAt, Id) index from
            // there and stops after a page, however deep; the rest breaks ties on the same time.
            if (cursor is var (at, id)) query = query.Where(i => i.PublishedAt <= at && (i.PublishedAt < at || i.Id < id));
            return await query.OrderByDescending(i => i.PublishedAt).ThenByDescending(i => i.Id)
                .Take(PageSize).ToCards(PortalCultures.Current).ToListAsync(cancellationToken);
        }
        var (beforeAt, beforeId) = cursor!.Value;
        var page = await query.Where(i => i.PublishedAt >= beforeAt && (i.PublishedAt > beforeAt || i.Id > beforeId))
            .OrderBy(i => i.PublishedAt).ThenBy(i => i.Id)
            .Take(PageSize).ToCards(PortalCultures.Current).ToListAsync(cancellationToken);
        page.Reverse();
        return page;
    }

    private async Task SetPagingAsync(IQueryable<Initiative> query, bool isForward, (DateTime At, int Id)? cursor, CancellationToken cancellationToken)
    {
        if (Results.Count == 0)
        {
            // A link past the end (or before the start): say so, and offer the first page.
            IsPastTheEnd = cursor is not null && Total > 0;
            return;
        }
        var first = Results[0];
        var last = Results[^1];
        var newerThanFirst = await query.CountAsync(i => i.PublishedAt >= first.PublishedAt && (i.PublishedAt > first.PublishedAt || i.Id > first.Id), cancellationToken);
        FirstPosition = newerThanFirst + 1;
        if (newerThanFirst > 0) PreviousCursor = KeysetCursor.For(first.PublishedAt, first.Id).Encode();
        if (FirstPosition + Results.Count - 1 < Total) NextCursor = KeysetCursor.For(last.PublishedAt, last.Id).Encode();
    }

    private void Reject(string message) => ModelState.AddModelError("Page", message);

    /// <summary>A link to this list with the current filters and the given page position.</summary>
    public string LinkTo(string? after = null, string? before = null) =>
        Filter.Link("/initiatives", extra: [("after", after), ("before", before)]);
}
