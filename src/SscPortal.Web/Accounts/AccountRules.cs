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
}
