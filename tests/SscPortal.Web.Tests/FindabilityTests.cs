using SscPortal.Web.Search;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Localization;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Finding one's way: every country can be chosen in the catalogue, every country page is reachable by a link, and a
/// count reads "1 response" and "2 responses" in each language. Run on each database provider (subclasses at the end).
/// </summary>
public abstract partial class FindabilityTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    [GeneratedRegex(@"[?&]country=([A-Z]{2})(?:&|$)")]
    private static partial Regex CountryParameter();

    [Fact]
    public async Task Every_country_with_published_initiatives_can_be_chosen_from_the_facet_and_the_dropdown()
    {
        var countries = await Portal.WithDatabaseAsync(db => db.Initiatives.Where(i => i.Publication == PublicationState.Published)
            .SelectMany(i => i.Countries).Select(c => c.CountryCode).Distinct().ToListAsync());
        Assert.True(countries.Count > CatalogueFacets.MostListed, $"the demonstration data has {countries.Count} countries, more than a facet once listed");
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetOkAsync("/initiatives");

        var facet = page.Document.QuerySelectorAll("aside.facets details.facet")
            .Single(d => d.QuerySelector("summary")!.TextContent.Trim() == "Country");
        var inFacet = facet.QuerySelectorAll("a[href]").Select(a => CountryParameter().Match(a.GetAttribute("href")!))
            .Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet();
        var inDropdown = page.Document.QuerySelectorAll("#country option").Select(o => o.GetAttribute("value")).ToHashSet();
        var notInFacet = countries.Except(inFacet).ToList();
        var notInDropdown = countries.Except(inDropdown!).ToList();
        Assert.True(notInFacet.Count == 0, $"The country facet lists {inFacet.Count} countries; missing: {string.Join(", ", notInFacet)}");
        Assert.True(notInDropdown.Count == 0, $"The country dropdown lists {inDropdown.Count - 1} countries; missing: {string.Join(", ", notInDropdown)}");
        // The long list folds away behind a control that needs no script, naming how many it holds.
        var more = facet.QuerySelector("details.more");
        Assert.NotNull(more);
        Assert.StartsWith($"{more.QuerySelectorAll("a").Length} more", more.QuerySelector("summary")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_country_page_is_linked_from_an_initiative_the_catalogue_the_map_and_the_figures()
    {
        var owner = await Portal.ActorAsync();
        var id = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-1));
        using var browser = Portal.CreateBrowser();

        var initiative = await browser.GetOkAsync($"/initiatives/{id}");
        Assert.Equal("Peru", initiative.Document.QuerySelector("a[href='/countries/PE']")?.TextContent.Trim());
        var paraguay = await browser.FollowAsync(initiative, "a[href='/countries/PY']");
        Assert.Equal("Paraguay", paraguay.Document.QuerySelector("h1")!.TextContent.Trim());
        // From the country page, its initiatives in each role.
        Assert.NotNull(paraguay.Document.QuerySelector("a[href='/initiatives?country=PY&role=recipient']"));

        var catalogue = await browser.GetOkAsync("/initiatives?country=PY");
        var about = catalogue.Document.QuerySelector(".about-country a")!;
        Assert.Equal("About this country: Paraguay", about.TextContent.Trim());
        Assert.Equal("Paraguay", (await browser.FollowAsync(catalogue, ".about-country a")).Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Null((await browser.GetOkAsync("/initiatives")).Document.QuerySelector(".about-country"));

        var map = await browser.GetOkAsync("/map?as=recipient");
        var row = map.Document.QuerySelectorAll("#map-table-caption ~ tbody tr").Single(r => r.QuerySelector("a[href='/countries/PY']") is not null);
        Assert.Equal("Paraguay", row.QuerySelector("th a")!.TextContent.Trim());
        Assert.Contains("country=PY", row.QuerySelector("td a")!.GetAttribute("href"), StringComparison.Ordinal);

        var figures = await browser.GetOkAsync("/stats");
        var pairs = figures.Document.QuerySelector("#pairs-heading")!.ParentElement!.QuerySelectorAll("tbody tr");
        Assert.NotEmpty(pairs);
        Assert.All(pairs, pair => Assert.Equal(2, pair.QuerySelectorAll("td a[href^='/countries/']").Length));
        var first = pairs[0].QuerySelector("td a")!;
        Assert.Equal(first.TextContent.Trim(), (await browser.GetOkAsync(first.GetAttribute("href")!)).Document.QuerySelector("h1")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("en", "1 response", "2 responses", "2 published assessments")]
    [InlineData("es", "1 respuesta", "2 respuestas", "2 evaluaciones publicadas")]
    [InlineData("pt", "1 resposta", "2 respostas", "2 avaliações publicadas")]
    [InlineData("fr", "1 réponse", "2 réponses", "2 évaluations publiées")]
    public async Task A_count_reads_in_the_singular_or_the_plural_in_each_language(string language, string one, string two, string heading)
    {
        var assessor = await Portal.ActorAsync();
        var owner = await Portal.ActorAsync(ActorType.Government);
        var other = await Portal.ActorAsync(ActorType.Government);
        var withOne = await Portal.AssessmentAsync(assessor, await Portal.InitiativeAsync(owner, "PE", "BO", DateTime.UtcNow.AddMinutes(-3)), DateTime.UtcNow.AddMinutes(-2));
        var withTwo = await Portal.AssessmentAsync(assessor, await Portal.InitiativeAsync(owner, "PE", "BO", DateTime.UtcNow.AddMinutes(-3)), DateTime.UtcNow.AddMinutes(-1));
        await Portal.WithDatabaseAsync(db =>
        {
            var at = DateTime.UtcNow;
            db.AssessmentResponses.AddRange(
                new AssessmentResponse { AssessmentId = withOne, ResponderId = owner.Id, Text = "We take note.", PublishedAt = at },
                new AssessmentResponse { AssessmentId = withTwo, ResponderId = owner.Id, Text = "We take note.", PublishedAt = at },
                new AssessmentResponse { AssessmentId = withTwo, ResponderId = other.Id, Text = "So do we.", PublishedAt = at });
            return db.SaveChangesAsync();
        });
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetOkAsync($"/assessments?assessor={assessor.Id}&culture={language}");

        // The line under each assessment's title: perspective, assessor, date and the count of responses.
        string Line(int id) => page.Document.QuerySelectorAll("li.card").Single(c => c.QuerySelector($"a[href='/assessments/{id}']") is not null)
            .QuerySelector("h3 + p")!.TextContent;
        Assert.Matches($@"· {Regex.Escape(one)}\s*$", Line(withOne));
        Assert.Matches($@"· {Regex.Escape(two)}\s*$", Line(withTwo));
        Assert.Equal(heading, page.Document.QuerySelector("#results-heading")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("en", "0 initiatives")]
    [InlineData("es", "0 iniciativas")]
    [InlineData("pt", "0 iniciativa")]
    [InlineData("fr", "0 initiative")]
    public async Task Nothing_found_reads_as_French_and_Portuguese_say_it(string language, string heading)
    {
        using var browser = Portal.CreateBrowser();

        // A word no title has and none comes close to (the other tests' words are "zq" and letters; a title close to a random
        // one of those would stand in for it on PostgreSQL).
        var page = await browser.GetOkAsync($"/initiatives?q=xw{Guid.NewGuid():N}&culture={language}");

        Assert.Equal(heading, page.Document.QuerySelector("#results-heading")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("en", 0, false)]
    [InlineData("en", 1, true)]
    [InlineData("en", 2, false)]
    [InlineData("es", 0, false)]
    [InlineData("es", 1, true)]
    [InlineData("fr", 0, true)]
    [InlineData("fr", 1, true)]
    [InlineData("fr", 2, false)]
    [InlineData("pt", 0, true)]
    [InlineData("pt-PT", 0, false)]
    [InlineData("pt", 1000, false)]
    public void The_singular_follows_each_language_s_rule(string culture, long count, bool singular) =>
        Assert.Equal(singular, Plurals.IsOne(count, new CultureInfo(culture)));
}

[Collection(SqliteSuite.Name)]
public sealed class FindabilityOnSqlite(SqlitePortalFixture fixture) : FindabilityTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class FindabilityOnPostgres(PostgresPortalFixture fixture) : FindabilityTests(fixture);
