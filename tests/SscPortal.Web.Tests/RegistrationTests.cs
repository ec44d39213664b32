using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Events;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Registering for events (issue 20) over HTTP with a real SMTP server and a settable clock: a signed-in person registers (a
/// place, the mail with the .ics parsed back by Ical.Net), a visitor confirms their address by the mailed link and waits,
/// moves up by mail when a place frees; cancel by link and from /my/registrations; the refusals (past, closed, unpublished,
/// full without a waiting list, twice, unconfirmed address, missing answers, crafted ids) with nothing saved; capacity under
/// concurrent confirmations; the organisers' list, CSV, message and attendance, and who may see them; the retention job.
/// </summary>
public abstract partial class RegistrationTests(RegistrationPortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;
    private TestSmtpServer Smtp => fixture.Smtp;

    [GeneratedRegex(@"https://portal\.example\.org/events/registrations/(confirm|cancel)\?token=[A-Za-z0-9_\-%]+")]
    private static partial Regex MailLink();

    private static string LinkIn(MimeMessage mail, string kind) =>
        MailLink().Matches(mail.TextBody ?? "").Select(m => m.Value).First(v => v.Contains("/" + kind + "?", StringComparison.Ordinal));

    private static string PathOf(string link) => new Uri(link).PathAndQuery;

    private static string CalendarIn(MimeMessage mail)
    {
        var part = mail.Attachments.OfType<MimePart>().Single(p => p.ContentType.MimeType == "text/calendar");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private Task<string> EmailOfAsync(string userId) => Portal.WithDatabaseAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync());

    private Task<List<EventRegistration>> RegistrationsOfAsync(int eventId) =>
        Portal.WithDatabaseAsync(db => db.EventRegistrations.AsNoTracking().Where(r => r.EventId == eventId).OrderBy(r => r.Id).ToListAsync());

    private Task<int> PlacesTakenAsync(int eventId) => Portal.WithDatabaseAsync(db => db.Events.Where(e => e.Id == eventId).Select(e => e.RegisteredCount).SingleAsync());

    /// <summary>A new e-mail address (TestData.Unique has a space).</summary>
    private static string Address(string prefix) => $"{prefix}-{Guid.NewGuid():N}@example.org";

    /// <summary>A form posted directly by a visitor, with the antiforgery token of a page that has a form (the visitor has no sign-out form).</summary>
    private static async Task<HttpResponseMessage> PostAsVisitorAsync(HtmlClient visitor, string formPage, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await visitor.GetOkAsync(formPage);
        var form = fields.Append(new("__RequestVerificationToken", AccessWorld.TokenIn(page.Document.DocumentElement.OuterHtml)));
        return await visitor.Http.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    private static string Key(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<T[]> SequentiallyAsync<T>(IEnumerable<string> items, Func<string, Task<T>> work)
    {
        var results = new List<T>();
        foreach (var item in items) results.Add(await work(item));
        return [.. results];
    }

    private Task<int> QuestionOfAsync(int eventId) => Portal.WithDatabaseAsync(db => db.Events.Where(e => e.Id == eventId).SelectMany(e => e.Questions).Select(q => q.Id).FirstAsync());

    [Fact]
    public async Task A_member_registers_with_the_calendar_file_a_visitor_confirms_by_mail_and_waits_and_moves_up_when_the_member_cancels()
    {
        fixture.Clock.At = null;
        await using var world = await AccessWorld.CreateAsync(Portal);
        var eventId = await Portal.EventAsync(world.CsoA, EventData.Content(TestData.Unique("Mercociudades seminar"), capacity: 1));
        var question = await QuestionOfAsync(eventId);
        var memberId = world.UserIds[Role.NoOrganisation]!;
        var memberEmail = await EmailOfAsync(memberId);

        // A signed-in person: their account's address, a place at once, the mail with the .ics (zone, online link) and a cancel link.
        using var member = await world.BrowserAsync(Role.NoOrganisation);
        var form = await member.GetOkAsync($"/events/{eventId}/register");
        Assert.Null(form.Document.QuerySelector("#Input_Email"));
        var registered = await member.SubmitAsync(form, "form.registration-form", new Dictionary<string, string>
        {
            ["Input.Name"] = "Lucía Fernández", ["Input.CountryCode"] = "UY", [$"Input.Answers[{question}]"] = "Montevideo", ["Input.Gender"] = "woman",
            ["Input.LanguagesNeeded"] = "pt",
        });
        Assert.Equal("/my/registrations", registered.Address.AbsolutePath);
        Assert.Contains("Registered", registered.Document.QuerySelector(".registration .state")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("https://meet.example.org/mercociudades-seminar", registered.Document.QuerySelector(".online-link")!.GetAttribute("href"));
        var own = Assert.Single(await RegistrationsOfAsync(eventId));
        Assert.Equal((RegistrationState.Registered, memberEmail.ToLowerInvariant(), memberId, "UY"), (own.State, own.Email, own.UserId, own.CountryCode));
        Assert.Equal(1, await PlacesTakenAsync(eventId));
        var placeMail = await Smtp.WaitForAsync(memberEmail);
        var calendar = Ical.Net.Calendar.Load(CalendarIn(placeMail))!;
        var entry = Assert.Single(calendar.Events);
        Assert.Equal("America/Montevideo", entry.DtStart!.TzId);
        Assert.Contains("https://meet.example.org/mercociudades-seminar", entry.Description, StringComparison.Ordinal);
        Assert.Single(calendar.TimeZones);
        Assert.Contains("/events/registrations/cancel?token=", placeMail.TextBody, StringComparison.Ordinal);
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.RegistrationMade && e.TargetId == Key(own.Id))));

        // Twice: refused, nothing more saved.
        var again = await member.GetOkAsync($"/events/{eventId}/register");
        Assert.NotNull(again.Document.QuerySelector(".registration-state"));
        var crafted = await member.PostCraftedAsync($"/events/{eventId}/register", [new("Input.Name", "Again"), new($"Input.Answers[{question}]", "x")]);
        Assert.Equal(HttpStatusCode.OK, crafted.StatusCode);
        Assert.Single(await RegistrationsOfAsync(eventId));

        // A visitor: the registration holds nothing until the address is confirmed; the link's GET changes nothing.
        var visitor = Portal.CreateBrowser();
        var visitorForm = await visitor.GetOkAsync($"/events/{eventId}/register");
        Assert.NotNull(visitorForm.Document.QuerySelector(".privacy-note"));
        var visitorEmail = Address("visitor");
        var sent = await visitor.SubmitAsync(visitorForm, "form.registration-form", new Dictionary<string, string>
        {
            ["Input.Name"] = "Kwame Mensah", ["Input.Email"] = visitorEmail.ToUpperInvariant(), [$"Input.Answers[{question}]"] = "Accra", ["Input.CountryCode"] = "GH",
        });
        Assert.Contains("Almost done", sent.Text, StringComparison.Ordinal);
        var waiting = (await RegistrationsOfAsync(eventId)).Single(r => r.UserId == null);
        Assert.Equal((RegistrationState.Unconfirmed, visitorEmail.ToLowerInvariant()), (waiting.State, waiting.Email));
        Assert.Equal(1, await PlacesTakenAsync(eventId));
        var confirmMail = await Smtp.WaitForAsync(visitorEmail.ToLowerInvariant());
        var confirmLink = LinkIn(confirmMail, "confirm");
        Assert.Equal(Registrations.HashOf(Uri.UnescapeDataString(confirmLink.Split("token=")[1])), waiting.TokenHash);
        var confirmPage = await visitor.GetOkAsync(PathOf(confirmLink));
        Assert.Equal(RegistrationState.Unconfirmed, (await RegistrationsOfAsync(eventId)).Single(r => r.Id == waiting.Id).State);
        var confirmed = await visitor.SubmitAsync(confirmPage, "form[action='/events/registrations/confirm']", new Dictionary<string, string>());
        Assert.Contains("waiting list", confirmed.Text, StringComparison.Ordinal);
        var onList = (await RegistrationsOfAsync(eventId)).Single(r => r.Id == waiting.Id);
        Assert.Equal(RegistrationState.Waiting, onList.State);
        Assert.NotNull(onList.WaitingSince);
        await Eventually.TrueAsync(() => Task.FromResult(Smtp.To(visitorEmail.ToLowerInvariant()).Any(m => (m.Subject ?? "").Contains("waiting list", StringComparison.Ordinal))), "the waiting-list mail");

        // The member deletes their registration: their data goes, the place goes to the visitor, who is told by mail with the .ics.
        var mine = await member.GetOkAsync("/my/registrations");
        var cancelled = await member.SubmitAsync(mine, $"#registration-{own.Id} form", new Dictionary<string, string>());
        Assert.Contains("cancelled", cancelled.Text, StringComparison.Ordinal);
        var left = Assert.Single(await RegistrationsOfAsync(eventId));
        Assert.Equal((waiting.Id, RegistrationState.Registered), (left.Id, left.State));
        Assert.Null(left.WaitingSince);
        Assert.Equal(1, await PlacesTakenAsync(eventId));
        Assert.Equal(0, await Portal.WithDatabaseAsync(db => db.Set<EventAnswer>().CountAsync(a => a.RegistrationId == own.Id)));
        await Eventually.TrueAsync(() => Task.FromResult(Smtp.To(visitorEmail.ToLowerInvariant()).Any(m => (m.Subject ?? "").Contains("A place freed", StringComparison.Ordinal))), "the promotion mail");
        var promotion = Smtp.To(visitorEmail.ToLowerInvariant()).Single(m => (m.Subject ?? "").Contains("A place freed", StringComparison.Ordinal));
        Assert.Equal("America/Montevideo", Assert.Single(Ical.Net.Calendar.Load(CalendarIn(promotion))!.Events).DtStart!.TzId);
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.RegistrationPromoted && e.TargetId == Key(waiting.Id))));

        // The visitor cancels with the promotion mail's link, without signing in: GET shows, POST cancels; the link then is unknown.
        var cancelLink = PathOf(LinkIn(promotion, "cancel"));
        var cancelPage = await visitor.GetOkAsync(cancelLink);
        Assert.Single(await RegistrationsOfAsync(eventId));
        await visitor.SubmitAsync(cancelPage, "form[action='/events/registrations/cancel']", new Dictionary<string, string>());
        Assert.Empty(await RegistrationsOfAsync(eventId));
        Assert.Equal(0, await PlacesTakenAsync(eventId));
        var gone = await visitor.GetAsync(cancelLink);
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Contains("not valid", gone.Text, StringComparison.Ordinal);
        var earlier = await visitor.GetAsync(PathOf(confirmLink));
        Assert.Equal(HttpStatusCode.NotFound, earlier.Status);
    }

    [Fact]
    public async Task Past_closed_unpublished_full_and_incomplete_registrations_and_crafted_ids_are_refused_with_nothing_saved()
    {
        fixture.Clock.At = null;
        await using var world = await AccessWorld.CreateAsync(Portal);
        var past = await Portal.EventAsync(world.CsoA, EventData.Content(TestData.Unique("Past"), startsAt: DateTime.UtcNow.Date.AddDays(-20)));
        var closed = await Portal.EventAsync(world.CsoA, EventData.Content(TestData.Unique("Closed"), registrationOpen: false));
        var draft = await Portal.EventAsync(world.CsoA, EventData.Content(TestData.Unique("Draft")), published: false);
        var full = await Portal.EventAsync(world.CsoA, EventData.Content(TestData.Unique("Full"), capacity: 1, waitingList: false));
        await Portal.RegistrationAsync(full, Address("first"));
        var open = await Portal.EventAsync(world.CsoA, EventData.Content(TestData.Unique("Open")));
        var visitor = Portal.CreateBrowser();
        using var member = await world.BrowserAsync(Role.NoOrganisation);

        foreach (var (id, says) in new[] { (past, "already ended"), (closed, "closed"), (full, "full and has no waiting list") })
        {
            var page = await visitor.GetOkAsync($"/events/{id}/register");
            Assert.Contains(says, page.Document.QuerySelector(".registration-refused")!.TextContent, StringComparison.Ordinal);
            Assert.Null(page.Document.QuerySelector("form.registration-form"));
            var question = await QuestionOfAsync(id);
            var posted = await member.PostCraftedAsync($"/events/{id}/register",
                [new("Input.Name", "Someone"), new("Input.Email", Address("x")), new($"Input.Answers[{question}]", "Here")]);
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }
        Assert.Empty(await RegistrationsOfAsync(past));
        Assert.Empty(await RegistrationsOfAsync(closed));
        Assert.Single(await RegistrationsOfAsync(full));
        Assert.Equal(1, await PlacesTakenAsync(full));

        // A draft is not there for visitors; a guessed id neither.
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/events/{draft}/register")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await member.PostCraftedAsync($"/events/{draft}/register", [new("Input.Name", "Someone")])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/events/2147483000/register")).Status);
        Assert.Empty(await RegistrationsOfAsync(draft));

        // Missing name, a bad address, the required question unanswered, an unknown country: said beside the fields.
        var form = await visitor.GetOkAsync($"/events/{open}/register");
        var wrong = await visitor.SubmitAsync(form, "form.registration-form", new Dictionary<string, string> { ["Input.Email"] = "not-an-address" });
        var openQuestion = await QuestionOfAsync(open);
        Assert.Contains("Give your name.", wrong.Document.QuerySelector("#name-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("valid e-mail", wrong.Document.QuerySelector("#email-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Answer this question.", wrong.Document.QuerySelector($"#answer-{openQuestion}-error")!.TextContent, StringComparison.Ordinal);
        var crafted = await PostAsVisitorAsync(visitor, $"/events/{open}/register", $"/events/{open}/register", [new("Input.Name", "X"), new("Input.Email", "x@example.org"),
            new($"Input.Answers[{openQuestion}]", "Here"), new("Input.Gender", "robot"), new("Input.Answers[2147483000]", "Unknown question")]);
        Assert.Equal(HttpStatusCode.OK, crafted.StatusCode);
        Assert.Empty(await RegistrationsOfAsync(open));

        // A visitor whose address is not confirmed yet cannot register it again: they are told to confirm.
        var email = Address("pending");
        await Portal.RegistrationAsync(open, email, state: RegistrationState.Unconfirmed);
        var pending = await PostAsVisitorAsync(visitor, $"/events/{open}/register", $"/events/{open}/register", [new("Input.Name", "Again"), new("Input.Email", email), new($"Input.Answers[{openQuestion}]", "Here")]);
        Assert.Contains("Confirm your e-mail address first", await pending.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await RegistrationsOfAsync(open));

        // An account whose address is not confirmed may not register either.
        var unconfirmedUser = await Portal.MemberAsync(null, MembershipRole.Member, MembershipStatus.Active);
        await Portal.WithDatabaseAsync(db => db.Users.Where(u => u.Id == unconfirmedUser).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, false)));
        var refused = await Portal.WithServicesAsync(services => Registrations.Of(services).RegisterAsync(open,
            new RegistrationForm("Name", null, null, null, null, null, [], null, null, new Dictionary<int, string?> { [openQuestion] = "Here" }),
            new Registrant(unconfirmedUser, "someone@example.org", EmailConfirmed: false), "en", CancellationToken.None));
        Assert.Equal(RuleCode.AddressNotConfirmed, Assert.Single(Assert.IsType<RegistrationOutcome.Refused>(refused).Reasons).Code);
        Assert.Single(await RegistrationsOfAsync(open));

        // Unknown links: a clear message, 404, nothing done.
        var unknown = await visitor.GetAsync("/events/registrations/confirm?token=not-a-real-secret");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("not valid", unknown.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsVisitorAsync(visitor, $"/events/{open}/register", "/events/registrations/cancel", [new("Token", "not-a-real-secret")])).StatusCode);

        // An expired confirmation link (older than UnconfirmedHours) is said to be expired and confirms nothing.
        var secret = Registrations.NewSecret();
        var old = await Portal.RegistrationAsync(open, Address("old"), state: RegistrationState.Unconfirmed, tokenHash: Registrations.HashOf(secret));
        await Portal.WithDatabaseAsync(db => db.EventRegistrations.Where(r => r.Id == old).ExecuteUpdateAsync(u => u.SetProperty(r => r.CreatedAt, DateTime.UtcNow.AddHours(-49))));
        var expired = await PostAsVisitorAsync(visitor, $"/events/{open}/register", "/events/registrations/confirm", [new("Token", secret)]);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(RegistrationState.Unconfirmed, (await RegistrationsOfAsync(open)).Single(r => r.Id == old).State);
    }

    [Fact]
    public async Task Concurrent_confirmations_never_take_more_places_than_there_are()
    {
        fixture.Clock.At = null;
        await using var world = await AccessWorld.CreateAsync(Portal);
        var eventId = await Portal.EventAsync(world.CsoA, EventData.Content(TestData.Unique("Small room"), capacity: 5));
        var secrets = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var secret = Registrations.NewSecret();
            secrets.Add(secret);
            await Portal.RegistrationAsync(eventId, Address($"p{i}"), state: RegistrationState.Unconfirmed, tokenHash: Registrations.HashOf(secret));
        }
        async Task<RegistrationOutcome> ConfirmAsync(string secret) =>
            await Portal.WithServicesAsync(services => Registrations.Of(services).ConfirmAsync(secret, CancellationToken.None));
        // On PostgreSQL at once (the database decides); SQLite, with one writer at a time, one after another.
        var outcomes = Portal.Provider == DatabaseProvider.Postgres
            ? await Task.WhenAll(secrets.Select(s => Task.Run(() => ConfirmAsync(s))))
            : await SequentiallyAsync(secrets, ConfirmAsync);
        Assert.All(outcomes, o => Assert.IsType<RegistrationOutcome.Done>(o));
        var rows = await RegistrationsOfAsync(eventId);
        Assert.Equal(5, rows.Count(r => r.State == RegistrationState.Registered));
        Assert.Equal(15, rows.Count(r => r.State == RegistrationState.Waiting));
        Assert.Equal(5, await PlacesTakenAsync(eventId));
    }

    [Fact]
    public async Task Organisers_list_export_message_and_mark_attendance_and_nobody_else_sees_the_participants()
    {
        fixture.Clock.At = null;
        await using var world = await AccessWorld.CreateAsync(Portal);
        var eventId = await Portal.EventAsync(world.CsoA, EventData.Content(TestData.Unique("Panel"), capacity: 2), coOrganisers: [world.AgencyG], confirmed: false);
        var first = Address("first");
        var second = Address("second");
        var third = Address("third");
        var outsider = Address("outsider");
        var one = await Portal.RegistrationAsync(eventId, first, country: "AR");
        await Portal.RegistrationAsync(eventId, second, country: "BR");
        await Portal.RegistrationAsync(eventId, third, state: RegistrationState.Waiting);
        var otherEvent = await Portal.EventAsync(world.CsoB, EventData.Content(TestData.Unique("Another")));
        var elsewhere = await Portal.RegistrationAsync(otherEvent, outsider);

        using var organiser = await world.BrowserAsync(Role.CsoMember);
        var page = await organiser.GetOkAsync($"/events/{eventId}/registrations");
        Assert.Equal(2, page.Document.QuerySelectorAll("table.registered tbody tr").Length);
        Assert.Contains(third, page.Document.QuerySelector("ol.waiting-list")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("0", page.Document.QuerySelector(".places-left")!.TextContent.Trim());

        // CSV: both registered and the waiting list, with the answers; audited.
        var csv = await organiser.Http.GetAsync(new Uri($"/events/{eventId}/registrations?handler=Csv", UriKind.Relative));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var records = SscPortal.Web.OpenData.Csv.Parse((await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), 100);
        Assert.Equal(4, records.Count);
        Assert.Equal("Which city do you represent?", records[0][^1]);
        Assert.Contains(records, r => r.Contains(first) && r.Contains("Rosario"));
        Assert.DoesNotContain(records, r => r.Contains(outsider));
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.RegistrationsExported && e.TargetId == Key(eventId))));

        // Attendance, audited; a registration of another event crafted into the form: 404, unchanged.
        var marked = await organiser.SubmitAsync(page, $"#registration-{one} form", new Dictionary<string, string> { ["Attended"] = "yes" });
        Assert.Equal(HttpStatusCode.OK, marked.Status);
        Assert.True((await RegistrationsOfAsync(eventId)).Single(r => r.Id == one).Attended);
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.AttendanceMarked && e.TargetId == Key(one))));
        var crafted = await organiser.PostCraftedAsync($"/events/{eventId}/registrations?handler=Attendance", [new("RegistrationId", Key(elsewhere)), new("Attended", "yes")]);
        Assert.Equal(HttpStatusCode.NotFound, crafted.StatusCode);
        Assert.Null((await RegistrationsOfAsync(otherEvent)).Single().Attended);

        // A message to the registered people only (not the waiting list, not another event's people).
        var subject = TestData.Unique("Room change");
        page = await organiser.GetOkAsync($"/events/{eventId}/registrations");
        var empty = await organiser.SubmitAsync(page, "form.message-form", new Dictionary<string, string> { ["Subject"] = "" });
        Assert.Contains("subject", empty.Document.QuerySelector("#subject-error")!.TextContent, StringComparison.Ordinal);
        var sent = await organiser.SubmitAsync(page, "form.message-form", new Dictionary<string, string> { ["Subject"] = subject, ["Body"] = "We meet in Sala 2." });
        Assert.Contains("sent to 2 people", sent.Text, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => Task.FromResult(Smtp.To(first).Any(m => (m.Subject ?? "").StartsWith(subject, StringComparison.Ordinal))
                                                            && Smtp.To(second).Any(m => (m.Subject ?? "").StartsWith(subject, StringComparison.Ordinal))), "the message to both");
        Assert.DoesNotContain(Smtp.To(third), m => (m.Subject ?? "").StartsWith(subject, StringComparison.Ordinal));
        Assert.DoesNotContain(Smtp.To(outsider), m => (m.Subject ?? "").StartsWith(subject, StringComparison.Ordinal));
        var message = await Portal.WithDatabaseAsync(db => db.EventMessages.SingleAsync(m => m.EventId == eventId));
        Assert.Equal((2, false), (message.Recipients, message.ToWaitingList));

        // Everyone else: the co-organiser before confirming, other members, moderators, administrators: 403; visitors sign in.
        foreach (var role in new[] { Role.AgencyMember, Role.AgencyAdmin, Role.NoOrganisation, Role.Moderator, Role.Administrator })
        {
            using var other = await world.BrowserAsync(role);
            var refused = await other.GetAsync($"/events/{eventId}/registrations");
            Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
            Assert.DoesNotContain(first, refused.Text, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.GetAsync(new Uri($"/events/{eventId}/registrations?handler=Csv", UriKind.Relative))).StatusCode);
        }
        var anonymous = Portal.CreateBrowser();
        Assert.Contains("/account/login", (await anonymous.GetAsync($"/events/{eventId}/registrations")).Address.AbsolutePath, StringComparison.Ordinal);
        // A participant sees only their own: another person's registration cannot be cancelled from /my/registrations.
        using var participant = await world.BrowserAsync(Role.NoOrganisation);
        Assert.DoesNotContain(first, (await participant.GetOkAsync("/my/registrations")).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await participant.PostCraftedAsync("/my/registrations?handler=Cancel", [new("RegistrationId", Key(one))])).StatusCode);
        Assert.Equal(3, (await RegistrationsOfAsync(eventId)).Count);

        // Once the co-organiser confirms, its members are organisers too.
        await Portal.WithDatabaseAsync(db => db.EventOrganisers.Where(o => o.EventId == eventId).ExecuteUpdateAsync(u => u.SetProperty(o => o.State, CoOrganiserState.Confirmed)));
        using var coOrganiser = await world.BrowserAsync(Role.AgencyMember);
        Assert.Equal(2, (await coOrganiser.GetOkAsync($"/events/{eventId}/registrations")).Document.QuerySelectorAll("table.registered tbody tr").Length);
    }

    [Fact]
    public async Task The_retention_job_deletes_personal_data_after_the_event_leaving_correct_tallies_and_unconfirmed_registrations_after_their_hours()
    {
        fixture.Clock.At = null;
        await using var world = await AccessWorld.CreateAsync(Portal);
        var ended = await Portal.EventAsync(world.CsoA, EventData.Content(TestData.Unique("BAPA+40 side event"), startsAt: DateTime.UtcNow.Date.AddDays(-3)));
        await Portal.RegistrationAsync(ended, Address("a"), country: "AR", organisationType: ActorType.NationalCso, gender: "woman", attended: true);
        await Portal.RegistrationAsync(ended, Address("b"), country: "AR", organisationType: ActorType.LocalGovernment, gender: "man", attended: false);
        await Portal.RegistrationAsync(ended, Address("c"), country: "KE", organisationType: ActorType.NationalCso, gender: null, attended: true);
        await Portal.RegistrationAsync(ended, Address("d"), state: RegistrationState.Waiting);
        var upcoming = await Portal.EventAsync(world.CsoA, EventData.Content(TestData.Unique("Upcoming"), startsAt: DateTime.UtcNow.Date.AddDays(300).AddHours(13)));
        var kept = await Portal.RegistrationAsync(upcoming, Address("kept"));
        var fresh = await Portal.RegistrationAsync(upcoming, Address("fresh"), state: RegistrationState.Unconfirmed);
        var stale = await Portal.RegistrationAsync(upcoming, Address("stale"), state: RegistrationState.Unconfirmed);
        await Portal.WithDatabaseAsync(db => db.EventRegistrations.Where(r => r.Id == stale).ExecuteUpdateAsync(u => u.SetProperty(r => r.CreatedAt, DateTime.UtcNow.AddHours(-49))));

        async Task<(int Events, int Unconfirmed)> RunAtAsync(DateTime at) =>
            await Portal.WithServicesAsync(services => ActivatorUtilities.GetServiceOrCreateInstance<RegistrationRetention>(services).RunAsync(at, CancellationToken.None));

        // Five months after: the event's data stays; only the stale unconfirmed registration goes.
        fixture.Clock.At = DateTimeOffset.UtcNow.AddMonths(5);
        await RunAtAsync(fixture.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(4, (await RegistrationsOfAsync(ended)).Count);
        var upcomingRows = (await RegistrationsOfAsync(upcoming)).Select(r => r.Id).ToList();
        Assert.Contains(kept, upcomingRows);
        Assert.DoesNotContain(stale, upcomingRows);

        // Seven months after: personal data gone, tallies of those who held a place, the event marked, audited.
        fixture.Clock.At = DateTimeOffset.UtcNow.AddMonths(7);
        var ran = await RunAtAsync(fixture.Clock.GetUtcNow().UtcDateTime);
        Assert.True(ran.Events >= 1);
        Assert.Empty(await RegistrationsOfAsync(ended));
        Assert.Equal(0, await Portal.WithDatabaseAsync(db => db.Set<EventAnswer>().CountAsync(a => db.EventRegistrations.All(r => r.Id != a.RegistrationId))));
        Assert.NotNull(await Portal.WithDatabaseAsync(db => db.Events.Where(e => e.Id == ended).Select(e => e.ParticipantDataDeletedAt).SingleAsync()));
        var tallies = await Portal.WithDatabaseAsync(db => db.EventTallies.AsNoTracking().Where(t => t.EventId == ended).ToListAsync());
        (int, int) Count(string dimension, string key) => tallies.Where(t => t.Dimension == dimension && t.Key == key).Select(t => (t.Registered, t.Attended)).SingleOrDefault();
        Assert.Equal((3, 2), Count(EventTally.All, EventTally.All));
        Assert.Equal((2, 1), Count(EventTally.Country, "AR"));
        Assert.Equal((1, 1), Count(EventTally.Country, "KE"));
        Assert.Equal((2, 2), Count(EventTally.OrganisationType, nameof(ActorType.NationalCso)));
        Assert.Equal((1, 0), Count(EventTally.OrganisationType, nameof(ActorType.LocalGovernment)));
        Assert.Equal((1, 1), Count(EventTally.Gender, "woman"));
        Assert.Equal((1, 0), Count(EventTally.Gender, "man"));
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.ParticipantDataDeleted && e.TargetId == Key(ended))));
        // The upcoming event's registration stays; the fresh unconfirmed one is past its 48 hours by now.
        upcomingRows = (await RegistrationsOfAsync(upcoming)).Select(r => r.Id).ToList();
        Assert.Equal(new List<long> { kept }, upcomingRows);
        Assert.DoesNotContain(fresh, upcomingRows);
        // Run again: nothing counted twice.
        await RunAtAsync(fixture.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(tallies.Count, await Portal.WithDatabaseAsync(db => db.EventTallies.CountAsync(t => t.EventId == ended)));
        fixture.Clock.At = null;
    }
}

