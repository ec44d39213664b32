using System.Linq.Expressions;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Caching;
using SscPortal.Web.Reference;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Search;

/// <summary>One value of a facet, with how many initiatives the catalogue would show if it were chosen.</summary>
/// <remarks><see cref="Lang"/> is "en" when the label is a code-list name not yet translated into the page's language.</remarks>
public sealed record FacetValue(string Value, string Label, int Count, bool Selected, string? Lang = null)
{
    public ShownName Shown => new(Label, Lang);
}

public sealed record Facet(string Parameter, string Title, IReadOnlyList<FacetValue> Values);

/// <summary>The facets with the number of results, exact or (for a very large result) estimated from a sample.</summary>
public sealed record FacetCounts(IReadOnlyList<Facet> Facets, int Total, bool IsEstimate, bool IsTypoFallback = false)
{
    /// <summary>Titles close to the words could not be looked for within <see cref="CatalogueFacets.TypoBudget"/>: "nothing matches" for now, to be looked for again in the background.</summary>
    public bool TypoTimedOut { get; init; }
}

/// <summary>
/// The catalogue's facets. Each facet's counts are taken with every other filter applied and its own left out, so a
/// value's count is exactly the number of results choosing it would give. All facets are counted in one pass over the
/// matching initiatives' facet keys (<see cref="FacetKeys"/>): a key is counted for an initiative when the initiative
/// answers every chosen filter but those of the key's own facet. A result too large to count within a page's time
/// (more than <see cref="ExactLimit"/> initiatives to look at, or so many by the sample's say) is estimated from every <see cref="SampleEvery"/>th
/// initiative (every <see cref="CoarseSampleEvery"/>th on PostgreSQL when enough of those answer) and said to be "about" so
/// many, and counted exactly in the background for the next reader. On PostgreSQL the whole catalogue's count of every key
/// is kept in step on write (<see cref="FacetKeyCount"/>): the unfiltered catalogue is exact at any size, and so are the
/// result's size and the chosen facet's values of a page with one facet chosen and no words.
/// </summary>
public static class CatalogueFacets
{
    /// <summary>
    /// How many organisations the organisation facet lists (the biggest, and always the chosen one): the only facet whose
    /// values are not a bounded code list. Every other facet lists every value that has results, so any country, region,
    /// sector category, goal, principle or year can be reached from the page; the page folds long lists away.
    /// </summary>
    public const int MostListed = 25;

    /// <summary>
    /// The most initiatives a page counts exactly; beyond, the counts are estimated (and computed exactly in the background).
    /// Counting means reading each one's row, and at a million initiatives on a small server 10,000 rows took 130–300 ms of a
    /// new search's time: 2,500 keep a new search's median within 150 ms (bench/README.md, "Cold questions").
    /// </summary>
    public const int ExactLimit = 2_500;

    /// <summary>The sample of a large result: the initiatives whose id is a multiple of this (an index holds their keys).</summary>
    public const int SampleEvery = 50;

    /// <summary>
    /// The coarse sample of a very large result (PostgreSQL): every 500th initiative, in indexes of its own. A broad word or a
    /// big facet over a million initiatives has thousands in the sample, and reading them was most of a new search's time;
    /// the coarse sample's share is a tenth. It is used for each question of the page's counts (the result; the result without
    /// one chosen filter) that at least <see cref="CoarseEnough"/> of it answer.
    /// </summary>
    public const int CoarseSampleEvery = 500;

    /// <summary>
    /// How many of the coarse sample make its estimate good enough (the total within about 7 %); a facet value with fewer than
    /// <see cref="CoarseSampleEvery"/> results may then be missing from the estimate, as one with fewer than
    /// <see cref="SampleEvery"/> may be from the finer one, until the exact counts come.
    /// </summary>
    public const int CoarseEnough = 200;

