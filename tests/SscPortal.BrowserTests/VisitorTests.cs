using System.Text;
using System.Text.RegularExpressions;
using SscPortal.BrowserTests.Infrastructure;

namespace SscPortal.BrowserTests;

/// <summary>Someone with no account finds an initiative, reads what civil society says of it, in Spanish, and takes the data away.</summary>
public sealed class VisitorTests(BrowserSuite suite, ITestOutputHelper output) : IClassFixture<BrowserSuite>
{
    public static TheoryData<Mode> Modes => [Mode.Desktop, Mode.Phone, Mode.Keyboard];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_visitor_searches_filters_reads_an_assessment_in_Spanish_and_downloads_the_CSV(Mode mode)
    {
        await using var visit = await suite.VisitAsync(mode, output);
        var page = visit.Page;
        await visit.StartAtHomeAsync();

        await visit.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "Browse initiatives" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Initiatives", Level = 1 })).ToBeVisibleAsync();

        // Search.
        await visit.FillAsync(page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }), "agricultura");
        await visit.FollowAsync(page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button, new() { Name = "Search" }));
        var results = page.GetByRole(AriaRole.Heading, new() { Level = 2, NameRegex = new Regex("^Initiatives \\d") });
        await Assertions.Expect(results).ToBeVisibleAsync();

        // Narrow by country, then by SDG (a facet that starts folded).
        var facets = page.GetByRole(AriaRole.Complementary, new() { Name = "Narrow the list" });
        await visit.OpenFiltersAsync();
        await visit.FollowAsync(facets.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Paraguay \\(\\d+\\)$") }));
        await visit.OpenFiltersAsync();
        await Assertions.Expect(facets.GetByRole(AriaRole.Link, new() { Name = "Paraguay: remove this filter" })).ToBeVisibleAsync();
        var sdgFacet = facets.Locator("details.facet").Filter(new() { Has = page.Locator("summary", new() { HasText = "Sustainable Development Goals" }) });
        await visit.ActivateAsync(sdgFacet.Locator("summary"));
        await visit.FollowAsync(sdgFacet.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^2\\. .*\\(\\d+\\)$") }));
        await visit.OpenFiltersAsync();
        await Assertions.Expect(facets.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^2\\. .*: remove this filter$") })).ToBeVisibleAsync();

        // Open the initiative and read civil society's assessment of it.
        await visit.FollowAsync(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Cooperación triangular Perú–Alemania–Paraguay") }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, NameRegex = new Regex("^Cooperación triangular Perú–Alemania–Paraguay") })).ToBeVisibleAsync();
        var ibon = page.GetByRole(AriaRole.Article)
            .Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "IBON International" }), HasNot = page.GetByRole(AriaRole.Article) });
        await visit.FollowAsync(ibon.GetByRole(AriaRole.Link, new() { Name = "Read the assessment" }));
        await Assertions.Expect(page.GetByText("Producer organisations in Caaguazú value the exchanges").First).ToBeVisibleAsync();

        // The same page in Spanish, chosen with the switcher (buttons or links, whichever it is).
        var spanish = page.GetByRole(AriaRole.Button, new() { Name = "Español" }).Or(page.GetByRole(AriaRole.Link, new() { Name = "Español" }));
        await visit.FollowAsync(spanish);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Principal" }).GetByRole(AriaRole.Link, new() { Name = "Iniciativas" })).ToBeVisibleAsync();

        // Back to the catalogue, in Spanish, and take the list away as CSV.
        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Principal" }).GetByRole(AriaRole.Link, new() { Name = "Iniciativas" }));
        var download = await page.RunAndWaitForDownloadAsync(() => visit.ActivateAsync(page.GetByRole(AriaRole.Link, new() { Name = "CSV", Exact = true })));
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.OrdinalIgnoreCase);
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.True(bytes.Length > 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "The CSV does not start with a UTF-8 byte-order mark.");
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 1, "The CSV has no data row.");
        Assert.Matches("^[A-Za-z_\"]+[A-Za-z_\" ]*(,[A-Za-z_\" ]+)+", lines[0]);
        Assert.Contains(lines.Skip(1), line => line.Contains("Paraguay", StringComparison.Ordinal) || line.Contains("PY", StringComparison.Ordinal));
        output.WriteLine($"{mode}: CSV {download.SuggestedFilename}, {bytes.Length:N0} bytes, header: {lines[0].Trim()}");
    }

    [Fact]
    public async Task A_visitor_reads_a_principle_and_the_initiatives_that_claim_it()
    {
        // axe runs on each page reached: the claims list once held <article> cards directly in an <ol> (axe's "list" rule).
        await using var visit = await suite.VisitAsync(Mode.Desktop, output);
        var page = visit.Page;
        await visit.StartAtHomeAsync();

        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation).First.GetByRole(AriaRole.Link, new() { Name = "Principles", Exact = true }));
        await visit.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "National ownership and independence" }));

        var claims = page.GetByRole(AriaRole.Heading, new() { Level = 2, NameRegex = new Regex("^Initiatives that claim it") });
        await Assertions.Expect(claims).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Listitem).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Cooperación triangular Perú") }).First).ToBeVisibleAsync();
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_visitor_follows_what_became_of_the_recommendations_from_the_tracker_to_the_assessment(Mode mode)
    {
        var apci = await suite.Portal.ActorIdAsync("Agencia Peruana de Cooperación Internacional");
        var ibon = await suite.Portal.ActorIdAsync("IBON International");
        var title = Steps.Unique("Seed fairs");
        var assessment = await suite.Portal.PublishedAssessmentAsync(ibon, await suite.Portal.PublishedInitiativeAsync(apci, title));
        var text = Steps.Unique("Publish the seed fairs' accounts");
        var recommendation = await suite.Portal.OverdueRecommendationAsync(assessment, apci, text);

        await using var visit = await suite.VisitAsync(mode, output);
        var page = visit.Page;
        await visit.StartAtHomeAsync();
        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Recommendations" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Recommendations" })).ToBeVisibleAsync();
        // Narrowed to what is overdue, the recommendation is listed, and leads to its thread on the assessment.
        await visit.OpenFiltersAsync();
        await visit.FollowAsync(visit.MainContent().Locator("a[href*='overdue=']").First);
        var listed = visit.MainContent().GetByRole(AriaRole.Listitem).Filter(new() { HasText = text }).GetByRole(AriaRole.Link, new() { Name = "Recommendation 1" });
        await Assertions.Expect(listed).ToBeVisibleAsync();
        await visit.FollowAsync(listed);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, NameRegex = new Regex(Regex.Escape(title)) })).ToBeVisibleAsync();
        var thread = page.Locator($"#recommendation-{recommendation}");
        await Assertions.Expect(thread).ToContainTextAsync("Accepted");
        await Assertions.Expect(thread).ToContainTextAsync("Target date passed");
    }
}
