namespace SscPortal.Web.Records;

/// <summary>
/// What the audit log keeps beside a record's change, as codes rather than sentences (Localization/AuditText shows
/// them in the reader's language): where a change came from, who withdrew a record and why, which revision an assessment is.
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
}
