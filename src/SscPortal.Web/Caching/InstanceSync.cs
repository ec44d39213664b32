using System.Threading.Channels;
using Npgsql;
using SscPortal.Web.Data;

namespace SscPortal.Web.Caching;

/// <summary>
/// Keeps several portal instances on one PostgreSQL database in step: when content changes on any of them, every one starts
/// its public caches (<see cref="CatalogueCache"/> and, through its generation, <see cref="AnonymousPageCache"/>) afresh
/// within a second. PostgreSQL's LISTEN/NOTIFY carries the news; no other server is needed.
/// <list type="bullet">
/// <item>Telling: after a change is committed here (<see cref="CatalogueCache.ChangedHere"/>, raised by
/// <see cref="ContentChangeWatcher"/> at the commit, never before, never for a rollback), one <c>pg_notify</c> on a pooled
/// connection says so, with this instance's id; changes that commit while one is being sent are told by the next.</item>
/// <item>Listening: one dedicated connection per instance with LISTEN. Another instance's news starts the caches afresh;
/// this instance's own echo is ignored (it already has). The connection is opened before the portal takes requests. When it
/// is lost (a database restart, a killed backend, a network outage) the portal keeps serving and tries again, after 0.2 s,
/// then less often (up to every 10 s), logging the outage once and its end once; once listening again it starts
/// afresh, since news may have been missed meanwhile.</item>
/// </list>
/// On SQLite (one instance by nature) nothing of this runs: the in-process invalidation is all there is.
/// </summary>
public sealed class InstanceSync : IHostedService, IAsyncDisposable
{
    /// <summary>The channel every instance listens on; the payload is the telling instance's id.</summary>
    public const string Channel = "ssc_portal_content_changed";

    private static readonly TimeSpan[] Retries = [TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];
    private static readonly TimeSpan FirstConnectLimit = TimeSpan.FromSeconds(5);

    private readonly CatalogueCache _cache;
    private readonly ILogger<InstanceSync> _log;
    private readonly NpgsqlDataSource _telling;
    private readonly string _listening;
    private readonly Channel<bool> _toTell = System.Threading.Channels.Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private NpgsqlConnection? _first;
    private Task _listener = Task.CompletedTask, _teller = Task.CompletedTask;
    private volatile bool _isListening;

