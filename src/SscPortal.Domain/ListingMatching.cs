namespace SscPortal.Domain;

/// <summary>What matching needs to know of one offer or need: its kind and the codes it is tagged with.</summary>
public sealed record MatchFacts(
    int Id,
    ListingKind Kind,
    IReadOnlyCollection<int> Sdgs,
    IReadOnlyCollection<string> Sectors,
    IReadOnlyCollection<ThematicArea> Themes,
    IReadOnlyCollection<string> Countries,
    IReadOnlyCollection<string> Regions,
    IReadOnlyCollection<string> Languages);

/// <summary>
/// Why two listings fit, as shown under "Why this match": what they share. <see cref="SectorCategories"/> holds only the
/// categories (three-digit DAC codes) they share without sharing a sector in them; <see cref="Regions"/> only the regions
/// they share that no shared country already explains.
/// </summary>
public sealed record MatchReasons(
    IReadOnlyList<int> Sdgs,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<string> SectorCategories,
    IReadOnlyList<ThematicArea> Themes,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Languages,
    bool SimilarWords)
{
    public bool IsEmpty => Sdgs.Count == 0 && Sectors.Count == 0 && SectorCategories.Count == 0 && Themes.Count == 0
        && Countries.Count == 0 && Regions.Count == 0 && Languages.Count == 0 && !SimilarWords;
}

/// <summary>A candidate's score against a listing and what it shares with it.</summary>
public sealed record MatchScore(int CandidateId, double Score, MatchReasons Reasons);

/// <summary>
/// How well an offer fits a need (or a need an offer, or either a two-way exchange): a score that adds, for what the two
/// listings share,
/// <list type="bullet">
/// <item>3 points for each shared DAC sector (at most 3 counted), and 1 for each shared sector category, the three-digit
/// prefix, in which they share no sector (at most 2);</item>
/// <item>2 for each shared SDG (at most 3);</item>
/// <item>2 for each shared theme (at most 3);</item>
/// <item>3 for each shared country (at most 2), and 2 for each shared region (at most 2) that no shared country already
/// explains: a region both name, a country of one inside a region the other names, or two countries of the same region;</item>
/// <item>2 when they can be worked in a common language (once, however many they share);</item>
/// <item>up to 4 for the similarity of their texts, a number from 0 to 1 the caller measures (PostgreSQL trigram
/// similarity of the titles, a shared-word ratio on SQLite) times 4; from <see cref="SimilarWordsFrom"/> on it is also
/// shown as a reason.</item>
/// </list>
/// Listings that do not complement each other (<see cref="ListingKinds.Complement"/>), and those whose score without the
/// common language is under <see cref="MinimumScore"/> (a language alone, or a sector category alone, is no match), are not matches. Ties go to the newer listing (higher id). Pure: the caller
/// brings the facts, the country → region map and the text similarity.
/// </summary>
public static class ListingMatching
{
    public const double SectorWeight = 3, CategoryWeight = 1, SdgWeight = 2, ThemeWeight = 2, CountryWeight = 3, RegionWeight = 2, LanguageWeight = 2, TextWeight = 4;
    public const int MaxSectors = 3, MaxCategories = 2, MaxSdgs = 3, MaxThemes = 3, MaxCountries = 2, MaxRegions = 2;

    /// <summary>From this text similarity on, "similar words" is one of the reasons.</summary>
    public const double SimilarWordsFrom = 0.3;

    /// <summary>The least score, leaving the common language aside, that makes a match: one shared SDG, theme or region is enough.</summary>
    public const double MinimumScore = 2;

    /// <summary>The DAC sector category of a five-digit sector code: its first three digits.</summary>
    public static string CategoryOf(string sector) => sector.Length >= 3 ? sector[..3] : sector;

