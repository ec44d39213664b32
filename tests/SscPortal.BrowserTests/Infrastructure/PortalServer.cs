using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace SscPortal.BrowserTests.Infrastructure;

/// <summary>
/// The real portal on a real TCP port on loopback, in the Development environment (demonstration data and accounts),
/// on a throw-away SQLite file of its own.
/// </summary>
public sealed class PortalServer : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ssc-browser-" + Guid.NewGuid().ToString("N"));

    public PortalServer()
    {
        Directory.CreateDirectory(_folder);
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={Path.Combine(_folder, "portal.db")}");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // Every test signs in from the one loopback address.
        builder.UseSetting("RateLimits:AccountFormsPerMinute", "100000");
        // Plain HTTP on loopback: "__Host-" Secure cookies would never come back.
        builder.UseSetting("Accounts:SecureCookies", "false");
    }

    /// <summary>Starts Kestrel (once) and gives its address, such as http://127.0.0.1:41234.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First());
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
