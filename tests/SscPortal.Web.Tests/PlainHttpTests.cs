using Microsoft.Extensions.Configuration;
using SscPortal.Web.Accounts;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// A portal started without TLS but with its "__Host-" Secure cookies cannot sign anyone in: the browser drops the
/// cookies and the form fails as "not understood". The sign-in pages say so plainly, and so does the log at start.
/// </summary>
public abstract class PlainHttpTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/account/register")]
    [InlineData("/account/forgot-password")]
    public async Task Over_plain_http_the_account_forms_say_that_signing_in_needs_https(string address)
    {
        // The factory's default client speaks plain http://localhost; the portal runs with Secure cookies.
        using var plain = new HtmlClient(Portal.CreateClient());
        using var secure = Portal.CreateBrowser();

        var overHttp = await plain.GetOkAsync(address);
        var overHttps = await secure.GetOkAsync(address);

        var notice = overHttp.Document.QuerySelector("#plain-http[role=alert]");
        Assert.NotNull(notice);
        Assert.Contains("only signs people in over HTTPS", notice.TextContent, StringComparison.Ordinal);
        Assert.Contains("Accounts__SecureCookies=false", notice.TextContent, StringComparison.Ordinal);
        Assert.Null(overHttps.Document.QuerySelector("#plain-http"));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class PlainHttpOnSqlite(SqlitePortalFixture fixture) : PlainHttpTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PlainHttpOnPostgres(PostgresPortalFixture fixture) : PlainHttpTests(fixture);

/// <summary>The start-up warning, decided from the addresses the server listens on.</summary>
public sealed class PlainHttpStartupTests
{
    [Fact]
    public void Listening_only_on_plain_http_with_secure_cookies_is_reported_at_start()
    {
        var problem = PlainHttp.StartupProblem(["http://0.0.0.0:8080", "http://[::]:8080"], secureCookies: true, forwardedHeaders: false);

        Assert.NotNull(problem);
        Assert.Contains("HTTPS", problem, StringComparison.Ordinal);
        Assert.Contains("Accounts__SecureCookies=false", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://0.0.0.0:8443", true, false)]
    [InlineData("http://0.0.0.0:8080", false, false)]
    [InlineData("http://0.0.0.0:8080", true, true)]
    public void Https_plain_cookies_or_a_declared_tls_proxy_need_no_warning(string address, bool secureCookies, bool forwardedHeaders) =>
        Assert.Null(PlainHttp.StartupProblem([address], secureCookies, forwardedHeaders));

    [Fact]
    public void Forwarded_headers_without_a_named_proxy_are_reported_at_start_and_a_named_one_is_not()
    {
        static IConfiguration Settings(params (string Key, string Value)[] values) =>
            new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

        var problem = SscPortal.Web.Security.TrustedProxies.UnnamedProxyProblem(Settings(("FORWARDEDHEADERS_ENABLED", "true")));
        Assert.NotNull(problem);
        Assert.Contains("ForwardedHeaders__KnownNetworks__0", problem, StringComparison.Ordinal);
        Assert.Null(SscPortal.Web.Security.TrustedProxies.UnnamedProxyProblem(Settings(("FORWARDEDHEADERS_ENABLED", "true"), ("ForwardedHeaders:KnownNetworks:0", "172.18.0.0/16"))));
        Assert.Null(SscPortal.Web.Security.TrustedProxies.UnnamedProxyProblem(Settings(("FORWARDEDHEADERS_ENABLED", "false"))));
    }
}