    /// <summary>
    /// The counts of a page: exact when at most <paramref name="exactLimit"/> initiatives are looked at, estimated otherwise
    /// (on PostgreSQL also when the sample already says there are more, <see cref="SampleSaysMany"/>); titles close to words
    /// that find nothing looked for within <paramref name="typoBudget"/> (<see cref="TypoBudget"/>).
    /// </summary>
    public static async Task<FacetCounts> CountAsync(
        InitiativeFilter filter, AppDbContext db, ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken,
        int exactLimit = ExactLimit, TimeSpan? typoBudget = null, int coarseEnough = CoarseEnough, int coarseEvery = CoarseSampleEvery, CatalogueCache? cache = null)
    {
        var selected = filter.SelectedKeys();
        var counted = await CountOrEstimateAsync(filter, db, selected, exactLimit, cancellationToken, coarseEnough, coarseEvery, cache);
        if (!counted.IsEstimate && filter.Q is not null && !filter.IsTypoFallback && Total(counted.Counts, selected) == 0
            && InitiativeSearch.CanFallBackOnTitles(filter.Q, db))
        {
            // Nothing answers: when the words alone find nothing either, titles close to them stand in (a mistyped or
            // half-typed word) by the rule every list follows (InitiativeFilter.DecideTypoFallbackAsync): some and not
            // thousands, found within TypoBudget, for both statements (the decision and the close titles' counts). A word
            // whose letters are common everywhere may have tens of thousands of titles to compare with: the reader is told
            // that nothing matches for now rather than kept waiting, and the background looks on.
            using var budget = Budget(typoBudget ?? TypoBudget, cancellationToken);
            try
            {
                var decision = await filter.DecideTypoFallbackAsync(db, wordsFindNothing: selected.Count <= 1 && counted.Looked == 0, budget.Token, Timeout.InfiniteTimeSpan, most: exactLimit);
                if (decision != InitiativeFilter.TypoDecision.CloseTitles) return Build(counted, selected, filter, names, L, isEstimate: false);
                var close = await CountOrEstimateAsync(filter, db, selected, exactLimit, budget.Token, coarseEnough, coarseEvery);
                return Build(close, selected, filter, names, L, close.IsEstimate);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                filter.UseTypoFallback(false);
                filter.TypoTimedOut = true;
                return Build(counted, selected, filter, names, L, isEstimate: false) with { TypoTimedOut = true };
            }
        }
        return Build(counted, selected, filter, names, L, counted.IsEstimate);
    }

