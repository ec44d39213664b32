using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Accounts;

/// <summary>Identity's messages in the reader's language, for the errors a person can meet on our pages.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> L) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = L["Use at least {0} characters.", length] };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = L["An account with this e-mail address already exists."] };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = L["An account with this e-mail address already exists."] };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = L["Enter a valid e-mail address."] };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = L["Enter a valid e-mail address."] };

    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = L["This link is invalid or has expired."] };
}
