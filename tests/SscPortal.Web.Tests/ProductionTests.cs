using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Web.Commands;
using SscPortal.Web.Data;
using SscPortal.Web.Data.Seed;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>A portal of its own, in the Production environment, on a fresh SQLite file.</summary>
public abstract class ProductionPortal : IAsyncLifetime
{
    protected string Folder { get; } = Path.Combine(Path.GetTempPath(), "ssc-production-" + Guid.NewGuid().ToString("N"));
    protected PortalFactory Portal { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        Portal = new PortalFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(Folder, "portal.db")}", environment: "Production");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Portal.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}

/// <summary>Outside Development the portal starts empty: no demonstration data or account unless Seed:Demo=true.</summary>
public sealed class ProductionTests : ProductionPortal
{
    [Fact]
    public async Task Starts_with_code_lists_but_no_demonstration_data_or_accounts_and_create_admin_adds_only_the_administrator()
    {
        using var browser = Portal.CreateBrowser();
        var home = await browser.GetOkAsync("/");
        Assert.Contains("No initiative has been published yet.", home.Text, StringComparison.Ordinal);

        using var output = new StringWriter();
        var exit = await CreateAdminCommand.RunAsync(Portal.Services, ["create-admin", "--email", "root@portal.example.org"], new StringReader("the first administrator's password\n"), output);
        Assert.Equal(0, exit);

        await Portal.WithServicesAsync(async services =>
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
        using var browser = Portal.CreateBrowser();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/error")).Status);

        var form = await browser.GetOkAsync("/account/register");
        var sent = await browser.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = "o'brien.josé@example.org", ["Input.Password"] = "an apostrophe is fine",
        });
        Assert.Contains("/account/register-confirmation", sent.Address.AbsolutePath, StringComparison.Ordinal);
        Assert.Null(sent.Document.QuerySelector("#confirmation-link"));
    }
}

/// <summary>What every response says about security, in production.</summary>
public sealed class ProductionHeadersTests : ProductionPortal
{
    [Theory]
    [InlineData("/")]
    [InlineData("/initiatives")]
    [InlineData("/account/login")]
    [InlineData("/no-such-page")]
    public async Task Every_response_carries_hsts_for_a_year_and_the_strict_headers(string url)
    {
        using var client = Portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://portal.example.org") });

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        var hsts = string.Join("", response.Headers.GetValues("Strict-Transport-Security"));
        Assert.Contains("max-age=31536000", hsts, StringComparison.Ordinal);
        Assert.Contains("includeSubDomains", hsts, StringComparison.Ordinal);
        var csp = string.Join("", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.NotEmpty(response.Headers.GetValues("Referrer-Policy"));
    }

    [Fact]
    public async Task A_second_instance_on_the_same_database_keeps_people_signed_in()
    {
        var email = await Portal.UserAsync("a password shared by two instances");
        using var first = Portal.CreateBrowser(followRedirects: false);
        var login = await first.GetOkAsync("/account/login");
        var signedIn = await first.SubmitAsync(login, "main form", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "a password shared by two instances" });
        var cookies = string.Join("; ", signedIn.Response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        // A second portal on the same database: it reads the keys the first one stored there.
        await using var second = new PortalFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(Folder, "portal.db")}", environment: "Production");
        using var client = second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/account/organisations", UriKind.Relative));
        request.Headers.Add("Cookie", cookies);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>With DataProtection:CertificatePath the sign-in keys are stored encrypted; without it, as they are.</summary>
public sealed class KeyProtectionTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ssc-keys-" + Guid.NewGuid().ToString("N"));

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task With_a_certificate_configured_the_keys_in_the_database_are_encrypted_and_sign_in_still_works()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=SSC Portal keys", rsa,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, "keys.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "pfx-password"));

        await using var portal = new PortalFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "protected.db")}", new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = path, ["DataProtection:CertificatePassword"] = "pfx-password",
        });
        using var browser = portal.CreateBrowser();
        // A demonstration account: the sign-in cookie and the form's antiforgery token are both made with the encrypted keys.
        var home = await browser.SignInAsync("cso.editor@example.org", "portal-demo-2026");
        Assert.True(home.IsSignedIn);

        var keys = await portal.WithDatabaseAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Without_a_certificate_the_keys_are_stored_unencrypted()
    {
        await using var portal = new PortalFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "plain.db")}");
        using var browser = portal.CreateBrowser();
        await browser.GetOkAsync("/account/login");

        var keys = await portal.WithDatabaseAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.Contains("<masterKey", xml, StringComparison.Ordinal));
    }
}