    /// <summary>
    /// The counts of the candidates, exact when at most <paramref name="exactLimit"/> of them, else estimated from the sample.
    /// On PostgreSQL one statement: the sample is counted first (a small index holds the sample's search words, so even a
    /// word in every other record costs a few milliseconds of it), and the candidates are read for the exact counts only
    /// when the sample says they are few (<see cref="SampleSaysMany"/>), so that a broad search does not read thousands of
    /// rows only to find them too many. An estimate is made per question the page asks (<see cref="SampleQuestions"/>), each
    /// from the coarse sample (<see cref="CoarseSampleEvery"/>) when <see cref="CoarseEnough"/> of it answer that question
    /// (and then the sample is not read for it), else from the sample. With no words and at most one facet chosen, the whole
    /// catalogue's kept counts answer what they can (<see cref="WholeCatalogue"/>), in the same statement.
    /// </summary>
    private static async Task<Counted> CountOrEstimateAsync(
        InitiativeFilter filter, AppDbContext db, IReadOnlyList<string> selected, int exactLimit, CancellationToken cancellationToken,
        int coarseEnough = CoarseEnough, int coarseEvery = CoarseSampleEvery, CatalogueCache? cache = null)
    {
        var candidates = Candidates(filter, db, selected);
        var sample = Candidates(filter, db, selected, SampleEvery);
        if (!db.Database.IsNpgsql())
        {
            // SQLite (a small portal, read through in a moment): the exact counts first, the sample only past the limit.
            var exactly = await CountKeysHereAsync(candidates.Take(exactLimit + 1), selected, db, cancellationToken);
            return exactly.Looked <= exactLimit ? exactly : Estimated(await CountKeysHereAsync(sample, selected, db, cancellationToken), SampleEvery);
        }
        var many = SampleSaysMany(exactLimit);
        // Each part gated on the one before it (one-time filters: PostgreSQL does not run a part whose gate is shut). The
        // candidates are read for the exact counts only when the sample says they are few. The estimate is made per question
        // the page asks (the result, for the facets not chosen; and the result with one chosen facet left out, for that
        // facet's values): from the coarse sample when enough of it answers that question, else from the sample. A broad
        // question ("every initiative with the word", which a chosen facet's own values are counted over) is then read from
        // the coarse sample while a narrow one (the result itself: a small country) keeps the finer sample's precision.
        // Close titles are at most the limit, so their coarse sample is never enough: it is not read.
        var questions = SampleQuestions(selected);
        // The whole published catalogue (no words, no filter), which a page with one facet chosen asks for that facet's values
        // (and the unfiltered catalogue for all): counted exactly by the sum of its keys' counts, kept in step on write
        // (FacetKeyCount), and the same on every such page, so kept (cache) until the content changes, and not read again.
        var whole = filter.Q is null ? questions.FindIndex(q => q.Required.Count == 0) : -1;
        var generation = cache?.Generation ?? 0;
        WholeCatalogue? kept = null;
        if (whole >= 0 && cache is not null && cache.TryGet<WholeCatalogue>(WholeCatalogueKey, out var keptBefore)) kept = keptBefore;
        WholeCatalogue Keep(IEnumerable<KeyCount> rows)
        {
            var answer = WholeCatalogue.Of(rows);
            cache?.Set(WholeCatalogueKey, answer, generation);
            return answer;
        }
        if (whole == 0)
        {
            // The unfiltered catalogue: every count is the whole catalogue's, exactly.
            kept ??= Keep(await Named(CountWholeCatalogue(db, 0), db).ToListAsync(cancellationToken));
            return kept.Counted;
        }
        IQueryable<KeyCount> parts;
        Expression<Func<Initiative, bool>>? pastTheLimit = null;
        if (whole == 1)
        {
            // One facet chosen and no words: the result is every initiative with the chosen key, and the whole catalogue's
            // counts say how many (in the statement, so that its parts agree). Within the limit its rows are counted exactly
            // (for the other facets; the chosen facet's values are the whole catalogue's); past it, it is estimated.
            var chosen = selected[0];
            var size = db.Set<FacetKeyCount>().Where(c => c.Key == chosen);
            var result = filter.Apply(db.Initiatives.AsNoTracking(), db).Where(_ => size.Sum(c => c.Count) <= exactLimit).Take(exactLimit + 1);
            parts = CountSampleKeys(result, questions[0].Kept, Part.Exact, 0)
                .Concat(size.GroupBy(c => c.Key).Select(g => new KeyCount { Key = g.Key, Count = g.Sum(c => c.Count), Part = Part.Size, Question = 0 }));
            if (kept is null) parts = parts.Concat(CountWholeCatalogue(db, whole));
            pastTheLimit = _ => size.Sum(c => c.Count) > exactLimit;
        }
        else
        {
            var exact = candidates.Where(_ => sample.Take(many).Count() < many).Take(exactLimit + 1);
            parts = CountKeys(exact, selected, Part.Exact);
        }
        for (var index = 0; index < questions.Count; index++)
        {
            if (index == whole) continue;
            var (required, keys) = questions[index];
            var coarse = filter.IsTypoFallback ? candidates.Where(_ => false) : filter.ApplyToSample(db, coarseEvery, required);
            var fine = filter.ApplyToSample(db, SampleEvery, required);
            if (pastTheLimit is not null) (coarse, fine) = (coarse.Where(pastTheLimit), fine.Where(pastTheLimit));
            fine = fine.Where(_ => coarse.Take(coarseEnough).Count() < coarseEnough);
            parts = parts.Concat(CountSampleKeys(coarse, keys, Part.Coarse, index)).Concat(CountSampleKeys(fine, keys, Part.Sample, index));
        }
        var rows = await Named(parts, db).ToListAsync(cancellationToken);
        if (whole >= 0) kept ??= Keep(rows.Where(r => r.Part == Part.Whole));
        var resultSize = rows.FirstOrDefault(r => r.Part == Part.Size)?.Count ?? 0;
        // The chosen facet's own values, of the whole catalogue (a facet is its keys' first letter).
        var ownValues = whole >= 0 ? kept!.OfFacet(FacetKeys.FacetOf(selected[0])) : [];
        if (whole >= 0 && resultSize <= exactLimit)
        {
            var read = rows.Where(r => r.Part == Part.Exact).ToList();
            var exactly = Counted.Of(read);
            var looked = exactly.Looked;
            foreach (var row in ownValues)
            {
                exactly.Counts[row.Key] = row.Count;
                if (row.Name is not null) exactly.Names[row.Key] = row.Name;
            }
            (exactly.Counts[FacetKeys.All], exactly.Counts[selected[0]]) = (looked, looked);
            return exactly;
        }
        List<KeyCount> Answering(int index, out int every)
        {
            var coarsely = rows.Where(r => r.Part == Part.Coarse && r.Question == index).ToList();
            if (coarsely.FirstOrDefault(r => r.Key == FacetKeys.All)?.Count >= coarseEnough)
            {
                every = coarseEvery;
                return coarsely;
            }
            every = SampleEvery;
            return rows.Where(r => r.Part == Part.Sample && r.Question == index).ToList();
        }
        var counted = Counted.Of(rows.Where(r => r.Part == Part.Exact));
        // (Sample rows and no exact part means the exact part's gate was shut, whatever the keys say.)
        var sampled = rows.Any(r => r.Part is Part.Sample or Part.Coarse) || whole >= 0;
        if (counted.Looked <= exactLimit && (counted.Looked > 0 || !sampled)) return counted;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 0; index < questions.Count; index++)
        {
            if (index == whole) continue;
            var answering = Answering(index, out var every);
            // The result's size is the first question's (its rows answer every chosen filter); a chosen value's count is
            // the result's size by definition, whichever sample estimated its facet.
            foreach (var row in answering.Where(r => r.Key != FacetKeys.All || index == 0))
            {
                counts[row.Key] = row.Count * every;
                if (row.Name is not null) names[row.Key] = row.Name;
            }
        }
        foreach (var row in ownValues)
        {
            counts[row.Key] = row.Count;
            if (row.Name is not null) names[row.Key] = row.Name;
        }
        // One facet chosen and no words: the result's size is exact (the whole catalogue's count of the chosen key).
        if (whole >= 0) counts[FacetKeys.All] = resultSize;
        foreach (var key in selected) counts[key] = counts.GetValueOrDefault(FacetKeys.All);
        return new Counted(counts, names, IsEstimate: true);
    }

    /// <summary>
    /// The questions a page's facet counts ask of a sample: first the result (every chosen filter), whose rows count for the
    /// facets not chosen; then, for each chosen filter, the result without it, whose rows count for that facet's values.
    /// With no filter chosen, the one question: every key of every initiative answering the search.
    /// </summary>
    private static List<(IReadOnlyList<string> Required, Expression<Func<string, bool>> Kept)> SampleQuestions(IReadOnlyList<string> selected)
    {
        if (selected.Count == 0) return [([], key => true)];
        var facets = selected.Select(k => FacetKeys.FacetOf(k).ToString()).ToList();
        // "The key is the total, or of none of the chosen facets" (a facet is its keys' first letter).
        var key = Expression.Parameter(typeof(string), "key");
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        Expression notChosen = facets.Select(f => (Expression)Expression.Not(Expression.Call(key, startsWith, Expression.Constant(f))))
            .Aggregate(Expression.AndAlso);
        var others = Expression.Lambda<Func<string, bool>>(Expression.OrElse(Expression.Equal(key, Expression.Constant(FacetKeys.All)), notChosen), key);
        var questions = new List<(IReadOnlyList<string>, Expression<Func<string, bool>>)> { (selected, others) };
        foreach (var (chosen, facet) in selected.Zip(facets))
            questions.Add((selected.Where(k => k != chosen).ToList(), k => k == FacetKeys.All || k.StartsWith(facet)));
        return questions;
    }

    /// <summary>
    /// "The id is a multiple of <paramref name="every"/>", with the number written into the statement (not a parameter), so
    /// that PostgreSQL matches it with the partial indexes of the samples.
    /// </summary>
    internal static Expression<Func<Initiative, bool>> EveryNth(int every)
    {
        var initiative = Expression.Parameter(typeof(Initiative), "i");
        var id = Expression.Property(initiative, nameof(Initiative.Id));
        return Expression.Lambda<Func<Initiative, bool>>(
            Expression.Equal(Expression.Modulo(id, Expression.Constant(every)), Expression.Constant(0)), initiative);
    }

    /// <summary>
    /// How many of the sample make a result "too many to count" without reading it: the sample's share of 1.2 × the limit, so
    /// that a result somewhat under the limit is rarely estimated by chance (the sample of 2,000 has 40 ± 6) while one
    /// somewhat over it is found too many before it is read.
    /// </summary>
    internal static int SampleSaysMany(int exactLimit) => Math.Max(1, (int)Math.Ceiling(exactLimit * 1.2 / SampleEvery));

    /// <summary>
    /// How many initiatives answer <paramref name="filter"/>, up to <paramref name="limit"/> + 1 (more than the limit), in
    /// one statement. On PostgreSQL the sample is asked first (<see cref="SampleSaysMany"/>): when it already says there are
    /// many, the answer is "more" without reading thousands of rows to find it out; otherwise they are counted. A result
    /// somewhat under the limit may be called "more" by chance (a sample of 2,000 has 40 ± 6 against the 48 that say many).
    /// </summary>
    public static async Task<int> CountUpToAsync(InitiativeFilter filter, int limit, AppDbContext db, CancellationToken cancellationToken)
    {
        var counted = filter.Apply(db.Initiatives.AsNoTracking(), db).Take(limit + 1);
        if (!db.Database.IsNpgsql()) return await counted.CountAsync(cancellationToken);
        var many = SampleSaysMany(limit);
        var sample = filter.ApplyToSample(db, SampleEvery).Take(many);
        // (Selected from any one row: the CASE runs the count only when the sample's gate is open. No initiative at all: 0.)
        return await db.Initiatives.AsNoTracking().Select(_ => sample.Count() >= many ? limit + 1 : counted.Count()).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// How long the catalogue looks for titles close to words that found nothing before it says nothing matches (and looks on
    /// in the background for the next visit): within it the page stays within a second.
    /// </summary>
    public static readonly TimeSpan TypoBudget = TimeSpan.FromMilliseconds(600);

    /// <summary>
    /// A token cancelled when <paramref name="cancellationToken"/> is or when <paramref name="limit"/> has passed
    /// (<see cref="Timeout.InfiniteTimeSpan"/>: never by itself; zero or less: already, since CancelAfter(0) would race the
    /// statement it is meant to stop).
    /// </summary>
    internal static CancellationTokenSource Budget(TimeSpan limit, CancellationToken cancellationToken)
    {
        var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (limit == Timeout.InfiniteTimeSpan) return budget;
        if (limit > TimeSpan.Zero) budget.CancelAfter(limit);
        else budget.Cancel();
        return budget;
    }

    /// <summary>The exact counts, however many initiatives that means looking at (what the background computes).</summary>
    public static async Task<FacetCounts> CountExactlyAsync(
        InitiativeFilter filter, AppDbContext db, ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var selected = filter.SelectedKeys();
        // Close titles asked for (a page that could not decide in time): decided again by the same rule, with only the
        // statement timeout to bound it.
        if (filter.IsTypoFallback && filter.Q is not null)
            await filter.DecideTypoFallbackAsync(db, wordsFindNothing: false, cancellationToken, Timeout.InfiniteTimeSpan);
        var candidates = Candidates(filter, db, selected);
        var counted = db.Database.IsNpgsql()
            ? Counted.Of(await Named(CountKeys(candidates, selected, Part.Exact), db).ToListAsync(cancellationToken))
            : await CountKeysHereAsync(candidates, selected, db, cancellationToken);
        return Build(counted, selected, filter, names, L, isEstimate: false);
    }

    /// <summary>A sample's counts scaled to the whole (it holds every <paramref name="every"/>th initiative): an estimate.</summary>
    private static Counted Estimated(Counted sample, int every) =>
        sample with { Counts = sample.Counts.ToDictionary(c => c.Key, c => c.Value * every, StringComparer.Ordinal), IsEstimate = true };

    /// <summary>
    /// The initiatives whose keys can count for some facet: those answering the search and every chosen filter but at most
    /// one facet's (with one filter or none, every initiative answering the search).
    /// </summary>
    /// <remarks>
    /// Of a sample (<paramref name="sampleEvery"/>), on PostgreSQL, the sample's own indexes answer (see
    /// <see cref="InitiativeFilter.ApplyToSample"/>).
    /// </remarks>
    private static IQueryable<Initiative> Candidates(InitiativeFilter filter, AppDbContext db, IReadOnlyList<string> selected, int? sampleEvery = null)
    {
        var searched = filter.Searched(sampleEvery is null ? db.Initiatives.AsNoTracking() : InitiativeSample.Of(db), db);
        if (sampleEvery is { } every) searched = searched.Where(EveryNth(every));
        if (selected.Count <= 1) return searched;
        // "All but one facet's" as one condition per left-out filter, or'ed: each is one GIN containment.
        var alternatives = selected.Select(left => selected.Where(k => k != left).ToList()).ToList();
        return searched.Where(Expressions.AnyOf(alternatives.Select(keys => (Expression<Func<Initiative, bool>>)(i => keys.All(k => i.FacetKeys.Contains(k))))));
    }

    /// <summary>
    /// Which part of the statement counted a key: the candidates read for the exact counts, the sample, the coarse sample, the
    /// whole catalogue's kept counts, or (one facet chosen, no words) the result's size from those.
    /// </summary>
    private enum Part { Exact, Sample, Coarse, Whole, Size }

    /// <summary>
    /// The whole published catalogue's count of every key, exactly (kept by <see cref="CatalogueCache"/>), with its organisations'
    /// names; sorted out by facet once, so that a page reads only its chosen facet's values (at a million initiatives there
    /// are some 20,000 keys, most of them organisations). Never changed once made: pages share it.
    /// </summary>
    private sealed class WholeCatalogue(Counted counted, Dictionary<char, List<KeyCount>> byFacet)
    {
        public Counted Counted { get; } = counted;

        public List<KeyCount> OfFacet(char facet) => byFacet.TryGetValue(facet, out var rows) ? rows : [];

        public static WholeCatalogue Of(IEnumerable<KeyCount> rows)
        {
            var list = rows.ToList();
            return new WholeCatalogue(Counted.Of(list),
                list.Where(r => r.Key != FacetKeys.All).GroupBy(r => FacetKeys.FacetOf(r.Key)).ToDictionary(g => g.Key, g => g.ToList()));
        }
    }

    private const string WholeCatalogueKey = "facets|whole-catalogue";

    /// <summary>A key and how many initiatives count for it (a class: EF builds it in the query).</summary>
    private sealed class KeyCount
    {
        public string Key { get; init; } = "";
        public int Count { get; init; }
        public string? Name { get; init; }
        /// <summary>Which part of the statement counted it (<see cref="CatalogueFacets.Part"/>).</summary>
        public Part Part { get; init; }
        /// <summary>Of a sample, which of the page's questions (<see cref="SampleQuestions"/>) it counts for.</summary>
        public int Question { get; init; }
    }

    /// <summary>
    /// SQLite (the embedded database of a small portal) cannot join a row to its own JSON array in EF's translation: the
    /// candidates' keys are read (one statement) and counted here by the same rule, then the organisations named (one more).
    /// </summary>
    private static async Task<Counted> CountKeysHereAsync(IQueryable<Initiative> candidates, IReadOnlyList<string> selected, AppDbContext db, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var keys in candidates.Select(i => i.FacetKeys).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var has = new HashSet<string>(keys, StringComparer.Ordinal);
            var missed = selected.Where(k => !has.Contains(k)).Select(FacetKeys.FacetOf).Distinct().ToList();
            foreach (var key in has)
            {
                // Kept when every chosen filter outside the key's own facet is answered (the total key needs none).
                if (key != FacetKeys.All && missed.Any(facet => facet != FacetKeys.FacetOf(key))) continue;
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }
        var actorIds = counts.Keys.Where(k => k.StartsWith("a:", StringComparison.Ordinal))
            .Select(k => int.TryParse(k.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();
        var names = actorIds.Count == 0 ? [] : await db.Actors.AsNoTracking().Where(a => actorIds.Contains(a.Id))
            .ToDictionaryAsync(a => FacetKeys.Actor(a.Id), a => a.Name, StringComparer.Ordinal, cancellationToken);
        return new Counted(counts, names);
    }

    /// <summary>Counts per key, and the names of the organisations among the keys.</summary>
    private sealed record Counted(Dictionary<string, int> Counts, Dictionary<string, string> Names, bool IsEstimate = false)
    {
        public int Looked => Counts.GetValueOrDefault(FacetKeys.All);

        public static Counted Of(IEnumerable<KeyCount> rows)
        {
            var list = rows as IReadOnlyCollection<KeyCount> ?? rows.ToList();
            return new Counted(list.ToDictionary(r => r.Key, r => r.Count, StringComparer.Ordinal),
                list.Where(r => r.Name is not null).ToDictionary(r => r.Key, r => r.Name!, StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// Each candidate's keys, each kept when the candidate answers every chosen filter outside the key's own facet, grouped
    /// and counted (PostgreSQL, part of one statement). <see cref="FacetKeys.All"/> is counted for every candidate (how many
    /// were looked at).
    /// </summary>
    private static IQueryable<KeyCount> CountKeys(IQueryable<Initiative> candidates, IReadOnlyList<string> selected, Part part)
    {
        var pairs = candidates.SelectMany(i => i.FacetKeys, (i, key) => new { i.FacetKeys, Key = key });
        foreach (var chosen in selected)
        {
            var facet = FacetKeys.FacetOf(chosen).ToString();
            pairs = pairs.Where(p => p.Key == FacetKeys.All || p.Key.StartsWith(facet) || p.FacetKeys.Contains(chosen));
        }
        return pairs.GroupBy(p => p.Key).Select(g => new KeyCount { Key = g.Key, Count = g.Count(), Part = part, Question = 0 });
    }

    /// <summary>
    /// The <paramref name="kept"/> keys of a sample answering one of the page's questions (<see cref="SampleQuestions"/>),
    /// counted: the rows are chosen first, so that each key is not tested against the chosen filters again.
    /// </summary>
    private static IQueryable<KeyCount> CountSampleKeys(IQueryable<Initiative> answering, Expression<Func<string, bool>> kept, Part part, int question) =>
        answering.SelectMany(i => i.FacetKeys).Where(kept).GroupBy(k => k)
            .Select(g => new KeyCount { Key = g.Key, Count = g.Count(), Part = part, Question = question });

    /// <summary>
    /// The whole published catalogue's count of every key (PostgreSQL): the sum of each key's rows of <see cref="FacetKeyCount"/>,
    /// kept in step with the initiatives by triggers.
    /// </summary>
    private static IQueryable<KeyCount> CountWholeCatalogue(AppDbContext db, int question) =>
        db.Set<FacetKeyCount>().GroupBy(c => c.Key).Select(g => new { g.Key, Count = g.Sum(c => c.Count) }).Where(g => g.Count > 0)
            .Select(g => new KeyCount { Key = g.Key, Count = g.Count, Part = Part.Whole, Question = question });

    /// <summary>The organisations' names alongside their keys ("a:" and the id), joined once to all the parts' counts.</summary>
    private static IQueryable<KeyCount> Named(IQueryable<KeyCount> counts, AppDbContext db)
    {
#pragma warning disable CA1305 // int.ToString() is translated to SQL, where no culture applies
        return from c in counts
               join actor in db.Actors on c.Key equals "a:" + actor.Id.ToString() into named
               from actor in named.DefaultIfEmpty()
               select new KeyCount { Key = c.Key, Count = c.Count, Name = actor == null ? null : actor.Name, Part = c.Part, Question = c.Question };
#pragma warning restore CA1305
    }

    /// <summary>The number of results: the count of a chosen key (counted with every other filter), or of all when none is chosen.</summary>
    private static int Total(IReadOnlyDictionary<string, int> counts, IReadOnlyList<string> selected) =>
        counts.GetValueOrDefault(selected.Count == 0 ? FacetKeys.All : selected[0]);

    private static FacetCounts Build(Counted counted, IReadOnlyList<string> selected, InitiativeFilter filter,
        ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L, bool isEstimate)
    {
        var language = PortalCultures.Current;
        var (counts, actorNames) = (counted.Counts, counted.Names);
        IEnumerable<(string Value, int Count)> Values(string prefix) =>
            counts.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal) && c.Key.IndexOf(':') == prefix.Length - 1)
                .Select(c => (c.Key[prefix.Length..], c.Value));
        IEnumerable<(TEnum Value, int Count)> Codes<TEnum>(string prefix) where TEnum : struct, Enum =>
            Values(prefix).Select(v => (Number: int.TryParse(v.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1, v.Count))
                .Where(v => Enum.IsDefined(typeof(TEnum), v.Number)).Select(v => ((TEnum)Enum.ToObject(typeof(TEnum), v.Number), v.Count));
        var facets = new List<Facet>();

        var countryPrefix = filter.Role switch { CountryFilterRole.Provider => "cp:", CountryFilterRole.Recipient => "cr:", _ => "c:" };
        facets.Add(Build("country", L["Country"], Values(countryPrefix).Select(c => (c.Value, names.CountryName(c.Value, language), c.Count)), filter.Country, byCount: true));
        if (filter.Country is { } country)
        {
            facets.Add(Build("role", L["The country's role"],
                [("provider", L["as a provider"], counts.GetValueOrDefault(FacetKeys.CountryAs(CountryFilterRole.Provider, country))),
                 ("recipient", L["as a recipient"], counts.GetValueOrDefault(FacetKeys.CountryAs(CountryFilterRole.Recipient, country)))],
                filter.Role?.ToUrlValue()));
        }
        facets.Add(Build("region", L["Region"], Values("r:").Select(r => (r.Value, names.RegionName(r.Value, language), r.Count)), filter.Region, byCount: true));
        facets.Add(EnumFacet("modality", L["Modality"], Codes<Modality>("m:"), filter.Modality, v => L[EnumLabels.For(v)]));
        facets.Add(EnumFacet("instrument", L["Instrument"], Codes<Instrument>("i:"), filter.Instrument, v => L[EnumLabels.For(v)]));
        facets.Add(EnumFacet("status", L["Status"], Codes<ActivityStatus>("s:"), filter.Status, v => L[EnumLabels.For(v)]));
        facets.Add(Build("category", L["Sector category"], Values("k:").Select(c => (c.Value, names.CategoryName(c.Value, language), c.Count)), filter.Category, byCount: true));
        facets.Add(Build("sdg", L["Sustainable Development Goals"], Values("g:")
            .Select(g => (Goal: int.TryParse(g.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0, g.Count)).Where(g => g.Goal > 0).OrderBy(g => g.Goal)
            .Select(g => (g.Goal.ToString(CultureInfo.InvariantCulture), $"{g.Goal}. {names.GoalName(g.Goal, language)}", g.Count)), filter.Sdg?.ToString(CultureInfo.InvariantCulture)));
        facets.Add(Build("actortype", L["Kind of organisation taking part"], Codes<ActorType>("t:").Select(t => (t.Value.ToUrlValue(), L[EnumLabels.For(t.Value)].Value, t.Count)), filter.ActorType?.ToUrlValue(), byCount: true));
        var named = Values("a:").Where(a => actorNames.ContainsKey("a:" + a.Value)).Select(a => (a.Value, Name: actorNames["a:" + a.Value], a.Count)).ToList();
        // (Only those with as many as the last listed are sorted by name: the whole catalogue names some 20,000 at a million.)
        var listedAtLeast = named.Count <= MostListed ? 0 : named.Select(a => a.Count).OrderDescending().ElementAt(MostListed - 1);
        var actors = named.Where(a => a.Count >= listedAtLeast)
            .OrderByDescending(a => a.Count).ThenBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).Take(MostListed).ToList();
        var chosenActor = filter.Actor?.ToString(CultureInfo.InvariantCulture);
        if (chosenActor is not null && actors.All(a => a.Value != chosenActor) && actorNames.TryGetValue("a:" + chosenActor, out var chosenName))
            actors.Add((chosenActor, chosenName, counts.GetValueOrDefault("a:" + chosenActor)));
        facets.Add(Build("actor", L["Organisation taking part"], actors.Select(a => (a.Value, a.Name, a.Count)), chosenActor, byCount: true));
        facets.Add(Build("principle", L["Principle claimed"], Values("p:").Select(p => (p.Value, names.PrincipleName(p.Value, language), p.Count)), filter.Principle, byCount: true));
        facets.Add(Build("year", L["Year it started"], Values("y:").OrderByDescending(y => y.Value, StringComparer.Ordinal).Select(y => (y.Value, y.Value, y.Count)), filter.Year?.ToString(CultureInfo.InvariantCulture)));
        facets.Add(Build("assessed", L["Assessment"], [("yes", L["Has a published assessment"], counts.GetValueOrDefault(FacetKeys.Assessed))], filter.Assessed ? "yes" : null));
        return new FacetCounts(facets.Where(f => f.Values.Count > 0).ToList(), Total(counts, selected), isEstimate, filter.IsTypoFallback);
    }

    private static Facet EnumFacet<TEnum>(string parameter, string title, IEnumerable<(TEnum Value, int Count)> counts, TEnum? selected, Func<TEnum, string> label)
        where TEnum : struct, Enum =>
        Build(parameter, title, counts.OrderBy(r => r.Value).Select(r => (r.Value.ToUrlValue(), label(r.Value), r.Count)), selected?.ToUrlValue());

    private static Facet Build(string parameter, string title, IEnumerable<(string Value, string Label, int Count)> values, string? selected, bool byCount = false) =>
        Build(parameter, title, values.Select(v => (v.Value, ShownName.Neutral(v.Label), v.Count)), selected, byCount);

    private static Facet Build(string parameter, string title, IEnumerable<(string Value, ShownName Label, int Count)> values, string? selected, bool byCount = false)
    {
        var list = values.Where(v => v.Count > 0 || v.Value == selected).ToList();
        if (byCount) list = list.OrderByDescending(v => v.Count).ThenBy(v => v.Label.Text, StringComparer.CurrentCultureIgnoreCase).ToList();
        return new Facet(parameter, title, list.Select(v => new FacetValue(v.Value, v.Label.Text, v.Count, v.Value == selected, v.Label.Lang)).ToList());
    }
}
