namespace SscPortal.Web.Security;

/// <summary>What an audit entry is about: the kinds of target the audit log records (stored as these words).</summary>
public static class AuditTargets
{
    public const string Initiative = "initiative";
    public const string Partnership = "partnership";
    public const string Assessment = "assessment";
    public const string Organisation = "organisation";
    public const string Membership = "membership";
    public const string User = "user";
    public const string Role = "role";
    public const string Framework = "framework";
    public const string Mail = "mail";
    public const string Page = "page";
    public const string File = "file";
    public const string Testimony = "testimony";
    public const string Listing = "listing";
    public const string Conversation = "conversation";
    public const string Call = "call";
    public const string Application = "application";
    public const string Review = "review";
    public const string GoodPractice = "good practice";
    public const string Event = "event";
    public const string Registration = "registration";
    public const string Import = "IATI upload";
}
