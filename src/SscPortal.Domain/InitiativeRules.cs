namespace SscPortal.Domain;

/// <summary>What can be wrong with an initiative; the web layer turns each code into a message in the reader's language.</summary>
public enum RuleCode
{
    TitleRequired,
    SummaryRequired,
    BilateralNeedsProviderAndRecipient,
    TriangularNeedsFirstProviderSecondProviderAndRecipient,
    RegionalNeedsThreeCountries,
    CountryListedTwice,
    EndBeforeStart,
    ActualDateInFuture,
    MoreThanOnePrimarySdg,
    OwnerNotAmongActors,
    AlreadyPublished,
    NotPublished,
    ReasonRequired,
    HeldByModerator,
    NotHeld,
    TargetOutsideGoals,
    AmountNeedsCurrency,
    AmountOutOfRange,
    InKindNeedsDescription,
    PartnershipNeedsTwoSignatories,
    OwnerNotAmongSignatories,
    ReasonTooLong,
    // An assessment's: what stops it from being published, and what can be done with a published one.
    IndicatorUnanswered,
    ScoreOutOfScale,
    JustificationRequired,
    ConfidenceRequired,
    EvidenceRequired,
    MethodRequired,
    FindingsRequired,
    UnknownIndicator,
    SupersededRevision,
    RevisionAlreadyPublished,
    // A recommendation's, and what is said of it (Recommendation.cs).
    AlreadyAnswered,
    NotAnAnswer,
    NotAddressed,
    CommitmentRequired,
    TargetDateRequired,
    TargetDateInPast,
    NotYetAnswered,
    NoProgressExpected,
    NotAProgressStatus,
    NotAPartyStatement,
    NotAVerdict,
    TextRequired,
    TextTooLong,
    AlreadyHidden,
    // Evidence files and testimonies (Evidence.cs).
    AttributionRequired,
    ConsentMethodRequired,
    ConsentAlreadyEnded,
    // An initiative's locations (InitiativeLocation.Check).
    LocationPrecisionUnknown,
    LocationNameTooLong,
    LocationNameNotPlain,
    CountryLocationNamesNoPlace,
    LocationNeedsRegion,
    RegionLocationNamesNoPlace,
    LocationNeedsPlace,
    PointNeedsCoordinates,
    CoordinatesOnlyForPoints,
    LatitudeOutOfRange,
    LongitudeOutOfRange,
    // An offer's or need's, and its conversations'.
    DescriptionRequired,
    DurationOutOfRange,
    OpenUntilRequired,
    OpenUntilInPast,
    OpenUntilTooFar,
    UnknownLanguage,
    ListingNotOpen,
    InterestInOwnListing,
    NotYourListing,
    NotAParty,
    ConversationClosed,
    NotAnOutcome,
    AlreadyReported,
    NotAgreed,
    InitiativeAlreadyStarted,
    // A call's, its applications' and reviews' (Calls.cs).
    UnknownTimeZone,
    ClosesBeforeOpening,
    CallOpenTooLong,
    PartnersOutOfRange,
    ScaleOutOfRange,
    ShareOutOfRange,
    NetworkNameRequired,
    TooManyItems,
    QuestionLabelRequired,
    UnknownQuestionKind,
    LengthLimitOutOfRange,
    ChoicesRequired,
    CriteriaRequired,
    CriterionNameRequired,
    WeightOutOfRange,
    DeadlinePassed,
    ResultsAlreadyPublished,
    ExtensionNotLater,
    CallStillOpen,
    UndecidedApplications,
    ApplicationFrozen,
    PartnersRequired,
    AnswerRequired,
    AnswerTooLong,
    NotAChoice,
    AboveMaximumAmount,
    AboveCostShare,
    PartnerNotEligible,
    CallNotOpen,
    NotSubmitted,
    NotSelected,
    ResultsNotPublished,
    AlreadyConverted,
    OrganisationNotVerified,
    OwnCall,
    KindNotEligible,
    PlaceNotEligible,
    ReviewSubmitted,
    ConflictDeclared,
    UnknownCriterion,
    ScoreRequired,
    PartnerIsApplicant,
    NotAReviewer,
    UnknownEventKind,
    EndsBeforeStart,
    EventTooLong,
    VenueRequired,
    UnknownCountry,
    LinkNotWeb,
    CapacityOutOfRange,
    CapacityBelowRegistered,
    UnknownTheme,
    UnknownSdg,
    ParentIsItself,
    SessionTitleRequired,
    SessionOutsideEvent,
    SpeakerNameRequired,
    EventPast,
    RegistrationClosed,
    EventFull,
    AlreadyRegistered,
    AddressNotConfirmed,
    ReportBeforeEvent,
    NameRequired,
    EmailInvalid,
    UnknownQuestion,
    NotAnOrganiser,
    IatiIdentifierTaken,
    ExportWouldBeInvalid,
}

