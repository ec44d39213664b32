namespace SscPortal.Web.Security;

public static class SecurityHeaders
{
    /// <summary>Everything is served from the site itself, so the policy allows nothing else: no inline script or style, no CDN.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The same policy for a widget, which any site may frame.</summary>
    public static readonly string FramableContentSecurityPolicy = Widgets.WidgetFraming.ContentSecurityPolicy(ContentSecurityPolicy);

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var response = context.Response;
        Apply(response.Headers);
        // Again as the response starts: an error answer that cleared the response (the API's problems) keeps them too.
        response.OnStarting(() =>
        {
            Apply(response.Headers);
            // Widgets, and only they, may be framed by other sites (Widgets/EmbeddableAttribute.cs); the endpoint is known by now.
            if (Widgets.WidgetFraming.AllowsFraming(context))
            {
                response.Headers.ContentSecurityPolicy = FramableContentSecurityPolicy;
                response.Headers.Remove(Microsoft.Net.Http.Headers.HeaderNames.XFrameOptions);
            }
            return Task.CompletedTask;
        });
        await next(context);
    });

    private static void Apply(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }

    /// <summary>
    /// Refuses absurdly long query strings with a plain 400 before any page sees them; no page of ours
    /// needs more than a few hundred characters.
    /// </summary>
    public static IApplicationBuilder UseQueryStringLimit(this IApplicationBuilder app, int maxLength) => app.Use(async (context, next) =>
    {
        if (context.Request.QueryString.Value is { } query && query.Length > maxLength)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        await next(context);
    });
}
