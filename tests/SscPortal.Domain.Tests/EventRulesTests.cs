using SscPortal.Domain;

namespace SscPortal.Domain.Tests;

/// <summary>An event's own rules: dates, place, programme, publication, registration and the report; a registration's form.</summary>
public class EventRulesTests
{
    private static readonly DateTime Start = new(2026, 12, 1, 20, 15, 0, DateTimeKind.Utc);

    private static EventSession Session(DateTime from, DateTime to, string title = "Opening", params EventSpeaker[] speakers)
    {
        var session = new EventSession { StartsAt = from, EndsAt = to, Title = title };
        session.Speakers.AddRange(speakers);
        return session;
    }

    private static EventContent Content(DateTime? starts = null, DateTime? ends = null, EventFormat format = EventFormat.InPerson, string? city = "Montevideo",
        string? country = "uy", int? capacity = 80, string? link = null, IReadOnlyList<EventSession>? sessions = null, string zone = "America/Montevideo",
        IReadOnlyList<EventQuestion>? questions = null) =>
        new(EventKind.Seminar, "  South-South cooperation and its allies  ", "Local governments and international organisations meet.", "en",
            starts ?? Start, ends ?? Start.AddHours(2), zone, format, "Edificio Mercosur", "Luis Piera 1992", city, country, capacity, link,
            ["es", "pt", "es"], ["en"], true, true, [ThematicArea.Governance], [17, 11, 17], ["horizontality"], null, [4, 4, 9], [],
            sessions ?? [Session(Start, Start.AddHours(1), "Opening", new EventSpeaker { Name = "Ana", Organisation = "Intendencia", NameShown = true })],
            questions ?? [new EventQuestion { Id = 31, Label = "Which city?", Required = true }]);

    private static CooperationEvent Event(EventContent? content = null)
    {
        var @event = new CooperationEvent { Id = 5, Title = "", Description = "", OwnerId = 1 };
        @event.Apply(content ?? Content());
        return @event;
    }

    [Fact]
    public void Apply_trims_texts_normalises_codes_and_keeps_each_item_once()
    {
        var @event = Event(Content(format: EventFormat.InPerson, link: "https://meet.example.org/x"));
        Assert.Equal("South-South cooperation and its allies", @event.Title);
        Assert.Equal("UY", @event.CountryCode);
        Assert.Equal(["es", "pt"], @event.Languages);
        Assert.Equal([11, 17], @event.Sdgs);
        Assert.Equal([4, 9], @event.Initiatives.Select(i => i.InitiativeId));
        Assert.Null(@event.OnlineLink); // an event held only in person has no link to join
        Assert.Empty(@event.Check());
        Assert.Contains("intendencia", @event.SearchBody, StringComparison.Ordinal);
    }

    [Fact]
    public void An_online_event_drops_its_venue_and_needs_no_city()
    {
        var @event = Event(Content(format: EventFormat.Online, city: null, country: null, link: "https://meet.example.org/seminar"));
        Assert.Null(@event.Venue);
        Assert.Null(@event.City);
        Assert.Empty(@event.Check());
        Assert.True(@event.IsOnline);
        Assert.False(@event.HasVenue);
    }

    [Fact]
    public void An_end_before_the_start_an_overlong_event_and_a_missing_place_are_refused_field_by_field()
    {
        Assert.Contains(Event(Content(ends: Start.AddHours(-1))).Check(), p => p is { Field: "EndsAt", Code: RuleCode.EndsBeforeStart });
        Assert.Contains(Event(Content(ends: Start)).Check(), p => p is { Field: "EndsAt", Code: RuleCode.EndsBeforeStart });
        Assert.Contains(Event(Content(ends: Start.AddDays(32), sessions: [])).Check(), p => p is { Field: "EndsAt", Code: RuleCode.EventTooLong });
        var nowhere = Event(Content(city: null, country: null)).Check();
        Assert.Contains(nowhere, p => p is { Field: "City", Code: RuleCode.VenueRequired });
        Assert.Contains(nowhere, p => p is { Field: "CountryCode", Code: RuleCode.VenueRequired });
        Assert.Contains(Event(Content(country: "Uruguay")).Check(), p => p is { Field: "CountryCode", Code: RuleCode.UnknownCountry });
        Assert.Contains(Event(Content(zone: "Mars/Olympus")).Check(), p => p is { Field: "TimeZone", Code: RuleCode.UnknownTimeZone });
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.org/file")]
    [InlineData("meet.example.org")]
    public void An_online_link_must_be_a_web_address(string link) =>
        Assert.Contains(Event(Content(format: EventFormat.Hybrid, link: link)).Check(), p => p is { Field: "OnlineLink", Code: RuleCode.LinkNotWeb });

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(100_001)]
    public void Capacity_is_a_sensible_number_of_places(int capacity) =>
        Assert.Contains(Event(Content(capacity: capacity)).Check(), p => p is { Field: "Capacity", Code: RuleCode.CapacityOutOfRange });

