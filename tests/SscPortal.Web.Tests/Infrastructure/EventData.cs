using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;

namespace SscPortal.Web.Tests.Infrastructure;

/// <summary>Events and registrations made for a test, through the portal's own DbContext and the domain's rules.</summary>
public static class EventData
{
    /// <summary>
    /// An event's content: a seminar in Montevideo (America/Montevideo) from <paramref name="startsAt"/> (two weeks ahead, 13:00 UTC)
    /// for a day and a half, in Spanish with interpretation into English, <paramref name="capacity"/> places, a waiting list,
    /// one session with two speakers (one agreed to be named, one not) and a required question.
    /// </summary>
    public static EventContent Content(string title, DateTime? startsAt = null, int? capacity = 30, bool waitingList = true,
        EventFormat format = EventFormat.Hybrid, IReadOnlyList<EventQuestion>? questions = null, IReadOnlyList<int>? initiatives = null,
        EventKind kind = EventKind.Seminar, bool registrationOpen = true)
    {
        var start = startsAt ?? DateTime.UtcNow.Date.AddDays(14).AddHours(13);
        var session = new EventSession { StartsAt = start, EndsAt = start.AddHours(2), Title = "Cooperation between cities of the South", Topic = "Decentralised SSC", Room = "Sala 1" };
        session.Speakers.Add(new EventSpeaker { Name = "Ana Pereira", Organisation = "Intendencia de Montevideo", NameShown = true });
        session.Speakers.Add(new EventSpeaker { Name = "Private Speaker", Organisation = "Red de ciudades", NameShown = false });
        return new EventContent(kind, title, "Local governments of Mercociudades meet to discuss South-South cooperation and its allies.", "en",
            start, start.AddHours(30), "America/Montevideo", format,
            format == EventFormat.Online ? null : "Edificio Mercosur", format == EventFormat.Online ? null : "Luis Piera 1992",
            format == EventFormat.Online ? null : "Montevideo", format == EventFormat.Online ? null : "UY", capacity,
            format == EventFormat.InPerson ? null : "https://meet.example.org/mercociudades-seminar",
            ["es", "pt"], ["en"], registrationOpen, waitingList, [ThematicArea.Governance], [11, 17], [], null, initiatives ?? [], [],
            [session], questions ?? [new EventQuestion { Label = "Which city do you represent?", Required = true }]);
    }

    /// <summary>An event of <paramref name="owner"/>, published unless <paramref name="published"/> is false (then a draft).</summary>
    public static Task<int> EventAsync(this PortalFactory portal, Actor owner, EventContent? content = null, bool published = true,
        IReadOnlyList<Actor>? coOrganisers = null, bool confirmed = true) =>
        portal.WithDatabaseAsync(async db =>
        {
            var @event = new CooperationEvent { Title = "", Description = "", OwnerId = owner.Id, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            @event.Apply(content ?? Content(TestData.Unique("Test event")));
            foreach (var organiser in coOrganisers ?? [])
                @event.CoOrganisers.Add(new EventOrganiser
                {
                    ActorId = organiser.Id, InvitedAt = DateTime.UtcNow, State = confirmed ? CoOrganiserState.Confirmed : CoOrganiserState.Invited,
                    AnsweredAt = confirmed ? DateTime.UtcNow : null, AnsweredByUserId = confirmed ? "test-user" : null,
                });
            if (published)
            {
                if (@event.HasEnded(DateTime.UtcNow)) @event.PublishAsRecorded(@event.StartsAt.AddDays(-30));
                else @event.Publish(DateTime.UtcNow);
            }
            db.Events.Add(@event);
            await db.SaveChangesAsync();
            return @event.Id;
        });

    /// <summary>
    /// A registration for the event, holding a place (the event's count of places taken moves with it) or on the waiting list;
    /// by an account (<paramref name="userId"/>) or a visitor. Returns its id.
    /// </summary>
    public static Task<long> RegistrationAsync(this PortalFactory portal, int eventId, string email, string? userId = null,
        RegistrationState state = RegistrationState.Registered, string? country = "AR", ActorType? organisationType = ActorType.NationalCso, string? gender = null,
        string tokenHash = "", bool? attended = null) =>
        portal.WithDatabaseAsync(async db =>
        {
            var questions = await db.Events.Where(e => e.Id == eventId).SelectMany(e => e.Questions).ToListAsync();
            var registration = new EventRegistration
            {
                EventId = eventId, UserId = userId, Email = email.ToLowerInvariant(), Name = "Participant " + email.Split('@')[0],
                OrganisationName = "Test organisation", OrganisationType = organisationType, CountryCode = country, Gender = gender, State = state,
                TokenHash = tokenHash.Length > 0 ? tokenHash : Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
                CreatedAt = DateTime.UtcNow, ConfirmedAt = state == RegistrationState.Unconfirmed ? null : DateTime.UtcNow,
                WaitingSince = state == RegistrationState.Waiting ? DateTime.UtcNow : null, Attended = attended,
            };
            foreach (var question in questions) registration.Answers.Add(new EventAnswer { QuestionId = question.Id, Text = "Rosario" });
            db.EventRegistrations.Add(registration);
            await db.SaveChangesAsync();
            if (state == RegistrationState.Registered)
                await db.Events.Where(e => e.Id == eventId).ExecuteUpdateAsync(u => u.SetProperty(e => e.RegisteredCount, e => e.RegisteredCount + 1));
            return registration.Id;
        });
}
