using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Infrastructure;
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
