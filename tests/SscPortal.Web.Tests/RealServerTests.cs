using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.TestHost;
using SscPortal.Web.Data;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// What only a real server shows: the status line itself, and bodies Kestrel refuses or cannot read. The portal runs on
/// Kestrel on a loopback port; requests are written byte by byte on a socket, as curl would, and the status line is read as sent.
/// </summary>
public sealed partial class RealServerTests : IAsyncLifetime
{
    private OwnPortal _portal = null!;
    private Uri Server => _portal.Factory.ServerAddress;

    public async ValueTask InitializeAsync() =>
        // Plain HTTP on loopback: the sign-in and antiforgery cookies must not be Secure here.
        _portal = await OwnPortal.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Accounts:SecureCookies"] = "false" }, kestrel: true);

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();

    [GeneratedRegex("^HTTP/1\\.1 (\\d{3}) ")]
    private static partial Regex StatusLine();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private sealed record Answer(string StatusLine, int Status, string Text);

    /// <summary>Writes a request on a socket (the head, then as much of the body as the server takes) and reads the answer to its end.</summary>
    private async Task<Answer> SendAsync(string head, byte[] body, long? declaredLength = null)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(Server.Host, Server.Port);
        var stream = socket.GetStream();
        var length = declaredLength ?? body.Length;
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{head}Host: {Server.Authority}\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n"));
        try
        {
            await stream.WriteAsync(body);
        }
        catch (IOException)
        {
            // The server answered and closed before taking the whole body: what it answered is what counts.
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var received = new MemoryStream();
        try { await stream.CopyToAsync(received, timeout.Token); }
        catch (IOException) { /* the connection was reset after the answer */ }
        var text = Encoding.UTF8.GetString(received.ToArray());
        var firstLine = text.Split("\r\n")[0];
        var match = StatusLine().Match(firstLine);
        Assert.True(match.Success, $"A broken status line: \"{firstLine}\"");
        return new Answer(firstLine, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), text);
    }

    /// <summary>A session (cookie header) and a form token, signed in as the given account or as a visitor.</summary>
    private async Task<(string Cookies, string Token)> SessionAsync(string? email = null, string? password = null)
    {
        using var handler = new HttpClientHandler { UseCookies = true, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = Server };
        var login = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        if (email is not null)
        {
            var signedIn = await client.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email, ["Input.Password"] = password!, ["__RequestVerificationToken"] = Token().Match(login).Groups[1].Value,
            }));
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            login = await client.GetStringAsync(new Uri("/my/spreadsheet", UriKind.Relative));
        }
        return (handler.CookieContainer.GetCookieHeader(Server), Token().Match(login).Groups[1].Value);
    }

    [Fact]
    public async Task A_post_without_a_token_whose_body_says_code_200_is_answered_400_on_the_status_line()
    {
        var answer = await SendAsync("POST /account/logout HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n", Encoding.ASCII.GetBytes("code=200"));

        Assert.Equal(400, answer.Status);
        Assert.Contains("The request could not be understood", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreadable_forms_are_answered_400_with_the_status_page_never_a_broken_status_line()
    {
        var (cookies, token) = await SessionAsync();
        var head = $"POST /account/login HTTP/1.1\r\nCookie: {cookies}\r\n";
        var manyFields = "__RequestVerificationToken=" + Uri.EscapeDataString(token) + string.Concat(Enumerable.Range(0, 1100).Select(i => $"&f{i}=x"));
        const string truncated = "--b0\r\nContent-Disposition: form-data; name=\"Input.Email\"\r\n\r\nsomeone@example.org";

        var tooMany = await SendAsync(head + "Content-Type: application/x-www-form-urlencoded\r\n", Encoding.ASCII.GetBytes(manyFields));
        var cutShort = await SendAsync(head + "Content-Type: multipart/form-data; boundary=b0\r\n", Encoding.ASCII.GetBytes(truncated));
        var nul = await SendAsync(head + "Content-Type: application/x-www-form-urlencoded\r\n",
            Encoding.UTF8.GetBytes($"__RequestVerificationToken={Uri.EscapeDataString(token)}&Input.Email=a\0b%40example.org&Input.Password=a\0b"));

        foreach (var answer in new[] { tooMany, cutShort })
        {
            Assert.Equal(400, answer.Status);
            Assert.Contains("The request could not be understood", answer.Text, StringComparison.Ordinal);
        }
        // A NUL byte in a readable form is refused before anything is bound (Security/NulCharacterGuard.cs), with the status page.
        Assert.Equal(400, nul.Status);
        Assert.Contains("The request could not be understood", nul.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_50_MB_spreadsheet_upload_is_answered_413_with_a_page_that_says_the_limit()
    {
        var email = await _portal.Factory.UserAsync(AccessWorld.Password);
        var (cookies, token) = await SessionAsync(email, AccessWorld.Password);
        var start = Encoding.ASCII.GetBytes(
            $"--b0\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n" +
            "--b0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"initiatives.csv\"\r\nContent-Type: text/csv\r\n\r\n" + new string('x', 1024 * 1024));

        var answer = await SendAsync($"POST /my/spreadsheet?handler=Upload HTTP/1.1\r\nCookie: {cookies}\r\nContent-Type: multipart/form-data; boundary=b0\r\n",
            start, declaredLength: 50L * 1024 * 1024);

        Assert.Equal(413, answer.Status);
        Assert.Contains("What you sent is too large", answer.Text, StringComparison.Ordinal);
        Assert.Contains("at most 2 MB", answer.Text, StringComparison.Ordinal);
    }
}

/// <summary>
/// The sign-in rate limit behind a proxy: forwarded headers are trusted only from the proxies configured, and the limit
/// is kept per account as well as per address, so neither forged X-Forwarded-For headers nor many addresses escape it.
/// </summary>
public sealed class ForwardedHeadersRateLimitTests
{
    private const int Limit = 3;

    /// <summary>A request as it reaches the portal from <paramref name="from"/> (the connection's address), claiming <paramref name="forwardedFor"/>.</summary>
    private static Task<Microsoft.AspNetCore.Http.HttpContext> SendAsync(OwnPortal portal, IPAddress from, string forwardedFor, string path, string? body = null, string? cookies = null) =>
        portal.Factory.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = from;
            context.Request.Scheme = "https";
            context.Request.Host = new Microsoft.AspNetCore.Http.HostString("localhost");
            context.Request.Path = path;
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
            context.Request.Headers["X-Forwarded-Proto"] = "https";
            if (cookies is not null) context.Request.Headers.Cookie = cookies;
            if (body is null) { context.Request.Method = "GET"; return; }
            context.Request.Method = "POST";
            context.Request.ContentType = "application/x-www-form-urlencoded";
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
        });

    private static async Task<(string Cookies, string Token)> FormAsync(OwnPortal portal, IPAddress from)
    {
        var page = await SendAsync(portal, from, "198.51.100.1", "/account/login");
        var html = await new StreamReader(page.Response.Body).ReadToEndAsync();
        var cookies = string.Join("; ", page.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]));
        return (cookies, AccessWorld.TokenIn(html));
    }

    private static string SignIn(string token, string email) =>
        $"__RequestVerificationToken={Uri.EscapeDataString(token)}&Input.Email={Uri.EscapeDataString(email)}&Input.Password=not+the+password";

    [Fact]
    public async Task With_forwarded_headers_on_and_no_trusted_proxy_a_new_x_forwarded_for_on_every_attempt_does_not_escape_the_limit()
    {
        await using var portal = await OwnPortal.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["FORWARDEDHEADERS_ENABLED"] = "true", ["RateLimits:AccountFormsPerMinute"] = $"{Limit}",
        });
        var client = IPAddress.Parse("203.0.113.7");
        var (cookies, token) = await FormAsync(portal, client);

        var statuses = new List<int>();
        for (var i = 0; i < Limit + 2; i++)
        {
            // A different account and a different claimed address each time: only the connection's address is the same.
            var answer = await SendAsync(portal, client, $"192.0.2.{i + 10}", "/account/login", SignIn(token, $"{Guid.NewGuid():N}@nobody.example.org"), cookies);
            statuses.Add(answer.Response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(200, Limit).Concat([429, 429]), statuses);
    }

    [Fact]
    public async Task Repeated_attempts_on_one_account_from_many_addresses_hit_the_limit()
    {
        const string proxy = "10.0.0.5";
        await using var portal = await OwnPortal.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["FORWARDEDHEADERS_ENABLED"] = "true", ["ForwardedHeaders:KnownProxies:0"] = proxy, ["RateLimits:AccountFormsPerMinute"] = $"{Limit}",
        });
        var from = IPAddress.Parse(proxy);
        var (cookies, token) = await FormAsync(portal, from);
        var account = $"{Guid.NewGuid():N}@victim.example.org";

        var statuses = new List<int>();
        for (var i = 0; i < Limit + 2; i++)
        {
            // Through the trusted proxy, each attempt really comes from another address; the account is the same, typed differently.
            var typed = i % 2 == 0 ? account : "  " + account.ToUpperInvariant() + " ";
            var answer = await SendAsync(portal, from, $"192.0.2.{i + 10}", "/account/login", SignIn(token, typed), cookies);
            statuses.Add(answer.Response.StatusCode);
        }
        // Another account from the same proxy is not held back: the proxy's many clients are told apart by their addresses.
        var other = await SendAsync(portal, from, "192.0.2.99", "/account/login", SignIn(token, $"{Guid.NewGuid():N}@other.example.org"), cookies);

        Assert.Equal(Enumerable.Repeat(200, Limit).Concat([429, 429]), statuses);
        Assert.Equal(200, other.Response.StatusCode);
    }
}
