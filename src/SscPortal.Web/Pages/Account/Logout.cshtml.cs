using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SscPortal.Web.Data;

namespace SscPortal.Web.Pages.Account;

/// <summary>Signing out: a POST with antiforgery, so no link elsewhere can sign a person out.</summary>
[AllowAnonymous]
public class LogoutModel(SignInManager<ApplicationUser> signIn, Security.AuditLog audit) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true) await audit.SaveAsync(Domain.AuditEventType.SignedOut);
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
