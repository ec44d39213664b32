using Microsoft.AspNetCore.Diagnostics;

namespace SscPortal.Web.Widgets;

/// <summary>
/// Marks a page that other sites may show in a frame (the widgets). Read as endpoint metadata by <see cref="WidgetFraming"/>
/// when the response starts; every page without it keeps <c>frame-ancestors 'none'</c> and <c>X-Frame-Options: DENY</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EmbeddableAttribute : Attribute;

/// <summary>
/// The framing policy: a widget may be framed by any site (and by the portal itself, for the generator's preview); nothing
/// else may. An error answered for a widget's address (an unknown id: 404, or a 500) is framable too, so that the site that
/// embeds it shows the portal's own "not found" page rather than the browser's refusal; an error for any other address is not.
/// </summary>
public static class WidgetFraming
{
    /// <summary>The widgets' frame-ancestors: any http or https page (CSP's <c>*</c> matches the network schemes and this one).</summary>
    public const string FrameAncestors = "frame-ancestors *";

    /// <summary>Whether the response being written may be framed by other sites.</summary>
    public static bool AllowsFraming(HttpContext context) =>
        IsEmbeddable(context.GetEndpoint())
        // The error and status pages are other endpoints, re-executed for the original one: the original decides.
        || IsEmbeddable(context.Features.Get<IStatusCodeReExecuteFeature>()?.Endpoint)
        || IsEmbeddable(context.Features.Get<IExceptionHandlerFeature>()?.Endpoint);

    private static bool IsEmbeddable(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<EmbeddableAttribute>() is not null;

    /// <summary>The site's policy with its frame-ancestors replaced by the widgets' one; the rest of the strict policy stays.</summary>
    public static string ContentSecurityPolicy(string strict) =>
        strict.Replace("frame-ancestors 'none'", FrameAncestors, StringComparison.Ordinal);
}
