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
using SscPortal.Web.Mail;

namespace SscPortal.Web.Pages.Account;

/// <summary>
/// Asking for a password-reset link. The answer is the same whether or not the address has an account;
/// only a confirmed account is sent a link.
/// </summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Security.RateLimits.AccountForms)]
public class ForgotPasswordModel(
    UserManager<ApplicationUser> users,
    AppDbContext db,
    AccountMail accountMail,
    ILogger<ForgotPasswordModel> logger,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public const string LinkKey = "PasswordResetLink";

    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        // Nullable: the binder turns an empty field into null.
        public string? Email { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> L) => RuleFor(i => i.Email).IsEmailAddress(L);
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Input.Email = Input.Email?.Trim();
        ModelState.AddErrors(await new InputValidator(L).ValidateAsync(Input));
        if (!ModelState.IsValid) return Page();

        var user = await users.FindByEmailAsync(Input.Email!);
        if (user is null || !await users.IsEmailConfirmedAsync(user))
        {
            logger.LogInformation("Password reset asked for an address without a confirmed account {UserId}: nothing sent", user?.Id);
            return RedirectToPage("/Account/ForgotPasswordConfirmation");
        }

        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = accountMail.LinkTo(Url.Page("/Account/ResetPassword", pageHandler: null, values: new { userId = user.Id, code })!);
        if (link is null) return RedirectToPage("/Account/ForgotPasswordConfirmation");
        // Saved to the outbox and sent from there: an unreachable mail server never fails the request.
        accountMail.PasswordReset(user, link);
        await db.SaveChangesAsync();
        if (accountMail.ShowsLinksOnScreen) TempData[LinkKey] = link;
        return RedirectToPage("/Account/ForgotPasswordConfirmation");
    }
}
