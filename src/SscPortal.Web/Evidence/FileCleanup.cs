using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Records;
using SscPortal.Web.Security;

namespace SscPortal.Web.Evidence;

/// <summary>Withdraws testimonies: their words, name and recording are deleted, in the database and in the file store.</summary>
public sealed class TestimonyWithdrawals(AppDbContext db, IFileStore store, History history, AuditLog audit, TimeProvider clock)
{
    /// <summary>Withdraws one testimony (a second withdrawal at the same moment finds nothing left to do).</summary>
    public async Task<bool> WithdrawAsync(int id, TestimonyWithdrawal why, CancellationToken cancellationToken)
    {
        var testimony = await db.Testimonies.SingleOrDefaultAsync(t => t.Id == id && t.WithdrawnAt == null, cancellationToken);
        if (testimony is null) return false;
        var assessorId = await db.Assessments.Where(a => a.Id == testimony.AssessmentId).Select(a => a.AssessorId).SingleAsync(cancellationToken);
        var audioId = testimony.Withdraw(why, clock.GetUtcNow().UtcDateTime);
        string? key = null;
        if (audioId is { } audio && await db.EvidenceFiles.SingleOrDefaultAsync(f => f.Id == audio, cancellationToken) is { } file)
        {
            key = file.StorageKey;
            db.EvidenceFiles.Remove(file);
        }
        audit.Add(AuditEventType.TestimonyWithdrawn, AuditTargets.Testimony, id, AuditDetails.TestimonyWithdrawn(why));
        await history.AddAsync(RecordType.Assessment, testimony.AssessmentId, assessorId, ChangeKind.TestimonyWithdrawn, [new("Testimonies", $"#{id}", null)],
            asModerator: why == TestimonyWithdrawal.ConsentExpired);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
        if (key is not null)
        {
            try { await store.DeleteAsync(key, cancellationToken); }
            catch (Exception e) when (e is IOException or Amazon.Runtime.AmazonServiceException or HttpRequestException) { /* The cleanup removes objects no record names. */ }
        }
        return true;
    }

    /// <summary>Withdraws every testimony whose consent ran out before <paramref name="today"/>; returns how many.</summary>
    public async Task<int> WithdrawExpiredAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var expired = await db.Testimonies.AsNoTracking().Where(t => t.WithdrawnAt == null && t.ConsentUntil < today)
            .OrderBy(t => t.Id).Select(t => t.Id).Take(500).ToListAsync(cancellationToken);
        var done = 0;
        foreach (var id in expired)
        {
            if (await WithdrawAsync(id, TestimonyWithdrawal.ConsentExpired, cancellationToken)) done++;
            db.ChangeTracker.Clear();
        }
        return done;
    }
}

