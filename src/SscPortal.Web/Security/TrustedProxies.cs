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
}
