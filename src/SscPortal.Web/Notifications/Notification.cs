namespace SscPortal.Web.Notifications;

/// <summary>What a notification tells its reader. Each kind has its own preference (<see cref="NotificationPreference"/>).</summary>
public enum NotificationKind
{
    /// <summary>Someone claims membership of an organisation I administer.</summary>
    MembershipClaimed = 1,
    /// <summary>An organisation was proposed and waits for verification (moderators).</summary>
    OrganisationProposed = 2,
    /// <summary>An assessment of an initiative my organisation is an official party to was published.</summary>
    AssessmentPublished = 3,
    /// <summary>A revision of an assessment of an initiative my organisation is an official party to was published.</summary>
    AssessmentRevised = 4,
    /// <summary>An official party published a response to my organisation's assessment.</summary>
    ResponsePublished = 5,
    /// <summary>A moderator unpublished or held a record of my organisation (with the reason).</summary>
    RecordHeld = 6,
    /// <summary>A moderator lifted the hold on a record of my organisation.</summary>
    HoldLifted = 7,
    /// <summary>A new version of the assessment framework was published while I have drafts on the old one.</summary>
    FrameworkPublished = 8,
    /// <summary>Something I follow was published or changed.</summary>
    Followed = 9,
    /// <summary>My organisation has not responded to an assessment and its response period ends within a few days.</summary>
    ResponseDueSoon = 10,
    /// <summary>The response period of an assessment passed without a response from my organisation.</summary>
    ResponseOverdue = 11,
    /// <summary>A draft assessment was offered to my organisation for factual comment.</summary>
    DraftOffered = 20,
    /// <summary>A party commented on my organisation's draft assessment.</summary>
    CommentReceived = 21,
    /// <summary>A published assessment addresses recommendations to my organisation.</summary>
    RecommendationAddressed = 30,
    /// <summary>A party answered, or posted progress on, a recommendation of my organisation's assessment.</summary>
    RecommendationAnswered = 31,
    /// <summary>The assessor gave its view of my organisation's answer or progress on a recommendation.</summary>
    AssessorViewPosted = 32,
    /// <summary>The target date of a recommendation (addressed to my organisation, or of its assessment) passed without it being reported implemented.</summary>
    TargetDatePassed = 33,
    /// <summary>Another organisation said "we are interested" in my organisation's offer or need.</summary>
    InterestExpressed = 40,
    /// <summary>A new message in one of my organisation's conversations.</summary>
    ConversationMessage = 41,
    /// <summary>The other side ended one of my organisation's conversations (agreed, declined or withdrawn).</summary>
    ConversationEnded = 42,
    /// <summary>A conversation was reported to the moderators.</summary>
    ConversationReported = 43,
    /// <summary>A call my organisation applied (or is applying) to moved its deadline later.</summary>
    CallDeadlineExtended = 50,
    /// <summary>My organisation submitted an application: the receipt, with its fingerprint.</summary>
    ApplicationSubmitted = 51,
    /// <summary>Another organisation named mine as a partner in its application: confirm or decline.</summary>
    PartnerInvited = 52,
    /// <summary>A partner confirmed (or declined) its part in my organisation's application.</summary>
    PartnerAnswered = 53,
    /// <summary>I was asked to review a call's applications (as a member of another organisation: accept or decline).</summary>
    ReviewerInvited = 54,
    /// <summary>A person asked to review my organisation's call accepted or declined.</summary>
    ReviewerAnswered = 55,
    /// <summary>The results of a call my organisation applied to were published: its decision, scores and feedback.</summary>
    CallResults = 56,
    /// <summary>A call received an application (its organisation's admins).</summary>
    ApplicationReceived = 57,
    /// <summary>Another organisation named mine a co-organiser of its event (confirm or decline).</summary>
    CoOrganiserInvited = 60,
    /// <summary>A co-organiser of my organisation's event confirmed or declined.</summary>
    CoOrganiserAnswered = 61,
}

/// <summary>How a kind of notification reaches its reader beyond the portal.</summary>
public enum NotificationDelivery
{
    /// <summary>A mail for each notification, as it happens.</summary>
    Immediately = 1,
    /// <summary>One mail a day gathering the day's notifications.</summary>
    DailyDigest = 2,
    /// <summary>No mail: only the bell and <c>/my/notifications</c>.</summary>
    PortalOnly = 3,
}

/// <summary>One thing a person is told, in the portal and (by their preference) by mail, about a record or a request.</summary>
public sealed class Notification
{
    public const int SubjectLength = 500;
    public const int DetailLength = 1000;
    public const int PathLength = 300;

    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public NotificationKind Kind { get; set; }

    /// <summary>The portal path of what it is about (<c>/initiatives/12</c>), to link from the bell and the mail.</summary>
    public string Path { get; set; } = "";

    /// <summary>What it is about, as its author named it (a title, an organisation's name).</summary>
    public string Subject { get; set; } = "";

    /// <summary>What more there is to say, in the words of who said it (a moderator's reason), or null.</summary>
    public string? Detail { get; set; }

    /// <summary>The kind of record it is about and what happened to it, when it is about a record's change.</summary>
    public SscPortal.Domain.RecordType? About { get; set; }
    public SscPortal.Domain.ChangeKind? Change { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }

    /// <summary>How it was to reach its reader when it was made; a digest notification waits for <see cref="DigestedAt"/>.</summary>
    public NotificationDelivery Delivery { get; set; }
    public DateTime? DigestedAt { get; set; }
}

/// <summary>A person's choice for one kind of notification; without one, <see cref="NotificationPreference.Default"/> holds.</summary>
public sealed class NotificationPreference
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public NotificationKind Kind { get; set; }
    public NotificationDelivery Delivery { get; set; }

    /// <summary>What a person gets before they choose: what they follow comes once a day, the rest at once.</summary>
    public static NotificationDelivery Default(NotificationKind kind) =>
        kind == NotificationKind.Followed ? NotificationDelivery.DailyDigest : NotificationDelivery.Immediately;
}

/// <summary>What a person may follow.</summary>
public enum FollowKind
{
    Country = 1,
    Organisation = 2,
    Initiative = 3,
    Principle = 4,
    Sdg = 5,
    /// <summary>A catalogue search: its query string, as <c>/initiatives</c> takes it.</summary>
    Search = 6,
    /// <summary>A theme (its <c>ThematicArea</c> name): offers, needs and initiatives under it.</summary>
    Theme = 7,
    /// <summary>A world region (its code): offers, needs and initiatives in it.</summary>
    Region = 8,
    /// <summary>A search of the exchange: its query string, as <c>/exchange</c> takes it.</summary>
    ExchangeSearch = 9,
    /// <summary>New calls for proposals, good practices or members (the key is the kind of call, or "all").</summary>
    Calls = 10,
    /// <summary>A search of the good practices: its query string, as <c>/good-practices</c> takes it.</summary>
    GoodPracticeSearch = 11,
}

/// <summary>Something a signed-in person follows: they are told when a matching record is published or changes.</summary>
public sealed class Follow
{
    public const int KeyLength = 1000;
    public const int LabelLength = 500;

    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public FollowKind Kind { get; set; }

    /// <summary>What is followed: a country code, an id, a principle code, an SDG number, or a search's query string.</summary>
    public string Key { get; set; } = "";

    /// <summary>How it read when it was followed, for <c>/my/following</c>.</summary>
    public string Label { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
