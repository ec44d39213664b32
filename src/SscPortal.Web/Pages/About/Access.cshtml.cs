using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SscPortal.Web.Pages.About;

/// <summary>The access table, as the code applies it, for anyone to read.</summary>
[AllowAnonymous]
public class AccessModel : PageModel
{
    public void OnGet()
    {
    }
}
