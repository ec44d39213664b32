using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SscPortal.Web.Security;

/// <summary>
/// Requests the portal cannot read because of what the client sent: a body over the size limit, a form with too many
/// fields or a truncated multipart body, a form whose token cannot be read. They are the client's error (400, or 413
/// for a body too large), shown with the friendly status page; never a 500, and never logged as the portal's failure.
/// This is the one place that decides which exceptions are such requests (used by the exception handler in Program.cs).
/// </summary>
public static class UnreadableRequests
{
    /// <summary>The status for an exception caused by an unreadable request, or null when the fault is the portal's.</summary>
    public static int? StatusFor(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Kestrel's own (request body too large, truncated, malformed) and the framework's: each knows its status.
                case BadHttpRequestException bad:
                    return bad.StatusCode;
                // Form reading: more fields than FormOptions allows, a key or value too long, a multipart section too large.
                case InvalidDataException:
                // Model binding that could not read the form or the body.
                case ValueProviderException:
                // The antiforgery token could not be read from the form.
                case AntiforgeryValidationException:
                    return StatusCodes.Status400BadRequest;
                // A body that ends before its multipart boundary says it should: the client's fault only while the request
                // body is what is being read (an I/O error of the portal's own stays a 500).
                case IOException when IsReadingRequestBody(e):
                    return StatusCodes.Status400BadRequest;
            }
        }
        return null;
    }

    private static bool IsReadingRequestBody(Exception error) =>
        error.StackTrace is { } trace
        && (trace.Contains("Microsoft.AspNetCore.WebUtilities.MultipartReader", StringComparison.Ordinal)
            || trace.Contains("Microsoft.AspNetCore.WebUtilities.FormReader", StringComparison.Ordinal)
            || trace.Contains("Microsoft.AspNetCore.Http.Features.FormFeature", StringComparison.Ordinal));

    private const string LimitKey = "UnreadableRequests.BodyLimit";

    /// <summary>The most the failed request's address accepts, in whole megabytes, when known.</summary>
    public static long? LimitMegabytes(HttpContext context) =>
        (context.Items[LimitKey] as long? ?? context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize) is { } limit
            ? Math.Max(1, limit / 1024 / 1024) : null;

    /// <summary>
    /// Refuses, with 413 and before a byte of it is read, a body whose announced length is over the limit of the address
    /// it is sent to ([RequestSizeLimit] on the page, else the server's): the same answer whatever first reads the body
    /// (the antiforgery check, model binding) and whichever server runs the portal. Bodies without an announced length
    /// are stopped by the server when they pass the limit (a 413 through the exception handler).
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app)
    {
        var serverLimit = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>>().Value.Limits.MaxRequestBodySize;
        return app.Use(async (context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>() is { } metadata
                ? metadata.MaxRequestBodySize : serverLimit;
            // Once refused, the status page that says so is shown for the same request: it is not refused again.
            if (limit is { } most && context.Request.ContentLength > most && !context.Items.ContainsKey(LimitKey))
            {
                context.Items[LimitKey] = most;
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                // The rest of the body is not wanted: close the connection rather than read it.
                context.Response.Headers.Connection = "close";
                return;
            }
            await next(context);
        });
    }
}
