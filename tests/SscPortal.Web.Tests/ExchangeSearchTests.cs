using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Notifications;
using SscPortal.Web.OpenData;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Browsing and searching the exchange (issue 18, item 2): /exchange lists published offers and needs only, searched in
/// every language stored, each facet narrows the list to the count it shows, "open now" follows the open-until dates, a bad
/// value is said on the page and refused with a problem by the CSV, the API and the feed, which carry the same rows; and
/// following a theme, a region or a search of the exchange tells of a matching offer or need when it is published.
/// Listings are put straight into the database; each test scopes what it reads to its own words.
/// </summary>
public abstract class ExchangeSearchTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private sealed record Seed(
        ListingKind Kind, string Title, ThematicArea[]? Themes = null, string[]? Countries = null, string[]? Regions = null, string[]? Sectors = null,
        int[]? Sdgs = null, string[]? Languages = null, CooperationForm Form = CooperationForm.TechnicalAssistance, bool Publish = true, bool Closed = false,
        ListingTranslation? Translation = null, string Description = "Experience of participatory budgeting in municipalities.");

    /// <summary>Offers and needs of <paramref name="owner"/>, published a minute apart (the first oldest) unless a seed says not.</summary>
    private Task<List<int>> ListAsync(Actor owner, params Seed[] seeds) =>
        Portal.WithDatabaseAsync(async db =>
        {
            var made = new List<Listing>();
            var at = DateTime.UtcNow.AddMinutes(-seeds.Length - 1);
            foreach (var seed in seeds)
            {
                var listing = new Listing { Title = "", Description = "", OwnerId = owner.Id, CreatedAt = at, UpdatedAt = at };
                listing.Apply(new ListingContent(seed.Kind, seed.Form, seed.Title, seed.Description, "en", seed.Themes ?? [], seed.Languages ?? ["en"],
                    null, null, null, 6, Today.AddMonths(3), "office@example.org", seed.Countries ?? [], seed.Regions ?? [], seed.Sectors ?? [], seed.Sdgs ?? [],
                    seed.Translation is { } t ? [t] : [], []));
                if (seed.Publish) listing.Publish(at);
                // Past its open-until date after publishing (publishing refuses a date already past).
                if (seed.Closed) listing.OpenUntil = Today.AddDays(-1);
                at = at.AddMinutes(1);
                db.Listings.Add(listing);
                made.Add(listing);
            }
            await db.SaveChangesAsync();
            return made.Select(l => l.Id).ToList();
        });

    private static List<int> Listed(HtmlClient.Page page) =>
        page.Document.QuerySelectorAll("li.listing-card").Select(li => int.Parse(li.GetAttribute("data-id")!, CultureInfo.InvariantCulture)).ToList();

    private static int Total(HtmlClient.Page page) =>
        int.Parse(page.Document.QuerySelector("#results-heading")!.TextContent.Trim().Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static int CountOf(HtmlClient.Page page, string parameter, string value) =>
        page.Document.QuerySelectorAll($"details[data-facet='{parameter}'] li a").Where(a => a.GetAttribute("data-value") == value)
            .Select(a => int.Parse(a.QuerySelector(".count")!.TextContent.Trim('(', ')', ' '), NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).Single();

    /// <summary>Four published (one closed) and a draft, all with the word in their titles.</summary>
    private async Task<(string Word, string Spanish, Actor Owner, List<int> Ids)> WorldAsync()
    {
        var word = TestData.Word();
        var spanish = TestData.Word();
        var owner = await Portal.ActorAsync(ActorType.LocalGovernment, $"Municipalidad {word}");
        var ids = await ListAsync(owner,
            new Seed(ListingKind.Offer, $"Participatory budgeting {word}", [ThematicArea.Governance], ["PE"], Sectors: ["11110"], Sdgs: [16], Languages: ["es", "en"],
                Translation: new ListingTranslation { Language = "es", Title = $"Presupuesto participativo {spanish}", Description = "Experiencia municipal." }),
            new Seed(ListingKind.Need, $"School meals {word}", [ThematicArea.Education, ThematicArea.FoodSecurity], ["KE"], Sectors: ["12220"], Sdgs: [2, 4],
                Form: CooperationForm.StudyVisit),
            new Seed(ListingKind.TwoWay, $"Youth exchange {word}", [ThematicArea.Education], Regions: ["lac"], Sdgs: [4], Languages: ["pt"], Form: CooperationForm.Exchange),
            new Seed(ListingKind.Need, $"Closed need {word}", [ThematicArea.Health], ["BO"], Closed: true),
            new Seed(ListingKind.Offer, $"Draft offer {word} {spanish}", [ThematicArea.Governance], ["PE"], Publish: false));
        return (word, spanish, owner, ids);
    }

    [Fact]
    public async Task Search_finds_published_offers_and_needs_in_any_language_and_each_facet_narrows_to_its_count()
    {
        var (word, spanish, _, ids) = await WorldAsync();
        var (budgeting, meals, youth, closed, draft) = (ids[0], ids[1], ids[2], ids[3], ids[4]);
        using var browser = Portal.CreateBrowser();

        var all = await browser.GetOkAsync($"/exchange?q={word}");
        Assert.Equal(4, Total(all));
        Assert.Equal(new[] { budgeting, meals, youth, closed }.ToHashSet(), Listed(all).ToHashSet());
        Assert.DoesNotContain(draft, Listed(all));
        Assert.NotNull(all.Document.QuerySelector(".main-nav a[href='/exchange'][aria-current='page']"));

        // A word of the Spanish translation finds the offer (never the draft that has it too), and in Spanish the card shows the translation.
        var inSpanish = await browser.GetOkAsync($"/exchange?q={spanish}&culture=es");
        Assert.Equal([budgeting], Listed(inSpanish));
        var title = inSpanish.Document.QuerySelector($"li.listing-card[data-id='{budgeting}'] h3 a")!;
        Assert.Equal(($"Presupuesto participativo {spanish}", "es", $"/exchange/{budgeting}"), (title.TextContent, title.GetAttribute("lang"), title.GetAttribute("href")));

        // Each facet's count is what choosing it lists.
        foreach (var (parameter, value, expected) in new (string, string, int[])[]
        {
            ("kind", "offer", [budgeting]), ("kind", "need", [meals, closed]), ("kind", "twoway", [youth]),
            ("form", "studyvisit", [meals]), ("theme", "education", [meals, youth]), ("theme", "governance", [budgeting]),
            ("category", "111", [budgeting]), ("category", "122", [meals]), ("sdg", "4", [meals, youth]), ("country", "PE", [budgeting]),
            ("region", "lac", [budgeting, youth, closed]), ("region", "africa-subsaharan", [meals]), ("orgtype", "localgovernment", [budgeting, meals, youth, closed]),
            ("language", "es", [budgeting]), ("language", "pt", [youth]), ("open", "yes", [budgeting, meals, youth]),
        })
        {
            Assert.Equal(expected.Length, CountOf(all, parameter, value));
            var narrowed = await browser.GetOkAsync($"/exchange?q={word}&{parameter}={value.ToUpperInvariant()}");
            Assert.True(expected.ToHashSet().SetEquals(Listed(narrowed)), $"{parameter}={value}: {string.Join(",", Listed(narrowed))}");
            Assert.Equal(expected.Length, Total(narrowed));
            Assert.Null(narrowed.Document.QuerySelector("main .notice ul"));
        }

        // Two filters together; the closed one says so.
        Assert.Equal([meals], Listed(await browser.GetOkAsync($"/exchange?q={word}&kind=need&open=yes")));
        Assert.NotNull(all.Document.QuerySelector($"li.listing-card[data-id='{closed}'] [data-open='false']"));
        Assert.NotNull(all.Document.QuerySelector($"li.listing-card[data-id='{meals}'] [data-open='true'] time"));
        // The figures count the open ones by kind, and by region.
        Assert.Contains("Open offers by region", all.Text, StringComparison.Ordinal);
        Assert.NotNull(all.Document.QuerySelector("figure.world-map svg"));
    }

    [Fact]
    public async Task A_bad_filter_value_is_explained_on_the_page_and_refused_with_a_problem_by_the_exports()
    {
        var (word, _, _, ids) = await WorldAsync();
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetOkAsync($"/exchange?q={word}&kind=gift&theme=music&after=garbage");
        var notice = page.Document.QuerySelector("main .notice ul")!.TextContent;
        Assert.Contains("Offer or need: “gift” is not one of the allowed values: offer, need, twoway. This filter was not applied.", notice, StringComparison.Ordinal);
        Assert.Contains("Theme: “music”", notice, StringComparison.Ordinal);
        Assert.Contains("This page link is not valid", page.Text, StringComparison.Ordinal);
        Assert.Equal(4, Total(page));
        Assert.Equal($"/feeds/exchange.atom?q={word}&culture=en",
            page.Document.Head!.QuerySelector("link[rel='alternate'][type='application/atom+xml']")!.GetAttribute("href"));

        foreach (var url in new[] { "/exchange.csv?kind=gift", "/feeds/exchange.atom?kind=gift", "/api/v1/listings?kind=gift" })
        {
            var problem = await ApiProblemAssert.ProblemAsync(await browser.Http.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.BadRequest, url);
            Assert.Contains("gift", problem["errors"]!["kind"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }
        var spanish = await browser.GetOkAsync($"/exchange?q={word}&region=atlantis&culture=es");
        Assert.Contains("«atlantis» no es una región.", spanish.Document.QuerySelector("main .notice ul")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ids.Count - 1, Total(spanish));
    }

    [Fact]
    public async Task The_csv_the_api_and_the_feed_carry_the_same_published_rows_and_the_api_answers_as_described()
    {
        var word = TestData.Word();
        var owner = await Portal.ActorAsync(ActorType.NationalCso, $"Red {word}");
        var ids = await ListAsync(owner, Enumerable.Range(0, 12).Select(i => new Seed(ListingKind.Offer, $"Mediation training {word} {i}", [ThematicArea.ConflictPrevention], ["CO"]))
            .Append(new Seed(ListingKind.Need, $"=HYPERLINK(\"x\") {word}", [ThematicArea.Health], ["CO"]))
            .Append(new Seed(ListingKind.Need, $"Draft {word}", Publish: false)).ToArray());
        var published = ids.Take(13).Reverse().ToList();
        using var client = Portal.CreateClient();
        var contract = await OpenApiContract.LoadAsync(client);

        var operation = contract.Document["paths"]!["/api/v1/listings"]!["get"]!;
        Assert.Equal(["q", "kind", "form", "theme", "category", "sdg", "country", "region", "orgtype", "language", "open", "limit", "after"],
            operation["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal(["offer", "need", "twoway"], contract.Document["components"]!["schemas"]!["ListingKindCode"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));

        // Newest first, in pages of 5, nothing twice, no draft.
        var seen = new List<int>();
        var next = $"/api/v1/listings?q={word}&limit=5";
        while (next is not null)
        {
            var body = await contract.CheckAsync(await client.GetAsync(new Uri(next, UriKind.RelativeOrAbsolute)));
            seen.AddRange(body["items"]!.AsArray().Select(i => i!["id"]!.GetValue<int>()));
            next = body["next"]?.GetValue<string>();
        }
        Assert.Equal(published.ToHashSet(), seen.ToHashSet());
        Assert.Equal(published.Count, seen.Count);
        // Browsing (no words) is newest first.
        var browsing = await contract.CheckAsync(await client.GetAsync(new Uri($"/api/v1/listings?country=co&theme=CONFLICTPREVENTION&limit=100", UriKind.Relative)));
        var browsed = browsing["items"]!.AsArray().Select(i => i!["id"]!.GetValue<int>()).Where(ids.Contains).ToList();
        Assert.Equal(published.Skip(1).ToList(), browsed);

        var one = await contract.CheckAsync(await client.GetAsync(new Uri($"/api/v1/listings/{ids[0]}", UriKind.Relative)));
        Assert.Equal(("Offer", "TechnicalAssistance", $"Red {word}", "CO"), (one["kind"]!.GetValue<string>(), one["form"]!.GetValue<string>(),
            one["owner"]!["name"]!.GetValue<string>(), one["countries"]![0]!.GetValue<string>()));
        foreach (var missing in new[] { ids[^1], 2147483000 })
        {
            var url = $"/api/v1/listings/{missing}";
            await contract.CheckAsync(await client.GetAsync(new Uri(url, UriKind.Relative)));
            await ApiProblemAssert.ProblemAsync(await client.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.NotFound, url);
        }
        foreach (var (url, parameter, message) in new[]
        {
            ("/api/v1/listings?form=lecture", "form", "is not one of the allowed values"),
            ("/api/v1/listings?sdg=18", "sdg", "is not a Sustainable Development Goal"),
            ("/api/v1/listings?language=xx", "language", "allowed values"),
            ("/api/v1/listings?open=maybe", "open", "allowed values: yes, true, 1"),
            ("/api/v1/listings?limit=500", "limit", "between 1 and 100"),
            ("/api/v1/listings?after=MTIzfGFiYw", "after", "not the cursor"),
        })
        {
            await contract.CheckAsync(await client.GetAsync(new Uri(url, UriKind.Relative)));
            await ApiProblemAssert.BadParameterAsync(client, url, parameter, message);
        }

        // The CSV: the same rows, a formula kept from running.
        var response = await client.GetAsync(new Uri($"/exchange.csv?q={word}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")", text, StringComparison.Ordinal);
        var records = Csv.Parse(text, 10_000);
        Assert.Equal(OpenDataEndpoints.ListingCsvColumns, records[0]);
        var rows = records.Skip(1).Select(r => records[0].Zip(r).ToDictionary(x => x.First, x => Csv.Field(x.Second))).ToList();
        Assert.Equal(published.ToHashSet(), rows.Select(r => int.Parse(r["id"], CultureInfo.InvariantCulture)).ToHashSet());
        Assert.Contains(rows, r => r["title"] == $"=HYPERLINK(\"x\") {word}" && r["kind"] == "Need" && r["open"] == "yes");

        // The feed: valid Atom, the same offers and needs, the newest change first.
        var feed = await FeedTests.FeedAsync(client, $"/feeds/exchange.atom?q={word}&kind=offer");
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal(ids.Take(12).Reverse().Select(id => $"/exchange/{id}"), entries.Select(e => new Uri(e.Element(Atom + "id")!.Value).AbsolutePath));
        Assert.Equal($"Red {word}", entries[0].Element(Atom + "author")!.Element(Atom + "name")!.Value);
        Assert.Contains(word, feed.Element(Atom + "title")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Following_a_theme_a_region_and_a_search_of_the_exchange_tells_of_a_matching_offer_or_need_when_published()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var word = TestData.Word();
        var followerId = world.UserIds[Role.NoOrganisation]!;
        using var follower = await world.BrowserAsync(Role.NoOrganisation);

        // The exchange offers to follow one theme, one region, or a search, from its own page.
        foreach (var (address, kind, key) in new[]
        {
            ("/exchange?theme=culture", FollowKind.Theme, "Culture"),
            ("/exchange?region=pacific", FollowKind.Region, "pacific"),
            ($"/exchange?q={word}&kind=need", FollowKind.ExchangeSearch, $"q={word}&kind=need"),
        })
        {
            var page = await follower.GetOkAsync(address);
            var form = page.Document.QuerySelector("form[action*='handler=Follow']")!;
            Assert.Equal((kind.ToString(), key), (form.QuerySelector("input[name='kind']")!.GetAttribute("value"), form.QuerySelector("input[name='key']")!.GetAttribute("value")));
            var followed = await follower.SubmitAsync(page, "form[action*='handler=Follow']", new Dictionary<string, string>());
            Assert.NotNull(followed.Document.QuerySelector("form[action*='handler=Remove']"));
        }
        var follows = await Portal.WithDatabaseAsync(db => db.Follows.AsNoTracking().Where(f => f.UserId == followerId).OrderBy(f => f.Id).ToListAsync());
        Assert.Equal([(FollowKind.Theme, "Culture"), (FollowKind.Region, "pacific"), (FollowKind.ExchangeSearch, $"q={word}&kind=need")], follows.Select(f => (f.Kind, f.Key)));
        var listPage = await follower.GetOkAsync("/my/following");
        Assert.NotNull(listPage.Document.QuerySelector("a[href='/exchange?theme=culture']"));
        Assert.NotNull(listPage.Document.QuerySelector("a[href='/exchange?region=pacific']"));
        // Nothing that is not a theme or a region can be followed.
        var (client, token) = await world.ClientAsync(Role.NoOrganisation);
        foreach (var (kind, key) in new[] { ("Theme", "Music"), ("Theme", "7"), ("Region", "atlantis"), ("ExchangeSearch", "kind=gift") })
            await client.PostAsync(new Uri("/my/following?handler=Follow", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
                { ["kind"] = kind, ["key"] = key, ["__RequestVerificationToken"] = token }));
        Assert.Equal(3, await Portal.WithDatabaseAsync(db => db.Follows.CountAsync(f => f.UserId == followerId)));

        // Drafts are written, then published one by one as the publishing page does: the change, then who is told, in one transaction.
        var ids = await ListAsync(world.CsoA,
            new Seed(ListingKind.Offer, $"Heritage {TestData.Word()}", [ThematicArea.Culture], Publish: false),
            new Seed(ListingKind.Offer, $"Fisheries {TestData.Word()}", Countries: ["FJ"], Publish: false),
            new Seed(ListingKind.Need, $"Seeds {word}", Publish: false),
            new Seed(ListingKind.Offer, $"Seeds {word}", Publish: false),
            new Seed(ListingKind.Need, $"Unrelated {TestData.Word()}", [ThematicArea.Health], ["PE"], Publish: false));
        foreach (var id in ids)
        {
            await Portal.WithServicesAsync(async s =>
            {
                var db = s.GetRequiredService<AppDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync();
                (await db.Listings.FindAsync(id))!.Publish(DateTime.UtcNow);
                await db.SaveChangesAsync();
                await s.GetRequiredService<Notices>().ListingChangedAsync(id, ChangeKind.Published, asModerator: false, CancellationToken.None);
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                return 0;
            });
        }

        var told = await Portal.WithDatabaseAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == followerId).OrderBy(n => n.Id).ToListAsync());
        Assert.Equal([$"/exchange/{ids[0]}", $"/exchange/{ids[1]}", $"/exchange/{ids[2]}"], told.Select(n => n.Path));
        Assert.All(told, n => Assert.Equal((NotificationKind.Followed, RecordType.Listing, ChangeKind.Published), (n.Kind, n.About, n.Change)));
        // Nobody else was told, and the notification reads as a new offer or need.
        Assert.Empty(await Portal.WithDatabaseAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == world.UserIds[Role.AgencyAdmin]).ToListAsync()));
        var bell = await follower.GetOkAsync("/my/notifications");
        Assert.Contains($"New offer or need: “Seeds {word}”.", bell.Text, StringComparison.Ordinal);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class ExchangeSearchOnSqlite(SqlitePortalFixture fixture) : ExchangeSearchTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class ExchangeSearchOnPostgres(PostgresPortalFixture fixture) : ExchangeSearchTests(fixture);
