using Microsoft.Extensions.Localization;
using SscPortal.Domain;

namespace SscPortal.Web.Notifications;

/// <summary>What a notification says, in the current language: the same sentence in the bell's list and in the mail.</summary>
public static class NotificationText
{
    public static string Of(Notification n, IStringLocalizer L) => n.Kind switch
    {
        NotificationKind.MembershipClaimed => L["Someone asks to join {0}: the claim waits for your decision.", n.Subject],
        NotificationKind.OrganisationProposed => L["The organisation {0} was proposed and waits for verification.", n.Subject],
        NotificationKind.AssessmentPublished => L["An assessment of “{0}” was published. Your organisation may respond to it.", n.Subject],
        NotificationKind.AssessmentRevised => L["A revision of an assessment of “{0}” was published.", n.Subject],
        NotificationKind.ResponsePublished => L["A response to your organisation's assessment of “{0}” was published.", n.Subject],
        NotificationKind.RecordHeld => L["A moderator unpublished “{0}”.", n.Subject],
        NotificationKind.HoldLifted => L["A moderator lifted the hold on “{0}”: it can be published again.", n.Subject],
        NotificationKind.FrameworkPublished => L["Version {0} of the assessment framework was published. Your drafts use an older version.", n.Subject],
        NotificationKind.ResponseDueSoon => L["The period to respond to an assessment of “{0}” ends soon, and your organisation has not responded yet.", n.Subject],
        NotificationKind.ResponseOverdue => L["The period to respond to an assessment of “{0}” has ended without a response from your organisation.", n.Subject],
        NotificationKind.DraftOffered => L["A draft assessment of “{0}” was offered to your organisation for factual comment.", n.Subject],
        NotificationKind.CommentReceived => L["A party commented on your organisation's draft assessment of “{0}”.", n.Subject],
        NotificationKind.RecommendationAddressed => L["An assessment of “{0}” addresses recommendations to your organisation: answer each of them.", n.Subject],
        NotificationKind.RecommendationAnswered => L["A party answered or posted progress on a recommendation of your organisation's assessment of “{0}”.", n.Subject],
        NotificationKind.AssessorViewPosted => L["The assessor gave its view of your organisation's answer or progress on a recommendation of “{0}”.", n.Subject],
        NotificationKind.TargetDatePassed => L["The target date of a recommendation of an assessment of “{0}” passed without it being reported implemented.", n.Subject],
        NotificationKind.InterestExpressed => L["{0} is interested in your organisation's offer or need “{1}” and wrote to you.", n.Detail ?? "", n.Subject],
        NotificationKind.ConversationMessage => L["A new message about “{0}”.", n.Subject],
        NotificationKind.ConversationEnded => L["The conversation about “{0}” was ended by the other organisation.", n.Subject],
        NotificationKind.ConversationReported => L["A conversation about “{0}” was reported to the moderators.", n.Subject],
        NotificationKind.CallDeadlineExtended => L["The deadline of the call “{0}” was extended.", n.Subject],
        NotificationKind.ApplicationSubmitted => L["Your organisation's application “{0}” was submitted. Keep this receipt.", n.Subject],
        NotificationKind.PartnerInvited => L["{0} named your organisation as a partner in its application “{1}”: confirm or decline.", n.Detail ?? "", n.Subject],
        NotificationKind.PartnerAnswered => L["A partner answered about your organisation's application “{0}”.", n.Subject],
        NotificationKind.ReviewerInvited => L["You are asked to review the applications to the call “{0}”.", n.Subject],
        NotificationKind.ReviewerAnswered => L["A reviewer answered about your organisation's call “{0}”.", n.Subject],
        NotificationKind.CallResults => L["The results of the call “{0}” were published: see your organisation's decision, scores and feedback.", n.Subject],
        NotificationKind.ApplicationReceived => L["Your organisation's call “{0}” received an application.", n.Subject],
        NotificationKind.CoOrganiserInvited => L["{0} named your organisation as a co-organiser of the event “{1}”: confirm or decline.", n.Detail ?? "", n.Subject],
        NotificationKind.CoOrganiserAnswered => L["A co-organiser answered about your organisation's event “{0}”.", n.Subject],
        NotificationKind.Followed => (n.About, n.Change) switch
        {
            (RecordType.Assessment, ChangeKind.ResponsePublished) => L["A response to an assessment of “{0}” was published.", n.Subject],
            (RecordType.Assessment, _) => L["An assessment of “{0}” was published.", n.Subject],
            (RecordType.Listing, ChangeKind.Published) => L["New offer or need: “{0}”.", n.Subject],
            (RecordType.Listing, _) => L["The offer or need “{0}” was changed.", n.Subject],
            (RecordType.Call, ChangeKind.Published) => L["New call: “{0}”.", n.Subject],
            (RecordType.GoodPractice, ChangeKind.Published) => L["New good practice: “{0}”.", n.Subject],
            (RecordType.Event, ChangeKind.Published) => L["New event: “{0}”.", n.Subject],
            (_, ChangeKind.Published) => L["“{0}” was published.", n.Subject],
            _ => L["“{0}” was changed.", n.Subject],
        },
        _ => n.Subject,
    };

