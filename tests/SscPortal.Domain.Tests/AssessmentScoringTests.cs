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

        Assert.Contains(new RuleViolation("Justification", RuleCode.JustificationRequired, "1.1"), problems);
        Assert.Contains(new RuleViolation("Score", RuleCode.ScoreOutOfScale, "1.3"), problems);
        Assert.Contains(new RuleViolation("Evidence", RuleCode.EvidenceRequired, "2.1"), problems);
        Assert.Contains(new RuleViolation("Answers", RuleCode.IndicatorUnanswered, "2.2"), problems);
        Assert.DoesNotContain(problems, p => p.Item == "1.2");
        Assert.Throws<RuleViolationException>(() => assessment.Publish(Framework(), DateTime.UtcNow));
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
        Assert.Throws<RuleViolationException>(() => assessment.Publish(Framework(), DateTime.UtcNow));
        Assert.Throws<RuleViolationException>(() => assessment.Unpublish(" "));
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

    private static Assessment Complete(int id, int revision = 1, int? revisionOf = null)
    {
        var assessment = new Assessment { Id = id, Methods = [AssessmentMethod.Interviews], Findings = "Found.", Revision = revision, RevisionOfId = revisionOf };
        assessment.Answers.AddRange([Scored("1.1", 4), Scored("1.2", 2), Answer("1.3", AnswerKind.NotApplicable), Scored("2.1", 1), Answer("2.2", AnswerKind.InsufficientInformation)]);
        foreach (var code in new[] { "1.1", "1.2", "2.1" }) assessment.Evidence.Add(new AssessmentEvidence { IndicatorCode = code, Description = "Minutes" });
        return assessment;
    }

    [Fact]
    public void Publishing_yields_the_score_rows_of_the_assessment_one_per_dimension_and_principle()
    {
        var assessment = Complete(12);

        var rows = assessment.Publish(Framework(), DateTime.UtcNow);

        Assert.Equal(PublicationState.Published, assessment.Publication);
        Assert.All(rows, row => Assert.Equal(12, row.AssessmentId));
        Assert.Equal(["ownership", "results"], rows.Where(r => r.Scope == ScoreScope.Dimension).Select(r => r.Code));
        Assert.Equal(3.0, rows.Single(r => r.Scope == ScoreScope.Dimension && r.Code == "ownership").Average);
        Assert.Equal(
            ["democratic-ownership", "human-rights", "national-ownership", "results-orientation"],
            rows.Where(r => r.Scope == ScoreScope.Principle).Select(r => r.Code));
    }

    [Fact]
    public void Publishing_a_revision_supersedes_the_revision_it_revises()
    {
        var original = Complete(7);
        original.Publish(Framework(), DateTime.UtcNow);
        var revision = original.StartRevision(DateTime.UtcNow);
        revision.Id = 8;

        revision.Publish(Framework(), DateTime.UtcNow, original);

        Assert.Equal(8, original.SupersededById);
        Assert.Equal(PublicationState.Published, original.Publication);
        Assert.Equal(RuleCode.SupersededRevision, Assert.Throws<RuleViolationException>(() => original.StartRevision(DateTime.UtcNow)).Code);
    }

    [Fact]
    public void A_revision_is_not_published_over_another_revision_published_first()
    {
        var original = Complete(7);
        original.Publish(Framework(), DateTime.UtcNow);
        var first = original.StartRevision(DateTime.UtcNow);
        first.Id = 8;
        var late = original.StartRevision(DateTime.UtcNow);
        late.Id = 9;
        first.Publish(Framework(), DateTime.UtcNow, original);

        var refused = Assert.Throws<RuleViolationException>(() => late.Publish(Framework(), DateTime.UtcNow, original));

        Assert.Equal(RuleCode.RevisionAlreadyPublished, refused.Code);
        Assert.Equal((PublicationState.Draft, (int?)8), (late.Publication, original.SupersededById));
        Assert.Throws<ArgumentException>(() => Complete(10).Publish(Framework(), DateTime.UtcNow, original));
    }

    [Fact]
    public void An_incomplete_assessment_says_every_missing_thing_when_it_is_refused()
    {
        var assessment = new Assessment { Methods = [], Findings = " " };

        var refused = Assert.Throws<RuleViolationException>(() => assessment.Publish(Framework(), DateTime.UtcNow));

        Assert.Contains(new RuleViolation(nameof(Assessment.Methods), RuleCode.MethodRequired), refused.Violations);
        Assert.Contains(new RuleViolation(nameof(Assessment.Findings), RuleCode.FindingsRequired), refused.Violations);
        Assert.Equal(5, refused.Violations.Count(v => v.Code == RuleCode.IndicatorUnanswered));
    }

    [Fact]
    public void Touch_moves_an_assessment_to_its_next_version_at_the_time_given()
    {
        var assessment = new Assessment();
        var at = new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

        assessment.Touch(at);

        Assert.Equal((2, at), (assessment.Version, assessment.UpdatedAt));
    }
}
