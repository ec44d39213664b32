namespace SscPortal.Web.Mail;

/// <summary>The configuration section "Portal".</summary>
public sealed class PortalOptions
{
    /// <summary>The address people reach the portal at, such as https://ssc.example.org: every link in a mail starts with it.</summary>
    public string? PublicUrl { get; set; }
}

/// <summary>
/// Makes the absolute links that go into mail, from Portal:PublicUrl and never from the request's Host header (which
/// whoever sends the request chooses). In Development, with no public address set, the request's own address is used.
/// </summary>
public sealed class PublicAddress(Microsoft.Extensions.Options.IOptions<PortalOptions> options, IWebHostEnvironment environment, IHttpContextAccessor http)
{
    /// <summary>The portal's root address without a trailing slash, or null when none can be trusted.</summary>
    public string? Root
    {
        get
        {
            if (Uri.TryCreate(options.Value.PublicUrl, UriKind.Absolute, out var configured)
                && configured.Scheme is "https" or "http")
                return configured.GetLeftPart(UriPartial.Path).TrimEnd('/');
            if (environment.IsDevelopment() && http.HttpContext?.Request is { } request)
                return $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');
            return null;
        }
    }

    /// <summary>The absolute address of a path of the portal (as the portal's own link generator made it, PathBase included).</summary>
    public string? For(string path)
    {
        if (Root is not { } root) return null;
        var pathBase = http.HttpContext?.Request.PathBase.Value;
        if (!string.IsNullOrEmpty(pathBase) && path.StartsWith(pathBase, StringComparison.OrdinalIgnoreCase))
            path = path[pathBase.Length..];
        return root + (path.StartsWith('/') ? path : "/" + path);
    }
}
