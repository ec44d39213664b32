namespace SscPortal.Web.Mail;

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// A message waiting to be sent, or sent, or given up. It is written in the same transaction as the change that causes it,
/// and <see cref="MailSender"/> delivers it afterwards.
/// </summary>
public sealed class OutboxMessage
{
    public const int AddressLength = 320;
    public const int SubjectLength = 300;

    public long Id { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public string TextBody { get; set; } = "";

    /// <summary>The language the message is written in (en, es, pt, fr).</summary>
    public string Language { get; set; } = "en";

    /// <summary>What the message is (<see cref="MailKinds"/>).</summary>
    public string Kind { get; set; } = "";

    /// <summary>The one-click unsubscribe address for this message's kind (RFC 8058), or null for mail one cannot unsubscribe from.</summary>
    public string? UnsubscribeUrl { get; set; }

    /// <summary>One text attachment (an event's .ics), its file name and media type; null for none.</summary>
    public string? AttachmentName { get; set; }
    public string? AttachmentType { get; set; }
    public string? Attachment { get; set; }

    public DateTime CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;
    public string? LastError { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>The claim of the sender now delivering it, until <see cref="ClaimedUntil"/>.</summary>
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }
}

public static class MailKinds
{
    public const string EmailConfirmation = "email-confirmation";
    public const string PasswordReset = "password-reset";
    public const string Notification = "notification";
    public const string Digest = "digest";
    public const string MembershipApproved = "membership-approved";
    public const string MembershipRefused = "membership-refused";
    public const string OrganisationVerified = "organisation-verified";
    public const string AccountLocked = "account-locked";
    public const string Invitation = "invitation";
    /// <summary>A visitor's registration for an event: confirm the address (the registration holds no place until then).</summary>
    public const string EventAddressConfirmation = "event-address-confirmation";
    /// <summary>Registered (with the event's .ics), on the waiting list, or moved up from it; a link to cancel.</summary>
    public const string EventRegistration = "event-registration";
    /// <summary>A message from an event's organisers to everyone registered.</summary>
    public const string EventMessage = "event-message";
    /// <summary>An event's date, place or link changed, or it was cancelled.</summary>
    public const string EventChanged = "event-changed";
}
