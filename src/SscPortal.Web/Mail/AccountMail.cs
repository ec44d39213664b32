using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SscPortal.Web.Accounts;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Mail;

/// <summary>
/// The mail an account's owner receives: the address confirmation and the password reset. Each is written in the reader's
/// language (the request's, when it is asked for), as HTML and as plain text, with an absolute link from
/// <see cref="PublicAddress"/>, and put in the <see cref="Outbox"/>: it is sent once the caller's change is saved.
/// </summary>
public sealed class AccountMail(
    Outbox outbox,
    PublicAddress address,
    IStringLocalizer<SharedResource> L,
    IOptions<ConfirmationLinkOptions> linkOptions,
    IWebHostEnvironment environment,
    ILogger<AccountMail> logger)
{
    /// <summary>Links are also shown on screen: in Development, and only when Accounts:ShowConfirmationLinks says so.</summary>
    public bool ShowsLinksOnScreen => environment.IsDevelopment() && linkOptions.Value.ShowConfirmationLinks;

    /// <summary>The absolute address of a portal path for a mail, or null (said in the log) when the portal has no public address.</summary>
    public string? LinkTo(string path)
    {
        if (address.For(path) is { } link) return link;
        logger.LogError("Portal:PublicUrl is not set: no link can be mailed. Set it to the address people reach the portal at.");
        return null;
    }

    public OutboxMessage EmailConfirmation(ApplicationUser user, string link) =>
        Queue(user, MailKinds.EmailConfirmation,
            L["Confirm your e-mail address for the SSC Portal"],
            L["An account was created on the SSC Portal with this e-mail address. To activate it, confirm the address by opening this link:"],
            L["Confirm my account"], link,
            L["If you did not create this account, ignore this message: the account stays inactive."]);

    public OutboxMessage PasswordReset(ApplicationUser user, string link) =>
        Queue(user, MailKinds.PasswordReset,
            L["Reset your SSC Portal password"],
            L["Someone asked to reset the password of your SSC Portal account. To choose a new password, open this link within an hour:"],
            L["Choose a new password"], link,
            L["If you did not ask for this, ignore this message: your password stays as it is."]);

    /// <summary>Encodes markup only, leaving letters of every language readable in the source of the message.</summary>
    private static readonly HtmlEncoder Readable = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private OutboxMessage Queue(ApplicationUser user, string kind, string subject, string intro, string action, string link, string closing)
    {
        var html = Readable;
        var language = PortalCultures.Current;
        var body = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(language).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(html.Encode(subject)).Append("</title></head><body style=\"font-family:sans-serif;line-height:1.5\">")
            .Append("<p>").Append(html.Encode(intro)).Append("</p>")
            .Append("<p><a href=\"").Append(html.Encode(link)).Append("\">").Append(html.Encode(action)).Append("</a></p>")
            .Append("<p style=\"word-break:break-all;font-size:small\">").Append(html.Encode(link)).Append("</p>")
            .Append("<p>").Append(html.Encode(closing)).Append("</p>")
            .Append("<p>— ").Append(html.Encode(L["SSC Portal"])).Append("</p></body></html>")
            .ToString();
        var text = $"{intro}\n\n{link}\n\n{closing}\n\n-- \n{L["SSC Portal"]}\n";
        return outbox.Add(user.Email!, kind, language, subject, body, text);
    }
}
