using Serilog.Events;

namespace SscPortal.Web.Logging;

/// <summary>How loud each request's log line is: failures stand out, files served as they are (styles, scripts) stay quiet.</summary>
public static class RequestLogLevel
{
    public static LogEventLevel For(HttpContext context, double elapsedMilliseconds, Exception? error) =>
        error is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
        // No endpoint and no error: a static file (the request log used to start after them).
        : context.GetEndpoint() is null && context.Response.StatusCode < StatusCodes.Status400BadRequest ? LogEventLevel.Debug
        : LogEventLevel.Information;
}
