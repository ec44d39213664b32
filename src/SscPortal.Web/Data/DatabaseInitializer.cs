using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SscPortal.Web.Data.Seed;

namespace SscPortal.Web.Data;

/// <summary>
/// Brings the database up to date on start: migrations, reference data, and demonstration data where enabled.
/// If the database cannot be reached, the portal still starts (readiness fails, pages show the error page)
/// and keeps retrying in the background, so it recovers by itself when the database returns.
/// </summary>
public sealed class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    ILogger<DatabaseInitializer> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    /// <summary>Completes once the schema and seed data are in place.</summary>
    public Task Ready => _ready.Task;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // First attempt before the server takes requests, so a healthy start serves a ready database.
        if (await TryInitializeAsync(cancellationToken)) return;
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(Math.Max(0.2, configuration.GetValue("Database:RetrySeconds", 5.0)));
        while (!stoppingToken.IsCancellationRequested && !IsReady)
        {
            try { await Task.Delay(delay, stoppingToken); }
            catch (OperationCanceledException) { return; }
            await TryInitializeAsync(stoppingToken);
        }
    }

    private async Task<bool> TryInitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await InitializeAsync(configuration.GetValue<bool>("Seed:Demo"), cancellationToken);
            _ready.TrySetResult();
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The database is not available yet; retrying in the background");
            return false;
        }
    }

    /// <summary>Migrates and loads the code lists; loads demonstration data only when asked to.</summary>
    public async Task InitializeAsync(bool withDemoData, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        if (db.Database.IsSqlite()) EnsureSqliteFolderIsUsable(db);
        // Migrations and the first indexing may take minutes on a large database: the request limit on statements
        // (Database:StatementTimeoutSeconds) does not apply to them.
        // Holding a session open needs the database to exist: created here as MigrateAsync would have.
        if (db.Database.IsNpgsql())
        {
            var creator = db.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>();
            if (!await creator.ExistsAsync(cancellationToken)) await creator.CreateAsync(cancellationToken);
        }
        await using var unlimited = await DatabaseSetup.WithoutStatementTimeoutAsync(db, cancellationToken);
        if (db.Database.IsNpgsql()) await CreateMigrationsHistoryAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        await services.GetRequiredService<ReferenceDataSeeder>().SeedAsync(cancellationToken);
        await IndexUnindexedForSearchAsync(db, cancellationToken);
        if (withDemoData)
            await services.GetRequiredService<DemoDataSeeder>().SeedAsync(cancellationToken);
        logger.LogInformation("Database ready ({Provider})", db.Database.ProviderName);
    }

    /// <summary>
    /// The PostgreSQL provider finds out whether the migrations history exists by reading it and catching "no such table",
    /// which EF logs as a failed command: on a new database a new user's first start showed an error that was none
    /// (npgsql/efcore.pg#3407). The table is made here first, as the migrator itself would.
    /// </summary>
    private static async Task CreateMigrationsHistoryAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var history = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT to_regclass('__ef_migrations_history') IS NULL";
        if (await command.ExecuteScalarAsync(cancellationToken) is not true) return;
        command.CommandText = history.GetCreateIfNotExistsScript();
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records saved before search existed (or by an older version) are indexed once, in batches.</summary>
    private static async Task IndexUnindexedForSearchAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await db.Initiatives.Where(i => i.SearchTitle == "").OrderBy(i => i.Id).Select(i => i.Id).Take(500).ToListAsync(cancellationToken);
            if (batch.Count == 0) return;
            await db.IndexForSearchAsync(batch, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    // SQLite creates the file but not its folder; the default App_Data folder is ours to create.
    private static void EnsureSqliteFolderIsUsable(AppDbContext db)
    {
        var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var folder = Path.GetDirectoryName(source);
        if (string.IsNullOrEmpty(folder) || Directory.Exists(folder)) return;
        if (Path.GetFileName(folder) == "App_Data") Directory.CreateDirectory(folder);
    }
}

/// <summary>Ready means: the schema is in place and the database answers now.</summary>
public sealed class DatabaseReadinessCheck(DatabaseInitializer initializer, AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!initializer.IsReady)
            return HealthCheckResult.Unhealthy("The database has not been initialised yet.");
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}
