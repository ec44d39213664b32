using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using SscPortal.Web.Data;

namespace SscPortal.Web.Pages.Account;

/// <summary>The link from the confirmation e-mail: activates the account.</summary>
[AllowAnonymous]
public class ConfirmEmailModel(UserManager<ApplicationUser> users) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(string? userId, string? code)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code) || userId.Length > 100 || code.Length > 2000) return;
        var user = await users.FindByIdAsync(userId);
        if (user is null) return;
        string token;
        try { token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return; }
        Confirmed = (await users.ConfirmEmailAsync(user, token)).Succeeded;
    }
}
