using SscPortal.Web.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Web.Data;

namespace SscPortal.Web.Tests.Infrastructure;

/// <summary>The real portal in memory, in the Development environment (demonstration data and accounts), on a database of the test's choosing.</summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<string, string?>? _settings;
    private readonly string _environment;
    private readonly Action<IServiceCollection>? _services;
    private readonly string _files = Path.Combine(Path.GetTempPath(), "ssc-tests-files", Guid.NewGuid().ToString("N"));

    /// <param name="services">Replaces services after the portal's own registrations (a fake <see cref="TimeProvider"/>…).</param>
    /// <param name="kestrel">Serve on a real TCP port on loopback (see <see cref="ServerAddress"/>), for tests that need what only a real server does: its status lines, its request size limits.</param>
    public PortalFactory(DatabaseProvider provider, string connectionString, IReadOnlyDictionary<string, string?>? settings = null, string environment = "Development", bool kestrel = false,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        Provider = provider;
        _connectionString = connectionString;
        _settings = settings;
        _environment = environment;
        if (kestrel) UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
    }

    public DatabaseProvider Provider { get; }

    /// <summary>Where a Kestrel-served portal listens, such as http://127.0.0.1:41234 (starts it on first use).</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            return new Uri(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
                .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting($"ConnectionStrings:{Provider}", _connectionString);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // Many tests sign in from the one test client; the rate-limit test sets its own, lower limit.
        builder.UseSetting("RateLimits:AccountFormsPerMinute", "100000");
        // The tests speak HTTPS, so they run with production's "__Host-" Secure cookies.
        builder.UseSetting("Accounts:SecureCookies", "true");
        // Each response says how many SQL statements it ran, for the tests that bound them.
        builder.UseSetting("Diagnostics:SqlStatementHeader", "true");
        // No mail server: the portal's mail goes to a pickup folder of this run, not into the source tree.
        builder.UseSetting("Mail:PickupFolder", Path.Combine(Path.GetTempPath(), "ssc-tests-mail"));
        // Each portal keeps its evidence files and uploads apart: one's cleanup (on its own clock) never removes another's files.
        builder.UseSetting("Files:Folder", Path.Combine(_files, "store"));
        builder.UseSetting("Files:UploadFolder", Path.Combine(_files, "uploads"));
        // The link checker never runs on its own in tests (it would request the test records' addresses); QualityTests run it directly.
        builder.UseSetting("Quality:CheckLinks", "false");
        foreach (var (key, value) in _settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        if (_services is not null) builder.ConfigureTestServices(_services);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { if (Directory.Exists(_files)) Directory.Delete(_files, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
        GC.SuppressFinalize(this);
    }

    /// <summary>A client that keeps cookies and follows redirects, as a browser would.</summary>
    public HtmlClient CreateBrowser(bool followRedirects = true) =>
        new(CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = followRedirects, HandleCookies = true,
            // HTTPS, as in production: the portal's cookies are Secure and a cookie jar keeps them only for https.
            BaseAddress = new Uri("https://localhost"),
        }));

    public async Task<T> WithDatabaseAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task WithServicesAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}
