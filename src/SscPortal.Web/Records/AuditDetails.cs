using System.Globalization;
using SscPortal.Domain;

namespace SscPortal.Web.Records;

/// <summary>
/// What the audit log keeps beside a change, as codes rather than sentences (Localization/AuditText shows them in the
/// reader's language): where a change came from, who withdrew a record and why, which revision an assessment is, to whom a
/// draft was offered, what was said about a recommendation, which invitation was sent, accepted or withdrawn. Free text (a
/// name, a reason, an address) always comes last, so that it may hold any character.
/// </summary>
public static class AuditDetails
{
    /// <summary>Created or edited by uploading the organisation's spreadsheet.</summary>
    public const string FromSpreadsheet = "source=spreadsheet";

    public const string ByOwnerPrefix = "unpublished-by=owner; reason=";
    public const string ByModeratorPrefix = "unpublished-by=moderator; reason=";

    /// <summary>Withdrawn by its owners or by a moderator, with the reason they gave.</summary>
    public static string Unpublished(bool byModerator, string reason) => (byModerator ? ByModeratorPrefix : ByOwnerPrefix) + reason;

    /// <summary>A new revision of a published assessment.</summary>
    public static string Revision(int revision, int of) =>
        FormattableString.Invariant($"revision={revision}; of={of}");

    /// <summary>Interest expressed in an offer or need (the conversation is the audit entry's target).</summary>
    public static string Listing(int listingId) => FormattableString.Invariant($"listing={listingId}");

    /// <summary>How a conversation ended.</summary>
    public static string ConversationEnded(Domain.ConversationState outcome) => $"outcome={outcome}";

    /// <summary>The initiative started from an agreed conversation.</summary>
    public static string StartedInitiative(int initiativeId) => FormattableString.Invariant($"initiative={initiativeId}");

    public const string VerifiedAtOncePrefix = "verified=at-once; name=";

    /// <summary>An organisation an administrator added, verified at once.</summary>
    public static string CreatedVerified(string name) => VerifiedAtOncePrefix + name;

    /// <summary>A draft assessment offered to these parties for comment until a day.</summary>
    public static string OfferedForComment(DateTime closesAt, IEnumerable<string> parties) =>
        "until=" + closesAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "; to=" + string.Join(", ", parties);

    /// <summary>A comment on a draft assessment: public or for the assessor only, perhaps on one indicator, by an organisation.</summary>
    public static string Commented(bool isPublic, string? indicator, string commenter) =>
        $"comment={(isPublic ? "public" : "assessor-only")}; indicator={indicator}; by={commenter}";

    /// <summary>An answer, progress or the assessor's view on a recommendation, with the status or verdict it gave.</summary>
    public static string Statement(int recommendation, RecommendationStatus? status, AssessorVerdict? verdict, string speaker) =>
        FormattableString.Invariant($"recommendation={recommendation}; ")
        + (status is { } s ? $"status={s}" : verdict is { } v ? $"verdict={v}" : "status=")
        + "; by=" + speaker;

    /// <summary>A statement on an assessment hidden by a moderator (a response, a comment, a statement on a recommendation).</summary>
    public static string Hidden(string kind, int id, string reason) =>
        FormattableString.Invariant($"hidden={kind}; id={id}; reason={reason}");

    /// <summary>An invitation to join an organisation in a role, sent to an address.</summary>
    public static string Invited(MembershipRole role, string email) => $"invited-as={role}; email={email}";

    /// <summary>An invitation accepted by an account, which joined in a role (null: it was already a member).</summary>
    public static string InvitationAccepted(int invitation, string userId, MembershipRole? joinedAs) =>
        FormattableString.Invariant($"invitation={invitation}; joined-as={(joinedAs is { } role ? role.ToString() : "already-member")}; account={userId}");

    /// <summary>An open invitation withdrawn.</summary>
    public static string InvitationRevoked(int invitation, string email) =>
        FormattableString.Invariant($"invitation={invitation}; email={email}");

    /// <summary>A refused attempt to accept an invitation sent to another address.</summary>
    public static string AcceptForAnotherAddress(int invitation) =>
        FormattableString.Invariant($"refused=accept-invitation-of-another-address; invitation={invitation}");

    /// <summary>A refused attempt to withdraw an invitation of another organisation.</summary>
    public static string RevokeOtherOrganisationsInvitation(int invitation) =>
        FormattableString.Invariant($"refused=revoke-invitation-of-another-organisation; invitation={invitation}");

    /// <summary>A version of a file stored, with its SHA-256.</summary>
    public static string FileAdded(int version, string sha256) =>
        FormattableString.Invariant($"version={version}; sha256={sha256}");

    /// <summary>A file published after its found metadata was reviewed, with its author's name removed or kept.</summary>
    public static string FilePublished(bool authorRemoved) => authorRemoved ? "metadata=author-removed" : "metadata=author-kept";

    /// <summary>A testimony recorded for an assessment.</summary>
    public static string TestimonyRecorded(int assessment) => FormattableString.Invariant($"assessment={assessment}");

    /// <summary>A testimony withdrawn: its consent taken back or expired.</summary>
    public static string TestimonyWithdrawn(TestimonyWithdrawal why) => $"withdrawn={why}";
}
