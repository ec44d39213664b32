using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;

namespace SscPortal.Web.Search;

/// <summary>
/// Search and order of the exchange's offers and needs. On PostgreSQL: the stored tsvector of every title, description
/// and contribution in kind under English, Spanish and Portuguese stemming with accents folded (websearch syntax: "a
/// phrase", -exclusion, or), ranked, the exact title first. On SQLite: accent- and case-insensitive words, phrases and
/// exclusions, as <see cref="InitiativeSearch"/> does. Browsing is newest first; both page by keyset.
/// </summary>
public static class ListingSearch
{
    private static bool IsPostgres(AppDbContext db) => db.Database.IsNpgsql();

    /// <summary>The offers and needs that match the search words.</summary>
    public static IQueryable<Listing> Matching(IQueryable<Listing> listings, string q, AppDbContext db)
    {
        if (IsPostgres(db))
            // Written out in the expression: a helper method would be evaluated on the client, where it cannot run.
            return listings.Where(l => EF.Property<NpgsqlTsVector>(l, PostgresAppDbContext.SearchVector).Matches(
                EF.Functions.WebSearchToTsQuery("ssc_en", q).Or(EF.Functions.WebSearchToTsQuery("ssc_es", q)).Or(EF.Functions.WebSearchToTsQuery("ssc_pt", q))));
        var terms = InitiativeSearch.Parse(q);
        if (terms.IsEmpty) return listings.Where(_ => false);
        foreach (var term in terms.Included) listings = listings.Where(l => l.SearchTitle.Contains(term) || l.SearchBody.Contains(term));
        foreach (var term in terms.Excluded) listings = listings.Where(l => !l.SearchTitle.Contains(term) && !l.SearchBody.Contains(term));
        return listings;
    }

    /// <summary>One page's ids and the cursor of the next page: best match first when searching, otherwise newest first.</summary>
    public static async Task<(List<int> Ids, KeysetCursor? Next)> PageAsync(
        IQueryable<Listing> matches, string? q, AppDbContext db, KeysetCursor? after, int size, CancellationToken cancellationToken)
    {
        if (q is null)
        {
            var query = matches;
            if (after is { } c && c.TryGetTime(out var at)) query = query.Where(l => l.PublishedAt <= at && (l.PublishedAt < at || l.Id < c.Id));
            var rows = await query.OrderByDescending(l => l.PublishedAt).ThenByDescending(l => l.Id).Take(size + 1)
                .Select(l => new { l.Id, PublishedAt = l.PublishedAt!.Value }).ToListAsync(cancellationToken);
            var next = rows.Count > size ? KeysetCursor.For(rows[size - 1].PublishedAt, rows[size - 1].Id) : (KeysetCursor?)null;
            return (rows.Take(size).Select(r => r.Id).ToList(), next);
        }
        var exact = SearchText.Normalize(q);
        var first = InitiativeSearch.Parse(q).Included is [var word, ..] ? word : exact;
        IQueryable<Scored> scored = IsPostgres(db)
            ? matches.Select(l => new Scored { Id = l.Id,
                Score = (l.SearchTitle == exact ? 100.0 : l.SearchTitle.Contains(exact) ? 10.0 : 0.0) + (double)EF.Property<NpgsqlTsVector>(l, PostgresAppDbContext.SearchVector).Rank(
                    EF.Functions.WebSearchToTsQuery("ssc_en", q).Or(EF.Functions.WebSearchToTsQuery("ssc_es", q)).Or(EF.Functions.WebSearchToTsQuery("ssc_pt", q))) })
            : matches.Select(l => new Scored { Id = l.Id, Score = l.SearchTitle == exact ? 2.0 : l.SearchTitle.Contains(first) ? 1.0 : 0.0 });
        if (after is { } cursor && IsScore(cursor, out var afterScore))
            scored = scored.Where(s => s.Score < afterScore || (s.Score == afterScore && s.Id < cursor.Id));
        var ranked = await scored.OrderByDescending(s => s.Score).ThenByDescending(s => s.Id).Take(size + 1)
            .Select(s => new { s.Score, s.Id }).ToListAsync(cancellationToken);
        var following = ranked.Count > size ? new KeysetCursor(ranked[size - 1].Score.ToString("R", CultureInfo.InvariantCulture), ranked[size - 1].Id) : (KeysetCursor?)null;
        return (ranked.Take(size).Select(r => r.Id).ToList(), following);
    }