    /// <summary>
    /// The score of <paramref name="candidate"/> for <paramref name="listing"/>, or null when they do not complement each other
    /// or share too little. <paramref name="regionOfCountry"/> maps a country code to its region code;
    /// <paramref name="textSimilarity"/> is clamped to 0..1.
    /// </summary>
    public static MatchScore? Score(MatchFacts listing, MatchFacts candidate, IReadOnlyDictionary<string, string> regionOfCountry, double textSimilarity)
    {
        if (listing.Id == candidate.Id || !ListingKinds.Complement(listing.Kind, candidate.Kind)) return null;
        var text = double.IsNaN(textSimilarity) ? 0 : Math.Clamp(textSimilarity, 0, 1);

        var sdgs = listing.Sdgs.Intersect(candidate.Sdgs).Order().ToList();
        var sectors = listing.Sectors.Intersect(candidate.Sectors, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var sharedCategories = sectors.Select(CategoryOf).ToHashSet(StringComparer.Ordinal);
        var categories = listing.Sectors.Select(CategoryOf).Intersect(candidate.Sectors.Select(CategoryOf), StringComparer.Ordinal)
            .Where(c => !sharedCategories.Contains(c)).Order(StringComparer.Ordinal).ToList();
        var themes = listing.Themes.Intersect(candidate.Themes).Order().ToList();
        var countries = listing.Countries.Intersect(candidate.Countries, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var explained = countries.Select(c => regionOfCountry.GetValueOrDefault(c)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var regions = PlacesOf(listing, regionOfCountry).Intersect(PlacesOf(candidate, regionOfCountry), StringComparer.Ordinal)
            .Where(r => !explained.Contains(r)).Order(StringComparer.Ordinal).ToList();
        var languages = listing.Languages.Intersect(candidate.Languages, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var subject = SectorWeight * Math.Min(sectors.Count, MaxSectors)
            + CategoryWeight * Math.Min(categories.Count, MaxCategories)
            + SdgWeight * Math.Min(sdgs.Count, MaxSdgs)
            + ThemeWeight * Math.Min(themes.Count, MaxThemes)
            + CountryWeight * Math.Min(countries.Count, MaxCountries)
            + RegionWeight * Math.Min(regions.Count, MaxRegions)
            + TextWeight * text;
        if (subject < MinimumScore) return null;
        var score = subject + (languages.Count > 0 ? LanguageWeight : 0);
        return new MatchScore(candidate.Id, Math.Round(score, 6),
            new MatchReasons(sdgs, sectors, categories, themes, countries, regions, languages, text >= SimilarWordsFrom));
    }

    /// <summary>
    /// The best <paramref name="count"/> matches among the candidates, best first (ties to the newer, higher id).
    /// <paramref name="textSimilarity"/> gives each candidate's text similarity by its id (0 when absent).
    /// </summary>
    public static IReadOnlyList<MatchScore> Rank(MatchFacts listing, IEnumerable<MatchFacts> candidates, IReadOnlyDictionary<string, string> regionOfCountry,
        IReadOnlyDictionary<int, double> textSimilarity, int count) =>
        candidates.Select(c => Score(listing, c, regionOfCountry, textSimilarity.GetValueOrDefault(c.Id)))
            .OfType<MatchScore>()
            .OrderByDescending(m => m.Score).ThenByDescending(m => m.CandidateId)
            .Take(Math.Max(0, count))
            .ToList();

    /// <summary>The regions a listing is in or for: those it names and those of its countries.</summary>
    public static IReadOnlySet<string> PlacesOf(MatchFacts listing, IReadOnlyDictionary<string, string> regionOfCountry)
    {
        var regions = new HashSet<string>(listing.Regions, StringComparer.Ordinal);
        foreach (var country in listing.Countries)
            if (regionOfCountry.TryGetValue(country, out var region)) regions.Add(region);
        return regions;
    }

    /// <summary>
    /// A simple text similarity where the database offers none (SQLite): the share of distinct words of four letters or more
    /// the two texts have in common (shared words over the words of the shorter text), 0 to 1. The texts are expected
    /// normalised (<see cref="SearchText.Normalize"/>).
    /// </summary>
    public static double SharedWordRatio(string a, string b)
    {
        var left = Words(a);
        var right = Words(b);
        if (left.Count == 0 || right.Count == 0) return 0;
        var shared = left.Count(right.Contains);
        return (double)shared / Math.Min(left.Count, right.Count);
    }

    private static HashSet<string> Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()))
            .Where(w => w.Length >= 4)
            .ToHashSet(StringComparer.Ordinal);
}
