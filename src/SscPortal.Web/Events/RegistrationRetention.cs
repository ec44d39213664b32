using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Security;

namespace SscPortal.Web.Events;

/// <summary>
/// Keeps participants' personal data only as long as the event needs it: <see cref="EventOptions.RetentionMonths"/> after an
/// event ended, its registrations are counted into anonymous <see cref="EventTally"/> rows (all, by country, kind of
/// organisation and gender; registered and attended) and deleted, answers with them, in one transaction per event; visitors'
/// registrations never confirmed within <see cref="EventOptions.UnconfirmedHours"/> are deleted.
/// </summary>
public sealed class RegistrationRetention(AppDbContext db, AuditLog audit, IOptions<EventOptions> options, ILogger<RegistrationRetention> logger)
{
    /// <summary>Deletes what is due at <paramref name="now"/>; returns how many events' data and unconfirmed registrations went.</summary>
    public async Task<(int Events, int Unconfirmed)> RunAsync(DateTime now, CancellationToken cancellationToken)
    {
        var endedBefore = now.AddMonths(-Math.Max(0, options.Value.RetentionMonths));
        var due = await db.Events.AsNoTracking().Where(e => e.EndsAt < endedBefore && e.ParticipantDataDeletedAt == null)
            .OrderBy(e => e.Id).Select(e => e.Id).Take(100).ToListAsync(cancellationToken);
        var events = 0;
        foreach (var eventId in due)
        {
            if (await DeleteParticipantDataAsync(eventId, now, cancellationToken)) events++;
            db.ChangeTracker.Clear();
        }
        var createdBefore = now.AddHours(-options.Value.UnconfirmedHours);
        var unconfirmed = await db.EventRegistrations.Where(r => r.State == RegistrationState.Unconfirmed && r.CreatedAt < createdBefore).ExecuteDeleteAsync(cancellationToken);
        if (events > 0 || unconfirmed > 0)
            logger.LogInformation("Deleted the participants' data of {Events} events and {Unconfirmed} unconfirmed registrations", events, unconfirmed);
        return (events, unconfirmed);
    }

    private async Task<bool> DeleteParticipantDataAsync(int eventId, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Marked first, and only if nobody marked it meanwhile: two instances never count an event twice.
        var marked = await db.Events.Where(e => e.Id == eventId && e.ParticipantDataDeletedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.ParticipantDataDeletedAt, now), cancellationToken);
        if (marked == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        // Only people who held a place count: the waiting list and unconfirmed addresses did not take part.
        var people = await db.EventRegistrations.AsNoTracking().Where(r => r.EventId == eventId && r.State == RegistrationState.Registered)
            .Select(r => new { r.CountryCode, r.OrganisationType, r.Gender, r.Attended }).ToListAsync(cancellationToken);
        var tallies = new List<EventTally> { new() { EventId = eventId, Dimension = EventTally.All, Key = EventTally.All, Registered = people.Count, Attended = people.Count(p => p.Attended == true) } };
        tallies.AddRange(people.Where(p => p.CountryCode is not null).GroupBy(p => p.CountryCode!)
            .Select(g => new EventTally { EventId = eventId, Dimension = EventTally.Country, Key = g.Key, Registered = g.Count(), Attended = g.Count(p => p.Attended == true) }));
        tallies.AddRange(people.Where(p => p.OrganisationType is not null).GroupBy(p => p.OrganisationType!.Value.ToString())
            .Select(g => new EventTally { EventId = eventId, Dimension = EventTally.OrganisationType, Key = g.Key, Registered = g.Count(), Attended = g.Count(p => p.Attended == true) }));
        tallies.AddRange(people.Where(p => p.Gender is not null).GroupBy(p => p.Gender!)
            .Select(g => new EventTally { EventId = eventId, Dimension = EventTally.Gender, Key = g.Key, Registered = g.Count(), Attended = g.Count(p => p.Attended == true) }));
        // Tallies the organisers' figures may have written before are replaced by these.
        await db.EventTallies.Where(t => t.EventId == eventId).ExecuteDeleteAsync(cancellationToken);
        db.EventTallies.AddRange(tallies);
        var deleted = await db.EventRegistrations.Where(r => r.EventId == eventId).ExecuteDeleteAsync(cancellationToken);
        audit.Add(AuditEventType.ParticipantDataDeleted, AuditTargets.Event, eventId, $"registrations={deleted} registered={people.Count}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

/// <summary>Runs <see cref="RegistrationRetention"/> every <see cref="EventOptions.CheckMinutes"/> in the background, once the database is ready.</summary>
public sealed class RegistrationRetentionJob(IServiceScopeFactory scopes, DatabaseInitializer database, IOptions<EventOptions> options, TimeProvider clock,
    ILogger<RegistrationRetentionJob> logger) : BackgroundService
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
                    await scope.ServiceProvider.GetRequiredService<RegistrationRetention>().RunAsync(clock.GetUtcNow().UtcDateTime, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "The participants' data due for deletion could not be deleted; trying again in {Interval}", interval);
                }
                await Task.Delay(interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

public static class RegistrationSetup
{
    /// <summary>
    /// Registering for events (<see cref="Registrations"/>, <see cref="RegistrationMail"/>), the options section "Events" and the
    /// retention job that deletes participants' data after the event (<see cref="RegistrationRetentionJob"/>).
    /// </summary>
    public static IServiceCollection AddPortalRegistrations(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EventOptions>(configuration.GetSection(EventOptions.Section));
        services.AddScoped<Registrations>();
        services.AddScoped<RegistrationMail>();
        services.AddScoped<RegistrationRetention>();
        services.AddHostedService<RegistrationRetentionJob>();
        return services;
    }
}
