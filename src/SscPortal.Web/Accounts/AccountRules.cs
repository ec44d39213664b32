using FluentValidation;
using Microsoft.Extensions.Localization;

namespace SscPortal.Web.Accounts;

/// <summary>Validation rules that the account forms share.</summary>
public static class AccountRules
{
    public static IRuleBuilderOptions<T, string?> IsEmailAddress<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<SharedResource> L) =>
        rule.NotEmpty().WithMessage(L["Enter your e-mail address."])
            .MaximumLength(256).WithMessage(L["Use at most {0} characters.", 256])
            .EmailAddress().WithMessage(L["Enter a valid e-mail address."]);

    /// <summary>
    /// An address the portal will write to and that will name an account (registering, inviting): a valid address as above,
    /// and also one mailbox that mail can reach (<see cref="IsMailbox"/>).
    /// </summary>
    public static IRuleBuilderOptions<T, string?> IsNewEmailAddress<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<SharedResource> L) =>
        rule.IsEmailAddress(L)
            .Must(IsMailbox).WithMessage(L["This is not an address mail can be delivered to: write it as name@example.org, without spaces or a name around it."]);

    /// <summary>The longest address SMTP allows (64 characters before the @, 255 after).</summary>
    public const int MaximumAddressLength = 320;

    /// <summary>
    /// Whether the text is exactly one mailbox, as MailKit reads it, with nothing around it: no display name or angle brackets
    /// ("Bob &lt;bob@example.org&gt;"), no route, no spaces, no quoted local part, and a domain with at least one dot whose labels
    /// are letters, digits and inner hyphens (so "bob@localhost", "bob@example..org" and "bob@[127.0.0.1]" are refused).
    /// </summary>
    public static bool IsMailbox(string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Length > MaximumAddressLength) return false;
        if (address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '<' or '>' or '(' or ')' or ',' or ';' or ':' or '[' or ']' or '\\')) return false;
        if (!MimeKit.MailboxAddress.TryParse(MimeKit.ParserOptions.Default, address, out var mailbox)) return false;
        if (!string.IsNullOrEmpty(mailbox.Name) || mailbox.Route.Count > 0 || !string.Equals(mailbox.Address, address, StringComparison.Ordinal)) return false;
        var at = address.LastIndexOf('@');
        if (at <= 0 || at != address.IndexOf('@', StringComparison.Ordinal)) return false;
        var (local, domain) = (address[..at], address[(at + 1)..]);
        if (local.Length > 64 || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal)) return false;
        var labels = domain.Split('.');
        return domain.Length <= 255 && labels.Length >= 2
            && labels.All(label => label.Length is > 0 and <= 63 && !label.StartsWith('-') && !label.EndsWith('-') && label.All(c => char.IsLetterOrDigit(c) || c == '-'));
    }

    /// <summary>A password being chosen (registering, resetting): long rather than complicated, see <see cref="AccountSetup"/>.</summary>
    public static IRuleBuilderOptions<T, string?> IsNewPassword<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<SharedResource> L) =>
        rule.NotEmpty().WithMessage(L["Choose a password."])
            .MinimumLength(AccountSetup.MinimumPasswordLength).WithMessage(L["Use at least {0} characters.", AccountSetup.MinimumPasswordLength])
            .MaximumLength(AccountSetup.MaximumPasswordLength).WithMessage(L["Use at most {0} characters.", AccountSetup.MaximumPasswordLength]);
}
