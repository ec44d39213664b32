using SscPortal.Web.Catalogue;
using System.Globalization;
using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Search;

/// <summary>
/// Search over titles, summaries, descriptions (every language stored), organisations and country names.
/// On PostgreSQL: a stored tsvector under English, Spanish and Portuguese stemming with accents folded,
/// websearch syntax ("a phrase", -exclusion, or), ranked, the exact title first; when nothing matches, trigram similarity
/// of the titles answers typos and partial words. On SQLite: accent- and case-insensitive words, phrases and exclusions.
/// </summary>
public static partial class InitiativeSearch
{
    public static readonly CountryRole[] ProviderRoles = [CountryRole.Provider, CountryRole.FirstProvider, CountryRole.SecondProvider, CountryRole.Both];
    public static readonly CountryRole[] RecipientRoles = [CountryRole.Recipient, CountryRole.Both];

    /// <summary>
    /// The largest result ranked by relevance: ranking reads every match's text, so a larger one (a very common word) is
    /// shown newest first, the reader told to add words or filters to rank it.
    /// </summary>
    public const int RankedAtMost = 5_000;

    /// <summary>How close a title must be to a mistyped search to be offered (0–1, pg_trgm word similarity).</summary>
    public const double TypoSimilarity = 0.45;

    /// <summary>A search broken into what must appear (words and "phrases") and what must not (-word), all normalised.</summary>
    public sealed record Terms(IReadOnlyList<string> Included, IReadOnlyList<string> Excluded)
    {
        public bool IsEmpty => Included.Count == 0;
    }

    [GeneratedRegex("""(-?)"([^"]*)"|(-?)(\S+)""")]
    private static partial Regex Token();

    public static Terms Parse(string q)
    {
        var included = new List<string>();
        var excluded = new List<string>();
        foreach (Match match in Token().Matches(q))
        {
            var negative = match.Groups[1].Value == "-" || match.Groups[3].Value == "-";
            var text = SearchText.Normalize(match.Groups[2].Success && match.Groups[2].Length > 0 ? match.Groups[2].Value : match.Groups[4].Value);
            // Words only: operators and punctuation people type (&|!:*()) are not syntax here.
            text = string.Join(' ', Regex.Split(text, @"[^\p{L}\p{N}]+").Where(w => w.Length > 0));
            if (text.Length == 0 || text == "or") continue;
            (negative ? excluded : included).Add(text);
        }
        return new Terms(included.Distinct().Take(12).ToList(), excluded.Distinct().Take(12).ToList());
    }

    private static bool IsPostgres(AppDbContext db) => db.Database.IsNpgsql();

    // The query is written out in each expression (websearch_to_tsquery under each configuration, or'ed): a helper
    // method would be evaluated on the client, where it cannot run.

    /// <summary>
    /// Whether titles close to the search may stand in when its words find nothing (PostgreSQL only: a word mistyped or
    /// half-typed finds no lexeme; a search with exclusions says what it does not want, so it is not guessed at).
    /// </summary>
    public static bool CanFallBackOnTitles(string q, AppDbContext db) => IsPostgres(db) && Parse(q) is { Excluded.Count: 0, IsEmpty: false };

