using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace SscPortal.Web.Caching;

/// <summary>
/// Holds what public pages compute over the whole catalogue (facet counts, figures, the map, pages of the list) per
/// question and language. Only published data goes in, never anything about the reader. Any saved change to the content
/// starts afresh on this instance; another instance catches up within <see cref="Lifetime"/>.
/// When many readers ask the same question at once, it is computed once. When an answer has grown older than
/// <see cref="Lifetime"/>, the first reader to ask recomputes it while the others are still given the older answer (for up
/// to <see cref="StaleLimit"/>), so that a count over a million rows makes one reader wait, not everyone.
/// </summary>
public sealed class CatalogueCache(IMemoryCache cache, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan StaleLimit = TimeSpan.FromMinutes(10);

    private long _generation;
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _computing = new();

    private sealed record Entry(object Value, DateTimeOffset FreshUntil);

    /// <summary>Called when what the public pages show has changed (by <see cref="ContentChangeWatcher"/>, after every such save).</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    /// <summary>Changes whenever <see cref="Invalidate"/> is called: what was kept under an older generation is not used again.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public async Task<T> GetAsync<T>(string key, Func<Task<T>> compute) where T : notnull
    {
        var full = $"{Generation}|{key}";
        var kept = cache.TryGetValue(full, out Entry? entry) ? entry : null;
        if (kept is not null && kept.FreshUntil > clock.GetUtcNow()) return (T)kept.Value;

        var mine = new Lazy<Task<object>>(async () =>
        {
            var value = await compute();
            cache.Set(full, new Entry(value, clock.GetUtcNow() + Lifetime), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = StaleLimit, Size = 1 });
            return value;
        });
        var computing = _computing.GetOrAdd(full, mine);
        // Someone else is already recomputing an answer we still have: give the older one rather than wait.
        if (kept is not null && !ReferenceEquals(computing, mine)) return (T)kept.Value;
        try
        {
            return (T)await computing.Value;
        }
        finally
        {
            if (ReferenceEquals(computing, mine)) _computing.TryRemove(full, out _);
        }
    }

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
}
