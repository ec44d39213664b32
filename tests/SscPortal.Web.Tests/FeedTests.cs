using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// The Atom feeds: each one valid by RFC 4287's required elements, published records only, a catalogue search narrowed
/// exactly as the page, linked from its page's head, in the reader's language; unknown organisations and countries are 404.
/// </summary>
public abstract partial class FeedTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>An initiative that was published and then withdrawn by its owners.</summary>
    private async Task<int> UnpublishedAsync(Actor owner, string title)
    {
        var id = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-3), title: title);
        await Portal.WithDatabaseAsync(async db =>
        {
            (await db.Initiatives.FindAsync(id))!.Unpublish("Out of date");
            return await db.SaveChangesAsync();
        });
        return id;
    }

    [Fact]
    public async Task A_catalogue_search_feed_has_the_pages_records_and_only_published_ones()
    {
        var word = TestData.Word();
        var owner = await Portal.ActorAsync(ActorType.Government, $"Agencia {word}");
        var toParaguay = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-10), title: $"Riego {word} Paraguay");
        var toBolivia = await Portal.InitiativeAsync(owner, "PE", "BO", DateTime.UtcNow.AddMinutes(-5), title: $"Riego {word} Bolivia");
        var draft = await Portal.InitiativeAsync(owner, "PE", "PY", publishedAt: null, title: $"Borrador {word}");
        var withdrawn = await UnpublishedAsync(owner, $"Retirada {word}");
        using var browser = Portal.CreateBrowser();

        var everything = await FeedAsync(browser.Http, $"/feeds/initiatives.atom?q={word}");
        Assert.Equal([toBolivia, toParaguay], RecordIds(everything, "initiatives"));
        Assert.DoesNotContain(draft, RecordIds(everything, "initiatives"));
        Assert.DoesNotContain(withdrawn, RecordIds(everything, "initiatives"));

        // The page links to its own feed (its filters, its language), and that feed has exactly the page's records.
        var page = await browser.GetOkAsync($"/initiatives?q={word}&country=py");
        var link = FeedLinkOf(page);
        Assert.Equal($"/feeds/initiatives.atom?q={word}&country=PY&culture=en", link);
        var narrowed = await FeedAsync(browser.Http, link);
        var onPage = page.Document.QuerySelectorAll("main a[href^='/initiatives/']")
            .Select(a => InitiativeId().Match(a.GetAttribute("href")!)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().ToList();
        Assert.Equal([toParaguay], RecordIds(narrowed, "initiatives"));
        Assert.Equal(onPage, RecordIds(narrowed, "initiatives"));
        var entry = Assert.Single(narrowed.Elements(Atom + "entry"));
        Assert.Equal($"Riego {word} Paraguay", entry.Element(Atom + "title")!.Value);
        Assert.Equal($"Agencia {word}", entry.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        Assert.Equal($"https://localhost/initiatives/{toParaguay}", entry.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate").Attribute("href")!.Value);
        Assert.Contains(word, narrowed.Element(Atom + "title")!.Value, StringComparison.Ordinal);
        Assert.Equal($"https://localhost/initiatives?q={word}&country=PY", narrowed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate").Attribute("href")!.Value);
    }

    [Fact]
    public async Task A_feed_with_a_filter_value_the_catalogue_would_not_apply_is_refused_not_widened()
    {
        using var client = Portal.CreateClient();

        var country = await client.GetAsync(new Uri("/feeds/initiatives.atom?country=ZZZ", UriKind.Relative));
        var perspective = await client.GetAsync(new Uri("/feeds/assessments.atom?perspective=nobody", UriKind.Relative));
        var number = await client.GetAsync(new Uri("/feeds/assessments.atom?assessor=99999999999999999999", UriKind.Relative));

        // A problem that names the parameter, as the JSON API's.
        Assert.Contains("ZZZ", (await ApiProblemAssert.ProblemAsync(country, HttpStatusCode.BadRequest, "/feeds/initiatives.atom"))["errors"]!["country"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull((await ApiProblemAssert.ProblemAsync(perspective, HttpStatusCode.BadRequest, "/feeds/assessments.atom"))["errors"]!["perspective"]);
        Assert.NotNull((await ApiProblemAssert.ProblemAsync(number, HttpStatusCode.BadRequest, "/feeds/assessments.atom"))["errors"]!["assessor"]);
    }

    [Fact]
    public async Task The_assessments_feed_has_published_assessments_only_and_the_page_links_to_it()
    {
        var word = TestData.Word();
        var owner = await Portal.ActorAsync(ActorType.Government, $"Agencia {word}");
        var cso = await Portal.ActorAsync(ActorType.NationalCso, $"Observatorio {word}");
        var initiative = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-10), title: $"Salud {word}");
        var published = await Portal.AssessmentAsync(cso, initiative, DateTime.UtcNow.AddMinutes(-2));
        var draft = await Portal.AssessmentAsync(owner, initiative, publishedAt: null);
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetOkAsync($"/assessments?assessor={cso.Id}");
        var link = FeedLinkOf(page);
        Assert.Equal($"/feeds/assessments.atom?assessor={cso.Id}&culture=en", link);
        var feed = await FeedAsync(browser.Http, link);
        var draftsAuthor = await FeedAsync(browser.Http, $"/feeds/assessments.atom?assessor={owner.Id}");
        var all = await FeedAsync(browser.Http, "/feeds/assessments.atom");

        Assert.Equal([published], RecordIds(feed, "assessments"));
        Assert.Empty(RecordIds(draftsAuthor, "assessments"));
        Assert.DoesNotContain(draft, RecordIds(all, "assessments"));
        Assert.NotEmpty(RecordIds(all, "assessments"));
        var entry = Assert.Single(feed.Elements(Atom + "entry"));
        Assert.Contains($"Salud {word}", entry.Element(Atom + "title")!.Value, StringComparison.Ordinal);
        Assert.Equal($"Observatorio {word}", entry.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        Assert.Contains($"Observatorio {word}", feed.Element(Atom + "title")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organisations_feed_has_its_initiatives_partnerships_and_assessments_and_no_drafts()
    {
        var word = TestData.Word();
        var owner = await Portal.ActorAsync(ActorType.Government, $"Agencia {word}");
        var partner = await Portal.ActorAsync(ActorType.Government, $"Ministerio {word}");
        var cso = await Portal.ActorAsync(ActorType.NationalCso, $"Observatorio {word}");
        var initiative = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-10), title: $"Agua {word}");
        var draft = await Portal.InitiativeAsync(owner, "PE", "PY", publishedAt: null, title: $"Borrador {word}");
        var withdrawn = await UnpublishedAsync(owner, $"Retirada {word}");
        var partnership = await Portal.PartnershipAsync(owner, partner, DateTime.UtcNow.AddMinutes(-8));
        var draftPartnership = await Portal.PartnershipAsync(owner, partner, publishedAt: null);
        var ofItsInitiative = await Portal.AssessmentAsync(cso, initiative, DateTime.UtcNow.AddMinutes(-1));
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetOkAsync($"/actors/{owner.Id}");
        var feed = await FeedAsync(browser.Http, FeedLinkOf(page));

        Assert.Equal([initiative], RecordIds(feed, "initiatives"));
        Assert.Equal([partnership], RecordIds(feed, "partnerships"));
        Assert.Equal([ofItsInitiative], RecordIds(feed, "assessments"));
        Assert.DoesNotContain(draft, RecordIds(feed, "initiatives"));
        Assert.DoesNotContain(withdrawn, RecordIds(feed, "initiatives"));
        Assert.DoesNotContain(draftPartnership, RecordIds(feed, "partnerships"));
        // Newest change first: the assessment, then the initiative's publication... as their updated times say.
        var times = feed.Elements(Atom + "entry").Select(e => DateTimeOffset.Parse(e.Element(Atom + "updated")!.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderDescending().ToList(), times);
        Assert.Contains($"Agencia {word}", feed.Element(Atom + "title")!.Value, StringComparison.Ordinal);
        // The assessor's own feed carries what it wrote.
        Assert.Equal([ofItsInitiative], RecordIds(await FeedAsync(browser.Http, $"/feeds/organisations/{cso.Id}.atom"), "assessments"));
    }

    [Fact]
    public async Task A_countrys_feed_has_the_initiatives_involving_it_and_their_assessments()
    {
        var word = TestData.Word();
        var owner = await Portal.ActorAsync(ActorType.Government, $"Agencia {word}");
        var cso = await Portal.ActorAsync(ActorType.NationalCso, $"Observatorio {word}");
        var inMongolia = await Portal.InitiativeAsync(owner, "PE", "MN", DateTime.UtcNow.AddMinutes(-10), title: $"Mongolia {word}");
        var elsewhere = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-9), title: $"Paraguay {word}");
        var draft = await Portal.InitiativeAsync(owner, "PE", "MN", publishedAt: null, title: $"Borrador {word}");
        var assessment = await Portal.AssessmentAsync(cso, inMongolia, DateTime.UtcNow.AddMinutes(-1));
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetOkAsync("/countries/MN");
        var link = FeedLinkOf(page);
        Assert.Equal("/feeds/countries/MN.atom?culture=en", link);
        var feed = await FeedAsync(browser.Http, link);

        var initiatives = RecordIds(feed, "initiatives");
        // At most 50 entries, newest first: a country no other test uses, so this test's records are among its newest.
        Assert.Contains(inMongolia, initiatives);
        Assert.DoesNotContain(elsewhere, initiatives);
        Assert.DoesNotContain(draft, initiatives);
        Assert.Contains(assessment, RecordIds(feed, "assessments"));
        Assert.True(feed.Elements(Atom + "entry").Count() <= 50);
        Assert.StartsWith("Mongolia", feed.Element(Atom + "title")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_organisations_and_countries_are_404()
    {
        using var client = Portal.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/feeds/organisations/2147483000.atom", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/feeds/countries/QQ.atom", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/feeds/countries/peru.atom", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_spanish_request_gets_spanish_titles()
    {
        var word = TestData.Word();
        var owner = await Portal.ActorAsync(ActorType.Government, $"Agency {word}");
        var id = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), title: $"Family farming {word}");
        await Portal.WithDatabaseAsync(async db =>
        {
            db.Add(new InitiativeTranslation { InitiativeId = id, Language = "es", Title = $"Agricultura familiar {word}", Summary = "Perú comparte su experiencia." });
            return await db.SaveChangesAsync();
        });
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetOkAsync($"/initiatives?q={word}&culture=es");
        var link = FeedLinkOf(page);
        Assert.EndsWith("culture=es", link, StringComparison.Ordinal);
        var feed = await FeedAsync(browser.Http, link);
        var byHeader = new HttpRequestMessage(HttpMethod.Get, $"/feeds/initiatives.atom?q={word}");
        byHeader.Headers.AcceptLanguage.ParseAdd("es");
        var response = await browser.Http.SendAsync(byHeader);

        Assert.Equal("es", feed.Attribute(XNamespace.Xml + "lang")!.Value);
        Assert.StartsWith("Iniciativas", feed.Element(Atom + "title")!.Value, StringComparison.Ordinal);
        Assert.Equal($"Agricultura familiar {word}", Assert.Single(feed.Elements(Atom + "entry")).Element(Atom + "title")!.Value);
        Assert.StartsWith("Iniciativas", Valid(await response.Content.ReadAsStringAsync()).Element(Atom + "title")!.Value, StringComparison.Ordinal);
        // In English the original title stands.
        var english = await FeedAsync(browser.Http, $"/feeds/initiatives.atom?q={word}&culture=en");
        Assert.Equal($"Family farming {word}", Assert.Single(english.Elements(Atom + "entry")).Element(Atom + "title")!.Value);
    }

    [Fact]
    public async Task An_empty_feed_is_still_valid_and_says_a_fixed_time()
    {
        using var client = Portal.CreateClient();

        // A search nothing matches, not even as a near miss (on PostgreSQL a mistyped word finds titles close to it, and the
        // tests' titles are random words like TestData.Word's): 32 hexadecimal characters resemble no title.
        var feed = await FeedAsync(client, $"/feeds/initiatives.atom?q={Guid.NewGuid():N}");

        Assert.Empty(feed.Elements(Atom + "entry"));
        Assert.Equal("1970-01-01T00:00:00Z", feed.Element(Atom + "updated")!.Value);
    }

    [GeneratedRegex(@"^/initiatives/(\d+)$")]
    private static partial Regex InitiativeId();

    /// <summary>The feed a page links to from its head, as its address.</summary>
    private static string FeedLinkOf(HtmlClient.Page page)
    {
        var link = Assert.Single(page.Document.Head!.QuerySelectorAll("link[rel='alternate'][type='application/atom+xml']"));
        Assert.False(string.IsNullOrWhiteSpace(link.GetAttribute("title")));
        return link.GetAttribute("href")!;
    }

    /// <summary>The ids of the entries that are records of one kind (their pages' addresses), in the feed's order.</summary>
    private static List<int> RecordIds(XElement feed, string kind) =>
        feed.Elements(Atom + "entry").Select(e => new Uri(e.Element(Atom + "id")!.Value).AbsolutePath)
            .Where(path => path.StartsWith($"/{kind}/", StringComparison.Ordinal))
            .Select(path => int.Parse(path[(kind.Length + 2)..], CultureInfo.InvariantCulture)).ToList();

    internal static async Task<XElement> FeedAsync(HttpClient client, string address)
    {
        var response = await client.GetAsync(new Uri(address, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{address}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/atom+xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        return Valid(text);
    }

    /// <summary>
    /// RFC 4287's requirements on a feed: the Atom namespace; exactly one id, title and updated; an author, or one in every
    /// entry; a self link; each entry exactly one id, title and updated, and an alternate link; ids absolute and unique;
    /// every updated (and published) a date-time of RFC 3339.
    /// </summary>
    internal static XElement Valid(string text)
    {
        var feed = XDocument.Parse(text).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        void One(XElement parent, string name) => Assert.True(parent.Elements(Atom + name).Count() == 1, $"{parent.Name.LocalName} must have exactly one {name}");
        foreach (var name in new[] { "id", "title", "updated" }) One(feed, name);
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.True(feed.Elements(Atom + "author").Any() || entries.All(e => e.Elements(Atom + "author").Any()), "an author for the feed or for every entry");
        Assert.All(feed.Descendants(Atom + "author"), a => Assert.False(string.IsNullOrWhiteSpace(a.Element(Atom + "name")?.Value)));
        Assert.Single(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
        Assert.Single(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "alternate");
        foreach (var entry in entries)
        {
            foreach (var name in new[] { "id", "title", "updated" }) One(entry, name);
            Assert.Single(entry.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "alternate" && Uri.IsWellFormedUriString((string?)l.Attribute("href"), UriKind.Absolute));
        }
        var ids = feed.Descendants(Atom + "id").Select(i => i.Value).ToList();
        Assert.All(ids, id => Assert.True(Uri.IsWellFormedUriString(id, UriKind.Absolute), $"{id} is not an absolute IRI"));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(feed.Descendants().Where(e => e.Name == Atom + "updated" || e.Name == Atom + "published"), time =>
            Assert.Matches(Rfc3339(), time.Value));
        return feed;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}

[Collection(SqliteSuite.Name)]
public sealed class FeedOnSqlite(SqlitePortalFixture fixture) : FeedTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class FeedOnPostgres(PostgresPortalFixture fixture) : FeedTests(fixture);

/// <summary>Outside Development a feed's links come from Portal:PublicUrl, never from the Host header; without it there are no feeds.</summary>
public class FeedAddressTests
{
    [Fact]
    public async Task Links_come_from_the_public_address_and_without_one_there_is_no_feed()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ssc-feeds-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await using (var portal = new PortalFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "a.db")}",
                         new Dictionary<string, string?> { ["Portal:PublicUrl"] = "https://ssc.example.org/" }, "Production"))
        {
            using var client = portal.CreateClient(new() { BaseAddress = new Uri("https://evil.example") });
            (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
            var feed = await FeedTests.FeedAsync(client, "/feeds/initiatives.atom");
            Assert.Equal("https://ssc.example.org/feeds/initiatives.atom?culture=en", feed.Element((XNamespace)"http://www.w3.org/2005/Atom" + "id")!.Value);
            Assert.DoesNotContain("evil", feed.ToString(), StringComparison.Ordinal);
        }
        await using (var portal = new PortalFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "b.db")}", environment: "Production"))
        {
            using var client = portal.CreateClient(new() { BaseAddress = new Uri("https://localhost") });
            (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/feeds/initiatives.atom", UriKind.Relative))).StatusCode);
            var catalogue = await client.GetStringAsync(new Uri("/initiatives", UriKind.Relative));
            Assert.DoesNotContain("application/atom+xml", catalogue, StringComparison.Ordinal);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
