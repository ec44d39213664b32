using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Exchange;

/// <summary>A suggested offer for a need (or need for an offer): its title in the reader's language where it has one, its organisation, and why.</summary>
public sealed record SuggestedMatch(int Id, ListingKind Kind, string Title, string TitleLanguage, int OrganisationId, string OrganisationName, double Score, MatchReasons Reasons);

/// <summary>The suggestions for one open listing, best first.</summary>
public sealed record MatchSuggestions(int ListingId, ListingKind Kind, IReadOnlyList<SuggestedMatch> Matches);

/// <summary>
/// Finds the open offers that fit a need best, and the needs an offer could meet (two-way exchanges either way), ranked by
/// <see cref="ListingMatching"/>, in a fixed number of SQL statements whatever the number of listings:
/// <list type="number">
/// <item>the listing's own facts (one statement);</item>
/// <item>the candidates: listings that share at least one SDG, sector, country or region with it (a country of one inside a
/// region of the other counts), or one of its themes, read from the indexed child tables, summed with rough weights and cut
/// to the <see cref="CandidateLimit"/> best, open (published, not past their open-until date), of a complementary kind and of
/// another organisation (one statement);</item>
/// <item>those candidates' facts (one statement per list: countries, regions, sectors, SDGs, plus the rows themselves);</item>
/// <item>on PostgreSQL, the trigram similarity (pg_trgm <c>similarity()</c>) of each candidate's titles to the listing's (one
/// statement); on SQLite the share of words their titles have in common is computed here instead.</item>
/// </list>
/// The score itself is computed in memory by the domain.
/// </summary>
public sealed class Matches(AppDbContext db, ReferenceData referenceData, TimeProvider clock)
{
    public const int DefaultCount = 5;

    /// <summary>How many candidates, at most, are read and scored in full.</summary>
    public const int CandidateLimit = 300;

    // Rough weights for picking candidates in SQL; the domain's score decides the order shown.
    private const int SdgHit = 2, SectorHit = 3, CountryHit = 3, RegionHit = 2, ThemeHit = 2;

    private sealed class Hit
    {
        public int ListingId { get; init; }
        public int Weight { get; init; }
    }

    private sealed class Facts
    {
        public int Id { get; init; }
        public ListingKind Kind { get; init; }
        public int OwnerId { get; init; }
        public string OwnerName { get; init; } = "";
        public string Title { get; init; } = "";
        public string Language { get; init; } = "";
        public string? TranslatedTitle { get; init; }
        public string SearchTitle { get; init; } = "";
        public List<ThematicArea> Themes { get; init; } = [];
        public List<string> WorkingLanguages { get; init; } = [];
        public List<string> Countries { get; init; } = [];
        public List<string> Regions { get; init; } = [];
        public List<string> Sectors { get; init; } = [];
        public List<int> Sdgs { get; init; } = [];

        public MatchFacts ToMatchFacts() => new(Id, Kind, Sdgs, Sectors, Themes, Countries.Select(c => c.Trim()).ToList(), Regions, WorkingLanguages);
    }

