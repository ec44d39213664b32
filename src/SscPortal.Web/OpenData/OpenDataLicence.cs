namespace SscPortal.Web.OpenData;

/// <summary>
/// The licence under which the portal publishes its data (<c>OpenData:LicenceName</c>, <c>OpenData:LicenceUrl</c>; Creative
/// Commons Attribution 4.0 unless the operator chooses another). Every export, feed and API answer carries it in a
/// <c>Link: &lt;…&gt;; rel="license"</c> header (RFC 8288 with the "license" relation of RFC 4946); formats with a place for it
/// say it inside too (Atom's <c>rights</c>, a comment in the IATI file, <c>license</c> in <c>/data.json</c>), and the open-data
/// page and every page's footer show it.
/// </summary>
public sealed record OpenDataLicence(string Name, string Url)
{
    public static readonly OpenDataLicence Default = new("Creative Commons Attribution 4.0 International (CC BY 4.0)", "https://creativecommons.org/licenses/by/4.0/");

    public static OpenDataLicence From(IConfiguration configuration)
    {
        var url = configuration["OpenData:LicenceUrl"]?.Trim();
        var name = configuration["OpenData:LicenceName"]?.Trim();
        // Only an absolute web address can be a licence's link; anything else keeps the default rather than publishing a broken one.
        if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
            return string.IsNullOrEmpty(name) ? Default : Default with { Name = name };
        return new OpenDataLicence(string.IsNullOrEmpty(name) ? url : name, parsed.AbsoluteUri);
    }

    /// <summary>Whether an address is one of the portal's data: an export, a feed, the API, a calendar or the catalogue of datasets.</summary>
    public static bool IsDataAddress(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/export") || path.StartsWithSegments("/feeds")
        || path.Value is { } value && (value.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || value.EndsWith(".ics", StringComparison.OrdinalIgnoreCase)
                                       || value.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || value.Equals("/data.json", StringComparison.OrdinalIgnoreCase)
                                       || value.Equals("/openapi/v1.json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The header value: <c>&lt;url&gt;; rel="license"</c>.</summary>
    public string LinkHeader => $"<{Url}>; rel=\"license\"";
}

public static class OpenDataLicenceMiddleware
{
    public static IServiceCollection AddOpenDataLicence(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(OpenDataLicence.From(configuration));

    /// <summary>Adds the licence's Link header to every successful answer at a data address, as the answer starts.</summary>
    public static IApplicationBuilder UseOpenDataLicence(this IApplicationBuilder app)
    {
        var licence = app.ApplicationServices.GetRequiredService<OpenDataLicence>();
        return app.Use((context, next) =>
        {
            if (OpenDataLicence.IsDataAddress(context.Request.Path))
                context.Response.OnStarting(() =>
                {
                    if (context.Response.StatusCode < 400) context.Response.Headers.Append("Link", licence.LinkHeader);
                    return Task.CompletedTask;
                });
            return next(context);
        });
    }
}
