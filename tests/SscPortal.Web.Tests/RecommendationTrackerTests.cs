using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.OpenData;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// The public recommendation tracker (issue 16, item 4): /recommendations lists the recommendations of public assessments
/// only (published, the latest revision, of a published initiative), each facet narrows the list and counts what choosing
/// it would list, "overdue" follows the target dates, organisation and country pages count by status, and the CSV, the JSON
/// API (checked against its OpenAPI description) and the Atom feed carry the same rows without the words of a hidden statement.
/// Recommendations are seeded straight into the database; each test scopes what it reads to its own organisations.
/// </summary>
public abstract class RecommendationTrackerTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>An official party, the civil-society assessor and a published initiative between two countries, all of this test.</summary>
    private sealed record World(string Word, Actor Agency, Actor Assessor, int Initiative);

    private async Task<World> WorldAsync(string provider = "PE", string recipient = "PY")
    {
        var word = TestData.Word();
        var agency = await Portal.ActorAsync(ActorType.Government, $"Ministerio {word}");
        var assessor = await Portal.ActorAsync(ActorType.NationalCso, $"Observatorio {word}");
        var initiative = await Portal.InitiativeAsync(agency, provider, recipient, DateTime.UtcNow.AddDays(-30), title: $"Riego {word}");
        return new World(word, agency, assessor, initiative);
    }

    /// <summary>What a seeded recommendation is: its fields, and what the addressed party said of it.</summary>
    private sealed record Seed(
        RecommendationPriority Priority = RecommendationPriority.Medium, RecommendationStatus Status = RecommendationStatus.Awaiting,
        DateOnly? Target = null, string[]? Principles = null, int? AddressedTo = null, bool Implemented = false, string? Said = null, bool Hidden = false);

    /// <summary>
    /// Recommendations on an assessment, numbered from 1, each answered as the seed says: the answer is given ten days ago so
    /// that a target date in the past is one that passed (the domain refuses a target date already past when answering).
    /// </summary>
    private Task<List<int>> RecommendAsync(int assessment, int addressedTo, params Seed[] seeds) =>
        Portal.WithDatabaseAsync(async db =>
        {
            var made = seeds.Select((seed, i) => new Recommendation
            {
                AssessmentId = assessment, Number = i + 1, Text = $"Recommendation {i + 1}: publish the budget of each component.",
                AddressedToId = seed.AddressedTo ?? addressedTo, Priority = seed.Priority,
            }.WithPrinciples(seed.Principles ?? [])).ToList();
            db.Recommendations.AddRange(made);
            await db.SaveChangesAsync();
            var answeredAt = DateTime.UtcNow.AddDays(-10);
            foreach (var (recommendation, seed) in made.Zip(seeds))
            {
                if (seed.Status == RecommendationStatus.Awaiting) continue;
                var answer = Recommendation.IsProgress(seed.Status) ? RecommendationStatus.Accepted : seed.Status;
                var said = recommendation.Answer(recommendation.AddressedToId, null, answer, seed.Said ?? "We answer this.",
                    Recommendation.IsCommitment(answer) ? "We commit to it." : null, Recommendation.IsCommitment(answer) ? seed.Target : null, null, answeredAt);
                if (seed.Hidden) said.Hide("Breaks the terms of use.", DateTime.UtcNow);
                db.RecommendationStatements.Add(said);
                if (Recommendation.IsProgress(seed.Status))
                    db.RecommendationStatements.Add(recommendation.Progress(recommendation.AddressedToId, null, seed.Status, "Under way.", null, null, answeredAt.AddDays(1)));
            }
            await db.SaveChangesAsync();
            return made.Select(r => r.Id).ToList();
        });

    private async Task<List<string>> PrinciplesAsync() =>
        await Portal.WithDatabaseAsync(db => db.Principles.AsNoTracking().OrderBy(p => p.Position).Select(p => p.Code).Take(2).ToListAsync());

    /// <summary>The recommendation ids a tracker page lists, in its order.</summary>
    private static List<int> Listed(HtmlClient.Page page) =>
        page.Document.QuerySelectorAll("li.tracked-recommendation").Select(li => int.Parse(li.GetAttribute("data-id")!, CultureInfo.InvariantCulture)).ToList();

    /// <summary>The count the results heading gives ("3 recommendations").</summary>
    private static int Total(HtmlClient.Page page) =>
        int.Parse(page.Document.QuerySelector("#results-heading")!.TextContent.Trim().Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    /// <summary>A facet's values as the page shows them: (address, value, count).</summary>
    private static List<(string Href, string Value, int Count)> Facet(HtmlClient.Page page, string parameter) =>
        page.Document.QuerySelectorAll($"details[data-facet='{parameter}'] li a").Select(a => (a.GetAttribute("href")!, a.GetAttribute("data-value")!,
            int.Parse(a.QuerySelector(".count")!.TextContent.Trim('(', ')', ' '), NumberStyles.AllowThousands, CultureInfo.InvariantCulture))).ToList();

    /// <summary>How many a facet's value says choosing it would list.</summary>
    private static int CountOf(HtmlClient.Page page, string parameter, string value) => Facet(page, parameter).Single(v => v.Value == value).Count;

    [Fact]
    public async Task Only_recommendations_of_published_current_assessments_of_published_initiatives_are_listed()
    {
        var w = await WorldAsync();
        var published = await Portal.AssessmentAsync(w.Assessor, w.Initiative, DateTime.UtcNow.AddDays(-5));
        var draft = await Portal.AssessmentAsync(w.Assessor, w.Initiative, publishedAt: null);
        var superseded = await Portal.AssessmentAsync(w.Assessor, w.Initiative, DateTime.UtcNow.AddDays(-20));
        var withdrawnInitiative = await Portal.InitiativeAsync(w.Agency, "PE", "PY", DateTime.UtcNow.AddDays(-30));
        var onWithdrawn = await Portal.AssessmentAsync(w.Assessor, withdrawnInitiative, DateTime.UtcNow.AddDays(-4));
        await Portal.WithDatabaseAsync(async db =>
        {
            (await db.Assessments.FindAsync(superseded))!.SupersededById = published;
            (await db.Initiatives.FindAsync(withdrawnInitiative))!.Unpublish("Out of date");
            return await db.SaveChangesAsync();
        });
        var shown = await RecommendAsync(published, w.Agency.Id, new Seed(), new Seed());
        var hidden = (await RecommendAsync(draft, w.Agency.Id, new Seed()))
            .Concat(await RecommendAsync(superseded, w.Agency.Id, new Seed()))
            .Concat(await RecommendAsync(onWithdrawn, w.Agency.Id, new Seed())).ToList();
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetOkAsync($"/recommendations?organisation={w.Agency.Id}");

        Assert.Equal(shown, Listed(page));
        Assert.Equal(2, Total(page));
        var first = page.Document.QuerySelector($"li.tracked-recommendation[data-id='{shown[0]}']")!;
        Assert.Equal($"/assessments/{published}#recommendation-{shown[0]}", first.QuerySelector("h3 a")!.GetAttribute("href"));
        Assert.Contains($"Riego {w.Word}", first.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Ministerio {w.Word}", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("Awaiting an answer", first.TextContent, StringComparison.Ordinal);
        // The assessment's own page has the anchor the tracker links to.
        var assessment = await browser.GetOkAsync($"/assessments/{published}");
        Assert.NotNull(assessment.Document.GetElementById($"recommendation-{shown[0]}"));
        // Everyone's list has them too, and none of the others.
        var everything = await ApiIdsAsync(browser.Http, "/api/v1/recommendations?limit=100", all: true);
        Assert.Subset(everything.ToHashSet(), shown.ToHashSet());
        Assert.DoesNotContain(everything, hidden.Contains);
        Assert.Equal(shown, await ApiIdsAsync(browser.Http, $"/api/v1/recommendations?organisation={w.Agency.Id}"));
        Assert.Equal(shown, CsvRows(await CsvAsync(browser.Http, $"/recommendations.csv?organisation={w.Agency.Id}")).Select(r => int.Parse(r["id"], CultureInfo.InvariantCulture)));
        // The navigation and the assessments page lead to the tracker.
        Assert.NotNull(page.Document.QuerySelector(".main-nav a[href='/recommendations'][aria-current='page']"));
        Assert.NotNull((await browser.GetOkAsync("/assessments")).Document.QuerySelector("main a[href='/recommendations']"));
    }

    [Fact]
    public async Task Each_facet_narrows_the_list_to_the_count_it_shows()
    {
        var w = await WorldAsync("PE", "MN");
        var other = await Portal.ActorAsync(ActorType.Government, $"Agencia {w.Word}");
        var principles = await PrinciplesAsync();
        var lastYear = await Portal.AssessmentAsync(w.Assessor, await Portal.InitiativeAsync(w.Agency, "PE", "BO", DateTime.UtcNow.AddYears(-1).AddDays(-30)),
            DateTime.UtcNow.AddYears(-1));
        var thisYear = await Portal.AssessmentAsync(w.Assessor, w.Initiative, DateTime.UtcNow.AddMinutes(-5));
        var ids = await RecommendAsync(thisYear, w.Agency.Id,
            new Seed(RecommendationPriority.High, RecommendationStatus.Accepted, Today.AddDays(30), [principles[0]]),
            new Seed(RecommendationPriority.High, RecommendationStatus.NotAccepted, Principles: [principles[0], principles[1]]),
            new Seed(RecommendationPriority.Low),
            new Seed(RecommendationPriority.Low, AddressedTo: other.Id));
        ids.AddRange(await RecommendAsync(lastYear, w.Agency.Id, new Seed(RecommendationPriority.High, RecommendationStatus.Accepted, Today.AddDays(-1), [principles[1]])));
        using var browser = Portal.CreateBrowser();
        var mine = $"/recommendations?organisation={w.Agency.Id}";

        var page = await browser.GetOkAsync(mine);

        Assert.Equal(4, Total(page));
        Assert.Equal(ids.Where((_, i) => i != 3).ToHashSet(), Listed(page).ToHashSet());
        Assert.Equal((1, 2, 1), (CountOf(page, "status", "awaiting"), CountOf(page, "status", "accepted"), CountOf(page, "status", "notaccepted")));
        Assert.DoesNotContain(Facet(page, "status"), v => v.Value == "implemented");
        Assert.Equal((3, 1), (CountOf(page, "priority", "high"), CountOf(page, "priority", "low")));
        Assert.DoesNotContain(Facet(page, "priority"), v => v.Value == "medium");
        Assert.Equal((4, 3, 1), (CountOf(page, "country", "PE"), CountOf(page, "country", "MN"), CountOf(page, "country", "BO")));
        Assert.Equal(3, Facet(page, "country").Count);
        Assert.Equal(3, CountOf(page, "year", DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(1, CountOf(page, "year", DateTime.UtcNow.AddYears(-1).Year.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(1, CountOf(page, "overdue", "yes"));
        Assert.Equal((2, 2), (CountOf(page, "principle", principles[0]), CountOf(page, "principle", principles[1])));
        // The organisation facet leaves its own filter out: the chosen one is marked, with its count, and the other party can be chosen instead.
        var chosen = Assert.Single(page.Document.QuerySelectorAll("details[data-facet='organisation'] a.facet-selected"));
        Assert.Equal(TestData.Key(w.Agency.Id), chosen.GetAttribute("data-value"));
        Assert.Equal(4, CountOf(page, "organisation", TestData.Key(w.Agency.Id)));
        // Mongolia has this test's recommendations alone: there the organisation facet counts both parties.
        var inMongolia = await browser.GetOkAsync("/recommendations?country=mn");
        Assert.Equal((3, 1), (CountOf(inMongolia, "organisation", TestData.Key(w.Agency.Id)), CountOf(inMongolia, "organisation", TestData.Key(other.Id))));
        Assert.Equal(4, Total(inMongolia));

        // Every value of every facet not yet chosen, followed: the list it gives has exactly the count it showed.
        var followed = 0;
        foreach (var parameter in new[] { "country", "organisation", "status", "priority", "principle", "year", "overdue" })
        {
            foreach (var (href, value, count) in Facet(page, parameter).Where(v => v.Href.Contains($"{parameter}={v.Value}", StringComparison.Ordinal)))
            {
                var narrowed = await browser.GetOkAsync(href);
                Assert.True(count == Total(narrowed), $"{parameter} = {value}: the facet said {count}, the list has {Total(narrowed)} ({href})");
                Assert.Equal(Math.Min(count, 20), Listed(narrowed).Count);
                Assert.NotNull(narrowed.Document.QuerySelector($"details[data-facet='{parameter}'] a.facet-selected"));
                followed++;
            }
        }
        Assert.True(followed >= 14, $"only {followed} facet values were followed");

        // Two filters together, and the API and CSV narrowed the same way.
        var both = await browser.GetOkAsync($"{mine}&priority=high&status=accepted");
        Assert.Equal([ids[0], ids[4]], Listed(both));
        Assert.Equal([ids[0], ids[4]], await ApiIdsAsync(browser.Http, $"/api/v1/recommendations?organisation={w.Agency.Id}&priority=HIGH&status=accepted"));
        Assert.Equal([ids[1]], await ApiIdsAsync(browser.Http, $"/api/v1/recommendations?organisation={w.Agency.Id}&principle={principles[0]}&status=notaccepted"));
        Assert.Equal([ids[4]], await ApiIdsAsync(browser.Http, $"/api/v1/recommendations?organisation={w.Agency.Id}&year={DateTime.UtcNow.AddYears(-1).Year}"));
        Assert.Equal([ids[3]], await ApiIdsAsync(browser.Http, $"/api/v1/recommendations?country=mn&organisation={other.Id}"));
        Assert.Equal([ids[0], ids[1], ids[2]], await ApiIdsAsync(browser.Http, $"/api/v1/recommendations?country=MN&organisation={w.Agency.Id}"));
        Assert.Equal([ids[0], ids[4]], CsvRows(await CsvAsync(browser.Http, $"/recommendations.csv?organisation={w.Agency.Id}&priority=high&status=accepted"))
            .Select(r => int.Parse(r["id"], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Overdue_is_a_commitment_whose_target_date_passed_without_being_reported_implemented()
    {
        var w = await WorldAsync();
        var assessment = await Portal.AssessmentAsync(w.Assessor, w.Initiative, DateTime.UtcNow.AddMinutes(-5));
        var ids = await RecommendAsync(assessment, w.Agency.Id,
            new Seed(Status: RecommendationStatus.Accepted, Target: Today.AddDays(-1)),
            new Seed(Status: RecommendationStatus.Accepted, Target: Today.AddDays(30)),
            new Seed(Status: RecommendationStatus.InProgress, Target: Today.AddDays(-3)),
            new Seed(Status: RecommendationStatus.Implemented, Target: Today.AddDays(-3)),
            new Seed(Status: RecommendationStatus.PartlyAccepted, Target: Today),
            new Seed(Status: RecommendationStatus.NotAccepted));
        using var browser = Portal.CreateBrowser();

        var all = await browser.GetOkAsync($"/recommendations?organisation={w.Agency.Id}");
        var overdue = await browser.GetOkAsync($"/recommendations?organisation={w.Agency.Id}&overdue=yes");

        Assert.Equal([ids[0], ids[2]], Listed(overdue));
        Assert.Equal([ids[0], ids[2]], all.Document.QuerySelectorAll("li.tracked-recommendation").Where(li => li.QuerySelector("[data-overdue]") is not null)
            .Select(li => int.Parse(li.GetAttribute("data-id")!, CultureInfo.InvariantCulture)));
        Assert.Equal(2, CountOf(all, "overdue", "yes"));
        var api = await ApiAsync(browser.Http, $"/api/v1/recommendations?organisation={w.Agency.Id}");
        Assert.Equal([true, false, true, false, false, false], api["items"]!.AsArray().Select(i => i!["overdue"]!.GetValue<bool>()));
        Assert.Equal(["Accepted", "Accepted", "InProgress", "Implemented", "PartlyAccepted", "NotAccepted"], api["items"]!.AsArray().Select(i => i!["status"]!.GetValue<string>()));
        Assert.Equal(Today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), api["items"]![0]!["targetDate"]!.GetValue<string>());
        Assert.Equal(["yes", "no", "yes", "no", "no", "no"], CsvRows(await CsvAsync(browser.Http, $"/recommendations.csv?organisation={w.Agency.Id}")).Select(r => r["overdue"]));
    }

    [Fact]
    public async Task Organisation_and_country_pages_count_the_recommendations_by_status_with_links_to_the_tracker()
    {
        // Timor-Leste and Fiji: no other test puts recommendations there, so the country's counts are this test's alone.
        var w = await WorldAsync("TL", "FJ");
        var assessment = await Portal.AssessmentAsync(w.Assessor, w.Initiative, DateTime.UtcNow.AddMinutes(-5));
        var draft = await Portal.AssessmentAsync(w.Assessor, w.Initiative, publishedAt: null);
        await RecommendAsync(assessment, w.Agency.Id,
            new Seed(Status: RecommendationStatus.Accepted, Target: Today.AddDays(-2)),
            new Seed(Status: RecommendationStatus.Accepted, Target: Today.AddDays(20)),
            new Seed(Status: RecommendationStatus.Implemented, Target: Today.AddDays(5)),
            new Seed(),
            new Seed());
        await RecommendAsync(draft, w.Agency.Id, new Seed(), new Seed());
        using var browser = Portal.CreateBrowser();

        var organisation = await browser.GetOkAsync($"/actors/{w.Agency.Id}");
        var country = await browser.GetOkAsync("/countries/tl");
        var assessor = await browser.GetOkAsync($"/actors/{w.Assessor.Id}");

        foreach (var (page, parameter, value) in new[] { (organisation, "organisation", TestData.Key(w.Agency.Id)), (country, "country", "TL") })
        {
            var counts = page.Document.QuerySelector(".recommendation-counts")!;
            string Count(string name) => counts.QuerySelector($"dd[data-count='{name}']")!.TextContent.Trim();
            Assert.Equal(("5", "2", "1", "2", "1"), (Count("total"), Count("awaiting"), Count("implemented"), Count("accepted"), Count("overdue")));
            Assert.Null(counts.QuerySelector("dd[data-count='notaccepted']"));
            Assert.Equal($"/recommendations?{parameter}={value}&status=accepted", counts.QuerySelector("dd[data-count='accepted'] a")!.GetAttribute("href"));
            var overdue = await browser.GetOkAsync(counts.QuerySelector("dd[data-count='overdue'] a")!.GetAttribute("href")!);
            Assert.Equal(1, Total(overdue));
            var accepted = await browser.GetOkAsync(counts.QuerySelector("dd[data-count='accepted'] a")!.GetAttribute("href")!);
            Assert.Equal(2, Total(accepted));
        }
        // Nothing is addressed to the assessor: its page has no such section.
        Assert.Null(assessor.Document.QuerySelector(".recommendation-counts"));
    }

    [Fact]
    public async Task The_exports_carry_each_statements_date_kind_and_status_and_never_the_words_of_a_hidden_one()
    {
        var w = await WorldAsync();
        var assessment = await Portal.AssessmentAsync(w.Assessor, w.Initiative, DateTime.UtcNow.AddMinutes(-5));
        var visible = $"Visible answer {w.Word}";
        var hiddenWords = $"Hidden answer {w.Word}";
        var ids = await RecommendAsync(assessment, w.Agency.Id,
            new Seed(Status: RecommendationStatus.InProgress, Target: Today.AddDays(40), Said: visible),
            new Seed(Status: RecommendationStatus.NotAccepted, Said: hiddenWords, Hidden: true));
        // The assessor's view of the party's answer, shown beside it.
        await Portal.WithDatabaseAsync(async db =>
        {
            var recommendation = await db.Recommendations.SingleAsync(r => r.Id == ids[0]);
            var answer = await db.RecommendationStatements.SingleAsync(s => s.RecommendationId == ids[0] && s.Kind == StatementKind.Answer);
            db.RecommendationStatements.Add(recommendation.View(w.Assessor.Id, null, answer, AssessorVerdict.Disputes, "Nothing has started.", null, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        using var browser = Portal.CreateBrowser();

        var csvText = await CsvAsync(browser.Http, $"/recommendations.csv?organisation={w.Agency.Id}");
        var json = await ApiAsync(browser.Http, $"/api/v1/recommendations?organisation={w.Agency.Id}");
        var feedText = await browser.Http.GetStringAsync(new Uri($"/feeds/recommendations.atom?organisation={w.Agency.Id}", UriKind.Relative));

        var rows = CsvRows(csvText);
        Assert.Equal(OpenDataEndpoints.RecommendationCsvColumns, Csv.Parse(csvText, 10)[0]);
        var statements = rows[0]["statements"].Split(';');
        Assert.Equal(3, statements.Length);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z Answer Accepted$", statements[0]);
        Assert.EndsWith(" Progress InProgress", statements[1], StringComparison.Ordinal);
        Assert.EndsWith(" AssessorView Disputes", statements[2], StringComparison.Ordinal);
        Assert.EndsWith(" Answer NotAccepted hidden", rows[1]["statements"], StringComparison.Ordinal);
        Assert.Equal(("InProgress", $"Ministerio {w.Word}", "PE;PY"), (rows[0]["status"], rows[0]["addressed_to"], rows[0]["countries"]));
        Assert.Equal($"https://localhost/assessments/{assessment}#recommendation-{ids[0]}", rows[0]["url"]);

        var thread = json["items"]![0]!["statements"]!.AsArray();
        Assert.Equal(["Answer", "Progress", "AssessorView"], thread.Select(s => s!["kind"]!.GetValue<string>()));
        Assert.Equal(visible, thread[0]!["text"]!.GetValue<string>());
        Assert.Equal("Disputes", thread[2]!["verdict"]!.GetValue<string>());
        Assert.Equal(thread[0]!["id"]!.GetValue<int>(), thread[2]!["aboutId"]!.GetValue<int>());
        var hidden = Assert.Single(json["items"]![1]!["statements"]!.AsArray())!;
        Assert.True(hidden["hidden"]!.GetValue<bool>());
        Assert.Equal("NotAccepted", hidden["status"]!.GetValue<string>());
        Assert.Null(hidden["text"]);
        Assert.Equal("Breaks the terms of use.", hidden["hiddenReason"]!.GetValue<string>());

        foreach (var export in new[] { csvText, json.ToJsonString(), feedText })
            Assert.DoesNotContain(hiddenWords, export, StringComparison.Ordinal);
        Assert.Contains(visible, json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_answers_as_its_openapi_description_says_and_pages_through_everything_once()
    {
        var w = await WorldAsync();
        var older = await Portal.AssessmentAsync(w.Assessor, w.Initiative, DateTime.UtcNow.AddDays(-3));
        var newer = await Portal.AssessmentAsync(w.Assessor, w.Initiative, DateTime.UtcNow.AddDays(-1));
        var expected = (await RecommendAsync(newer, w.Agency.Id, Enumerable.Range(0, 13).Select(_ => new Seed()).ToArray()))
            .Concat(await RecommendAsync(older, w.Agency.Id, Enumerable.Range(0, 12).Select(_ => new Seed(Status: RecommendationStatus.Accepted, Target: Today.AddDays(9))).ToArray()))
            .ToList();
        using var client = Portal.CreateClient();
        var contract = await OpenApiContract.LoadAsync(client);

        // The document lists the operation, its filters' allowed values and its errors as problems.
        var operation = contract.Document["paths"]!["/api/v1/recommendations"]!["get"]!;
        var parameters = operation["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["country", "organisation", "status", "priority", "principle", "year", "overdue", "limit", "after"], parameters);
        Assert.Equal(Enum.GetValues<RecommendationStatus>().Select(s => s.ToString().ToLowerInvariant()),
            contract.Document["components"]!["schemas"]!["RecommendationStatusCode"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        foreach (var status in new[] { "400", "500", "503" })
            Assert.NotNull(operation["responses"]![status]!["content"]!["application/problem+json"]);

        // Paging: 25 rows in pages of 10, newest assessment first, each one's by number, nothing twice.
        var seen = new List<int>();
        var next = $"/api/v1/recommendations?organisation={w.Agency.Id}&limit=10";
        var pages = 0;
        while (next is not null)
        {
            var body = await contract.CheckAsync(await client.GetAsync(new Uri(next, UriKind.RelativeOrAbsolute)));
            seen.AddRange(body["items"]!.AsArray().Select(i => i!["id"]!.GetValue<int>()));
            next = body["next"]?.GetValue<string>();
            pages++;
        }
        Assert.Equal(3, pages);
        Assert.Equal(expected, seen);

        // The page pages the same way.
        using var browser = Portal.CreateBrowser();
        var first = await browser.GetOkAsync($"/recommendations?organisation={w.Agency.Id}");
        var second = await browser.FollowAsync(first, "nav.pager a[rel='next']");
        Assert.Equal(expected, Listed(first).Concat(Listed(second)));
        Assert.Null(second.Document.QuerySelector("nav.pager a[rel='next']"));

        // Every kind of error is a documented problem naming the parameter.
        foreach (var (url, parameter, message) in new[]
        {
            ("/api/v1/recommendations?status=finished", "status", "allowed values: awaiting, accepted"),
            ("/api/v1/recommendations?priority=urgent", "priority", "allowed values: high, medium, low"),
            ("/api/v1/recommendations?country=ZZ", "country", "There is no country with the code “ZZ”."),
            ("/api/v1/recommendations?organisation=abc", "organisation", "is not an organisation's id"),
            ("/api/v1/recommendations?principle=nothing", "principle", "is not a principle"),
            ("/api/v1/recommendations?year=1066", "year", "is not a year from 1950 to 2100"),
            ("/api/v1/recommendations?overdue=maybe", "overdue", "allowed values: yes, true, 1"),
            ("/api/v1/recommendations?limit=500", "limit", "between 1 and 100"),
            ("/api/v1/recommendations?after=MTIzfDE", "after", "not the cursor"),
            ("/api/v1/recommendations?status=accepted&status=awaiting", "status", "once"),
        })
        {
            await contract.CheckAsync(await client.GetAsync(new Uri(url, UriKind.Relative)));
            await ApiProblemAssert.BadParameterAsync(client, url, parameter, message);
        }
    }

    [Fact]
    public async Task The_feed_has_the_trackers_recommendations_latest_change_first_and_the_page_links_to_it()
    {
        var w = await WorldAsync();
        var assessment = await Portal.AssessmentAsync(w.Assessor, w.Initiative, DateTime.UtcNow.AddDays(-20));
        var draft = await Portal.AssessmentAsync(w.Assessor, w.Initiative, publishedAt: null);
        var ids = await RecommendAsync(assessment, w.Agency.Id, new Seed(RecommendationPriority.High), new Seed(RecommendationPriority.High, RecommendationStatus.NotAccepted), new Seed());
        var notListed = await RecommendAsync(draft, w.Agency.Id, new Seed(RecommendationPriority.High));
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetOkAsync($"/recommendations?organisation={w.Agency.Id}&priority=high");
        var link = Assert.Single(page.Document.Head!.QuerySelectorAll("link[rel='alternate'][type='application/atom+xml']")).GetAttribute("href")!;
        Assert.Equal($"/feeds/recommendations.atom?organisation={w.Agency.Id}&priority=high&culture=en", link);
        var feed = await FeedTests.FeedAsync(browser.Http, link);

        var entries = feed.Elements(Atom + "entry").ToList();
        // The answered one changed last (its answer, ten days ago, after the publication twenty days ago), so it comes first.
        Assert.Equal([$"https://localhost/assessments/{assessment}#recommendation-{ids[1]}", $"https://localhost/assessments/{assessment}#recommendation-{ids[0]}"],
            entries.Select(e => e.Element(Atom + "id")!.Value));
        Assert.DoesNotContain(entries, e => e.Element(Atom + "id")!.Value.EndsWith($"-{notListed[0]}", StringComparison.Ordinal));
        Assert.Contains("Not accepted", entries[0].Element(Atom + "summary")!.Value, StringComparison.Ordinal);
        Assert.Contains($"Riego {w.Word}", entries[0].Element(Atom + "title")!.Value, StringComparison.Ordinal);
        Assert.Equal($"Observatorio {w.Word}", entries[0].Element(Atom + "author")!.Element(Atom + "name")!.Value);
        Assert.Contains($"Ministerio {w.Word}", feed.Element(Atom + "title")!.Value, StringComparison.Ordinal);
        Assert.Equal($"https://localhost/recommendations?organisation={w.Agency.Id}&priority=high",
            feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate").Attribute("href")!.Value);
    }

    [Fact]
    public async Task A_bad_filter_value_is_explained_on_the_page_and_refused_with_a_problem_by_the_exports()
    {
        var w = await WorldAsync();
        var assessment = await Portal.AssessmentAsync(w.Assessor, w.Initiative, DateTime.UtcNow.AddMinutes(-5));
        var ids = await RecommendAsync(assessment, w.Agency.Id, new Seed(RecommendationPriority.High), new Seed(RecommendationPriority.Low));
        using var browser = Portal.CreateBrowser();

        var page = await browser.GetOkAsync($"/recommendations?organisation={w.Agency.Id}&priority=urgent&year=abc&after=garbage");

        // The refused values are named with their filter, and left out; the one understood still applies.
        var notice = page.Document.QuerySelector("main .notice ul")!.TextContent;
        Assert.Contains("Priority: “urgent” is not one of the allowed values: high, medium, low. This filter was not applied.", notice, StringComparison.Ordinal);
        Assert.Contains("Year published: “abc” is not a year from 1950 to 2100. This filter was not applied.", notice, StringComparison.Ordinal);
        Assert.Contains("This page link is not valid", page.Text, StringComparison.Ordinal);
        Assert.Equal(ids, Listed(page));
        // The feed the page offers is of what it applied, not of what it refused.
        Assert.Equal($"/feeds/recommendations.atom?organisation={w.Agency.Id}&culture=en",
            page.Document.Head!.QuerySelector("link[rel='alternate'][type='application/atom+xml']")!.GetAttribute("href"));

        foreach (var url in new[] { "/recommendations.csv?priority=urgent", "/feeds/recommendations.atom?priority=urgent", "/api/v1/recommendations?priority=urgent" })
        {
            var problem = await ApiProblemAssert.ProblemAsync(await browser.Http.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.BadRequest, url);
            Assert.Contains("urgent", problem["errors"]!["priority"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // In another language the message is in that language.
        var spanish = await browser.GetOkAsync($"/recommendations?organisation={w.Agency.Id}&year=abc&culture=es");
        Assert.Contains("«abc» no es un año entre 1950 y 2100. Este filtro no se aplicó.", spanish.Document.QuerySelector("main .notice ul")!.TextContent, StringComparison.Ordinal);
    }

    private static async Task<JsonNode> ApiAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>The ids of the API's list, following next when <paramref name="all"/>.</summary>
    private static async Task<List<int>> ApiIdsAsync(HttpClient client, string url, bool all = false)
    {
        var ids = new List<int>();
        string? next = url;
        while (next is not null)
        {
            var body = await ApiAsync(client, next);
            ids.AddRange(body["items"]!.AsArray().Select(i => i!["id"]!.GetValue<int>()));
            next = all ? body["next"]?.GetValue<string>() : null;
        }
        return ids;
    }

    private static async Task<string> CsvAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        return Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
    }

    /// <summary>The CSV's records as column name → value.</summary>
    private static List<Dictionary<string, string>> CsvRows(string text)
    {
        var records = Csv.Parse(text, 10_000);
        return records.Skip(1).Select(r => records[0].Zip(r).ToDictionary(x => x.First, x => Csv.Field(x.Second))).ToList();
    }
}

[Collection(SqliteSuite.Name)]
public sealed class RecommendationTrackerOnSqlite(SqlitePortalFixture fixture) : RecommendationTrackerTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class RecommendationTrackerOnPostgres(PostgresPortalFixture fixture) : RecommendationTrackerTests(fixture);
