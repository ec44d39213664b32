using SscPortal.Domain;

namespace SscPortal.Domain.Tests;

/// <summary>The weighted ranking of a call's applications, and the rules of a review (scale, submission, conflict of interest).</summary>
public class CallRankingTests
{
    private static readonly DateTime Now = new(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>A call with two criteria, weighted 2 (id 1) and 1 (id 2), on a scale of 0 to 5.</summary>
    private static CooperationCall Call()
    {
        var call = new CooperationCall { Id = 7, Title = "Call", Text = "Text", ScaleMax = 5 };
        call.Criteria.Add(new CallCriterion { Id = 1, Name = "Horizontality", Weight = 2 });
        call.Criteria.Add(new CallCriterion { Id = 2, Name = "Transferability", Weight = 1 });
        return call;
    }

    private static CallRanking.SubmittedReview Scored(int application, int first, int second) =>
        new(application, new Dictionary<int, int> { [1] = first, [2] = second });

    [Fact]
    public void The_weighted_score_is_the_weighted_mean_of_the_criteria_means()
    {
        var ranking = CallRanking.Rank(Call().Criteria, [10], [Scored(10, 4, 4), Scored(10, 4, 5)]);

        var row = Assert.Single(ranking);
        Assert.Equal(4m, row.CriterionMeans[1]);
        Assert.Equal(4.5m, row.CriterionMeans[2]);
        Assert.Equal(4.17m, row.WeightedScore);
        Assert.Equal(2, row.Reviews);
    }

    [Fact]
    public void The_spread_is_between_the_highest_and_lowest_reviewers_own_weighted_score()
    {
        var ranking = CallRanking.Rank(Call().Criteria, [10, 11], [Scored(10, 5, 5), Scored(10, 2, 2), Scored(10, 3, 0), Scored(11, 3, 3)]);

        var split = ranking.Single(r => r.ApplicationId == 10);
        Assert.Equal(3m, split.Spread);
        Assert.Equal(0m, ranking.Single(r => r.ApplicationId == 11).Spread);
    }

    [Fact]
    public void A_heavier_criterion_weighs_more_in_the_order()
    {
        // 10 is strong on the criterion weighted 2, 11 on the one weighted 1: the same sum, but 10 ranks first.
        var ranking = CallRanking.Rank(Call().Criteria, [11, 10], [Scored(10, 5, 1), Scored(11, 1, 5)]);

        Assert.Equal([10, 11], ranking.Select(r => r.ApplicationId).ToArray());
        Assert.Equal([3.67m, 2.33m], ranking.Select(r => r.WeightedScore!.Value).ToArray());
        Assert.Equal([1, 2], ranking.Select(r => r.Rank).ToArray());
    }

    [Fact]
    public void Unreviewed_applications_come_last_and_ties_keep_the_earlier_application_first()
    {
        var ranking = CallRanking.Rank(Call().Criteria, [30, 20, 12, 14], [Scored(14, 3, 3), Scored(12, 3, 3), Scored(30, 0, 0)]);

        Assert.Equal([12, 14, 30, 20], ranking.Select(r => r.ApplicationId).ToArray());
        var unreviewed = ranking[^1];
        Assert.Null(unreviewed.WeightedScore);
        Assert.Null(unreviewed.Spread);
        Assert.Empty(unreviewed.CriterionMeans);
        Assert.Equal(0, unreviewed.Reviews);
        // A score of zero is a score: reviewed, ranked before the unreviewed.
        Assert.Equal(0m, ranking[2].WeightedScore);
    }

    [Fact]
    public void A_review_scoring_only_some_criteria_is_weighted_over_those_it_scored()
    {
        var weighted = CallRanking.Weighted(Call().Criteria, new Dictionary<int, decimal> { [2] = 4 });

        Assert.Equal(4m, weighted);
        Assert.Null(CallRanking.Weighted(Call().Criteria, new Dictionary<int, decimal>()));
    }

    [Fact]
    public void A_score_must_be_on_the_scale_and_for_a_criterion_of_the_call()
    {
        var call = Call();
        var review = Review.Declare(1, 10, conflict: false, null, Now);

        var outside = Assert.Throws<RuleViolationException>(() => review.Score(call, [new ReviewScore { CriterionId = 1, Score = 6 }, new ReviewScore { CriterionId = 2, Score = -1 }]));
        Assert.Equal([RuleCode.ScoreOutOfScale, RuleCode.ScoreOutOfScale], outside.Violations.Select(v => v.Code).ToArray());
        Assert.Equal(["Scores[1]", "Scores[2]"], outside.Violations.Select(v => v.Field).ToArray());
        var unknown = Assert.Throws<RuleViolationException>(() => review.Score(call, [new ReviewScore { CriterionId = 99, Score = 3 }]));
        Assert.Equal(RuleCode.UnknownCriterion, Assert.Single(unknown.Violations).Code);
        // Nothing of a refused score is kept.
        Assert.Empty(review.Scores);
        Assert.Equal(1, review.Version);

        review.Score(call, [new ReviewScore { CriterionId = 1, Score = 0 }, new ReviewScore { CriterionId = 2, Score = 5, Comment = "  Ready to transfer.  " }]);
        Assert.Equal("Ready to transfer.", review.Scores.Single(s => s.CriterionId == 2).Comment);
        Assert.Equal(2, review.Version);
    }

    [Fact]
    public void Submitting_needs_every_criterion_scored_and_then_nothing_changes()
    {
        var call = Call();
        var review = Review.Declare(1, 10, conflict: false, null, Now);
        review.Score(call, [new ReviewScore { CriterionId = 1, Score = 4 }]);

        var unscored = Assert.Throws<RuleViolationException>(() => review.Submit(call, Now));
        Assert.Equal(RuleCode.ScoreRequired, Assert.Single(unscored.Violations).Code);
        Assert.Equal("Scores[2]", unscored.Violations[0].Field);
        Assert.False(review.IsSubmitted);

        review.Score(call, [new ReviewScore { CriterionId = 2, Score = 3 }]);
        review.Submit(call, Now);
        Assert.True(review.IsSubmitted);
        Assert.Equal(RuleCode.ReviewSubmitted, Assert.Throws<RuleViolationException>(() => review.Score(call, [new ReviewScore { CriterionId = 1, Score = 1 }])).Code);
        Assert.Equal(RuleCode.ReviewSubmitted, Assert.Throws<RuleViolationException>(() => review.DeclareConflict("Too late", Now)).Code);
        Assert.Equal(RuleCode.ReviewSubmitted, Assert.Throws<RuleViolationException>(() => review.Submit(call, Now)).Code);
    }

    [Fact]
    public void A_conflict_of_interest_ends_the_review_and_is_never_withdrawn()
    {
        var call = Call();
        var conflicted = Review.Declare(1, 10, conflict: true, "  I advised them.  ", Now);
        Assert.True(conflicted.Conflict);
        Assert.Equal("I advised them.", conflicted.ConflictNote);
        Assert.Equal(RuleCode.ConflictDeclared, Assert.Throws<RuleViolationException>(() => conflicted.Score(call, [new ReviewScore { CriterionId = 1, Score = 3 }])).Code);
        Assert.Equal(RuleCode.ConflictDeclared, Assert.Throws<RuleViolationException>(() => conflicted.Submit(call, Now)).Code);
        Assert.Equal(RuleCode.ConflictDeclared, Assert.Throws<RuleViolationException>(() => conflicted.DeclareConflict(null, Now)).Code);

        // Found later, before submitting: the scores given are dropped.
        var later = Review.Declare(2, 10, conflict: false, null, Now);
        later.Score(call, [new ReviewScore { CriterionId = 1, Score = 5 }]);
        later.DeclareConflict("A partner is my employer.", Now.AddDays(1));
        Assert.True(later.Conflict);
        Assert.Empty(later.Scores);
        Assert.Equal(Now.AddDays(1), later.DeclaredAt);
        Assert.Equal(RuleCode.TextTooLong, Assert.Throws<RuleViolationException>(() => Review.Declare(3, 10, true, new string('x', Review.CommentLength + 1), Now)).Code);
    }
}
