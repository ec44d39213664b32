using SscPortal.Domain;

namespace SscPortal.Domain.Tests;

/// <summary>The match score over a fixed set of offers and needs, whose order is known, and the reasons it gives.</summary>
public class ListingMatchingTests
{
    private static readonly Dictionary<string, string> RegionOf = new()
    {
        ["PY"] = "america-south", ["BR"] = "america-south", ["UY"] = "america-south", ["PE"] = "america-south", ["KE"] = "africa-subsaharan",
    };

    private static MatchFacts Facts(int id, ListingKind kind, int[]? sdgs = null, string[]? sectors = null, ThematicArea[]? themes = null,
        string[]? countries = null, string[]? regions = null, string[]? languages = null) =>
        new(id, kind, sdgs ?? [], sectors ?? [], themes ?? [], countries ?? [], regions ?? [], languages ?? []);

    /// <summary>A Paraguayan need for water and sanitation know-how, in Spanish or Portuguese.</summary>
    private static readonly MatchFacts Need = Facts(1, ListingKind.Need, sdgs: [6, 11], sectors: ["14030", "14050"], themes: [ThematicArea.Environment],
        countries: ["PY"], languages: ["es", "pt"]);

    private static readonly MatchFacts[] Candidates =
    [
        // Shares an SDG, a sector, the theme, the country and a language, and its words: the best.
        Facts(2, ListingKind.Offer, sdgs: [6], sectors: ["14030"], themes: [ThematicArea.Environment], countries: ["PY"], languages: ["es"]),
        // Both SDGs, the sector category only, a Brazilian offer (same region as Paraguay), Portuguese.
        Facts(3, ListingKind.Offer, sdgs: [6, 11, 4], sectors: ["14010"], countries: ["BR"], languages: ["pt", "en"]),
        // A two-way exchange for South America (where Paraguay is), on the same theme; no common language.
        Facts(4, ListingKind.TwoWay, themes: [ThematicArea.Environment], regions: ["america-south"], languages: ["en"]),
        // Another need: needs do not meet needs, however much they share.
        Facts(5, ListingKind.Need, sdgs: [6, 11], sectors: ["14030", "14050"], themes: [ThematicArea.Environment], countries: ["PY"], languages: ["es"]),
        // One SDG and a language: the same score as 4, and newer.
        Facts(6, ListingKind.Offer, sdgs: [6], countries: ["KE"], languages: ["es"]),
        // A common language alone is no match.
        Facts(7, ListingKind.Offer, sdgs: [3], countries: ["KE"], languages: ["es"]),
        // A sector category alone is no match.
        Facts(8, ListingKind.Offer, sectors: ["14081"], countries: ["KE"]),
        // Nothing coded in common, but very similar words.
        Facts(9, ListingKind.Offer, sdgs: [16], countries: ["KE"]),
    ];

    private static readonly Dictionary<int, double> Text = new() { [2] = 0.6, [5] = 0.9, [9] = 0.8, [7] = 0.1 };

    [Fact]
    public void Offers_are_ranked_for_a_need_by_what_they_share()
    {
        var ranked = ListingMatching.Rank(Need, Candidates, RegionOf, Text, 10);

        Assert.Equal([2, 3, 6, 4, 9], ranked.Select(m => m.CandidateId));
        Assert.Equal([14.4, 9, 4, 4, 3.2], ranked.Select(m => m.Score));
    }

    [Fact]
    public void The_best_match_says_everything_it_shares()
    {
        var best = ListingMatching.Rank(Need, Candidates, RegionOf, Text, 1).Single();

        Assert.Equal(2, best.CandidateId);
        Assert.Equal([6], best.Reasons.Sdgs);
        Assert.Equal(["14030"], best.Reasons.Sectors);
        Assert.Empty(best.Reasons.SectorCategories);
        Assert.Equal([ThematicArea.Environment], best.Reasons.Themes);
        Assert.Equal(["PY"], best.Reasons.Countries);
        // South America is already said by Paraguay.
        Assert.Empty(best.Reasons.Regions);
        Assert.Equal(["es"], best.Reasons.Languages);
        Assert.True(best.Reasons.SimilarWords);
    }

