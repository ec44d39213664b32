using SscPortal.Web.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SscPortal.Web.Pages.Account;

/// <summary>After registering: confirm your e-mail address (in development the link is shown here).</summary>
[AllowAnonymous]
public class RegisterConfirmationModel : PageModel
{
    public string? ConfirmationLink { get; private set; }

    public void OnGet() => ConfirmationLink = TempData[PageMessages.ConfirmationLink] as string;
}
