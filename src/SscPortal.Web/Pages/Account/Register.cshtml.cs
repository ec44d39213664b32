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
/// Creating an account: an e-mail address to confirm and a long password, nothing else. An address that already has an account
/// gets the same answer as a new one, so the form does not tell anyone who is registered.
/// </summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Security.RateLimits.AccountForms)]
public class RegisterModel(
    UserManager<ApplicationUser> users,
    IPasswordHasher<ApplicationUser> passwordHasher,
    AppDbContext db,
    AccountMail accountMail,
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

        var user = new ApplicationUser { UserName = Input.Email, Email = Input.Email, Language = PortalCultures.Current, CreatedAt = clock.GetUtcNow().UtcDateTime };
        // The account and its confirmation mail are saved together or not at all; the mail is sent afterwards, so an
        // unreachable mail server never stops a registration (the message waits in the outbox).
        await using var transaction = await db.Database.BeginTransactionAsync();
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
        var link = accountMail.LinkTo(Url.Page("/Account/ConfirmEmail", pageHandler: null, values: new { userId = user.Id, code = token })!);
        if (link is not null) accountMail.EmailConfirmation(user, link);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        if (link is not null && accountMail.ShowsLinksOnScreen) TempData[PageMessages.ConfirmationLink] = link;
        return RedirectToPage("/Account/RegisterConfirmation");
    }

    /// <summary>The answer to a new registration, having created nothing.</summary>
    private RedirectToPageResult AlreadyRegistered(string? userId)
    {
        logger.LogWarning("Registration with the address of existing account {UserId}: nothing created", userId);
        return RedirectToPage("/Account/RegisterConfirmation");
    }
}
