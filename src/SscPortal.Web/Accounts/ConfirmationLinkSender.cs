using Microsoft.Extensions.Options;
using SscPortal.Web.Data;

namespace SscPortal.Web.Accounts;

public sealed class ConfirmationLinkOptions
{
    /// <summary>Shows the confirmation link on screen after registering (Development only by default).</summary>
    public bool ShowConfirmationLinks { get; set; }
}

/// <summary>
/// Delivers e-mail confirmation links. The portal has no mail server yet: the link is written to the log,
/// and shown on screen where <see cref="ConfirmationLinkOptions.ShowConfirmationLinks"/> is on.
/// </summary>
public sealed class ConfirmationLinkSender(IOptions<ConfirmationLinkOptions> options, ILogger<ConfirmationLinkSender> logger)
{
    public bool ShowsLinksOnScreen => options.Value.ShowConfirmationLinks;

    public void Send(ApplicationUser user, string link) =>
        logger.LogInformation("E-mail confirmation link for account {UserId}: {ConfirmationLink}", user.Id, link);
}