    [Fact]
    public void Capacity_cannot_drop_below_the_places_already_taken()
    {
        var @event = Event();
        @event.RegisteredCount = 81;
        Assert.Contains(@event.Check(), p => p is { Field: "Capacity", Code: RuleCode.CapacityBelowRegistered });
        @event.RegisteredCount = 80;
        Assert.Empty(@event.Check());
        Assert.True(@event.IsFull);
    }

    [Fact]
    public void A_session_must_lie_within_the_event_and_end_after_it_starts()
    {
        var before = Event(Content(sessions: [Session(Start.AddHours(-1), Start.AddMinutes(30))])).Check();
        Assert.Contains(before, p => p is { Field: "Sessions[0].StartsAt", Code: RuleCode.SessionOutsideEvent });
        var after = Event(Content(sessions: [Session(Start.AddHours(1), Start.AddHours(3))])).Check();
        Assert.Contains(after, p => p is { Field: "Sessions[0].StartsAt", Code: RuleCode.SessionOutsideEvent });
        var backwards = Event(Content(sessions: [Session(Start.AddHours(1), Start.AddMinutes(30))])).Check();
        Assert.Contains(backwards, p => p is { Field: "Sessions[0].EndsAt", Code: RuleCode.EndsBeforeStart });
        var exact = Event(Content(sessions: [Session(Start, Start.AddHours(2))])).Check();
        Assert.Empty(exact);
    }

    [Fact]
    public void Sessions_need_a_title_and_speakers_a_name_while_blank_speaker_rows_are_dropped()
    {
        var untitled = Event(Content(sessions: [Session(Start, Start.AddHours(1), " ")])).Check();
        Assert.Contains(untitled, p => p is { Field: "Sessions[0].Title", Code: RuleCode.SessionTitleRequired });
        var nameless = Event(Content(sessions: [Session(Start, Start.AddHours(1), "Panel", new EventSpeaker { Name = " ", Organisation = "UNOSSC" })])).Check();
        Assert.Contains(nameless, p => p is { Field: "Sessions[0].Speakers[0].Name", Code: RuleCode.SpeakerNameRequired });
        var blank = Event(Content(sessions: [Session(Start, Start.AddHours(1), "Panel", new EventSpeaker { Name = "", Organisation = "" })]));
        Assert.Empty(blank.Sessions[0].Speakers);
    }

    [Fact]
    public void Editing_keeps_the_ids_of_sessions_and_questions_the_form_names()
    {
        var @event = Event();
        @event.Sessions[0].Id = 70;
        @event.Questions[0].Id = 31;
        var renamed = Session(Start, Start.AddHours(1), "Renamed opening");
        renamed.Id = 70;
        @event.Apply(Content(sessions: [renamed, Session(Start.AddHours(1), Start.AddHours(2), "Closing")],
            questions: [new EventQuestion { Id = 31, Label = "Which city do you represent?", Required = false }]));
        Assert.Equal(70, @event.Sessions[0].Id);
        Assert.Equal("Renamed opening", @event.Sessions[0].Title);
        Assert.Equal([1, 2], @event.Sessions.Select(s => s.Position));
        Assert.Equal(31, Assert.Single(@event.Questions).Id);
    }

