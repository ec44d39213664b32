namespace SscPortal.Web.Forms;

/// <summary>What one page tells the next after a redirect (TempData keys), shown by the layout.</summary>
public static class PageMessages
{
    /// <summary>Something done: "Published", "Saved"…</summary>
    public const string Message = "Message";
    /// <summary>Something that could not be done, and why.</summary>
    public const string Problem = "Problem";
    /// <summary>Development only: the confirmation link a new account would receive by mail.</summary>
    public const string ConfirmationLink = "ConfirmationLink";
    /// <summary>What a Follow button did, shown beside the button on the page it returns to.</summary>
    public const string Following = "Following";

    // What some pages put in Message for the page they return to, which says it in the reader's language.

    /// <summary>Another moderator decided on the organisation a moment before: nothing was changed.</summary>
    public const string AlreadyDecided = "already-decided";
    /// <summary>The organisation appears in initiatives, so it was not removed.</summary>
    public const string InUse = "in-use";
    /// <summary>An administrator tried to change their own account.</summary>
    public const string OwnAccount = "self";
    /// <summary>A failed mail was put back in the queue.</summary>
    public const string MailRetried = "retried";
}
