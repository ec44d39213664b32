using Microsoft.Extensions.Options;
using SscPortal.Web.Data;

namespace SscPortal.Web.Accounts;

public sealed class ConfirmationLinkOptions
{
    /// <summary>Shows the links the portal sends (e-mail confirmation, password reset) on screen (Development only by default).</summary>
    public bool ShowConfirmationLinks { get; set; }
}

/// <summary>What a link sent to an account's address lets its holder do.</summary>
public enum AccountLink
{
    EmailConfirmation,
    PasswordReset,
}

/// <summary>
/// Delivers the links an account's owner receives by e-mail. The portal has no mail server yet: the link is written to the log,
/// and shown on screen where <see cref="ConfirmationLinkOptions.ShowConfirmationLinks"/> is on.
/// </summary>
public sealed class ConfirmationLinkSender(IOptions<ConfirmationLinkOptions> options, ILogger<ConfirmationLinkSender> logger)
{
    public bool ShowsLinksOnScreen => options.Value.ShowConfirmationLinks;

    public void Send(ApplicationUser user, AccountLink purpose, string link) =>
        logger.LogInformation("{LinkPurpose} link for account {UserId}: {AccountLink}", purpose, user.Id, link);
}
