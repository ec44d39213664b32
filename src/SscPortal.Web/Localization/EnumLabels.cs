using SscPortal.Web.Authorization;
using SscPortal.Domain;

namespace SscPortal.Web.Localization;

/// <summary>The English label of each code, used as its key in the resource files.</summary>
public static class EnumLabels
{
    public static string For(Modality value) => value switch
    {
        Modality.Bilateral => "Bilateral South-South cooperation",
        Modality.Triangular => "Triangular cooperation",
        Modality.Regional => "Regional South-South cooperation",
        Modality.Decentralised => "Decentralised (city-to-city) cooperation",
        Modality.PeopleToPeople => "People-to-people (CSO-to-CSO) cooperation",
        _ => value.ToString(),
    };

    public static string For(Instrument value) => value switch
    {
        Instrument.Programme => "Programme",
        Instrument.Project => "Project",
        Instrument.Action => "Action",
        _ => value.ToString(),
    };

    public static string For(ActivityStatus value) => value switch
    {
        ActivityStatus.Pipeline => "Pipeline or identification",
        ActivityStatus.Implementation => "Implementation",
        ActivityStatus.Finalisation => "Finalisation",
        ActivityStatus.Closed => "Closed",
        ActivityStatus.Cancelled => "Cancelled",
        ActivityStatus.Suspended => "Suspended",
        _ => value.ToString(),
    };

    public static string For(CountryRole value) => value switch
    {
        CountryRole.Provider => "Provider",
        CountryRole.Recipient => "Recipient",
        CountryRole.Both => "Provider and recipient",
        CountryRole.FirstProvider => "First provider",
        CountryRole.SecondProvider => "Second provider",
        _ => value.ToString(),
    };

    public static string For(ActorRole value) => value switch
    {
        ActorRole.Lead => "Lead",
        ActorRole.Implementing => "Implementing",
        ActorRole.Funding => "Funding",
        ActorRole.Facilitating => "Facilitating",
        ActorRole.Participating => "Participating",
        _ => value.ToString(),
    };

    public static string For(ActorType value) => value switch
    {
        ActorType.Government => "National government or agency",
        ActorType.LocalGovernment => "Local government",
        ActorType.OtherPublicSector => "Other public sector",
        ActorType.InternationalCso => "International civil society organisation",
        ActorType.NationalCso => "National civil society organisation",
        ActorType.RegionalCso => "Regional civil society organisation",
        ActorType.Intergovernmental => "Intergovernmental organisation",
        ActorType.Foundation => "Foundation",
        ActorType.PrivateSector => "Private sector",
        ActorType.Academia => "Academia or think tank",
        _ => value.ToString(),
    };

