using SscPortal.Web.Security;
using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Accounts;
using SscPortal.Web.Data;
using SscPortal.Web.Forms;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Pages.Account;

/// <summary>
/// The link from the password-reset e-mail: choose a new password. Resetting renews the account's security stamp,
/// which ends every other session within the session-check interval (see AccountSetup).
/// </summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Security.RateLimits.AccountForms)]
public class ResetPasswordModel(
    UserManager<ApplicationUser> users,
    ILogger<ResetPasswordModel> logger,
    Security.AuditLog audit,
    IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    /// <summary>The link is unknown, tampered with, expired or already used: no form, a way to ask for a new one.</summary>
    public bool LinkIsInvalid { get; private set; }

    public sealed class InputModel
    {
        // From the link, carried by the form; nullable: the binder turns an empty field into null.
        public string? UserId { get; set; }
        public string? Code { get; set; }
        public string? Password { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> L) => RuleFor(i => i.Password).IsNewPassword(L);
    }

    public async Task OnGetAsync(string? userId, string? code)
    {
        Input = new InputModel { UserId = userId, Code = code };
        if (await ReadLinkAsync() is not { } link
            || !await users.VerifyUserTokenAsync(link.User, users.Options.Tokens.PasswordResetTokenProvider, UserManager<ApplicationUser>.ResetPasswordTokenPurpose, link.Token))
            RefuseLink();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await ReadLinkAsync() is not { } link)
            return RefuseLink();
        ModelState.AddErrors(await new InputValidator(L).ValidateAsync(Input));
        if (!ModelState.IsValid) return Page();

        var reset = await users.ResetPasswordAsync(link.User, link.Token, Input.Password!);
        if (!reset.Succeeded)
        {
            if (reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
                return RefuseLink();
            foreach (var error in reset.Errors)
                ModelState.AddModelError("Input.Password", error.Description);
            return Page();
        }

        logger.LogInformation("Password of account {UserId} reset: its other sessions end", link.User.Id);
        await audit.SaveAsync(Domain.AuditEventType.PasswordReset, AuditTargets.User, link.User.Id, userId: link.User.Id, userEmail: link.User.Email);
        return RedirectToPage("/Account/ResetPasswordConfirmation");
    }

    private async Task<(ApplicationUser User, string Token)?> ReadLinkAsync()
    {
        if (Input.UserId is not { Length: > 0 and <= 100 } userId || Input.Code is not { Length: > 0 and <= 2000 } code) return null;
        string token;
        try { token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return null; }
        return await users.FindByIdAsync(userId) is { } user ? (user, token) : null;
    }

    private PageResult RefuseLink()
    {
        logger.LogInformation("Password reset refused: the link is invalid or has expired");
        LinkIsInvalid = true;
        ModelState.Clear();
        ModelState.AddModelError("", L["This link is invalid or has expired."]);
        return Page();
    }
}
