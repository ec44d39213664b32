using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SscPortal.Web.Data;

namespace SscPortal.Web.Accounts;

public sealed class PasswordResetTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public PasswordResetTokenProviderOptions()
    {
        Name = PasswordResetTokenProvider.ProviderName;
        TokenLifespan = AccountSetup.PasswordResetLinkLifetime;
    }
}

/// <summary>
/// Password-reset links live an hour rather than Identity's default day (e-mail confirmation keeps the day).
/// Like every Identity token it is bound to the security stamp, so it works once: the reset changes the stamp.
/// </summary>
public sealed class PasswordResetTokenProvider(
    IDataProtectionProvider dataProtection,
    IOptions<PasswordResetTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<ApplicationUser>> logger)
    : DataProtectorTokenProvider<ApplicationUser>(dataProtection, options, logger)
{
    public const string ProviderName = "PasswordReset";
}