    public static string For(AuditEventType value) => value switch
    {
        AuditEventType.SignedIn => "Signed in",
        AuditEventType.SignInFailed => "Sign-in failed",
        AuditEventType.LockedOut => "Locked out after failed sign-ins",
        AuditEventType.SignedOut => "Signed out",
        AuditEventType.PasswordReset => "Password reset",
        AuditEventType.AccessRefused => "Access refused",
        AuditEventType.PlatformRoleGranted => "Platform role granted",
        AuditEventType.PlatformRoleRevoked => "Platform role removed",
        AuditEventType.UserLocked => "Account locked by an administrator",
        AuditEventType.UserUnlocked => "Account unlocked",
        AuditEventType.MembershipClaimed => "Membership claimed",
        AuditEventType.MembershipApproved => "Membership approved",
        AuditEventType.MembershipRejected => "Membership rejected",
        AuditEventType.MembershipRoleChanged => "Member's role changed",
        AuditEventType.MembershipRemoved => "Member removed",
        AuditEventType.InvitationSent => "Invitation sent",
        AuditEventType.InvitationAccepted => "Invitation accepted",
        AuditEventType.InvitationRevoked => "Invitation withdrawn",
        AuditEventType.OrganisationProposed => "Organisation proposed",
        AuditEventType.OrganisationVerified => "Organisation verified",
        AuditEventType.OrganisationRejected => "Organisation rejected",
        AuditEventType.OrganisationIdentifierChanged => "IATI organisation identifier changed",
        AuditEventType.OrganisationCreated => "Organisation added by an administrator",
        AuditEventType.InitiativeCreated => "Initiative created",
        AuditEventType.InitiativeEdited => "Initiative edited",
        AuditEventType.InitiativePublished => "Initiative published",
        AuditEventType.InitiativeUnpublished => "Initiative unpublished",
        AuditEventType.InitiativeDeleted => "Draft deleted",
        AuditEventType.ModeratorHoldReleased => "Moderation hold lifted",
        AuditEventType.PartnershipCreated => "Partnership created",
        AuditEventType.PartnershipEdited => "Partnership edited",
        AuditEventType.PartnershipPublished => "Partnership published",
        AuditEventType.PartnershipUnpublished => "Partnership unpublished",
        AuditEventType.AssessmentCreated => "Assessment created",
        AuditEventType.AssessmentEdited => "Assessment edited",
        AuditEventType.AssessmentPublished => "Assessment published",
        AuditEventType.AssessmentUnpublished => "Assessment unpublished",
        AuditEventType.AssessmentDeleted => "Assessment deleted",
        AuditEventType.AssessmentResponded => "Response to an assessment published",
        AuditEventType.FrameworkPublished => "Assessment framework published",
        AuditEventType.MailRetried => "Failed mail sent again",
        AuditEventType.AssessmentOfferedForComment => "Draft assessment offered for comment",
        AuditEventType.AssessmentCommented => "Comment on a draft assessment",
        AuditEventType.RecommendationAnswered => "Recommendation answered",
        AuditEventType.RecommendationProgressPosted => "Progress posted",
        AuditEventType.RecommendationViewPosted => "The assessor's view posted",
        AuditEventType.StatementHidden => "Statement hidden by a moderator",
        AuditEventType.FileAdded => "File added",
        AuditEventType.FilePublished => "File published after its metadata was reviewed",
        AuditEventType.FileHidden => "File hidden by a moderator",
        AuditEventType.FileReported => "File reported to the moderators",
        AuditEventType.FileDiscarded => "Uploaded file discarded",
        AuditEventType.TestimonyRecorded => "Testimony recorded",
        AuditEventType.TestimonyWithdrawn => "Testimony withdrawn",
        AuditEventType.ListingCreated => "Offer or need created",
        AuditEventType.ListingEdited => "Offer or need edited",
        AuditEventType.ListingPublished => "Offer or need published",
        AuditEventType.ListingUnpublished => "Offer or need unpublished",
        AuditEventType.ListingDeleted => "Draft offer or need deleted",
        AuditEventType.ListingHoldReleased => "Moderation hold on an offer or need lifted",
        AuditEventType.InterestExpressed => "Interest expressed in an offer or need",
        AuditEventType.ConversationMessagePosted => "Message written in a conversation",
        AuditEventType.ConversationClosed => "Conversation ended",
        AuditEventType.ConversationReported => "Conversation reported to the moderators",
        AuditEventType.InitiativeStartedFromConversation => "Initiative started from an agreed conversation",
        AuditEventType.CallCreated => "Call created",
        AuditEventType.CallEdited => "Call edited",
        AuditEventType.CallPublished => "Call published",
        AuditEventType.CallUnpublished => "Call unpublished",
        AuditEventType.CallDeleted => "Draft call deleted",
        AuditEventType.CallHoldReleased => "Moderation hold on a call lifted",
        AuditEventType.CallDeadlineExtended => "Call deadline extended",
        AuditEventType.CallResultsPublished => "Call results published",
        AuditEventType.ApplicationCreated => "Application started",
        AuditEventType.ApplicationEdited => "Application draft saved",
        AuditEventType.ApplicationSubmitted => "Application submitted",
        AuditEventType.ApplicationDeleted => "Draft application deleted",
        AuditEventType.PartnerInvited => "Partner organisation invited to an application",
        AuditEventType.PartnerConfirmed => "Partnership in an application confirmed",
        AuditEventType.PartnerRemoved => "Partner organisation removed from an application",
        AuditEventType.ApplicationDecided => "Decision recorded on an application",
        AuditEventType.ApplicationConverted => "Selected application carried forward",
        AuditEventType.ReviewerNamed => "Reviewer named for a call",
        AuditEventType.ReviewerAnswered => "Reviewer answered an invitation",
        AuditEventType.ReviewerRemoved => "Reviewer removed from a call",
        AuditEventType.ConflictDeclared => "Conflict of interest declared",
        AuditEventType.ReviewSaved => "Review saved",
        AuditEventType.ReviewSubmitted => "Review submitted",
        AuditEventType.GoodPracticeCreated => "Good practice created",
        AuditEventType.GoodPracticeEdited => "Good practice edited",
        AuditEventType.GoodPracticePublished => "Good practice published",
        AuditEventType.GoodPracticeUnpublished => "Good practice unpublished",
        AuditEventType.GoodPracticeDeleted => "Draft good practice deleted",
        AuditEventType.GoodPracticeHoldReleased => "Moderation hold on a good practice lifted",
        AuditEventType.EventCreated => "Event created",
        AuditEventType.EventEdited => "Event edited",
        AuditEventType.EventPublished => "Event published",
        AuditEventType.EventUnpublished => "Event unpublished",
        AuditEventType.EventDeleted => "Draft event deleted",
        AuditEventType.EventHoldReleased => "Moderation hold on an event lifted",
        AuditEventType.CoOrganiserInvited => "Co-organiser named",
        AuditEventType.CoOrganiserAnswered => "Co-organiser answered",
        AuditEventType.CoOrganiserRemoved => "Co-organiser removed",
        AuditEventType.RegistrationMade => "Registration for an event made",
        AuditEventType.RegistrationConfirmed => "Registration's e-mail address confirmed",
        AuditEventType.RegistrationCancelled => "Registration cancelled",
        AuditEventType.RegistrationPromoted => "Moved up from the waiting list",
        AuditEventType.RegistrationsExported => "Registrations exported",
        AuditEventType.AttendanceMarked => "Attendance marked",
        AuditEventType.EventMessageSent => "Message sent to participants",
        AuditEventType.EventReportSaved => "Event report saved",
        AuditEventType.EventReportPublished => "Event report published",
        AuditEventType.ParticipantDataDeleted => "Participants' personal data deleted",
        AuditEventType.IatiFileChecked => "IATI file checked",
        AuditEventType.IatiActivitiesImported => "IATI activities imported",
        AuditEventType.IatiImportDiscarded => "IATI upload set aside",
        _ => value.ToString(),
    };

