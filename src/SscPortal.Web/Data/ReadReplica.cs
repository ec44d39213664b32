using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SscPortal.Web.Diagnostics;

namespace SscPortal.Web.Data;

/// <summary>
/// The read-only view of the data, for the public read paths (catalogue, search, figures, exports, feeds, API). Ask for it
/// where a page or endpoint would ask for <see cref="AppDbContext"/>:
/// <code>public class IndexModel([FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, …)</code>
/// It is an <see cref="AppDbContext"/> of the same model that cannot write: saving throws, and on PostgreSQL its session is
/// read-only (<c>default_transaction_read_only</c>), so even raw SQL cannot change anything through it. Nothing it reads is
/// tracked. Where it reads from:
/// <list type="bullet">
/// <item>With <c>ConnectionStrings:PostgresReadOnly</c> set (PostgreSQL only), from that server (a streaming replica) on its own
/// connection, for a GET or HEAD request by a reader who has written nothing lately;</item>
/// <item>outside a request (a computation shared by all readers, on its own scope), from that replica too, unless the content
/// changed within <c>Database:ReadYourWritesSeconds</c> (what it computes is kept for everyone);</item>
/// <item>otherwise (no replica, SQLite, a POST, a request that saved something before it asked, a reader within
/// <c>Database:ReadYourWritesSeconds</c> of their last write), from the primary, on the very connection the request's
/// <see cref="AppDbContext"/> uses: no second connection, the same statements as before.</item>
/// </list>
/// </summary>
public static class ReadOnlyDb
{
    /// <summary>The service key: <c>[FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db</c>.</summary>
    public const string Key = "read-only";

    /// <summary>The read-only context of <paramref name="services"/> (a scope's): for a computation on a scope of its own.</summary>
    public static AppDbContext From(IServiceProvider services) => services.GetRequiredKeyedService<AppDbContext>(Key);

    /// <summary>Registers the keyed read-only context and the read-your-writes marker (called by AddPortalDatabase).</summary>
    internal static IServiceCollection AddReadOnlyDb(this IServiceCollection services, DatabaseProvider provider, string? replicaConnectionString, IConfiguration configuration)
    {
        var window = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("Database:ReadYourWritesSeconds", 10.0)));
        var replica = provider == DatabaseProvider.Postgres && !string.IsNullOrWhiteSpace(replicaConnectionString) ? replicaConnectionString : null;
        services.AddSingleton(new ReadReplicaSettings(provider, replica, window));
        services.AddHttpContextAccessor();
        services.AddKeyedScoped<AppDbContext>(Key, (scope, _) => Create(scope));
        if (replica is not null) services.AddSingleton<IStartupFilter, ReadYourWrites.StartupFilter>();
        return services;
    }

    private static AppDbContext Create(IServiceProvider scope)
    {
        var settings = scope.GetRequiredService<ReadReplicaSettings>();
        var primary = scope.GetRequiredService<AppDbContext>();
        var http = scope.GetRequiredService<IHttpContextAccessor>().HttpContext;
        var clock = scope.GetService<TimeProvider>() ?? TimeProvider.System;
        // Outside a request (a computation shared by every reader asking a question, on a scope of its own: Caching/CatalogueCache.cs),
        // the replica too, unless the content changed within the read-your-writes window: what it computes is kept for everyone.
        var fromReplica = settings.Replica is not null && (http is not null
            ? !ReadYourWrites.NeedsPrimary(http, clock)
            : scope.GetService<Caching.CatalogueCache>() is { } shared && !shared.ChangedWithin(settings.ReadYourWritesWindow));
        if (http is not null) http.Items[ReadYourWrites.ServedByKey] = fromReplica ? ReadYourWrites.Replica : ReadYourWrites.Primary;
        IInterceptor[] interceptors = [scope.GetRequiredService<SqlStatementCounter>(), ReadOnlyGuard.Instance, scope.GetRequiredService<StatementPreparer>()];
        switch (settings.Provider)
        {
            case DatabaseProvider.Postgres:
            {
                var options = new DbContextOptionsBuilder<PostgresAppDbContext>().AddInterceptors(interceptors)
                    .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTrackingWithIdentityResolution);
                if (fromReplica) DatabaseSetup.ConfigurePostgres(options, settings.Replica!);
                else DatabaseSetup.ConfigurePostgres(options, primary.Database.GetDbConnection());
                return new PostgresAppDbContext(options.Options);
            }
            default:
            {
                var options = new DbContextOptionsBuilder<SqliteAppDbContext>().AddInterceptors(interceptors)
                    .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTrackingWithIdentityResolution);
                DatabaseSetup.ConfigureSqlite(options, primary.Database.GetDbConnection());
                return new SqliteAppDbContext(options.Options);
            }
        }
    }
}

