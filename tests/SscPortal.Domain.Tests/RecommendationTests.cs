using SscPortal.Domain;

namespace SscPortal.Domain.Tests;

/// <summary>The rules of a recommendation's thread: one answer, progress only on what was accepted, views only of the party's words.</summary>
public class RecommendationTests
{
    private static readonly DateTime Now = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);
    private const int Party = 7;
    private const int Assessor = 3;

    private static Recommendation Fresh() => new() { Id = 10, Number = 1, Text = "Publish the budget.", AddressedToId = Party };

    private static RuleCode[] Codes(Action act) => Assert.Throws<RuleViolationException>(act).Violations.Select(v => v.Code).ToArray();

    [Fact]
    public void An_accepted_answer_needs_a_commitment_and_a_target_date_not_in_the_past()
    {
        var recommendation = Fresh();
        Assert.Equal([RuleCode.CommitmentRequired, RuleCode.TargetDateRequired],
            Codes(() => recommendation.Answer(Party, null, RecommendationStatus.Accepted, "Yes.", " ", null, null, Now)));
        Assert.Equal([RuleCode.TargetDateInPast],
            Codes(() => recommendation.Answer(Party, null, RecommendationStatus.PartlyAccepted, "In part.", "The summary.", Today.AddDays(-1), null, Now)));
        Assert.Equal(RecommendationStatus.Awaiting, recommendation.Status);

        var said = recommendation.Answer(Party, "u1", RecommendationStatus.Accepted, " We will. ", " Publish it online. ", Today.AddDays(30), "https://example.org/plan", Now);
        Assert.Equal((StatementKind.Answer, 10, 10, "We will.", "Publish it online.", (DateOnly?)Today.AddDays(30)),
            (said.Kind, said.RecommendationId, said.ThreadId, said.Text, said.Commitment, said.TargetDate));
        Assert.Equal((RecommendationStatus.Accepted, (DateOnly?)Today.AddDays(30), (DateTime?)Now), (recommendation.Status, recommendation.TargetDate, recommendation.LastStatementAt));
    }

    [Fact]
    public void A_recommendation_is_answered_once_by_the_party_it_is_addressed_to()
    {
        var recommendation = Fresh();
        Assert.Equal([RuleCode.NotAddressed], Codes(() => recommendation.Answer(Party + 1, null, RecommendationStatus.NotAccepted, "No.", null, null, null, Now)));
        Assert.Equal([RuleCode.NotAnAnswer], Codes(() => recommendation.Answer(Party, null, RecommendationStatus.Implemented, "Done.", null, null, null, Now)));
        var refused = recommendation.Answer(Party, null, RecommendationStatus.NotAccepted, "Not our mandate.", "ignored", null, null, Now);
        Assert.Null(refused.Commitment);
        Assert.Equal([RuleCode.AlreadyAnswered], Codes(() => recommendation.Answer(Party, null, RecommendationStatus.Accepted, "Now yes.", "Do it.", Today, null, Now)));
        // Nothing to report progress on what was not accepted.
        Assert.Equal([RuleCode.NoProgressExpected], Codes(() => recommendation.Progress(Party, null, RecommendationStatus.InProgress, "Working.", null, null, Now)));
    }

    [Fact]
    public void Progress_follows_an_acceptance_until_it_is_implemented_and_a_passed_target_date_is_overdue()
    {
        var recommendation = Fresh();
        Assert.Equal([RuleCode.NotYetAnswered], Codes(() => recommendation.Progress(Party, null, RecommendationStatus.InProgress, "Working.", null, null, Now)));
        recommendation.Answer(Party, null, RecommendationStatus.Accepted, "Yes.", "Publish it.", Today.AddDays(10), null, Now);
        Assert.False(recommendation.IsOverdue(Today));
        Assert.True(recommendation.IsOverdue(Today.AddDays(11)));
        Assert.Equal([RuleCode.NotAProgressStatus], Codes(() => recommendation.Progress(Party, null, RecommendationStatus.Accepted, "Again.", null, null, Now)));
        var moved = recommendation.Progress(Party, null, RecommendationStatus.InProgress, "Drafting.", Today.AddDays(40), null, Now);
        Assert.Equal((RecommendationStatus.InProgress, (DateOnly?)Today.AddDays(40)), (recommendation.Status, recommendation.TargetDate));
        Assert.Equal(Today.AddDays(40), moved.TargetDate);
        recommendation.Progress(Party, null, RecommendationStatus.Implemented, "Online.", null, "https://example.org/budget", Now);
        Assert.Equal((RecommendationStatus.Implemented, (DateOnly?)Today.AddDays(40)), (recommendation.Status, recommendation.TargetDate));
        // Implemented is never overdue, and takes no more progress.
        Assert.False(recommendation.IsOverdue(Today.AddDays(100)));
        Assert.Equal([RuleCode.NoProgressExpected], Codes(() => recommendation.Progress(Party, null, RecommendationStatus.InProgress, "More.", null, null, Now)));
    }

    [Fact]
    public void The_assessor_gives_its_view_of_the_party_s_statements_only_and_never_changes_the_standing()
    {
        var recommendation = Fresh();
        var answer = recommendation.Answer(Party, null, RecommendationStatus.AlreadyDone, "Done last year.", null, null, null, Now);
        answer.Id = 99;
        var view = recommendation.View(Assessor, "u2", answer, AssessorVerdict.Disputes, "Only in part.", null, Now);
        Assert.Equal((StatementKind.AssessorView, Assessor, (int?)99, (AssessorVerdict?)AssessorVerdict.Disputes), (view.Kind, view.OrganisationId, view.AboutId, view.Verdict));
        Assert.Equal(RecommendationStatus.AlreadyDone, recommendation.Status);
        Assert.Equal([RuleCode.NotAPartyStatement], Codes(() => recommendation.View(Assessor, null, view, AssessorVerdict.Comment, "On my own view.", null, Now)));
        var elsewhere = new RecommendationStatement { Id = 5, ThreadId = 11, Kind = StatementKind.Answer, Text = "Other thread." };
        Assert.Equal([RuleCode.NotAPartyStatement], Codes(() => recommendation.View(Assessor, null, elsewhere, AssessorVerdict.Comment, "Wrong thread.", null, Now)));
        Assert.Equal([RuleCode.TextRequired], Codes(() => recommendation.View(Assessor, null, answer, AssessorVerdict.AgreesDone, "  ", null, Now)));
        Assert.Equal([RuleCode.TextTooLong], Codes(() => recommendation.View(Assessor, null, answer, AssessorVerdict.AgreesDone, new string('x', RecommendationStatement.TextLength + 1), null, Now)));
    }

    [Fact]
    public void A_revision_s_copy_continues_the_thread_and_a_hidden_statement_keeps_its_words()
    {
        var recommendation = Fresh().WithPrinciples(["mutual-accountability", "mutual-accountability", "transparency"]);
        recommendation.Indicators = ["1.1"];
        recommendation.Answer(Party, null, RecommendationStatus.Accepted, "Yes.", "Publish it.", Today.AddDays(10), null, Now);
        var copy = recommendation.CarryOver();
        Assert.Equal((10, RecommendationStatus.Accepted, (DateOnly?)Today.AddDays(10), 10), (copy.ThreadId!.Value, copy.Status, copy.TargetDate, copy.Thread));
        Assert.Equal(["mutual-accountability", "transparency"], copy.Principles.Select(p => p.PrincipleCode));
        Assert.Equal(["1.1"], copy.Indicators);
        Assert.Equal(10, copy.CarryOver().ThreadId);

        var statement = new RecommendationStatement { Text = "Offensive words." };
        Assert.Equal([RuleCode.ReasonRequired], Codes(() => statement.Hide(" ", Now)));
        statement.Hide(" Insults a person. ", Now);
        Assert.Equal(("Offensive words.", "Insults a person.", (DateTime?)Now), (statement.Text, statement.HiddenReason, statement.HiddenAt));
        Assert.Equal([RuleCode.AlreadyHidden], Codes(() => statement.Hide("Again.", Now)));
    }

    [Fact]
    public void A_carried_recommendation_addressed_to_another_party_starts_its_own_thread_and_a_revision_takes_its_thread_s_standing()
    {
        var original = Fresh();
        original.Answer(Party, null, RecommendationStatus.Accepted, "Yes.", "Publish it.", Today.AddDays(10), null, Now);
        var copy = new Recommendation { Text = "Publish the budget.", AddressedToId = Party, ThreadId = original.Id };
        copy.TakeStanding(original);
        Assert.Equal((RecommendationStatus.Accepted, (DateOnly?)Today.AddDays(10)), (copy.Status, copy.TargetDate));
        Assert.Throws<ArgumentException>(() => copy.TakeStanding(new Recommendation { Id = 99, Text = "Other." }));

        copy.Readdress(Party);
        Assert.Equal((10, RecommendationStatus.Accepted), (copy.ThreadId!.Value, copy.Status));
        copy.Readdress(Party + 1);
        Assert.Equal((Party + 1, (int?)null, RecommendationStatus.Awaiting, (DateOnly?)null), (copy.AddressedToId, copy.ThreadId, copy.Status, copy.TargetDate));
    }
}