    /// <summary>The initiatives that match the search (by its words, or by titles close to it when <paramref name="typoFallback"/>).</summary>
    public static IQueryable<Initiative> Matching(IQueryable<Initiative> initiatives, string q, AppDbContext db, bool typoFallback)
    {
        if (IsPostgres(db))
        {
            var typed = SearchText.Normalize(q);
            return typoFallback
                // The operator form (typed <% title, at pg_trgm.word_similarity_threshold = TypoSimilarity, set for every
                // connection in Data/DatabaseSetup.cs) is answered by the titles' trigram index; the function form would read every row.
                ? initiatives.Where(i => EF.Functions.TrigramsAreWordSimilar(typed, i.SearchTitle))
                : initiatives.Where(i => EF.Property<NpgsqlTsVector>(i, PostgresAppDbContext.SearchVector).Matches(EF.Functions.WebSearchToTsQuery("ssc_en", q).Or(EF.Functions.WebSearchToTsQuery("ssc_es", q)).Or(EF.Functions.WebSearchToTsQuery("ssc_pt", q))));
        }
        var terms = Parse(q);
        if (terms.IsEmpty) return initiatives.Where(_ => false);
        foreach (var term in terms.Included) initiatives = initiatives.Where(i => i.SearchTitle.Contains(term) || i.SearchBody.Contains(term));
        foreach (var term in terms.Excluded) initiatives = initiatives.Where(i => !i.SearchTitle.Contains(term) && !i.SearchBody.Contains(term));
        return initiatives;
    }

    /// <summary>
    /// The sort key of a cursor made on a page shown newest first; a ranked page's cursor carries its last score instead, so
    /// a cursor says which order it belongs to (the same search can be ranked later, once its exact count is known).
    /// </summary>
    public const string NewestFirstKey = "new";

    /// <summary>Whether a search page's cursor is one of a ranked list (with the score to go on from) or of a list shown newest first.</summary>
    public static bool TryReadCursor(string? token, out KeysetCursor cursor, out bool ranked)
    {
        ranked = false;
        if (!KeysetCursor.TryDecode(token, out cursor) || cursor.Id <= 0) return false;
        if (cursor.SortKey == NewestFirstKey) return true;
        ranked = IsRankedCursor(cursor, out _);
        return ranked;
    }

    private static bool IsRankedCursor(KeysetCursor cursor, out double score) =>
        double.TryParse(cursor.SortKey, NumberStyles.Float, CultureInfo.InvariantCulture, out score) && double.IsFinite(score);

    /// <summary>
    /// A page of matches, best first (the exact title above all), after the cursor's position: one statement, which scores
    /// the matches, keeps the page's best and reads their cards.
    /// </summary>
    public static async Task<(IReadOnlyList<InitiativeCard> Cards, KeysetCursor? Next)> RankedPageAsync(
        IQueryable<Initiative> matches, string q, bool typoFallback, AppDbContext db, KeysetCursor? after, int size, string language, CancellationToken cancellationToken,
        bool rank = true)
    {
        var exact = SearchText.Normalize(q);
        var first = Parse(q).Included is [var word, ..] ? word : exact;
        Expression<Func<Initiative, double>> score =
            !rank ? i => 0.0
            : !IsPostgres(db) ? i => i.SearchTitle == exact ? 2.0 : i.SearchTitle.Contains(first) ? 1.0 : 0.0
            : typoFallback ? i => EF.Functions.TrigramsWordSimilarity(exact, i.SearchTitle)
            : i => (i.SearchTitle == exact ? 100.0 : i.SearchTitle.Contains(exact) ? 10.0 : 0.0) + (double)EF.Property<NpgsqlTsVector>(i, PostgresAppDbContext.SearchVector).Rank(EF.Functions.WebSearchToTsQuery("ssc_en", q).Or(EF.Functions.WebSearchToTsQuery("ssc_es", q)).Or(EF.Functions.WebSearchToTsQuery("ssc_pt", q)));
        var scored = matches.Select(Scoring(score));
        if (after is { } cursor)
        {
            if (!rank) scored = scored.Where(s => s.Initiative.Id < cursor.Id);
            else if (IsRankedCursor(cursor, out var afterScore))
                scored = scored.Where(s => s.Score < afterScore || (s.Score == afterScore && s.Initiative.Id < cursor.Id));
        }
        var rows = await scored.OrderByDescending(s => s.Score).ThenByDescending(s => s.Initiative.Id).Take(size + 1)
            .Select(WithCard(Catalogue.InitiativeQueries.Card(language))).ToListAsync(cancellationToken);
        rows = rows.OrderByDescending(r => r.Score).ThenByDescending(r => r.Card.Id).ToList();
        var next = rows.Count > size
            ? new KeysetCursor(rank ? rows[size - 1].Score.ToString("R", CultureInfo.InvariantCulture) : NewestFirstKey, rows[size - 1].Card.Id)
            : (KeysetCursor?)null;
        return (rows.Take(size).Select(r => r.Card).ToList(), next);
    }

