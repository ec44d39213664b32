using Microsoft.Extensions.Caching.Memory;

namespace SscPortal.Web.Caching;

/// <summary>
/// What a published record's page shows to everyone (the record, its parts, its published assessments; the events section of
/// an initiative's, an organisation's or a country's page), kept per record and
/// language so that the page is not read again for every reader, signed in or not. What belongs to the reader (their rights,
/// their drafts, where sensitive locations are shown precisely, the bell) is never in it: the page adds that per request.
/// <para>
/// It starts afresh with the catalogue's caches (<see cref="CatalogueCache.Generation"/>): any saved change to the content,
/// on this instance at once after the commit, on the others within a second. A value read while a change was being committed
/// is not kept. Bounded by <c>Caching:RecordPages</c> records (2,000 by default; 0 keeps nothing), in a cache of its own so
/// that a crawler walking every record cannot push out the catalogue's counts; a value is kept for a minute at most (<see cref="Longest"/>).
/// </para>
/// </summary>
public sealed class RecordPageCache(CatalogueCache catalogue, IConfiguration configuration)
    : KeptUntilChange(catalogue, configuration.GetValue("Caching:RecordPages", 2_000));

/// <summary>
/// What every page asks about a signed-in reader (their active memberships, what they follow), kept per reader until the
/// content changes (<see cref="CatalogueCache.Generation"/>: a membership approved or removed, a follow added or removed, on
/// this instance at once after the commit, on the others within a second) and <see cref="ReaderLongest"/> at most. Only pages
/// read (GET and HEAD) use it: a form sent, whatever it changes, is decided on what the database holds at that moment
/// (<see cref="Authorization.Access"/>). Bounded by <c>Caching:Readers</c> entries (10,000 by default, a reader taking one
/// for their memberships and one or more for what they follow; 0 keeps nothing).
/// </summary>
public sealed class ReaderCache(CatalogueCache catalogue, IConfiguration configuration)
    : KeptUntilChange(catalogue, configuration.GetValue("Caching:Readers", 10_000), ReaderLongest)
{
    /// <summary>
    /// The longest what is kept about a reader lasts: should the news of a membership removed on another instance be lost,
    /// the former member's pages (never their forms) show what the membership let them read for this long at most.
    /// </summary>
    public static readonly TimeSpan ReaderLongest = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether the request only reads (GET or HEAD), outside any transaction of <paramref name="db"/> (whose uncommitted rows
    /// must never be kept), and may therefore be answered from what is kept (about its reader, or a record's files).
    /// </summary>
    public static bool MayUse(HttpContext? context, Data.AppDbContext db) =>
        context is not null && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && db.Database.CurrentTransaction is null;
}

/// <summary>
/// Values kept until the content changes (<see cref="CatalogueCache.Generation"/>), in a memory cache of their own bounded by
/// <c>limit</c> entries (0 keeps nothing), each for a minute at most (<see cref="Longest"/>). A value read while a change was
/// being committed is not kept.
/// </summary>
public abstract class KeptUntilChange : IDisposable
{
    private readonly CatalogueCache _catalogue;
    private readonly MemoryCache? _kept;
    private readonly TimeSpan _longest;
    private long _seen;

    protected KeptUntilChange(CatalogueCache catalogue, int limit, TimeSpan? longest = null)
    {
        _catalogue = catalogue;
        _longest = longest is { } shorter && shorter < Longest ? shorter : Longest;
        if (limit > 0) _kept = new MemoryCache(new MemoryCacheOptions { SizeLimit = limit });
        _seen = catalogue.Generation;
    }

    /// <summary>
    /// The longest a value is kept, even while the content does not change as far as this instance has heard: should the news
    /// of a change from another instance be lost (that instance stopping as it committed, a broken connection), its readers
    /// see the change after this long at most, as with the anonymous page cache.
    /// </summary>
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The kept value of <paramref name="key"/> (say which kind of record and which language), or the one <paramref name="read"/>
    /// gives, kept when <paramref name="keep"/> says it is public (a draft is never kept), for at most <paramref name="longest"/>
    /// when what it holds also changes with time (an event becoming past).
    /// </summary>
    public async Task<T?> GetAsync<T>(string key, Func<Task<T?>> read, Func<T, bool> keep, TimeSpan? longest = null, Func<T, int>? size = null) where T : class
    {
        if (_kept is null) return await read();
        var generation = _catalogue.Generation;
        var seen = Interlocked.Read(ref _seen);
        // The content changed since this cache last looked: what it holds is of no use any more.
        if (seen != generation && Interlocked.CompareExchange(ref _seen, generation, seen) == seen) _kept.Clear();
        var full = $"{generation}|{key}";
        if (_kept.TryGetValue(full, out T? kept) && kept is not null) return kept;
        var value = await read();
        if (value is not null && keep(value) && _catalogue.Generation == generation)
            _kept.Set(full, value, new MemoryCacheEntryOptions
            {
                Size = Math.Max(1, size?.Invoke(value) ?? 1),
                AbsoluteExpirationRelativeToNow = longest is { } shorter && shorter < _longest ? shorter : _longest,
            });
        return value;
    }

    /// <summary>Drops what is kept under <paramref name="key"/> on this instance (a change only its reader's pages show).</summary>
    public void Forget(string key) => _kept?.Remove($"{_catalogue.Generation}|{key}");

    public void Dispose()
    {
        _kept?.Dispose();
        GC.SuppressFinalize(this);
    }
}
