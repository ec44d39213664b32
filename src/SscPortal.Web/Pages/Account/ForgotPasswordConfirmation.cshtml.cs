using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SscPortal.Web.Pages.Account;

/// <summary>After asking for a password-reset link: the same words whether or not an account exists (in development the link is shown here).</summary>
[AllowAnonymous]
public class ForgotPasswordConfirmationModel : PageModel
{
    public string? ResetLink { get; private set; }

    public void OnGet() => ResetLink = TempData[ForgotPasswordModel.LinkKey] as string;
}