    /// <summary>How the detail is introduced (the moderator's reason, the claimant's address), or null when it needs no words.</summary>
    public static string? DetailLabel(Notification n, IStringLocalizer L) => n.Kind switch
    {
        NotificationKind.RecordHeld => L["Reason given"].Value,
        NotificationKind.MembershipClaimed => L["Claimed by"].Value,
        NotificationKind.ResponseDueSoon or NotificationKind.ResponseOverdue => L["Response due by"].Value,
        NotificationKind.DraftOffered => L["Comments close on"].Value,
        NotificationKind.CommentReceived => L["Comment from"].Value,
        NotificationKind.RecommendationAnswered or NotificationKind.AssessorViewPosted => L["From"].Value,
        NotificationKind.TargetDatePassed => L["Target date"].Value,
        NotificationKind.ConversationMessage or NotificationKind.ConversationEnded => L["From"].Value,
        NotificationKind.ConversationReported => L["Reason given"].Value,
        NotificationKind.CallDeadlineExtended => L["New deadline"].Value,
        NotificationKind.ApplicationSubmitted => L["Fingerprint (SHA-256)"].Value,
        NotificationKind.PartnerAnswered or NotificationKind.ReviewerAnswered or NotificationKind.ApplicationReceived or NotificationKind.CoOrganiserAnswered => L["From"].Value,
        _ => null,
    };

    /// <summary>The name of a kind of notification, as the preferences list it.</summary>
    public static string KindName(NotificationKind kind, IStringLocalizer L) => kind switch
    {
        NotificationKind.MembershipClaimed => L["Membership claims waiting for my approval"],
        NotificationKind.OrganisationProposed => L["Organisations waiting for verification"],
        NotificationKind.AssessmentPublished => L["Assessments of initiatives my organisation takes part in"],
        NotificationKind.AssessmentRevised => L["Revisions of those assessments"],
        NotificationKind.ResponsePublished => L["Responses to my organisation's assessments"],
        NotificationKind.RecordHeld => L["My organisation's records unpublished by a moderator"],
        NotificationKind.HoldLifted => L["Holds lifted on my organisation's records"],
        NotificationKind.FrameworkPublished => L["New versions of the assessment framework"],
        NotificationKind.ResponseDueSoon => L["Responses my organisation owes that are due soon"],
        NotificationKind.ResponseOverdue => L["Responses my organisation did not give in time"],
        NotificationKind.Followed => L["What I follow"],
        NotificationKind.DraftOffered => L["Draft assessments offered to my organisation for comment"],
        NotificationKind.CommentReceived => L["Comments on my organisation's draft assessments"],
        NotificationKind.RecommendationAddressed => L["Recommendations addressed to my organisation"],
        NotificationKind.RecommendationAnswered => L["Answers and progress on my organisation's recommendations"],
        NotificationKind.AssessorViewPosted => L["The assessor's views of my organisation's answers and progress"],
        NotificationKind.TargetDatePassed => L["Recommendations past their target date"],
        NotificationKind.InterestExpressed => L["Interest in my organisation's offers and needs"],
        NotificationKind.ConversationMessage => L["Messages in my organisation's conversations"],
        NotificationKind.ConversationEnded => L["My organisation's conversations ended by the other side"],
        NotificationKind.ConversationReported => L["Conversations reported to the moderators"],
        NotificationKind.CallDeadlineExtended => L["Deadlines extended on calls my organisation applies to"],
        NotificationKind.ApplicationSubmitted => L["Receipts of my organisation's applications"],
        NotificationKind.PartnerInvited => L["Requests to be a partner in another organisation's application"],
        NotificationKind.PartnerAnswered => L["Partners' answers about my organisation's applications"],
        NotificationKind.ReviewerInvited => L["Requests to review a call's applications"],
        NotificationKind.ReviewerAnswered => L["Reviewers' answers about my organisation's calls"],
        NotificationKind.CallResults => L["Results of calls my organisation applied to"],
        NotificationKind.ApplicationReceived => L["Applications received by my organisation's calls"],
        NotificationKind.CoOrganiserInvited => L["Requests to co-organise another organisation's event"],
        NotificationKind.CoOrganiserAnswered => L["Co-organisers' answers about my organisation's events"],
        _ => kind.ToString(),
    };

    public static string DeliveryName(NotificationDelivery delivery, IStringLocalizer L) => delivery switch
    {
        NotificationDelivery.Immediately => L["By e-mail at once"],
        NotificationDelivery.DailyDigest => L["In a daily e-mail digest"],
        _ => L["Only in the portal"],
    };
}
