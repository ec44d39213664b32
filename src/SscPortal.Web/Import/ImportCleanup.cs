using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SscPortal.Web.Data;

namespace SscPortal.Web.Import;

/// <summary>
/// Deletes uploads older than <see cref="ImportOptions.KeepDays"/>: their activities as read hold the files' contents, which
/// are not kept longer than the preview needs. What was imported stays (the initiatives only remember the identifier).
/// </summary>
public sealed class ImportCleanup(AppDbContext db, IOptions<ImportOptions> options, ILogger<ImportCleanup> logger)
{
    /// <summary>Deletes what is due at <paramref name="now"/>, a hundred uploads at a time; returns how many uploads went.</summary>
    public async Task<int> RunAsync(DateTime now, CancellationToken cancellationToken)
    {
        var before = now.AddDays(-Math.Max(0, options.Value.KeepDays));
        var deleted = 0;
        while (true)
        {
            var due = await db.IatiImports.AsNoTracking().Where(i => i.CreatedAt < before).OrderBy(i => i.CreatedAt).Select(i => i.Id).Take(100).ToListAsync(cancellationToken);
            if (due.Count == 0) break;
            await db.IatiImportActivities.Where(a => due.Contains(a.ImportId)).ExecuteDeleteAsync(cancellationToken);
            deleted += await db.IatiImports.Where(i => due.Contains(i.Id)).ExecuteDeleteAsync(cancellationToken);
        }
        if (deleted > 0) logger.LogInformation("Deleted {Count} IATI uploads older than {Days} days", deleted, options.Value.KeepDays);
        return deleted;
    }
}

/// <summary>Runs <see cref="ImportCleanup"/> every <see cref="ImportOptions.CheckMinutes"/> in the background, once the database is ready.</summary>
public sealed class ImportCleanupJob(IServiceScopeFactory scopes, DatabaseInitializer database, IOptions<ImportOptions> options, TimeProvider clock, ILogger<ImportCleanupJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await database.Ready.WaitAsync(stoppingToken);
            var interval = TimeSpan.FromMinutes(Math.Clamp(options.Value.CheckMinutes, 0.01, 24 * 60));
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<ImportCleanup>().RunAsync(clock.GetUtcNow().UtcDateTime, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Old IATI uploads could not be deleted; trying again in {Interval}", interval);
                }
                await Task.Delay(interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
