using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.OpenData;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// An organisation records its registered IATI organisation identifier, and its initiatives are then reported under it;
/// records said to be finished without an actual end date are flagged to those who can complete them.
/// </summary>
public abstract class IatiPublishingTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task An_organisation_admin_records_the_identifier_and_the_iati_file_then_reports_its_initiatives_under_it()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var word = TestData.Word();
        var id = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), title: $"Cooperación {word}");
        using var client = Portal.CreateClient();
        Assert.Empty(XDocument.Parse(await client.GetStringAsync(new Uri($"/export/iati/activities.xml?q={word}", UriKind.Relative))).Root!.Elements("iati-activity"));

        using var admin = await world.BrowserAsync(Role.AgencyAdmin);
        var organisation = await admin.GetOkAsync($"/actors/{world.AgencyG.Id}");
        var form = await admin.FollowAsync(organisation, $"a[href='/organisations/{world.AgencyG.Id}/iati-identifier']");
        var identifier = $"PE-RUC-{word}";
        var saved = await admin.SubmitAsync(form, "main form.record-form", new Dictionary<string, string> { ["Input.IatiIdentifier"] = $"  {identifier} " });

        Assert.Contains($"Your published initiatives are reported in the IATI file under {identifier}.", saved.Text, StringComparison.Ordinal);
        Assert.Contains(identifier, (await Portal.CreateBrowser().GetOkAsync($"/actors/{world.AgencyG.Id}")).Text, StringComparison.Ordinal);
        var activity = Assert.Single(XDocument.Parse(await client.GetStringAsync(new Uri($"/export/iati/activities.xml?q={word}", UriKind.Relative))).Root!.Elements("iati-activity"));
        Assert.Equal($"{identifier}-SSCP-{id}", activity.Element("iati-identifier")!.Value);
        Assert.Equal(identifier, activity.Element("reporting-org")!.Attribute("ref")!.Value);
    }

    [Theory]
    [InlineData("XI-SSCPORTAL")]          // no number: the portal's old prefix, not an identifier
    [InlineData("41114")]                 // no registration agency
    [InlineData("XM DAC 41114")]          // spaces
    [InlineData("ZZ-DAC-41114")]          // ZZ is no country
    [InlineData("XM-DAC-41114/2")]        // a character the validator refuses
    public async Task A_malformed_identifier_is_refused_with_a_message_and_nothing_is_saved(string bad)
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        var form = await admin.GetOkAsync($"/organisations/{world.CsoA.Id}/iati-identifier");

        var answer = await admin.SubmitAsync(form, "main form.record-form", new Dictionary<string, string> { ["Input.IatiIdentifier"] = bad });

        Assert.Contains("Enter an IATI organisation identifier", answer.Document.QuerySelector(".field-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await Portal.WithDatabaseAsync(db => db.Actors.Where(a => a.Id == world.CsoA.Id).Select(a => a.IatiIdentifier).SingleAsync()));
    }

    [Fact]
    public async Task An_identifier_another_organisation_recorded_is_refused()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var identifier = $"XI-IATI-{TestData.Word()}";
        await Portal.WithDatabaseAsync(async db =>
        {
            (await db.Actors.FindAsync(world.CsoB.Id))!.IatiIdentifier = identifier;
            return await db.SaveChangesAsync();
        });
        using var admin = await world.BrowserAsync(Role.CsoAdmin);

        var answer = await admin.SubmitAsync(await admin.GetOkAsync($"/organisations/{world.CsoA.Id}/iati-identifier"), "main form.record-form",
            new Dictionary<string, string> { ["Input.IatiIdentifier"] = identifier });

        Assert.Contains("Another organisation on the portal has already recorded this identifier.", answer.Text, StringComparison.Ordinal);
        Assert.Null(await Portal.WithDatabaseAsync(db => db.Actors.Where(a => a.Id == world.CsoA.Id).Select(a => a.IatiIdentifier).SingleAsync()));
    }

    [Fact]
    public async Task The_database_keeps_each_identifier_to_one_organisation_even_when_two_save_at_once()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var identifier = $"XI-IATI-{TestData.Word()}";
        await Portal.WithDatabaseAsync(async db =>
        {
            (await db.Actors.FindAsync(world.CsoB.Id))!.IatiIdentifier = identifier;
            return await db.SaveChangesAsync();
        });

        // What a second save that passed the page's check at the same moment would write.
        var second = await Assert.ThrowsAsync<DbUpdateException>(() => Portal.WithDatabaseAsync(async db =>
        {
            (await db.Actors.FindAsync(world.CsoA.Id))!.IatiIdentifier = identifier;
            return await db.SaveChangesAsync();
        }));
        Assert.True(DatabaseErrors.IsUniqueViolation(second));
        Assert.Null(await Portal.WithDatabaseAsync(db => db.Actors.Where(a => a.Id == world.CsoA.Id).Select(a => a.IatiIdentifier).SingleAsync()));
    }

    [Fact]
    public async Task Proposing_an_organisation_takes_its_identifier_and_checks_its_form()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var person = await world.BrowserAsync(Role.NoOrganisation);
        var page = await person.GetOkAsync("/account/organisations");
        var name = TestData.Unique("Proposed");

        var refused = await person.SubmitAsync(page, "form[action*='handler=Propose']", new Dictionary<string, string> { ["Proposal.Name"] = name, ["Proposal.IatiIdentifier"] = "not an identifier" });
        Assert.Contains("Enter an IATI organisation identifier", refused.Text, StringComparison.Ordinal);
        Assert.False(await Portal.WithDatabaseAsync(db => db.Actors.AnyAsync(a => a.Name == name)));

        var identifier = $"GB-COH-{TestData.Word()}";
        await person.SubmitAsync(refused, "form[action*='handler=Propose']", new Dictionary<string, string> { ["Proposal.Name"] = name, ["Proposal.IatiIdentifier"] = identifier });
        Assert.Equal(identifier, await Portal.WithDatabaseAsync(db => db.Actors.Where(a => a.Name == name).Select(a => a.IatiIdentifier).SingleAsync()));
    }

    [Fact]
    public async Task A_closed_record_without_an_actual_end_date_is_flagged_to_its_editors_on_my_work_and_its_page_but_not_to_the_public()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var word = TestData.Word();
        var closed = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), status: ActivityStatus.Closed, title: $"Cerrada {word}");
        var ended = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), status: ActivityStatus.Closed, title: $"Terminada {word}");
        await Portal.WithDatabaseAsync(async db =>
        {
            (await db.Initiatives.FindAsync(ended))!.ActualEnd = new DateOnly(2024, 6, 30);
            return await db.SaveChangesAsync();
        });
        const string Flag = "incomplete: its status is finalisation or closed, but it has no actual end date.";

        using var admin = await world.BrowserAsync(Role.AgencyAdmin);
        var my = await admin.GetOkAsync("/my");
        var flagged = my.Document.QuerySelectorAll("li.incomplete").Select(li => li.TextContent).ToList();
        Assert.Contains(flagged, text => text.Contains($"Cerrada {word}", StringComparison.Ordinal) && text.Contains(Flag, StringComparison.Ordinal));
        Assert.DoesNotContain(flagged, text => text.Contains($"Terminada {word}", StringComparison.Ordinal));
        Assert.NotNull(my.Document.QuerySelector($"li.incomplete a[href='/initiatives/{closed}/edit']"));

        var own = await admin.GetOkAsync($"/initiatives/{closed}");
        Assert.Contains("This record is incomplete", own.Document.QuerySelector(".notice.incomplete")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(own.Document.QuerySelector($".notice.incomplete a[href='/initiatives/{closed}/edit']"));
        Assert.Null((await admin.GetOkAsync($"/initiatives/{ended}")).Document.QuerySelector(".notice.incomplete"));

        // The public, and a member of another organisation, see the record without the flag.
        Assert.Null((await Portal.CreateBrowser().GetOkAsync($"/initiatives/{closed}")).Document.QuerySelector(".notice.incomplete"));
        using var other = await world.BrowserAsync(Role.CsoAdmin);
        var seen = await other.GetOkAsync($"/initiatives/{closed}");
        Assert.DoesNotContain("This record is incomplete", seen.Text, StringComparison.Ordinal);
        Assert.DoesNotContain($"Cerrada {word}", (await other.GetOkAsync("/my")).Text, StringComparison.Ordinal);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class IatiPublishingOnSqlite(SqlitePortalFixture fixture) : IatiPublishingTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class IatiPublishingOnPostgres(PostgresPortalFixture fixture) : IatiPublishingTests(fixture);

/// <summary>A portal with a registered IATI publisher identifier reports, as a secondary reporter, the records of organisations that have none.</summary>
public sealed class IatiPublisherTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ssc-iati-" + Guid.NewGuid().ToString("N"));
    private PortalFactory _portal = null!;

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _portal = new PortalFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "portal.db")}", new Dictionary<string, string?>
        {
            ["Iati:PublisherIdentifier"] = "XI-IATI-EXAMPLE1", ["Iati:PublisherName"] = "Example SSC Portal operator",
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _portal.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Records_of_organisations_without_an_identifier_are_reported_by_the_portals_publisher_as_secondary_reporter()
    {
        var word = TestData.Word();
        var monitor = await _portal.ActorAsync(ActorType.NationalCso, $"Observatorio {word}");
        var id = await _portal.InitiativeAsync(monitor, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), title: $"Vigilada {word}");
        using var client = _portal.CreateClient();

        var document = XDocument.Parse(await client.GetStringAsync(new Uri($"/export/iati/activities.xml?q={word}", UriKind.Relative)));

        var activity = Assert.Single(document.Root!.Elements("iati-activity"));
        Assert.Equal($"XI-IATI-EXAMPLE1-SSCP-{id}", activity.Element("iati-identifier")!.Value);
        var reporter = activity.Element("reporting-org")!;
        Assert.Equal(("XI-IATI-EXAMPLE1", "1", "Example SSC Portal operator"), (reporter.Attribute("ref")!.Value, reporter.Attribute("secondary-reporter")!.Value, reporter.Element("narrative")!.Value));
        // The monitoring organisation is still named, with no invented identifier.
        var participant = Assert.Single(activity.Elements("participating-org"), p => p.Element("narrative")!.Value == $"Observatorio {word}");
        Assert.Null(participant.Attribute("ref"));
        // Nothing is left out (the only comment is the licence's).
        Assert.DoesNotContain(document.Root.Nodes().OfType<XComment>(), c => c.Value.Contains("left out", StringComparison.Ordinal));
    }
}

/// <summary>How a contribution over several years becomes yearly budgets.</summary>
public sealed class IatiBudgetPeriodTests
{
    [Fact]
    public void A_span_is_cut_at_each_years_end_and_its_money_shared_by_days_to_the_cent()
    {
        var periods = IatiActivities.YearlyPeriods(new DateOnly(2025, 7, 1), new DateOnly(2027, 6, 30));

        Assert.Equal([(new DateOnly(2025, 7, 1), new DateOnly(2025, 12, 31)), (new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), (new DateOnly(2027, 1, 1), new DateOnly(2027, 6, 30))], periods);
        var shares = IatiActivities.Spread(100000m, periods);
        Assert.Equal(100000m, shares.Sum());
        Assert.Equal(25205.48m, shares[0]);   // 184 of 730 days
        Assert.Equal(50000m, shares[1]);      // 365 of 730 days
        Assert.Equal([(new DateOnly(2025, 3, 3), new DateOnly(2025, 3, 3))], IatiActivities.YearlyPeriods(new DateOnly(2025, 3, 3), new DateOnly(2025, 3, 3)));
    }
}
