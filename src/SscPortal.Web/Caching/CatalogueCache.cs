using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Caching.Memory;
using SscPortal.Web.Data;
using SscPortal.Web.Diagnostics;

namespace SscPortal.Web.Caching;

/// <summary>
/// Holds what public pages compute over the whole catalogue (facet counts, figures, the map, pages of the list) per
/// question and language. Only published data goes in, never anything about the reader. Any saved change to the content
/// starts afresh on every instance: on this one at once (<see cref="ContentChangeWatcher"/>), on the others within a
/// second over PostgreSQL's LISTEN/NOTIFY (<see cref="InstanceSync"/>).
/// <para>
/// When many readers ask the same question at once, it is computed once. A computation is shared by everyone waiting for it,
/// so it never runs on one reader's cancellation token nor on one reader's database context: it has a scope of its own
/// (and reads the current language, carried over), and a reader who gives up stops waiting on their own token
/// while the others get the answer. When an answer has grown older than <see cref="Lifetime"/>, it is recomputed in the
/// background while every reader is given the older answer (for up to <see cref="StaleLimit"/>), so that a count over a
/// million rows makes nobody wait. A computation that fails is not kept: the next reader tries again.
/// </para>
/// <para>
/// After a content change no older answer is served, not even a count while its new value is computed: the change's
/// readers wait for the one computation. A page rendered from an older count and a newer list would disagree with itself,
/// and the anonymous page cache would keep it under the new generation for a minute.
/// </para>
/// </summary>
public sealed class CatalogueCache(IMemoryCache cache, TimeProvider clock, IServiceScopeFactory scopes,
    IHttpContextAccessor? http = null, ILogger<CatalogueCache>? log = null) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan StaleLimit = TimeSpan.FromMinutes(10);

    private long _generation;
    private readonly ConcurrentDictionary<string, Lazy<Task<Computed>>> _computing = new();
    private readonly CancellationTokenSource _stopping = new();

    private sealed record Entry(object Value, DateTimeOffset FreshUntil);

    /// <summary>An answer and the SQL statements it took (counted for the requests that waited for it).</summary>
    private sealed record Computed(object Value, int Statements);

    /// <summary>Raised after a change saved on this instance has started the caches afresh (<see cref="ContentChanged"/>).</summary>
    public event Action? ChangedHere;

    private long _changedAt = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>Starts afresh: what was kept under an older generation is not used again.</summary>
    public void Invalidate()
    {
        Interlocked.Exchange(ref _changedAt, clock.GetUtcNow().UtcTicks);
        Interlocked.Increment(ref _generation);
    }

    /// <summary>
    /// The content changed (here or, as far as this instance has heard, on another) less than <paramref name="window"/> ago:
    /// a shared computation then reads the primary, since a replica may not have replayed the change yet
    /// (<see cref="ReadOnlyDb"/>), and what it computes is kept for everyone.
    /// </summary>
    public bool ChangedWithin(TimeSpan window) => clock.GetUtcNow().UtcTicks - Interlocked.Read(ref _changedAt) < window.Ticks;

    /// <summary>A change to what public pages show was committed on this instance (by <see cref="ContentChangeWatcher"/>): start afresh and tell the other instances.</summary>
    public void ContentChanged()
    {
        Invalidate();
        ChangedHere?.Invoke();
    }

    private long _lastActive = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>
    /// How long no reader's question has been computed here (none under way, none started or ended since): the background's
    /// exact counts wait for such a moment (<see cref="Search.ExactCounts"/>), so that they never take the database from readers.
    /// </summary>
    public TimeSpan QuietFor => !_computing.IsEmpty ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Max(0, clock.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastActive)));

    private void Active() => Interlocked.Exchange(ref _lastActive, clock.GetUtcNow().UtcTicks);

    /// <summary>Changes whenever <see cref="Invalidate"/> is called: what was kept under an older generation is not used again.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>
    /// The kept answer to <paramref name="key"/>, or the one computed by <paramref name="compute"/> on a scope (and database
    /// context) of its own, shared by all who ask meanwhile. An answer older than <see cref="Lifetime"/> is returned at once
    /// while it is recomputed in the background. <paramref name="cancellation"/> only stops this caller's wait.
    /// </summary>
    public async Task<T> GetAsync<T>(string key, Func<IServiceProvider, CancellationToken, Task<T>> compute, CancellationToken cancellation = default) where T : notnull
    {
        var full = FullKey(key);
        var kept = Kept(full);
        if (kept is not null && kept.FreshUntil > clock.GetUtcNow()) return (T)kept.Value;

        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        var computing = Shared(full, () => RunApart(async () =>
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            await using var scope = scopes.CreateAsyncScope();
            return (object)await compute(scope.ServiceProvider, _stopping.Token);
        }, full));
        if (kept is not null)
        {
            // Recomputed in the background; a failure there is logged and the older answer stays until the next try.
            _ = computing.ContinueWith(t => log?.LogWarning(t.Exception, "Recomputing the kept answer {Key} failed; the older answer is served meanwhile", key),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return (T)kept.Value;
        }
        var computed = await computing.WaitAsync(cancellation);
        Count(computed.Statements);
        return (T)computed.Value;
    }

    /// <summary>As <see cref="GetAsync{T}(string, Func{IServiceProvider, CancellationToken, Task{T}}, CancellationToken)"/>, with the read-only database context of the computation's own scope (<see cref="ReadOnlyDb"/>).</summary>
    public Task<T> QueryAsync<T>(string key, Func<AppDbContext, CancellationToken, Task<T>> query, CancellationToken cancellation = default) where T : notnull =>
        GetAsync(key, (services, token) => query(ReadOnlyDb.From(services), token), cancellation);

    /// <summary>An answer kept under <paramref name="key"/> for the current content, if any (fresh or not).</summary>
    public bool TryGet<T>(string key, out T value) where T : notnull
    {
        if (cache.TryGetValue($"{Generation}|{key}", out Entry? entry) && entry is { Value: T kept })
        {
            value = kept;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>Keeps an answer computed elsewhere (in the background) for the content generation it was computed from.</summary>
    public void Set<T>(string key, T value, long generation) where T : notnull
    {
        if (generation != Generation) return; // the content changed meanwhile: the answer may already be stale
        cache.Set($"{generation}|{key}", new Entry(value, clock.GetUtcNow() + Lifetime), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = StaleLimit, Size = 1 });
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private string FullKey(string key) => $"{Generation}|{key}";

    private Entry? Kept(string full) => cache.TryGetValue(full, out Entry? entry) ? entry : null;

    /// <summary>The one computation of <paramref name="full"/> under way, started by <paramref name="start"/> if there is none; it leaves the table when done.</summary>
    private Task<Computed> Shared(string full, Func<Task<Computed>> start)
    {
        Lazy<Task<Computed>>? mine = null;
        mine = new Lazy<Task<Computed>>(async () =>
        {
            try
            {
                // A computation of this key that ended after the caller looked has kept its fresh answer already (Store keeps
                // it before it leaves the table): it is not run again, and the caller's older answer is not stored over it.
                if (Kept(full) is { } landed && landed.FreshUntil > clock.GetUtcNow()) return new Computed(landed.Value, 0);
                return await start();
            }
            finally
            {
                Active();
                _computing.TryRemove(new KeyValuePair<string, Lazy<Task<Computed>>>(full, mine!));
            }
        });
        Active();
        return _computing.GetOrAdd(full, mine).Value;
    }

    /// <summary>
    /// Runs a shared computation apart from the request that happened to start it: without its HttpContext (so nothing in
    /// it can depend on the reader, and the request's items are never touched from another thread), with its statements
    /// counted apart, and stored once computed.
    /// </summary>
    private Task<Computed> RunApart(Func<Task<object>> compute, string full)
    {
        using (ExecutionContext.SuppressFlow())
            return Task.Run(() => Store(full, compute));
    }

    private async Task<Computed> Store(string full, Func<Task<object>> compute)
    {
        var keep = new System.Runtime.CompilerServices.StrongBox<bool>(true);
        Keeping.Value = keep;
        var (value, statements) = await SqlStatementCounter.CountApartAsync(compute);
        if (keep.Value)
            cache.Set(full, new Entry(value, clock.GetUtcNow() + Lifetime), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = StaleLimit, Size = 1 });
        return new Computed(value, statements);
    }

    // Whether the shared computation under way (on this async flow) may be kept (DoNotKeep).
    private static readonly AsyncLocal<System.Runtime.CompilerServices.StrongBox<bool>?> Keeping = new();

    /// <summary>
    /// Says, from inside a shared computation, that its answer holds for the readers waiting for it but is not to be kept
    /// for later ones: an answer given for now (titles close to mistyped words not looked for within their budget, "nothing
    /// matches for now"), which the next reader asks again. Outside a shared computation it does nothing.
    /// </summary>
    public static void DoNotKeep()
    {
        if (Keeping.Value is { } keep) keep.Value = false;
    }

    /// <summary>A request that waited for a computation is charged its statements, so the statement header still tells what a page cost.</summary>
    private void Count(int statements)
    {
        if (statements > 0 && http?.HttpContext is { } context) SqlStatementCounter.Add(context, statements);
    }
}