    [Fact]
    public void Publishing_needs_a_complete_event_that_has_not_ended_and_unpublishing_a_reason()
    {
        var @event = Event();
        Assert.Equal(RuleCode.EventPast, Assert.Throws<RuleViolationException>(() => @event.Publish(Start.AddHours(3))).Code);
        @event.Publish(Start.AddDays(-10));
        Assert.True(@event.IsPublished);
        Assert.Equal(RuleCode.AlreadyPublished, Assert.Throws<RuleViolationException>(() => @event.Publish(Start.AddDays(-9))).Code);
        Assert.Equal(RuleCode.ReasonRequired, Assert.Throws<RuleViolationException>(() => @event.Unpublish(" ", byModerator: true)).Code);
        @event.Unpublish("Announces a private meeting", byModerator: true);
        Assert.True(@event.HeldByModerator);
        Assert.Equal(RuleCode.HeldByModerator, Assert.Throws<RuleViolationException>(() => @event.Publish(Start.AddDays(-8))).Code);
        @event.ReleaseModeratorHold();
        @event.Publish(Start.AddHours(5)); // once published before, it can come back after it ended (its report keeps it public)
        Assert.True(@event.IsPublished);
        var broken = Event(Content(ends: Start.AddHours(-2)));
        Assert.Equal(RuleCode.EndsBeforeStart, Assert.Throws<RuleViolationException>(() => broken.Publish(Start.AddDays(-1))).Code);
    }

    [Fact]
    public void Registration_is_refused_for_a_draft_a_closed_or_an_ended_event()
    {
        var @event = Event();
        Assert.Equal(RuleCode.NotPublished, @event.RefusesRegistration(Start.AddDays(-1)));
        @event.Publish(Start.AddDays(-2));
        Assert.Null(@event.RefusesRegistration(Start.AddDays(-1)));
        Assert.Null(@event.RefusesRegistration(Start.AddMinutes(30))); // while it runs
        Assert.Equal(RuleCode.EventPast, @event.RefusesRegistration(Start.AddHours(2)));
        @event.RegistrationOpen = false;
        Assert.Equal(RuleCode.RegistrationClosed, @event.RefusesRegistration(Start.AddDays(-1)));
    }

    [Fact]
    public void The_report_waits_for_the_event_to_start_and_needs_a_summary()
    {
        var @event = Event();
        Assert.Contains(@event.WriteReport("Thirty people came.", null, publish: true, Start.AddMinutes(-1)), p => p.Code == RuleCode.ReportBeforeEvent);
        Assert.Null(@event.ReportSummary);
        Assert.Contains(@event.WriteReport("  ", "Ways forward", publish: false, Start.AddDays(1)), p => p.Code == RuleCode.SummaryRequired);
        Assert.Empty(@event.WriteReport(" Thirty people came. ", " ", publish: false, Start.AddDays(1)));
        Assert.Equal("Thirty people came.", @event.ReportSummary);
        Assert.Null(@event.ReportOutcomes);
        Assert.Null(@event.ReportPublishedAt);
        Assert.Empty(@event.WriteReport("Thirty people came.", "Strengthen the alliance.", publish: true, Start.AddDays(2)));
        Assert.Equal(Start.AddDays(2), @event.ReportPublishedAt);
        @event.WithdrawReport();
        Assert.Null(@event.ReportPublishedAt);
    }

    [Fact]
    public void A_registration_checks_its_fields_and_the_organisers_questions()
    {
        var @event = Event();
        @event.Questions[0].Id = 31;
        var registration = new EventRegistration { Name = "", Email = "no-at-sign", Gender = "unsaid", CountryCode = "uru", LanguagesNeeded = ["xx"] };
        registration.Answers.Add(new EventAnswer { QuestionId = 99, Text = "Guess" });
        var problems = registration.Check(@event);
        Assert.Contains(problems, p => p is { Field: "Name", Code: RuleCode.NameRequired });
        Assert.Contains(problems, p => p is { Field: "Email", Code: RuleCode.EmailInvalid });
        Assert.Contains(problems, p => p is { Field: "Gender", Code: RuleCode.NotAChoice });
        Assert.Contains(problems, p => p is { Field: "CountryCode", Code: RuleCode.UnknownCountry });
        Assert.Contains(problems, p => p is { Field: "LanguagesNeeded", Code: RuleCode.UnknownLanguage });
        Assert.Contains(problems, p => p is { Field: "Answers[31]", Code: RuleCode.AnswerRequired });
        Assert.Contains(problems, p => p is { Field: "Answers", Code: RuleCode.UnknownQuestion });

        var fine = new EventRegistration { Name = "Participant", Email = "participant@example.org", Gender = "woman", CountryCode = "AR", LanguagesNeeded = ["pt"] };
        fine.Answers.Add(new EventAnswer { QuestionId = 31, Text = "Rosario" });
        Assert.Empty(fine.Check(@event));
        fine.Answers[0].Text = new string('x', EventRegistration.AnswerLength + 1);
        Assert.Contains(fine.Check(@event), p => p is { Field: "Answers[31]", Code: RuleCode.AnswerTooLong });
    }
}
