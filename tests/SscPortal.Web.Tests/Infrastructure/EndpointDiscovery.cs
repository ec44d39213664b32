using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace SscPortal.Web.Tests.Infrastructure;

/// <summary>Every route and handler the portal exposes, as "template VERB Handler", read from the running app.</summary>
public static partial class EndpointDiscovery
{
    [GeneratedRegex("^On(Get|Post|Put|Delete|Patch)(.*?)(Async)?$")]
    private static partial Regex HandlerName();

    public static List<string> Discover(PortalFactory portal)
    {
        var pages = portal.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>().ToList();
        var endpoints = new List<string>();
        foreach (var page in pages)
        {
            // Index pages answer at ".../index" too: the same page, under its folder's address (lower case, as the portal links).
            var template = ("/" + page.AttributeRouteInfo!.Template!.TrimStart('/')).ToLowerInvariant();
            if (template == "/index" || template.EndsWith("/index", StringComparison.Ordinal)) template = template[..^"index".Length].TrimEnd('/');
            if (template.Length == 0) template = "/";
            var modelName = "SscPortal.Web.Pages" + page.ViewEnginePath.Replace('/', '.') + "Model";
            var model = typeof(Program).Assembly.GetType(modelName) ?? throw new InvalidOperationException($"No page model {modelName}");
            foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var match = HandlerName().Match(method.Name);
                if (!match.Success) continue;
                var handler = match.Groups[2].Value;
                endpoints.Add($"{template} {match.Groups[1].Value.ToUpperInvariant()}{(handler.Length > 0 ? " " + handler : "")}");
            }
        }
        return endpoints.Distinct().Order().ToList();
    }
}

/// <summary>
/// Every address the running portal answers GET on, with the query parameters it reads: Razor pages (their GET handlers'
/// parameters, their [BindProperty(SupportsGet = true)] and [FromQuery] properties, "handler" for named GET handlers) and
/// minimal API endpoints (their simple parameters and [AsParameters] records), read from the app's EndpointDataSource.
/// </summary>
public static class GetRouteDiscovery
{
    public sealed record GetRoute(string Template, IReadOnlyList<string> RouteParameters, IReadOnlyList<string> Query, IReadOnlyList<string> Handlers);

    public static List<GetRoute> Discover(PortalFactory portal)
    {
        var routes = new List<GetRoute>();
        foreach (var endpoint in portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods;
            if (methods is not null && !methods.Contains("GET")) continue;
            var template = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var routeParameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            var query = new List<string>();
            var handlers = new List<string>();
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var model = typeof(Program).Assembly.GetType("SscPortal.Web.Pages" + page.ViewEnginePath.Replace('/', '.') + "Model");
                if (model is null) continue;
                foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                             .Where(m => System.Text.RegularExpressions.Regex.IsMatch(m.Name, "^OnGet")))
                {
                    var name = System.Text.RegularExpressions.Regex.Replace(method.Name, "^OnGet|Async$", "");
                    if (name.Length > 0) handlers.Add(name);
                    query.AddRange(method.GetParameters().Where(p => IsSimple(p.ParameterType)).Select(p => p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name!));
                }
                foreach (var property in model.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.GetCustomAttribute<FromQueryAttribute>() is { } fromQuery) query.Add(fromQuery.Name ?? property.Name);
                    else if (property.GetCustomAttribute<BindPropertyAttribute>() is { SupportsGet: true } bound) query.Add(bound.Name ?? property.Name);
                }
            }
            else if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } handler)
            {
                // The JSON API reads its query itself, from the parameters it declares once (OpenData/ApiQuery.cs).
                if (endpoint.Metadata.GetMetadata<SscPortal.Web.OpenData.ApiQuery>() is { } api) query.AddRange(api.Parameters.Select(p => p.Name));
                foreach (var parameter in handler.GetParameters())
                {
                    if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
                        query.AddRange(parameter.ParameterType.GetProperties().Select(p => p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name));
                    else if (IsSimple(parameter.ParameterType))
                        query.Add(parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.Name!);
                }
            }
            else continue;
            // Everything in the route is a route value, not a query parameter.
            query = query.Where(q => !routeParameters.Contains(q, StringComparer.OrdinalIgnoreCase))
                .Select(q => q.ToLowerInvariant()).Distinct().ToList();
            routes.Add(new GetRoute(template.ToLowerInvariant(), routeParameters, query, handlers));
        }
        return routes.GroupBy(r => r.Template).Select(g => new GetRoute(g.Key, g.First().RouteParameters,
            g.SelectMany(r => r.Query).Distinct().ToList(), g.SelectMany(r => r.Handlers).Distinct().ToList())).OrderBy(r => r.Template).ToList();
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(Guid);
    }
}
