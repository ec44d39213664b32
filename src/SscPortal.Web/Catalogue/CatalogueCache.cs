using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace SscPortal.Web.Catalogue;

/// <summary>
/// Holds what public pages compute over the whole catalogue (facet counts, figures, the map) for a short while, per
/// question and language. Only published data goes in, never anything about the reader. Any saved change to the
/// content starts afresh on this instance; another instance catches up within <see cref="Lifetime"/>.
/// When many readers ask the same question at once, it is computed once and they all wait for that answer.
/// </summary>
public sealed class CatalogueCache(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private long _generation;
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _computing = new();

    /// <summary>Called when what the public pages show has changed (by <see cref="ContentChangeWatcher"/>, after every such save).</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    /// <summary>Changes whenever <see cref="Invalidate"/> is called: what was kept under an older generation is not used again.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public async Task<T> GetAsync<T>(string key, Func<Task<T>> compute) where T : notnull
    {
        var full = $"{Generation}|{key}";
        if (cache.TryGetValue(full, out T? found) && found is not null) return found;
        var computing = _computing.GetOrAdd(full, _ => new Lazy<Task<object>>(async () =>
        {
            var value = await compute();
            cache.Set(full, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
            return value;
        }));
        try
        {
            return (T)await computing.Value;
        }
        finally
        {
            _computing.TryRemove(full, out _);
        }
    }
}
