using SscPortal.Domain;

namespace SscPortal.Domain.Tests;

/// <summary>How answers roll up: averages leave out "not applicable" and "insufficient information", and say what they rest on.</summary>
public class AssessmentScoringTests
{
    private static readonly LocalText Text = new("text");

    private static AssessmentFramework Framework() => new()
    {
        Version = 1, Title = Text,
        Scale = Enumerable.Range(0, 5).Select(s => new ScaleLevel(s, Text, Text)).ToList(),
        Dimensions =
        [
            new("ownership", Text, Text, [new("1.1", Text, ["national-ownership"]), new("1.2", Text, ["national-ownership", "democratic-ownership"]), new("1.3", Text, ["human-rights"])]),
            new("results", Text, Text, [new("2.1", Text, ["results-orientation"]), new("2.2", Text, ["results-orientation", "national-ownership"])]),
        ],
    };

    private static AssessmentAnswer Scored(string code, int score) => new() { IndicatorCode = code, Kind = AnswerKind.Scored, Score = score, Justification = "why", Confidence = Confidence.High };
    private static AssessmentAnswer Answer(string code, AnswerKind kind) => new() { IndicatorCode = code, Kind = kind, Justification = "why" };

    [Fact]
    public void Not_applicable_and_insufficient_information_are_counted_but_never_averaged_as_zero()
    {
        var answers = new[] { Scored("1.1", 4), Answer("1.2", AnswerKind.NotApplicable), Answer("1.3", AnswerKind.InsufficientInformation), Scored("2.1", 1), Scored("2.2", 2) };

        var byDimension = AssessmentScoring.ByDimension(Framework(), answers);

        Assert.Equal(new ScoreSummary("ownership", 4m, 1, 1, 1), byDimension[0]);
        Assert.Equal(new ScoreSummary("results", 1.5m, 2, 0, 0), byDimension[1]);
    }

    [Fact]
    public void A_dimension_with_no_scored_answer_has_no_average_rather_than_zero()
    {
        var answers = new[] { Answer("1.1", AnswerKind.NotApplicable), Answer("1.2", AnswerKind.InsufficientInformation) };

        var ownership = AssessmentScoring.ByDimension(Framework(), answers)[0];

        Assert.Null(ownership.Average);
        Assert.Equal((0, 1, 1), (ownership.Scored, ownership.NotApplicable, ownership.InsufficientInformation));
    }

    [Fact]
    public void Principles_roll_up_through_the_indicators_that_test_them_across_dimensions()
    {
        var answers = new[] { Scored("1.1", 3), Scored("1.2", 0), Scored("1.3", 2), Scored("2.1", 4), Answer("2.2", AnswerKind.NotApplicable) };

        var byPrinciple = AssessmentScoring.ByPrinciple(Framework(), answers).ToDictionary(s => s.Code);

        Assert.Equal(new ScoreSummary("national-ownership", 1.5m, 2, 1, 0), byPrinciple["national-ownership"]);
        Assert.Equal(new ScoreSummary("democratic-ownership", 0m, 1, 0, 0), byPrinciple["democratic-ownership"]);
        Assert.Equal(new ScoreSummary("results-orientation", 4m, 1, 1, 0), byPrinciple["results-orientation"]);
        Assert.Equal(4, byPrinciple.Count);
    }

    [Fact]
    public void Averages_are_rounded_to_two_decimals()
    {
        var answers = new[] { Scored("1.1", 1), Scored("1.2", 1), Scored("1.3", 2) };

        Assert.Equal(1.33m, AssessmentScoring.ByDimension(Framework(), answers)[0].Average);
    }

    [Fact]
    public void Publishing_needs_every_indicator_answered_with_justification_confidence_and_evidence()
    {
        var assessment = new Assessment { Methods = [AssessmentMethod.Interviews], Findings = "Found." };
        assessment.Answers.AddRange([Scored("1.1", 3), Answer("1.2", AnswerKind.NotApplicable), Scored("1.3", 5), Scored("2.1", 2)]);
        assessment.Answers[0].Justification = " ";
        assessment.Evidence.Add(new AssessmentEvidence { IndicatorCode = "1.1", Description = "Minutes of the assembly" });

        var problems = assessment.CheckComplete(Framework());

        Assert.Contains(new AssessmentProblem("Justification", AssessmentRule.JustificationRequired, "1.1"), problems);
        Assert.Contains(new AssessmentProblem("Score", AssessmentRule.ScoreOutOfScale, "1.3"), problems);
        Assert.Contains(new AssessmentProblem("Evidence", AssessmentRule.EvidenceRequired, "2.1"), problems);
        Assert.Contains(new AssessmentProblem("Answers", AssessmentRule.IndicatorUnanswered, "2.2"), problems);
        Assert.DoesNotContain(problems, p => p.Indicator == "1.2");
        Assert.Throws<AssessmentRuleException>(() => assessment.Publish(Framework(), DateTime.UtcNow));
        Assert.Equal(PublicationState.Draft, assessment.Publication);
    }

    [Fact]
    public void A_published_assessment_is_revised_by_a_copy_and_only_a_moderator_reason_unpublishes_it()
    {
        var assessment = new Assessment { Id = 7, Methods = [AssessmentMethod.DocumentReview], Findings = "Found.", Revision = 1 };
        foreach (var code in new[] { "1.1", "1.2", "1.3", "2.1", "2.2" }) assessment.Answers.Add(Answer(code, AnswerKind.InsufficientInformation));
        assessment.Publish(Framework(), DateTime.UtcNow);

        var revision = assessment.StartRevision(DateTime.UtcNow);

        Assert.Equal((2, 7, PublicationState.Draft), (revision.Revision, revision.RevisionOfId, revision.Publication));
        Assert.Equal(5, revision.Answers.Count);
        Assert.Throws<AssessmentRuleException>(() => assessment.Publish(Framework(), DateTime.UtcNow));
        Assert.Throws<AssessmentRuleException>(() => assessment.Unpublish(" "));
        assessment.Unpublish("Names a private person.");
        Assert.Equal(PublicationState.Unpublished, assessment.Publication);
    }

    [Theory]
    [InlineData(OrganisationKind.Official, AssessorRelationship.Party, AssessmentPerspective.SelfAssessment)]
    [InlineData(OrganisationKind.CivilSociety, AssessorRelationship.Affected, AssessmentPerspective.CivilSociety)]
    [InlineData(OrganisationKind.CivilSociety, AssessorRelationship.Implementing, AssessmentPerspective.CivilSociety)]
    [InlineData(OrganisationKind.CivilSociety, AssessorRelationship.Independent, AssessmentPerspective.Independent)]
    public void The_perspective_follows_from_who_assesses(OrganisationKind kind, AssessorRelationship relationship, AssessmentPerspective expected) =>
        Assert.Equal(expected, Assessment.PerspectiveOf(kind, relationship));

    [Fact]
    public void A_framework_with_gaps_in_its_scale_or_unknown_principles_is_not_sound()
    {
        var framework = Framework();
        framework.Scale.RemoveAt(2);
        framework.Dimensions[0].Indicators.Add(new FrameworkIndicator("1.1", Text, ["made-up"]));

        var problems = framework.Problems(new HashSet<string> { "national-ownership", "democratic-ownership", "human-rights", "results-orientation" });

        Assert.Contains(problems, p => p.Contains("scale", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("“1.1” is used more than once", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("unknown principle “made-up”", StringComparison.Ordinal));
        Assert.Empty(Framework().Problems(new HashSet<string> { "national-ownership", "democratic-ownership", "human-rights", "results-orientation" }));
    }
}
