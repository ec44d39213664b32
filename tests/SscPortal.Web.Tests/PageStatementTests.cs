using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Diagnostics;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Pages rendered afresh are cheap (issue 22): an initiative's page, the JSON API and the figures run a handful of SQL
/// statements, the same for a bare record as for one with many organisations, countries, parts and assessments, and the
/// same whatever the API's filters; a signed-in reader pays only for what is theirs on the page (their organisations, the
/// bell, the follow button), never for the sign-in cookie on an ordinary request. Everything the page shows is still shown.
/// </summary>
public abstract class PageStatementTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    /// <summary>Main row, assessments, every repeating part in one, the framework (beside assessments), files, events (upcoming and past).</summary>
    private const int InitiativePage = 7;
    /// <summary>The page's rows once (filter, order, cursor, limit), then their parts by id; one more if the filter prepares something.</summary>
    private const int ApiList = 3;
    private const int ApiOne = 2;
    /// <summary>One grouping for the totals, years and modalities; one for regions, categories and goals; the pairs; one to prepare the filter.</summary>
    private const int Figures = 4;
    /// <summary>A signed-in reader's own parts: their organisations (rights), whether they follow the record, the bell.</summary>
    private const int SignedInExtra = 3;

    private static readonly string[] MoreCountries = ["AO", "CV", "GW", "ST"];
    private static readonly int[] MoreGoals = [4, 5, 10, 17];

    private static async Task<(int Count, string Html)> FetchAsync(HttpClient client, string url)
    {
        // A fresh address each time, so that the page is rendered rather than served from the anonymous page cache.
        url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "visit=" + TestData.Word();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}");
        return (int.Parse(response.Headers.GetValues(SqlStatementCounter.Header).Single(), CultureInfo.InvariantCulture), body);
    }

    /// <summary>A bare record, and one with many of every part, both with an assessment.</summary>
    private async Task<(int Bare, int Full, Actor[] Partners, string Word)> RecordsAsync()
    {
        var owner = await Portal.ActorAsync(ActorType.Government);
        var assessor = await Portal.ActorAsync(ActorType.InternationalCso);
        var partners = new Actor[6];
        for (var i = 0; i < partners.Length; i++) partners[i] = await Portal.ActorAsync(ActorType.NationalCso);
        var word = TestData.Word();
        var bare = await Portal.InitiativeAsync(owner, "PE", "BO", DateTime.UtcNow.AddMinutes(-5), title: $"{word} bare");
        var full = await Portal.InitiativeAsync(owner, "BR", "MZ", DateTime.UtcNow.AddMinutes(-5), Modality.Triangular, title: $"{word} full");
        await Portal.WithDatabaseAsync(async db =>
        {
            var initiative = await db.Initiatives.Include(i => i.Actors).Include(i => i.Countries).Include(i => i.Sdgs).SingleAsync(i => i.Id == full);
            for (var i = 0; i < partners.Length; i++)
            {
                initiative.Actors.Add(new InitiativeActor { ActorId = partners[i].Id, Role = ActorRole.Implementing });
                initiative.Contributions.Add(new InitiativeContribution { ActorId = partners[i].Id, Kind = ContributionKind.Money, Amount = 1000m + i, Currency = "USD" });
                initiative.Locations.Add(new InitiativeLocation { CountryCode = "MZ", Precision = LocationPrecision.Region, Region = $"Province {i}" });
                initiative.Links.Add(new InitiativeLink { Title = $"Report {i}", Url = $"https://example.org/report-{i}" });
                initiative.Results.Add(new InitiativeResult { Text = $"Result number {i}", Achieved = i % 2 == 0 });
            }
            foreach (var country in MoreCountries) initiative.Countries.Add(new InitiativeCountry { CountryCode = country, Role = CountryRole.Recipient });
            foreach (var goal in MoreGoals) initiative.Sdgs.Add(new InitiativeSdg { GoalCode = goal });
            initiative.Sectors.Add(new InitiativeSector { SectorCode = "11110" });
            initiative.SdgTargets.Add(new InitiativeSdgTarget { TargetCode = "17.9" });
            initiative.RightsHolders.Add(new InitiativeRightsHolder { Group = RightsHolderGroup.Women, Count = 1200 });
            return await db.SaveChangesAsync();
        });
        await Portal.PartnershipAsync(owner, partners[0], DateTime.UtcNow, full);
        await Portal.AssessmentAsync(assessor, bare, DateTime.UtcNow);
        for (var i = 0; i < 3; i++) await Portal.AssessmentAsync(i == 0 ? assessor : partners[i], full, DateTime.UtcNow.AddSeconds(i));
        return (bare, full, partners, word);
    }

    [Fact]
    public async Task An_initiatives_page_runs_a_handful_of_statements_however_many_parts_it_shows_and_shows_them_all()
    {
        var (bare, full, partners, _) = await RecordsAsync();
        using var client = Portal.CreateClient();
        await FetchAsync(client, "/initiatives");

        var (bareCount, _) = await FetchAsync(client, $"/initiatives/{bare}");
        var (fullCount, html) = await FetchAsync(client, $"/initiatives/{full}");

        Assert.True(fullCount == bareCount, $"the full record runs {fullCount} statements, the bare one {bareCount}");
        Assert.True(fullCount <= InitiativePage, $"an initiative's page runs {fullCount} statements (at most {InitiativePage})");
        // Everything is still there: every partner (as actor and contributor), every country, goal, location, link, result, the partnership, three assessments.
        foreach (var partner in partners) Assert.Contains(System.Net.WebUtility.HtmlEncode(partner.Name), html, StringComparison.Ordinal);
        Assert.Contains("1,005.00 USD", html, StringComparison.Ordinal);
        foreach (var country in MoreCountries.Append("MZ").Append("BR").Select(c => $"/countries/{c}"))
            Assert.Contains(country, html, StringComparison.Ordinal);
        foreach (var goal in MoreGoals.Append(2).Select(g => $"sdg-{g}")) Assert.Contains(goal, html, StringComparison.Ordinal);
        for (var i = 0; i < 6; i++)
        {
            Assert.Contains($"Province {i}", html, StringComparison.Ordinal);
            Assert.Contains($"https://example.org/report-{i}", html, StringComparison.Ordinal);
            Assert.Contains($"Result number {i}", html, StringComparison.Ordinal);
        }
        Assert.Contains("17.9", html, StringComparison.Ordinal);
        Assert.Contains("1,200", html, StringComparison.Ordinal);
        Assert.Contains("/partnerships/", html, StringComparison.Ordinal);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(html, "href=\"/assessments/\\d+\""));
    }

    [Fact]
    public async Task The_api_reads_its_page_once_whatever_the_filters_and_the_figures_count_in_a_few_statements()
    {
        var (bare, full, _, word) = await RecordsAsync();
        using var client = Portal.CreateClient();
        await FetchAsync(client, "/initiatives");
        var lists = new[]
        {
            "/api/v1/initiatives", "/api/v1/initiatives?limit=1", $"/api/v1/initiatives?q={word}", "/api/v1/initiatives?country=MZ&modality=triangular",
            $"/api/v1/initiatives?q={word}&country=BR&modality=triangular&sdg=5&status=implementation",
        };
        foreach (var url in lists)
        {
            var (count, _) = await FetchAsync(client, url);
            Assert.True(count <= ApiList, $"{url} runs {count} statements (at most {ApiList})");
        }
        var (filtered, json) = await FetchAsync(client, $"/api/v1/initiatives?q={word}&country=MZ");
        Assert.Contains($"\"id\":{full}", json, StringComparison.Ordinal);
        Assert.DoesNotContain($"/initiatives/{bare}\"", json, StringComparison.Ordinal);
        Assert.Contains("\"region\":\"Province 5\"", json, StringComparison.Ordinal);
        foreach (var id in new[] { bare, full })
        {
            var (count, one) = await FetchAsync(client, $"/api/v1/initiatives/{id}");
            Assert.True(count <= ApiOne, $"/api/v1/initiatives/{id} runs {count} statements (at most {ApiOne})");
            Assert.Contains("\"primarySdg\":2", one, StringComparison.Ordinal);
        }
        foreach (var url in new[] { "/stats", $"/stats?q={word}", $"/stats?q={word}&country=BR&modality=triangular&sdg=5" })
        {
            var (count, _) = await FetchAsync(client, url);
            Assert.True(count <= Figures, $"{url} runs {count} statements (at most {Figures})");
        }
        Assert.True(filtered <= ApiList);
    }

    /// <summary>
    /// On PostgreSQL a record's page (an initiative, the API's record) runs its statements prepared, so they are planned once
    /// per connection; searches, lists with filters and figures never their filtering statements, whose best plan depends on
    /// what they match (only the parts read by ids may be). SQLite prepares nothing this way. The page shows the same either way.
    /// </summary>
    [Fact]
    public async Task Record_pages_run_their_statements_prepared_and_searches_never_do()
    {
        var (bare, full, partners, word) = await RecordsAsync();
        using var client = Portal.CreateClient();
        await FetchAsync(client, "/initiatives");
        var postgres = Portal.Provider == Data.DatabaseProvider.Postgres;

        foreach (var url in new[] { $"/initiatives/{full}", $"/initiatives/{bare}", $"/api/v1/initiatives/{full}" })
            for (var visit = 0; visit < 3; visit++)
            {
                var (statements, prepared, body) = await FetchPreparedAsync(client, url);
                // (The first visit reads the new record; a later one may find everything kept and run nothing.)
                Assert.True(postgres ? prepared == statements && (statements > 0 || visit > 0) : prepared == 0,
                    $"{url} ran {prepared} of its {statements} statements prepared on {Portal.Provider}");
                // Prepared or not, the same record: its partners on the page, its id in the API.
                if (url == $"/initiatives/{full}") Assert.Contains(System.Net.WebUtility.HtmlEncode(partners[0].Name), body, StringComparison.Ordinal);
                if (url.StartsWith("/api", StringComparison.Ordinal)) Assert.Contains($"\"id\":{full}", body, StringComparison.Ordinal);
            }
        foreach (var url in new[]
        {
            $"/initiatives?q={word}", $"/initiatives?q={word}&country=MZ&modality=triangular&sdg=5", "/api/v1/initiatives?country=MZ",
            $"/api/v1/initiatives?q={word}", $"/stats?q={word}&country=BR",
        })
        {
            // At most the parts of the page's initiatives, read by their ids (the same plan whatever the ids), never what filters.
            var (statements, prepared, _) = await FetchPreparedAsync(client, url);
            // (A list's page kept from an earlier reader runs no statement at all.)
            Assert.True(postgres ? prepared <= 1 && (statements == 0 || prepared < statements) : prepared == 0, $"{url} ran {prepared} of its {statements} statements prepared");
        }
    }

    private static async Task<(int Statements, int Prepared, string Body)> FetchPreparedAsync(HttpClient client, string url)
    {
        url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "visit=" + TestData.Word();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}");
        int Header(string name) => int.Parse(response.Headers.GetValues(name).Single(), CultureInfo.InvariantCulture);
        return (Header(SqlStatementCounter.Header), Header(Data.StatementPreparer.Header), body);
    }

    /// <summary>
    /// The bell's count is kept for the reader between pages (Notifications/UnreadCounts): a page after the first asks nothing
    /// for it; a new notification shows at the next page, and marking it read takes it away at once.
    /// </summary>
    [Fact]
    public async Task The_bells_count_is_kept_between_pages_and_a_new_or_read_notification_shows_at_once()
    {
        var userId = await Portal.MemberAsync(await Portal.ActorAsync(), MembershipRole.Member, MembershipStatus.Active);
        using var browser = await Portal.BrowserOfAsync(userId);
        int Statements(HtmlClient.Page page) => int.Parse(page.Response.Headers.GetValues(SqlStatementCounter.Header).Single(), CultureInfo.InvariantCulture);
        // Other tests' changes start the content afresh at any moment (and the count with it): ask until a page asks nothing.
        var kept = false;
        for (var attempt = 0; attempt < 200 && !kept; attempt++) kept = Statements(await browser.GetOkAsync($"/about/access?visit={TestData.Word()}")) == 0;
        Assert.True(kept, "every page counted the bell's notifications again");
        Assert.Null((await browser.GetOkAsync("/about/access")).Document.QuerySelector(".account-nav .bell .count"));

        await Portal.WithDatabaseAsync(async db =>
        {
            db.Notifications.Add(new Notifications.Notification
            {
                UserId = userId, Kind = Notifications.NotificationKind.CoOrganiserInvited, Path = "/events", Subject = "A test",
                CreatedAt = DateTime.UtcNow, Delivery = Notifications.NotificationDelivery.PortalOnly,
            });
            return await db.SaveChangesAsync();
        });
        var list = await browser.GetOkAsync("/my/notifications");
        Assert.StartsWith("1", list.Document.QuerySelector(".account-nav .bell .count")!.TextContent.Trim(), StringComparison.Ordinal);
        var read = await browser.SubmitAsync(list, "form[action*='handler=ReadAll']", new Dictionary<string, string>());
        Assert.Null(read.Document.QuerySelector(".account-nav .bell .count"));
        Assert.Null((await browser.GetOkAsync($"/about/access?visit={TestData.Word()}")).Document.QuerySelector(".account-nav .bell .count"));
    }

    /// <summary>A count read before notifications were marked read and kept after it would show the older number: it is not kept.</summary>
    [Fact]
    public void A_bell_count_read_while_notifications_were_being_marked_read_is_not_kept()
    {
        var counts = Portal.Services.GetRequiredService<Notifications.UnreadCounts>();
        var content = Portal.Services.GetRequiredService<Caching.CatalogueCache>();
        var user = "bell-" + TestData.Word();
        var (generation, forgets) = (content.Generation, counts.Forgets);
        counts.Forget(user);
        counts.Keep(user, generation, forgets, 3);
        Assert.False(counts.TryGet(user, out _));
        // Read afresh after the marking, it is kept (unless another test's change started the content afresh meanwhile).
        var kept = false;
        for (var attempt = 0; attempt < 100 && !kept; attempt++)
        {
            counts.Keep(user, content.Generation, counts.Forgets, 0);
            kept = counts.TryGet(user, out var count) && count == 0;
        }
        Assert.True(kept);
    }

    [Fact]
    public async Task A_signed_in_reader_pays_only_for_their_own_parts_of_the_page_not_for_the_cookie()
    {
        var (_, full, _, _) = await RecordsAsync();
        using var anonymous = Portal.CreateClient();
        await FetchAsync(anonymous, "/initiatives");
        var userId = await Portal.MemberAsync(await Portal.ActorAsync(), MembershipRole.Member, MembershipStatus.Active);
        using var browser = await Portal.BrowserOfAsync(userId);

        var (publicCount, _) = await FetchAsync(anonymous, $"/initiatives/{full}");
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var page = await browser.GetOkAsync($"/initiatives/{full}?visit={TestData.Word()}");
            Assert.True(page.IsSignedIn);
            var count = int.Parse(page.Response.Headers.GetValues(SqlStatementCounter.Header).Single(), CultureInfo.InvariantCulture);
            Assert.True(count <= publicCount + SignedInExtra, $"signed in, an initiative's page runs {count} statements; anonymous, {publicCount}");
        }
    }
}

[Collection(SqliteSuite.Name)]
public sealed class PageStatementTestsOnSqlite(SqlitePortalFixture fixture) : PageStatementTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PageStatementTestsOnPostgres(PostgresPortalFixture fixture) : PageStatementTests(fixture);
