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
/// Creating an account: an e-mail address to confirm and a long password, nothing else. An address that already has an account
/// gets the same answer as a new one, so the form does not tell anyone who is registered.
/// </summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Security.RateLimits.AccountForms)]
public class RegisterModel(
    UserManager<ApplicationUser> users,
    IPasswordHasher<ApplicationUser> passwordHasher,
    ConfirmationLinkSender confirmationLinks,
    ILogger<RegisterModel> logger,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        // Nullable: the binder turns an empty field into null.
        public string? Email { get; set; }
        public string? Password { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> L)
        {
            RuleFor(i => i.Email).IsEmailAddress(L);
            RuleFor(i => i.Password).IsNewPassword(L);
        }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Input.Email = Input.Email?.Trim();
        ModelState.AddErrors(await new InputValidator(L).ValidateAsync(Input));
        if (!ModelState.IsValid) return Page();

        if (await users.FindByEmailAsync(Input.Email!) is { } existing)
        {
            // Spend the time that hashing a new account's password takes, so the answer's timing does not tell either.
            passwordHasher.HashPassword(existing, Input.Password!);
            return AlreadyRegistered(existing.Id);
        }

        var user = new ApplicationUser { UserName = Input.Email, Email = Input.Email, CreatedAt = clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, Input.Password!);
        if (!created.Succeeded)
        {
            // Someone registered the same address a moment ago.
            if (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
                return AlreadyRegistered(null);
            foreach (var error in created.Errors)
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email", error.Description);
            return Page();
        }

        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        var link = Url.Page("/Account/ConfirmEmail", pageHandler: null, values: new { userId = user.Id, code = token }, protocol: Request.Scheme)!;
        confirmationLinks.Send(user, AccountLink.EmailConfirmation, link);
        if (confirmationLinks.ShowsLinksOnScreen) TempData[PageMessages.ConfirmationLink] = link;
        return RedirectToPage("/Account/RegisterConfirmation");
    }

    /// <summary>The answer to a new registration, having created nothing. (With a mail server, the owner would be told.)</summary>
    private RedirectToPageResult AlreadyRegistered(string? userId)
    {
        logger.LogWarning("Registration with the address of existing account {UserId}: nothing created", userId);
        return RedirectToPage("/Account/RegisterConfirmation");
    }
}
