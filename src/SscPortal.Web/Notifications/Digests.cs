using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SscPortal.Web.Data;

namespace SscPortal.Web.Notifications;

/// <summary>The configuration section "Notifications".</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The hour (UTC) the daily digests go out, gathering what came in the day before it.</summary>
    public int DigestHourUtc { get; set; } = 6;

    /// <summary>How often the portal looks for digests due and notifications to delete.</summary>
    public double CheckMinutes { get; set; } = 10;

    /// <summary>Notifications are deleted after this many days: they name people and their requests, and their purpose is over.</summary>
    public double KeepDays { get; set; } = 365;
}

/// <summary>
/// The daily digest: at <see cref="NotificationOptions.DigestHourUtc"/>, each person with notifications waiting for it gets
/// one mail gathering them. A notification goes into one digest only, even with two portal instances at work: the mail is
/// queued in the same transaction that marks its notifications digested, and only if none was marked meanwhile.
/// </summary>
public sealed class Digests(AppDbContext db, NotificationMail mail, IOptions<NotificationOptions> options, ILogger<Digests> logger)
{
    /// <summary>The moment that closes the digest due at <paramref name="now"/>: today's digest hour, or yesterday's before it.</summary>
    public DateTime CutOff(DateTime now)
    {
        var today = now.Date.AddHours(Math.Clamp(options.Value.DigestHourUtc, 0, 23));
        return now >= today ? today : today.AddDays(-1);
    }

    /// <summary>Queues every digest due at <paramref name="now"/>; returns how many mails it queued.</summary>
    public async Task<int> SendDueAsync(DateTime now, CancellationToken cancellationToken)
    {
        var cutOff = CutOff(now);
        var waiting = await db.Notifications.AsNoTracking()
            .Where(n => n.Delivery == NotificationDelivery.DailyDigest && n.DigestedAt == null && n.CreatedAt < cutOff)
            .Select(n => n.UserId).Distinct().Take(200).ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var userId in waiting)
        {
            if (await SendOneAsync(userId, cutOff, now, cancellationToken)) queued++;
            db.ChangeTracker.Clear();
        }
        return queued;
    }

    private async Task<bool> SendOneAsync(string userId, DateTime cutOff, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var items = await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == userId && n.Delivery == NotificationDelivery.DailyDigest && n.DigestedAt == null && n.CreatedAt < cutOff)
            .OrderBy(n => n.Id).ToListAsync(cancellationToken);
        var ids = items.Select(n => n.Id).ToList();
        var taken = await db.Notifications.Where(n => ids.Contains(n.Id) && n.DigestedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.DigestedAt, now), cancellationToken);
        if (items.Count == 0 || taken != items.Count)
        {
            // Another instance is sending this digest: leave it to that one.
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        var person = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new Notices.Recipient(u.Id, u.Email, u.EmailConfirmed, u.Language)).SingleAsync(cancellationToken);
        if (person.CanReceiveMail) mail.Digest(person, items);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return person.CanReceiveMail;
    }

    /// <summary>Deletes the notifications older than <see cref="NotificationOptions.KeepDays"/>.</summary>
    public async Task<int> DeleteOldAsync(DateTime now, CancellationToken cancellationToken)
    {
        var before = now.AddDays(-options.Value.KeepDays);
        var deleted = await db.Notifications.Where(n => n.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0) logger.LogInformation("Deleted {Count} notifications older than {Days} days", deleted, options.Value.KeepDays);
        return deleted;
    }
}

/// <summary>Runs <see cref="Digests"/>, <see cref="ResponseReminders"/> and <see cref="RecommendationReminders"/> every few minutes in the background, once the database is ready.</summary>
public sealed class DigestSender(IServiceScopeFactory scopes, DatabaseInitializer database, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<DigestSender> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await database.Ready.WaitAsync(stoppingToken);
            // Task.Delay takes at most about 49 days; a day is already more than a digest may wait.
            var interval = TimeSpan.FromMinutes(Math.Clamp(options.Value.CheckMinutes, 0.01, 24 * 60));
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var digests = scope.ServiceProvider.GetRequiredService<Digests>();
                    var now = clock.GetUtcNow().UtcDateTime;
                    await digests.SendDueAsync(now, stoppingToken);
                    await digests.DeleteOldAsync(now, stoppingToken);
                    // The official parties whose response to an assessment is due soon, or overdue, are reminded once.
                    await scope.ServiceProvider.GetRequiredService<ResponseReminders>().SendDueAsync(now, stoppingToken);
                    // Recommendations whose target date passed without being reported implemented: party and assessor are told once.
                    await scope.ServiceProvider.GetRequiredService<RecommendationReminders>().SendDueAsync(now, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "The digests or response reminders could not be sent; trying again in {Interval}", interval);
                }
                await Task.Delay(interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
