using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SscPortal.Web.Data;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages;

/// <summary>
/// What a reader sees when something breaks that they cannot fix: an apology, what to do, and the trace id
/// that finds the full error in the log. Never the exception itself. A database error is told apart by its kind
/// (<see cref="DatabaseErrors"/>): only an unreachable database is an outage (503); a value the database refuses is
/// a bad request (400); a race someone else won is "already done" (409).
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class ErrorModel(DatabaseInitializer database) : PageModel
{
    public string TraceId { get; private set; } = "";
    public DatabaseFailure Failure { get; private set; }
    public bool IsDatabaseUnavailable => Failure == DatabaseFailure.Unavailable;
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
        Failure = DatabaseErrors.Classify(handler.Error);
        // Until the schema is in place, any database error is the database not being ready yet.
        if (Failure == DatabaseFailure.Unexpected && !database.IsReady) Failure = DatabaseFailure.Unavailable;
        Response.StatusCode = Failure switch
        {
            // A database outage is temporary and not the reader's fault: 503 tells clients and monitors to retry.
            DatabaseFailure.Unavailable => StatusCodes.Status503ServiceUnavailable,
            // A question stopped by the statement timeout: the server is busy with it, not down.
            DatabaseFailure.TimedOut => StatusCodes.Status503ServiceUnavailable,
            DatabaseFailure.InvalidData => StatusCodes.Status400BadRequest,
            DatabaseFailure.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status500InternalServerError,
        };
        return Page();
    }
}
