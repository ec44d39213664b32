using AngleSharp.Dom;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Events;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// What came out of an event (issue 20): its organisers write the report only once it has started, save it as a draft (not
/// public), publish it (public on /events/{id}/report and in the EventReport view component it renders) and withdraw it; a
/// stale form is a conflict that loses nothing; others are refused; the text is encoded; and the figures of participation
/// by country, kind of organisation and gender read the same from the live registrations and from the anonymous counts
/// left once the personal data was deleted, with small groups added together on public pages.
/// </summary>
public abstract class EventReportTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    /// <summary>An event of A that took place last week (published as it happened).</summary>
    private Task<int> PastEventAsync(Actor owner, IReadOnlyList<Actor>? coOrganisers = null) =>
        Portal.EventAsync(owner, EventData.Content(TestData.Unique("Side event on a people-centred SSC"), startsAt: DateTime.UtcNow.Date.AddDays(-7).AddHours(13)),
            coOrganisers: coOrganisers);

    private Task<CooperationEvent> SavedAsync(int id) => Portal.WithDatabaseAsync(db => db.Events.AsNoTracking().SingleAsync(e => e.Id == id));

    private Task<List<AuditEventType>> AuditedAsync(int id) => Portal.WithDatabaseAsync(db =>
        db.AuditEvents.AsNoTracking().Where(a => a.TargetType == "event" && a.TargetId == TestData.Key(id)).Select(a => a.Type).ToListAsync());

    [Fact]
    public async Task Organisers_write_the_report_once_the_event_started_keep_it_as_a_draft_publish_it_and_withdraw_it()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        using var visitor = Portal.CreateBrowser();

        // Before the event: no form, and a crafted post is refused with the rule's message beside the summary; nothing saved.
        var upcoming = await Portal.EventAsync(world.CsoA);
        var early = await member.GetOkAsync($"/events/{upcoming}/report");
        Assert.NotNull(early.Document.QuerySelector("#report-not-yet"));
        Assert.Null(early.Document.QuerySelector("form.report-form"));
        var refused = await member.PostCraftedAsync($"/events/{upcoming}/report", new Dictionary<string, string>
        {
            ["Input.Summary"] = "We met.", ["Input.Version"] = "1", ["act"] = "publish",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("A report can be written once the event has started.", await refused.Content.ReadAsStringAsync());
        Assert.Null((await SavedAsync(upcoming)).ReportSummary);

        var id = await PastEventAsync(world.CsoA);
        var form = await member.GetOkAsync($"/events/{id}/report");
        // Bad input: no summary → the message beside the field, nothing saved.
        var empty = await member.SubmitAsync(form, "form.report-form", new Dictionary<string, string> { ["Input.Summary"] = "  ", ["Input.Outcomes"] = "Kept" },
            "button[value='draft']");
        Assert.Contains("Write a summary of what happened at the event.", empty.Document.QuerySelector("[data-valmsg-for='Input.Summary']")?.TextContent ?? "");
        Assert.Equal("Kept", empty.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("textarea[name='Input.Outcomes']")!.Value);
        Assert.Null((await SavedAsync(id)).ReportSummary);

        const string summary = "<script>alert('x')</script> Some 30 participants from three continents met in Buenos Aires.\n\nInterpretation was offered into English.";
        var draft = await member.SubmitAsync(form, "form.report-form", new Dictionary<string, string>
        {
            ["Input.Summary"] = summary, ["Input.Outcomes"] = "Ways forward: a people-centred approach in every programme.",
        }, "button[value='draft']");
        Assert.Equal($"/events/{id}/report", draft.Address.AbsolutePath);
        Assert.Equal("draft", draft.Document.QuerySelector("#report-state")?.GetAttribute("data-state"));
        var saved = await SavedAsync(id);
        Assert.Equal(summary.Trim(), saved.ReportSummary);
        Assert.Null(saved.ReportPublishedAt);
        Assert.Contains(AuditEventType.EventReportSaved, await AuditedAsync(id));
        // The report's fields are in the event's history.
        var changes = await Portal.WithDatabaseAsync(db => db.RecordChanges.AsNoTracking().Where(c => c.RecordType == RecordType.Event && c.RecordId == id).ToListAsync());
        Assert.Contains(changes, c => c.Fields.Any(f => f.Field == nameof(CooperationEvent.ReportSummary) && f.To == summary.Trim()));

        // A draft is not public: a visitor reads that there is no report yet, and no text of it.
        var hidden = await visitor.GetOkAsync($"/events/{id}/report");
        Assert.NotNull(hidden.Document.QuerySelector("#no-report"));
        Assert.DoesNotContain("three continents", hidden.Text);
        Assert.Null(hidden.Document.QuerySelector("#event-report"));

        var published = await member.SubmitAsync(await member.GetOkAsync($"/events/{id}/report"), "form.report-form", new Dictionary<string, string>(), "button[value='publish']");
        Assert.Equal("published", published.Document.QuerySelector("#report-state")?.GetAttribute("data-state"));
        Assert.NotNull((await SavedAsync(id)).ReportPublishedAt);
        Assert.Contains(AuditEventType.EventReportPublished, await AuditedAsync(id));

        // Public now: the report in paragraphs, its text encoded (no script), and no form for a visitor.
        var reading = await visitor.GetOkAsync($"/events/{id}/report");
        var paragraphs = reading.Document.QuerySelectorAll("#report-published p.prose").Select(p => p.TextContent).ToList();
        Assert.Equal(3, paragraphs.Count);
        Assert.StartsWith("<script>alert('x')</script> Some 30 participants", paragraphs[0]);
        Assert.Equal("Interpretation was offered into English.", paragraphs[1]);
        Assert.Empty(reading.Document.QuerySelectorAll("#event-report script"));
        Assert.Contains("&lt;script&gt;", await (await visitor.Http.GetAsync(new Uri($"/events/{id}/report", UriKind.Relative))).Content.ReadAsStringAsync());
        Assert.Null(reading.Document.QuerySelector("form.report-form"));
        Assert.Null(reading.Document.QuerySelector("#write-report"));

        // Others are refused and change nothing: another organisation's member (403), an unknown event (404).
        using var outsider = await world.BrowserAsync(Role.AgencyMember);
        var crafted = new Dictionary<string, string> { ["Input.Summary"] = "Hijacked", ["Input.Version"] = $"{(await SavedAsync(id)).Version}", ["act"] = "publish" };
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostCraftedAsync($"/events/{id}/report", crafted)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostCraftedAsync($"/events/{id}/report?handler=Withdraw", new Dictionary<string, string> { ["Version"] = crafted["Input.Version"] })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.PostCraftedAsync("/events/2147483000/report", crafted)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync("/events/2147483000/report")).Status);
        Assert.Null((await outsider.GetOkAsync($"/events/{id}/report")).Document.QuerySelector("form.report-form"));
        Assert.Equal(summary.Trim(), (await SavedAsync(id)).ReportSummary);

        // Withdrawn: a draft again, not public.
        var withdrawn = await member.SubmitAsync(await member.GetOkAsync($"/events/{id}/report"), "form.withdraw-report-form", new Dictionary<string, string>());
        Assert.Equal("draft", withdrawn.Document.QuerySelector("#report-state")?.GetAttribute("data-state"));
        Assert.Null((await SavedAsync(id)).ReportPublishedAt);
        Assert.NotNull((await visitor.GetOkAsync($"/events/{id}/report")).Document.QuerySelector("#no-report"));

        // A draft event is seen by nobody else: its report page is a 404 for a visitor.
        var unpublished = await Portal.EventAsync(world.CsoA, EventData.Content(TestData.Unique("Draft event"), startsAt: DateTime.UtcNow.AddDays(-2)), published: false);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/events/{unpublished}/report")).Status);
    }

    [Fact]
    public async Task A_confirmed_co_organiser_writes_the_report_and_a_stale_form_is_a_conflict_that_loses_nothing()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        // G's event, co-organised by A (confirmed): A's member writes the report.
        var id = await PastEventAsync(world.AgencyG, [world.CsoA]);
        using var member = await world.BrowserAsync(Role.CsoMember);
        using var other = await world.BrowserAsync(Role.AgencyMember);
        var mine = await member.GetOkAsync($"/events/{id}/report");
        var theirs = await other.GetOkAsync($"/events/{id}/report");
        await other.SubmitAsync(theirs, "form.report-form", new Dictionary<string, string> { ["Input.Summary"] = "Their summary." }, "button[value='draft']");

        var conflict = await member.SubmitAsync(mine, "form.report-form", new Dictionary<string, string> { ["Input.Summary"] = "My summary." }, "button[value='publish']");
        Assert.Equal(HttpStatusCode.OK, conflict.Status);
        Assert.NotNull(conflict.Document.QuerySelector("section.conflict"));
        Assert.Equal("My summary.", conflict.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("textarea[name='Input.Summary']")!.Value);
        var saved = await SavedAsync(id);
        Assert.Equal("Their summary.", saved.ReportSummary);
        Assert.Null(saved.ReportPublishedAt);

        // Saving again, knowingly, keeps theirs in the history and publishes mine.
        await member.SubmitAsync(conflict, "form.report-form", new Dictionary<string, string>(), "button[value='publish']");
        saved = await SavedAsync(id);
        Assert.Equal("My summary.", saved.ReportSummary);
        Assert.NotNull(saved.ReportPublishedAt);
    }

    private static string Flat(EventFigures.Figures figures) => string.Join(" | ",
        new[] { $"all {figures.Total.Registered}/{figures.Total.Attended} marked={figures.AttendanceMarked}" }
            .Concat(new[] { ("country", figures.ByCountry), ("kind", figures.ByOrganisationType), ("gender", figures.ByGender) }
                .SelectMany(d => d.Item2.Select(r => $"{d.Item1}:{r.Key} {r.Registered}/{r.Attended}"))));

    [Fact]
    public async Task Figures_count_places_by_country_kind_and_gender_and_read_the_same_once_the_personal_data_is_deleted()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await PastEventAsync(world.CsoA);
        for (var i = 0; i < 5; i++) await Portal.RegistrationAsync(id, $"{TestData.Word()}{i}@example.org", country: "AR", organisationType: ActorType.NationalCso, gender: "woman", attended: true);
        for (var i = 0; i < 2; i++) await Portal.RegistrationAsync(id, $"{TestData.Word()}{i}@example.org", country: "BR", organisationType: ActorType.LocalGovernment, gender: "man", attended: false);
        await Portal.RegistrationAsync(id, $"{TestData.Word()}@example.org", country: "GH", organisationType: ActorType.NationalCso, gender: null, attended: true);
        // Neither the waiting list nor an unconfirmed address counts.
        await Portal.RegistrationAsync(id, $"{TestData.Word()}@example.org", state: RegistrationState.Waiting, country: "PE");
        await Portal.RegistrationAsync(id, $"{TestData.Word()}@example.org", state: RegistrationState.Unconfirmed, country: "PE");

        var live = await Portal.WithDatabaseAsync(db => EventFigures.OfAsync(db, id, dataDeleted: false, CancellationToken.None));
        Assert.Equal("all 8/6 marked=True | country:AR 5/5 | country:BR 2/0 | country:GH 1/1 | kind:NationalCso 6/6 | kind:LocalGovernment 2/0"
                     + " | gender:woman 5/5 | gender:man 2/0 | gender:not-given 1/1", Flat(live));
        // In public, groups of fewer than five are added together.
        Assert.Equal("all 8/6 marked=True | country:AR 5/5 | country:fewer 3/1 | kind:NationalCso 6/6 | kind:fewer 2/0 | gender:woman 5/5 | gender:fewer 3/1", Flat(live.Public()));

        // The organisers see the exact figures (with the draft) as soon as the event started; the public, once the report is published.
        using var member = await world.BrowserAsync(Role.CsoMember);
        using var visitor = Portal.CreateBrowser();
        var organiser = await member.GetOkAsync($"/events/{id}/report");
        Assert.Equal("1", organiser.Document.QuerySelector("#event-figures-country tr[data-key='GH']")?.GetAttribute("data-registered"));
        Assert.Null((await visitor.GetOkAsync($"/events/{id}/report")).Document.QuerySelector("#event-figures-country"));
        await member.SubmitAsync(organiser, "form.report-form", new Dictionary<string, string> { ["Input.Summary"] = "We met." }, "button[value='publish']");

        async Task PublicFiguresAsync()
        {
            var page = await visitor.GetOkAsync($"/events/{id}/report");
            Assert.Equal("8", page.Document.QuerySelector("#event-figures-total")?.GetAttribute("data-registered"));
            Assert.Equal("6", page.Document.QuerySelector("#event-figures-total")?.GetAttribute("data-attended"));
            var argentina = page.Document.QuerySelector("#event-figures-country tr[data-key='AR']")!;
            Assert.Equal("5", argentina.GetAttribute("data-registered"));
            Assert.Equal("Argentina", argentina.QuerySelector("th")!.TextContent.Trim());
            Assert.Null(page.Document.QuerySelector("#event-figures-country tr[data-key='GH']"));
            var fewer = page.Document.QuerySelector("#event-figures-country tr[data-key='fewer']")!;
            Assert.True(string.IsNullOrEmpty(fewer.GetAttribute("data-registered")), "the exact count of small groups is not told");
            Assert.Contains("fewer than 5", fewer.TextContent);
            Assert.NotNull(page.Document.QuerySelector("#event-figures-kind caption"));
            Assert.Equal("6", page.Document.QuerySelector("#event-figures-kind tr[data-key='NationalCso']")?.GetAttribute("data-registered"));
            Assert.Equal("5", page.Document.QuerySelector("#event-figures-gender tr[data-key='woman']")?.GetAttribute("data-registered"));
            Assert.Null(page.Document.QuerySelector("#event-figures-gender tr[data-key='man']"));
        }
        await PublicFiguresAsync();

        // The retention job: anonymous counts kept, the registrations deleted, the deletion noted.
        await Portal.WithDatabaseAsync(async db =>
        {
            db.EventTallies.AddRange(await EventFigures.TalliesAsync(db, id, CancellationToken.None));
            await db.EventRegistrations.Where(r => r.EventId == id).ExecuteDeleteAsync();
            await db.Events.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.ParticipantDataDeletedAt, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        Assert.Equal(0, await Portal.WithDatabaseAsync(db => db.EventRegistrations.CountAsync(r => r.EventId == id)));
        var kept = await Portal.WithDatabaseAsync(db => EventFigures.OfAsync(db, id, dataDeleted: true, CancellationToken.None));
        Assert.Equal(Flat(live), Flat(kept));
        await PublicFiguresAsync();
        Assert.Equal("1", (await member.GetOkAsync($"/events/{id}/report")).Document.QuerySelector("#event-figures-gender tr[data-key='not-given']")?.GetAttribute("data-attended"));
    }

    [Fact]
    public void Attendance_counts_only_once_it_was_marked()
    {
        var figures = EventFigures.From(EventFigures.Tally(1, [new("AR", ActorType.NationalCso, "woman", false), new(null, null, "nonsense", false)]));
        Assert.False(figures.AttendanceMarked);
        Assert.Equal("all 2/0 marked=False | country:AR 1/0 | country:not-given 1/0 | kind:NationalCso 1/0 | kind:not-given 1/0 | gender:woman 1/0 | gender:not-given 1/0", Flat(figures));
        Assert.Equal(["We met.", "Line one\nline two"], EventReport.Paragraphs("We met.\r\n \r\n\r\nLine one\nline two\n"));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class EventReportsOnSqlite(SqlitePortalFixture fixture) : EventReportTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class EventReportsOnPostgres(PostgresPortalFixture fixture) : EventReportTests(fixture);