    [Fact]
    public void A_sector_category_and_a_region_count_when_no_sector_or_country_is_shared()
    {
        var brazil = ListingMatching.Score(Need, Candidates[1], RegionOf, 0)!;

        Assert.Equal([6, 11], brazil.Reasons.Sdgs);
        Assert.Empty(brazil.Reasons.Sectors);
        Assert.Equal(["140"], brazil.Reasons.SectorCategories);
        Assert.Empty(brazil.Reasons.Countries);
        Assert.Equal(["america-south"], brazil.Reasons.Regions);
        Assert.Equal(["pt"], brazil.Reasons.Languages);
        Assert.False(brazil.Reasons.SimilarWords);
        Assert.Equal(2 * ListingMatching.SdgWeight + ListingMatching.CategoryWeight + ListingMatching.RegionWeight + ListingMatching.LanguageWeight, brazil.Score);

        var region = ListingMatching.Score(Need, Candidates[2], RegionOf, 0)!;
        Assert.Equal(["america-south"], region.Reasons.Regions);
        Assert.Empty(region.Reasons.Languages);
    }

    [Fact]
    public void Listings_of_the_same_kind_never_match_but_a_two_way_exchange_meets_either()
    {
        Assert.Null(ListingMatching.Score(Need, Candidates[3], RegionOf, 1));
        var offer = Facts(10, ListingKind.Offer, sdgs: [6]);
        Assert.Null(ListingMatching.Score(offer, Facts(11, ListingKind.Offer, sdgs: [6]), RegionOf, 1));
        Assert.NotNull(ListingMatching.Score(offer, Facts(12, ListingKind.TwoWay, sdgs: [6]), RegionOf, 0));
        Assert.NotNull(ListingMatching.Score(Facts(13, ListingKind.TwoWay, sdgs: [6]), Facts(14, ListingKind.TwoWay, sdgs: [6]), RegionOf, 0));
        // A listing is never its own match.
        Assert.Null(ListingMatching.Score(offer, offer, RegionOf, 1));
    }

    [Fact]
    public void A_language_or_a_sector_category_alone_is_no_match()
    {
        Assert.Null(ListingMatching.Score(Need, Candidates[5], RegionOf, Text[7]));
        Assert.Null(ListingMatching.Score(Need, Candidates[6], RegionOf, 0));
    }

    [Fact]
    public void Similar_words_alone_make_a_match_when_similar_enough()
    {
        var words = ListingMatching.Score(Need, Candidates[7], RegionOf, 0.8)!;
        Assert.True(words.Reasons.SimilarWords);
        Assert.True(words.Reasons.Sdgs.Count == 0 && words.Reasons.Countries.Count == 0 && words.Reasons.Regions.Count == 0);
        Assert.Null(ListingMatching.Score(Need, Candidates[7], RegionOf, 0.2));
        // Out-of-range similarities are held to 0..1.
        Assert.Equal(ListingMatching.TextWeight, ListingMatching.Score(Need, Candidates[7], RegionOf, 7)!.Score);
    }

    [Fact]
    public void An_offer_is_given_the_needs_it_could_meet()
    {
        var offer = Facts(20, ListingKind.Offer, sdgs: [4], themes: [ThematicArea.Education], countries: ["PE"], languages: ["es"]);
        var needs = new[]
        {
            Facts(21, ListingKind.Need, sdgs: [4], themes: [ThematicArea.Education], countries: ["PE"], languages: ["es"]),
            Facts(22, ListingKind.Need, sdgs: [4], countries: ["UY"]),
            Facts(23, ListingKind.Offer, sdgs: [4], themes: [ThematicArea.Education], countries: ["PE"], languages: ["es"]),
            Facts(24, ListingKind.Need, themes: [ThematicArea.Health], countries: ["KE"], languages: ["es"]),
        };

        var ranked = ListingMatching.Rank(offer, needs, RegionOf, new Dictionary<int, double>(), 5);

        Assert.Equal([21, 22], ranked.Select(m => m.CandidateId));
        Assert.Equal(["america-south"], ranked[1].Reasons.Regions);
    }

    [Fact]
    public void Caps_keep_one_kind_of_overlap_from_drowning_the_others()
    {
        var many = Facts(30, ListingKind.Need, sdgs: [1, 2, 3, 4, 5, 6, 7, 8]);
        var same = Facts(31, ListingKind.Offer, sdgs: [1, 2, 3, 4, 5, 6, 7, 8]);

        var match = ListingMatching.Score(many, same, RegionOf, 0)!;

        Assert.Equal(8, match.Reasons.Sdgs.Count);
        Assert.Equal(ListingMatching.SdgWeight * ListingMatching.MaxSdgs, match.Score);
    }

    [Fact]
    public void Shared_words_are_counted_over_the_shorter_text()
    {
        Assert.Equal(1, ListingMatching.SharedWordRatio("water sanitation", "rural water and sanitation services"));
        Assert.Equal(0.5, ListingMatching.SharedWordRatio("water sanitation", "water training"));
        // Short words (and, de, la) are left out.
        Assert.Equal(0, ListingMatching.SharedWordRatio("de la and", "de la and"));
        Assert.Equal(0, ListingMatching.SharedWordRatio("", "water"));
    }
}
