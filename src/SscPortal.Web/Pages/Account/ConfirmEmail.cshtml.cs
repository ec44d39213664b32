using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using SscPortal.Web.Data;

namespace SscPortal.Web.Pages.Account;

/// <summary>
/// The link from the confirmation e-mail. Opening it changes nothing (mail scanners open links too):
/// the person confirms with a button, a POST with its antiforgery token.
/// </summary>
[AllowAnonymous]
public class ConfirmEmailModel(UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }

    public bool HasLink => !string.IsNullOrEmpty(UserId) && !string.IsNullOrEmpty(Code) && UserId.Length <= 100 && Code.Length <= 2000;
    public bool? Confirmed { get; private set; }

    public void OnGet()
    {
        if (!HasLink) Confirmed = false;
    }

    public async Task OnPostAsync()
    {
        Confirmed = HasLink && await ConfirmAsync();
    }

    private async Task<bool> ConfirmAsync()
    {
        var user = await users.FindByIdAsync(UserId!);
        if (user is null) return false;
        string token;
        try { token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Code!)); }
        catch (FormatException) { return false; }
        return (await users.ConfirmEmailAsync(user, token)).Succeeded;
    }
}