    public static string For(ThematicArea value) => value switch
    {
        ThematicArea.ConflictPrevention => "Conflict prevention",
        ThematicArea.PeaceNegotiationAndCrisisManagement => "Peace negotiation and crisis management",
        ThematicArea.ConflictTransformation => "Conflict transformation",
        ThematicArea.FoodSecurity => "Food security and agriculture",
        ThematicArea.Health => "Health",
        ThematicArea.Education => "Education",
        ThematicArea.Environment => "Environment and climate",
        ThematicArea.Governance => "Governance and public institutions",
        ThematicArea.DecentWork => "Decent work",
        ThematicArea.GenderEquality => "Gender equality",
        ThematicArea.Infrastructure => "Infrastructure",
        ThematicArea.Culture => "Culture",
        _ => value.ToString(),
    };

    public static string For(LocationPrecision value) => value switch
    {
        LocationPrecision.Country => "Country only",
        LocationPrecision.Region => "Region (first-level administrative area)",
        LocationPrecision.Municipality => "Municipality or place",
        LocationPrecision.Point => "Point (latitude and longitude)",
        _ => value.ToString(),
    };

    public static string For(SettingSensitivity value) => value switch
    {
        SettingSensitivity.NotStated => "Not stated: sensitive only if it works under a peace-and-development pillar",
        SettingSensitivity.Sensitive => "Yes: it works in a conflict-affected or otherwise sensitive setting",
        SettingSensitivity.ConfirmedNotSensitive => "No: I confirm it does not, and its precise locations may be public",
        _ => value.ToString(),
    };

    public static string For(ContributionKind value) => value switch
    {
        ContributionKind.Money => "In money",
        ContributionKind.InKind => "In kind",
        _ => value.ToString(),
    };

    public static string For(RightsHolderGroup value) => value switch
    {
        RightsHolderGroup.Women => "Women",
        RightsHolderGroup.Youth => "Youth",
        RightsHolderGroup.Children => "Children",
        RightsHolderGroup.IndigenousPeoples => "Indigenous peoples",
        RightsHolderGroup.Workers => "Workers",
        RightsHolderGroup.Farmers => "Farmers",
        RightsHolderGroup.PeopleWithDisabilities => "People with disabilities",
        RightsHolderGroup.LocalCommunities => "Local communities",
        RightsHolderGroup.Migrants => "Migrants",
        RightsHolderGroup.OlderPeople => "Older people",
        _ => value.ToString(),
    };

    public static string For(EventKind value) => value switch
    {
        EventKind.Seminar => "Seminar",
        EventKind.SideEvent => "Side event",
        EventKind.Panel => "Panel",
        EventKind.Workshop => "Workshop",
        EventKind.Webinar => "Webinar",
        EventKind.ExchangeVisit => "Exchange visit",
        _ => value.ToString(),
    };

    public static string For(EventFormat value) => value switch
    {
        EventFormat.InPerson => "In person",
        EventFormat.Online => "Online",
        EventFormat.Hybrid => "In person and online",
        _ => value.ToString(),
    };

