using SscPortal.Domain;

namespace SscPortal.Domain.Tests;

public class PublicationTests
{
    private static readonly DateTime Now = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private static Initiative Draft()
    {
        var initiative = new Initiative { Title = "City exchange", Summary = "Two cities exchange know-how.", Modality = Modality.Decentralised, OwnerId = 1 };
        initiative.Actors.Add(new InitiativeActor { ActorId = 1, Role = ActorRole.Lead });
        initiative.Countries.Add(new InitiativeCountry { CountryCode = "UY", Role = CountryRole.Provider });
        initiative.Countries.Add(new InitiativeCountry { CountryCode = "AR", Role = CountryRole.Recipient });
        return initiative;
    }

    [Fact]
    public void A_new_initiative_is_a_draft_and_not_public()
    {
        var initiative = Draft();
        Assert.Equal(PublicationState.Draft, initiative.Publication);
        Assert.False(initiative.IsPublished);
        Assert.Null(initiative.PublishedAt);
    }

    [Fact]
    public void Publishing_makes_it_public_and_records_when()
    {
        var initiative = Draft();
        initiative.Publish(Now);
        Assert.True(initiative.IsPublished);
        Assert.Equal(Now, initiative.PublishedAt);
    }

    [Fact]
    public void A_record_that_breaks_a_rule_cannot_be_published()
    {
        var initiative = Draft();
        initiative.OwnerId = 2;
        var error = Assert.Throws<RuleViolationException>(() => initiative.Publish(Now));
        Assert.Equal(RuleCode.OwnerNotAmongActors, error.Code);
        Assert.Equal(PublicationState.Draft, initiative.Publication);
    }

    [Fact]
    public void Publishing_twice_is_refused()
    {
        var initiative = Draft();
        initiative.Publish(Now);
        Assert.Equal(RuleCode.AlreadyPublished, Assert.Throws<RuleViolationException>(() => initiative.Publish(Now)).Code);
    }

    [Fact]
    public void Unpublishing_needs_a_reason_and_keeps_it()
    {
        var initiative = Draft();
        initiative.Publish(Now);
        Assert.Equal(RuleCode.ReasonRequired, Assert.Throws<RuleViolationException>(() => initiative.Unpublish("  ")).Code);
        initiative.Unpublish("  Duplicate record ");
        Assert.Equal(PublicationState.Unpublished, initiative.Publication);
        Assert.Equal("Duplicate record", initiative.UnpublishedReason);
        Assert.False(initiative.IsPublished);
    }

    [Fact]
    public void Only_a_published_record_can_be_unpublished()
    {
        Assert.Equal(RuleCode.NotPublished, Assert.Throws<RuleViolationException>(() => Draft().Unpublish("reason")).Code);
    }

    [Fact]
    public void An_unpublished_record_can_be_published_again_and_loses_its_reason()
    {
        var initiative = Draft();
        initiative.Publish(Now);
        initiative.Unpublish("Under review");
        initiative.Publish(Now.AddDays(1));
        Assert.True(initiative.IsPublished);
        Assert.Null(initiative.UnpublishedReason);
        Assert.Equal(Now.AddDays(1), initiative.PublishedAt);
    }

    [Fact]
    public void A_record_a_moderator_unpublished_cannot_be_republished_until_the_hold_is_lifted()
    {
        var initiative = Draft();
        initiative.Publish(Now);
        initiative.Unpublish("Breaks the terms", byModerator: true);

        Assert.Equal(RuleCode.HeldByModerator, Assert.Throws<RuleViolationException>(() => initiative.Publish(Now)).Code);
        initiative.ReleaseModeratorHold();
        initiative.Publish(Now);
        Assert.True(initiative.IsPublished);
        Assert.Equal(RuleCode.NotHeld, Assert.Throws<RuleViolationException>(initiative.ReleaseModeratorHold).Code);
    }

