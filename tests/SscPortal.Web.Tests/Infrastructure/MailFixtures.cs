using SscPortal.Web.Data;

namespace SscPortal.Web.Tests.Infrastructure;

/// <summary>
/// A portal that sends its mail to a real SMTP server in the test process (<see cref="TestSmtpServer"/>), polling its outbox
/// often and retrying quickly, with a public address of its own; and, for the restart and two-sender tests, more portals and
/// databases of the same provider.
/// </summary>
public abstract class MailFixture : IAsyncLifetime
{
    public const string PublicUrl = "https://portal.example.org";

    private readonly List<PortalFactory> _portals = [];
    private PortalFactory? _portal;
    private string? _unavailable;

    public TestSmtpServer Smtp { get; } = new();

    protected abstract DatabaseProvider Provider { get; }

    /// <summary>A new, empty database's connection string, or null (with <see cref="_unavailable"/> said) when the provider is not configured.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    protected abstract Task DropDatabasesAsync();

    public PortalFactory Portal
    {
        get
        {
            SkipIfUnavailable();
            return _portal!;
        }
    }

    private void SkipIfUnavailable()
    {
        if (_unavailable is null) return;
        if (TestSettings.RequirePostgres) Assert.Fail(_unavailable + " (SSC_REQUIRE_POSTGRES is set, so this fails instead of skipping.)");
        Assert.Skip(_unavailable);
    }

    public static Dictionary<string, string?> MailSettings(int smtpPort) => new()
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Security"] = "None",
        ["Mail:FromAddress"] = "portal@example.org",
        ["Mail:PollSeconds"] = "0.05",
        ["Mail:RetrySeconds"] = "0.05",
        ["Mail:MaxRetrySeconds"] = "0.4",
        ["Mail:MaxAttempts"] = "1000",
        ["Mail:TimeoutSeconds"] = "5",
        ["Portal:PublicUrl"] = PublicUrl,
    };

    /// <summary>A new database of this provider.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        SkipIfUnavailable();
        return (await CreateDatabaseAsync())!;
    }

    /// <summary>
    /// A started portal on the given database, sending to the given SMTP port (disposed with the fixture, if not before); in
    /// Development (with the demonstration data) unless another environment is asked for (then it starts empty).
    /// </summary>
    public async Task<PortalFactory> StartPortalAsync(string connectionString, int smtpPort, string environment = "Development")
    {
        var portal = new PortalFactory(Provider, connectionString, MailSettings(smtpPort), environment);
        _portals.Add(portal);
        using var client = portal.CreateClient();
        (await client.GetAsync("/health/ready")).EnsureSuccessStatusCode();
        return portal;
    }

    public async ValueTask InitializeAsync()
    {
        var database = await CreateDatabaseAsync();
        if (database is null)
        {
            _unavailable = "The PostgreSQL mail tests were skipped because SSC_TEST_POSTGRES is not set.";
            return;
        }
        ConnectionString = database;
        _portal = await StartPortalAsync(database, Smtp.Port);
    }

    /// <summary>The database of <see cref="Portal"/>, for more portals on it.</summary>
    public string ConnectionString { get; private set; } = "";

    public async ValueTask DisposeAsync()
    {
        foreach (var portal in _portals) await portal.DisposeAsync();
        await Smtp.DisposeAsync();
        await DropDatabasesAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteMailFixture : MailFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ssc-mail-tests-" + Guid.NewGuid().ToString("N"));

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string?> CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.FromResult<string?>($"Data Source={Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db")}");
    }

    protected override Task DropDatabasesAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* a leftover temp folder is harmless */ }
        return Task.CompletedTask;
    }
}

public sealed class PostgresMailFixture : MailFixture
{
    private readonly List<string> _databases = [];

    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task<string?> CreateDatabaseAsync()
    {
        if (TestSettings.PostgresAdminConnection is not { } admin) return null;
        var name = await PostgresDatabases.CreateAsync(admin);
        _databases.Add(name);
        return PostgresDatabases.ConnectionStringFor(admin, name);
    }

    protected override async Task DropDatabasesAsync()
    {
        if (TestSettings.PostgresAdminConnection is not { } admin) return;
        foreach (var name in _databases) await PostgresDatabases.DropAsync(admin, name);
    }
}
