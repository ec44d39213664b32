using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SscPortal.Web.Authorization;
using SscPortal.Web.Caching;
using SscPortal.Web.Data;

namespace SscPortal.Web.Notifications;

/// <summary>
/// The bell's number: how many of the signed-in person's notifications are unread. One indexed count, kept for the person
/// (<see cref="UnreadCounts"/>) so that every page does not ask again.
/// </summary>
public sealed class UnreadCount(AppDbContext db, Access access, UnreadCounts kept, CatalogueCache content)
{
    public async Task<int> OfCurrentAsync()
    {
        if (access.UserId is not { } me) return 0;
        if (kept.TryGet(me, out var count)) return count;
        var (generation, forgets) = (content.Generation, kept.Forgets);
        count = await db.Notifications.AsNoTracking().CountAsync(n => n.UserId == me && n.ReadAt == null);
        kept.Keep(me, generation, forgets, count);
        return count;
    }
}

/// <summary>
/// The bell's numbers, kept per person for at most <see cref="Longest"/>. A new notification is saved with the change that
/// causes it, which starts the content afresh on every instance (<see cref="CatalogueCache.Generation"/>): the count is then
/// asked again at once, here and, within a second, on the other instances. Marking notifications read (on this instance)
/// forgets that person's count at once; on another instance it may show the older number until <see cref="Longest"/> has passed.
/// </summary>
public sealed class UnreadCounts(CatalogueCache content, TimeProvider clock)
{
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(15);

    /// <summary>At most this many people's counts are kept; past it, all are forgotten (and asked again).</summary>
    private const int MostKept = 20_000;

    private readonly ConcurrentDictionary<string, (long Generation, DateTimeOffset Until, int Count)> _kept = new(StringComparer.Ordinal);

    public bool TryGet(string userId, out int count)
    {
        count = 0;
        if (!_kept.TryGetValue(userId, out var entry) || entry.Generation != content.Generation || entry.Until <= clock.GetUtcNow()) return false;
        count = entry.Count;
        return true;
    }

    private long _forgets;

    /// <summary>How many times a count was forgotten: a count read while one was (notifications being marked read) is not kept.</summary>
    public long Forgets => Interlocked.Read(ref _forgets);

    /// <summary>
    /// Keeps a count read while the content was at <paramref name="generation"/> and <see cref="Forgets"/> at
    /// <paramref name="forgets"/>: not kept if either moved meanwhile, since the count may then be from before the change.
    /// </summary>
    public void Keep(string userId, long generation, long forgets, int count)
    {
        if (generation != content.Generation || forgets != Forgets) return;
        if (_kept.Count >= MostKept) _kept.Clear();
        _kept[userId] = (generation, clock.GetUtcNow() + Longest, count);
    }

    /// <summary>The person marked notifications read: their count is asked again at the next page.</summary>
    public void Forget(string userId)
    {
        Interlocked.Increment(ref _forgets);
        _kept.TryRemove(userId, out _);
    }
}
