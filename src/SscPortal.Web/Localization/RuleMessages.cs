using Microsoft.Extensions.Localization;
using SscPortal.Domain;

namespace SscPortal.Web.Localization;

/// <summary>The reader's-language message for each broken domain rule.</summary>
public static class RuleMessages
{
    public static string For(RuleCode code, IStringLocalizer<SharedResource> L) => code switch
    {
        RuleCode.TitleRequired => L["Give the initiative a title."],
        RuleCode.SummaryRequired => L["Give the initiative a short summary."],
        RuleCode.BilateralNeedsProviderAndRecipient => L["A bilateral initiative needs at least one provider and one recipient country."],
        RuleCode.TriangularNeedsFirstProviderSecondProviderAndRecipient => L["A triangular initiative needs a first provider, a second provider and a recipient country."],
        RuleCode.RegionalNeedsThreeCountries => L["A regional initiative involves at least three countries."],
        RuleCode.CountryListedTwice => L["Each country can be listed only once."],
        RuleCode.EndBeforeStart => L["The end date must be on or after the start date."],
        RuleCode.ActualDateInFuture => L["An actual date cannot be in the future."],
        RuleCode.MoreThanOnePrimarySdg => L["Only one goal can be the primary goal."],
        RuleCode.OwnerNotAmongActors => L["The organisation that records the initiative must be one of its actors."],
        RuleCode.AlreadyPublished => L["This record is already published."],
        RuleCode.NotPublished => L["This record is not published."],
        RuleCode.HeldByModerator => L["A moderator unpublished this record. It can be published again once a moderator lifts the hold."],
        RuleCode.NotHeld => L["This record is not held by a moderator."],
        RuleCode.TargetOutsideGoals => L["Each target must belong to one of the goals ticked."],
        RuleCode.AmountNeedsCurrency => L["An amount needs its currency."],
        RuleCode.AmountOutOfRange => L["A contribution in money needs an amount above zero and below a trillion."],
        RuleCode.InKindNeedsDescription => L["Describe a contribution in kind (experts, training, equipment…)."],
        RuleCode.PartnershipNeedsTwoSignatories => L["A partnership is an agreement between at least two signatories."],
        RuleCode.OwnerNotAmongSignatories => L["The organisation that records the partnership must be one of its signatories."],
        RuleCode.ReasonRequired => L["Say why the record is unpublished: its owners will see the reason."],
        _ => code.ToString(),
    };

    public static string For(AssessmentRule rule, IStringLocalizer<SharedResource> L) => rule switch
    {
        AssessmentRule.IndicatorUnanswered => L["not answered yet."],
        AssessmentRule.ScoreOutOfScale => L["the score must be from 0 to 4."],
        AssessmentRule.JustificationRequired => L["say why (a justification is needed)."],
        AssessmentRule.ConfidenceRequired => L["say how confident you are in the score."],
        AssessmentRule.EvidenceRequired => L["a score needs at least one piece of evidence."],
        AssessmentRule.MethodRequired => L["Tick at least one method."],
        AssessmentRule.FindingsRequired => L["Write the findings."],
        AssessmentRule.UnknownIndicator => L["This indicator is not part of the framework the assessment uses."],
        _ => rule.ToString(),
    };
}