    /// <summary><c>i =&gt; new Scored { Initiative = i, Score = score(i) }</c></summary>
    private static Expression<Func<Initiative, Scored>> Scoring(Expression<Func<Initiative, double>> score)
    {
        var i = Expression.Parameter(typeof(Initiative), "i");
        return Expression.Lambda<Func<Initiative, Scored>>(Expression.MemberInit(Expression.New(typeof(Scored)),
            Expression.Bind(typeof(Scored).GetProperty(nameof(Scored.Initiative))!, i),
            Expression.Bind(typeof(Scored).GetProperty(nameof(Scored.Score))!, Expressions.Apply(score, i))), i);
    }

    /// <summary><c>s =&gt; new ScoredCard { Score = s.Score, Card = card(s.Initiative) }</c></summary>
    private static Expression<Func<Scored, ScoredCard>> WithCard(Expression<Func<Initiative, InitiativeCard>> card)
    {
        var s = Expression.Parameter(typeof(Scored), "s");
        return Expression.Lambda<Func<Scored, ScoredCard>>(Expression.MemberInit(Expression.New(typeof(ScoredCard)),
            Expression.Bind(typeof(ScoredCard).GetProperty(nameof(ScoredCard.Score))!, Expression.Property(s, nameof(Scored.Score))),
            Expression.Bind(typeof(ScoredCard).GetProperty(nameof(ScoredCard.Card))!, Expressions.Apply(card, Expression.Property(s, nameof(Scored.Initiative))))), s);
    }

    /// <summary>A match beside its score (a class, so that queries can sort and page by it).</summary>
    private sealed class Scored
    {
        public Initiative Initiative { get; init; } = null!;
        /// <summary>A double in SQL and here, so that a cursor carries the exact value the next page compares with.</summary>
        public double Score { get; init; }
    }

    private sealed class ScoredCard
    {
        public double Score { get; init; }
        public InitiativeCard Card { get; init; } = null!;
    }

    /// <summary>The words of the search to highlight in a shown text: every included word and phrase, accents and case aside.</summary>
    public static IReadOnlyList<(int Start, int Length)> Highlights(string text, string q)
    {
        var terms = Parse(q).Included.SelectMany(t => t.Split(' ')).Where(t => t.Length >= 2).ToList();
        if (terms.Count == 0) return [];
        var folded = FoldKeepingLength(text);
        var spans = new List<(int Start, int Length)>();
        foreach (var term in terms)
        {
            for (var at = folded.IndexOf(term, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(term, at + term.Length, StringComparison.Ordinal))
            {
                // Stemming matches word beginnings: highlight from a word's start to the end of the matched part.
                if (at > 0 && char.IsLetterOrDigit(folded[at - 1])) continue;
                spans.Add((at, term.Length));
            }
        }
        return spans.OrderBy(s => s.Start).Aggregate(new List<(int Start, int Length)>(), (merged, span) =>
        {
            if (merged.Count > 0 && span.Start <= merged[^1].Start + merged[^1].Length)
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].Start + merged[^1].Length, span.Start + span.Length) - merged[^1].Start);
            else merged.Add(span);
            return merged;
        });
    }

    /// <summary>Lower case without accents, one character for one, so positions in it are positions in the original.</summary>
    private static string FoldKeepingLength(string text) =>
        new(text.Select(c => SearchText.Normalize(c.ToString()) is { Length: 1 } folded ? folded[0] : char.ToLowerInvariant(c)).ToArray());
}
