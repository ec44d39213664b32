using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Quality;

/// <summary>The configuration section "Quality".</summary>
public sealed class QualityOptions
{
    public const string Section = "Quality";

    /// <summary>Whether the link checker runs at all.</summary>
    public bool CheckLinks { get; set; } = true;

    /// <summary>Minutes between two runs of the link checker; a link is checked again once it is older than this.</summary>
    public int LinkCheckMinutes { get; set; } = 60;

    /// <summary>How many addresses one run checks at most.</summary>
    public int LinksPerRun { get; set; } = 50;

    /// <summary>How many failed checks in a row make a link count as broken (one failure may be a passing outage).</summary>
    public int BrokenAfterFailures { get; set; } = 3;

    /// <summary>Seconds a link has to answer.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>For tests only: lets the checker request loopback addresses (never private or other reserved ones).</summary>
    public bool AllowLoopback { get; set; }
}

/// <summary>Which addresses the link checker may connect to: public unicast ones only.</summary>
public static class PublicAddresses
{
    /// <summary>
    /// Whether the address is a public unicast address: not loopback (unless <paramref name="allowLoopback"/>), private
    /// (10/8, 172.16/12, 192.168/16, fc00::/7), shared (100.64/10), link-local (169.254/16, fe80::/10), multicast, unspecified,
    /// broadcast, or reserved for documentation, benchmarking or future use.
    /// </summary>
    public static bool IsAllowed(IPAddress address, bool allowLoopback)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return allowLoopback;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || (b[0] == 169 && b[1] == 254)
                     || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 0 && b[2] == 0) || (b[0] == 192 && b[1] == 0 && b[2] == 2)
                     || (b[0] == 192 && b[1] == 88 && b[2] == 99) || (b[0] == 192 && b[1] == 168) || (b[0] == 198 && (b[1] == 18 || b[1] == 19))
                     || (b[0] == 198 && b[1] == 51 && b[2] == 100) || (b[0] == 203 && b[1] == 0 && b[2] == 113) || b[0] >= 224);
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any)) return false;
            if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal || address.IsIPv6Teredo) return false;
            if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return false;   // 2001:db8::/32, documentation
            if (b[0] == 0x00 || b[0] == 0x01) return false;                                    // ::/8 and 100::/8 (discard, IPv4-compatible)
            if (b[0] == 0x20 && b[1] == 0x02) return false;                                    // 6to4, may embed a private IPv4 address
            return (b[0] & 0xE0) == 0x20;                                                      // 2000::/3, global unicast
        }
        return false;
    }
}

/// <summary>A connection the link checker refused to make: the host resolves to an address that is not public.</summary>
public sealed class NotPublicAddressException(string host) : Exception($"{host} is not a public address.");

/// <summary>
/// Checks the links of published initiatives and records each in <see cref="LinkCheck"/>: a HEAD request, then a GET when
/// HEAD fails (some servers refuse HEAD), with a short timeout and no more than <see cref="QualityOptions.LinksPerRun"/>
/// addresses a run, those never checked first, then those checked longest ago. Safe against server-side request forgery:
/// only http and https; the host is resolved and every address it resolves to is checked before any request — an address
/// that is not public (<see cref="PublicAddresses"/>) is recorded as "not a public address" and never requested — and the
/// connection itself goes only to an address checked at that moment (<see cref="SocketsHttpHandler.ConnectCallback"/>), so a
/// redirect or a changed DNS answer cannot lead it to an internal address.
/// </summary>
public sealed class LinkChecker(AppDbContext db, IOptions<QualityOptions> options, TimeProvider clock, ILogger<LinkChecker> logger) : IDisposable
{
    public const string NotPublic = "not a public address";
    public const string NoAnswer = "no answer";
    public const string NotWeb = "not a web address";

    private QualityOptions Options => options.Value;
    private HttpClient? _client;

