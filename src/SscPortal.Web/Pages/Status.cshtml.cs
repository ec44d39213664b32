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

    // The code comes from the address the failed request was re-executed at, never from its form or query: no model
    // binding, which a form that cannot be read again (or that carries a "code" field) would upset.
    public IActionResult OnGet() => Show();
    public IActionResult OnPost() => Show();

    private PageResult Show()
    {
        var code = int.TryParse(RouteData.Values["code"] as string, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var routed)
                   && routed is >= 400 and <= 599 ? routed : 404;
        // Only reached through the status-code re-execution; asked for directly, it is itself not found.
        Code = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null ? 404 : code;
        Response.StatusCode = Code;
        return Page();
    }
}
