using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace SscPortal.Web.Tests.Infrastructure;

/// <summary>
/// Every endpoint the running portal exposes, read from its EndpointDataSource: Razor page handlers as "template VERB Handler"
/// (or "template VERB" for the unnamed handler), minimal API endpoints as "template VERB" ("template ANY" when the endpoint
/// answers every method, as the health checks do). Templates are lower case, as the portal links.
/// </summary>
public static partial class EndpointDiscovery
{
    [GeneratedRegex("^On(Get|Post|Put|Delete|Patch)(.*?)(Async)?$")]
    private static partial Regex HandlerName();

    /// <summary>The endpoints as the access matrix names them.</summary>
    public static List<string> Discover(WebApplicationFactory<Program> portal) =>
        Endpoints(portal).SelectMany(e => e.Names).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>One endpoint of the data source, and the names it has in the access matrix.</summary>
    public sealed record Discovered(RouteEndpoint Endpoint, string Template, IReadOnlyList<string> Names);

    public static List<Discovered> Endpoints(WebApplicationFactory<Program> portal)
    {
        var found = new List<Discovered>();
        foreach (var endpoint in portal.Services.GetRequiredService<EndpointDataSource>().Endpoints)
        {
            var route = endpoint as RouteEndpoint ?? throw new InvalidOperationException($"An endpoint without a route: {endpoint.DisplayName}");
            var template = Normalise(route.RoutePattern.RawText ?? "");
            var names = new List<string>();
            if (route.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var modelName = "SscPortal.Web.Pages" + page.ViewEnginePath.Replace('/', '.') + "Model";
                var model = typeof(Program).Assembly.GetType(modelName) ?? throw new InvalidOperationException($"No page model {modelName}");
                // Razor Pages takes handlers from the page model and the portal's own classes it derives from (a shared form's model).
                foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.DeclaringType?.Assembly == typeof(Program).Assembly))
                {
                    var match = HandlerName().Match(method.Name);
                    if (!match.Success) continue;
                    var handler = match.Groups[2].Value;
                    names.Add($"{template} {match.Groups[1].Value.ToUpperInvariant()}{(handler.Length > 0 ? " " + handler : "")}");
                }
            }
            else
            {
                var methods = route.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
                names.AddRange(methods.Count == 0 ? [$"{template} ANY"] : methods.Select(m => $"{template} {m.ToUpperInvariant()}"));
            }
            found.Add(new Discovered(route, template, names));
        }
        return found;
    }

    /// <summary>"/" and the raw template, lower case; index pages under their folder's address (they answer at ".../index" too).</summary>
    private static string Normalise(string raw)
    {
        var template = ("/" + raw.TrimStart('/')).ToLowerInvariant();
        if (template == "/index" || template.EndsWith("/index", StringComparison.Ordinal)) template = template[..^"index".Length].TrimEnd('/');
        return template.Length == 0 ? "/" : template;
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
                foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                             .Where(m => m.DeclaringType?.Assembly == typeof(Program).Assembly && System.Text.RegularExpressions.Regex.IsMatch(m.Name, "^OnGet")))
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
