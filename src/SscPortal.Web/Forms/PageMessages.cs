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
}
