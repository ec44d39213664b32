using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// How the portal answers requests it should not act on, and forms that post to more than one handler: the status a
/// failed request gets is its own, whatever its body says; forms with a secondary button always say where they post.
/// </summary>
public abstract class RequestHandlingTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    [Theory]
    [InlineData("/account/logout", "code=200", HttpStatusCode.BadRequest, "The request could not be understood")]
    [InlineData("/account/login", "code=200&Input.Email=a%40b.org", HttpStatusCode.BadRequest, "The request could not be understood")]
    [InlineData("/no/such/page", "code=200", HttpStatusCode.NotFound, "Page not found")]
    public async Task A_failed_post_keeps_its_own_status_whatever_its_body_says(string address, string body, HttpStatusCode expected, string heading)
    {
        using var client = Portal.CreateBrowser(followRedirects: false);
        using var content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");

        var page = await client.Http.PostAsync(new Uri(address, UriKind.Relative), content);

        Assert.Equal(expected, page.StatusCode);
        Assert.Contains(heading, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_get_keeps_its_status_whatever_its_address_says_about_code()
    {
        using var browser = Portal.CreateBrowser(followRedirects: false);

        var page = await browser.GetAsync("/no/such/page?code=200");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("Page not found", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spreadsheet_over_the_limit_gets_a_413_page_that_says_the_limit_and_saves_nothing()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var (client, token) = await world.ClientAsync(Role.CsoMember);
        var file = Encoding.UTF8.GetBytes("id,title\n" + new string('x', 3 * 1024 * 1024));
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(TestData.Key(world.CsoA.Id)), "OrganisationId" },
            { new ByteArrayContent(file), "file", "initiatives.csv" },
        };

        var response = await client.PostAsync(new Uri("/my/spreadsheet?handler=Upload", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("What you sent is too large", text, StringComparison.Ordinal);
        Assert.Contains("at most 2 MB", text, StringComparison.Ordinal);
        Assert.Equal(0, await Portal.WithDatabaseAsync(db => db.Initiatives.CountAsync(i => i.OwnerId == world.CsoA.Id)));
    }

    [Fact]
    public async Task The_initiative_form_posts_to_its_own_address_and_add_rows_to_its_handler_for_a_new_and_an_existing_draft()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var draft = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null);
        using var member = await world.BrowserAsync(Role.CsoMember);

        foreach (var address in new[] { "/initiatives/new", $"/initiatives/{draft}/edit" })
        {
            var form = await member.GetOkAsync(address);
            Assert.Equal(address, form.Document.QuerySelector("form.record-form")!.GetAttribute("action"));
            Assert.Equal($"{address}?handler=AddRows", form.Document.QuerySelector("form.record-form button[formaction]")!.GetAttribute("formaction"));

            // After "Add rows" the page is at ?handler=AddRows; its form still posts to the form's own address.
            var more = await member.SubmitAsync(form, "form.record-form", new Dictionary<string, string>(), "form.record-form button[formaction]");
            Assert.Equal("AddRows", System.Web.HttpUtility.ParseQueryString(more.Address.Query)["handler"]);
            Assert.Equal(address, more.Document.QuerySelector("form.record-form")!.GetAttribute("action"));
        }
    }

    [Fact]
    public async Task Saving_after_add_rows_saves_a_new_and_an_existing_draft()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var draft = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null);
        using var member = await world.BrowserAsync(Role.CsoMember);

        foreach (var (address, title) in new[] { ("/initiatives/new", TestData.Unique("Saved after more rows")), ($"/initiatives/{draft}/edit", TestData.Unique("Renamed after more rows")) })
        {
            var values = new Dictionary<string, string>
            {
                ["Input.OwnerId"] = TestData.Key(world.CsoA.Id), ["Input.Title"] = title, ["Input.Summary"] = "Typed before adding rows.",
                ["Input.Modality"] = "Bilateral", ["Input.Instrument"] = "Project", ["Input.Status"] = "Implementation",
                ["Input.Countries[0].Code"] = "PE", ["Input.Countries[0].Role"] = "Provider", ["Input.Countries[1].Code"] = "BO", ["Input.Countries[1].Role"] = "Recipient",
            };
            var more = await member.SubmitAsync(await member.GetOkAsync(address), "form.record-form", values, "form.record-form button[formaction]");

            var saved = await member.SubmitAsync(more, "form.record-form", new Dictionary<string, string>());

            Assert.Matches(@"^/initiatives/\d+$", saved.Address.AbsolutePath);
            Assert.Contains(title, saved.Text, StringComparison.Ordinal);
            Assert.True(await Portal.WithDatabaseAsync(db => db.Initiatives.AnyAsync(i => i.Title == title && i.OwnerId == world.CsoA.Id)));
        }
    }

    [Fact]
    public async Task The_partnership_and_assessment_forms_say_where_they_post()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "BO", DateTime.UtcNow.AddMinutes(-1));
        using var agency = await world.BrowserAsync(Role.AgencyMember);
        using var cso = await world.BrowserAsync(Role.CsoMember);

        Assert.Equal("/partnerships/new", (await agency.GetOkAsync("/partnerships/new")).Document.QuerySelector("form.record-form")!.GetAttribute("action"));
        var assess = await cso.GetOkAsync($"/initiatives/{initiative}/assess");
        Assert.Equal($"/initiatives/{initiative}/assess", assess.Document.QuerySelector("form.record-form")!.GetAttribute("action"));
        Assert.Equal($"/initiatives/{initiative}/assess?handler=AddRows", assess.Document.QuerySelector("form.record-form button[formaction]")!.GetAttribute("formaction"));
    }

    [Theory]
    [InlineData("a duplicate indicator code")]
    [InlineData("an empty indicator code")]
    [InlineData("an indicator code the framework lacks")]
    public async Task A_crafted_assessment_form_gets_a_message_and_saves_nothing(string crafted)
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "BO", DateTime.UtcNow.AddMinutes(-1));
        using var member = await world.BrowserAsync(Role.CsoMember);
        var form = await member.GetOkAsync($"/initiatives/{initiative}/assess");
        var first = form.Document.QuerySelector("input[name='Input.Answers[0].IndicatorCode']")!.GetAttribute("value")!;
        var values = new Dictionary<string, string>
        {
            ["Input.AssessorId"] = TestData.Key(world.CsoA.Id), ["Input.Relationship"] = "Affected", ["Input.Answers[0].Choice"] = "3",
            ["Input.Answers[1].IndicatorCode"] = crafted switch { "a duplicate indicator code" => first, "an empty indicator code" => "", _ => "Z9.9" },
        };

        foreach (var submitter in new[] { "form.record-form button[formaction]", null })
        {
            var answer = await member.SubmitAsync(form, "form.record-form", values, submitter);

            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.NotNull(answer.Document.QuerySelector($"[id='indicator-{first}']"));
            if (submitter is null)
            {
                var message = answer.Document.QuerySelector(".form-errors")!.TextContent;
                Assert.True(message.Contains("Each indicator can be answered only once.", StringComparison.Ordinal)
                            || message.Contains("This indicator is not part of the framework the assessment uses.", StringComparison.Ordinal), message);
            }
        }
        Assert.False(await Portal.WithDatabaseAsync(db => db.Assessments.AnyAsync(a => a.AssessorId == world.CsoA.Id)));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class RequestHandlingOnSqlite(SqlitePortalFixture fixture) : RequestHandlingTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class RequestHandlingOnPostgres(PostgresPortalFixture fixture) : RequestHandlingTests(fixture);
