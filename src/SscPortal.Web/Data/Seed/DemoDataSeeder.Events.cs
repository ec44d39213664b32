using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;

namespace SscPortal.Web.Data.Seed;

public sealed partial class DemoDataSeeder
{
    /// <summary>
    /// The demonstration events (<see cref="DemoData.Events"/>) through the same domain rules as anyone's: past ones published as
    /// recorded, with their report and anonymous participation counts only (no registrations, no private names); the upcoming
    /// one published and open for registration. Added once, also to a database seeded before events existed.
    /// </summary>
    private async Task SeedEventsAsync(Dictionary<string, int> actorIds, CancellationToken cancellationToken)
    {
        var titles = DemoData.Events.Select(e => e.Title).ToList();
        if (await db.Events.AnyAsync(e => titles.Contains(e.Title), cancellationToken)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var initiativeTitles = DemoData.Events.SelectMany(e => e.InitiativeTitles).Distinct().ToList();
        var initiatives = await db.Initiatives.AsNoTracking().Where(i => initiativeTitles.Contains(i.Title)).ToDictionaryAsync(i => i.Title, i => i.Id, cancellationToken);
        var seeded = new Dictionary<string, int>();
        foreach (var seed in DemoData.Events)
        {
            if (!actorIds.TryGetValue(seed.OwnerKey, out var ownerId)) continue;
            var day = seed.Date ?? DateOnly.FromDateTime(CallTimeZones.ToLocal(now, seed.TimeZone).AddDays(seed.InDays));
            var midnight = day.ToDateTime(TimeOnly.MinValue);
            DateTime At(double hours) => CallTimeZones.ToUtc(midnight.AddMinutes(Math.Round(hours * 60)), seed.TimeZone);
            var sessions = seed.Sessions.Select(s =>
            {
                var session = new EventSession { StartsAt = At(s.From), EndsAt = At(s.To), Title = s.Title, Topic = s.Topic };
                session.Speakers.AddRange(s.Speakers.Select(p => new EventSpeaker { Name = p.Name, Organisation = p.Organisation, NameShown = p.NameShown }));
                return session;
            }).ToList();
            var startsAt = At(seed.From);
            var created = seed.Date is null ? now.AddDays(-7) : startsAt.AddDays(-45);
            var @event = new CooperationEvent { Title = "", Description = "", OwnerId = ownerId, CreatedAt = created, UpdatedAt = created };
            @event.Apply(new EventContent(seed.Kind, seed.Title, seed.Description, seed.Language, startsAt, At(seed.To), seed.TimeZone,
                seed.Format, seed.Venue, seed.Address, seed.City, seed.Country, seed.Capacity, seed.OnlineLink, seed.Languages, seed.Interpretation,
                RegistrationOpen: seed.Date is null, WaitingList: true, seed.Themes, seed.Sdgs, seed.Principles,
                seed.ParentKey is { } parent && seeded.TryGetValue(parent, out var parentId) ? parentId : null,
                seed.InitiativeTitles.Where(initiatives.ContainsKey).Select(t => initiatives[t]).ToList(),
                seed.Translations.Select(t => new EventTranslation { Language = t.Language, Title = t.Title, Description = t.Description }).ToList(),
                sessions, seed.Questions.Select(q => new EventQuestion { Label = q.Label, Required = q.Required }).ToList()));
            foreach (var key in seed.CoOrganiserKeys.Where(actorIds.ContainsKey))
                @event.CoOrganisers.Add(new EventOrganiser { ActorId = actorIds[key], State = CoOrganiserState.Confirmed, InvitedAt = created, AnsweredAt = created.AddDays(1) });
            if (@event.HasEnded(now))
            {
                @event.PublishAsRecorded(created.AddDays(5));
                if (seed.ReportSummary is not null)
                {
                    if (@event.WriteReport(seed.ReportSummary, seed.ReportOutcomes, publish: true, @event.EndsAt.AddDays(10)) is { Count: > 0 } problems)
                        throw new RuleViolationException(problems);
                }
                @event.ParticipantDataDeletedAt = @event.EndsAt.AddMonths(6);
            }
            else @event.Publish(now.AddDays(-5));
            db.Events.Add(@event);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var (dimension, key, count) in seed.Participants ?? [])
                db.EventTallies.Add(new EventTally { EventId = @event.Id, Dimension = dimension, Key = key, Registered = count, Attended = count });
            await db.SaveChangesAsync(cancellationToken);
            seeded[seed.Key] = @event.Id;
        }
    }
}