    public static string For(RegistrationState value) => value switch
    {
        RegistrationState.Unconfirmed => "Waiting for the e-mail address to be confirmed",
        RegistrationState.Registered => "Registered",
        RegistrationState.Waiting => "On the waiting list",
        _ => value.ToString(),
    };

    public static string For(CoOrganiserState value) => value switch
    {
        CoOrganiserState.Invited => "Invited, not confirmed yet",
        CoOrganiserState.Confirmed => "Confirmed",
        CoOrganiserState.Declined => "Declined",
        _ => value.ToString(),
    };

    public static string For(ListingKind value) => value switch
    {
        ListingKind.Offer => "Offer",
        ListingKind.Need => "Need",
        ListingKind.TwoWay => "Two-way exchange",
        _ => value.ToString(),
    };

    public static string For(CooperationForm value) => value switch
    {
        CooperationForm.TechnicalAssistance => "Technical assistance",
        CooperationForm.ExpertMission => "Expert mission",
        CooperationForm.StudyVisit => "Study visit",
        CooperationForm.Exchange => "Exchange",
        CooperationForm.Internship => "Internship",
        CooperationForm.WorkshopOrTraining => "Workshop or training",
        CooperationForm.PeerLearning => "Peer learning",
        CooperationForm.Funding => "Funding or co-financing",
        _ => value.ToString(),
    };

    public static string For(ConversationState value) => value switch
    {
        ConversationState.Open => "Open",
        ConversationState.Agreed => "Agreed",
        ConversationState.Declined => "Declined",
        ConversationState.Withdrawn => "Withdrawn",
        _ => value.ToString(),
    };

    public static string For(PartnershipType value) => value switch
    {
        PartnershipType.MemorandumOfUnderstanding => "Memorandum of understanding",
        PartnershipType.FrameworkAgreement => "Framework agreement",
        PartnershipType.TriangularArrangement => "Triangular arrangement",
        PartnershipType.Twinning => "Twinning",
        PartnershipType.Other => "Other agreement",
        _ => value.ToString(),
    };

    public static string For(AssessmentPerspective value) => value switch
    {
        AssessmentPerspective.CivilSociety => "Civil-society assessment",
        AssessmentPerspective.SelfAssessment => "Government self-assessment",
        AssessmentPerspective.Independent => "Independent assessment",
        _ => value.ToString(),
    };

    public static string For(AssessorRelationship value) => value switch
    {
        AssessorRelationship.Affected => "Affected by the initiative",
        AssessorRelationship.Implementing => "Implementing the initiative",
        AssessorRelationship.Independent => "Independent of the initiative",
        AssessorRelationship.Party => "Official party to the initiative",
        _ => value.ToString(),
    };

    public static string For(AssessmentMethod value) => value switch
    {
        AssessmentMethod.DocumentReview => "Document review",
        AssessmentMethod.Interviews => "Interviews",
        AssessmentMethod.FocusGroups => "Focus groups",
        AssessmentMethod.SelfAssessment => "Self-assessment",
        AssessmentMethod.SiteVisits => "Site visits",
        AssessmentMethod.Survey => "Survey",
        _ => value.ToString(),
    };

    public static string For(AnswerKind value) => value switch
    {
        AnswerKind.Scored => "Scored",
        AnswerKind.NotApplicable => "Not applicable",
        AnswerKind.InsufficientInformation => "Insufficient information",
        _ => value.ToString(),
    };

    public static string For(Confidence value) => value switch
    {
        Confidence.Low => "Low confidence",
        Confidence.Medium => "Medium confidence",
        Confidence.High => "High confidence",
        _ => value.ToString(),
    };

    public static string For(EvidenceType value) => value switch
    {
        EvidenceType.Document => "Document",
        EvidenceType.Data => "Data",
        EvidenceType.Testimony => "Testimony",
        EvidenceType.SiteVisit => "Site visit",
        EvidenceType.GrievanceRecord => "Grievance record",
        EvidenceType.Media => "Media",
        _ => value.ToString(),
    };

    public static string For(ConsentMethod value) => value switch
    {
        ConsentMethod.Written => "in writing",
        ConsentMethod.OralRecorded => "aloud, recorded",
        ConsentMethod.OralWitnessed => "aloud, before a witness",
        ConsentMethod.Digital => "in a message or a form",
        _ => value.ToString(),
    };

    public static string For(TestimonyAttribution value) => value switch
    {
        TestimonyAttribution.Anonymous => "Anonymous",
        TestimonyAttribution.Role => "By a role or description they chose",
        TestimonyAttribution.Name => "By their name",
        _ => value.ToString(),
    };

