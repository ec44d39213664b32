using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SscPortal.Web.Data;

namespace SscPortal.Web.Mail;

/// <summary>
/// Delivers the outbox. Each round it claims the due messages for a while (a lease: on PostgreSQL with
/// FOR UPDATE SKIP LOCKED, on SQLite with a conditional UPDATE), sends them, and records each outcome only while its claim
/// still holds. A temporary failure (the server unreachable, a 4xx answer) is retried later, each wait twice the last;
/// a permanent one (5xx) is recorded as failed with the server's reason. A sender that stops mid-batch leaves its claims to
/// expire, so after a restart, or on another instance, the messages are sent then; two senders never hold the same message.
/// </summary>
public sealed class MailSender(
    IServiceScopeFactory scopes,
    DatabaseInitializer database,
    MailTransport transport,
    IOptions<MailOptions> options,
    TimeProvider clock,
    ILogger<MailSender> logger) : BackgroundService
{
    /// <summary>This sender's name in the claims it makes.</summary>
    public string Name { get; } = $"{Environment.MachineName}/{Guid.NewGuid():N}";

    private MailOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await database.Ready.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if (Options.UsesPickupFolder)
            logger.LogInformation("No mail server configured (Mail:Host): messages are written to {PickupFolder}", Options.PickupFolder);

        var interval = TimeSpan.FromSeconds(Options.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            int handled;
            try
            {
                handled = await SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database is away, or something unexpected: try again next round.
                logger.LogWarning(e, "The mail sender could not read the outbox; trying again in {Interval}", interval);
                handled = 0;
            }
            // A full batch means there may be more waiting: go on at once.
            if (handled >= Options.BatchSize) continue;
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: claims the due messages and tries each once. Returns how many it claimed.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await ForgetSentAsync(db, cancellationToken);
        var claim = $"{Name}/{Guid.NewGuid():N}";
        var holding = true;
        try
        {
            var claimed = await ClaimAsync(db, claim, cancellationToken);
            if (claimed.Count == 0)
            {
                holding = false;
                return 0;
            }
            await SendAllAsync(db, claimed, claim, cancellationToken);
            return claimed.Count;
        }
        finally
        {
            // Stopped mid-batch (the portal shutting down), even between claiming and reading the claim back: what was not
            // sent is let go at once, not left to its claim's end (minutes in which no other sender would touch it).
            if (holding) await ReleaseAsync(db, claim);
        }
    }

    private async Task ReleaseAsync(AppDbContext db, string claim)
    {
        try
        {
            await db.OutboxMessages.Where(m => m.ClaimedBy == claim)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The database is away: the claim runs out by itself.
            logger.LogWarning(e, "The mail sender could not release its claim {Claim}; it runs out after {Seconds} s", claim, Options.ClaimSeconds);
        }
    }

    private async Task SendAllAsync(AppDbContext db, List<OutboxMessage> claimed, string claim, CancellationToken cancellationToken)
    {
        await using var session = transport.Open();
        foreach (var message in claimed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await session.SendAsync(message, cancellationToken);
                await RecordAsync(db, message, claim, OutboxStatus.Sent, null, message.NextAttemptAt);
                logger.LogInformation("Mail {MessageId} ({Kind}) sent", message.Id, message.Kind);
            }
            catch (MailDeliveryException e) when (e.Permanent)
            {
                await RecordAsync(db, message, claim, OutboxStatus.Failed, e.Message, message.NextAttemptAt);
                logger.LogWarning("Mail {MessageId} ({Kind}) refused for good: {Reason}", message.Id, message.Kind, e.Message);
            }
            catch (MailDeliveryException e)
            {
                var attempts = message.Attempts + 1;
                if (attempts >= Options.MaxAttempts)
                {
                    var reason = $"Given up after {attempts} attempts. {e.Message}";
                    await RecordAsync(db, message, claim, OutboxStatus.Failed, reason, message.NextAttemptAt);
                    logger.LogWarning("Mail {MessageId} ({Kind}) given up: {Reason}", message.Id, message.Kind, reason);
                }
                else
                {
                    var next = clock.GetUtcNow().UtcDateTime + RetryDelay(attempts);
                    await RecordAsync(db, message, claim, OutboxStatus.Pending, e.Message, next);
                    logger.LogInformation("Mail {MessageId} ({Kind}) not sent, attempt {Attempt}; next try at {NextAttemptAt:o}: {Reason}",
                        message.Id, message.Kind, attempts, next, e.Message);
                }
            }
        }
    }

    private DateTime _forgotAt = DateTime.MinValue;

    /// <summary>Deletes the messages sent longer ago than <see cref="MailOptions.KeepSentDays"/> (at most once an hour per sender).</summary>
    private async Task ForgetSentAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - _forgotAt < TimeSpan.FromHours(1)) return;
        _forgotAt = now;
        var before = now.AddDays(-Options.KeepSentDays);
        var forgotten = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Sent && m.SentAt < before).ExecuteDeleteAsync(cancellationToken);
        if (forgotten > 0) logger.LogInformation("{Count} sent mail messages older than {Days} days deleted", forgotten, Options.KeepSentDays);
    }

    /// <summary>The wait after the given number of failed attempts: the first retry delay, doubled for each further failure, capped.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var seconds = Options.RetrySeconds * Math.Pow(2, Math.Max(0, attempts - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, Options.MaxRetrySeconds));
    }

    private async Task<List<OutboxMessage>> ClaimAsync(AppDbContext db, string claim, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now.AddSeconds(Options.ClaimSeconds);
        var batch = Options.BatchSize;
        if (db.Database.IsNpgsql())
        {
            // Rows another sender is claiming right now are skipped, not waited for; the lease check in the inner query
            // keeps a row claimed a moment ago (and committed) from being claimed again.
            await db.Database.ExecuteSqlAsync($"""
                UPDATE "OutboxMessages" SET "ClaimedBy" = {claim}, "ClaimedUntil" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM "OutboxMessages"
                    WHERE "Status" = 'Pending' AND "NextAttemptAt" <= {now} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {now})
                    ORDER BY "Id" LIMIT {batch}
                    FOR UPDATE SKIP LOCKED)
                """, cancellationToken);
        }
        else
        {
            // SQLite has one writer at a time: the conditional UPDATE takes only rows that are still unclaimed when it runs.
            var due = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .OrderBy(m => m.Id).Select(m => m.Id).Take(batch).ToListAsync(cancellationToken);
            if (due.Count == 0) return [];
            await db.OutboxMessages
                .Where(m => due.Contains(m.Id) && m.Status == OutboxStatus.Pending && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, claim).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
        }
        return await db.OutboxMessages.AsNoTracking().Where(m => m.ClaimedBy == claim).OrderBy(m => m.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Records an attempt's outcome, only while this sender's claim holds; the claim is released with it.</summary>
    private async Task RecordAsync(AppDbContext db, OutboxMessage message, string claim, OutboxStatus status, string? error,
        DateTime nextAttemptAt)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? sentAt = status == OutboxStatus.Sent ? now : null;
        var attempts = message.Attempts + 1;
        if (error is { Length: > 2000 }) error = error[..2000];
        // Not cancelled with the host: a message that went out is recorded as sent even while the portal stops.
        await db.OutboxMessages.Where(m => m.Id == message.Id && m.ClaimedBy == claim)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.SentAt, sentAt)
                .SetProperty(m => m.NextAttemptAt, nextAttemptAt)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None);
    }
}