    [Theory]
    [InlineData(null, RuleCode.ReasonRequired)]
    [InlineData("   ", RuleCode.ReasonRequired)]
    [InlineData(1001, RuleCode.ReasonTooLong)]
    public void The_unpublish_reason_is_said_and_at_most_a_thousand_characters_for_every_kind_of_record(object? reason, RuleCode broken)
    {
        var text = reason is int length ? new string('x', length) : (string?)reason;
        Assert.Equal(broken, Assert.Throws<RuleViolationException>(() => UnpublishReason.Check(text)).Code);

        var initiative = Draft();
        initiative.Publish(Now);
        Assert.Equal(broken, Assert.Throws<RuleViolationException>(() => initiative.Unpublish(text)).Code);
        Assert.True(initiative.IsPublished);

        var partnership = Partnership();
        partnership.Publish(Now);
        Assert.Equal(broken, Assert.Throws<RuleViolationException>(() => partnership.Unpublish(text)).Code);
        Assert.True(partnership.IsPublished);
    }

    [Fact]
    public void A_reason_of_a_thousand_characters_is_kept_trimmed()
    {
        var reason = new string('x', UnpublishReason.MaxLength);
        Assert.Equal(reason, UnpublishReason.Check("  " + reason + " "));
        var partnership = Partnership();
        partnership.Publish(Now);
        partnership.Unpublish(" Signed by someone without the mandate. ");
        Assert.Equal("Signed by someone without the mandate.", partnership.UnpublishedReason);
    }

    private static Partnership Partnership()
    {
        var partnership = new Partnership { Title = "MoU", OwnerId = 1 };
        partnership.Apply("MoU", PartnershipType.MemorandumOfUnderstanding, null, null, null, null, null, [1, 2], []);
        return partnership;
    }

    [Fact]
    public void Apply_takes_a_partnerships_fields_trimmed_and_its_signatories_and_initiatives_once_each()
    {
        var partnership = new Partnership { Title = "", OwnerId = 1 };
        partnership.Signatories.Add(new PartnershipSignatory { ActorId = 3 });
        partnership.Initiatives.Add(new PartnershipInitiative { InitiativeId = 40 });

        partnership.Apply("  Twinning of two cities ", PartnershipType.Twinning, "  ", new DateOnly(2025, 1, 2), new DateOnly(2025, 2, 1), null, " https://example.org/mou.pdf ",
            [1, 2, 2], [41, 40]);

        Assert.Equal(("Twinning of two cities", PartnershipType.Twinning, (string?)null, "https://example.org/mou.pdf"), (partnership.Title, partnership.Type, partnership.Scope, partnership.DocumentUrl));
        Assert.Equal((new DateOnly(2025, 1, 2), new DateOnly(2025, 2, 1), (DateOnly?)null), (partnership.SignedOn, partnership.StartsOn, partnership.EndsOn));
        Assert.Equal([1, 2], partnership.Signatories.Select(s => s.ActorId).Order());
        Assert.Equal([40, 41], partnership.Initiatives.Select(i => i.InitiativeId).Order());
        Assert.Empty(partnership.Check());
    }

    [Fact]
    public void A_refused_publication_names_every_rule_broken_with_its_field()
    {
        var partnership = new Partnership { Title = " ", OwnerId = 9 };
        partnership.Apply(" ", PartnershipType.Other, null, null, new DateOnly(2025, 5, 1), new DateOnly(2025, 4, 1), null, [1], []);

        var refused = Assert.Throws<RuleViolationException>(() => partnership.Publish(Now));

        Assert.Equal(
            [new("Title", RuleCode.TitleRequired), new("Signatories", RuleCode.PartnershipNeedsTwoSignatories), new("Signatories", RuleCode.OwnerNotAmongSignatories), new("EndsOn", RuleCode.EndBeforeStart)],
            refused.Violations);
        Assert.False(partnership.IsPublished);
    }

    [Fact]
    public void Touch_moves_a_record_to_its_next_version_at_the_time_given()
    {
        var initiative = Draft();
        var partnership = Partnership();

        initiative.Touch(Now);
        partnership.Touch(Now.AddHours(1));

        Assert.Equal((2, Now), (initiative.Version, initiative.UpdatedAt));
        Assert.Equal((2, Now.AddHours(1)), (partnership.Version, partnership.UpdatedAt));
    }
}
