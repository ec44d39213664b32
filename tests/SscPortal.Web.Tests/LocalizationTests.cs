using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SscPortal.Web.Localization;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

[Collection(SqliteSuite.Name)]
public partial class LocalizationTests(SqlitePortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "src", "SscPortal.Web"));

    private static HashSet<string> KeysIn(string resx) =>
        XDocument.Load(Path.Combine(SourceFolder(), "Resources", resx)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();

    [GeneratedRegex(@"L\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizedLiteral();

    /// <summary>Both forms of a count's text: L.Plural(count, "{0} response", "{0} responses", …).</summary>
    [GeneratedRegex(@"\.Plural\([^""]*?,\s*""((?:[^""\\]|\\.)*)"",\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex PluralLiterals();

    [Fact]
    public void Every_interface_string_has_an_entry_in_each_of_the_four_languages()
    {
        var used = Directory.EnumerateFiles(SourceFolder(), "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LocalizedLiteral().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)
                .Concat(PluralLiterals().Matches(File.ReadAllText(f)).SelectMany(m => new[] { m.Groups[1].Value, m.Groups[2].Value }))
                .Select(key => key.Replace("\\\"", "\"", StringComparison.Ordinal)))
            .Concat(EnumLabels.All())
            .Concat(HistoryLabels.All())
            .Concat(SscPortal.Web.Catalogue.RecordKinds.All())
            .ToHashSet();

        Assert.Equal(["en", "es", "pt", "fr"], PortalCultures.Supported.Select(s => s.Code));
        var files = PortalCultures.Supported.Select(s => s.Code == PortalCultures.Default ? "SharedResource.resx" : $"SharedResource.{s.Code}.resx").ToList();
        foreach (var resx in files)
        {
            var missing = used.Except(KeysIn(resx)).Order().ToList();
            Assert.True(missing.Count == 0, $"{resx} lacks: {string.Join(" | ", missing)}");
            Assert.Equal(KeysIn("SharedResource.resx").Order(), KeysIn(resx).Order());
        }
    }

    [Fact]
    public void No_two_keys_differ_only_in_capitals()
    {
        // The resource compiler keeps one of two such keys and drops the other, which then shows untranslated.
        var clashes = KeysIn("SharedResource.resx").GroupBy(k => k.ToUpperInvariant()).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();
        Assert.True(clashes.Count == 0, "Keys that differ only in capitals: " + string.Join(" | ", clashes));
    }

    [Fact]
    public async Task Choosing_spanish_translates_the_page_sets_its_lang_and_is_remembered()
    {
        using var browser = Portal.CreateBrowser();
        var english = await browser.GetOkAsync("/initiatives");
        Assert.Equal("en", english.Document.DocumentElement.GetAttribute("lang"));

        var spanish = await browser.FollowAsync(english, ".language-switcher a[lang=es]");

        Assert.Equal("/initiatives", spanish.Address.AbsolutePath);
        Assert.Equal("es", spanish.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Iniciativas", spanish.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Perú", (await browser.GetOkAsync("/initiatives")).Document.QuerySelector("#country")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", (await browser.GetOkAsync("/")).Document.QuerySelector(".language-switcher a[lang=es]")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task The_switcher_works_on_a_page_whose_address_names_a_language()
    {
        using var browser = Portal.CreateBrowser();
        var english = await browser.GetOkAsync("/actors?culture=en&type=academia");

        var spanish = await browser.FollowAsync(english, ".language-switcher a[lang=es]");

        Assert.Equal("es", spanish.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("?type=academia", spanish.Address.Query);
    }

    [Fact]
    public async Task Spanish_dates_read_as_spanish_dates()
    {
        using var browser = Portal.CreateBrowser();
        browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var catalogue = await browser.GetOkAsync("/initiatives");
        var first = catalogue.Document.QuerySelector(".initiative-card h3 a")!.GetAttribute("href")!;

        var page = await browser.GetOkAsync(first);

        Assert.Matches(@"Publicada el \d{1,2} de [a-z]+ de \d{4}\.", page.Document.QuerySelector(".provenance")!.TextContent);
    }

    [Fact]
    public async Task A_spanish_browser_gets_spanish_without_choosing()
    {
        using var browser = Portal.CreateBrowser();
        browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-PE,es;q=0.9");

        var page = await browser.GetOkAsync("/account/login");

        Assert.Equal("es", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Iniciar sesión", page.Document.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_language_switcher_never_redirects_to_another_site()
    {
        using var browser = Portal.CreateBrowser(followRedirects: false);
        foreach (var elsewhere in new[] { "https://evil.example.com/", "//evil.example.com/", "/\\evil.example.com/" })
        {
            var response = await browser.Http.GetAsync(new Uri($"/language?culture=es&returnUrl={Uri.EscapeDataString(elsewhere)}", UriKind.Relative));

            Assert.Equal("/", response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public void Every_supported_language_is_a_real_culture() =>
        Assert.All(PortalCultures.Supported, s => Assert.Equal(s.Code, new CultureInfo(s.Code).TwoLetterISOLanguageName));
}
