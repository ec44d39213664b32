using SscPortal.Domain;

namespace SscPortal.Domain.Tests;

public class InitiativeRulesTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    private static Initiative Valid(Modality modality = Modality.Bilateral)
    {
        var initiative = new Initiative { Title = "Seed exchange", Summary = "Farmers share seeds.", Modality = modality, OwnerId = 7 };
        initiative.Actors.Add(new InitiativeActor { ActorId = 7, Role = ActorRole.Lead });
        initiative.Countries.Add(new InitiativeCountry { CountryCode = "PE", Role = CountryRole.Provider });
        initiative.Countries.Add(new InitiativeCountry { CountryCode = "PY", Role = CountryRole.Recipient });
        return initiative;
    }

    private static IEnumerable<RuleCode> Codes(Initiative initiative) => InitiativeRules.Check(initiative, Today).Select(p => p.Code);

    [Fact]
    public void A_complete_bilateral_initiative_breaks_no_rule() => Assert.Empty(InitiativeRules.Check(Valid(), Today));

    [Fact]
    public void A_bilateral_initiative_needs_a_provider_and_a_recipient()
    {
        var initiative = Valid();
        initiative.Countries.RemoveAll(c => c.Role == CountryRole.Recipient);
        Assert.Contains(RuleCode.BilateralNeedsProviderAndRecipient, Codes(initiative));
    }

    [Fact]
    public void A_bilateral_initiative_needs_two_different_countries()
    {
        var initiative = Valid();
        initiative.Countries.Clear();
        initiative.Countries.Add(new InitiativeCountry { CountryCode = "PE", Role = CountryRole.Both });
        Assert.Contains(RuleCode.BilateralNeedsProviderAndRecipient, Codes(initiative));
    }

    [Fact]
    public void A_triangular_initiative_needs_first_provider_second_provider_and_recipient()
    {
        var initiative = Valid(Modality.Triangular);
        Assert.Contains(RuleCode.TriangularNeedsFirstProviderSecondProviderAndRecipient, Codes(initiative));

        initiative.Countries.Clear();
        initiative.Countries.Add(new InitiativeCountry { CountryCode = "PE", Role = CountryRole.FirstProvider });
        initiative.Countries.Add(new InitiativeCountry { CountryCode = "DE", Role = CountryRole.SecondProvider });
        initiative.Countries.Add(new InitiativeCountry { CountryCode = "PY", Role = CountryRole.Recipient });
        Assert.Empty(Codes(initiative));
    }

    [Fact]
    public void A_regional_initiative_needs_at_least_three_countries()
    {
        var initiative = Valid(Modality.Regional);
        Assert.Contains(RuleCode.RegionalNeedsThreeCountries, Codes(initiative));
        initiative.Countries.Add(new InitiativeCountry { CountryCode = "BO", Role = CountryRole.Both });
        Assert.Empty(Codes(initiative));
    }

    [Fact]
    public void A_country_cannot_be_listed_twice()
    {
        var initiative = Valid();
        initiative.Countries.Add(new InitiativeCountry { CountryCode = "PE", Role = CountryRole.Recipient });
        Assert.Contains(RuleCode.CountryListedTwice, Codes(initiative));
    }

    [Fact]
    public void An_end_before_its_start_is_refused_for_planned_and_actual_dates()
    {
        var initiative = Valid();
        initiative.PlannedStart = new DateOnly(2025, 5, 1);
        initiative.PlannedEnd = new DateOnly(2025, 4, 30);
        initiative.ActualStart = new DateOnly(2025, 5, 1);
        initiative.ActualEnd = new DateOnly(2024, 1, 1);
        var problems = InitiativeRules.Check(initiative, Today);
        Assert.Contains(problems, p => p is { Field: nameof(Initiative.PlannedEnd), Code: RuleCode.EndBeforeStart });
        Assert.Contains(problems, p => p is { Field: nameof(Initiative.ActualEnd), Code: RuleCode.EndBeforeStart });
    }

    [Fact]
    public void An_actual_date_cannot_be_in_the_future_but_today_is_fine()
    {
        var initiative = Valid();
        initiative.ActualStart = Today;
        Assert.Empty(Codes(initiative));
        initiative.ActualStart = Today.AddDays(1);
        Assert.Contains(RuleCode.ActualDateInFuture, Codes(initiative));
    }

    [Fact]
    public void Only_one_sdg_can_be_primary()
    {
        var initiative = Valid();
        initiative.Sdgs.Add(new InitiativeSdg { GoalCode = 2, IsPrimary = true });
        initiative.Sdgs.Add(new InitiativeSdg { GoalCode = 5, IsPrimary = false });
        Assert.Empty(Codes(initiative));
        initiative.Sdgs.Add(new InitiativeSdg { GoalCode = 17, IsPrimary = true });
        Assert.Contains(RuleCode.MoreThanOnePrimarySdg, Codes(initiative));
    }

    [Fact]
    public void An_sdg_target_must_belong_to_one_of_the_goals()
    {
        var initiative = Valid();
        initiative.Sdgs.Add(new InitiativeSdg { GoalCode = 2, IsPrimary = true });
        initiative.SdgTargets.Add(new InitiativeSdgTarget { TargetCode = "2.3" });
        Assert.Empty(Codes(initiative));
        initiative.SdgTargets.Add(new InitiativeSdgTarget { TargetCode = "16.7" });
        Assert.Contains(RuleCode.TargetOutsideGoals, Codes(initiative));
    }

    [Fact]
    public void An_amount_needs_a_currency_and_a_plausible_size_and_in_kind_needs_a_description()
    {
        var initiative = Valid();
        initiative.Contributions.Add(new InitiativeContribution { ActorId = 7, Kind = ContributionKind.Money, Amount = 1000m });
        Assert.Contains(RuleCode.AmountNeedsCurrency, Codes(initiative));
        initiative.Contributions[0].Currency = "USD";
        Assert.Empty(Codes(initiative));
        initiative.Contributions[0].Amount = -1m;
        Assert.Contains(RuleCode.AmountOutOfRange, Codes(initiative));
        initiative.Contributions[0].Amount = 2_000_000_000_000m;
        Assert.Contains(RuleCode.AmountOutOfRange, Codes(initiative));
        initiative.Contributions.Clear();
        initiative.Contributions.Add(new InitiativeContribution { ActorId = 7, Kind = ContributionKind.InKind });
        Assert.Contains(RuleCode.InKindNeedsDescription, Codes(initiative));
        initiative.Contributions[0].Description = "Two agronomists";
        Assert.Empty(Codes(initiative));
    }

    [Fact]
    public void The_owning_organisation_must_be_among_the_actors()
    {
        var initiative = Valid();
        initiative.OwnerId = 99;
        Assert.Contains(RuleCode.OwnerNotAmongActors, Codes(initiative));
    }

    [Fact]
    public void Country_codes_are_two_upper_case_letters()
    {
        Assert.True(Country.IsWellFormedCode("PE"));
        Assert.False(Country.IsWellFormedCode("pe"));
        Assert.False(Country.IsWellFormedCode("PER"));
        Assert.False(Country.IsWellFormedCode("P1"));
        Assert.False(Country.IsWellFormedCode(null));
    }
}