    /// <summary>
    /// The best <paramref name="count"/> matches for the listing, or null when it is not published and open (nothing is
    /// suggested for a draft, a withdrawn or a closed one).
    /// </summary>
    public async Task<MatchSuggestions?> ForAsync(int listingId, string language, int count = DefaultCount, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var source = await Project(db.Listings.AsNoTracking()
                .Where(l => l.Id == listingId && l.Publication == PublicationState.Published && (l.OpenUntil == null || l.OpenUntil >= today)), language)
            .SingleOrDefaultAsync(cancellationToken);
        if (source is null) return null;

        var names = await referenceData.GetAsync(cancellationToken);
        var regionOf = RegionMap(names);
        var listing = source.ToMatchFacts();
        var places = ListingMatching.PlacesOf(listing, regionOf).ToList();
        var countriesInPlaces = regionOf.Where(c => places.Contains(c.Value) && !listing.Countries.Contains(c.Key)).Select(c => c.Key).ToList();
        var goals = listing.Sdgs.ToList();
        var sectors = listing.Sectors.ToList();
        var countries = listing.Countries.ToList();
        var themes = listing.Themes.ToList();

        IQueryable<Hit> hits = db.Set<ListingSdg>().Where(s => goals.Contains(s.GoalCode)).Select(s => new Hit { ListingId = s.ListingId, Weight = SdgHit })
            .Concat(db.Set<ListingSector>().Where(s => sectors.Contains(s.SectorCode)).Select(s => new Hit { ListingId = s.ListingId, Weight = SectorHit }))
            .Concat(db.Set<ListingCountry>().Where(c => countries.Contains(c.CountryCode)).Select(c => new Hit { ListingId = c.ListingId, Weight = CountryHit }))
            .Concat(db.Set<ListingCountry>().Where(c => countriesInPlaces.Contains(c.CountryCode)).Select(c => new Hit { ListingId = c.ListingId, Weight = RegionHit }))
            .Concat(db.Set<ListingRegion>().Where(r => places.Contains(r.RegionCode)).Select(r => new Hit { ListingId = r.ListingId, Weight = RegionHit }));
        if (themes.Count > 0)
            hits = hits.Concat(db.Listings.Where(l => l.Themes.Any(t => themes.Contains(t))).Select(l => new Hit { ListingId = l.Id, Weight = ThemeHit }));

        var kinds = ListingKinds.ComplementsOf(source.Kind).ToList();
        var open = db.Listings.Where(l => l.Publication == PublicationState.Published && kinds.Contains(l.Kind)
            && (l.OpenUntil == null || l.OpenUntil >= today) && l.OwnerId != source.OwnerId && l.Id != source.Id);
        var ids = await hits.GroupBy(h => h.ListingId)
            .Select(g => new { Id = g.Key, Weight = g.Sum(h => h.Weight) })
            .Join(open, g => g.Id, l => l.Id, (g, l) => new { g.Id, g.Weight })
            .OrderByDescending(c => c.Weight).ThenByDescending(c => c.Id)
            .Take(CandidateLimit)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0) return new MatchSuggestions(source.Id, source.Kind, []);

        var candidates = await Project(db.Listings.AsNoTracking().Where(l => ids.Contains(l.Id)), language).AsSplitQuery().ToListAsync(cancellationToken);
        Dictionary<int, double> similarity;
        if (db.Database.IsNpgsql())
        {
            var title = source.SearchTitle;
            similarity = await db.Listings.AsNoTracking().Where(l => ids.Contains(l.Id))
                .Select(l => new { l.Id, Similarity = EF.Functions.TrigramsSimilarity(l.SearchTitle, title) })
                .ToDictionaryAsync(s => s.Id, s => s.Similarity, cancellationToken);
        }
        else similarity = candidates.ToDictionary(c => c.Id, c => ListingMatching.SharedWordRatio(source.SearchTitle, c.SearchTitle));

        var byId = candidates.ToDictionary(c => c.Id);
        var ranked = ListingMatching.Rank(listing, candidates.Select(c => c.ToMatchFacts()), regionOf, similarity, count);
        return new MatchSuggestions(source.Id, source.Kind, ranked.Select(m =>
        {
            var c = byId[m.CandidateId];
            return new SuggestedMatch(c.Id, c.Kind, c.TranslatedTitle ?? c.Title, c.TranslatedTitle is null ? c.Language : language, c.OwnerId, c.OwnerName, m.Score, m.Reasons);
        }).ToList());
    }

    /// <summary>Each country's region, from the code lists held in memory.</summary>
    public static IReadOnlyDictionary<string, string> RegionMap(ReferenceData.Snapshot names) =>
        names.Countries.Where(c => c.Value.RegionCode is not null).ToDictionary(c => c.Key, c => c.Value.RegionCode!, StringComparer.Ordinal);

    private static IQueryable<Facts> Project(IQueryable<Listing> listings, string language) => listings.Select(l => new Facts
    {
        Id = l.Id,
        Kind = l.Kind,
        OwnerId = l.OwnerId,
        OwnerName = l.Owner!.Name,
        Title = l.Title,
        Language = l.Language,
        TranslatedTitle = l.Language == language ? null : l.Translations.Where(t => t.Language == language).Select(t => t.Title).FirstOrDefault(),
        SearchTitle = l.SearchTitle,
        Themes = l.Themes,
        WorkingLanguages = l.WorkingLanguages,
        Countries = l.Countries.Select(c => c.CountryCode).ToList(),
        Regions = l.Regions.Select(r => r.RegionCode).ToList(),
        Sectors = l.Sectors.Select(s => s.SectorCode).ToList(),
        Sdgs = l.Sdgs.Select(s => s.GoalCode).ToList(),
    });
}
