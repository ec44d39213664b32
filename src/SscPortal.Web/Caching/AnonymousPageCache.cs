using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;

namespace SscPortal.Web.Caching;

/// <summary>
/// Whole public pages kept for anonymous readers, per address and language, so that the busiest pages are answered without
/// rendering them again. Never for a signed-in reader, never a page that sets a cookie or asks not to be stored (a page with
/// an antiforgery token does), only a 200. Any saved change to content starts afresh, as <see cref="CatalogueCache"/> does,
/// whose generation the kept pages vary by: on this instance at once, on the other instances on the same PostgreSQL
/// database within a second (<see cref="InstanceSync"/>); only if that news is lost do they catch up within <see cref="Lifetime"/>.
/// </summary>
public sealed class AnonymousPageCache(bool enabled) : IOutputCachePolicy
{
    public const string PolicyName = "AnonymousPage";
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var anonymous = context.HttpContext.User.Identity?.IsAuthenticated != true && string.IsNullOrEmpty(request.Headers.Authorization);
        // A reader who has just written reads the primary for a few seconds (Data/ReadReplica.cs): not a page cached from the replica.
        var cacheable = enabled && anonymous && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                        && !request.Cookies.ContainsKey(Data.ReadYourWrites.CookieName);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Lifetime;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByHost = true;
        context.CacheVaryByRules.VaryByValues["language"] = CultureInfo.CurrentUICulture.Name;
        var content = context.HttpContext.RequestServices.GetRequiredService<CatalogueCache>();
        context.CacheVaryByRules.VaryByValues["content"] = content.Generation.ToString(CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK
            || !string.IsNullOrEmpty(response.Headers.SetCookie)
            || response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase))
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
