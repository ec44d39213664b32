using Microsoft.Extensions.Localization;
using SscPortal.Domain;

namespace SscPortal.Web.Localization;

/// <summary>The reader's-language message for each broken domain rule.</summary>
public static class RuleMessages
{
    /// <summary>
    /// The message for a broken rule; <paramref name="about"/> names the kind of record when a rule is said
    /// differently of it (an assessment is revised, not republished; its assessor, not its owners, reads the reason).
    /// </summary>
    public static string For(RuleCode code, IStringLocalizer<SharedResource> L, RecordType about = RecordType.Initiative) => (code, about) switch
    {
        (RuleCode.AlreadyPublished, RecordType.Assessment) => L["This assessment is already published: start a revision to change it."],
        (RuleCode.NotPublished, RecordType.Assessment) => L["Only a published assessment can be unpublished."],
        (RuleCode.ReasonRequired or RuleCode.ReasonTooLong, RecordType.Assessment) => L["Give the reason, in at most 1000 characters: the assessor organisation will read it."],
        _ => code switch
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
            RuleCode.ReasonTooLong => L["Use at most {0} characters.", UnpublishReason.MaxLength],
            RuleCode.IndicatorUnanswered => L["not answered yet."],
            RuleCode.ScoreOutOfScale => L["the score must be from 0 to 4."],
            RuleCode.JustificationRequired => L["say why (a justification is needed)."],
            RuleCode.ConfidenceRequired => L["say how confident you are in the score."],
            RuleCode.EvidenceRequired => L["a score needs at least one piece of evidence."],
            RuleCode.MethodRequired => L["Tick at least one method."],
            RuleCode.FindingsRequired => L["Write the findings."],
            RuleCode.UnknownIndicator => L["This indicator is not part of the framework the assessment uses."],
            RuleCode.SupersededRevision => L["Only the latest published revision of an assessment can be revised."],
            RuleCode.RevisionAlreadyPublished => L["Another revision of this assessment was published a moment ago, so this draft was not: start a new revision from the published one."],
            RuleCode.AlreadyAnswered => L["Your organisation has already answered this recommendation: post a progress update instead."],
            RuleCode.NotAnAnswer => L["Choose accepted, partly accepted, not accepted or already done."],
            RuleCode.NotAddressed => L["This recommendation is not addressed to your organisation."],
            RuleCode.CommitmentRequired => L["Say what your organisation commits to do."],
            RuleCode.TargetDateRequired => L["Give the date by which it will be done."],
            RuleCode.TargetDateInPast => L["The target date cannot be in the past."],
            RuleCode.NotYetAnswered => L["Answer the recommendation before posting progress."],
            RuleCode.NoProgressExpected => L["Progress is posted only on a recommendation that was accepted and is not yet implemented."],
            RuleCode.NotAProgressStatus => L["Choose in progress or implemented."],
            RuleCode.NotAPartyStatement => L["Choose an answer or an update of the addressed party."],
            RuleCode.NotAVerdict => L["Choose one of the listed options."],
            RuleCode.TextRequired => L["Write what your organisation says."],
            RuleCode.TextTooLong => L["Use at most {0} characters.", RecommendationStatement.TextLength],
            RuleCode.AlreadyHidden => L["This statement was already hidden."],
            RuleCode.AttributionRequired => L["Enter the role or name the person chose, or choose anonymous."],
            RuleCode.ConsentMethodRequired => L["Choose how consent was given."],
            RuleCode.ConsentAlreadyEnded => L["This date has passed: a testimony cannot be kept beyond the consent given for it."],
            RuleCode.LocationPrecisionUnknown => L["Choose how precise the location is."],
            RuleCode.LocationNameTooLong => L["Use at most {0} characters.", InitiativeLocation.NameLength],
            RuleCode.LocationNameNotPlain => L["Write the name as plain text, without < or > or control characters."],
            RuleCode.CountryLocationNamesNoPlace => L["A location at country level names no region or place: choose region, municipality or point."],
            RuleCode.LocationNeedsRegion => L["Name the region (the first-level administrative area)."],
            RuleCode.RegionLocationNamesNoPlace => L["A location at region level names no municipality or place: choose municipality or point."],
            RuleCode.LocationNeedsPlace => L["Name the municipality or place."],
            RuleCode.PointNeedsCoordinates => L["A point needs its latitude and longitude."],
            RuleCode.CoordinatesOnlyForPoints => L["Coordinates are given only for a point: choose point, or leave them empty."],
            RuleCode.LatitudeOutOfRange => L["Enter a latitude from -90 to 90, in decimal degrees."],
            RuleCode.LongitudeOutOfRange => L["Enter a longitude from -180 to 180, in decimal degrees."],
            _ => code.ToString(),
        },
    };
}