    /// <summary>The addresses due for a check: the published initiatives' links never checked, then those checked longest ago.</summary>
    public async Task<IReadOnlyList<string>> DueAsync(CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(Options.LinksPerRun, 1, 1000);
        var before = clock.GetUtcNow().UtcDateTime.AddMinutes(-Math.Max(1, Options.LinkCheckMinutes));
        var published = db.Set<InitiativeLink>().AsNoTracking()
            .Where(l => l.Url.Length <= LinkCheck.UrlLength && db.Initiatives.Any(i => i.Id == l.InitiativeId && i.Publication == PublicationState.Published))
            .Select(l => l.Url).Distinct();
        var never = await published.Where(u => !db.LinkChecks.Any(c => c.Url == u)).OrderBy(u => u).Take(limit).ToListAsync(cancellationToken);
        if (never.Count >= limit) return never;
        var stale = await db.LinkChecks.AsNoTracking().Where(c => c.CheckedAt < before && published.Contains(c.Url))
            .OrderBy(c => c.CheckedAt).ThenBy(c => c.Id).Select(c => c.Url).Take(limit - never.Count).ToListAsync(cancellationToken);
        return [.. never, .. stale];
    }

    /// <summary>One run: checks the addresses due and records the outcome; returns how many were checked.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var due = await DueAsync(cancellationToken);
        await CheckAndRecordAsync(due, cancellationToken);
        return due.Count;
    }

    /// <summary>Checks the addresses and records each outcome (one row per address, updated in place).</summary>
    public async Task CheckAndRecordAsync(IReadOnlyList<string> urls, CancellationToken cancellationToken)
    {
        if (urls.Count == 0) return;
        var rows = await db.LinkChecks.Where(c => urls.Contains(c.Url)).ToDictionaryAsync(c => c.Url, StringComparer.Ordinal, cancellationToken);
        foreach (var url in urls.Distinct(StringComparer.Ordinal))
        {
            var (status, problem) = await CheckAsync(url, cancellationToken);
            if (!rows.TryGetValue(url, out var row))
            {
                row = new LinkCheck { Url = url };
                db.LinkChecks.Add(row);
                rows[url] = row;
            }
            row.CheckedAt = clock.GetUtcNow().UtcDateTime;
            row.Status = status;
            row.Problem = problem;
            row.Failures = problem is null ? 0 : row.Failures + 1;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The status answered and the problem (null when the link works), never requesting an address that is not public.</summary>
    public async Task<(int? Status, string? Problem)> CheckAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
            return (null, NotWeb);
        try
        {
            // Every address the host resolves to must be public, before anything is sent.
            if (!await IsPublicAsync(uri.DnsSafeHost, cancellationToken)) return (null, NotPublic);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(Math.Clamp(Options.TimeoutSeconds, 1, 60)));
            var status = await RequestAsync(HttpMethod.Head, uri, timeout.Token);
            if (status >= 400) status = await RequestAsync(HttpMethod.Get, uri, timeout.Token);
            return (status, status >= 400 ? $"HTTP {status.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : null);
        }
        catch (Exception e) when (Refused(e))
        {
            return (null, NotPublic);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or SocketException or IOException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug(e, "Link {Url} did not answer", url);
            return (null, NoAnswer);
        }
    }

    private static bool Refused(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is NotPublicAddressException) return true;
        return false;
    }

    private async Task<int> RequestAsync(HttpMethod method, Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.UserAgent.ParseAdd("SscPortal-LinkChecker/1.0");
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return (int)response.StatusCode;
    }

    private async Task<bool> IsPublicAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        return addresses.Length > 0 && addresses.All(a => PublicAddresses.IsAllowed(a, Options.AllowLoopback));
    }

    private HttpClient Client => _client ??= new HttpClient(new SocketsHttpHandler
    {
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 5,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectTimeout = TimeSpan.FromSeconds(Math.Clamp(Options.TimeoutSeconds, 1, 60)),
        // Connect only to an address checked now: a redirect to an internal host, or a DNS answer that changed, is refused.
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            if (addresses.Length == 0 || !addresses.All(a => PublicAddresses.IsAllowed(a, Options.AllowLoopback)))
                throw new NotPublicAddressException(host);
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose() => _client?.Dispose();
}

/// <summary>Runs the <see cref="LinkChecker"/> every <see cref="QualityOptions.LinkCheckMinutes"/> when <see cref="QualityOptions.CheckLinks"/> is on.</summary>
public sealed class LinkCheckService(IServiceScopeFactory scopes, IOptions<QualityOptions> options, ILogger<LinkCheckService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.CheckLinks) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.LinkCheckMinutes)));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var checkedLinks = await scope.ServiceProvider.GetRequiredService<LinkChecker>().RunAsync(stoppingToken);
                if (checkedLinks > 0) logger.LogInformation("Checked {Count} links of published initiatives", checkedLinks);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "The link check failed; it will run again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
