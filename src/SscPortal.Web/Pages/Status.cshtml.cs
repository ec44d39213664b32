using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SscPortal.Web.Pages;

/// <summary>Friendly pages for HTTP errors without a body (404 not found, 400 bad request, …); keeps the original status.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public class StatusModel : PageModel
{
    public int Code { get; private set; }

    public IActionResult OnGet(int code) => Show(code);
    public IActionResult OnPost(int code) => Show(code);

    private PageResult Show(int code)
    {
        // Only reached through the status-code re-execution; asked for directly, it is itself not found.
        Code = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null ? 404 : code;
        Response.StatusCode = Code;
        return Page();
    }
}
