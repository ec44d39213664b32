using SscPortal.Web.Caching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace SscPortal.Web.Tests;

/// <summary>How long the catalogue's counts are kept, and who waits when they are recomputed.</summary>
public sealed class CatalogueCacheTests : IDisposable
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly Clock _clock = new();
    private readonly CatalogueCache _cache;

    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();

    public CatalogueCacheTests() => _cache = new CatalogueCache(new MemoryCache(new MemoryCacheOptions { SizeLimit = 100 }), _clock, _services.GetRequiredService<IServiceScopeFactory>());

    public void Dispose()
    {
        _cache.Dispose();
        _services.Dispose();
    }

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>Asks until the answer is <paramref name="expected"/> (a background recomputation has landed), within <see cref="Deadline"/>.</summary>
    private async Task<int> EventuallyAsync(string key, int expected)
    {
        var until = DateTime.UtcNow + Deadline;
        int answer;
        while ((answer = await _cache.GetAsync(key, (_, _) => Task.FromResult(-1))) != expected && DateTime.UtcNow < until) await Task.Yield();
        return answer;
    }

    [Fact]
    public async Task Readers_asking_at_once_share_one_computation_on_a_scope_of_its_own()
    {
        var slow = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var computed = 0;
        IServiceProvider? used = null;
        Task<int> Count(IServiceProvider services, CancellationToken _) { Interlocked.Increment(ref computed); used = services; return slow.Task; }

        var readers = Enumerable.Range(0, 8).Select(_ => _cache.GetAsync("shared", Count, TestContext.Current.CancellationToken)).ToList();
        slow.SetResult(7);

        Assert.All(await Task.WhenAll(readers), answer => Assert.Equal(7, answer));
        Assert.Equal(1, computed);
        Assert.NotSame(_services, used);
    }

    /// <summary>
    /// An answer given for now only (close titles not looked for within their budget: "nothing matches for now") reaches the
    /// readers waiting for it and is not kept: the next reader's question is computed again, and its answer kept.
    /// </summary>
    [Fact]
    public async Task An_answer_for_now_only_reaches_its_readers_and_is_not_kept()
    {
        var slow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var computed = 0;
        async Task<int> ForNow(IServiceProvider _, CancellationToken __)
        {
            Interlocked.Increment(ref computed);
            await slow.Task;
            CatalogueCache.DoNotKeep();
            return 0;
        }
        var readers = Enumerable.Range(0, 3).Select(_ => _cache.GetAsync("for-now", ForNow, TestContext.Current.CancellationToken)).ToList();
        slow.SetResult();
        Assert.All(await Task.WhenAll(readers), answer => Assert.Equal(0, answer));
        Assert.Equal(1, computed);
        Assert.False(_cache.TryGet<int>("for-now", out _));

        Assert.Equal(5, await _cache.GetAsync("for-now", (_, _) => { Interlocked.Increment(ref computed); return Task.FromResult(5); }, TestContext.Current.CancellationToken));
        Assert.Equal(2, computed);
        Assert.True(_cache.TryGet<int>("for-now", out var kept));
        Assert.Equal(5, kept);
        // Outside a shared computation it does nothing.
        CatalogueCache.DoNotKeep();
        Assert.Equal(5, await _cache.GetAsync("for-now", (_, _) => Task.FromResult(-1), TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// The background's exact counts start only once no reader's question has been computed for a while
    /// (Search/ExactCounts.cs): not while one is under way, not right after one, but once the readers have left it alone.
    /// </summary>
    [Fact]
    public async Task The_cache_says_how_long_no_readers_question_has_been_computed()
    {
        Assert.True(_cache.QuietFor >= Search.ExactCounts.QuietFor);
        var slow = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = _cache.GetAsync("quiet", (_, _) => slow.Task, TestContext.Current.CancellationToken);
        Assert.Equal(TimeSpan.Zero, _cache.QuietFor);
        _clock.Now += TimeSpan.FromMinutes(1);
        Assert.Equal(TimeSpan.Zero, _cache.QuietFor);

        slow.SetResult(3);
        Assert.Equal(3, await reader);
        Assert.True(_cache.QuietFor < Search.ExactCounts.QuietFor);
        _clock.Now += Search.ExactCounts.QuietFor;
        Assert.True(_cache.QuietFor >= Search.ExactCounts.QuietFor);
    }

    [Fact]
    public async Task A_reader_who_gives_up_stops_only_their_own_wait()
    {
        var slow = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tokenOfTheComputation = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> Count(IServiceProvider _, CancellationToken token) { tokenOfTheComputation.TrySetResult(token); return slow.Task; }
        using var leaving = new CancellationTokenSource();

        var first = _cache.GetAsync("given-up", Count, leaving.Token);
        var second = _cache.GetAsync("given-up", Count, TestContext.Current.CancellationToken);
        await leaving.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.False((await tokenOfTheComputation.Task).IsCancellationRequested);
        slow.SetResult(3);
        Assert.Equal(3, await second);
    }

    [Fact]
    public async Task An_old_answer_is_served_at_once_while_it_is_recomputed_in_the_background()
    {
        await _cache.GetAsync("old", (_, _) => Task.FromResult(1));
        _clock.Now += CatalogueCache.Lifetime + TimeSpan.FromSeconds(1);
        var slow = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var computed = 0;

        // Nobody waits for the recomputation, not even the reader who started it.
        Assert.Equal(1, await _cache.GetAsync("old", (_, _) => { Interlocked.Increment(ref computed); return slow.Task; }));
        Assert.Equal(1, await _cache.GetAsync("old", (_, _) => { Interlocked.Increment(ref computed); return slow.Task; }));
        slow.SetResult(2);

        Assert.Equal(2, await EventuallyAsync("old", 2));
        Assert.Equal(1, computed);
    }

    [Fact]
    public async Task A_failed_computation_is_not_kept()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _cache.GetAsync<int>("fails", (_, _) => throw new InvalidOperationException("the database said no")));

        Assert.Equal(5, await _cache.GetAsync("fails", (_, _) => Task.FromResult(5)));
    }

    [Fact]
    public async Task A_failed_recomputation_leaves_the_old_answer_and_is_tried_again()
    {
        await _cache.GetAsync("flaky", (_, _) => Task.FromResult(1));
        _clock.Now += CatalogueCache.Lifetime + TimeSpan.FromSeconds(1);
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Assert.Equal(1, await _cache.GetAsync<int>("flaky", async (_, _) => { await Task.Yield(); failed.SetResult(); throw new InvalidOperationException("the database said no"); }));
        await failed.Task;

        Assert.Equal(2, await EventuallyAsync2());

        async Task<int> EventuallyAsync2()
        {
            var until = DateTime.UtcNow + Deadline;
            int answer;
            while ((answer = await _cache.GetAsync("flaky", (_, _) => Task.FromResult(2))) != 2 && DateTime.UtcNow < until) await Task.Yield();
            return answer;
        }
    }

    [Fact]
    public async Task An_answer_is_computed_once_and_kept()
    {
        var computed = 0;
        Task<int> Count(IServiceProvider _, CancellationToken __) => Task.FromResult(Interlocked.Increment(ref computed));

        Assert.Equal(1, await _cache.GetAsync("q", Count));
        Assert.Equal(1, await _cache.GetAsync("q", Count));
        Assert.Equal(1, computed);
    }

    [Fact]
    public async Task The_content_changing_is_remembered_for_the_read_your_writes_window()
    {
        Assert.False(_cache.ChangedWithin(TimeSpan.FromSeconds(10)));
        _cache.Invalidate();
        Assert.True(_cache.ChangedWithin(TimeSpan.FromSeconds(10)));
        _clock.Now += TimeSpan.FromSeconds(11);
        Assert.False(_cache.ChangedWithin(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_saved_change_is_never_answered_with_an_older_answer()
    {
        await _cache.GetAsync("q", (_, _) => Task.FromResult(1));

        _cache.Invalidate();

        Assert.Equal(2, await _cache.GetAsync("q", (_, _) => Task.FromResult(2)));
    }
}