/// <summary>Where reads may go: the provider, the replica's connection string (null: none, or not PostgreSQL), the read-your-writes window.</summary>
public sealed record ReadReplicaSettings(DatabaseProvider Provider, string? Replica, TimeSpan ReadYourWritesWindow);

/// <summary>Refuses every save through the read-only context: a read path that tries to write fails at once, in every configuration.</summary>
public sealed class ReadOnlyGuard : SaveChangesInterceptor
{
    public static readonly ReadOnlyGuard Instance = new();

    public const string Message =
        "This context is read-only ([FromKeyedServices(ReadOnlyDb.Key)]): it may read from a replica, which cannot be written. Save through AppDbContext.";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        throw new InvalidOperationException(Message);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException(Message);
}

/// <summary>
/// "Read your own writes" with a replica that lags: a request that is not a GET or HEAD, or that saved anything through
/// <see cref="AppDbContext"/>, reads from the primary, and so does the same browser for the next
/// <c>Database:ReadYourWritesSeconds</c> (a small cookie holding when that window ends). Every other reader (signed in or
/// not) reads from the replica. Only set when a replica is configured.
/// </summary>
public static class ReadYourWrites
{
    public const string CookieName = "ssc-primary-until";
    internal const string ServedByKey = "read-only-db-served-by";
    internal const string WroteKey = "read-only-db-wrote";
    public const string Replica = "replica", Primary = "primary";

    /// <summary>Which database the request's read-only context reads from ("replica" or "primary"), or null if it asked none.</summary>
    public static string? ServedBy(HttpContext context) => context.Items[ServedByKey] as string;

    internal static bool NeedsPrimary(HttpContext context, TimeProvider clock)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) return true;
        if (context.Items.ContainsKey(WroteKey)) return true;
        return request.Cookies.TryGetValue(CookieName, out var value)
               && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var until)
               && until > clock.GetUtcNow().ToUnixTimeSeconds();
    }

    /// <summary>Called by the primary's save interceptor: this request has written.</summary>
    internal static void NoteWrite(HttpContext? context)
    {
        if (context is not null) context.Items[WroteKey] = true;
    }

    internal sealed class StartupFilter(ReadReplicaSettings settings) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Response.OnStarting(() =>
                {
                    var request = context.Request;
                    var wrote = context.Items.ContainsKey(WroteKey) || (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method));
                    if (wrote && settings.ReadYourWritesWindow > TimeSpan.Zero)
                    {
                        var clock = context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
                        var until = clock.GetUtcNow().Add(settings.ReadYourWritesWindow).ToUnixTimeSeconds();
                        context.Response.Cookies.Append(CookieName, until.ToString(CultureInfo.InvariantCulture), new CookieOptions
                        {
                            Path = "/", HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = request.IsHttps, IsEssential = true,
                            MaxAge = settings.ReadYourWritesWindow,
                        });
                    }
                    return Task.CompletedTask;
                });
                return following(context);
            });
            next(app);
        };
    }
}

/// <summary>Marks the request as having written when the primary saves anything (registered on the primary only).</summary>
public sealed class WriteMarker(IHttpContextAccessor http) : SaveChangesInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (result > 0) ReadYourWrites.NoteWrite(http.HttpContext);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (result > 0) ReadYourWrites.NoteWrite(http.HttpContext);
        return ValueTask.FromResult(result);
    }
}
