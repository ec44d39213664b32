using System.Globalization;
using System.Net;
using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>The figures and the map follow the catalogue's filters; regions group countries; the browser's language is the first guess.</summary>
public abstract class FiguresTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;


    private async Task<string> ThreeInitiativesAsync()
    {
        var owner = await Portal.ActorAsync();
        var word = TestData.Word();
        var at = DateTime.UtcNow.AddMinutes(-5);
        await Portal.InitiativeAsync(owner, "PE", "PY", at, Modality.Triangular, title: $"{word} one");
        await Portal.InitiativeAsync(owner, "PE", "PY", at, Modality.Bilateral, title: $"{word} two");
        await Portal.InitiativeAsync(owner, "BR", "MZ", at, Modality.Bilateral, title: $"{word} three");
        return word;
    }

    [Fact]
    public async Task The_figures_count_what_the_filters_select()
    {
        var word = await ThreeInitiativesAsync();
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetOkAsync($"/stats?q={word}");

        Assert.Contains("3 published initiatives", page.Text, StringComparison.Ordinal);
        var modality = page.Document.QuerySelector("#by-modality-caption")!.ParentElement!;
        var rows = modality.QuerySelectorAll("tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelector("td")!.TextContent.Trim());
        Assert.Equal("2", rows["Bilateral South-South cooperation"]);
        Assert.Equal("1", rows["Triangular cooperation"]);
        Assert.NotNull(modality.QuerySelector("svg title"));
        var pairs = page.Document.QuerySelector("#pairs-heading")!.ParentElement!.QuerySelectorAll("tbody tr")
            .Select(r => string.Join("|", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))).ToList();
        Assert.Contains("Peru|Paraguay|2", pairs);
        Assert.Contains("Brazil|Mozambique|1", pairs);
        Assert.Equal("1 published initiative", (await browser.GetOkAsync($"/stats?q={word}&modality=triangular")).Document.QuerySelector("#shares-heading")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_map_shades_countries_links_them_to_the_catalogue_and_has_a_table()
    {
        var word = await ThreeInitiativesAsync();
        using var browser = Portal.CreateBrowser();

        var asRecipient = await browser.GetOkAsync($"/map?q={word}&as=recipient");
        var asProvider = await browser.GetOkAsync($"/map?q={word}&as=provider");

        var table = asRecipient.Document.QuerySelectorAll("table tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelector("td")!.TextContent.Trim());
        Assert.Equal(new Dictionary<string, string> { ["Paraguay"] = "2", ["Mozambique"] = "1" }, table);
        var link = asRecipient.Document.QuerySelector("svg a[aria-label^='Paraguay']")!;
        Assert.Equal("q5", link.QuerySelector("path")!.GetAttribute("class"));
        var catalogue = await browser.GetOkAsync(link.GetAttribute("href")!);
        Assert.Equal(2, catalogue.Document.QuerySelectorAll(".initiative-card").Length);
        Assert.Null(asRecipient.Document.QuerySelector("svg a[aria-label^='Peru']"));
        Assert.NotNull(asProvider.Document.QuerySelector("svg a[aria-label^='Peru']"));
    }

    [Fact]
    public async Task Regions_group_countries_for_filters_and_facets()
    {
        var word = await ThreeInitiativesAsync();
        using var browser = Portal.CreateBrowser();

        var latinAmerica = await browser.GetOkAsync($"/initiatives?q={word}&region=lac");
        var africa = await browser.GetOkAsync($"/initiatives?q={word}&region=africa-subsaharan");
        var europe = await browser.GetOkAsync($"/initiatives?q={word}&region=europe");
        var unknown = await browser.GetOkAsync($"/initiatives?q={word}&region=atlantis");

        Assert.Equal(3, latinAmerica.Document.QuerySelectorAll(".initiative-card").Length);
        Assert.Single(africa.Document.QuerySelectorAll(".initiative-card"));
        Assert.Single(europe.Document.QuerySelectorAll(".initiative-card")); // Germany, the triangular initiative's second provider
        Assert.Contains("is not a region", unknown.Text, StringComparison.Ordinal);
        var facet = latinAmerica.Document.QuerySelectorAll(".facet").First(f => f.QuerySelector("summary")!.TextContent == "Region");
        Assert.Contains("Sub-Saharan Africa (1)", facet.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pt-BR,pt;q=0.9", "pt", "Parcerias")]
    [InlineData("fr-FR,fr;q=0.8,en;q=0.5", "fr", "Partenariats")]
    [InlineData("es-PE", "es", "Alianzas")]
    [InlineData("de-DE", "en", "Partnerships")]
    public async Task The_browsers_language_is_the_first_guess(string acceptLanguage, string expected, string partnerships)
    {
        using var client = Portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);

        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<html lang=\"{expected}\"", html, StringComparison.Ordinal);
        Assert.Contains(partnerships, html, StringComparison.Ordinal);
        _ = CultureInfo.InvariantCulture;
    }
}

[Collection(SqliteSuite.Name)]
public sealed class FiguresOnSqlite(SqlitePortalFixture fixture) : FiguresTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class FiguresOnPostgres(PostgresPortalFixture fixture) : FiguresTests(fixture);