    /// <summary>Whether a cursor is one of a ranked list (its sort key a score).</summary>
    public static bool IsScore(KeysetCursor cursor, out double score) =>
        double.TryParse(cursor.SortKey, NumberStyles.Float, CultureInfo.InvariantCulture, out score) && double.IsFinite(score);

    /// <summary>Whether a cursor fits the list a search (or browsing, without one) gives.</summary>
    public static bool Fits(KeysetCursor cursor, bool searching) => searching ? IsScore(cursor, out _) : cursor.TryGetTime(out _);

    /// <summary>The cards of these offers and needs, in one query, in the order of <paramref name="ids"/>.</summary>
    public static async Task<List<ListingCard>> CardsAsync(AppDbContext db, IReadOnlyList<int> ids, string language, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        var list = ids.ToList();
        var cards = await db.Listings.AsNoTracking().Where(l => list.Contains(l.Id)).ToCards(language).ToListAsync(cancellationToken);
        return ids.Select(id => cards.Single(c => c.Id == id)).ToList();
    }

    public static IQueryable<ListingCard> ToCards(this IQueryable<Listing> listings, string language) =>
        listings.Select(l => new ListingCard(
            l.Id, l.Kind, l.Form, l.Title, l.Description, l.Language, l.OwnerId, l.Owner!.Name, l.Owner.Type, l.OpenUntil, l.PublishedAt!.Value, l.UpdatedAt,
            l.Themes, l.WorkingLanguages, l.ContributionInKind, l.ContributionAmount, l.ContributionCurrency, l.DurationMonths,
            l.Countries.OrderBy(c => c.CountryCode).Select(c => c.CountryCode).ToList(),
            l.Regions.OrderBy(r => r.RegionCode).Select(r => r.RegionCode).ToList(),
            l.Sectors.OrderBy(s => s.SectorCode).Select(s => s.SectorCode).ToList(),
            l.Sdgs.OrderBy(s => s.GoalCode).Select(s => s.GoalCode).ToList(),
            // At most one (the key is the listing and the language): a plain join.
            l.Translations.Where(t => t.Language == language).Select(t => new TextInLanguage(t.Language, t.Title, t.Description)).ToList()));

    /// <summary>A score beside its listing (a class, so that queries can sort and page by it).</summary>
    private sealed class Scored
    {
        public int Id { get; init; }
        public double Score { get; init; }
    }
}

/// <summary>An offer or need as the exchange lists it, with its title and description in the reader's language where a translation exists.</summary>
public sealed record ListingCard(
    int Id, ListingKind Kind, CooperationForm Form, string Title, string Description, string Language, int OwnerId, string OwnerName, ActorType OwnerType,
    DateOnly? OpenUntil, DateTime PublishedAt, DateTime UpdatedAt, List<ThematicArea> Themes, List<string> WorkingLanguages,
    string? ContributionInKind, decimal? ContributionAmount, string? ContributionCurrency, int? DurationMonths,
    List<string> Countries, List<string> Regions, List<string> Sectors, List<int> Sdgs, List<TextInLanguage> Translations)
{
    /// <summary>The text in the reader's language when translated, else as written (with its language, for the lang attribute).</summary>
    public TextInLanguage Shown => Translations.Count > 0 ? Translations[0] : new TextInLanguage(Language, Title, Description);

    public bool IsOpenOn(DateOnly today) => OpenUntil is null || OpenUntil >= today;

    public string Path => $"/exchange/{Id.ToString(CultureInfo.InvariantCulture)}";
}
