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
                services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, o) => ConfigurePostgres(o.AddInterceptors(Interceptors(sp)).WithPortalWarnings(), postgres));
                break;
            default:
                var sqlite = SqliteConnectionString(configuration.GetConnectionString("Sqlite") ?? "Data Source=App_Data/sscportal.db", contentRoot);
                services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, o) => ConfigureSqlite(o.AddInterceptors(Interceptors(sp)).WithPortalWarnings(), sqlite));
                break;
        }
        services.AddSingleton(new DatabaseInfo(provider));
        services.AddSingleton<SqlStatementCounter>();
        services.AddSingleton<ContentChangeWatcher>();
        return services;
    }

    /// <summary>
    /// Warnings that are choices here: the facet counts look at "the first N matching rows" in whatever order the index
    /// gives them (Search/CatalogueFacets.cs), on purpose, so a row limit without an order is not a mistake to log.
    /// </summary>
    internal static DbContextOptionsBuilder WithPortalWarnings(this DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(warnings => warnings.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning));

    private static IInterceptor[] Interceptors(IServiceProvider services) =>
        [services.GetRequiredService<SqlStatementCounter>(), services.GetRequiredService<ContentChangeWatcher>()];

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
        options.UseNpgsql(WithSessionSettings(connectionString), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history").UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));

    /// <summary>
    /// Settings every PostgreSQL session starts with: how close a title must be to a mistyped search for the indexed
    /// trigram operator (Search/InitiativeSearch.cs).
    /// </summary>
    internal static string WithSessionSettings(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var setting = "-c pg_trgm.word_similarity_threshold=" + Search.InitiativeSearch.TypoSimilarity.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (builder.Options?.Contains("pg_trgm.word_similarity_threshold", StringComparison.Ordinal) != true)
            builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? setting : builder.Options + " " + setting;
        return builder.ConnectionString;
    }

    internal static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));

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