    public static string For(RecommendationPriority value) => value switch
    {
        RecommendationPriority.High => "High priority",
        RecommendationPriority.Medium => "Medium priority",
        RecommendationPriority.Low => "Low priority",
        _ => value.ToString(),
    };

    public static string For(RecommendationStatus value) => value switch
    {
        RecommendationStatus.Awaiting => "Awaiting an answer",
        RecommendationStatus.Accepted => "Accepted",
        RecommendationStatus.PartlyAccepted => "Partly accepted",
        RecommendationStatus.NotAccepted => "Not accepted",
        RecommendationStatus.AlreadyDone => "Already done",
        RecommendationStatus.InProgress => "In progress",
        RecommendationStatus.Implemented => "Implemented",
        _ => value.ToString(),
    };

    public static string For(AssessorVerdict value) => value switch
    {
        AssessorVerdict.AgreesDone => "Agrees it is done",
        AssessorVerdict.Disputes => "Disputes it",
        AssessorVerdict.Comment => "Comments",
        _ => value.ToString(),
    };

    public static string For(PrincipleOrigin value) => value switch
    {
        PrincipleOrigin.Bapa1978 => "Buenos Aires Plan of Action (1978)",
        PrincipleOrigin.Nairobi2009 => "Nairobi outcome document (2009)",
        PrincipleOrigin.Unga2016 => "UN General Assembly resolution 71/244 (2016)",
        PrincipleOrigin.CivilSociety => "Civil society",
        _ => value.ToString(),
    };

    public static string LanguageName(string code) => code switch
    {
        "en" => "English",
        "es" => "Spanish",
        "pt" => "Portuguese",
        "fr" => "French",
        "ar" => "Arabic",
        "zh" => "Chinese",
        "ru" => "Russian",
        "sw" => "Swahili",
        "hi" => "Hindi",
        "id" => "Indonesian",
        "qu" => "Quechua",
        "gn" => "Guarani",
        _ => code,
    };

    /// <summary>Every label, so a test can prove each one is translated.</summary>
    public static IEnumerable<string> All() =>
        Enum.GetValues<Modality>().Select(For)
            .Concat(Enum.GetValues<Instrument>().Select(For))
            .Concat(Enum.GetValues<ActivityStatus>().Select(For))
            .Concat(Enum.GetValues<CountryRole>().Select(For))
            .Concat(Enum.GetValues<ActorRole>().Select(For))
            .Concat(Enum.GetValues<ActorType>().Select(For))
            .Concat(Enum.GetValues<AuditEventType>().Select(For))
            .Concat(Enum.GetValues<PartnershipType>().Select(For))
            .Concat(Enum.GetValues<ContributionKind>().Select(For))
            .Concat(Enum.GetValues<ThematicArea>().Select(For))
            .Concat(Enum.GetValues<LocationPrecision>().Select(For))
            .Concat(Enum.GetValues<SettingSensitivity>().Select(For))
            .Concat(Enum.GetValues<RightsHolderGroup>().Select(For))
            .Concat(Enum.GetValues<AssessmentPerspective>().Select(For))
            .Concat(Enum.GetValues<AssessorRelationship>().Select(For))
            .Concat(Enum.GetValues<AssessmentMethod>().Select(For))
            .Concat(Enum.GetValues<AnswerKind>().Select(For))
            .Concat(Enum.GetValues<Confidence>().Select(For))
            .Concat(Enum.GetValues<EvidenceType>().Select(For))
            .Concat(Enum.GetValues<PrincipleOrigin>().Select(For))
            .Concat(Enum.GetValues<RecommendationPriority>().Select(For))
            .Concat(Enum.GetValues<RecommendationStatus>().Select(For))
            .Concat(Enum.GetValues<AssessorVerdict>().Select(For))
            .Concat(Enum.GetValues<ConsentMethod>().Select(For))
            .Concat(Enum.GetValues<TestimonyAttribution>().Select(For))
            .Concat(Enum.GetValues<ListingKind>().Select(For))
            .Concat(Enum.GetValues<CooperationForm>().Select(For))
            .Concat(Enum.GetValues<ConversationState>().Select(For))
            .Concat(Enum.GetValues<EventKind>().Select(For))
            .Concat(Enum.GetValues<EventFormat>().Select(For))
            .Concat(Enum.GetValues<RegistrationState>().Select(For))
            .Concat(Enum.GetValues<CoOrganiserState>().Select(For))
            .Concat(WorkingLanguages.All.Select(LanguageName));
}