/// <summary>A portal with a settable clock, sending its mail to an SMTP server in the test, with the registration services registered.</summary>
public abstract class RegistrationPortalFixture : IAsyncLifetime
{
    private PortalFactory? _portal;
    private string? _unavailable;

    public SettableClock Clock { get; } = new();
    public TestSmtpServer Smtp { get; } = new();

    public PortalFactory Portal
    {
        get
        {
            if (_unavailable is not null)
            {
                if (TestSettings.RequirePostgres) Assert.Fail(_unavailable + " (SSC_REQUIRE_POSTGRES is set, so this fails instead of skipping.)");
                Assert.Skip(_unavailable);
            }
            return _portal!;
        }
    }

    protected abstract DatabaseProvider Provider { get; }
    protected abstract Task<string?> CreateDatabaseAsync();
    protected abstract Task DropDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        if (await CreateDatabaseAsync() is not { } database)
        {
            _unavailable = "The PostgreSQL registration tests were skipped because SSC_TEST_POSTGRES is not set.";
            return;
        }
        var settings = MailFixture.MailSettings(Smtp.Port);
        settings["Notifications:CheckMinutes"] = "10000";
        settings["Events:CheckMinutes"] = "10000";
        var events = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Events:CheckMinutes"] = "10000" }).Build();
        _portal = new PortalFactory(Provider, database, settings, services: services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddPortalRegistrations(events);
        });
        using var client = _portal.CreateClient();
        var ready = await client.GetAsync("/health/ready");
        Assert.True(ready.IsSuccessStatusCode, $"{ready.StatusCode}: {await ready.Content.ReadAsStringAsync()}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_portal is not null) await _portal.DisposeAsync();
        await Smtp.DisposeAsync();
        await DropDatabaseAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteRegistrationPortalFixture : RegistrationPortalFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ssc-registration-tests-" + Guid.NewGuid().ToString("N"));

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string?> CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.FromResult<string?>($"Data Source={Path.Combine(_folder, "portal.db")}");
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* a leftover temp folder is harmless */ }
        return Task.CompletedTask;
    }
}

public sealed class PostgresRegistrationPortalFixture : RegistrationPortalFixture
{
    private string? _database;

    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task<string?> CreateDatabaseAsync()
    {
        if (TestSettings.PostgresAdminConnection is not { } admin) return null;
        _database = await PostgresDatabases.CreateAsync(admin);
        return PostgresDatabases.ConnectionStringFor(admin, _database);
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_database is not null && TestSettings.PostgresAdminConnection is { } admin) await PostgresDatabases.DropAsync(admin, _database);
    }
}

public sealed class RegistrationsOnSqlite(SqliteRegistrationPortalFixture fixture) : RegistrationTests(fixture), IClassFixture<SqliteRegistrationPortalFixture>;

public sealed class RegistrationsOnPostgres(PostgresRegistrationPortalFixture fixture) : RegistrationTests(fixture), IClassFixture<PostgresRegistrationPortalFixture>;
