using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages;

/// <summary>
/// Friendly pages for HTTP errors without a body (404 not found, 400 bad request, …), shown by the status-code
/// re-execution in Program.cs. The status is the one the failed request already has: it is never taken from the
/// request (its form may be what failed, or may say anything), and never changed.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public class StatusModel : PageModel
{
    private IStatusCodeReExecuteFeature? ReExecuted => HttpContext.Features.Get<IStatusCodeReExecuteFeature>();

    /// <summary>The failed request's status; 404 when the page is asked for directly (nothing failed, there is no page here).</summary>
    public int Code => ReExecuted?.OriginalStatusCode ?? StatusCodes.Status404NotFound;

    /// <summary>For 413: the most the failed request's address accepts, in whole megabytes, when known.</summary>
    public long? LimitMegabytes => Code == StatusCodes.Status413PayloadTooLarge ? UnreadableRequests.LimitMegabytes(HttpContext) : null;

    /// <summary>The heading and the explanation for a status (also used by the error page for requests it could not read).</summary>
    public static (LocalizedString Title, LocalizedString Text) Describe(int code, long? limitMegabytes, IStringLocalizer<SharedResource> L) => code switch
    {
        404 => (L["Page not found"], L["There is no page at this address. It may have moved, or it may not be public."]),
        400 or 415 => (L["The request could not be understood"], L["Part of the address or the form was not valid. Please check it and try again."]),
        403 => (L["You do not have access to this page"], L["Your account does not have the rights this page needs."]),
        405 => (L["This action is not available here"], L["Please go back and use the page's own buttons and links."]),
        413 => (L["What you sent is too large"], limitMegabytes is { } megabytes
            ? L["This page accepts at most {0} MB. Please send a smaller file or shorter text.", megabytes]
            : L["Please send a smaller file or shorter text."]),
        429 => (L["Too many attempts"], L["Please wait a minute and try again."]),
        _ => (L["Something went wrong"], L["The portal could not complete this request."]),
    };

    // No parameters: nothing is bound from the failed request's address or body. (A request with another method, such
    // as PUT, has no handler here and is shown the page with its status as it is.)
    public IActionResult OnGet() => Show();
    public IActionResult OnPost() => Show();

    private PageResult Show()
    {
        if (ReExecuted is null) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
