using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Search and facets on the catalogue: relevance, accents, stemming, exclusion, counts that match what a facet gives,
/// and bad input answered with a normal page. Each test searches for a word of its own, so tests do not see each other's rows.
/// </summary>
public abstract class SearchTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private bool IsPostgres => Portal.WithDatabaseAsync(db => Task.FromResult(db.Database.IsNpgsql())).GetAwaiter().GetResult();


    private static List<int> Ids(HtmlClient.Page page) =>
        page.Document.QuerySelectorAll(".initiative-card h3 a")
            .Select(a => int.Parse(a.GetAttribute("href")!["/initiatives/".Length..], CultureInfo.InvariantCulture)).ToList();

    private async Task<int> InitiativeAsync(Actor owner, string title, string? summary = null, string provider = "PE", string recipient = "BO", Modality modality = Modality.Bilateral)
    {
        var id = await Portal.InitiativeAsync(owner, provider, recipient, DateTime.UtcNow.AddMinutes(-5), modality, title: title);
        if (summary is not null)
            await Portal.WithDatabaseAsync(async db =>
            {
                var initiative = await db.Initiatives.Include(i => i.Translations).Include(i => i.Actors).Include(i => i.Countries).SingleAsync(i => i.Id == id);
                initiative.Summary = summary;
                return await db.SaveChangesAsync();
            });
        return id;
    }

    [Fact]
    public async Task The_initiative_whose_title_is_the_search_ranks_first()
    {
        var owner = await Portal.ActorAsync();
        var word = TestData.Word();
        var mentions = await InitiativeAsync(owner, $"Regional study on {word} seaweed farming cooperatives and their markets", $"{word} seaweed farming cooperative");
        var exact = await InitiativeAsync(owner, $"{word} seaweed farming cooperative");
        using var browser = Portal.CreateBrowser();

        var ids = Ids(await browser.GetOkAsync($"/initiatives?q={Uri.EscapeDataString($"{word} seaweed farming cooperative")}"));

        Assert.Equal(exact, ids[0]);
        Assert.Contains(mentions, ids);
    }

    [Theory]
    [InlineData("Educación técnica {0}", "educacion {0}")]
    [InlineData("Cooperação em saúde {0}", "COOPERACAO {0}")]
    [InlineData("Coopération française {0}", "cooperation {0}")]
    public async Task Accents_and_case_do_not_matter(string title, string search)
    {
        var word = TestData.Word();
        var id = await InitiativeAsync(await Portal.ActorAsync(), string.Format(CultureInfo.InvariantCulture, title, word));
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetOkAsync($"/initiatives?q={Uri.EscapeDataString(string.Format(CultureInfo.InvariantCulture, search, word))}");

        Assert.Equal([id], Ids(page));
        Assert.NotNull(page.Document.QuerySelector(".initiative-card mark"));
    }

    [Fact]
    public async Task A_phrase_must_appear_as_written_and_a_minus_sign_leaves_a_word_out()
    {
        var owner = await Portal.ActorAsync();
        var word = TestData.Word();
        var water = await InitiativeAsync(owner, $"{word} water management in the Andes");
        var mining = await InitiativeAsync(owner, $"{word} water management near mining sites");
        var apart = await InitiativeAsync(owner, $"{word} management of water tariffs");
        using var browser = Portal.CreateBrowser();

        var ids = Ids(await browser.GetOkAsync($"/initiatives?q={Uri.EscapeDataString($"{word} \"water management\" -mining")}"));

        Assert.Equal([water], ids);
        Assert.DoesNotContain(mining, ids);
        Assert.DoesNotContain(apart, ids);
    }

    [Fact]
    public async Task Country_names_in_any_language_and_organisation_names_are_searched()
    {
        var owner = await Portal.ActorAsync(ActorType.NationalCso, $"Red {TestData.Word()} de mujeres rurales");
        var word = TestData.Word();
        var id = await InitiativeAsync(owner, $"{word} exchange", provider: "PE", recipient: "PY");
        using var browser = Portal.CreateBrowser();

        Assert.Equal([id], Ids(await browser.GetOkAsync($"/initiatives?q={word}+Pérou")));
        Assert.Equal([id], Ids(await browser.GetOkAsync($"/initiatives?q={word}+mujeres")));
    }

    [Fact]
    public async Task On_postgresql_words_are_stemmed_and_a_typo_still_finds_the_title()
    {
        if (!IsPostgres) return; // Stemming and similarity are PostgreSQL's; SQLite's simpler search is tested above.
        var owner = await Portal.ActorAsync();
        var word = TestData.Word();
        var trained = await InitiativeAsync(owner, $"{word} trained farmers in seed banks");
        var cooperativas = await InitiativeAsync(owner, $"{word} cooperativas agrícolas del altiplano");
        using var browser = Portal.CreateBrowser();

        Assert.Equal([trained], Ids(await browser.GetOkAsync($"/initiatives?q={word}+training+farmer")));
        Assert.Equal([cooperativas], Ids(await browser.GetOkAsync($"/initiatives?q={word}+cooperativa+agricola")));
        var typo = await browser.GetOkAsync($"/initiatives?q={Uri.EscapeDataString($"{word} trainde farmrs in seed bank")}");
        Assert.Equal(trained, Ids(typo)[0]);
        Assert.Contains("these titles come close", typo.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_facet_count_is_the_number_of_results_its_link_gives()
    {
        var owner = await Portal.ActorAsync();
        var word = TestData.Word();
        await InitiativeAsync(owner, $"{word} one", provider: "PE", recipient: "BO");
        await InitiativeAsync(owner, $"{word} two", provider: "PE", recipient: "PY", modality: Modality.Triangular);
        await InitiativeAsync(owner, $"{word} three", provider: "BR", recipient: "PY", modality: Modality.Regional);
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetOkAsync($"/initiatives?q={word}&country=PY");
        var links = page.Document.QuerySelectorAll(".facet li a").Where(a => a.GetAttribute("aria-current") is null).ToList();

        Assert.NotEmpty(links);
        foreach (var link in links)
        {
            var expected = int.Parse(link.QuerySelector(".count")!.TextContent.Trim('(', ')'), NumberStyles.AllowThousands, CultureInfo.CurrentCulture);
            var followed = await browser.GetOkAsync(link.GetAttribute("href")!);
            Assert.True(expected == Ids(followed).Count, $"{link.TextContent.Trim()}: the facet says {expected}, its link gives {Ids(followed).Count}");
        }
        Assert.Equal(2, Ids(page).Count);
        var provider = await browser.GetOkAsync($"/initiatives?q={word}&country=PE&role=provider");
        Assert.Equal(2, Ids(provider).Count);
        Assert.Empty(Ids(await browser.GetOkAsync($"/initiatives?q={word}&country=PE&role=recipient")));
    }

    [Fact]
    public async Task Search_results_page_forward_without_repeats_or_gaps()
    {
        var owner = await Portal.ActorAsync();
        var word = TestData.Word();
        var created = new List<int>();
        for (var i = 0; i < 25; i++) created.Add(await InitiativeAsync(owner, $"{word} number {i}"));
        using var browser = Portal.CreateBrowser();

        var first = await browser.GetOkAsync($"/initiatives?q={word}");
        var next = first.Document.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        await InitiativeAsync(owner, $"{word} added while paging");
        var second = await browser.GetOkAsync(next);

        var seen = Ids(first).Concat(Ids(second)).ToList();
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Subset(seen.ToHashSet(), created.ToHashSet());
    }

    [Fact]
    public async Task A_list_shown_newest_first_goes_on_newest_first_even_once_it_could_be_ranked()
    {
        // A large result is shown newest first while its count is estimated; the reader's link to the next page was made
        // then. Following it once the result can be ranked goes on with the same list, not with an empty page.
        var owner = await Portal.ActorAsync();
        var word = TestData.Word();
        var created = new List<int>();
        for (var i = 0; i < 25; i++) created.Add(await InitiativeAsync(owner, $"{word} number {i}"));
        var newest = created.OrderByDescending(id => id).ToList();
        using var browser = Portal.CreateBrowser();

        var next = new SscPortal.Web.Catalogue.KeysetCursor(SscPortal.Web.Search.InitiativeSearch.NewestFirstKey, newest[19]).Encode();
        var second = await browser.GetOkAsync($"/initiatives?q={word}&after={next}");

        Assert.Equal(newest[20..], Ids(second));
        Assert.Contains("They are shown newest first", second.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("This page link is not valid", second.Text, StringComparison.Ordinal);
        // The same search from its first page is ranked, and says nothing of the order.
        var first = await browser.GetOkAsync($"/initiatives?q={word}");
        Assert.Equal(20, Ids(first).Count);
        Assert.DoesNotContain("They are shown newest first", first.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("'; DROP TABLE \"Initiatives\"; --")]
    [InlineData("&|!:*()")]
    [InlineData("water & (farm | !seed):* <->")]
    [InlineData("the and of")]
    [InlineData("\u0001\u0002 control \u0007")]
    [InlineData("\"unclosed phrase")]
    [InlineData("-")]
    public async Task Search_syntax_and_odd_input_get_a_normal_page(string q)
    {
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetAsync($"/initiatives?q={Uri.EscapeDataString(q)}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(await Portal.WithDatabaseAsync(db => db.Initiatives.AnyAsync()));
    }

    [Fact]
    public async Task A_very_long_search_is_cut_and_the_reader_told()
    {
        using var browser = Portal.CreateBrowser();

        // The query string limit refuses more than 2 KB; within it, a search is cut to its first 200 characters.
        var page = await browser.GetAsync($"/initiatives?q={new string('a', 1500)}");
        var refused = await browser.GetAsync($"/initiatives?q={new string('a', 10_000)}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Only the first 200 characters", page.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
    }

    [Theory]
    [InlineData("/initiatives?sdg=99", "is not a Sustainable Development Goal")]
    [InlineData("/initiatives?category=abc", "is not a DAC sector category")]
    [InlineData("/initiatives?principle=made-up", "is not a principle")]
    [InlineData("/initiatives?year=12", "is not a year")]
    [InlineData("/initiatives?actortype=bank", "is not a kind of organisation")]
    [InlineData("/initiatives?country=PE&role=donor", "is not a role")]
    [InlineData("/initiatives?q=water&after=AAAA", "This page link is not valid")]
    [InlineData("/initiatives?q=water&after=MXxOYU4", "This page link is not valid")]
    public async Task Unknown_facet_values_and_tampered_cursors_are_reported_not_applied(string url, string message)
    {
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetOkAsync(url);

        Assert.Contains(message, page.Text, StringComparison.Ordinal);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SearchOnSqlite(SqlitePortalFixture fixture) : SearchTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class SearchOnPostgres(PostgresPortalFixture fixture) : SearchTests(fixture);
