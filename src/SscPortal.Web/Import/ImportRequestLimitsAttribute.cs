using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Filters;

namespace SscPortal.Web.Import;

/// <summary>
/// The upload page's request size limit, from configuration (Import:MaxMegabytes and room for the form around the files),
/// where [RequestSizeLimit] would need a constant: announced as endpoint metadata (a body announced larger is refused with
/// 413 before it is read, Security/UnreadableRequests.cs) and raised on the server before the form is read (Kestrel's own
/// limit follows Files:MaxMegabytes). Set once at start-up by <see cref="SscPortal.Web.ImportSetup.AddPortalImport"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ImportRequestLimitsAttribute : Attribute, IRequestSizeLimitMetadata, IAuthorizationFilter, IOrderedFilter
{
    /// <summary>The most a request to the page may carry, in bytes.</summary>
    public static long Bytes { get; set; } = new ImportOptions().MaxBytes + FormRoom;

    /// <summary>What the form adds to the files: the organisation, the token, the multipart boundaries.</summary>
    public const long FormRoom = 256 * 1024;

    public long? MaxRequestBodySize => Bytes;

    // Before the antiforgery check (1000) and the NUL guard read the form, as [RequestSizeLimit] does.
    public int Order => 900;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = Bytes;
    }
}
