namespace SscPortal.Web.Accounts;

public sealed class ConfirmationLinkOptions
{
    /// <summary>
    /// Also shows the links the portal mails (e-mail confirmation, password reset) on screen. Honoured in Development only:
    /// anywhere else those links reach their owner by mail alone, and are never shown nor logged.
    /// </summary>
    public bool ShowConfirmationLinks { get; set; }
}
