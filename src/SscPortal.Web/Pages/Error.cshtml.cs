using System.Data.Common;
using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages;

/// <summary>
/// What a reader sees when something breaks that they cannot fix: an apology, what to do, and the trace id
/// that finds the full error in the log. Never the exception itself.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class ErrorModel : PageModel
{
    public string TraceId { get; private set; } = "";
    public bool IsDatabaseUnavailable { get; private set; }
    /// <summary>The 4xx status when the request itself could not be read; null when the fault is the portal's.</summary>
    public int? ClientError { get; private set; }
    public long? LimitMegabytes => ClientError == StatusCodes.Status413PayloadTooLarge ? UnreadableRequests.LimitMegabytes(HttpContext) : null;

    public IActionResult OnGet() => Describe();
    public IActionResult OnPost() => Describe();

    private IActionResult Describe()
    {
        // Asked for directly, nothing went wrong: there is no page here.
        if (HttpContext.Features.Get<IExceptionHandlerFeature>() is not { } handler) return NotFound();

        TraceId = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
        // A request the portal could not read (too large, too many fields, truncated) is the client's error: its 400 or 413
        // (set by the exception handler, Security/UnreadableRequests.cs) stays, and the page says what to do.
        if (UnreadableRequests.StatusFor(handler.Error) is { } clientError)
        {
            ClientError = clientError;
            Response.StatusCode = clientError;
            return Page();
        }
        IsDatabaseUnavailable = IsDatabaseFailure(handler.Error);
        // A database outage is temporary and not the reader's fault: 503 tells clients and monitors to retry.
        Response.StatusCode = IsDatabaseUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        return Page();
    }

    private static bool IsDatabaseFailure(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is DbException or TimeoutException || e.GetType().Name == "RetryLimitExceededException") return true;
        return false;
    }
}
