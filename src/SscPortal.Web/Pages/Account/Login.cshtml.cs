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

namespace SscPortal.Web.Pages.Account;

/// <summary>Signing in. Repeated failures lock the account for a while (see AccountSetup).</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Security.RateLimits.AccountForms)]
public class LoginModel(SignInManager<ApplicationUser> signIn, ILogger<LoginModel> logger, IStringLocalizer<SharedResource> L) : PageModel
{
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

        var result = await signIn.PasswordSignInAsync(Input.Email!, Input.Password!, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Account signed in");
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused: account locked out");
            ModelState.AddModelError("", L["Too many failed attempts: this account is locked for {0} minutes. Try again later.", (int)AccountSetup.LockoutDuration.TotalMinutes]);
        }
        else if (result.IsNotAllowed)
            ModelState.AddModelError("", L["Confirm your e-mail address before signing in: use the link we sent you."]);
        else
            ModelState.AddModelError("", L["The e-mail address or password is not right."]);
        return Page();
    }
}
