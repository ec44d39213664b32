using SscPortal.Web.Caching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace SscPortal.Web.Pages.About;

/// <summary>The access table, as the code applies it, for anyone to read.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class AccessModel : PageModel
{
    public void OnGet()
    {
    }
}
