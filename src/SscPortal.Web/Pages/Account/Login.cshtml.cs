using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Accounts;
using SscPortal.Web.Data;
using SscPortal.Web.Forms;
using SscPortal.Web.Localization;
using SscPortal.Web.Mail;
using SscPortal.Web.Security;
using SscPortal.Domain;

namespace SscPortal.Web.Pages.Account;

/// <summary>
/// Signing in. Repeated failures lock the account for a while (see AccountSetup). The answer is the same whether or not
/// the address has an account: only someone who gives the right password learns that the account is locked or unconfirmed.
/// </summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Security.RateLimits.AccountForms)]
public class LoginModel(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    IPasswordHasher<ApplicationUser> passwordHasher,
    AuditLog audit,
    AppDbContext db,
    AccountMail mail,
    ILogger<LoginModel> logger,
    IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>A hash to check passwords against when the address has no account, so that answer takes as long as a real check.</summary>
    private static string? s_decoyHash;

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        // Nullable: the binder turns an empty field into null.
        public string? Email { get; set; }
        public string? Password { get; set; }
        public bool RememberMe { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> L)
        {
            RuleFor(i => i.Email).IsEmailAddress(L);
            RuleFor(i => i.Password).NotEmpty().WithMessage(L["Enter your password."])
                .MaximumLength(AccountSetup.MaximumPasswordLength).WithMessage(L["Use at most {0} characters.", AccountSetup.MaximumPasswordLength]);
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

        // Identity's PasswordSignInAsync answers "locked" or "not confirmed" before it looks at the password, which tells anyone
        // that the address has an account. Here the password is checked first, and the failures count towards the lockout.
        var user = await users.FindByEmailAsync(Input.Email!);
        if (user is null)
        {
            var decoy = new ApplicationUser();
            passwordHasher.VerifyHashedPassword(decoy, s_decoyHash ??= passwordHasher.HashPassword(decoy, Guid.NewGuid().ToString()), Input.Password!);
            logger.LogInformation("Sign-in failed: no account has that address");
            await audit.SaveAsync(AuditEventType.SignInFailed, details: "no account has this address", userEmail: Input.Email);
            return Refused(L["The e-mail address or password is not right."]);
        }

        var passwordIsRight = await users.CheckPasswordAsync(user, Input.Password!);
        if (await users.IsLockedOutAsync(user))
        {
            // Attempts on a locked account do not extend the lockout, as with Identity's own sign-in. The answer is the
            // same whether or not the password was right: otherwise guessing on a locked account would reveal the password.
            logger.LogWarning("Sign-in refused: account {UserId} is locked out", user.Id);
            await audit.SaveAsync(AuditEventType.SignInFailed, AuditTargets.User, user.Id, "account locked", user.Id, user.Email);
            return Refused(L["The e-mail address or password is not right."]);
        }
        if (!passwordIsRight)
        {
            // The failure, the lockout it may cause, its audit entry and the mail telling the owner are saved together.
            await using var transaction = await db.Database.BeginTransactionAsync();
            var counted = await users.AccessFailedAsync(user);
            // Only the failure that locks the account (and was saved: of two at once, one is) mails the owner; attempts on
            // a locked account stop above, so one lockout makes one mail.
            var lockedNow = counted.Succeeded && await users.IsLockedOutAsync(user);
            if (lockedNow)
            {
                logger.LogWarning("Account {UserId} locked out after {Failures} failed sign-ins", user.Id, AccountSetup.MaxFailedSignIns);
                if (user.EmailConfirmed) mail.AccountLocked(user, byAdministrator: false);
            }
            else
                logger.LogInformation("Sign-in failed: wrong password for account {UserId}", user.Id);
            await audit.SaveAsync(lockedNow ? AuditEventType.LockedOut : AuditEventType.SignInFailed, AuditTargets.User, user.Id, "wrong password", user.Id, user.Email);
            await transaction.CommitAsync();
            return Refused(L["The e-mail address or password is not right."]);
        }
        if (!await signIn.CanSignInAsync(user))
        {
            logger.LogInformation("Sign-in refused: account {UserId} has not confirmed its e-mail address", user.Id);
            return Refused(L["Confirm your e-mail address before signing in: use the link we sent you."]);
        }

        await users.ResetAccessFailedCountAsync(user);
        await signIn.SignInAsync(user, Input.RememberMe, authenticationMethod: "pwd");
        logger.LogInformation("Account {UserId} signed in", user.Id);
        await audit.SaveAsync(AuditEventType.SignedIn, AuditTargets.User, user.Id, userId: user.Id, userEmail: user.Email);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    private PageResult Refused(string message)
    {
        ModelState.AddModelError("", message);
        return Page();
    }
}