/// <summary>The rules an initiative must meet before it can be published (DOMAIN.md, "Initiatives").</summary>
public static class InitiativeRules
{
    /// <summary>
    /// A record says its initiative is in finalisation or closed but not when it actually ended: incomplete, and said so
    /// to those who can complete it (not a publication rule, since the date is often learnt later).
    /// </summary>
    public static bool LacksActualEnd(ActivityStatus status, DateOnly? actualEnd) =>
        status is ActivityStatus.Finalisation or ActivityStatus.Closed && actualEnd is null;

    public static IReadOnlyList<RuleViolation> Check(Initiative initiative, DateOnly today)
    {
        var problems = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(initiative.Title))
            problems.Add(new(nameof(Initiative.Title), RuleCode.TitleRequired));
        if (string.IsNullOrWhiteSpace(initiative.Summary))
            problems.Add(new(nameof(Initiative.Summary), RuleCode.SummaryRequired));

        CheckCountries(initiative, problems);
        CheckDates(initiative, today, problems);

        if (initiative.SdgTargets.Any(t => initiative.Sdgs.All(s => s.GoalCode != t.GoalCode)))
            problems.Add(new(nameof(Initiative.SdgTargets), RuleCode.TargetOutsideGoals));
        if (initiative.Sdgs.Count(s => s.IsPrimary) > 1)
            problems.Add(new(nameof(Initiative.Sdgs), RuleCode.MoreThanOnePrimarySdg));
        foreach (var contribution in initiative.Contributions)
        {
            if (contribution.Amount is { } amount && string.IsNullOrWhiteSpace(contribution.Currency))
                problems.Add(new(nameof(Initiative.Contributions), RuleCode.AmountNeedsCurrency));
            if (contribution.Amount is <= 0 or > InitiativeContribution.MaxAmount
                || (contribution.Kind == ContributionKind.Money && contribution.Amount is null))
                problems.Add(new(nameof(Initiative.Contributions), RuleCode.AmountOutOfRange));
            if (contribution.Kind == ContributionKind.InKind && string.IsNullOrWhiteSpace(contribution.Description))
                problems.Add(new(nameof(Initiative.Contributions), RuleCode.InKindNeedsDescription));
        }
        for (var i = 0; i < initiative.Locations.Count; i++)
            problems.AddRange(initiative.Locations[i].Check(i));
        if (initiative.Actors.All(a => a.ActorId != initiative.OwnerId))
            problems.Add(new(nameof(Initiative.Actors), RuleCode.OwnerNotAmongActors));
        return problems;
    }

    private static void CheckCountries(Initiative initiative, List<RuleViolation> problems)
    {
        var countries = initiative.Countries;
        if (countries.GroupBy(c => c.CountryCode).Any(g => g.Count() > 1))
            problems.Add(new(nameof(Initiative.Countries), RuleCode.CountryListedTwice));

        bool Has(params CountryRole[] roles) => countries.Any(c => roles.Contains(c.Role));
        switch (initiative.Modality)
        {
            case Modality.Bilateral when !(Has(CountryRole.Provider, CountryRole.Both) && Has(CountryRole.Recipient, CountryRole.Both)
                                           && countries.Select(c => c.CountryCode).Distinct().Count() >= 2):
                problems.Add(new(nameof(Initiative.Countries), RuleCode.BilateralNeedsProviderAndRecipient));
                break;
            case Modality.Triangular when !(Has(CountryRole.FirstProvider) && Has(CountryRole.SecondProvider) && Has(CountryRole.Recipient)):
                problems.Add(new(nameof(Initiative.Countries), RuleCode.TriangularNeedsFirstProviderSecondProviderAndRecipient));
                break;
            case Modality.Regional when countries.Select(c => c.CountryCode).Distinct().Count() < 3:
                problems.Add(new(nameof(Initiative.Countries), RuleCode.RegionalNeedsThreeCountries));
                break;
        }
    }

    private static void CheckDates(Initiative initiative, DateOnly today, List<RuleViolation> problems)
    {
        if (initiative.PlannedStart is { } plannedStart && initiative.PlannedEnd is { } plannedEnd && plannedEnd < plannedStart)
            problems.Add(new(nameof(Initiative.PlannedEnd), RuleCode.EndBeforeStart));
        if (initiative.ActualStart is { } actualStart && initiative.ActualEnd is { } actualEnd && actualEnd < actualStart)
            problems.Add(new(nameof(Initiative.ActualEnd), RuleCode.EndBeforeStart));
        if (initiative.ActualStart > today)
            problems.Add(new(nameof(Initiative.ActualStart), RuleCode.ActualDateInFuture));
        if (initiative.ActualEnd > today)
            problems.Add(new(nameof(Initiative.ActualEnd), RuleCode.ActualDateInFuture));
    }
}
