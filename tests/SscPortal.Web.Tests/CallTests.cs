using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Notifications;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Calls for proposals (issue 19) over HTTP: opening one through the form with questions and criteria, bad input, publishing,
/// the deadline in the call's zone and in UTC with the time left, the lock once an application was submitted and the
/// extension of the deadline that tells applicants, a moderator's unpublishing, and the list, CSV, API and feed.
/// </summary>
public abstract class CallTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private static string Local(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static int IdOf(Uri address) => int.Parse(address.AbsolutePath.Split('/')[^1], CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_member_opens_a_call_with_questions_and_criteria_its_admin_publishes_it_and_the_page_shows_the_deadline_in_both_zones()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var form = await member.GetOkAsync("/calls/new");
        // A second question row, asked for without script.
        var more = await member.SubmitAsync(form, "form.call-form", new Dictionary<string, string>(), "button[formaction*='add=question']");
        Assert.Equal(2, more.Document.QuerySelectorAll("fieldset.question-row").Length);
        var title = TestData.Unique("Cities learning from cities");
        var closesLocal = DateTime.UtcNow.Date.AddDays(10).AddHours(18);
        var created = await member.SubmitAsync(more, "form.call-form", new Dictionary<string, string>
        {
            ["Input.OwnerId"] = TestData.Key(world.CsoA.Id), ["Input.Kind"] = "Funding", ["Input.Title"] = title,
            ["Input.Text"] = "Municipalities of the South apply for support of peer-learning projects.", ["Input.Language"] = "en",
            ["Input.OpensAt"] = Local(DateTime.UtcNow.Date.AddDays(-1)), ["Input.ClosesAt"] = Local(closesLocal), ["Input.TimeZone"] = "America/Montevideo",
            ["Input.MaxAmount"] = "20000", ["Input.Currency"] = "usd", ["Input.MaxSharePercent"] = "80", ["Input.Languages"] = "es",
            ["Input.Questions[0].Kind"] = "LongText", ["Input.Questions[0].Label"] = "What will each side learn?", ["Input.Questions[0].MaxLength"] = "500", ["Input.Questions[0].Required"] = "true",
            ["Input.Questions[1].Kind"] = "Choice", ["Input.Questions[1].Label"] = "Main theme", ["Input.Questions[1].Choices"] = "Governance\nClimate\nCulture",
            ["Input.Criteria[0].Name"] = "Horizontality", ["Input.Criteria[0].Weight"] = "3", ["Input.Criteria[0].Guide"] = "0: one side teaches; 5: both learn",
        });
        Assert.Matches(@"^/calls/\d+$", created.Address.AbsolutePath);
        var id = IdOf(created.Address);
        var saved = await Portal.WithDatabaseAsync(db => db.Calls.AsNoTracking().Include(c => c.Questions).Include(c => c.Criteria).SingleAsync(c => c.Id == id));
        Assert.Equal(["What will each side learn?", "Main theme"], saved.Questions.OrderBy(q => q.Position).Select(q => q.Label));
        Assert.Equal(["Governance", "Climate", "Culture"], saved.Questions.Single(q => q.Kind == QuestionKind.Choice).Choices);
        Assert.Equal(3, Assert.Single(saved.Criteria).Weight);
        Assert.Equal("USD", saved.Currency);
        // 18:00 in Montevideo (UTC−3) is 21:00 UTC.
        Assert.Equal(closesLocal.AddHours(3), saved.ClosesAt);
        Assert.Equal(PublicationState.Draft, saved.Publication);

        // Editing keeps the question's id (answers stay linked).
        var questionId = saved.Questions.Single(q => q.Kind == QuestionKind.Choice).Id;
        var edit = await member.GetOkAsync($"/calls/{id}/edit");
        await member.SubmitAsync(edit, "form.call-form", new Dictionary<string, string> { ["Input.Questions[1].Label"] = "Main theme of the project" });
        Assert.Equal("Main theme of the project", await Portal.WithDatabaseAsync(db => db.Set<CallQuestion>().Where(q => q.Id == questionId).Select(q => q.Label).SingleAsync()));

        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        var page = await admin.GetOkAsync($"/calls/{id}");
        await admin.SubmitAsync(page, "form[action*='handler=Publish']", new Dictionary<string, string>());
        Assert.Equal(PublicationState.Published, await Portal.WithDatabaseAsync(db => db.Calls.Where(c => c.Id == id).Select(c => c.Publication).SingleAsync()));

        using var visitor = Portal.CreateBrowser();
        var shown = await visitor.GetOkAsync($"/calls/{id}");
        var deadline = shown.Document.QuerySelector("#deadline")!.TextContent;
        Assert.Contains($"{closesLocal:yyyy-MM-dd} 18:00 (America/Montevideo)", deadline, StringComparison.Ordinal);
        Assert.Contains($"{closesLocal:yyyy-MM-dd} 21:00 UTC", deadline, StringComparison.Ordinal);
        Assert.Equal(closesLocal.AddHours(3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), shown.Document.QuerySelector("#deadline time")!.GetAttribute("datetime"));
        Assert.Matches(@"Closes in \d+ days?", shown.Document.QuerySelector(".countdown")!.TextContent);
        Assert.NotNull(shown.Document.QuerySelector($"a[href='/calls/{id}/apply']"));
        Assert.Contains("Main theme of the project", shown.Text, StringComparison.Ordinal);
        Assert.Contains("Horizontality", shown.Document.QuerySelector("table.criteria")!.TextContent, StringComparison.Ordinal);
        var history = await visitor.GetOkAsync($"/calls/{id}/history");
        Assert.Equal(3, history.Document.QuerySelectorAll("ol.history > li").Length);
    }

    [Fact]
    public async Task Bad_input_gets_a_message_beside_its_field_and_nothing_is_saved()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var before = await Portal.WithDatabaseAsync(db => db.Calls.CountAsync(c => c.OwnerId == world.CsoA.Id));
        var form = await member.GetOkAsync("/calls/new");
        string Message(HtmlClient.Page page, string field) => page.Document.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent;

        var zone = await member.SubmitAsync(form, "form.call-form", new Dictionary<string, string>
        {
            ["Input.Title"] = "A call nowhere", ["Input.Text"] = "Text.", ["Input.TimeZone"] = "Mars/Olympus_Mons", ["Input.ClosesAt"] = "next week",
        });
        Assert.Equal(HttpStatusCode.OK, zone.Status);
        Assert.False(string.IsNullOrWhiteSpace(Message(zone, "Input.TimeZone")));
        Assert.Contains("2027-03-31 18:00", Message(zone, "Input.ClosesAt"), StringComparison.Ordinal);

        var rules = await member.SubmitAsync(form, "form.call-form", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Funding", ["Input.Title"] = "A call that closes before it opens", ["Input.Text"] = "Text.", ["Input.TimeZone"] = "America/Lima",
            ["Input.OpensAt"] = Local(DateTime.UtcNow.AddDays(10)), ["Input.ClosesAt"] = Local(DateTime.UtcNow.AddDays(5)), ["Input.MaxAmount"] = "",
            ["Input.Questions[0].Kind"] = "Choice", ["Input.Questions[0].Label"] = "Pick one", ["Input.Questions[0].Choices"] = "Only option",
            ["Input.Criteria[0].Name"] = "Relevance", ["Input.Criteria[0].Weight"] = "0",
        });
        Assert.Equal(HttpStatusCode.OK, rules.Status);
        foreach (var field in new[] { "Input.ClosesAt", "Input.MaxAmount", "Input.Questions[0].Choices", "Input.Criteria[0].Weight" })
            Assert.False(string.IsNullOrWhiteSpace(Message(rules, field)), field);
        Assert.Equal(before, await Portal.WithDatabaseAsync(db => db.Calls.CountAsync(c => c.OwnerId == world.CsoA.Id)));
    }

    [Fact]
    public async Task Once_an_application_is_submitted_the_call_is_not_edited_but_its_deadline_is_extended_and_applicants_are_told()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await Portal.CallAsync(world.CsoA);
        await Portal.ApplicationAsync(id, world.AgencyG);
        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/calls/{id}/edit")).Status);
        var page = await admin.GetOkAsync($"/calls/{id}");
        Assert.NotNull(page.Document.QuerySelector("#edit-locked"));
        Assert.Null(page.Document.QuerySelector($"a[href='/calls/{id}/edit']"));

        var call = await Portal.WithDatabaseAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.Id == id));
        // An earlier date is refused, beside the field; nothing changes.
        var earlier = await admin.SubmitAsync(page, "form[action*='handler=Extend']", new Dictionary<string, string> { ["NewDeadline"] = Local(CallTimeZonesLocal(call.ClosesAt.AddDays(-1), call.TimeZone)) });
        Assert.False(string.IsNullOrWhiteSpace(earlier.Document.QuerySelector("[data-valmsg-for='NewDeadline']")!.TextContent));
        var unreadable = await admin.SubmitAsync(page, "form[action*='handler=Extend']", new Dictionary<string, string> { ["NewDeadline"] = "soon" });
        Assert.False(string.IsNullOrWhiteSpace(unreadable.Document.QuerySelector("[data-valmsg-for='NewDeadline']")!.TextContent));
        Assert.Equal(call.ClosesAt, await Portal.WithDatabaseAsync(db => db.Calls.Where(c => c.Id == id).Select(c => c.ClosesAt).SingleAsync()));

        var newLocal = CallTimeZonesLocal(call.ClosesAt, call.TimeZone).Date.AddDays(14).AddHours(17);
        var extended = await admin.SubmitAsync(page, "form[action*='handler=Extend']", new Dictionary<string, string> { ["NewDeadline"] = Local(newLocal) });
        Assert.Equal(HttpStatusCode.OK, extended.Status);
        Assert.Equal(CallTimeZones.ToUtc(newLocal, call.TimeZone), await Portal.WithDatabaseAsync(db => db.Calls.Where(c => c.Id == id).Select(c => c.ClosesAt).SingleAsync()));
        var agencyMember = world.UserIds[Role.AgencyMember]!;
        var told = await Portal.WithDatabaseAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == agencyMember && n.Kind == NotificationKind.CallDeadlineExtended && n.Path == $"/calls/{id}").ToListAsync());
        Assert.Contains($"{newLocal:yyyy-MM-dd} 17:00 ({call.TimeZone})", Assert.Single(told).Detail, StringComparison.Ordinal);
        var email = await Portal.WithDatabaseAsync(db => db.Users.Where(u => u.Id == agencyMember).Select(u => u.Email).SingleAsync());
        Assert.True(await Portal.WithDatabaseAsync(db => db.OutboxMessages.AnyAsync(m => m.To == email && m.HtmlBody.Contains($"/calls/{id}"))));
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.CallDeadlineExtended && e.TargetId == id.ToString(CultureInfo.InvariantCulture))));
        var history = await admin.GetOkAsync($"/calls/{id}/history");
        Assert.Contains("ClosesAt", history.Text, StringComparison.Ordinal);
    }

    private static DateTime CallTimeZonesLocal(DateTime utc, string zone) => CallTimeZones.ToLocal(utc, zone);

    [Fact]
    public async Task A_moderator_unpublishes_a_call_with_a_reason()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await Portal.CallAsync(world.AgencyG);
        using var moderator = await world.BrowserAsync(Role.Moderator);
        var page = await moderator.GetOkAsync($"/calls/{id}");
        await moderator.SubmitAsync(page, "form[action*='handler=Unpublish']", new Dictionary<string, string> { ["Reason"] = "Asks applicants for fees." });
        var call = await Portal.WithDatabaseAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal(PublicationState.Unpublished, call.Publication);
        Assert.True(call.HeldByModerator);
        Assert.Equal("Asks applicants for fees.", call.UnpublishedReason);
        using var visitor = Portal.CreateBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/calls/{id}")).Status);
    }

    [Fact]
    public async Task The_list_searches_and_counts_facets_and_the_calls_are_open_data()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var word = TestData.Word();
        var open = await Portal.CallAsync(world.CsoA, CallData.Content($"Open {word} call", closesAt: DateTime.UtcNow.AddDays(3)));
        var later = await Portal.CallAsync(world.AgencyG, CallData.Content($"Later {word} call", CallKind.Network, opensAt: DateTime.UtcNow.AddDays(5), closesAt: DateTime.UtcNow.AddDays(40)));
        var draft = await Portal.CallAsync(world.CsoA, CallData.Content($"Draft {word} call"), published: false);
        using var visitor = Portal.CreateBrowser();

        var list = await visitor.GetOkAsync($"/calls?q={word}");
        Assert.Equal([open, later], list.Document.QuerySelectorAll("li.call-card").Select(c => int.Parse(c.GetAttribute("data-id")!, CultureInfo.InvariantCulture)));
        Assert.Equal(["open", "upcoming"], list.Document.QuerySelectorAll("li.call-card").Select(c => c.GetAttribute("data-status")!));
        var statuses = list.Document.QuerySelector("[data-facet='status']")!;
        Assert.Contains("(1)", statuses.QuerySelector("a[data-value='open']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("(1)", statuses.QuerySelector("a[data-value='upcoming']")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(list.Document.QuerySelector("[data-facet='kind'] a[data-value='network']"));
        var network = await visitor.GetOkAsync($"/calls?q={word}&kind=network");
        Assert.Equal(later, int.Parse(Assert.Single(network.Document.QuerySelectorAll("li.call-card")).GetAttribute("data-id")!, CultureInfo.InvariantCulture));

        var csv = await visitor.GetAsync($"/calls.csv?q={word}");
        Assert.Equal(HttpStatusCode.OK, csv.Status);
        Assert.Contains($"Open {word} call", csv.Text, StringComparison.Ordinal);
        Assert.DoesNotContain($"Draft {word} call", csv.Text, StringComparison.Ordinal);

        using var client = Portal.CreateClient();
        var contract = await OpenApiContract.LoadAsync(client);
        foreach (var url in new[] { $"/api/v1/calls?q={word}", $"/api/v1/calls?q={word}&limit=1", $"/api/v1/calls/{open}", $"/api/v1/calls/{draft}", "/api/v1/calls?status=someday", "/api/v1/calls?after=x" })
            await contract.CheckAsync(await client.GetAsync(new Uri(url, UriKind.Relative)));
        var first = JsonNode.Parse(await client.GetStringAsync(new Uri($"/api/v1/calls?q={word}&limit=1", UriKind.Relative)))!;
        Assert.Equal(open, first["items"]![0]!["id"]!.GetValue<int>());
        var second = JsonNode.Parse(await client.GetStringAsync(new Uri(first["next"]!.GetValue<string>(), UriKind.Absolute)))!;
        Assert.Equal(later, second["items"]![0]!["id"]!.GetValue<int>());
        Assert.Null(second["next"]);
        var one = JsonNode.Parse(await client.GetStringAsync(new Uri($"/api/v1/calls/{open}", UriKind.Relative)))!;
        Assert.Equal("America/Montevideo", one["timeZone"]!.GetValue<string>());
        Assert.Equal(3, one["questions"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/api/v1/calls/{draft}", UriKind.Relative))).StatusCode);
        var bad = await client.GetAsync(new Uri("/api/v1/calls?status=someday", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
        Assert.Contains("status", JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["errors"]!.AsObject().Select(e => e.Key));

        var feed = await client.GetStringAsync(new Uri($"/feeds/calls.atom?q={word}", UriKind.Relative));
        Assert.Contains($"/calls/{open}", feed, StringComparison.Ordinal);
        Assert.DoesNotContain($"/calls/{draft}", feed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Following_new_calls_is_offered_on_the_list()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var list = await member.GetOkAsync("/calls?kind=funding");
        await member.SubmitAsync(list, "form.follow-form", new Dictionary<string, string>());
        var me = world.UserIds[Role.CsoMember]!;
        Assert.True(await Portal.WithDatabaseAsync(db => db.Follows.AnyAsync(f => f.UserId == me && f.Kind == FollowKind.Calls && f.Key == "Funding")));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class CallsOnSqlite(SqlitePortalFixture fixture) : CallTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class CallsOnPostgres(PostgresPortalFixture fixture) : CallTests(fixture);
