using System.Text.Json;
using System.Text.RegularExpressions;
using SscPortal.BrowserTests.Infrastructure;

namespace SscPortal.BrowserTests;

/// <summary>
/// How the pages sit on a phone's screen and a desktop's: the catalogue's results come first on a phone, with its
/// filters folded behind one control; a score chart uses its column's width; a table's caption is never cut off.
/// </summary>
public sealed class LayoutTests(BrowserSuite suite, ITestOutputHelper output) : IClassFixture<BrowserSuite>
{
    /// <summary>A phone's screen is 812 px tall: the first result starts within about the first screenful.</summary>
    private const int FirstScreenful = 900;

    [Fact]
    public async Task On_a_phone_the_first_result_is_on_the_first_screen_and_the_folded_filters_open_and_work()
    {
        await using var visit = await suite.VisitAsync(Mode.Phone, output);
        var page = visit.Page;
        await visit.StartAtHomeAsync();
        await visit.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "Browse initiatives" }));

        // Where each part of the page falls, to see what pushes the results down when they are too far.
        var parts = await page.EvaluateAsync<string[]>("""
            () => ['.site-header', 'main h1', 'main .lead', 'form.filters', '.search-field', '.filters .field:not(.search-field)', '.filter-actions', 'aside.facets', '.downloads', '#results-heading']
              .flatMap(s => [...document.querySelectorAll(s)].map(e => { const r = e.getBoundingClientRect(); return `${s}: ${Math.round(r.top + scrollY)}–${Math.round(r.bottom + scrollY)}`; }))
            """);
        output.WriteLine(string.Join(Environment.NewLine, parts));
        var firstResult = page.Locator(".initiative-card").First;
        var top = await firstResult.EvaluateAsync<double>("e => e.getBoundingClientRect().top + window.scrollY");
        output.WriteLine($"The first result starts {top:N0} px down.");
        Assert.True(top < FirstScreenful, $"On a phone the first result starts {top:N0} px down the page.");

        // The facets are folded away behind one control.
        var facets = page.GetByRole(AriaRole.Complementary, new() { Name = "Narrow the list" });
        var toggle = facets.Locator("summary", new() { HasText = "Filters" });
        await Assertions.Expect(toggle).ToBeVisibleAsync();
        var country = CountryFacet(facets).Locator("ul > li > a").First;
        await Assertions.Expect(country).Not.ToBeVisibleAsync();

        // Opened, they work; the control then says how many filters are chosen.
        await visit.ActivateAsync(toggle);
        await Assertions.Expect(country).ToBeVisibleAsync();
        await visit.AssertNoSidewaysScrollingAsync();
        var name = NameOf(await country.InnerTextAsync());
        await visit.FollowAsync(country);
        Assert.Contains("country=", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(facets.Locator("summary", new() { HasText = "Filters" })).ToContainTextAsync("1 filter chosen");
        var chosen = facets.GetByRole(AriaRole.Link, new() { Name = $"{name}: remove this filter" });
        await Assertions.Expect(chosen).Not.ToBeVisibleAsync();
        await visit.OpenFiltersAsync();
        await Assertions.Expect(chosen).ToBeVisibleAsync();
        top = await page.Locator(".initiative-card").First.EvaluateAsync<double>("e => e.getBoundingClientRect().top + window.scrollY");
        Assert.True(top > FirstScreenful / 2.0, "Opened, the filters come before the results.");
    }

    [Fact]
    public async Task On_a_desktop_the_filters_are_shown_beside_the_results_without_a_control()
    {
        await using var visit = await suite.VisitAsync(Mode.Desktop, output);
        var page = visit.Page;
        await visit.StartAtHomeAsync();
        await visit.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "Browse initiatives" }));

        var facets = page.GetByRole(AriaRole.Complementary, new() { Name = "Narrow the list" });
        await Assertions.Expect(facets.Locator("summary", new() { HasText = "Filters" })).Not.ToBeVisibleAsync();
        await Assertions.Expect(facets.GetByRole(AriaRole.Heading, new() { Name = "Narrow the list" })).ToBeVisibleAsync();
        var country = CountryFacet(facets).Locator("ul > li > a").First;
        var name = NameOf(await country.InnerTextAsync());
        await visit.FollowAsync(country);
        await Assertions.Expect(facets.GetByRole(AriaRole.Link, new() { Name = $"{name}: remove this filter" })).ToBeVisibleAsync();
        var beside = await page.EvaluateAsync<bool>(
            "() => document.querySelector('aside.facets').getBoundingClientRect().right <= document.querySelector('.initiative-card').getBoundingClientRect().left");
        Assert.True(beside, "On a desktop the facets stand beside the results.");
    }

    [Fact]
    public async Task On_a_desktop_the_score_chart_uses_its_column_and_its_gridlines_stay_clear_of_the_labels()
    {
        await using var visit = await suite.VisitAsync(Mode.Desktop, output);
        await OpenAnAssessmentAsync(visit);

        var chart = await visit.Page.Locator("svg.score-chart").EvaluateAsync<JsonElement>("""
            svg => {
              const width = svg.getBoundingClientRect().width, column = svg.parentElement.getBoundingClientRect().width;
              const labels = [...svg.querySelectorAll('.bar-label')].map(t => t.getBoundingClientRect());
              const crossings = [...svg.querySelectorAll('.tick')].map(l => l.getBoundingClientRect())
                .filter(l => labels.some(t => l.left <= t.right && l.right >= t.left && l.top < t.bottom && l.bottom > t.top)).length;
              const bars = [...svg.querySelectorAll('.bar')].map(b => b.getBoundingClientRect().width);
              return { width, column, crossings, labels: labels.length, widest: Math.max(0, ...bars) };
            }
            """);
        var width = chart.GetProperty("width").GetDouble();
        var column = chart.GetProperty("column").GetDouble();
        output.WriteLine($"Score chart {width:N0} px wide in a column of {column:N0} px; widest bar {chart.GetProperty("widest").GetDouble():N0} px.");
        Assert.True(chart.GetProperty("labels").GetInt32() > 0, "The chart has labels.");
        Assert.True(width >= 0.9 * column, $"The score chart is {width:N0} px wide in a column of {column:N0} px.");
        Assert.Equal(0, chart.GetProperty("crossings").GetInt32());
    }

    [Fact]
    public async Task On_a_phone_no_table_caption_is_cut_off()
    {
        await using var visit = await suite.VisitAsync(Mode.Phone, output);
        await OpenAnAssessmentAsync(visit);
        await AssertCaptionsWholeAsync(visit);

        await visit.FollowAsync(visit.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Figures" }));
        await visit.FollowAsync(visit.Page.GetByRole(AriaRole.Link, new() { Name = "See them on a map" }));
        await AssertCaptionsWholeAsync(visit);

        // A table far wider than the phone, which scrolls sideways inside its box: its caption stays in view.
        await visit.FollowAsync(visit.Page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Who may do what" }));
        await AssertCaptionsWholeAsync(visit);
    }

    private static ILocator CountryFacet(ILocator facets) =>
        facets.Locator("details.facet").Filter(new() { Has = facets.Page.Locator("summary", new() { HasTextRegex = new Regex("^Country$") }) });

    /// <summary>A facet value's name without its count: "Peru (12)" is Peru.</summary>
    private static string NameOf(string link) => Regex.Replace(link.Trim(), @"\s*\([\d,]+\)$", "");

    /// <summary>From the home page to the first published assessment in the list, as a visitor would.</summary>
    private static async Task OpenAnAssessmentAsync(Visit visit)
    {
        await visit.StartAtHomeAsync();
        await visit.FollowAsync(visit.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Assessments" }));
        await visit.FollowAsync(visit.Page.Locator("li.card h3 a").First);
        await Assertions.Expect(visit.Page.Locator("svg.score-chart")).ToBeVisibleAsync();
    }

    /// <summary>Every caption's text fits in its own box, and that box within what its scrolling container shows.</summary>
    private async Task AssertCaptionsWholeAsync(Visit visit)
    {
        var captions = await visit.Page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('caption')].filter(c => !c.closest('.visually-hidden') && c.getClientRects().length > 0).map(c => {
              const box = c.getBoundingClientRect();
              const shown = (c.closest('.table-scroll') || document.documentElement).getBoundingClientRect();
              const right = Math.min(shown.right, document.documentElement.clientWidth);
              return { text: c.textContent.trim(), whole: c.scrollWidth <= c.clientWidth && box.right <= right + 1 && box.left >= shown.left - 1,
                       detail: `scroll ${c.scrollWidth}/${c.clientWidth}, box ${Math.round(box.left)}–${Math.round(box.right)}, shown up to ${Math.round(right)}` };
            })
            """);
        Assert.NotEmpty(captions.EnumerateArray());
        foreach (var caption in captions.EnumerateArray())
        {
            output.WriteLine($"{visit.Page.Url}: “{caption.GetProperty("text").GetString()}” {caption.GetProperty("detail").GetString()}");
            Assert.True(caption.GetProperty("whole").GetBoolean(),
                $"The caption “{caption.GetProperty("text").GetString()}” on {visit.Page.Url} is cut off: {caption.GetProperty("detail").GetString()}");
        }
    }
}
