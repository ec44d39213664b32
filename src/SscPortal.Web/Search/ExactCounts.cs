using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using SscPortal.Web.Caching;
using SscPortal.Web.Data;

namespace SscPortal.Web.Search;

/// <summary>
/// Computes exactly, in the background, what a page could only estimate over a very large result (the catalogue's facet
/// counts, the figures of <c>/stats</c>): one question at a time, on a scope of its own (never a reader's request or its
/// cancellation), with a statement limit of <see cref="StatementLimit"/> instead of a request's few seconds, in the
/// language of the reader who asked, on the primary (a statement of minutes on a standby may be cancelled by replay). The
/// answer is kept in the <see cref="CatalogueCache"/> for the next reader of the same question. Questions beyond a short
/// queue are dropped (the page keeps its estimate), so a burst of new broad questions cannot pile work onto the database.
/// Each waits until no reader's question has been computed on this instance for <see cref="QuietFor"/> (at most
/// <see cref="WaitAtMost"/>): a count of seconds over a million initiatives then rarely runs beside readers' questions
/// (measured: beside them, it slowed every new search).
/// </summary>
public sealed class ExactCounts(IServiceScopeFactory scopes, CatalogueCache cache, TimeProvider clock, ILogger<ExactCounts> logger) : BackgroundService
{
    /// <summary>How long the readers' questions must have left the database alone before a background count starts.</summary>
    public static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(1);

    /// <summary>The longest a count waits for a quiet moment: a portal never quiet still gets its exact counts.</summary>
    public static readonly TimeSpan WaitAtMost = TimeSpan.FromSeconds(30);

    /// <summary>How often a waiting count looks again whether the readers have left the database alone.</summary>
    private static readonly TimeSpan LookAgain = TimeSpan.FromMilliseconds(200);

    /// <summary>How long one background statement may run (a count over a million initiatives takes seconds, not minutes).</summary>
    public static readonly TimeSpan StatementLimit = TimeSpan.FromMinutes(2);

    private readonly Channel<Work> _queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(8) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>The questions queued or being computed: a popular question asked again meanwhile takes no second place in the queue.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _pending = new();

    private sealed record Work(string Key, CultureInfo Culture, long Generation, Func<AppDbContext, CancellationToken, Task<object>> Compute);

    /// <summary>The exact answer to <paramref name="key"/>, if it has been computed for the current content.</summary>
    public bool TryGet<T>(string key, out T value) where T : notnull => cache.TryGet(Kept(key), out value);

    /// <summary>Asks for the exact answer to <paramref name="key"/>, computed by <paramref name="compute"/> on the primary's context of a scope of its own (returns at once); nothing if it is already asked for.</summary>
    public void Request<T>(string key, Func<AppDbContext, CancellationToken, Task<T>> compute) where T : notnull
    {
        var kept = Kept(key);
        if (!_pending.TryAdd(kept, true)) return;
        if (!_queue.Writer.TryWrite(new Work(kept, CultureInfo.CurrentUICulture, cache.Generation, async (db, token) => await compute(db, token))))
            _pending.TryRemove(kept, out _);
    }

    private static string Kept(string key) => "exact|" + key;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                // Waits for a quiet moment, but not for ever: under a steady stream of questions it runs after WaitAtMost.
                var waitUntil = clock.GetUtcNow() + WaitAtMost;
                while (cache.QuietFor < QuietFor && work.Generation == cache.Generation && clock.GetUtcNow() < waitUntil)
                    await Task.Delay(LookAgain, clock, stoppingToken);
                if (work.Generation != cache.Generation || cache.TryGet<object>(work.Key, out _)) continue;
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (work.Culture, work.Culture);
                await using var scope = scopes.CreateAsyncScope();
                // The primary: a statement of minutes on a streaming standby may be cancelled by replay, or hold replay back.
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                await using (await DatabaseSetup.WithStatementTimeoutAsync(db, StatementLimit, stoppingToken))
                {
                    // One process, not a parallel plan: the background leaves the other cores to the readers.
                    if (db.Database.IsNpgsql())
                        await db.Database.ExecuteSqlAsync($"SELECT set_config('max_parallel_workers_per_gather', '0', false)", stoppingToken);
                    cache.Set(work.Key, await work.Compute(db, stoppingToken), work.Generation);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "The exact answer to {Question} could not be computed; readers keep the estimate", work.Key);
            }
            finally
            {
                _pending.TryRemove(work.Key, out _);
            }
        }
    }
}

public static class SearchSetup
{
    /// <summary>Program.cs: <c>builder.Services.AddPortalSearch();</c></summary>
    public static IServiceCollection AddPortalSearch(this IServiceCollection services)
    {
        services.AddSingleton<ExactCounts>();
        services.AddHostedService(provider => provider.GetRequiredService<ExactCounts>());
        services.AddHostedService<FacetKeyCountCompaction>();
        return services;
    }
}