/// <summary>
/// What a failed or abandoned upload leaves behind is removed: temporary files older than an hour, files still waiting for
/// their uploader's decision after a day, and stored objects no record names (an upload interrupted between the store and
/// the database), and the files of records deleted since. Testimonies whose consent ran out are withdrawn the same way.
/// </summary>
public sealed class FileCleanup(AppDbContext db, IFileStore store, FileIntake intake, TestimonyWithdrawals withdrawals,
    ILogger<FileCleanup> logger)
{
    public static readonly TimeSpan Grace = TimeSpan.FromHours(1);
    public static readonly TimeSpan ReviewWait = TimeSpan.FromDays(1);

    public sealed record Outcome(int TemporaryFiles, int AbandonedUploads, int Orphans, int TestimoniesWithdrawn, int FilesOfDeletedRecords);

    /// <summary>
    /// Runs every step, each on its own: a step that fails (a store out of reach) is logged and the others still run; testimonies
    /// whose consent ran out are withdrawn first, since nothing may delay that.
    /// </summary>
    public async Task<Outcome> RunAsync(DateTime now, CancellationToken cancellationToken)
    {
        var withdrawn = await StepAsync(() => withdrawals.WithdrawExpiredAsync(DateOnly.FromDateTime(now), cancellationToken));
        var ownerless = await StepAsync(() => DeleteFilesOfDeletedRecordsAsync(cancellationToken));
        var temporary = await StepAsync(() => Task.FromResult(DeleteOldTemporaryFiles(now)));
        var abandoned = await StepAsync(() => DeleteAbandonedUploadsAsync(now - ReviewWait, cancellationToken));
        var orphans = await StepAsync(async () =>
        {
            var deleted = 0;
            var batch = new List<string>();
            await foreach (var (key, writtenAt) in store.ListAsync(cancellationToken))
            {
                if (writtenAt >= now - Grace) continue;
                batch.Add(key);
                if (batch.Count == 500) { deleted += await DeleteUnknownAsync(batch, cancellationToken); batch.Clear(); }
            }
            return deleted + await DeleteUnknownAsync(batch, cancellationToken);
        });
        return new Outcome(temporary, abandoned, orphans, withdrawn, ownerless);
    }

    private async Task<int> StepAsync(Func<Task<int>> step)
    {
        try
        {
            return await step();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "A step of the file cleanup failed; the others ran");
            db.ChangeTracker.Clear();
            return 0;
        }
    }

    private int DeleteOldTemporaryFiles(DateTime now)
    {
        var deleted = 0;
        if (!Directory.Exists(intake.TemporaryFolder)) return 0;
        foreach (var path in Directory.EnumerateFiles(intake.TemporaryFolder))
            if (File.GetLastWriteTimeUtc(path) < now - Grace)
            {
                File.Delete(path);
                deleted++;
            }
        return deleted;
    }

    /// <summary>Files still waiting for their uploader's decision after a day; one published meanwhile is left alone.</summary>
    private async Task<int> DeleteAbandonedUploadsAsync(DateTime limit, CancellationToken cancellationToken)
    {
        var abandoned = await db.EvidenceFiles.AsNoTracking().Where(f => f.State == FileState.AwaitingReview && f.UploadedAt < limit)
            .Select(f => new { f.Id, f.StorageKey }).ToListAsync(cancellationToken);
        // (Deleted without the change tracker: the caches of the pages showing files start afresh all the same, Caching/ContentChangeWatcher.cs.)
        var deleted = 0;
        foreach (var file in abandoned)
        {
            if (await db.EvidenceFiles.Where(f => f.Id == file.Id && f.State == FileState.AwaitingReview).ExecuteDeleteAsync(cancellationToken) == 0) continue;
            deleted++;
            await intake.ForgetAsync(file.StorageKey);
        }
        return deleted;
    }

    /// <summary>The files (and recordings) of records deleted since (a draft initiative, partnership or assessment, or a testimony with it).</summary>
    private async Task<int> DeleteFilesOfDeletedRecordsAsync(CancellationToken cancellationToken)
    {
        var ownerless = await db.EvidenceFiles.AsNoTracking().Where(f =>
                (f.OwnerKind == FileOwnerKind.Initiative && !db.Initiatives.Any(i => i.Id == f.OwnerId))
                || (f.OwnerKind == FileOwnerKind.Partnership && !db.Partnerships.Any(p => p.Id == f.OwnerId))
                || (f.OwnerKind == FileOwnerKind.Assessment && !db.Assessments.Any(a => a.Id == f.OwnerId))
                || (f.OwnerKind == FileOwnerKind.Testimony && !db.Testimonies.Any(t => t.Id == f.OwnerId)))
            .OrderBy(f => f.Id).Select(f => new { f.Id, f.StorageKey }).Take(500).ToListAsync(cancellationToken);
        foreach (var file in ownerless)
        {
            // Later versions point at earlier ones: clear the links first.
            await db.EvidenceFiles.Where(f => f.SupersededById == file.Id).ExecuteUpdateAsync(u => u.SetProperty(f => f.SupersededById, (int?)null), cancellationToken);
            await db.EvidenceFiles.Where(f => f.SeriesId == file.Id).ExecuteUpdateAsync(u => u.SetProperty(f => f.SeriesId, (int?)null), cancellationToken);
            await db.EvidenceFiles.Where(f => f.Id == file.Id).ExecuteDeleteAsync(cancellationToken);
            await intake.ForgetAsync(file.StorageKey);
        }
        return ownerless.Count;
    }

    private async Task<int> DeleteUnknownAsync(List<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0) return 0;
        var known = (await db.EvidenceFiles.AsNoTracking().Where(f => keys.Contains(f.StorageKey)).Select(f => f.StorageKey).ToListAsync(cancellationToken)).ToHashSet();
        var deleted = 0;
        foreach (var key in keys.Where(k => !known.Contains(k)))
        {
            await intake.ForgetAsync(key);
            deleted++;
        }
        return deleted;
    }
}

/// <summary>Runs <see cref="FileCleanup"/> every <c>Files:CleanupMinutes</c> (60) once the database is ready.</summary>
public sealed class FileCleanupService(IServiceScopeFactory scopes, DatabaseInitializer database, IConfiguration configuration, TimeProvider clock, ILogger<FileCleanupService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await database.Ready.WaitAsync(stoppingToken);
            var interval = TimeSpan.FromMinutes(Math.Clamp(configuration.GetValue("Files:CleanupMinutes", 60.0), 0.01, 24 * 60));
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<FileCleanup>().RunAsync(clock.GetUtcNow().UtcDateTime, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "The file cleanup could not run; trying again in {Interval}", interval);
                }
                await Task.Delay(interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

public static class EvidenceSetup
{
    /// <summary>Evidence files (on disk, or in an S3-compatible store with Files:Store=S3), testimonies, and the cleanup.</summary>
    public static IServiceCollection AddPortalEvidence(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(FileStoreOptions.Section);
        services.Configure<FileStoreOptions>(section);
        if (string.Equals(section.GetValue<string>("Store"), "S3", StringComparison.OrdinalIgnoreCase))
            services.AddSingleton<IFileStore, S3FileStore>();
        else
            services.AddSingleton<IFileStore, DiskFileStore>();
        services.AddScoped<FileOwners>();
        services.AddScoped<FileIntake>();
        services.AddScoped<FileLists>();
        services.AddScoped<Testimonies>();
        services.AddScoped<TestimonyWithdrawals>();
        services.AddScoped<FileCleanup>();
        services.AddHostedService<FileCleanupService>();
        return services;
    }
}
