using SscPortal.Web.Caching;
using Microsoft.Extensions.Caching.Memory;

namespace SscPortal.Web.Tests;

/// <summary>How long the catalogue's counts are kept, and who waits when they are recomputed.</summary>
public sealed class CatalogueCacheTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly Clock _clock = new();
    private readonly CatalogueCache _cache;

    public CatalogueCacheTests() => _cache = new CatalogueCache(new MemoryCache(new MemoryCacheOptions { SizeLimit = 100 }), _clock);

    [Fact]
    public async Task An_answer_is_computed_once_and_kept()
    {
        var computed = 0;
        Task<int> Count() => Task.FromResult(++computed);

        Assert.Equal(1, await _cache.GetAsync("q", Count));
        Assert.Equal(1, await _cache.GetAsync("q", Count));
        Assert.Equal(1, computed);
    }

    [Fact]
    public async Task When_an_answer_grows_old_one_reader_recomputes_while_the_others_get_the_older_answer()
    {
        await _cache.GetAsync("q", () => Task.FromResult(1));
        _clock.Now += CatalogueCache.Lifetime + TimeSpan.FromSeconds(1);
        var slow = new TaskCompletionSource<int>();

        var recomputing = _cache.GetAsync("q", () => slow.Task);
        var meanwhile = await _cache.GetAsync("q", () => Task.FromResult(99));
        slow.SetResult(2);

        Assert.Equal(1, meanwhile);
        Assert.Equal(2, await recomputing);
        Assert.Equal(2, await _cache.GetAsync("q", () => Task.FromResult(99)));
    }

    [Fact]
    public async Task Readers_asking_a_new_question_at_once_share_one_computation()
    {
        var slow = new TaskCompletionSource<int>();
        var computed = 0;
        Task<int> Count() { computed++; return slow.Task; }

        var first = _cache.GetAsync("new", Count);
        var second = _cache.GetAsync("new", Count);
        slow.SetResult(7);

        var answers = await Task.WhenAll(first, second);
        Assert.Equal([7, 7], answers);
        Assert.Equal(1, computed);
    }

    [Fact]
    public async Task A_saved_change_is_never_answered_with_an_older_answer()
    {
        await _cache.GetAsync("q", () => Task.FromResult(1));

        _cache.Invalidate();

        Assert.Equal(2, await _cache.GetAsync("q", () => Task.FromResult(2)));
    }
}
