using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Notifications;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// The right of reply in time: a published assessment shows each official party as awaited since its publication, then its
/// response, or "no response after N days" once the response period (60 days by default) has passed on a movable clock; each
/// official organisation's page shows its record as a duty-bearer; and the parties that have not responded are reminded once
/// when the response is due soon and once when it is overdue.
/// </summary>
public abstract class ResponseDeadlineTests(ClockedPortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;
    private MovableClock Clock => fixture.Clock;

    /// <summary>Each anonymous reading its own address, so that no page kept by the anonymous page cache answers it.</summary>
    private async Task<HtmlClient.Page> ReadAsync(string path)
    {
        using var reader = Portal.CreateBrowser();
        return await reader.GetOkAsync($"{path}?read={Guid.NewGuid():N}");
    }

    /// <summary>An initiative owned by agency G, with agency H (official) and CSO B (not official) taking part.</summary>
    private async Task<int> InitiativeOfBothAgenciesAsync(AccessWorld world, DateTime publishedAt) =>
        await InitiativeAsync(world.AgencyG, publishedAt, world.AgencyH, world.CsoB);

    private async Task<int> InitiativeAsync(Actor owner, DateTime? publishedAt, params Actor[] taking)
    {
        var initiative = await Portal.InitiativeAsync(owner, "PE", "BO", publishedAt, title: TestData.Unique("Seed banks"));
        await Portal.WithDatabaseAsync(async db =>
        {
            foreach (var actor in taking) db.Add(new InitiativeActor { InitiativeId = initiative, ActorId = actor.Id, Role = ActorRole.Participating });
            return await db.SaveChangesAsync();
        });
        return initiative;
    }

    private Task<int> RespondAsync(int assessment, Actor responder, DateTime at) =>
        Portal.WithDatabaseAsync(async db =>
        {
            db.AssessmentResponses.Add(new AssessmentResponse { AssessmentId = assessment, ResponderId = responder.Id, Text = "We answer.", PublishedAt = at });
            return await db.SaveChangesAsync();
        });

    private static List<AngleSharp.Dom.IElement> PartiesIn(HtmlClient.Page page) =>
        page.Document.QuerySelectorAll(".party-responses > li").ToList();

    private static AngleSharp.Dom.IElement PartyIn(HtmlClient.Page page, Actor party) =>
        Assert.Single(PartiesIn(page), li => li.QuerySelector($"a[href='/actors/{party.Id}']") is not null);

    [Fact]
    public async Task Each_party_is_awaited_since_publication_then_shows_its_response_and_past_the_period_no_response_after_N_days()
    {
        Clock.Offset = TimeSpan.Zero;
        await using var world = await AccessWorld.CreateAsync(Portal);
        var publishedAt = DateTime.UtcNow.AddMinutes(-1);
        var initiative = await InitiativeOfBothAgenciesAsync(world, DateTime.UtcNow.AddMinutes(-5));
        var assessment = await Portal.AssessmentAsync(world.CsoA, initiative, publishedAt);
        var since = publishedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var page = await ReadAsync($"/assessments/{assessment}");
        // The two official parties, and not the civil-society organisation taking part.
        Assert.Equal(2, PartiesIn(page).Count);
        Assert.DoesNotContain(PartiesIn(page), li => li.QuerySelector($"a[href='/actors/{world.CsoB.Id}']") is not null);
        foreach (var party in new[] { world.AgencyG, world.AgencyH })
        {
            var li = PartyIn(page, party);
            Assert.Contains("Response awaited since", li.TextContent, StringComparison.Ordinal);
            Assert.Equal(since, li.QuerySelector("time[datetime]")!.TextContent);
            Assert.StartsWith(since, li.QuerySelector("time")!.GetAttribute("datetime"), StringComparison.Ordinal);
        }
        Assert.Contains("60 days", page.Text, StringComparison.Ordinal);

        // Agency G answers through the page; agency H is still awaited.
        using (var agency = await world.BrowserAsync(Role.AgencyAdmin))
            await agency.SubmitAsync(await agency.GetOkAsync($"/assessments/{assessment}"), "form[action*='handler=Respond']",
                new Dictionary<string, string> { ["ResponseText"] = "We will publish the seed distribution lists." });
        page = await ReadAsync($"/assessments/{assessment}");
        var answered = PartyIn(page, world.AgencyG);
        Assert.Contains("Responded on", answered.TextContent, StringComparison.Ordinal);
        Assert.Contains("We will publish the seed distribution lists.", answered.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("awaited", answered.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Response awaited since", PartyIn(page, world.AgencyH).TextContent, StringComparison.Ordinal);

        // 59 days on, H is still within its period; 61 days on, it is not.
        Clock.Offset = TimeSpan.FromDays(59);
        Assert.Contains("Response awaited since", PartyIn(await ReadAsync($"/assessments/{assessment}"), world.AgencyH).TextContent, StringComparison.Ordinal);
        Clock.Offset = TimeSpan.FromDays(61);
        page = await ReadAsync($"/assessments/{assessment}");
        var late = PartyIn(page, world.AgencyH);
        Assert.Contains("No response after 61 days", late.TextContent, StringComparison.Ordinal);
        Assert.Equal(since, late.QuerySelector("time[datetime]")!.TextContent);
        Assert.Contains("We will publish the seed distribution lists.", PartyIn(page, world.AgencyG).TextContent, StringComparison.Ordinal);
        Clock.Offset = TimeSpan.Zero;
    }

    [Fact]
    public async Task An_official_organisations_page_shows_its_record_as_a_duty_bearer()
    {
        Clock.Offset = TimeSpan.Zero;
        await using var world = await AccessWorld.CreateAsync(Portal);
        var now = DateTime.UtcNow;
        async Task<int> AssessedAsync(Actor owner, double daysAgo, Actor[] taking, bool initiativePublished = true)
        {
            var initiative = await InitiativeAsync(owner, initiativePublished ? now.AddDays(-100) : null, taking);
            return await Portal.AssessmentAsync(world.CsoA, initiative, now.AddDays(-daysAgo));
        }
        // Agency G answers in 10, 30 and 20 days (median 20), owes one within the period and one past it.
        await RespondAsync(await AssessedAsync(world.AgencyG, 10, []), world.AgencyG, now);
        await RespondAsync(await AssessedAsync(world.AgencyG, 40, []), world.AgencyG, now.AddDays(-10));
        await AssessedAsync(world.AgencyG, 61, []);
        await AssessedAsync(world.AgencyG, 5, []);
        // Owned by H, with G taking part: both are parties; G answered, H did not (and is within its period).
        await RespondAsync(await AssessedAsync(world.AgencyH, 50, [world.AgencyG]), world.AgencyG, now.AddDays(-30));
        // Not counted: a draft assessment, an assessment of an unpublished initiative, and one superseded by a revision.
        await Portal.AssessmentAsync(world.CsoA, await InitiativeAsync(world.AgencyG, now.AddDays(-100)), publishedAt: null);
        await AssessedAsync(world.AgencyG, 70, [], initiativePublished: false);
        var superseded = await AssessedAsync(world.AgencyG, 90, []);
        await Portal.WithDatabaseAsync(async db =>
        {
            var old = await db.Assessments.SingleAsync(a => a.Id == superseded);
            var other = await Portal.AssessmentAsync(world.CsoB, old.InitiativeId, now.AddDays(-80));
            old.SupersededById = other;
            return await db.SaveChangesAsync();
        });
        // The revision that replaced it (by CSO B) is current, 80 days old and unanswered: overdue too.

        var record = Record(await ReadAsync($"/actors/{world.AgencyG.Id}"));
        Assert.Equal(("6", "3", "20", "1", "2"), record);
        Assert.Equal(("1", "0", "—", "1", "0"), Record(await ReadAsync($"/actors/{world.AgencyH.Id}")));
        // Fifteen days on, H's assessment (then 65 days old) is past its period.
        Clock.Offset = TimeSpan.FromDays(15);
        Assert.Equal(("1", "0", "—", "0", "1"), Record(await ReadAsync($"/actors/{world.AgencyH.Id}")));
        Clock.Offset = TimeSpan.Zero;
        // A civil-society organisation is no duty-bearer here.
        var cso = await ReadAsync($"/actors/{world.CsoA.Id}");
        Assert.Null(cso.Document.QuerySelector("#duty-bearer-heading"));
        Assert.Null(cso.Document.QuerySelector("dd[data-count]"));

        static (string, string, string, string, string) Record(HtmlClient.Page page)
        {
            Assert.NotNull(page.Document.QuerySelector("#duty-bearer-heading"));
            string Count(string name) => page.Document.QuerySelector($"dd[data-count='{name}']")!.TextContent.Trim();
            return (Count("received"), Count("responded"), Count("median"), Count("awaited"), Count("overdue"));
        }
    }

    [Fact]
    public async Task The_party_that_has_not_responded_is_reminded_once_when_due_soon_and_once_when_overdue()
    {
        Clock.Offset = TimeSpan.Zero;
        await using var world = await AccessWorld.CreateAsync(Portal);
        var agencyH = await Portal.MemberAsync(world.AgencyH, MembershipRole.OrganisationAdmin, MembershipStatus.Active);
        var pendingH = await Portal.MemberAsync(world.AgencyH, MembershipRole.Member, MembershipStatus.Pending);
        var initiative = await InitiativeOfBothAgenciesAsync(world, DateTime.UtcNow.AddMinutes(-5));
        var publishedAt = DateTime.UtcNow.AddMinutes(-1);
        var assessment = await Portal.AssessmentAsync(world.CsoA, initiative, publishedAt);
        await RespondAsync(assessment, world.AgencyG, DateTime.UtcNow);
        var path = $"/assessments/{assessment}";
        var dueBy = publishedAt.AddDays(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        async Task CheckAtAsync(double days)
        {
            Clock.Offset = TimeSpan.FromDays(days);
            await Portal.WithServicesAsync(s => s.GetRequiredService<ResponseReminders>().SendDueAsync(Clock.GetUtcNow().UtcDateTime, CancellationToken.None));
        }
        Task<List<Notification>> RemindersOfAsync(string userId) => Portal.WithDatabaseAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.UserId == userId && n.Path == path && (n.Kind == NotificationKind.ResponseDueSoon || n.Kind == NotificationKind.ResponseOverdue))
            .OrderBy(n => n.Id).ToListAsync());

        // Fifty days on, ten remain: too early.
        await CheckAtAsync(50);
        Assert.Empty(await RemindersOfAsync(agencyH));

        // Fifty-five days on, five remain: H's active members are told, once however often the check runs.
        await CheckAtAsync(55);
        await CheckAtAsync(55.5);
        var dueSoon = Assert.Single(await RemindersOfAsync(agencyH));
        Assert.Equal((NotificationKind.ResponseDueSoon, dueBy), (dueSoon.Kind, dueSoon.Detail));

        // Sixty-one days on, the period has passed: told once more, and once only.
        await CheckAtAsync(61);
        await CheckAtAsync(62);
        Assert.Equal([NotificationKind.ResponseDueSoon, NotificationKind.ResponseOverdue], (await RemindersOfAsync(agencyH)).Select(n => n.Kind));
        await CheckAtAsync(75);
        Assert.Equal(2, (await RemindersOfAsync(agencyH)).Count);

        // Agency G responded: its members are not reminded; nor is H's pending member, nor the assessors.
        foreach (var user in new[] { world.UserIds[Role.AgencyAdmin]!, world.UserIds[Role.AgencyMember]!, pendingH, world.UserIds[Role.CsoAdmin]!, world.UserIds[Role.CsoMember]! })
            Assert.Empty(await RemindersOfAsync(user));

        // What H's admin reads, in the portal.
        Clock.Offset = TimeSpan.FromDays(62);
        var email = await Portal.WithDatabaseAsync(db => db.Users.Where(u => u.Id == agencyH).Select(u => u.Email!).SingleAsync());
        using var browser = Portal.CreateBrowser();
        Assert.True((await browser.SignInAsync(email, AccessWorld.Password)).IsSignedIn);
        var list = await browser.GetOkAsync("/my/notifications");
        Assert.Contains("has ended without a response from your organisation", list.Text, StringComparison.Ordinal);
        Assert.Contains("ends soon, and your organisation has not responded yet", list.Text, StringComparison.Ordinal);
        Assert.Contains(dueBy, list.Text, StringComparison.Ordinal);
        Clock.Offset = TimeSpan.Zero;
    }
}

/// <summary>The system clock moved by <see cref="Offset"/>: the portal's time, as the tests set it.</summary>
public sealed class MovableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}

