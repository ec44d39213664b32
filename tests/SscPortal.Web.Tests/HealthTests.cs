using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Web.Data;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

public abstract class HealthTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task The_health_endpoints_answer_healthy_without_an_account(string url)
    {
        using var client = Portal.CreateClient();

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_containers_health_check_command_exits_0_when_the_portal_is_ready_and_1_when_nothing_answers()
    {
        var output = new StringWriter();
        Assert.Equal(0, await SscPortal.Web.Commands.HealthCheckCommand.RunAsync(["health-check", "http://localhost/health/ready"], output, Portal.Server.CreateHandler()));
        Assert.Contains("200", output.ToString(), StringComparison.Ordinal);

        // Port 1 on the loopback interface: nothing listens there, as when the portal has not started or has died.
        Assert.Equal(1, await SscPortal.Web.Commands.HealthCheckCommand.RunAsync(["health-check", "http://127.0.0.1:1/health/ready"], new StringWriter()));
        Assert.Equal(2, await SscPortal.Web.Commands.HealthCheckCommand.RunAsync(["health-check", "not an address"], new StringWriter()));
    }

    [Fact]
    public async Task The_migrations_of_this_provider_match_the_model()
    {
        await Portal.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration for this provider: add one for each provider (README, \"Changing the database\").");
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        });
    }

    [Fact]
    public async Task Every_response_carries_a_strict_content_security_policy()
    {
        using var client = Portal.CreateClient();

        var response = await client.GetAsync(new Uri("/initiatives", UriKind.Relative));

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Pages_load_nothing_from_other_sites()
    {
        using var browser = Portal.CreateBrowser();
        foreach (var url in new[] { "/", "/initiatives", "/actors", "/account/login", "/account/register" })
        {
            var page = await browser.GetOkAsync(url);
            var external = page.Document.QuerySelectorAll("script[src], link[href], img[src]")
                .Select(e => e.GetAttribute("src") ?? e.GetAttribute("href")!)
                .Where(address => address.Contains("//", StringComparison.Ordinal));
            Assert.Empty(external);
            Assert.Empty(page.Document.QuerySelectorAll("script:not([src]), style, [style]"));
        }
    }
}

[Collection(SqliteSuite.Name)]
public sealed class HealthOnSqlite(SqlitePortalFixture fixture) : HealthTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class HealthOnPostgres(PostgresPortalFixture fixture) : HealthTests(fixture);

/// <summary>What readers and monitors see while the database is away, and that the portal comes back by itself.</summary>
public class DatabaseOutageTests
{
    private static readonly Dictionary<string, string?> QuickRetry = new() { ["Database:RetrySeconds"] = "0.2" };

    [Fact]
    public async Task With_its_sqlite_folder_missing_the_portal_is_not_ready_shows_the_error_page_and_recovers_when_the_folder_appears()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ssc-outage-" + Guid.NewGuid().ToString("N"), "not-yet");
        await using var portal = new PortalFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "portal.db")}", QuickRetry);
        using var browser = portal.CreateBrowser();

        var ready = await browser.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);

        var page = await browser.GetAsync("/initiatives");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
        Assert.Contains("cannot reach its database", page.Text, StringComparison.Ordinal);
        Assert.NotEmpty(page.Document.QuerySelector(".trace-id")!.TextContent);
        Assert.DoesNotContain("Exception", page.Text, StringComparison.Ordinal);

        Directory.CreateDirectory(folder);
        await portal.Services.GetRequiredService<DatabaseInitializer>().Ready.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/initiatives")).Status);
        Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
    }

    [Fact]
    public async Task With_postgres_unreachable_the_portal_is_not_ready_and_shows_the_error_page_without_a_stack_trace()
    {
        // Nothing listens on port 1: the connection is refused at once.
        await using var portal = new PortalFactory(DatabaseProvider.Postgres, "Host=127.0.0.1;Port=1;Database=ssc;Username=ssc;Password=ssc;Timeout=2", QuickRetry);
        using var browser = portal.CreateBrowser();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await browser.Http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        var page = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
        Assert.Contains("cannot reach its database", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", page.Text, StringComparison.Ordinal);
    }
}
