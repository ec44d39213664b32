using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using SscPortal.Domain;
using SscPortal.Web.Notifications;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// An event's own pages (issue 20) over HTTP: announcing one through the form (rows added without script, one event however
/// often the form is sent), its page in its own time zone and in UTC with speakers shown only as they agreed, publishing,
/// unpublishing by its admin and by a moderator (the hold and its release), deleting a draft, editing with the version
/// conflict, co-organisers who confirm from their own accounts (and only then edit), bad input refused beside its field with
/// nothing saved, crafted ids, and the event's own iCalendar file read back with Ical.Net.
/// </summary>
public abstract class EventTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private static string Local(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static int IdOf(Uri address) => int.Parse(address.AbsolutePath.Split('/')[^1], CultureInfo.InvariantCulture);

    private Task<CooperationEvent> SavedAsync(int id) => Portal.WithDatabaseAsync(db => db.Events.AsNoTracking()
        .Include(e => e.Sessions).ThenInclude(s => s.Speakers).Include(e => e.Questions).Include(e => e.CoOrganisers).Include(e => e.Translations).SingleAsync(e => e.Id == id));

    private static string Message(HtmlClient.Page page, string field) => page.Document.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent ?? "";

    [Fact]
    public async Task A_member_announces_an_event_with_its_programme_once_its_admin_publishes_it_and_the_page_shows_it_as_agreed()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.CsoA, "UY", "AR", DateTime.UtcNow.AddMinutes(-1));
        using var member = await world.BrowserAsync(Role.CsoMember);
        var form = await member.GetOkAsync("/events/new");
        // A second session and a second speaker for the first, asked for without script; nothing is saved by asking.
        var more = await member.SubmitAsync(form, "form.event-form", new Dictionary<string, string>(), "button[formaction*='add=session']");
        Assert.Equal(2, more.Document.QuerySelectorAll("fieldset.session-row").Length);
        more = await member.SubmitAsync(more, "form.event-form", new Dictionary<string, string>(), "button[formaction*='add=speaker&session=0']");
        Assert.Equal(2, more.Document.QuerySelectorAll("fieldset.session-row")[0].QuerySelectorAll("fieldset.speaker-row").Length);

        var title = TestData.Unique("Cities of the South and their allies");
        var day = DateTime.UtcNow.Date.AddDays(20);
        var values = new Dictionary<string, string>
        {
            ["Input.OwnerId"] = TestData.Key(world.CsoA.Id), ["Input.Kind"] = "SideEvent", ["Input.Title"] = title,
            ["Input.Description"] = "Local governments discuss South-South cooperation and its allies.", ["Input.Language"] = "en",
            ["Input.Translations[0].Title"] = "Ciudades del Sur y sus aliados", ["Input.Translations[0].Description"] = "Los gobiernos locales conversan.",
            ["Input.StartsAt"] = Local(day.AddHours(9)), ["Input.EndsAt"] = Local(day.AddHours(18)), ["Input.TimeZone"] = "America/Montevideo",
            ["Input.Format"] = "Hybrid", ["Input.Venue"] = "Edificio Mercosur", ["Input.Address"] = "Luis Piera 1992", ["Input.City"] = "Montevideo",
            ["Input.CountryCode"] = "uy", ["Input.Capacity"] = "40", ["Input.OnlineLink"] = "https://meet.example.org/secret-room",
            ["Input.Languages"] = "es", ["Input.Interpretation"] = "en", ["Input.RegistrationOpen"] = "true", ["Input.Themes"] = "Governance", ["Input.Sdgs"] = "11",
            ["Input.Initiatives[0]"] = TestData.Key(initiative),
            ["Input.Sessions[0].StartsAt"] = Local(day.AddHours(10)), ["Input.Sessions[0].EndsAt"] = Local(day.AddHours(12)),
            ["Input.Sessions[0].Title"] = "Opening panel", ["Input.Sessions[0].Topic"] = "Decentralised cooperation", ["Input.Sessions[0].Room"] = "Sala 1",
            ["Input.Sessions[0].Speakers[0].Name"] = "Ana Pereira", ["Input.Sessions[0].Speakers[0].Organisation"] = "Intendencia de Montevideo", ["Input.Sessions[0].Speakers[0].NameShown"] = "true",
            ["Input.Sessions[0].Speakers[1].Name"] = "Hidden Person", ["Input.Sessions[0].Speakers[1].Organisation"] = "Red de ciudades",
            ["Input.Sessions[1].StartsAt"] = Local(day.AddHours(14)), ["Input.Sessions[1].EndsAt"] = Local(day.AddHours(16)), ["Input.Sessions[1].Title"] = "Workshop",
            ["Input.Questions[0].Label"] = "Which city do you represent?", ["Input.Questions[0].Required"] = "true",
        };
        var created = await member.SubmitAsync(more, "form.event-form", values);
        Assert.Matches(@"^/events/\d+$", created.Address.AbsolutePath);
        var id = IdOf(created.Address);
        // The same form sent again (a double click): one event, and the second goes where the first went.
        var again = await member.SubmitAsync(more, "form.event-form", values);
        Assert.Equal($"/events/{id}", again.Address.AbsolutePath);
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.Events.CountAsync(e => e.Title == title)));

        var saved = await SavedAsync(id);
        Assert.Equal(PublicationState.Draft, saved.Publication);
        // 09:00 in Montevideo (UTC−3) is 12:00 UTC.
        Assert.Equal(day.AddHours(12), saved.StartsAt);
        Assert.Equal("UY", saved.CountryCode);
        Assert.Equal(40, saved.Capacity);
        Assert.Equal(["Opening panel", "Workshop"], saved.Sessions.OrderBy(s => s.Position).Select(s => s.Title));
        Assert.Equal(day.AddHours(13), saved.Sessions.Single(s => s.Title == "Opening panel").StartsAt);
        Assert.Equal([true, false], saved.Sessions.Single(s => s.Title == "Opening panel").Speakers.OrderBy(p => p.Position).Select(p => p.NameShown));
        Assert.True(Assert.Single(saved.Questions).Required);
        Assert.Equal("es", Assert.Single(saved.Translations).Language);
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.EventCreated && e.TargetId == TestData.Key(id))));

        // Editing keeps the question's id (answers stay linked).
        var questionId = saved.Questions.Single().Id;
        var edit = await member.GetOkAsync($"/events/{id}/edit");
        await member.SubmitAsync(edit, "form.event-form", new Dictionary<string, string> { ["Input.Questions[0].Label"] = "Which city or region do you represent?" });
        Assert.Equal("Which city or region do you represent?", (await SavedAsync(id)).Questions.Single(q => q.Id == questionId).Label);

        // A draft: nobody outside the organisation sees it; its member cannot publish it, its admin does.
        using var visitor = Portal.CreateBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/events/{id}")).Status);
        var draftPage = await member.GetOkAsync($"/events/{id}");
        Assert.Null(draftPage.Document.QuerySelector("form[action*='handler=Publish']"));
        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        var page = await admin.GetOkAsync($"/events/{id}");
        await admin.SubmitAsync(page, "form[action*='handler=Publish']", new Dictionary<string, string>());
        Assert.Equal(PublicationState.Published, (await SavedAsync(id)).Publication);

        var shown = await visitor.GetOkAsync($"/events/{id}");
        var starts = shown.Document.QuerySelector("#starts")!.TextContent;
        Assert.Contains($"{day:yyyy-MM-dd} 09:00 (America/Montevideo)", starts, StringComparison.Ordinal);
        Assert.Contains($"{day:yyyy-MM-dd} 12:00 UTC", starts, StringComparison.Ordinal);
        Assert.Contains("Edificio Mercosur", shown.Document.QuerySelector("#venue")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("40", shown.Document.QuerySelector("#places")!.TextContent, StringComparison.Ordinal);
        var programme = shown.Document.QuerySelector("#programme")!.TextContent;
        Assert.Contains("Ana Pereira (Intendencia de Montevideo)", programme, StringComparison.Ordinal);
        Assert.Contains("A speaker from Red de ciudades", programme, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden Person", shown.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-room", shown.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Contains($"{day:yyyy-MM-dd} 10:00", programme, StringComparison.Ordinal);
        Assert.NotNull(shown.Document.QuerySelector($"a[href='/events/{id}.ics']"));
        Assert.NotNull(shown.Document.QuerySelector($"a[href='/initiatives/{initiative}']"));
        // In Spanish, the organisers' translation.
        using var spanish = Portal.CreateBrowser();
        spanish.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-ES,es;q=0.9");
        Assert.Equal("Ciudades del Sur y sus aliados", (await spanish.GetOkAsync($"/events/{id}")).Document.QuerySelector("h1")!.TextContent.Trim());
        var history = await visitor.GetOkAsync($"/events/{id}/history");
        Assert.Equal(3, history.Document.QuerySelectorAll("ol.history > li").Length);
    }

    [Fact]
    public async Task An_end_before_the_start_and_a_session_outside_the_event_are_refused_beside_their_fields_and_nothing_is_saved()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var before = await Portal.WithDatabaseAsync(db => db.Events.CountAsync(e => e.OwnerId == world.CsoA.Id));
        var form = await member.GetOkAsync("/events/new");
        var day = DateTime.UtcNow.Date.AddDays(10);

        var backwards = await member.SubmitAsync(form, "form.event-form", new Dictionary<string, string>
        {
            ["Input.Title"] = "An event that ends before it starts", ["Input.Description"] = "Text.", ["Input.TimeZone"] = "America/Lima",
            ["Input.StartsAt"] = Local(day.AddHours(18)), ["Input.EndsAt"] = Local(day.AddHours(9)), ["Input.Format"] = "Online", ["Input.OnlineLink"] = "https://meet.example.org/x",
        });
        Assert.Equal(HttpStatusCode.OK, backwards.Status);
        Assert.Equal("The end must come after the start.", Message(backwards, "Input.EndsAt").Trim());

        var outside = await member.SubmitAsync(form, "form.event-form", new Dictionary<string, string>
        {
            ["Input.Title"] = "An event with a session the day after", ["Input.Description"] = "Text.", ["Input.TimeZone"] = "America/Lima",
            ["Input.StartsAt"] = Local(day.AddHours(9)), ["Input.EndsAt"] = Local(day.AddHours(18)), ["Input.Format"] = "InPerson", ["Input.City"] = "",
            ["Input.Capacity"] = "many", ["Input.OnlineLink"] = "",
            ["Input.Sessions[0].StartsAt"] = Local(day.AddDays(1).AddHours(9)), ["Input.Sessions[0].EndsAt"] = Local(day.AddDays(1).AddHours(10)), ["Input.Sessions[0].Title"] = "Too late",
            ["Input.Sessions[0].Speakers[0].Organisation"] = "Somewhere",
        });
        Assert.Equal(HttpStatusCode.OK, outside.Status);
        Assert.Equal("Enter a whole number.", Message(outside, "Input.Capacity").Trim());
        // The form's own checks come first; once they pass, the event's rules speak (the session, the venue, the speaker's name).
        var rules = await member.SubmitAsync(form, "form.event-form", new Dictionary<string, string>
        {
            ["Input.Title"] = "An event with a session the day after", ["Input.Description"] = "Text.", ["Input.TimeZone"] = "America/Lima",
            ["Input.StartsAt"] = Local(day.AddHours(9)), ["Input.EndsAt"] = Local(day.AddHours(18)), ["Input.Format"] = "InPerson", ["Input.City"] = "",
            ["Input.Sessions[0].StartsAt"] = Local(day.AddDays(1).AddHours(9)), ["Input.Sessions[0].EndsAt"] = Local(day.AddDays(1).AddHours(10)), ["Input.Sessions[0].Title"] = "Too late",
            ["Input.Sessions[0].Speakers[0].Organisation"] = "Somewhere",
        });
        Assert.Equal("A session must take place between the event's start and end.", Message(rules, "Input.Sessions[0].StartsAt").Trim());
        Assert.Equal("An event held in person needs its city and country.", Message(rules, "Input.City").Trim());
        Assert.Equal("Give the speaker's name.", Message(rules, "Input.Sessions[0].Speakers[0].Name").Trim());
        Assert.Equal("Too late", rules.Document.QuerySelector("#session-0-title")!.GetAttribute("value"));

        var crafted = await member.SubmitAsync(form, "form.event-form", new Dictionary<string, string>
        {
            ["Input.Title"] = "An event of a draft initiative", ["Input.Description"] = "Text.", ["Input.Format"] = "Online", ["Input.OnlineLink"] = "https://meet.example.org/x",
            ["Input.Initiatives[0]"] = TestData.Key(await Portal.InitiativeAsync(world.AgencyG, "PE", "BO", publishedAt: null)), ["Input.ParentEventId"] = "2147483000",
        });
        Assert.False(string.IsNullOrWhiteSpace(Message(crafted, "Input.Initiatives[0]")));
        Assert.False(string.IsNullOrWhiteSpace(Message(crafted, "Input.ParentEventId")));
        Assert.Equal(before, await Portal.WithDatabaseAsync(db => db.Events.CountAsync(e => e.OwnerId == world.CsoA.Id)));
    }

    [Fact]
    public async Task Two_people_editing_at_once_get_the_conflict_and_nothing_is_overwritten()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await Portal.EventAsync(world.CsoA, published: false);
        using var member = await world.BrowserAsync(Role.CsoMember);
        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        var mine = await member.GetOkAsync($"/events/{id}/edit");
        var theirs = await admin.GetOkAsync($"/events/{id}/edit");
        await admin.SubmitAsync(theirs, "form.event-form", new Dictionary<string, string> { ["Input.Title"] = "The admin's title" });
        var conflict = await member.SubmitAsync(mine, "form.event-form", new Dictionary<string, string> { ["Input.Title"] = "The member's title" });
        Assert.Equal(HttpStatusCode.OK, conflict.Status);
        Assert.Contains("Someone else saved this record", conflict.Text, StringComparison.Ordinal);
        Assert.Equal("The admin's title", (await SavedAsync(id)).Title);
        // Saving again from the conflict keeps the member's version, knowingly.
        await member.SubmitAsync(conflict, "form.event-form", new Dictionary<string, string>());
        Assert.Equal("The member's title", (await SavedAsync(id)).Title);
    }

    [Fact]
    public async Task Its_admin_unpublishes_a_moderator_holds_and_releases_and_a_draft_is_deleted()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await Portal.EventAsync(world.AgencyG);
        using var admin = await world.BrowserAsync(Role.AgencyAdmin);
        var page = await admin.GetOkAsync($"/events/{id}");
        await admin.SubmitAsync(page, "form[action*='handler=Unpublish']", new Dictionary<string, string> { ["Reason"] = "Postponed to next year." });
        var withdrawn = await SavedAsync(id);
        Assert.Equal((PublicationState.Unpublished, false, "Postponed to next year."), (withdrawn.Publication, withdrawn.HeldByModerator, withdrawn.UnpublishedReason));
        using var visitor = Portal.CreateBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/events/{id}")).Status);
        page = await admin.GetOkAsync($"/events/{id}");
        await admin.SubmitAsync(page, "form[action*='handler=Publish']", new Dictionary<string, string>());
        Assert.Equal(PublicationState.Published, (await SavedAsync(id)).Publication);

        using var moderator = await world.BrowserAsync(Role.Moderator);
        var moderated = await moderator.GetOkAsync($"/events/{id}");
        await moderator.SubmitAsync(moderated, "form[action*='handler=Unpublish']", new Dictionary<string, string> { ["Reason"] = "Asks participants for fees." });
        Assert.True((await SavedAsync(id)).HeldByModerator);
        // Held: its admin cannot publish it again until a moderator lifts the hold.
        page = await admin.GetOkAsync($"/events/{id}");
        var refused = await admin.SubmitAsync(page, "form[action*='handler=Publish']", new Dictionary<string, string>());
        Assert.Contains("role=\"alert\"", refused.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(PublicationState.Unpublished, (await SavedAsync(id)).Publication);
        moderated = await moderator.GetOkAsync($"/events/{id}");
        await moderator.SubmitAsync(moderated, "form[action*='handler=Release']", new Dictionary<string, string>());
        Assert.False((await SavedAsync(id)).HeldByModerator);
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.EventHoldReleased && e.TargetId == TestData.Key(id))));

        // A published record is never deleted; a draft is, once the box is ticked.
        var draft = await Portal.EventAsync(world.AgencyG, published: false);
        using var member = await world.BrowserAsync(Role.AgencyMember);
        var draftPage = await member.GetOkAsync($"/events/{draft}");
        await member.SubmitAsync(draftPage, "form[action*='handler=Delete']", new Dictionary<string, string>());
        Assert.True(await Portal.WithDatabaseAsync(db => db.Events.AnyAsync(e => e.Id == draft)));
        await member.SubmitAsync(draftPage, "form[action*='handler=Delete']", new Dictionary<string, string> { ["Confirm"] = "true" });
        Assert.False(await Portal.WithDatabaseAsync(db => db.Events.AnyAsync(e => e.Id == draft)));
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.EventDeleted && e.TargetId == TestData.Key(draft))));
    }

    [Fact]
    public async Task A_co_organiser_confirms_from_its_own_account_and_only_then_edits_the_event()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await Portal.EventAsync(world.CsoA, published: false);
        var other = await Portal.MemberAsync(world.CsoB, MembershipRole.Member, MembershipStatus.Active);
        using var partner = await Portal.BrowserOfAsync(other);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/events/{id}/edit")).Status);

        using var member = await world.BrowserAsync(Role.CsoMember);
        var page = await member.GetOkAsync($"/events/{id}");
        await member.SubmitAsync(page, "form[action*='handler=Invite']", new Dictionary<string, string> { ["OrganisationId"] = TestData.Key(world.CsoB.Id) });
        Assert.Equal(CoOrganiserState.Invited, Assert.Single((await SavedAsync(id)).CoOrganisers).State);
        Assert.True(await Portal.WithDatabaseAsync(db => db.Notifications.AnyAsync(n => n.UserId == other && n.Kind == NotificationKind.CoOrganiserInvited && n.Path == $"/events/{id}")));
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.CoOrganiserInvited && e.TargetId == TestData.Key(id))));

        // Invited, not confirmed: B's member reads the draft to decide, but cannot edit it; another organisation cannot answer for B.
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/events/{id}/edit")).Status);
        var invited = await partner.GetOkAsync($"/events/{id}");
        Assert.Null(invited.Document.QuerySelector($"a[href='/events/{id}/edit']"));
        using var third = await world.BrowserAsync(Role.AgencyMember);
        var crafted = await third.PostCraftedAsync($"/events/{id}?handler=Confirm", [new("OrganisationId", TestData.Key(world.CsoB.Id))]);
        Assert.Equal(HttpStatusCode.NotFound, crafted.StatusCode);
        Assert.Equal(CoOrganiserState.Invited, Assert.Single((await SavedAsync(id)).CoOrganisers).State);

        await partner.SubmitAsync(invited, "form[action*='handler=Confirm']", new Dictionary<string, string>());
        Assert.Equal(CoOrganiserState.Confirmed, Assert.Single((await SavedAsync(id)).CoOrganisers).State);
        var memberA = world.UserIds[Role.CsoMember]!;
        Assert.True(await Portal.WithDatabaseAsync(db => db.Notifications.AnyAsync(n => n.UserId == memberA && n.Kind == NotificationKind.CoOrganiserAnswered && n.Path == $"/events/{id}")));
        var edit = await partner.GetOkAsync($"/events/{id}/edit");
        await partner.SubmitAsync(edit, "form.event-form", new Dictionary<string, string> { ["Input.Title"] = "Co-organised by B" });
        Assert.Equal("Co-organised by B", (await SavedAsync(id)).Title);
        // B is listed among the organisers; it may not name further co-organisers (that is the owner's).
        var shown = await partner.GetOkAsync($"/events/{id}");
        Assert.Equal("Confirmed", shown.Document.QuerySelector($"#co-organiser-{world.CsoB.Id}")!.GetAttribute("data-state"));
        Assert.Null(shown.Document.QuerySelector("form[action*='handler=Invite']"));

        // The owner takes B off: it no longer edits.
        page = await member.GetOkAsync($"/events/{id}");
        await member.SubmitAsync(page, $"#co-organiser-{world.CsoB.Id} form[action*='handler=Remove']", new Dictionary<string, string>());
        Assert.Empty((await SavedAsync(id)).CoOrganisers);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/events/{id}/edit")).Status);
    }

    [Fact]
    public async Task Crafted_ids_get_a_404_or_a_403_and_change_nothing()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var draft = await Portal.EventAsync(world.CsoA, published: false);
        var published = await Portal.EventAsync(world.CsoA);
        using var agency = await world.BrowserAsync(Role.AgencyAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await agency.GetAsync($"/events/{draft}/edit")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await agency.GetAsync($"/events/{published}/edit")).Status);
        var before = await SavedAsync(published);
        var post = await agency.PostCraftedAsync($"/events/{published}/edit", [new("Input.Title", "Taken over"), new("Input.Version", "1")]);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        var publish = await agency.PostCraftedAsync($"/events/{draft}?handler=Publish", [new("Version", "1")]);
        Assert.Equal(HttpStatusCode.NotFound, publish.StatusCode);
        var invite = await agency.PostCraftedAsync($"/events/{published}?handler=Invite", [new("OrganisationId", TestData.Key(world.AgencyG.Id))]);
        Assert.Equal(HttpStatusCode.Forbidden, invite.StatusCode);
        // A new event for an organisation the person is not a member of.
        var foreign = await agency.PostCraftedAsync("/events/new", [new("Input.OwnerId", TestData.Key(world.CsoA.Id)), new("Input.Title", "Not ours"), new("Input.Description", "x")]);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.False(await Portal.WithDatabaseAsync(db => db.Events.AnyAsync(e => e.Title == "Not ours")));
        var after = await SavedAsync(published);
        Assert.Equal((before.Title, before.Version, 0), (after.Title, after.Version, after.CoOrganisers.Count));
        Assert.Equal(HttpStatusCode.NotFound, (await agency.GetAsync("/events/2147483000")).Status);
    }

    [Fact]
    public async Task The_events_calendar_file_has_its_time_zone_and_instants_and_never_the_online_link()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var start = DateTime.UtcNow.Date.AddDays(40).AddHours(13);
        var id = await Portal.EventAsync(world.CsoA, EventData.Content(TestData.Unique("Calendar seminar"), start));
        using var visitor = Portal.CreateBrowser();
        var response = await visitor.Http.GetAsync(new Uri($"/events/{id}.ics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"event-{id}.ics", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("meet.example.org", text, StringComparison.Ordinal);
        var calendar = Ical.Net.Calendar.Load(text)!;
        var entry = Assert.Single(calendar.Events);
        Assert.Equal("America/Montevideo", entry.DtStart!.TzId);
        Assert.Equal(start, entry.DtStart.AsUtc);
        Assert.Equal(start.AddHours(30), entry.DtEnd!.AsUtc);
        Assert.Contains(calendar.TimeZones, z => z.TzId == "America/Montevideo");
        Assert.Contains($"/events/{id}", entry.Url!.ToString(), StringComparison.Ordinal);

        // A draft's file: its organisers only.
        var draft = await Portal.EventAsync(world.CsoA, published: false);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/events/{draft}.ics")).Status);
        using var member = await world.BrowserAsync(Role.CsoMember);
        Assert.Equal(HttpStatusCode.OK, (await member.Http.GetAsync(new Uri($"/events/{draft}.ics", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/events/2147483000.ics")).Status);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class EventsOnSqlite(SqlitePortalFixture fixture) : EventTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class EventsOnPostgres(PostgresPortalFixture fixture) : EventTests(fixture);

/// <summary>
/// A published event's date changed through its form: everyone registered or on its waiting list receives, through the outbox
/// and a real SMTP server, the new details in their own language with the updated calendar file; only registered people get
/// the online link. Unconfirmed visitors are not written to.
/// </summary>
public abstract class EventChangeMailTests(MailFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;
    private TestSmtpServer Smtp => fixture.Smtp;

    private static string Address() => $"{Guid.NewGuid():N}@mail.example.org";

    private static string CalendarOf(MimeMessage mail)
    {
        var part = Assert.Single(mail.Attachments.OfType<MimePart>());
        Assert.Equal("text/calendar", part.ContentType.MimeType);
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task A_change_of_date_mails_registered_and_waiting_people_the_new_calendar_file()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var start = DateTime.UtcNow.Date.AddDays(30).AddHours(13);
        var id = await Portal.EventAsync(world.CsoA, EventData.Content(TestData.Unique("Rescheduled seminar"), start, capacity: 1));
        var registered = Address();
        var waiting = Address();
        var unconfirmed = Address();
        await Portal.RegistrationAsync(id, registered);
        await Portal.RegistrationAsync(id, waiting, state: RegistrationState.Waiting);
        await Portal.RegistrationAsync(id, unconfirmed, state: RegistrationState.Unconfirmed);
        await Portal.WithDatabaseAsync(db => db.EventRegistrations.Where(r => r.Email == waiting).ExecuteUpdateAsync(s => s.SetProperty(r => r.MailLanguage, "es")));

        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        var edit = await admin.GetOkAsync($"/events/{id}/edit");
        var newStart = CallTimeZonesLocal(start.AddDays(7));
        var saved = await admin.SubmitAsync(edit, "form.event-form", new Dictionary<string, string>
        {
            ["Input.StartsAt"] = newStart.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            ["Input.EndsAt"] = newStart.AddHours(30).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            ["Input.Sessions[0].StartsAt"] = newStart.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            ["Input.Sessions[0].EndsAt"] = newStart.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
        });
        Assert.Equal($"/events/{id}", saved.Address.AbsolutePath);
        Assert.Equal(start.AddDays(7), await Portal.WithDatabaseAsync(db => db.Events.Where(e => e.Id == id).Select(e => e.StartsAt).SingleAsync()));

        var toRegistered = await Smtp.WaitForAsync(registered);
        Assert.Contains("changed", toRegistered.Subject, StringComparison.Ordinal);
        Assert.Contains("https://meet.example.org/mercociudades-seminar", toRegistered.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{MailFixture.PublicUrl}/events/{id}", toRegistered.TextBody, StringComparison.Ordinal);
        var calendar = Ical.Net.Calendar.Load(CalendarOf(toRegistered))!;
        var entry = Assert.Single(calendar.Events);
        Assert.Equal("America/Montevideo", entry.DtStart!.TzId);
        Assert.Equal(start.AddDays(7), entry.DtStart.AsUtc);
        Assert.Contains("meet.example.org", entry.Description, StringComparison.Ordinal);

        var toWaiting = await Smtp.WaitForAsync(waiting);
        Assert.Equal("es", toWaiting.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.Contains("cambió", toWaiting.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("meet.example.org", toWaiting.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("meet.example.org", CalendarOf(toWaiting), StringComparison.Ordinal);
        Assert.Empty(await Portal.WithDatabaseAsync(db => db.OutboxMessages.Where(m => m.To == unconfirmed).ToListAsync()));

        // A change that does not touch the date, place or link (the title) mails nobody.
        edit = await admin.GetOkAsync($"/events/{id}/edit");
        await admin.SubmitAsync(edit, "form.event-form", new Dictionary<string, string> { ["Input.Title"] = TestData.Unique("Renamed seminar") });
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.OutboxMessages.CountAsync(m => m.To == registered)));
    }

    private static DateTime CallTimeZonesLocal(DateTime utc) => CallTimeZones.ToLocal(utc, "America/Montevideo");
}

[Collection(SqliteMailSuite.Name)]
public sealed class EventChangeMailOnSqlite(SqliteMailFixture fixture) : EventChangeMailTests(fixture);

[Collection(PostgresMailSuite.Name)]
public sealed class EventChangeMailOnPostgres(PostgresMailFixture fixture) : EventChangeMailTests(fixture);
