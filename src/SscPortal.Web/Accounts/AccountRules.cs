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

    /// <summary>A password being chosen (registering, resetting): long rather than complicated, see <see cref="AccountSetup"/>.</summary>
    public static IRuleBuilderOptions<T, string?> IsNewPassword<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<SharedResource> L) =>
        rule.NotEmpty().WithMessage(L["Choose a password."])
            .MinimumLength(AccountSetup.MinimumPasswordLength).WithMessage(L["Use at least {0} characters.", AccountSetup.MinimumPasswordLength])
            .MaximumLength(AccountSetup.MaximumPasswordLength).WithMessage(L["Use at most {0} characters.", AccountSetup.MaximumPasswordLength]);
}
