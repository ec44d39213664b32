using System.Net;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>The public catalogue over HTTP, run on each database provider (see the subclasses at the end).</summary>
public abstract class CatalogueTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private static List<int> InitiativeIds(HtmlClient.Page page) =>
        page.Document.QuerySelectorAll(".initiative-card h3 a")
            .Select(a => int.Parse(a.GetAttribute("href")!["/initiatives/".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    [Fact]
    public async Task The_catalogue_lists_published_initiatives_and_never_drafts_or_unpublished_ones()
    {
        var owner = await Portal.ActorAsync();
        var published = await Portal.InitiativeAsync(owner, "GL", "IS", DateTime.UtcNow.AddMinutes(-5));
        var draft = await Portal.InitiativeAsync(owner, "GL", "IS", publishedAt: null);
        var withdrawn = await Portal.InitiativeAsync(owner, "GL", "IS", DateTime.UtcNow.AddMinutes(-4));
        await Portal.WithDatabaseAsync(async db =>
        {
            (await db.Initiatives.FindAsync(withdrawn))!.Unpublish("Duplicate record");
            return await db.SaveChangesAsync();
        });

        using var browser = Portal.CreateBrowser();
        var ids = InitiativeIds(await browser.GetOkAsync("/initiatives?country=GL"));

        Assert.Equal([published], ids);
    }

    [Fact]
    public async Task A_draft_or_unpublished_initiative_is_not_found_by_guessing_its_id()
    {
        var owner = await Portal.ActorAsync();
        var draft = await Portal.InitiativeAsync(owner, "PE", "PY", publishedAt: null, title: "Secret draft about seeds");
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetAsync($"/initiatives/{draft}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain("Secret draft", page.Text, StringComparison.Ordinal);
        Assert.Contains("Page not found", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_published_initiative_shows_its_countries_actors_roles_status_goals_and_sectors()
    {
        var owner = await Portal.ActorAsync(ActorType.Government, TestData.Unique("Agencia de prueba"));
        var id = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-1), Modality.Triangular, ActivityStatus.Closed);
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetOkAsync($"/initiatives/{id}");

        var text = page.Text;
        Assert.Contains("Peru", text, StringComparison.Ordinal);
        Assert.Contains("First provider", text, StringComparison.Ordinal);
        Assert.Contains("Germany", text, StringComparison.Ordinal);
        Assert.Contains("Second provider", text, StringComparison.Ordinal);
        Assert.Contains("Paraguay", text, StringComparison.Ordinal);
        Assert.Contains("Recipient", text, StringComparison.Ordinal);
        Assert.Contains(owner.Name, text, StringComparison.Ordinal);
        Assert.Contains("Lead", text, StringComparison.Ordinal);
        Assert.Contains("Triangular cooperation", text, StringComparison.Ordinal);
        Assert.Contains("Closed", text, StringComparison.Ordinal);
        Assert.Contains("Zero hunger", text, StringComparison.Ordinal);
        Assert.Contains("31161", text, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector($"a[href='/actors/{owner.Id}']"));
    }

    [Fact]
    public async Task Filters_by_country_modality_and_status_narrow_the_list_and_combine()
    {
        var owner = await Portal.ActorAsync();
        var at = DateTime.UtcNow.AddMinutes(-10);
        var bilateralOngoing = await Portal.InitiativeAsync(owner, "FO", "TK", at, Modality.Bilateral, ActivityStatus.Implementation);
        var triangularOngoing = await Portal.InitiativeAsync(owner, "FO", "TK", at.AddSeconds(1), Modality.Triangular, ActivityStatus.Implementation);
        var triangularClosed = await Portal.InitiativeAsync(owner, "FO", "NU", at.AddSeconds(2), Modality.Triangular, ActivityStatus.Closed);
        using var browser = Portal.CreateBrowser();

        Assert.Equal([triangularClosed, triangularOngoing, bilateralOngoing], InitiativeIds(await browser.GetOkAsync("/initiatives?country=FO")));
        Assert.Equal([triangularOngoing, bilateralOngoing], InitiativeIds(await browser.GetOkAsync("/initiatives?country=TK")));
        Assert.Equal([triangularClosed, triangularOngoing], InitiativeIds(await browser.GetOkAsync("/initiatives?country=FO&modality=triangular")));
        Assert.Equal([triangularOngoing], InitiativeIds(await browser.GetOkAsync("/initiatives?country=fo&modality=Triangular&status=implementation")));

        var all = await browser.GetOkAsync("/initiatives");
        Assert.Contains("Clear all filters", (await browser.GetOkAsync("/initiatives?country=FO")).Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Clear all filters", all.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_filter_form_submits_the_chosen_values()
    {
        var owner = await Portal.ActorAsync();
        var id = await Portal.InitiativeAsync(owner, "SJ", "BV", DateTime.UtcNow.AddMinutes(-3), Modality.Regional, ActivityStatus.Suspended);
        using var browser = Portal.CreateBrowser();
        var catalogue = await browser.GetOkAsync("/initiatives");

        var filtered = await browser.SubmitAsync(catalogue, "form.filters", new Dictionary<string, string>
        {
            ["country"] = "SJ", ["modality"] = "regional", ["status"] = "suspended",
        });

        Assert.Equal([id], InitiativeIds(filtered));
        Assert.Equal("SJ", filtered.Document.QuerySelector("#country option[selected]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Paging_moves_through_the_list_without_repeats_or_gaps_even_when_times_tie()
    {
        var owner = await Portal.ActorAsync();
        var created = new List<int>();
        var baseTime = DateTime.UtcNow.AddHours(-1);
        for (var i = 0; i < 45; i++)
        {
            // Groups of three share a publication time: the id breaks the tie.
            created.Add(await Portal.InitiativeAsync(owner, "PN", "NF", baseTime.AddSeconds(i / 3)));
        }
        using var browser = Portal.CreateBrowser();

        var seen = new List<int>();
        var page = await browser.GetOkAsync("/initiatives?country=PN");
        Assert.Contains("of 45", page.Document.QuerySelector("#results-heading")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("a[rel=prev]"));
        var pages = 1;
        while (true)
        {
            seen.AddRange(InitiativeIds(page));
            var next = page.Document.QuerySelector("a[rel=next]")?.GetAttribute("href");
            if (next is null) break;
            page = await browser.GetOkAsync(next);
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(created.AsEnumerable().Reverse(), seen);

        // And back again from the last page.
        var back = await browser.GetOkAsync(page.Document.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);
        Assert.Equal(seen.Skip(20).Take(20), InitiativeIds(back));
        Assert.Contains("21–40 of 45", back.Document.QuerySelector("#results-heading")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_initiative_published_while_paging_does_not_shift_the_next_page()
    {
        var owner = await Portal.ActorAsync();
        var baseTime = DateTime.UtcNow.AddHours(-2);
        var created = new List<int>();
        for (var i = 0; i < 25; i++) created.Add(await Portal.InitiativeAsync(owner, "HM", "AQ", baseTime.AddSeconds(i)));
        using var browser = Portal.CreateBrowser();
        var first = await browser.GetOkAsync("/initiatives?country=HM");

        await Portal.InitiativeAsync(owner, "HM", "AQ", DateTime.UtcNow);
        var second = await browser.GetOkAsync(first.Document.QuerySelector("a[rel=next]")!.GetAttribute("href")!);

        Assert.Equal(created.Take(5).Reverse(), InitiativeIds(second));
    }

    [Theory]
    [InlineData("/initiatives?country=XX", "There is no country with the code")]
    [InlineData("/initiatives?country=%3Cscript%3E", "There is no country with the code")]
    [InlineData("/initiatives?modality=bogus", "is not a modality")]
    [InlineData("/initiatives?modality=1", "is not a modality")]
    [InlineData("/initiatives?status=99", "is not a status")]
    [InlineData("/initiatives?after=not-a-cursor", "This page link is not valid")]
    [InlineData("/initiatives?before=%01%02", "This page link is not valid")]
    [InlineData("/actors?type=ministry", "is not a kind of organisation")]
    [InlineData("/actors?after=@@@", "This page link is not valid")]
    public async Task Unknown_filter_values_get_a_normal_page_that_says_what_was_ignored(string url, string message)
    {
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetOkAsync(url);

        Assert.Contains(message, page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", page.Document.Body!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_link_past_the_end_gets_a_normal_page_that_leads_back_to_the_start()
    {
        using var browser = Portal.CreateBrowser();
        var cursor = new SscPortal.Web.Catalogue.KeysetCursor("1", 1).Encode();

        var page = await browser.GetOkAsync($"/initiatives?after={cursor}");

        Assert.Contains("There are no initiatives at this point of the list.", page.Text, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("a[href='/initiatives']"));
    }

    [Theory]
    [InlineData("/initiatives/abc")]
    [InlineData("/initiatives/99999999999999")]
    [InlineData("/initiatives/-1")]
    [InlineData("/initiatives/2147483647")]
    [InlineData("/actors/xyz")]
    [InlineData("/actors/2147483647")]
    [InlineData("/no-such-page")]
    public async Task A_malformed_or_unknown_id_is_a_friendly_404(string url)
    {
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("Page not found", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_over_long_query_string_is_a_400_with_a_friendly_page_not_a_500()
    {
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetAsync("/initiatives?country=" + new string('A', 5000));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("The request could not be understood", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_says_what_the_portal_is_and_counts_what_is_published()
    {
        var (initiatives, countries, actors) = await Portal.WithDatabaseAsync(async db =>
        {
            var published = db.Initiatives.Where(i => i.Publication == PublicationState.Published);
            return (published.Count(), published.SelectMany(i => i.Countries).Select(c => c.CountryCode).Distinct().Count(),
                published.SelectMany(i => i.Actors).Select(a => a.ActorId).Distinct().Count());
        });
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetOkAsync("/");

        var figures = page.Document.QuerySelectorAll(".figures .figure").Select(f => int.Parse(f.TextContent.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        // Other tests publish at the same time: the counts can only have grown since we read them.
        Assert.True(figures[0] >= initiatives && figures[1] >= countries && figures[2] >= actors, string.Join(",", figures));
        Assert.True(initiatives >= 30, "demonstration data holds at least 30 published initiatives");
        Assert.Contains("South-South cooperation", page.Text, StringComparison.Ordinal);
        Assert.Equal(6, page.Document.QuerySelectorAll(".initiative-card").Length);
    }

    [Fact]
    public async Task The_actor_directory_lists_organisations_with_their_published_initiatives()
    {
        var owner = await Portal.ActorAsync(ActorType.RegionalCso, TestData.Unique("Aaa Directory Test Network"));
        var published = await Portal.InitiativeAsync(owner, "PE", "BO", DateTime.UtcNow.AddMinutes(-2), title: TestData.Unique("Visible work"));
        await Portal.InitiativeAsync(owner, "PE", "BO", publishedAt: null, title: "Hidden draft work");
        using var browser = Portal.CreateBrowser();

        var directory = await browser.GetOkAsync("/actors?type=regionalcso");
        var row = directory.Document.QuerySelectorAll("table.directory tbody tr").Single(r => r.TextContent.Contains(owner.Name, StringComparison.Ordinal));
        Assert.Equal("1", row.QuerySelector("td.number")!.TextContent.Trim());

        var details = await browser.GetOkAsync($"/actors/{owner.Id}");
        Assert.NotNull(details.Document.QuerySelector($"a[href='/initiatives/{published}']"));
        Assert.DoesNotContain("Hidden draft work", details.Text, StringComparison.Ordinal);
        Assert.Contains("Verified organisation", details.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_actor_directory_pages_through_every_organisation_once()
    {
        var expected = await Portal.WithDatabaseAsync(db => Task.FromResult(db.Actors.Count()));
        using var browser = Portal.CreateBrowser();

        var seen = new List<string>();
        var page = await browser.GetOkAsync("/actors");
        while (true)
        {
            seen.AddRange(page.Document.QuerySelectorAll("table.directory tbody tr td:first-child a").Select(a => a.GetAttribute("href")!));
            var next = page.Document.QuerySelector("a[rel=next]")?.GetAttribute("href");
            if (next is null) break;
            page = await browser.GetOkAsync(next);
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(seen.Count >= expected, $"{seen.Count} seen, {expected} in the database before paging");
    }
}

[Collection(SqliteSuite.Name)]
public sealed class CatalogueOnSqlite(SqlitePortalFixture fixture) : CatalogueTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class CatalogueOnPostgres(PostgresPortalFixture fixture) : CatalogueTests(fixture);
