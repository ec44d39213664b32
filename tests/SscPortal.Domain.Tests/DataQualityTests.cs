using SscPortal.Domain;

namespace SscPortal.Domain.Tests;

/// <summary>The record-level data-quality checks, one by one, the score, and the refusal to publish a record the IATI file cannot carry.</summary>
public class DataQualityTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    /// <summary>A record that passes every record-level check.</summary>
    private static Initiative Complete()
    {
        var initiative = new Initiative { Title = "Seed exchange", Summary = "Farmers share seeds.", Modality = Modality.Bilateral, OwnerId = 7, Language = "es",
            Status = ActivityStatus.Implementation, PlannedStart = new DateOnly(2025, 1, 1), PlannedEnd = new DateOnly(2027, 12, 31) };
        initiative.Actors.Add(new InitiativeActor { ActorId = 7, Role = ActorRole.Lead });
        initiative.Countries.Add(new InitiativeCountry { CountryCode = "PE", Role = CountryRole.Provider });
        initiative.Countries.Add(new InitiativeCountry { CountryCode = "PY", Role = CountryRole.Recipient });
        initiative.Sdgs.Add(new InitiativeSdg { GoalCode = 2, IsPrimary = true });
        initiative.Sectors.Add(new InitiativeSector { SectorCode = "31161" });
        initiative.Translations.Add(new InitiativeTranslation { Language = "en", Title = "Seed exchange", Summary = "Farmers share seeds." });
        initiative.Contributions.Add(new InitiativeContribution { ActorId = 7, Kind = ContributionKind.Money, Amount = 1000m, Currency = "PEN" });
        initiative.Links.Add(new InitiativeLink { Id = 1, Title = "Agreement", Url = "https://example.org/agreement.pdf" });
        return initiative;
    }

    private static IReadOnlyList<QualityFinding> Findings(Initiative initiative) => DataQuality.Check(QualityFacts.Of(initiative), Today);

    private static QualityFinding Single(Initiative initiative, QualityCheck check) => Assert.Single(Findings(initiative), f => f.Check == check);

    [Fact]
    public void A_complete_record_has_no_finding_and_scores_100()
    {
        Assert.Empty(Findings(Complete()));
        Assert.Equal(100, DataQuality.Score(Findings(Complete())));
    }

    [Fact]
    public void Every_check_is_documented_once_with_a_severity_and_a_field()
    {
        Assert.Equal(Enum.GetValues<QualityCheck>().Order(), DataQuality.Rules.Select(r => r.Check).Order());
        Assert.All(DataQuality.Rules, r => Assert.False(string.IsNullOrEmpty(r.Field)));
        Assert.All(DataQuality.Rules.Where(r => r.Severity == QualitySeverity.Critical), r => Assert.True((int)r.Check < 20));
    }

    [Fact]
    public void An_actual_date_in_the_future_is_critical_on_its_field()
    {
        var initiative = Complete();
        initiative.ActualStart = Today.AddDays(1);
        var finding = Single(initiative, QualityCheck.ActualDateInFuture);
        Assert.Equal((QualitySeverity.Critical, nameof(Initiative.ActualStart)), (finding.Severity, finding.Field));
        initiative.ActualStart = Today;
        Assert.DoesNotContain(Findings(initiative), f => f.Check == QualityCheck.ActualDateInFuture);
    }

    [Fact]
    public void An_end_before_its_start_is_critical_for_planned_and_actual_dates()
    {
        var initiative = Complete();
        initiative.PlannedEnd = new DateOnly(2024, 12, 31);
        initiative.ActualStart = new DateOnly(2025, 3, 1);
        initiative.ActualEnd = new DateOnly(2025, 2, 1);
        var fields = Findings(initiative).Where(f => f.Check == QualityCheck.EndBeforeStart).Select(f => f.Field).ToList();
        Assert.Equal([nameof(Initiative.PlannedEnd), nameof(Initiative.ActualEnd)], fields);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("usd")]
    [InlineData("US")]
    [InlineData("DOLLARS")]
    public void Money_without_a_valid_currency_is_critical_and_names_the_contribution(string? currency)
    {
        var initiative = Complete();
        initiative.Contributions.Add(new InitiativeContribution { ActorId = 7, Kind = ContributionKind.Money, Amount = 5m, Currency = currency });
        var finding = Single(initiative, QualityCheck.CurrencyInvalid);
        Assert.Equal((QualitySeverity.Critical, 1, currency), (finding.Severity, finding.Item, finding.Detail));
    }

    [Fact]
    public void A_contribution_in_kind_without_an_amount_needs_no_currency()
    {
        var initiative = Complete();
        initiative.Contributions.Add(new InitiativeContribution { ActorId = 7, Kind = ContributionKind.InKind, Description = "Two agronomists" });
        Assert.Empty(Findings(initiative));
    }

    [Fact]
    public void A_title_of_characters_xml_cannot_carry_is_critical()
    {
        var initiative = Complete();
        initiative.Title = "\u0001\u0002 ";
        Assert.Equal(QualitySeverity.Critical, Single(initiative, QualityCheck.TitleNotWritable).Severity);
    }

    [Fact]
    public void A_translation_in_the_records_own_language_or_twice_in_one_language_is_critical()
    {
        var initiative = Complete();
        initiative.Translations.Add(new InitiativeTranslation { Language = "es", Title = "Intercambio", Summary = "…" });
        initiative.Translations.Add(new InitiativeTranslation { Language = "en", Title = "Exchange again", Summary = "…" });
        var repeated = Findings(initiative).Where(f => f.Check == QualityCheck.TranslationLanguageRepeated).ToList();
        Assert.Equal([("es", 1), ("en", 2)], repeated.Select(f => (f.Detail, f.Item ?? -1)));
        Assert.All(repeated, f => Assert.Equal(QualitySeverity.Critical, f.Severity));
    }

    [Fact]
    public void A_sector_that_is_not_a_five_digit_dac_code_is_critical()
    {
        var initiative = Complete();
        initiative.Sectors.Add(new InitiativeSector { SectorCode = "311" });
        Assert.Equal("311", Single(initiative, QualityCheck.SectorCodeInvalid).Detail);
    }

    [Theory]
    [InlineData(ActivityStatus.Closed, true)]
    [InlineData(ActivityStatus.Finalisation, true)]
    [InlineData(ActivityStatus.Implementation, false)]
    public void A_finished_record_without_an_actual_end_is_a_warning(ActivityStatus status, bool flagged)
    {
        var initiative = Complete();
        initiative.Status = status;
        Assert.Equal(flagged, Findings(initiative).Any(f => f is { Check: QualityCheck.MissingActualEnd, Severity: QualitySeverity.Warning, Field: nameof(Initiative.ActualEnd) }));
        initiative.ActualEnd = new DateOnly(2026, 5, 1);
        Assert.DoesNotContain(Findings(initiative), f => f.Check == QualityCheck.MissingActualEnd);
    }

    [Fact]
    public void No_sector_and_no_goal_are_warnings()
    {
        var initiative = Complete();
        initiative.Sectors.Clear();
        initiative.Sdgs.Clear();
        Assert.Equal(QualitySeverity.Warning, Single(initiative, QualityCheck.MissingSectors).Severity);
        Assert.Equal(QualitySeverity.Warning, Single(initiative, QualityCheck.MissingSdgs).Severity);
    }

    [Fact]
    public void Money_without_a_start_and_an_end_is_a_warning_and_an_actual_span_is_enough()
    {
        var initiative = Complete();
        initiative.PlannedEnd = null;
        Assert.Equal(QualitySeverity.Warning, Single(initiative, QualityCheck.MoneyWithoutPeriod).Severity);
        initiative.PlannedStart = null;
        initiative.ActualStart = new DateOnly(2025, 1, 1);
        initiative.ActualEnd = new DateOnly(2025, 12, 31);
        Assert.DoesNotContain(Findings(initiative), f => f.Check == QualityCheck.MoneyWithoutPeriod);
        initiative.Contributions.Clear();
        initiative.ActualEnd = null;
        Assert.DoesNotContain(Findings(initiative), f => f.Check == QualityCheck.MoneyWithoutPeriod);
    }

    [Fact]
    public void No_recipient_country_is_a_warning()
    {
        var initiative = Complete();
        initiative.Countries.RemoveAll(c => c.Role == CountryRole.Recipient);
        Assert.Equal(QualitySeverity.Warning, Single(initiative, QualityCheck.NoRecipientCountry).Severity);
        initiative.Countries.Add(new InitiativeCountry { CountryCode = "BO", Role = CountryRole.Both });
        Assert.DoesNotContain(Findings(initiative), f => f.Check == QualityCheck.NoRecipientCountry);
    }

    [Theory]
    [InlineData("example.org/report")]
    [InlineData("ftp://example.org/report")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://example.org/a report")]
    public void A_link_that_is_not_a_web_address_is_critical_on_its_row(string url)
    {
        var initiative = Complete();
        initiative.Links.Add(new InitiativeLink { Id = 2, Title = "Report", Url = url });
        var finding = Single(initiative, QualityCheck.LinkMalformed);
        Assert.Equal((QualitySeverity.Critical, "Links[1].Url", 1), (finding.Severity, finding.Field, finding.Item));
    }

    [Fact]
    public void A_title_in_its_original_language_only_is_information()
    {
        var initiative = Complete();
        initiative.Translations.Clear();
        Assert.Equal(QualitySeverity.Info, Single(initiative, QualityCheck.UntranslatedTitle).Severity);
    }

    [Fact]
    public void The_score_takes_off_each_finding_by_its_weight_and_never_goes_below_zero()
    {
        Assert.Equal(100 - 40 - 10 - 2, DataQuality.Score([
            DataQuality.Finding(QualityCheck.CurrencyInvalid), DataQuality.Finding(QualityCheck.MissingSectors), DataQuality.Finding(QualityCheck.UntranslatedTitle)]));
        Assert.Equal(0, DataQuality.Score(Enumerable.Repeat(DataQuality.Finding(QualityCheck.EndBeforeStart), 3)));
        Assert.Equal(75, DataQuality.OrganisationScore([100, 50]));
        Assert.Null(DataQuality.OrganisationScore([]));
    }

    [Fact]
    public void Publishing_a_record_with_a_critical_finding_is_refused_with_each_finding_and_nothing_changes()
    {
        var initiative = Complete();
        initiative.Contributions[0].Currency = "pen";
        initiative.Sectors.Add(new InitiativeSector { SectorCode = "3" });

        var refused = Assert.Throws<RuleViolationException>(() => initiative.Publish(new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc)));

        Assert.All(refused.Violations, v => Assert.Equal(RuleCode.ExportWouldBeInvalid, v.Code));
        Assert.Equal([(nameof(Initiative.Contributions), nameof(QualityCheck.CurrencyInvalid)), (nameof(Initiative.Sectors), nameof(QualityCheck.SectorCodeInvalid))],
            refused.Violations.Select(v => (v.Field, v.Item)));
        Assert.Equal(PublicationState.Draft, initiative.Publication);
        Assert.Null(initiative.PublishedAt);
    }

    [Fact]
    public void Publishing_a_record_with_warnings_only_is_allowed()
    {
        var initiative = Complete();
        initiative.Sectors.Clear();
        initiative.Translations.Clear();
        initiative.Publish(new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc));
        Assert.True(initiative.IsPublished);
    }
}
