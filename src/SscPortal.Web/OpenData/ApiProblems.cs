using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Data;

namespace SscPortal.Web.OpenData;

/// <summary>
/// Every error the JSON API gives is an RFC 9457 problem (<c>application/problem+json</c>): type, title, status, detail,
/// instance and, when a parameter is at fault, an <c>errors</c> map naming it. The operations answer their own 400 and 404
/// (<see cref="BadRequest"/>, <see cref="NotFound"/>); <see cref="UseApiProblems"/> answers everything else under /api/ —
/// an unknown address, a wrong method, a refused request, an exception, a database outage — in the same form, where the
/// pages get the friendly HTML pages of /error and /status.
/// </summary>
public static class ApiProblems
{
    public const string ContentType = "application/problem+json";

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>Problem details for API requests name the request as their instance.</summary>
    public static IServiceCollection AddApiProblems(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (IsApi(context.HttpContext.Request)) context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        });

    /// <summary>A 400 naming each parameter that was not understood, and why.</summary>
    public static ProblemHttpResult BadRequest(HttpRequest request, IDictionary<string, string[]> errors, IStringLocalizer<SharedResource> L) =>
        Problem(request, StatusCodes.Status400BadRequest, L["Some parameters were not understood: “errors” names each one and says why."], errors);

    /// <summary>A 404 for a record that does not exist or is not published, naming the parameter that chose it.</summary>
    public static ProblemHttpResult NotFound(HttpRequest request, string parameter, string message, IStringLocalizer<SharedResource> L) =>
        Problem(request, StatusCodes.Status404NotFound, L["There is no such published record."], new Dictionary<string, string[]> { [parameter] = [message] });

    public static ProblemHttpResult Problem(HttpRequest request, int status, string detail, IDictionary<string, string[]>? errors = null)
    {
        var problem = errors is null ? new ProblemDetails() : new HttpValidationProblemDetails(errors);
        problem.Status = status;
        // A validation problem's own title speaks of validation: other statuses get their standard title ("Not Found").
        if (status != StatusCodes.Status400BadRequest) problem.Title = null;
        problem.Detail = detail;
        problem.Instance = request.Path;
        // Type, title and the trace id are filled in from the status, as for every problem ASP.NET Core writes.
        return TypedResults.Problem(problem);
    }

    /// <summary>
    /// Under /api/, turns what would otherwise reach the HTML error pages into problems: responses that end with an error
    /// status and no body, and exceptions (a database outage is a 503 that says to try again, anything else a 500 whose
    /// trace id finds the error in the log). Placed after UseExceptionHandler and UseStatusCodePages, which then have
    /// nothing left to do for the API.
    /// </summary>
    public static IApplicationBuilder UseApiProblems(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!IsApi(context.Request))
        {
            await next(context);
            return;
        }
        var L = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        try
        {
            await next(context);
        }
        catch (Exception error) when (!context.Response.HasStarted && !(error is OperationCanceledException && context.RequestAborted.IsCancellationRequested))
        {
            // The same sorting as the error page (Data/DatabaseErrors.cs): an outage is 503, bad data 400, a lost race 409.
            var failure = DatabaseErrors.Classify(error);
            if (failure == DatabaseFailure.Unexpected && !context.RequestServices.GetRequiredService<DatabaseInitializer>().IsReady)
                failure = DatabaseFailure.Unavailable;
            var outage = failure == DatabaseFailure.Unavailable;
            var status = error is BadHttpRequestException bad ? bad.StatusCode : failure switch
            {
                DatabaseFailure.Unavailable or DatabaseFailure.TimedOut => StatusCodes.Status503ServiceUnavailable,
                DatabaseFailure.InvalidData => StatusCodes.Status400BadRequest,
                DatabaseFailure.Conflict => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status500InternalServerError,
            };
            var log = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiProblems));
            if (status >= 500) log.LogError(error, "API request {Path} failed with {Status}", context.Request.Path, status);
            else log.LogInformation(error, "API request {Path} refused with {Status}", context.Request.Path, status);
            context.Response.Clear();
            context.Response.StatusCode = status;
            if (outage) context.Response.Headers.RetryAfter = "30";
            var detail = failure == DatabaseFailure.TimedOut && status == StatusCodes.Status503ServiceUnavailable
                ? L["The question took longer than the portal allows and was stopped. Narrow it (fewer or more precise words or filters) or try again in a minute."]
                : Detail(status, L);
            if (failure == DatabaseFailure.TimedOut) context.Response.Headers.RetryAfter = "60";
            await Problem(context.Request, status, detail).ExecuteAsync(context);
            return;
        }
        var response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
            await Problem(context.Request, response.StatusCode, Detail(response.StatusCode, L)).ExecuteAsync(context);
    });

    private static string Detail(int status, IStringLocalizer<SharedResource> L) => status switch
    {
        StatusCodes.Status404NotFound => L["There is nothing at this address. The operations of the API are listed in /openapi/v1.json."],
        StatusCodes.Status405MethodNotAllowed => L["The API only reads: use GET."],
        StatusCodes.Status409Conflict => L["This was already done"],
        StatusCodes.Status429TooManyRequests => L["Too many requests: wait a minute and try again."],
        StatusCodes.Status503ServiceUnavailable => L["The database cannot be reached just now. Try again in a minute."],
        >= 500 => L["Something went wrong on our side. The trace id finds it in our log."],
        _ => L["The request could not be understood"],
    };

}
