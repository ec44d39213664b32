using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace SscPortal.Web.Security;

/// <summary>
/// Which proxies may say who the client is. With ASPNETCORE_FORWARDEDHEADERS_ENABLED=true the framework on its own trusts
/// X-Forwarded-For and X-Forwarded-Proto from anyone, so a client could claim a new address on every request and escape the
/// per-address rate limit. Here they are trusted only from the proxies named in configuration
/// (ForwardedHeaders:KnownProxies, single addresses; ForwardedHeaders:KnownNetworks, CIDR ranges) and from this machine
/// itself (loopback); from anyone else the headers are ignored and the connection's own address counts.
/// </summary>
public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        var knownProxies = proxies.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => IPAddress.TryParse(p.Trim(), out var address)
            ? address : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: \"{p}\" is not an IP address.")).ToList();
        var knownNetworks = networks.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var network)
            ? network : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: \"{n}\" is not a network such as 10.0.0.0/8.")).ToList();

        // After the framework's own setup (which, when enabled, clears the lists and so trusts everyone).
        services.PostConfigure<ForwardedHeadersOptions>(options =>
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            options.KnownIPNetworks.Add(new System.Net.IPNetwork(IPAddress.Loopback, 8));
            options.KnownProxies.Add(IPAddress.IPv6Loopback);
            foreach (var proxy in knownProxies) options.KnownProxies.Add(proxy);
            foreach (var network in knownNetworks) options.KnownIPNetworks.Add(network);
        });
        return services;
    }

    /// <summary>
    /// Forwarded headers switched on with no proxy named: a proxy on another machine (a container network) is then not
    /// believed, so the portal sees plain HTTP and the proxy's address. The warning for the log, or null when all is well.
    /// </summary>
    public static string? UnnamedProxyProblem(IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>("FORWARDEDHEADERS_ENABLED")) return null;
        var named = (configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            .Concat(configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
            .Any(value => !string.IsNullOrWhiteSpace(value));
        return named ? null
            : "Forwarded headers are enabled but no proxy is named, so they are believed only from this machine. If a proxy on " +
              "another machine or container serves the portal, set ForwardedHeaders__KnownProxies__0 (its address) or " +
              "ForwardedHeaders__KnownNetworks__0 (its network); otherwise the portal sees plain HTTP and the proxy's address.";
    }

    /// <summary>Says <see cref="UnnamedProxyProblem"/> once in the log at start-up.</summary>
    public static void WarnWhenNoProxyIsTrusted(this WebApplication app)
    {
        if (UnnamedProxyProblem(app.Configuration) is { } problem)
#pragma warning disable CA2254 // The message is this class's own constant.
            app.Logger.LogWarning(problem);
#pragma warning restore CA2254
    }
}
