using SscPortal.Web.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace SscPortal.Web.Accounts;

/// <summary>
/// The cookie-based TempData store, except that it does not "delete" a cookie the reader never had. The stock provider sends
/// an expired cookie on every page that looks at TempData, and a response that sets a cookie cannot be kept for other
/// readers (Caching/AnonymousPageCache.cs).
/// </summary>
public sealed class QuietTempDataProvider(IServiceProvider services, IOptions<CookieTempDataProviderOptions> options) : ITempDataProvider
{
    private readonly CookieTempDataProvider _cookies = ActivatorUtilities.CreateInstance<CookieTempDataProvider>(services);

    public IDictionary<string, object> LoadTempData(HttpContext context) => _cookies.LoadTempData(context);

    public void SaveTempData(HttpContext context, IDictionary<string, object> values)
    {
        var name = options.Value.Cookie.Name!;
        var hadCookie = context.Request.Cookies.Keys.Any(key => key.StartsWith(name, StringComparison.Ordinal));
        if (values.Count == 0 && !hadCookie) return;
        _cookies.SaveTempData(context, values);
    }
}