    public InstanceSync(CatalogueCache cache, string connectionString, ILogger<InstanceSync> log)
    {
        _cache = cache;
        _log = log;
        _telling = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "SSC Portal cache news" }.ConnectionString);
        _listening = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // Dedicated, and named so that an operator (or a test) can find it in pg_stat_activity.
            Pooling = false,
            ApplicationName = "SSC Portal cache listener " + InstanceId,
            // A keepalive while waiting notices a connection that died silently (a network outage without a reset).
            KeepAlive = 15,
        }.ConnectionString;
    }

    /// <summary>This instance's id, sent with its news so that it can tell its own echo.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Whether the listening connection is up (for the health page and the tests).</summary>
    public bool IsListening => _isListening;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _cache.ChangedHere += Tell;
        // Listening before the first request is served: nothing kept can then have missed news. If the database is not there
        // yet, the portal starts anyway and the listener keeps trying (and starts afresh once it is in).
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(FirstConnectLimit);
            _first = await ListenAsync(limit.Token);
        }
        catch (Exception e)
        {
            _log.LogWarning("Cannot listen for other instances' changes yet ({Error}); trying again in the background", e.Message);
        }
        _listener = Task.Run(() => KeepListeningAsync(_stopping.Token), CancellationToken.None);
        _teller = Task.Run(() => KeepTellingAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _cache.ChangedHere -= Tell;
        _toTell.Writer.TryComplete();
        // The host may stop this service after its container disposed it (a start that was given up, seen in a test run
        // under load): stopping then has nothing left to cancel, and must not fail the host's own stop.
        if (Volatile.Read(ref _disposed) == 0)
        {
            try { await _stopping.CancelAsync(); }
            catch (ObjectDisposedException) { }
        }
        await Task.WhenAll(_listener, _teller).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        if (!_stopping.IsCancellationRequested) await _stopping.CancelAsync();
        if (_first is not null) await _first.DisposeAsync();
        await _telling.DisposeAsync();
        _stopping.Dispose();
    }

    private void Tell() => _toTell.Writer.TryWrite(true);

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_listening);
        try
        {
            connection.Notification += (_, news) =>
            {
                if (news.Payload != InstanceId) _cache.Invalidate();
            };
            await connection.OpenAsync(cancellationToken);
            await using var listen = new NpgsqlCommand($"LISTEN {Channel}", connection);
            await listen.ExecuteNonQueryAsync(cancellationToken);
            _isListening = true;
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task KeepListeningAsync(CancellationToken stopping)
    {
        var failures = 0;
        var connection = _first;
        _first = null;
        if (connection is null) failures = 1;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (connection is null)
                {
                    connection = await ListenAsync(stopping);
                    // Whatever changed while nobody listened was not heard: start afresh now that news is heard again.
                    _cache.Invalidate();
                    if (failures > 0) _log.LogInformation("Listening for other instances' changes again, after {Attempts} failed attempts", failures);
                    failures = 0;
                }
                await connection.WaitAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                _isListening = false;
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                    connection = null;
                }
                failures++;
                // One warning when news stops coming, then quiet until it comes again (however long the outage).
                if (failures == 1) _log.LogWarning("Lost the connection that hears other instances' changes ({Error}); trying again until it is back", e.Message);
                else _log.LogDebug("Still cannot listen for other instances' changes ({Error})", e.Message);
                try { await Task.Delay(Retries[Math.Min(failures, Retries.Length) - 1], stopping); }
                catch (OperationCanceledException) { break; }
            }
        }
        _isListening = false;
        if (connection is not null) await connection.DisposeAsync();
    }

    private async Task KeepTellingAsync(CancellationToken stopping)
    {
        try
        {
            while (await _toTell.Reader.WaitToReadAsync(stopping))
            {
                _toTell.Reader.TryRead(out _);
                await TellOthersAsync(stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: a change committed this very moment is caught by the other instances' cache lifetimes.
        }
    }

    /// <summary>Sends the news, trying again briefly if the database is away; the other instances' lifetimes are the last resort.</summary>
    private async Task TellOthersAsync(CancellationToken stopping)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var command = _telling.CreateCommand("SELECT pg_notify($1, $2)");
                command.Parameters.Add(new NpgsqlParameter { Value = Channel });
                command.Parameters.Add(new NpgsqlParameter { Value = InstanceId });
                await command.ExecuteNonQueryAsync(stopping);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < Retries.Length)
            {
                await Task.Delay(Retries[attempt - 1], stopping);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _log.LogWarning("Could not tell the other instances of a change ({Error}); they catch up when their kept pages expire", e.Message);
                return;
            }
        }
    }
}

public static class InstanceSyncSetup
{
    /// <summary>
    /// Program.cs: <c>builder.Services.AddPortalInstanceSync(builder.Configuration);</c> (after AddPortalDatabase). On
    /// PostgreSQL, every instance on the database hears of the others' content changes (<see cref="InstanceSync"/>); on SQLite
    /// nothing is added.
    /// </summary>
    public static IServiceCollection AddPortalInstanceSync(this IServiceCollection services, IConfiguration configuration)
    {
        if (DatabaseSetup.ProviderFrom(configuration) != DatabaseProvider.Postgres) return services;
        // The primary: a read replica can neither send nor hear notifications.
        var connectionString = configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Postgres is empty.");
        services.AddSingleton(sp => new InstanceSync(sp.GetRequiredService<CatalogueCache>(), connectionString, sp.GetRequiredService<ILogger<InstanceSync>>()));
        services.AddHostedService(sp => sp.GetRequiredService<InstanceSync>());
        return services;
    }
}
