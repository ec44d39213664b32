using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;
using SscPortal.Web.Widgets;

namespace SscPortal.Web.Tests;

/// <summary>
/// Embeddable widgets (issue 21, part 4): each widget shows its records in the language its address asks for, and every
/// link goes back to the portal in that language, in a new tab; widget routes (and only they, with the errors answered for
/// them) may be framed by any site, every other address keeps frame-ancestors 'none' and X-Frame-Options DENY; widgets set
/// no cookie and are cached per language; the generator writes encoded code and a preview of the widget itself.
/// </summary>
public abstract class WidgetTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private HttpClient Anonymous() => Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    private static string Csp(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Content-Security-Policy", out var values) ? string.Join("", values) : "";

    private static bool Denies(HttpResponseMessage response) =>
        Csp(response).Contains("frame-ancestors 'none'", StringComparison.Ordinal)
        && response.Headers.TryGetValues("X-Frame-Options", out var options) && options.Single() == "DENY";

    private static bool AllowsFraming(HttpResponseMessage response) =>
        Csp(response).Contains(WidgetFraming.FrameAncestors, StringComparison.Ordinal)
        && !Csp(response).Contains("frame-ancestors 'none'", StringComparison.Ordinal) && !response.Headers.Contains("X-Frame-Options");

    /// <summary>Every link of a widget goes to the portal, in the widget's language, in a new tab without a handle on the frame.</summary>
    private static void AssertLinksBack(HtmlClient.Page page, string language)
    {
        var links = page.Document.QuerySelectorAll("a[href]");
        Assert.NotEmpty(links);
        foreach (var link in links)
        {
            var href = link.GetAttribute("href")!;
            Assert.StartsWith("/", href, StringComparison.Ordinal);
            Assert.Contains($"culture={language}", href, StringComparison.Ordinal);
            Assert.Equal("_blank", link.GetAttribute("target"));
            Assert.Equal("noopener", link.GetAttribute("rel"));
        }
    }

    private async Task<(Actor Agency, Actor Cso, int Initiative, int Assessment, string Word)> ArrangeAsync()
    {
        var word = TestData.Word();
        var agency = await Portal.ActorAsync(ActorType.Government);
        var cso = await Portal.ActorAsync(ActorType.NationalCso);
        var initiative = await Portal.InitiativeAsync(agency, "UY", "PY", DateTime.UtcNow.AddMinutes(-2), title: $"Irrigation {word} between neighbours");
        var assessment = await Portal.AssessmentAsync(cso, initiative, DateTime.UtcNow.AddMinutes(-1));
        return (agency, cso, initiative, assessment, word);
    }

    [Fact]
    public async Task Each_widget_shows_its_records_in_the_chosen_language_and_links_back_to_the_portal_without_setting_a_cookie()
    {
        var (agency, cso, initiative, assessment, word) = await ArrangeAsync();
        using var browser = Portal.CreateBrowser();

        var search = await browser.GetOkAsync($"/widgets/initiatives?q={word}&modality=bilateral&items=3&culture=es");
        Assert.Equal("es", search.Document.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(search.Document.QuerySelector($"a[href='/initiatives/{initiative}?culture=es']"));
        var seeAll = search.Document.QuerySelector(".widget-more a")!;
        Assert.Equal($"/initiatives?q={word}&modality=bilateral&culture=es", seeAll.GetAttribute("href"));
        Assert.Contains("Ver todo", seeAll.TextContent, StringComparison.Ordinal);
        AssertLinksBack(search, "es");
        Assert.False(search.Response.Headers.Contains("Set-Cookie"));
        Assert.NotNull(search.Document.QuerySelector("link[rel=stylesheet][href^='/css/widget.css']"));
        Assert.Empty(search.Document.QuerySelectorAll("script, style, [style], form"));

        var organisation = await browser.GetOkAsync($"/widgets/organisations/{agency.Id}?culture=fr");
        Assert.Equal("fr", organisation.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains(agency.Name, organisation.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(organisation.Document.QuerySelector($"a[href='/initiatives/{initiative}?culture=fr']"));
        Assert.Equal($"/initiatives?actor={agency.Id}&culture=fr", organisation.Document.QuerySelector(".widget-more a")!.GetAttribute("href"));
        AssertLinksBack(organisation, "fr");

        var country = await browser.GetOkAsync("/widgets/countries/uy?items=20&culture=pt");
        Assert.Equal("pt", country.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Uruguai", country.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(country.Document.QuerySelector($"a[href='/initiatives/{initiative}?culture=pt']"));
        var provider = country.Document.QuerySelector("a[href='/initiatives?country=UY&role=provider&culture=pt']")!;
        Assert.True(int.Parse(provider.TextContent.Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.NotNull(country.Document.QuerySelector("a[href='/countries/PY?culture=pt']"));
        AssertLinksBack(country, "pt");

        var assessments = await browser.GetOkAsync($"/widgets/initiatives/{initiative}/assessments?culture=es");
        Assert.Equal("es", assessments.Document.DocumentElement.GetAttribute("lang"));
        var article = Assert.Single(assessments.Document.QuerySelectorAll("article.widget-assessment"));
        Assert.Contains(cso.Name, article.TextContent, StringComparison.Ordinal);
        Assert.NotNull(article.QuerySelector($"a[href='/assessments/{assessment}?culture=es']"));
        Assert.NotEmpty(article.QuerySelectorAll(".widget-scores dd"));
        // The initiative's owner, an agency, is the official party that owes the assessment a response.
        var party = Assert.Single(article.QuerySelectorAll(".widget-responses li"));
        Assert.Contains(agency.Name, party.TextContent, StringComparison.Ordinal);
        Assert.Contains("Respuesta pendiente", party.TextContent, StringComparison.Ordinal);
        AssertLinksBack(assessments, "es");

        // What is not public, or not there, is the ordinary 404.
        var draft = await Portal.InitiativeAsync(agency, "UY", "PY", null);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/widgets/initiatives/{draft}/assessments")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/widgets/organisations/2147483000")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/widgets/countries/qq")).Status);
    }

    [Fact]
    public async Task Widgets_follow_the_language_of_their_address_and_the_cache_never_serves_one_language_for_another()
    {
        var (_, _, initiative, _, word) = await ArrangeAsync();
        using var client = Anonymous();
        async Task<string> LanguageOf(string url, string? cookie = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (cookie is not null) request.Headers.Add("Cookie", $".AspNetCore.Culture=c={cookie}|uic={cookie}");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Set-Cookie"));
            var document = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
            Assert.NotNull(document.QuerySelector($"a[href^='/initiatives/{initiative}?']"));
            return document.DocumentElement.GetAttribute("lang")!;
        }
        var address = $"/widgets/initiatives?q={word}";
        // Twice each, so that the second answer of each comes from the anonymous page cache.
        foreach (var _ in new[] { 1, 2 })
        {
            Assert.Equal("fr", await LanguageOf(address + "&culture=fr"));
            Assert.Equal("es", await LanguageOf(address + "&culture=es"));
            Assert.Equal("pt", await LanguageOf(address, cookie: "pt"));
            Assert.Equal("en", await LanguageOf(address));
        }
    }

    [Fact]
    public async Task Widget_routes_and_their_errors_may_be_framed_by_any_site_and_every_other_address_by_none()
    {
        var (agency, _, initiative, _, _) = await ArrangeAsync();

        // The marker is on the widgets' page models, and on nothing else (the generator stays unframable).
        var endpoints = EndpointDiscovery.Endpoints(Portal);
        var marked = endpoints.Where(e => e.Endpoint.Metadata.GetMetadata<EmbeddableAttribute>() is not null).Select(e => e.Template).Order().ToList();
        Assert.Equal(["/widgets/countries/{code:length(2)}", "/widgets/initiatives", "/widgets/initiatives/{id:int}/assessments", "/widgets/organisations/{id:int}"], marked);

        using var client = Anonymous();
        var framable = new[]
        {
            "/widgets/initiatives?q=water&culture=es", $"/widgets/organisations/{agency.Id}", "/widgets/countries/pe",
            $"/widgets/initiatives/{initiative}/assessments",
            // An unknown record of a widget: its 404 page shows inside the other site's frame.
            "/widgets/organisations/2147483000", "/widgets/countries/qq",
        };
        foreach (var url in framable)
        {
            // Twice: the second answer may come from the page cache, with the same policy.
            foreach (var _ in new[] { 1, 2 })
            {
                using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                Assert.True(AllowsFraming(response), $"{url} ({(int)response.StatusCode}) refuses framing: {Csp(response)}");
                // The rest of the strict policy stays.
                Assert.Contains("default-src 'self'; script-src 'self'; style-src 'self'", Csp(response), StringComparison.Ordinal);
                Assert.Contains("object-src 'none'", Csp(response), StringComparison.Ordinal);
            }
        }

        // Every other address the portal answers GET on, with its route values filled in, and the error pages.
        var others = GetRouteDiscovery.Discover(Portal).Where(r => !r.Template.StartsWith("/widgets/", StringComparison.Ordinal))
            .Select(r => System.Text.RegularExpressions.Regex.Replace(r.Template, @"\{([a-z0-9_]+)(:[^}]*)?\}",
                m => m.Groups[1].Value == "code" ? (r.Template.StartsWith("/status", StringComparison.Ordinal) ? "404" : "pe") : m.Groups[1].Value == "documentname" ? "v1" : TestData.Key(initiative)))
            .Concat(["/widgets", "/widgets?kind=country&country=pe", "/widgets/no-such-widget", "/no-such-page", "/status/500", "/css/widget.css", "/initiatives?culture=es"])
            .Distinct().ToList();
        Assert.True(others.Count > 100, $"Only {others.Count} addresses: the discovery missed most of the portal.");
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(others, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (url, cancellationToken) =>
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative), cancellationToken);
            if (!Denies(response)) failures.Add($"{url} ({(int)response.StatusCode}): {Csp(response)}");
        });
        Assert.True(failures.IsEmpty, "These addresses may be framed:\n" + string.Join("\n", failures.Order()));
    }

    [Fact]
    public async Task The_generator_writes_the_encoded_iframe_code_of_the_chosen_widget_and_previews_it()
    {
        var (agency, _, initiative, _, _) = await ArrangeAsync();
        using var browser = Portal.CreateBrowser();
        const string hostile = "<x-probe>\"' water";

        var page = await browser.GetOkAsync($"/widgets?kind=search&q={Uri.EscapeDataString(hostile)}&modality=bilateral&year=2024&language=es&items=7&height=300");
        Assert.DoesNotContain("<x-probe>", await page.Response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var path = "/widgets/initiatives?q=%3Cx-probe%3E%22%27%20water&modality=bilateral&year=2024&items=7&culture=es";
        var code = page.Document.QuerySelector("textarea#embed-code")!.TextContent;
        var frame = Assert.Single((await new HtmlParser().ParseDocumentAsync(code)).QuerySelectorAll("iframe"));
        Assert.Equal("https://localhost" + path, frame.GetAttribute("src"));
        Assert.Equal("Iniciativas que coinciden con «<x-probe>\"' water» en el Portal de Cooperación Sur-Sur", frame.GetAttribute("title"));
        Assert.Equal("300", frame.GetAttribute("height"));
        Assert.Contains("&lt;x-probe&gt;&quot;&#39; water", code, StringComparison.Ordinal);
        // The preview is the widget itself, from this portal; the generator keeps the hidden filters it was opened with.
        var preview = page.Document.QuerySelector("iframe.widget-frame")!;
        Assert.Equal(path, preview.GetAttribute("src"));
        Assert.False(string.IsNullOrWhiteSpace(preview.GetAttribute("title")));
        Assert.Equal("2024", page.Document.QuerySelector("input[type=hidden][name=year]")!.GetAttribute("value"));
        Assert.True(Denies(page.Response));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(path)).Status);

        // Each kind, from the "Embed" links of the pages it belongs to.
        var organisationPage = await browser.GetOkAsync($"/actors/{agency.Id}");
        var forOrganisation = await browser.FollowAsync(organisationPage, ".embed-link a");
        Assert.Equal($"https://localhost/widgets/organisations/{agency.Id}?items=5&culture=en", (await new HtmlParser().ParseDocumentAsync(forOrganisation.Document.QuerySelector("textarea#embed-code")!.TextContent)).QuerySelector("iframe")!.GetAttribute("src"));
        Assert.Contains(agency.Name, forOrganisation.Document.QuerySelector("#organisation-help")!.TextContent, StringComparison.Ordinal);
        var forInitiative = await browser.FollowAsync(await browser.GetOkAsync($"/initiatives/{initiative}"), ".embed-link a");
        Assert.Equal($"/widgets/initiatives/{initiative}/assessments?culture=en", forInitiative.Document.QuerySelector("iframe.widget-frame")!.GetAttribute("src"));
        var forCountry = await browser.FollowAsync(await browser.GetOkAsync("/countries/uy?culture=fr"), ".embed-link a");
        Assert.Equal("/widgets/countries/uy?items=5&culture=fr", forCountry.Document.QuerySelector("iframe.widget-frame")!.GetAttribute("src"));
        var forSearch = await browser.FollowAsync(await browser.GetOkAsync("/initiatives?q=water&status=implementation"), ".embed-link a");
        Assert.Equal("/widgets/initiatives?q=water&status=implementation&items=5&culture=en", forSearch.Document.QuerySelector("iframe.widget-frame")!.GetAttribute("src"));

        // A choice that is missing or wrong is said beside its field, and no code is made.
        var wrong = await browser.GetOkAsync("/widgets?kind=organisation&organisation=2147483000&items=99&height=abc");
        Assert.Null(wrong.Document.QuerySelector("textarea#embed-code"));
        Assert.Null(wrong.Document.QuerySelector("iframe"));
        Assert.Equal("There is no organisation with this number.", wrong.Document.QuerySelector("#organisation-error")!.TextContent);
        Assert.Equal("Enter a number from 1 to 20.", wrong.Document.QuerySelector("#items-error")!.TextContent);
        Assert.Equal("Enter a number from 150 to 2000.", wrong.Document.QuerySelector("#height-error")!.TextContent);
        Assert.Equal("organisation-error", wrong.Document.QuerySelector("#organisation")!.GetAttribute("aria-describedby"));
        var draft = await Portal.InitiativeAsync(agency, "UY", "PY", null);
        var unpublished = await browser.GetOkAsync($"/widgets?kind=assessments&initiative={draft}");
        Assert.Equal("There is no published initiative with this number.", unpublished.Document.QuerySelector("#initiative-error")!.TextContent);
        Assert.Equal("Choose a country.", (await browser.GetOkAsync("/widgets?kind=country")).Document.QuerySelector("#country-error")!.TextContent);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class WidgetsOnSqlite(SqlitePortalFixture fixture) : WidgetTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class WidgetsOnPostgres(PostgresPortalFixture fixture) : WidgetTests(fixture);
