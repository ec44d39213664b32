using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Web.Commands;
using SscPortal.Web.Data;
using SscPortal.Web.Data.Seed;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>Outside Development the portal starts empty: no demonstration data or account unless Seed:Demo=true.</summary>
public sealed class ProductionTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ssc-production-" + Guid.NewGuid().ToString("N"));
    private PortalFactory _portal = null!;

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _portal = new PortalFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "portal.db")}", environment: "Production");
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Starts_with_code_lists_but_no_demonstration_data_or_accounts_and_create_admin_adds_only_the_administrator()
    {
        using var browser = _portal.CreateBrowser();
        var home = await browser.GetOkAsync("/");
        Assert.Contains("No initiative has been published yet.", home.Text, StringComparison.Ordinal);

        using var output = new StringWriter();
        var exit = await CreateAdminCommand.RunAsync(_portal.Services, ["create-admin", "--email", "root@portal.example.org"], new StringReader("the first administrator's password\n"), output);
        Assert.Equal(0, exit);

        await _portal.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            Assert.Empty(db.Actors);
            Assert.Empty(db.Initiatives);
            Assert.True(db.Countries.Count() > 200);
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.Equal(["root@portal.example.org"], users.Users.Select(u => u.Email).ToList());
            Assert.All(DemoDataSeeder.Accounts, a => Assert.Null(users.FindByEmailAsync(a.Email).GetAwaiter().GetResult()));
        });
    }

    [Fact]
    public async Task The_error_page_asked_for_directly_is_not_found_and_no_confirmation_link_is_shown()
    {
        using var browser = _portal.CreateBrowser();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/error")).Status);

        var form = await browser.GetOkAsync("/account/register");
        var sent = await browser.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = "o'brien.josé@example.org", ["Input.Password"] = "an apostrophe is fine",
        });
        Assert.Contains("/account/register-confirmation", sent.Address.AbsolutePath, StringComparison.Ordinal);
        Assert.Null(sent.Document.QuerySelector("#confirmation-link"));
    }

    public async ValueTask DisposeAsync()
    {
        await _portal.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
