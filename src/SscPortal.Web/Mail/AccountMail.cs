using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SscPortal.Domain;
using SscPortal.Web.Accounts;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Mail;

/// <summary>
/// The mail an account's owner receives: the address confirmation, the password reset, a membership approved or refused, an
/// organisation verified, an account locked, and an invitation to join an organisation. Each is written in the recipient's
/// language (<see cref="MailLanguageFor"/>), as HTML and as plain text, with an absolute link from <see cref="PublicAddress"/>
/// where it has one, and put in the <see cref="Outbox"/>: it is saved with the caller's change and sent once that is saved.
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

    /// <summary>
    /// The language an account's mail is written in: the one the person chose (at registration, or later in their account
    /// settings); the request's for an account that has none the portal knows. The address confirmation and the password
    /// reset are read at once by whoever asked for them, so they are written in the language of that request instead.
    /// </summary>
    public static string MailLanguageFor(ApplicationUser user) => PortalCultures.IsSupported(user.Language) ? user.Language : PortalCultures.Current;

    public OutboxMessage EmailConfirmation(ApplicationUser user, string link) =>
        Queue(user.Email!, PortalCultures.Current, MailKinds.EmailConfirmation, () => new(
            L["Confirm your e-mail address for the SSC Portal"],
            L["An account was created on the SSC Portal with this e-mail address. To activate it, confirm the address by opening this link:"],
            L["Confirm my account"], link,
            L["If you did not create this account, ignore this message: the account stays inactive."]));

    public OutboxMessage PasswordReset(ApplicationUser user, string link) =>
        Queue(user.Email!, PortalCultures.Current, MailKinds.PasswordReset, () => new(
            L["Reset your SSC Portal password"],
            L["Someone asked to reset the password of your SSC Portal account. To choose a new password, open this link within an hour:"],
            L["Choose a new password"], link,
            L["If you did not ask for this, ignore this message: your password stays as it is."]));

    public OutboxMessage MembershipApproved(ApplicationUser user, string organisation) =>
        Queue(user, MailKinds.MembershipApproved, () => new(
            L["You are now a member of {0} on the SSC Portal", organisation],
            L["Your request to join {0} on the SSC Portal was approved. You can now work on the organisation's records:", organisation],
            L["My organisations"], LinkTo("/account/organisations"),
            L["You received this message because you asked to join this organisation."]));

    public OutboxMessage MembershipRefused(ApplicationUser user, string organisation) =>
        Queue(user, MailKinds.MembershipRefused, () => new(
            L["Your request to join {0} was refused", organisation],
            L["Your request to join {0} on the SSC Portal was refused by the organisation's admins or a moderator. If you think this is a mistake, contact the organisation directly.", organisation],
            L["My organisations"], LinkTo("/account/organisations"),
            L["You received this message because you asked to join this organisation."]));

    public OutboxMessage OrganisationVerified(ApplicationUser user, string organisation, int organisationId) =>
        Queue(user, MailKinds.OrganisationVerified, () => new(
            L["{0} is verified on the SSC Portal", organisation],
            L["A moderator verified {0}, the organisation you proposed. You are its organisation admin: you can register its initiatives and invite your colleagues.", organisation],
            L["Invite colleagues"], LinkTo($"/organisations/{organisationId}/members"),
            L["You received this message because you proposed this organisation."]));

    /// <summary>An account locked, after too many failed sign-ins (for a while) or by an administrator (until unlocked).</summary>
    public OutboxMessage AccountLocked(ApplicationUser user, bool byAdministrator) =>
        Queue(user, MailKinds.AccountLocked, () => byAdministrator
            ? new(L["Your SSC Portal account was locked"],
                L["An administrator of the SSC Portal locked your account: you cannot sign in until it is unlocked. If you think this is a mistake, reply to this message."],
                null, null,
                L["What you wrote on the portal stays, under your organisation's name."])
            : new(L["Your SSC Portal account was locked"],
                L["Someone gave the wrong password for your account {0} times, so it is locked for {1} minutes. If it was you, wait and try again, or choose a new password:",
                    AccountSetup.MaxFailedSignIns, (int)AccountSetup.LockoutDuration.TotalMinutes],
                L["Choose a new password"], LinkTo("/account/forgot-password"),
                L["If it was not you, someone may be guessing your password: choose a new, long one."]));

    /// <summary>
    /// An invitation to join an organisation, to an address that may have no account yet: it is written in the inviter's
    /// language, the only one known for the address.
    /// </summary>
    public OutboxMessage Invitation(string to, string organisation, MembershipRole role, string inviter, DateTime expiresAt, string link) =>
        Queue(to, PortalCultures.Current, MailKinds.Invitation, () => new(
            L["You are invited to join {0} on the SSC Portal", organisation],
            L["{0} invites you to join {1} on the SSC Portal, as {2}. To accept, open this link before {3} and sign in or create an account with this e-mail address:",
                inviter, organisation, role == MembershipRole.OrganisationAdmin ? L["Organisation admin"] : L["Member"], expiresAt.ToString("d MMMM yyyy", CultureInfo.CurrentCulture)],
            L["Accept the invitation"], link,
            L["If you do not know this organisation, ignore this message: nothing happens unless you accept."]));

    /// <summary>What one mail says: its subject, a paragraph, an optional link with its words, and a closing paragraph.</summary>
    private sealed record Letter(string Subject, string Intro, string? Action, string? Link, string Closing);

    private OutboxMessage Queue(ApplicationUser user, string kind, Func<Letter> write) =>
        Queue(user.Email!, MailLanguageFor(user), kind, write);

    /// <summary>Writes the letter in <paramref name="language"/> (the interface's culture is switched while it is written) and puts it in the outbox.</summary>
    private OutboxMessage Queue(string to, string language, string kind, Func<Letter> write)
    {
        using var _ = PortalCultures.Use(language);
        var written = PortalCultures.Current;
        var letter = write();
        var signature = L["SSC Portal"].Value;
        return outbox.Add(to, kind, written, letter.Subject, Html(written, letter, signature), Text(letter, signature));
    }

    /// <summary>Encodes markup only, leaving letters of every language readable in the source of the message.</summary>
    private static readonly HtmlEncoder Readable = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string Html(string language, Letter letter, string signature)
    {
        var html = Readable;
        var body = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(language).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(html.Encode(letter.Subject)).Append("</title></head><body style=\"font-family:sans-serif;line-height:1.5\">")
            .Append("<p>").Append(html.Encode(letter.Intro)).Append("</p>");
        if (letter.Link is { } link)
            body.Append("<p><a href=\"").Append(html.Encode(link)).Append("\">").Append(html.Encode(letter.Action ?? link)).Append("</a></p>")
                .Append("<p style=\"word-break:break-all;font-size:small\">").Append(html.Encode(link)).Append("</p>");
        return body.Append("<p>").Append(html.Encode(letter.Closing)).Append("</p>")
            .Append("<p>— ").Append(html.Encode(signature)).Append("</p></body></html>")
            .ToString();
    }

    private static string Text(Letter letter, string signature) =>
        letter.Link is { } link
            ? $"{letter.Intro}\n\n{link}\n\n{letter.Closing}\n\n-- \n{signature}\n"
            : $"{letter.Intro}\n\n{letter.Closing}\n\n-- \n{signature}\n";
}
