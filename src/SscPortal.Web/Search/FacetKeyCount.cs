using Microsoft.EntityFrameworkCore;
using SscPortal.Web.Data;

namespace SscPortal.Web.Search;

/// <summary>
/// How many published initiatives hold a facet key, across the whole catalogue (PostgreSQL): what the unfiltered catalogue
/// shows, and a page with one facet chosen and no words shows for that facet's values. Kept in step by triggers on the
/// initiatives (written in migration <c>FacetKeyCounts</c>), in the same transaction as the change, as rows to be added up:
/// each statement that inserts, updates or deletes initiatives adds one row per key whose count it changes (+n or −n), so
/// concurrent saves never wait for each other on a shared counter. <see cref="FacetKeyCountCompaction"/> adds each key's
/// rows into one from time to time.
/// </summary>
/// <remarks>
/// Counting the same over a million initiatives reads the whole table (6–7 s on a small server), which the background's
/// exact counts did again after every change of the content; the sum of these rows is read in milliseconds, exactly.
/// </remarks>
public sealed class FacetKeyCount
{
    public const string Table = "FacetKeyCounts";

    public long Id { get; set; }
    public string Key { get; set; } = "";
    /// <summary>A change of the key's count (positive or negative); a key's count is the sum of its rows.</summary>
    public int Count { get; set; }

    /// <summary>
    /// Counts every key afresh from the initiatives (a whole read of them: seconds at a million), with the initiatives locked
    /// against writes meanwhile (readers go on), so that no change falls between the count and the triggers; returns how
    /// many keys are counted.
    /// </summary>
    public static async Task<int> RecountAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        await using var unlimited = await DatabaseSetup.WithoutStatementTimeoutAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // (The rows the statements affect: the lock and the truncation none, the insertion one per key.)
        var keys = await db.Database.ExecuteSqlRawAsync($"""
            LOCK TABLE "Initiatives" IN SHARE MODE;
            TRUNCATE "{Table}";
            INSERT INTO "{Table}" ("Key", "Count")
                SELECT k, count(*) FROM "Initiatives", unnest("Initiatives"."FacetKeys") AS k WHERE "Initiatives"."Publication" = 1 GROUP BY k;
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return keys;
    }
}

/// <summary>
/// <c>recount-facet-keys</c>: counts the whole catalogue's keys afresh (PostgreSQL), for a database whose counts may have
/// drifted from its initiatives: restored from a data-only dump (which brings both the counts and the rows whose loading
/// counts them again), or loaded with triggers switched off. The portal itself never needs it.
/// </summary>
public static class RecountFacetKeysCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(withDemoData: false, CancellationToken.None);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!db.Database.IsNpgsql())
        {
            await output.WriteLineAsync("SQLite counts its whole catalogue from the initiatives themselves: nothing to recount.");
            return 0;
        }
        var keys = await FacetKeyCount.RecountAsync(db, CancellationToken.None);
        await output.WriteLineAsync($"The catalogue's facet keys were counted afresh: {keys:N0} keys.");
        return 0;
    }
}

/// <summary>
/// Adds up each key's rows of <see cref="FacetKeyCount"/> into one, every <see cref="Every"/> (on the primary): the rows the
/// triggers add between two runs are few (a key per change), and the readers' sum stays a sum of about one row per key.
/// </summary>
public sealed class FacetKeyCountCompaction(IServiceScopeFactory scopes, DatabaseInitializer database, TimeProvider clock, ILogger<FacetKeyCountCompaction> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(5);

    /// <summary>
    /// One key's rows replaced by their sum, in one statement: rows added meanwhile by another transaction are not seen, so
    /// not deleted, and still count; a key whose rows add up to nothing (no published initiative holds it) loses its rows.
    /// Two instances compacting at once cannot count a row twice: a row is deleted, and its amount carried over, by one of them.
    /// </summary>
    public static Task<int> RunAsync(AppDbContext db, CancellationToken cancellationToken) => db.Database.ExecuteSqlRawAsync(
        $"""
        WITH moved AS (
            DELETE FROM "{FacetKeyCount.Table}"
            WHERE "Key" IN (SELECT "Key" FROM "{FacetKeyCount.Table}" GROUP BY "Key" HAVING count(*) > 1 OR sum("Count") = 0)
            RETURNING "Key", "Count")
        INSERT INTO "{FacetKeyCount.Table}" ("Key", "Count")
        SELECT "Key", sum("Count") FROM moved GROUP BY "Key" HAVING sum("Count") <> 0
        """, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await database.Ready.WaitAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Every, clock, stoppingToken);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    if (db.Database.IsNpgsql()) await RunAsync(db, stoppingToken);
                    else return;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "The catalogue's key counts could not be compacted; trying again in {Interval}", Every);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
