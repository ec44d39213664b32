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

/// <summary>Creating an account: an e-mail address to confirm and a long password, nothing else.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Security.RateLimits.AccountForms)]
public class RegisterModel(
    UserManager<ApplicationUser> users,
    ConfirmationLinkSender confirmationLinks,
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
            RuleFor(i => i.Password).NotEmpty().WithMessage(L["Choose a password."])
                .MinimumLength(AccountSetup.MinimumPasswordLength).WithMessage(L["Use at least {0} characters.", AccountSetup.MinimumPasswordLength])
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

        var user = new ApplicationUser { UserName = Input.Email, Email = Input.Email, CreatedAt = clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, Input.Password!);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email", error.Description);
            return Page();
        }

        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        var link = Url.Page("/Account/ConfirmEmail", pageHandler: null, values: new { userId = user.Id, code = token }, protocol: Request.Scheme)!;
        confirmationLinks.Send(user, link);
        if (confirmationLinks.ShowsLinksOnScreen) TempData["ConfirmationLink"] = link;
        return RedirectToPage("/Account/RegisterConfirmation");
    }
}
