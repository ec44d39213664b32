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
        var error = Assert.Throws<DomainRuleException>(() => initiative.Publish(Now));
        Assert.Equal(RuleCode.OwnerNotAmongActors, error.Code);
        Assert.Equal(PublicationState.Draft, initiative.Publication);
    }

    [Fact]
    public void Publishing_twice_is_refused()
    {
        var initiative = Draft();
        initiative.Publish(Now);
        Assert.Equal(RuleCode.AlreadyPublished, Assert.Throws<DomainRuleException>(() => initiative.Publish(Now)).Code);
    }

    [Fact]
    public void Unpublishing_needs_a_reason_and_keeps_it()
    {
        var initiative = Draft();
        initiative.Publish(Now);
        Assert.Equal(RuleCode.ReasonRequired, Assert.Throws<DomainRuleException>(() => initiative.Unpublish("  ")).Code);
        initiative.Unpublish("  Duplicate record ");
        Assert.Equal(PublicationState.Unpublished, initiative.Publication);
        Assert.Equal("Duplicate record", initiative.UnpublishedReason);
        Assert.False(initiative.IsPublished);
    }

    [Fact]
    public void Only_a_published_record_can_be_unpublished()
    {
        Assert.Equal(RuleCode.NotPublished, Assert.Throws<DomainRuleException>(() => Draft().Unpublish("reason")).Code);
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

        Assert.Equal(RuleCode.HeldByModerator, Assert.Throws<DomainRuleException>(() => initiative.Publish(Now)).Code);
        initiative.ReleaseModeratorHold();
        initiative.Publish(Now);
        Assert.True(initiative.IsPublished);
        Assert.Equal(RuleCode.NotHeld, Assert.Throws<DomainRuleException>(initiative.ReleaseModeratorHold).Code);
    }
}
