using SscPortal.Web.Diagnostics;
using SscPortal.Web.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SscPortal.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DatabaseSetup
{
    /// <summary>Registers the context for the provider named by <c>Database:Provider</c> (Sqlite by default).</summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = ProviderFrom(configuration);
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                var postgres = configuration.GetConnectionString("Postgres");
                if (string.IsNullOrWhiteSpace(postgres))
                    throw new InvalidOperationException(
                        "Database:Provider is Postgres but ConnectionStrings:Postgres is empty. Set ConnectionStrings__Postgres, e.g. " +
                        "'Host=localhost;Database=sscportal;Username=ssc;Password=...'.");
                postgres = PostgresConnectionString(postgres, configuration);
                services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, o) => ConfigurePostgres(o.AddInterceptors(Interceptors(sp)), postgres));
                // Reads of the public pages may go to a replica (Data/ReadReplica.cs); its sessions cannot write.
                var replica = configuration.GetConnectionString("PostgresReadOnly");
                services.AddReadOnlyDb(provider, string.IsNullOrWhiteSpace(replica) ? null : PostgresConnectionString(replica, configuration, readOnly: true), configuration);
                break;
            default:
                var sqlite = SqliteConnectionString(configuration.GetConnectionString("Sqlite") ?? "Data Source=App_Data/sscportal.db", contentRoot);
                services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, o) => ConfigureSqlite(o.AddInterceptors(Interceptors(sp)), sqlite));
                // SQLite has no replicas: the read-only context reads the same file, on the same connection.
                services.AddReadOnlyDb(provider, null, configuration);
                break;
        }
        services.AddSingleton(new DatabaseInfo(provider));
        services.AddSingleton<SqlStatementCounter>();
        services.AddSingleton<ContentChangeWatcher>();
        services.AddSingleton<WriteMarker>();
        services.AddSingleton<StatementPreparer>();
        return services;
    }

    /// <summary>
    /// Warnings that are choices here: the facet counts look at "the first N matching rows" in whatever order the index
    /// gives them (Search/CatalogueFacets.cs), on purpose, so a row limit without an order is not a mistake to log.
    /// </summary>
    internal static DbContextOptionsBuilder WithPortalWarnings(this DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(warnings => warnings.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning));

    private static IInterceptor[] Interceptors(IServiceProvider services) =>
        [services.GetRequiredService<SqlStatementCounter>(), services.GetRequiredService<ContentChangeWatcher>(), services.GetRequiredService<WriteMarker>(),
            services.GetRequiredService<StatementPreparer>()];

    /// <summary>The longest a statement of a request may run on PostgreSQL, in seconds (<c>Database:StatementTimeoutSeconds</c>, 5 by default; 0: no limit).</summary>
    public static double StatementTimeoutSeconds(IConfiguration configuration) => Math.Max(0, configuration.GetValue("Database:StatementTimeoutSeconds", 5.0));

    /// <summary>
    /// Every PostgreSQL session the portal opens starts with its settings, given as startup options (so a pooled connection
    /// returns to them when it is reset): <c>statement_timeout</c>, so that no request holds a connection for more than a few
    /// seconds (the start-up migrations and the synthetic seeding lift it for their own session, see
    /// <see cref="WithoutStatementTimeoutAsync"/>); the similarity a typo must reach for the search's indexed <c>%&gt;</c> /
    /// <c>&lt;%</c> operators (<see cref="Search.InitiativeSearch.TypoSimilarity"/>); and, for the replica, read-only sessions.
    /// Options already in the connection string come after these, so they win.
    /// </summary>
    internal static string PostgresConnectionString(string connectionString, IConfiguration configuration, bool readOnly = false)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var milliseconds = (long)Math.Round(StatementTimeoutSeconds(configuration) * 1000);
        var options = new List<string>
        {
            "-c statement_timeout=" + milliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c pg_trgm.word_similarity_threshold=" + Search.InitiativeSearch.TypoSimilarity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (readOnly) options.Add("-c default_transaction_read_only=on");
        if (!string.IsNullOrWhiteSpace(builder.Options)) options.Add(builder.Options);
        builder.Options = string.Join(' ', options);
        return builder.ConnectionString;
    }

    /// <summary>
    /// Lifts the statement timeout for the rest of this context's session (until <c>CloseConnection</c>): for work that
    /// legitimately runs longer than a request may, such as migrations. The connection stays open until the returned handle is disposed;
    /// the pool's reset restores the startup options afterwards. Nothing on SQLite.
    /// </summary>
    public static Task<IAsyncDisposable> WithoutStatementTimeoutAsync(AppDbContext db, CancellationToken cancellationToken) =>
        WithStatementTimeoutAsync(db, TimeSpan.Zero, cancellationToken);

    /// <summary>As <see cref="WithoutStatementTimeoutAsync"/>, with <paramref name="limit"/> instead of none (zero: none): for background work.</summary>
    public static async Task<IAsyncDisposable> WithStatementTimeoutAsync(AppDbContext db, TimeSpan limit, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql()) return NoSession.Instance;
        await db.Database.OpenConnectionAsync(cancellationToken);
        var milliseconds = ((long)limit.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await db.Database.ExecuteSqlAsync($"SELECT set_config('statement_timeout', {milliseconds}, false)", cancellationToken);
        return new OpenSession(db);
    }

    private sealed class NoSession : IAsyncDisposable
    {
        public static readonly NoSession Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class OpenSession(AppDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // Back to the session's starting settings (the configured limit among them) in case this connection is reused
            // without a reset (No Reset On Close): RESET returns each setting to what the connection's startup options made it.
            try { await db.Database.ExecuteSqlRawAsync("RESET ALL"); }
            catch (System.Data.Common.DbException) { /* a broken connection is not returned to the pool as it is */ }
            finally { await db.Database.CloseConnectionAsync(); }
        }
    }

    public static DatabaseProvider ProviderFrom(IConfiguration configuration)
    {
        var name = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(name)) return DatabaseProvider.Sqlite;
        return Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException($"Unknown Database:Provider '{name}': use Sqlite or Postgres.");
    }

    // Queries that load several collections run as one SQL statement unless they say AsSplitQuery(): one statement
    // is one consistent snapshot and one round trip, right for the small per-record collections read on most pages;
    // the forms and exports that load many collections of a record at once choose AsSplitQuery() where they do it.
    // Saying so here also ends EF Core's MultipleCollectionIncludeWarning, which asks for exactly this choice.
    internal static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.WithPortalWarnings().UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history").UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));

    /// <summary>On a connection another context owns (the read-only context on the primary's connection, Data/ReadReplica.cs).</summary>
    internal static void ConfigurePostgres(DbContextOptionsBuilder options, System.Data.Common.DbConnection connection) =>
        options.WithPortalWarnings().UseNpgsql(connection, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history").UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));

    internal static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.WithPortalWarnings().UseSqlite(connectionString, sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));

    internal static void ConfigureSqlite(DbContextOptionsBuilder options, System.Data.Common.DbConnection connection) =>
        options.WithPortalWarnings().UseSqlite(connection, sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));

    /// <summary>A relative SQLite file is placed under the content root, so `dotnet run` from anywhere finds the same file.</summary>
    internal static string SqliteConnectionString(string connectionString, string contentRoot)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        return builder.ToString();
    }
}

public sealed record DatabaseInfo(DatabaseProvider Provider);

// Used by `dotnet ef migrations add` only; the running portal configures the context in DatabaseSetup.
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DatabaseSetup.ConfigureSqlite(options, "Data Source=design-time.db");
        return new SqliteAppDbContext(options.Options);
    }
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresAppDbContext>();
        DatabaseSetup.ConfigurePostgres(options, "Host=localhost;Database=sscportal_design");
        return new PostgresAppDbContext(options.Options);
    }
}