/// <summary>A portal of its own whose <see cref="TimeProvider"/> is a <see cref="MovableClock"/>, on a new database of the provider.</summary>
public abstract class ClockedPortalFixture : IAsyncLifetime
{
    private PortalFactory? _portal;
    private string? _unavailable;

    public MovableClock Clock { get; } = new();

    public PortalFactory Portal
    {
        get
        {
            if (_unavailable is not null)
            {
                if (TestSettings.RequirePostgres) Assert.Fail(_unavailable + " (SSC_REQUIRE_POSTGRES is set, so this fails instead of skipping.)");
                Assert.Skip(_unavailable);
            }
            return _portal!;
        }
    }

    protected abstract DatabaseProvider Provider { get; }
    protected abstract Task<string?> CreateDatabaseAsync();
    protected abstract Task DropDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        if (await CreateDatabaseAsync() is not { } database)
        {
            _unavailable = "The PostgreSQL response deadline tests were skipped because SSC_TEST_POSTGRES is not set.";
            return;
        }
        // The background check runs when the tests say, not on its own.
        _portal = new PortalFactory(Provider, database, new Dictionary<string, string?> { ["Notifications:CheckMinutes"] = "10000" },
            services: services => services.AddSingleton<TimeProvider>(Clock));
        using var client = _portal.CreateClient();
        var ready = await client.GetAsync("/health/ready");
        Assert.True(ready.IsSuccessStatusCode, $"{ready.StatusCode}: {await ready.Content.ReadAsStringAsync()}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_portal is not null) await _portal.DisposeAsync();
        await DropDatabaseAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteClockedPortalFixture : ClockedPortalFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ssc-deadline-tests-" + Guid.NewGuid().ToString("N"));

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string?> CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.FromResult<string?>($"Data Source={Path.Combine(_folder, "portal.db")}");
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* a leftover temp folder is harmless */ }
        return Task.CompletedTask;
    }
}

public sealed class PostgresClockedPortalFixture : ClockedPortalFixture
{
    private string? _database;

    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task<string?> CreateDatabaseAsync()
    {
        if (TestSettings.PostgresAdminConnection is not { } admin) return null;
        _database = await PostgresDatabases.CreateAsync(admin);
        return PostgresDatabases.ConnectionStringFor(admin, _database);
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_database is not null && TestSettings.PostgresAdminConnection is { } admin) await PostgresDatabases.DropAsync(admin, _database);
    }
}

public sealed class ResponseDeadlinesOnSqlite(SqliteClockedPortalFixture fixture) : ResponseDeadlineTests(fixture), IClassFixture<SqliteClockedPortalFixture>;

public sealed class ResponseDeadlinesOnPostgres(PostgresClockedPortalFixture fixture) : ResponseDeadlineTests(fixture), IClassFixture<PostgresClockedPortalFixture>;
