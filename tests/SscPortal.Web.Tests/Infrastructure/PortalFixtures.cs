using Npgsql;
using SscPortal.Web.Data;

namespace SscPortal.Web.Tests.Infrastructure;

/// <summary>One running portal per database provider, shared by the tests of that provider's collection.</summary>
public abstract class PortalFixture : IAsyncLifetime
{
    private PortalFactory? _portal;

    /// <summary>Why this provider cannot run here, or null when it can.</summary>
    protected string? Unavailable { get; set; }

    /// <summary>The running portal; skips the calling test when its database is not configured (never in CI).</summary>
    public PortalFactory Portal
    {
        get
        {
            if (Unavailable is not null)
            {
                if (TestSettings.RequirePostgres) Assert.Fail(Unavailable + " (SSC_REQUIRE_POSTGRES is set, so this fails instead of skipping.)");
                Assert.Skip(Unavailable);
            }
            return _portal!;
        }
    }

    protected abstract Task<PortalFactory?> StartAsync();

    public async ValueTask InitializeAsync()
    {
        _portal = await StartAsync();
        if (_portal is null)
        {
            // Said once per run, where `dotnet test` shows it (xunit.runner.json turns diagnostic messages on): the
            // runner prints each skipped test as a bare [SKIP] line and never its reason.
            if (Unavailable is not null && !TestSettings.RequirePostgres)
                TestContext.Current.SendDiagnosticMessage("NOTE: " + Unavailable + " Until then every test of this provider is reported as skipped ([SKIP]).");
            return;
        }
        // Starting the host migrates and seeds the database before the first test runs.
        using var client = _portal.CreateClient();
        (await client.GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_portal is not null) await _portal.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqlitePortalFixture : PortalFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ssc-tests-" + Guid.NewGuid().ToString("N"));

    protected override Task<PortalFactory?> StartAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.FromResult<PortalFactory?>(new PortalFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "portal.db")}"));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}

public sealed class PostgresPortalFixture : PortalFixture
{
    private string? _database;

    protected override async Task<PortalFactory?> StartAsync()
    {
        if (TestSettings.PostgresAdminConnection is not { } admin)
        {
            Unavailable = "The PostgreSQL tests were skipped because SSC_TEST_POSTGRES is not set. To run them, set it to a connection string " +
                          "of a role that may create databases, e.g. SSC_TEST_POSTGRES=\"Host=localhost;Username=ssc;Password=ssc;Database=postgres\" " +
                          "(README, \"Running the tests on PostgreSQL\"; SSC_REQUIRE_POSTGRES=true makes them fail instead).";
            return null;
        }
        _database = await PostgresDatabases.CreateAsync(admin);
        return new PortalFactory(DatabaseProvider.Postgres, PostgresDatabases.ConnectionStringFor(admin, _database));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null && TestSettings.PostgresAdminConnection is { } admin)
            await PostgresDatabases.DropAsync(admin, _database);
    }
}

public static class TestSettings
{
    public static string? PostgresAdminConnection =>
        Environment.GetEnvironmentVariable("SSC_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    public static bool RequirePostgres =>
        Environment.GetEnvironmentVariable("SSC_REQUIRE_POSTGRES") is "1" or "true" or "True";
}

/// <summary>Throwaway databases, one per fixture, so test runs never share state.</summary>
public static class PostgresDatabases
{
    public static async Task<string> CreateAsync(string adminConnection)
    {
        var name = "ssc_test_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(adminConnection, $"CREATE DATABASE \"{name}\"");
        return name;
    }

    /// <summary>
    /// Drops a test database and whoever is still connected to it. PostgreSQL 15 refuses the whole drop (42501, "must be a
    /// member of the role whose process is being terminated") when an autovacuum worker happens to be working in it and the
    /// role is not a superuser (as in CI); the worker is gone a moment later, so the drop is tried again a few times.
    /// </summary>
    public static async Task DropAsync(string adminConnection, string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(adminConnection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    public static string ConnectionStringFor(string adminConnection, string database) =>
        new NpgsqlConnectionStringBuilder(adminConnection) { Database = database }.ConnectionString;

    private static async Task ExecuteAsync(string adminConnection, string sql)
    {
        await using var connection = new NpgsqlConnection(adminConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteSuite : ICollectionFixture<SqlitePortalFixture>
{
    public const string Name = "SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresSuite : ICollectionFixture<PostgresPortalFixture>
{
    public const string Name = "PostgreSQL";
}

/// <summary>
/// The long sweeps over every endpoint (the access matrix, the hostile-input sweep) run in collections of their own, one per
/// provider, each with a portal and a database of its own, beside the rest of the tests instead of after them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SqliteSweepSuite : ICollectionFixture<SqlitePortalFixture>
{
    public const string Name = "SQLite sweeps";
}

[CollectionDefinition(Name)]
public sealed class PostgresSweepSuite : ICollectionFixture<PostgresPortalFixture>
{
    public const string Name = "PostgreSQL sweeps";
}
