namespace SscPortal.Domain;

public enum AuditEventType
{
    SignedIn = 1,
    SignInFailed = 2,
    LockedOut = 3,
    SignedOut = 4,
    PasswordReset = 5,
    AccessRefused = 10,
    PlatformRoleGranted = 20,
    PlatformRoleRevoked = 21,
    UserLocked = 22,
    UserUnlocked = 23,
    MembershipClaimed = 30,
    MembershipApproved = 31,
    MembershipRejected = 32,
    MembershipRoleChanged = 33,
    MembershipRemoved = 34,
    InvitationSent = 35,
    InvitationAccepted = 36,
    InvitationRevoked = 37,
    OrganisationProposed = 40,
    OrganisationVerified = 41,
    OrganisationRejected = 42,
    OrganisationIdentifierChanged = 43,
    OrganisationCreated = 44,
    InitiativeCreated = 50,
    InitiativeEdited = 51,
    InitiativePublished = 52,
    InitiativeUnpublished = 53,
    InitiativeDeleted = 54,
    ModeratorHoldReleased = 55,
    PartnershipCreated = 60,
    PartnershipEdited = 61,
    PartnershipPublished = 62,
    PartnershipUnpublished = 63,
    AssessmentCreated = 70,
    AssessmentEdited = 71,
    AssessmentPublished = 72,
    AssessmentUnpublished = 73,
    AssessmentDeleted = 74,
    AssessmentResponded = 75,
    FrameworkPublished = 76,
    MailRetried = 82,
    AssessmentOfferedForComment = 80,
    AssessmentCommented = 81,
    RecommendationAnswered = 90,
    RecommendationProgressPosted = 91,
    RecommendationViewPosted = 92,
    StatementHidden = 93,
    FileAdded = 100,
    FilePublished = 101,
    FileHidden = 102,
    FileReported = 103,
    FileDiscarded = 104,
    TestimonyRecorded = 105,
    TestimonyWithdrawn = 106,
    ListingCreated = 110,
    ListingEdited = 111,
    ListingPublished = 112,
    ListingUnpublished = 113,
    ListingDeleted = 114,
    ListingHoldReleased = 115,
    InterestExpressed = 116,
    ConversationMessagePosted = 117,
    ConversationClosed = 118,
    ConversationReported = 119,
    InitiativeStartedFromConversation = 120,
    CallCreated = 130,
    CallEdited = 131,
    CallPublished = 132,
    CallUnpublished = 133,
    CallDeleted = 134,
    CallHoldReleased = 135,
    CallDeadlineExtended = 136,
    CallResultsPublished = 137,
    ApplicationCreated = 140,
    ApplicationEdited = 141,
    ApplicationSubmitted = 142,
    ApplicationDeleted = 143,
    PartnerInvited = 144,
    PartnerConfirmed = 145,
    PartnerRemoved = 146,
    ApplicationDecided = 147,
    ApplicationConverted = 148,
    ReviewerNamed = 150,
    ReviewerAnswered = 151,
    ReviewerRemoved = 152,
    ConflictDeclared = 153,
    ReviewSaved = 154,
    ReviewSubmitted = 155,
    GoodPracticeCreated = 160,
    GoodPracticeEdited = 161,
    GoodPracticePublished = 162,
    GoodPracticeUnpublished = 163,
    GoodPracticeDeleted = 164,
    GoodPracticeHoldReleased = 165,
}

/// <summary>One security-relevant event or content change: who did what to which record, when, from where.</summary>
public class AuditEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public AuditEventType Type { get; set; }

    /// <summary>The account that acted (null when nobody was signed in).</summary>
    public string? UserId { get; set; }
    /// <summary>The address the account had at the time, so the log still reads after the account changes.</summary>
    public string? UserEmail { get; set; }

    /// <summary>What the event is about, e.g. "initiative" and its id.</summary>
    public string? TargetType { get; set; }
    public string? TargetId { get; set; }
    public string? Details { get; set; }
    public string? IpAddress { get; set; }
}
