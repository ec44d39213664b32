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
public class IndexModel(ReferenceData referenceData, CatalogueCache cache, ExactCounts exact, IStringLocalizer<SharedResource> L) : PageModel
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
    /// <summary>A search whose results are shown newest first rather than best first (too many to rank cheaply), said on the page.</summary>
    public bool IsNewestFirst { get; private set; }
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
        // Everything below is public data, computed once per question, language and position for every reader asking it, on
        // a scope and database context of its own (Caching/CatalogueCache.cs): a reader who leaves stops only their own wait,
        // and an answer past its lifetime is served while it is recomputed in the background. The computations read the
        // question again from its link, so they never touch this request's filter.
        var names = Names;
        var link = Filter.Link("");
        var culture = PortalCultures.Current;

        // The counts first (one statement on PostgreSQL; when nothing answers, one more to decide whether titles close to
        // the words stand in and one to count those: Search/CatalogueFacets.cs): they also say whether the words found
        // anything, or titles close to them stand in, and how many results there are.
        // Too many to count in a page's time: estimated, and counted exactly in the background for the next reader.
        var countsKey = $"facets|{culture}|{link}";
        if (!exact.TryGet<FacetCounts>(countsKey, out var counts))
        {
            counts = await cache.GetAsync(countsKey, (services, token) =>
                CatalogueFacets.CountAsync(InitiativeFilter.FromLink(link, false, names, L), ReadOnlyDb.From(services), names, L, token, cache: cache), cancellationToken);
            // Estimated, or titles close to the words not looked for in time: the full answer in the background.
            if (counts.IsEstimate || counts.TypoTimedOut)
            {
                var fallback = counts.IsTypoFallback || counts.TypoTimedOut;
                exact.Request(countsKey, (db, token) => CatalogueFacets.CountExactlyAsync(InitiativeFilter.FromLink(link, fallback, names, L), db, names, L, token));
            }
        }
        if (counts.IsTypoFallback) Filter.UseTypoFallback();
        (Facets, Total, IsEstimate) = (counts.Facets, counts.Total, counts.IsEstimate);
        var typo = Filter.IsTypoFallback;
        var total = Total;
        var question = $"{culture}|{link}|{typo}";
        // The matching initiatives, on the read-only context of a computation's own scope.
        (AppDbContext Db, IQueryable<Initiative> Matches) Matching(IServiceProvider services)
        {
            var db = ReadOnlyDb.From(services);
            return (db, InitiativeFilter.FromLink(link, typo, names, L).Apply(db.Initiatives.AsNoTracking(), db));
        }

        // A page of the list is public data too: it is kept like the counts, per question, language and position.
        if (IsSearch)
        {
            KeysetCursor? after = null;
            bool? cursorRanked = null;
            if (After is not null)
            {
                if (InitiativeSearch.TryReadCursor(After, out var cursor, out var ranked)) (after, cursorRanked) = (cursor, ranked);
                else Reject(L["This page link is not valid, so the list starts from the beginning."]);
            }
            // A result too large to rank cheaply is shown newest first (bench/README.md says why). Close titles are always
            // ranked, closest first: there are 2,500 at most, and walking the newest-first index comparing each title with
            // the words would take seconds.
            var rank = typo || (!IsEstimate && Total <= InitiativeSearch.RankedAtMost);
            // A reader paging through a list goes on in the order it started with: a list shown newest first stays so even
            // when its exact count (known meanwhile) would let it be ranked; a ranked list that can no longer be ranked
            // cheaply starts again, newest first, and the reader is told.
            if (cursorRanked == false) rank = false;
            else if (cursorRanked == true && !rank)
            {
                after = null;
                Reject(L["The order of these results has changed since that page was shown, so the list starts again from the beginning."]);
            }
            IsNewestFirst = !rank;
            var q = Filter.Q!;
            Show(await cache.GetAsync($"search|{question}|{rank}|{after?.Encode()}", async (services, token) =>
            {
                var (db, matches) = Matching(services);
                var (cards, next) = await InitiativeSearch.RankedPageAsync(matches, q, typo, db, after, PageSize, culture, token, rank);
                return new Listing(cards, 1, next?.Encode(), null, cards.Count == 0 && after is not null && total > 0);
            }, cancellationToken));
            return;
        }
        var (isForward, position) = ReadCursor();
        Show(await cache.GetAsync($"page|{question}|{isForward}|{position}", (services, token) =>
        {
            return ListAsync(Matching(services).Matches, isForward, position, total, culture, token);
        }, cancellationToken));
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

    /// <summary>A page of the newest-first list and where it stands in the whole (<paramref name="total"/> results).</summary>
    private static async Task<Listing> ListAsync(IQueryable<Initiative> query, bool isForward, (DateTime At, int Id)? cursor, int total, string culture, CancellationToken cancellationToken)
    {
        var results = await ReadPageAsync(query, isForward, cursor, culture, cancellationToken);
        // A link past the end (or before the start): say so, and offer the first page.
        if (results.Count == 0) return new Listing(results, 0, null, null, cursor is not null && total > 0);
        var first = results[0];
        var last = results[^1];
        var newerThanFirst = await query.CountAsync(i => i.PublishedAt >= first.PublishedAt && (i.PublishedAt > first.PublishedAt || i.Id > first.Id), cancellationToken);
        var firstPosition = newerThanFirst + 1;
        return new Listing(results, firstPosition,
            firstPosition + results.Count - 1 < total ? KeysetCursor.For(last.PublishedAt, last.Id).Encode() : null,
            newerThanFirst > 0 ? KeysetCursor.For(first.PublishedAt, first.Id).Encode() : null,
            false);
    }

    private static async Task<IReadOnlyList<InitiativeCard>> ReadPageAsync(
        IQueryable<Initiative> query, bool isForward, (DateTime At, int Id)? cursor, string culture, CancellationToken cancellationToken)
    {
        if (isForward)
        {
            // "At or before the cursor's time" first, so the database walks the (Publication, PublishedAt, Id) index from
            // there and stops after a page, however deep; the rest breaks ties on the same time.
            if (cursor is var (at, id)) query = query.Where(i => i.PublishedAt <= at && (i.PublishedAt < at || i.Id < id));
            return await query.OrderByDescending(i => i.PublishedAt).ThenByDescending(i => i.Id)
                .Take(PageSize).ToCards(culture).ToListAsync(cancellationToken);
        }
        var (beforeAt, beforeId) = cursor!.Value;
        var page = await query.Where(i => i.PublishedAt >= beforeAt && (i.PublishedAt > beforeAt || i.Id > beforeId))
            .OrderBy(i => i.PublishedAt).ThenBy(i => i.Id)
            .Take(PageSize).ToCards(culture).ToListAsync(cancellationToken);
        page.Reverse();
        return page;
    }

    private void Reject(string message) => ModelState.AddModelError("Page", message);

    /// <summary>A link to this list with the current filters and the given page position.</summary>
    public string LinkTo(string? after = null, string? before = null) =>
        Filter.Link("/initiatives", extra: [("after", after), ("before", before)]);
}
