using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Notifications;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Good practices (issue 19) over HTTP: writing one through the form (bad input said beside its field, nothing saved),
/// publishing it and telling those who follow a matching search, theme or country; search and facets; a moderator's
/// unpublishing with a reason, told to the owner; the history; and the CSV, the API and the feed.
/// </summary>
public abstract class GoodPracticeTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private static int Total(HtmlClient.Page page) =>
        int.Parse(page.Document.QuerySelector("#results-heading")!.TextContent.Trim().Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static List<int> Ids(HtmlClient.Page page) =>
        page.Document.QuerySelectorAll("li.practice-card").Select(li => int.Parse(li.GetAttribute("data-id")!, CultureInfo.InvariantCulture)).ToList();

    private static int CountOf(HtmlClient.Page page, string parameter, string value) =>
        page.Document.QuerySelectorAll($"details[data-facet='{parameter}'] li a").Where(a => a.GetAttribute("data-value") == value)
            .Select(a => int.Parse(a.QuerySelector(".count")!.TextContent.Trim('(', ')', ' '), NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).Single();

    private static int IdOf(HtmlClient.Page page) => int.Parse(page.Address.AbsolutePath.Split('/')[^1], CultureInfo.InvariantCulture);

    /// <summary>A person with no organisation who follows what the good practices page at <paramref name="url"/> offers to follow.</summary>
    private async Task<string> FollowerOfAsync(string url)
    {
        var userId = await Portal.MemberAsync(null, MembershipRole.Member, MembershipStatus.Active);
        using var browser = await Portal.BrowserOfAsync(userId);
        var page = await browser.GetOkAsync(url);
        await browser.SubmitAsync(page, "form.follow-form", new Dictionary<string, string>());
        return userId;
    }

    [Fact]
    public async Task A_member_writes_a_good_practice_bad_input_is_refused_its_admin_publishes_it_and_followers_are_told()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var word = TestData.Word();
        var bySearch = await FollowerOfAsync($"/good-practices?q={word}");
        var byTheme = await FollowerOfAsync("/good-practices?theme=culture");
        var byCountry = await FollowerOfAsync("/good-practices?country=fj");
        var follows = await Portal.WithDatabaseAsync(db => db.Follows.AsNoTracking().Where(f => f.UserId == bySearch || f.UserId == byTheme || f.UserId == byCountry)
            .Select(f => new { f.UserId, f.Kind, f.Key }).ToListAsync());
        Assert.Contains(follows, f => f.UserId == bySearch && f.Kind == FollowKind.GoodPracticeSearch && f.Key == $"q={word}");
        Assert.Contains(follows, f => f.UserId == byTheme && f.Kind == FollowKind.Theme && f.Key == "Culture");
        Assert.Contains(follows, f => f.UserId == byCountry && f.Kind == FollowKind.Country && f.Key == "FJ");
        // The followed search is named and linked on the person's list.
        using (var searcher = await Portal.BrowserOfAsync(bySearch))
            Assert.NotNull((await searcher.GetOkAsync("/my/following")).Document.QuerySelector($"a[href='/good-practices?q={word}']"));

        using var member = await world.BrowserAsync(Role.CsoMember);
        var before = await Portal.WithDatabaseAsync(db => db.GoodPractices.CountAsync(g => g.OwnerId == world.CsoA.Id));
        var refused = await member.SubmitAsync(await member.GetOkAsync("/good-practices/new"), "form.record-form", new Dictionary<string, string>
        {
            ["Input.OwnerId"] = TestData.Key(world.CsoA.Id), ["Input.Title"] = "", ["Input.Practice"] = new string('x', 8001),
            ["Input.Context"] = "Kept as typed", ["Input.Countries[0]"] = "ZZ",
        });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Give the good practice a title.", refused.Document.QuerySelector("[data-valmsg-for='Input.Title']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Use at most 8000 characters.", refused.Document.QuerySelector("[data-valmsg-for='Input.Practice']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Choose a country from the list", refused.Document.QuerySelector("[data-valmsg-for='Input.Countries[0]']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Kept as typed", refused.Document.QuerySelector("#Input_Context")!.TextContent);
        var tooLongTitle = await member.SubmitAsync(await member.GetOkAsync("/good-practices/new"), "form.record-form", new Dictionary<string, string>
        {
            ["Input.OwnerId"] = TestData.Key(world.CsoA.Id), ["Input.Title"] = new string('t', 301), ["Input.Practice"] = "Something was done.",
        });
        Assert.Contains("Use at most 300 characters.", tooLongTitle.Document.QuerySelector("[data-valmsg-for='Input.Title']")!.TextContent, StringComparison.Ordinal);
        // For another organisation (its id crafted into the form): refused.
        var crafted = await member.SubmitAsync(await member.GetOkAsync("/good-practices/new"), "form.record-form", new Dictionary<string, string>
        {
            ["Input.OwnerId"] = TestData.Key(world.AgencyG.Id), ["Input.Title"] = "Not ours", ["Input.Practice"] = "Written for someone else.",
        });
        Assert.Equal(HttpStatusCode.Forbidden, crafted.Status);
        Assert.Equal(before, await Portal.WithDatabaseAsync(db => db.GoodPractices.CountAsync(g => g.OwnerId == world.CsoA.Id)));
        Assert.Equal(0, await Portal.WithDatabaseAsync(db => db.GoodPractices.CountAsync(g => g.Title == "Not ours")));

        var title = $"Community heritage walks {word}";
        var created = await member.SubmitAsync(await member.GetOkAsync("/good-practices/new"), "form.record-form", new Dictionary<string, string>
        {
            ["Input.OwnerId"] = TestData.Key(world.CsoA.Id), ["Input.Title"] = title, ["Input.Practice"] = "Neighbours guide visitors through their own streets.",
            ["Input.Context"] = "A coastal town losing its young people.", ["Input.Results"] = "Forty guides trained.", ["Input.Transferable"] = "The training course.",
            ["Input.TransferableTo"] = "Small towns with heritage.", ["Input.Language"] = "en", ["Input.Themes"] = "Culture", ["Input.Countries[0]"] = "fj",
        });
        Assert.Matches(@"^/good-practices/\d+$", created.Address.AbsolutePath);
        Assert.Contains("Draft", created.Text, StringComparison.Ordinal);
        var id = IdOf(created);
        // A member writes; only an admin publishes; the public does not see a draft.
        Assert.Null(created.Document.QuerySelector("form[action*='handler=Publish']"));
        using var visitor = Portal.CreateBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/good-practices/{id}")).Status);
        Assert.Empty(await Portal.WithDatabaseAsync(db => db.Notifications.AsNoTracking().Where(n => n.Path == $"/good-practices/{id}").ToListAsync()));

        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        await admin.SubmitAsync(await admin.GetOkAsync($"/good-practices/{id}"), "form[action*='handler=Publish']", new Dictionary<string, string>());
        var saved = await Portal.WithDatabaseAsync(db => db.GoodPractices.AsNoTracking().SingleAsync(g => g.Id == id));
        Assert.Equal((PublicationState.Published, "FJ", ThematicArea.Culture), (saved.Publication, Assert.Single(saved.Countries), Assert.Single(saved.Themes)));

        var told = await Portal.WithDatabaseAsync(db => db.Notifications.AsNoTracking().Where(n => n.Path == $"/good-practices/{id}").Select(n => new { n.UserId, n.Kind, n.About, n.Change }).ToListAsync());
        foreach (var follower in new[] { bySearch, byTheme, byCountry })
            Assert.Contains(told, n => n.UserId == follower && n.Kind == NotificationKind.Followed && n.About == RecordType.GoodPractice && n.Change == ChangeKind.Published);

        var page = await visitor.GetOkAsync($"/good-practices/{id}");
        Assert.Equal(title, page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Forty guides trained.", page.Text, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector($"a[href='/actors/{world.CsoA.Id}']"));
        var history = await visitor.GetOkAsync($"/good-practices/{id}/history");
        Assert.Equal(2, history.Document.QuerySelectorAll("ol.history > li").Length);

        // The admin edits the published one; the history grows, and a stale form is a conflict, not an overwrite.
        var edit = await admin.GetOkAsync($"/good-practices/{id}/edit");
        await admin.SubmitAsync(edit, "form.record-form", new Dictionary<string, string> { ["Input.Results"] = "Sixty guides trained." });
        Assert.Equal("Sixty guides trained.", await Portal.WithDatabaseAsync(db => db.GoodPractices.Where(g => g.Id == id).Select(g => g.Results).SingleAsync()));
        var stale = await admin.SubmitAsync(edit, "form.record-form", new Dictionary<string, string> { ["Input.Results"] = "Overwritten?" });
        Assert.Contains("Someone else saved this record", stale.Text, StringComparison.Ordinal);
        Assert.Equal(3, (await visitor.GetOkAsync($"/good-practices/{id}/history")).Document.QuerySelectorAll("ol.history > li").Length);
    }

    [Fact]
    public async Task The_list_searches_counts_its_facets_and_a_moderator_unpublishes_with_a_reason_the_owner_is_told()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var word = TestData.Word();
        var call = await Portal.CallAsync(world.AgencyH, CallData.Content(TestData.Unique("Good practices call"), CallKind.GoodPractice));
        var health = await Portal.GoodPracticeAsync(world.CsoA, content: GoodPracticeData.Content($"Health brigades {word}", themes: [ThematicArea.Health], countries: ["PE"]));
        var agency = await Portal.GoodPracticeAsync(world.AgencyG, content: GoodPracticeData.Content($"Vaccination registers {word}", themes: [ThematicArea.Health], countries: ["CO"]), callId: call);
        var school = await Portal.GoodPracticeAsync(world.CsoA, content: GoodPracticeData.Content($"School gardens", practice: $"Pupils grow food {word} at school.", themes: [ThematicArea.Education], countries: ["PE", "BO"]));
        var draft = await Portal.GoodPracticeAsync(world.CsoA, published: false, content: GoodPracticeData.Content($"Draft {word}"));
        using var visitor = Portal.CreateBrowser();

        var all = await visitor.GetOkAsync($"/good-practices?q={word}");
        Assert.Equal(3, Total(all));
        Assert.Equal(new[] { health, agency, school }.ToHashSet(), Ids(all).ToHashSet());
        Assert.DoesNotContain(draft, Ids(all));
        Assert.Equal((2, 1), (CountOf(all, "theme", "health"), CountOf(all, "theme", "education")));
        Assert.Equal((2, 1, 1), (CountOf(all, "country", "PE"), CountOf(all, "country", "CO"), CountOf(all, "country", "BO")));
        Assert.Equal((2, 1), (CountOf(all, "orgtype", "nationalcso"), CountOf(all, "orgtype", "government")));
        Assert.Equal(1, CountOf(all, "call", TestData.Key(call)));
        // The converted one links to its call, never to an application.
        var fromCall = await visitor.GetOkAsync($"/good-practices/{agency}");
        Assert.NotNull(fromCall.Document.QuerySelector($"[data-call='{call}'] a[href='/calls/{call}']"));
        Assert.DoesNotContain("/applications/", fromCall.Text, StringComparison.Ordinal);

        // A facet's own counts leave its own choice out; the others follow it.
        var healthOnly = await visitor.GetOkAsync($"/good-practices?q={word}&theme=HEALTH");
        Assert.Equal(2, Total(healthOnly));
        Assert.Equal((2, 1), (CountOf(healthOnly, "theme", "health"), CountOf(healthOnly, "theme", "education")));
        Assert.Equal((1, 1), (CountOf(healthOnly, "country", "PE"), CountOf(healthOnly, "country", "CO")));
        var byCall = await visitor.GetOkAsync($"/good-practices?call={call}");
        Assert.Equal([agency], Ids(byCall));
        // A value not understood is said, and left out.
        var bad = await visitor.GetOkAsync($"/good-practices?q={word}&theme=music&call=abc");
        Assert.Contains("Theme: “music”", bad.Document.QuerySelector("main .notice ul")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, Total(bad));
        var none = await visitor.GetOkAsync($"/good-practices?q={word}zz");
        Assert.Equal(0, Total(none));
        Assert.NotNull(none.Document.QuerySelector(".empty-state"));

        using var moderator = await world.BrowserAsync(Role.Moderator);
        var page = await moderator.GetOkAsync($"/good-practices/{health}");
        await moderator.SubmitAsync(page, "form[action*='handler=Unpublish']", new Dictionary<string, string> { ["Reason"] = "Copied from another organisation" });
        var saved = await Portal.WithDatabaseAsync(db => db.GoodPractices.AsNoTracking().SingleAsync(g => g.Id == health));
        Assert.Equal((PublicationState.Unpublished, true, "Copied from another organisation"), (saved.Publication, saved.HeldByModerator, saved.UnpublishedReason));
        Assert.Equal(2, Total(await visitor.GetOkAsync($"/good-practices?q={word}")));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/good-practices/{health}")).Status);
        var ownerTold = await Portal.WithDatabaseAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.UserId == world.UserIds[Role.CsoAdmin] && n.Path == $"/good-practices/{health}").ToListAsync());
        Assert.Contains(ownerTold, n => n.Kind == NotificationKind.RecordHeld && n.Detail == "Copied from another organisation");
        // The owner's admin cannot publish it again until a moderator lifts the hold.
        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        var held = await admin.GetOkAsync($"/good-practices/{health}");
        Assert.Contains("Copied from another organisation", held.Text, StringComparison.Ordinal);
        await admin.SubmitAsync(held, "form[action*='handler=Publish']", new Dictionary<string, string>());
        Assert.Equal(PublicationState.Unpublished, await Portal.WithDatabaseAsync(db => db.GoodPractices.Where(g => g.Id == health).Select(g => g.Publication).SingleAsync()));
        var history = await moderator.GetOkAsync($"/good-practices/{health}/history");
        Assert.Contains("Copied from another organisation", history.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_the_api_and_the_feed_carry_the_published_good_practices_and_refuse_bad_parameters()
    {
        var word = TestData.Word();
        var owner = await Portal.ActorAsync(ActorType.LocalGovernment, $"City {word}");
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
            ids.Add(await Portal.GoodPracticeAsync(owner, content: GoodPracticeData.Content($"Participatory budgeting {word} {i}", themes: [ThematicArea.Governance], countries: ["UY"])));
        var draft = await Portal.GoodPracticeAsync(owner, published: false, content: GoodPracticeData.Content($"Draft {word}"));
        var withdrawn = await Portal.GoodPracticeAsync(owner, unpublished: true, content: GoodPracticeData.Content($"Withdrawn {word}"));
        using var client = Portal.CreateClient();
        var contract = await OpenApiContract.LoadAsync(client);

        var operation = contract.Document["paths"]!["/api/v1/good-practices"]!["get"]!;
        Assert.Equal(["q", "theme", "country", "orgtype", "call", "limit", "after"], operation["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        var seen = new List<int>();
        var next = $"/api/v1/good-practices?q={word}&limit=2";
        while (next is not null)
        {
            var body = await contract.CheckAsync(await client.GetAsync(new Uri(next, UriKind.RelativeOrAbsolute)));
            seen.AddRange(body["items"]!.AsArray().Select(i => i!["id"]!.GetValue<int>()));
            next = body["next"]?.GetValue<string>();
        }
        Assert.Equal(ids.ToHashSet(), seen.ToHashSet());
        Assert.Equal(3, seen.Count);
        var one = await contract.CheckAsync(await client.GetAsync(new Uri($"/api/v1/good-practices/{ids[0]}", UriKind.Relative)));
        Assert.Equal(($"City {word}", "UY", "Governance"), (one["owner"]!["name"]!.GetValue<string>(), one["countries"]![0]!.GetValue<string>(), one["themes"]![0]!.GetValue<string>()));
        foreach (var missing in new[] { draft, withdrawn, 2147483000 })
        {
            var url = $"/api/v1/good-practices/{missing}";
            await ApiProblemAssert.ProblemAsync(await client.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.NotFound, url);
        }
        foreach (var (url, parameter, message) in new[]
        {
            ("/api/v1/good-practices?theme=music", "theme", "is not one of the allowed values"),
            ("/api/v1/good-practices?country=zz", "country", "There is no country with the code"),
            ("/api/v1/good-practices?call=abc", "call", "is not the id of a call"),
            ("/api/v1/good-practices?limit=500", "limit", "between 1 and 100"),
            ("/api/v1/good-practices?after=MTIzfGFiYw", "after", "not the cursor"),
        })
        {
            await contract.CheckAsync(await client.GetAsync(new Uri(url, UriKind.Relative)));
            await ApiProblemAssert.BadParameterAsync(client, url, parameter, message);
        }

        var response = await client.GetAsync(new Uri($"/good-practices.csv?q={word}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,url,title,practice", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        Assert.DoesNotContain($"Draft {word}", csv, StringComparison.Ordinal);
        Assert.DoesNotContain($"Withdrawn {word}", csv, StringComparison.Ordinal);
        await ApiProblemAssert.ProblemAsync(await client.GetAsync(new Uri("/good-practices.csv?orgtype=person", UriKind.Relative)), HttpStatusCode.BadRequest, "/good-practices.csv?orgtype=person");

        var feed = await client.GetAsync(new Uri($"/feeds/good-practices.atom?q={word}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        var atom = System.Xml.Linq.XDocument.Parse(await feed.Content.ReadAsStringAsync());
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2005/Atom";
        var titles = atom.Root!.Elements(ns + "entry").Select(e => e.Element(ns + "title")!.Value).ToList();
        Assert.Equal(3, titles.Count);
        Assert.All(titles, t => Assert.StartsWith("Participatory budgeting", t, StringComparison.Ordinal));
        await ApiProblemAssert.ProblemAsync(await client.GetAsync(new Uri("/feeds/good-practices.atom?theme=music", UriKind.Relative)), HttpStatusCode.BadRequest, "/feeds/good-practices.atom?theme=music");
    }
}

[Collection(SqliteSuite.Name)]
public sealed class GoodPracticeOnSqlite(SqlitePortalFixture fixture) : GoodPracticeTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class GoodPracticeOnPostgres(PostgresPortalFixture fixture) : GoodPracticeTests(fixture);
