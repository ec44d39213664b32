using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Notifications;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Applying to calls (issue 19) over HTTP, on a portal whose clock the tests set: starting one application however often
/// it is pressed, writing the draft (history, versions, the conflict, hard limits refused with nothing saved), partners who
/// confirm from their own accounts (and nobody else may), what is still missing, submission at the deadline's very second
/// and one second late, calls not yet open, ineligible organisations with their reasons, the frozen application, the receipt
/// by mail with its fingerprint and the call's admins told, and crafted or guessed ids.
/// </summary>
public abstract class ApplicationTests(ApplicationPortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;
    private SettableClock Clock => fixture.Clock;

    /// <summary>A deadline two hours ahead, on a whole second (as a call's form gives it).</summary>
    private static DateTime Deadline()
    {
        var at = DateTime.UtcNow.AddHours(2);
        return new DateTime(at.Year, at.Month, at.Day, at.Hour, at.Minute, at.Second, DateTimeKind.Utc);
    }

    private static int IdIn(Uri address) => int.Parse(address.AbsolutePath.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);

    private Task<string> EmailOfAsync(string userId) => Portal.WithDatabaseAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync());

    private Task<CallApplication> SavedAsync(int id) =>
        Portal.WithDatabaseAsync(db => db.CallApplications.AsNoTracking().Include(a => a.Answers).Include(a => a.Partners).SingleAsync(a => a.Id == id));

    private Task<bool> RefusalAsync(string target, int id, string contains) =>
        Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.AccessRefused && e.TargetType == target && e.TargetId == TestData.Key(id)
                                                                    && e.Details != null && e.Details.Contains(contains)));

    [Fact]
    public async Task An_organisation_starts_once_writes_names_a_partner_who_confirms_and_submits_at_the_deadline_second_with_a_mailed_receipt()
    {
        Clock.At = null;
        await using var world = await AccessWorld.CreateAsync(Portal);
        var deadline = Deadline();
        var callId = await Portal.CallAsync(world.AgencyG, CallData.Content(TestData.Unique("Cities learning together"), closesAt: deadline, minPartners: 1));
        var questions = await Portal.WithDatabaseAsync(db => db.Set<CallQuestion>().Where(q => q.CallId == callId).OrderBy(q => q.Position).ToListAsync());
        using var member = await world.BrowserAsync(Role.CsoMember);

        // Start: the page says A is eligible; pressing twice (the same form, then a crafted request) makes one application.
        var apply = await member.GetOkAsync($"/calls/{callId}/apply");
        Assert.Contains("eligible", apply.Document.QuerySelector($"#organisation-{world.CsoA.Id}")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("America/Montevideo", apply.Text, StringComparison.Ordinal);
        Assert.Contains(deadline.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " UTC", apply.Text, StringComparison.Ordinal);
        var started = await member.SubmitAsync(apply, "form[action$='/apply']", new Dictionary<string, string> { ["OrganisationId"] = TestData.Key(world.CsoA.Id) });
        Assert.Matches(@"^/applications/\d+/edit$", started.Address.AbsolutePath);
        var id = IdIn(started.Address);
        var again = await member.SubmitAsync(apply, "form[action$='/apply']", new Dictionary<string, string> { ["OrganisationId"] = TestData.Key(world.CsoA.Id) });
        Assert.StartsWith($"/applications/{id}", again.Address.AbsolutePath, StringComparison.Ordinal);
        var crafted = await member.PostCraftedAsync($"/calls/{callId}/apply", [new("OrganisationId", TestData.Key(world.CsoA.Id))]);
        Assert.Equal($"/applications/{id}", crafted.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.CallApplications.CountAsync(a => a.CallId == callId)));
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.ApplicationCreated && e.TargetId == TestData.Key(id))));

        // A draft may lack required answers: saved, and listed as still missing.
        var saved = await member.SubmitAsync(started, "form.record-form", new Dictionary<string, string>
        {
            ["Input.Title"] = "Participatory budgeting between Montevideo and Rosario", ["Input.Summary"] = "Two cities learn from each other.",
            ["Input.RequestedAmount"] = "4000", ["Input.TotalCost"] = "10000", ["Input.Answers[2].Text"] = "Climate",
        });
        Assert.Equal($"/applications/{id}", saved.Address.AbsolutePath);
        Assert.Equal(2, (await SavedAsync(id)).Version);
        var missing = saved.Document.QuerySelector("ul.missing")!;
        Assert.Contains("Answer this question.", missing.TextContent, StringComparison.Ordinal);
        Assert.NotNull(missing.QuerySelector($"a[href='/applications/{id}/edit#field-{questions[0].Id}']"));
        Assert.Contains("The call asks for more confirmed partner organisations.", missing.TextContent, StringComparison.Ordinal);
        // Submitting it now is refused, with what is missing.
        var early = await member.SubmitAsync(saved, "form[action*='handler=Submit']", new Dictionary<string, string>());
        Assert.Contains("Answer this question.", early.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ApplicationState.Draft, (await SavedAsync(id)).State);

        // Saved again: a second version, and the history has both.
        var edit = await member.GetOkAsync($"/applications/{id}/edit");
        await member.SubmitAsync(edit, "form.record-form", new Dictionary<string, string> { ["Input.Answers[0].Text"] = "Presupuesto participativo entre ciudades" });
        Assert.Equal(3, (await SavedAsync(id)).Version);
        var history = await member.GetOkAsync($"/applications/{id}/history");
        Assert.Equal(3, history.Document.QuerySelectorAll("ol.history > li").Length);

        // The form of version 2, sent now: the conflict, nothing overwritten.
        var stale = await member.SubmitAsync(edit, "form.record-form", new Dictionary<string, string> { ["Input.Title"] = "An older title" });
        Assert.Contains("Someone else saved this record", stale.Text, StringComparison.Ordinal);
        Assert.Equal("Participatory budgeting between Montevideo and Rosario", (await SavedAsync(id)).Title);

        // Over the call's length limit (200 characters): said beside the field, and nothing saved.
        edit = await member.GetOkAsync($"/applications/{id}/edit");
        var tooLong = await member.SubmitAsync(edit, "form.record-form", new Dictionary<string, string>
        {
            ["Input.Title"] = "A title that must not be saved", ["Input.Answers[1].Text"] = new string('x', 201),
        });
        Assert.Equal(HttpStatusCode.OK, tooLong.Status);
        Assert.Contains("The answer is longer than the call allows.", tooLong.Document.QuerySelector($"#answer-{questions[1].Id}-error")!.TextContent, StringComparison.Ordinal);
        var unchanged = await SavedAsync(id);
        Assert.Equal(3, unchanged.Version);
        Assert.Equal("Participatory budgeting between Montevideo and Rosario", unchanged.Title);
        Assert.DoesNotContain(unchanged.Answers, a => a.QuestionId == questions[1].Id);
        // A choice not listed, money without a currency… the same: a choice crafted into the form is refused.
        var notListed = await member.PostCraftedAsync($"/applications/{id}/edit", [new("Input.Version", "3"), new("Input.Title", "Crafted"),
            new("Input.Answers[0].QuestionId", TestData.Key(questions[2].Id)), new("Input.Answers[0].Text", "Sports")]);
        Assert.Equal(HttpStatusCode.OK, notListed.StatusCode);
        Assert.Equal(3, (await SavedAsync(id)).Version);

        // A partner: B, named by A; its member confirms from B's own account. A third organisation's member cannot (404), audited.
        var partnerMember = await Portal.MemberAsync(world.CsoB, MembershipRole.Member, MembershipStatus.Active);
        var details = await member.GetOkAsync($"/applications/{id}");
        await member.SubmitAsync(details, "form[action*='handler=InvitePartner']", new Dictionary<string, string> { ["OrganisationId"] = TestData.Key(world.CsoB.Id) });
        Assert.False(Assert.Single((await SavedAsync(id)).Partners).Confirmed);
        Assert.True(await Portal.WithDatabaseAsync(db => db.Notifications.AnyAsync(n => n.UserId == partnerMember && n.Kind == NotificationKind.PartnerInvited && n.Path == $"/applications/{id}")));

        using var third = await world.BrowserAsync(Role.AgencyMember);
        var refused = await third.PostCraftedAsync($"/applications/{id}?handler=ConfirmPartnership", [new("OrganisationId", TestData.Key(world.CsoB.Id))]);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.True(await RefusalAsync("application", id, "ConfirmPartnership"));
        // The applicant cannot answer for its partner either: it sees the application, so 403.
        var selfConfirm = await member.PostCraftedAsync($"/applications/{id}?handler=ConfirmPartnership", [new("OrganisationId", TestData.Key(world.CsoB.Id))]);
        Assert.Equal(HttpStatusCode.Forbidden, selfConfirm.StatusCode);
        Assert.False(Assert.Single((await SavedAsync(id)).Partners).Confirmed);

        using var partner = await Portal.BrowserOfAsync(partnerMember);
        // The request waits on the partner's /my/applications, until answered.
        var waiting = (await partner.GetOkAsync("/my/applications")).Document.QuerySelector("ul.partner-requests")!;
        Assert.NotNull(waiting.QuerySelector($"a[href='/applications/{id}#partners']"));
        var asPartner = await partner.GetOkAsync($"/applications/{id}");
        var confirmed = await partner.SubmitAsync(asPartner, "form[action*='handler=ConfirmPartnership']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.True(Assert.Single((await SavedAsync(id)).Partners).Confirmed);
        Assert.True(await Portal.WithDatabaseAsync(db => db.Notifications.AnyAsync(n => n.UserId == world.UserIds[Role.CsoAdmin] && n.Kind == NotificationKind.PartnerAnswered)));
        Assert.Null((await partner.GetOkAsync("/my/applications")).Document.QuerySelector("ul.partner-requests"));

        // Complete now; submitted at the deadline's very second.
        details = await member.GetOkAsync($"/applications/{id}");
        Assert.Contains("Nothing: the application is complete", details.Text, StringComparison.Ordinal);
        Clock.At = new DateTimeOffset(deadline, TimeSpan.Zero);
        try
        {
            var submitted = await member.SubmitAsync(details, "form[action*='handler=Submit']", new Dictionary<string, string>());
            var application = await SavedAsync(id);
            Assert.Equal(ApplicationState.Submitted, application.State);
            Assert.Equal(deadline, DateTime.SpecifyKind(application.SubmittedAt!.Value, DateTimeKind.Utc));
            var call = await Portal.WithDatabaseAsync(db => db.Calls.AsNoTracking().Include(c => c.Questions).SingleAsync(c => c.Id == callId));
            Assert.Equal(application.FingerprintOf(call), application.Fingerprint);
            Assert.Equal(application.Fingerprint, submitted.Document.QuerySelector("code.fingerprint")!.TextContent);
            Assert.Contains(await EmailOfAsync(world.UserIds[Role.CsoMember]!), submitted.Document.QuerySelector(".receipt")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            Clock.At = null;
        }
        var fingerprint = (await SavedAsync(id)).Fingerprint!;
        // The receipt by mail to the organisation's other members, with the fingerprint; the call's admins told of it.
        var adminEmail = await EmailOfAsync(world.UserIds[Role.CsoAdmin]!);
        Assert.True(await Portal.WithDatabaseAsync(db => db.OutboxMessages.AnyAsync(m => m.To == adminEmail && m.HtmlBody.Contains(fingerprint) && m.TextBody.Contains(fingerprint))));
        var callAdminEmail = await EmailOfAsync(world.UserIds[Role.AgencyAdmin]!);
        Assert.True(await Portal.WithDatabaseAsync(db => db.OutboxMessages.AnyAsync(m => m.To == callAdminEmail && m.HtmlBody.Contains($"/applications/{id}"))));
        Assert.True(await Portal.WithDatabaseAsync(db => db.Notifications.AnyAsync(n => n.UserId == world.UserIds[Role.AgencyAdmin] && n.Kind == NotificationKind.ApplicationReceived)));
        // The call's admin reads it; a call member who is not an admin does not.
        using var callAdmin = await world.BrowserAsync(Role.AgencyAdmin);
        var read = await callAdmin.GetOkAsync($"/applications/{id}");
        Assert.Null(read.Document.QuerySelector("form[action*='handler=Submit']"));
        Assert.Equal(HttpStatusCode.NotFound, (await third.GetAsync($"/applications/{id}")).Status);

        // Frozen: its form is refused, and a crafted save changes nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/applications/{id}/edit")).Status);
        var frozen = await member.PostCraftedAsync($"/applications/{id}/edit", [new("Input.Version", "10"), new("Input.Title", "Changed after the deadline")]);
        Assert.Equal(HttpStatusCode.Forbidden, frozen.StatusCode);
        Assert.Equal(fingerprint, (await SavedAsync(id)).Fingerprint);
        Assert.Equal("Participatory budgeting between Montevideo and Rosario", (await SavedAsync(id)).Title);
        var mine = await member.GetOkAsync("/my/applications");
        Assert.Contains("Participatory budgeting between Montevideo and Rosario", mine.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_members_starting_at_the_same_moment_make_one_application()
    {
        Clock.At = null;
        await using var world = await AccessWorld.CreateAsync(Portal);
        var callId = await Portal.CallAsync(world.AgencyG);
        using var member = await world.BrowserAsync(Role.CsoMember);
        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        var both = await Task.WhenAll(
            member.PostCraftedAsync($"/calls/{callId}/apply", [new("OrganisationId", TestData.Key(world.CsoA.Id))]),
            admin.PostCraftedAsync($"/calls/{callId}/apply", [new("OrganisationId", TestData.Key(world.CsoA.Id))]));
        var id = Assert.Single(await Portal.WithDatabaseAsync(db => db.CallApplications.Where(a => a.CallId == callId).Select(a => a.Id).ToListAsync()));
        Assert.All(both, response =>
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith($"/applications/{id}", response.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        });
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.Type == AuditEventType.ApplicationCreated && e.TargetId == TestData.Key(id))));
    }

    [Fact]
    public async Task One_second_after_the_deadline_is_refused_and_a_call_not_yet_open_takes_no_application()
    {
        Clock.At = null;
        await using var world = await AccessWorld.CreateAsync(Portal);
        var deadline = Deadline();
        var callId = await Portal.CallAsync(world.AgencyG, CallData.Content(TestData.Unique("Late call"), closesAt: deadline));
        var id = await Portal.ApplicationAsync(callId, world.CsoA, submitted: false);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var details = await member.GetOkAsync($"/applications/{id}");
        Clock.At = new DateTimeOffset(deadline.AddSeconds(1), TimeSpan.Zero);
        try
        {
            var late = await member.SubmitAsync(details, "form[action*='handler=Submit']", new Dictionary<string, string>());
            Assert.Contains("The deadline has passed", late.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            Clock.At = null;
        }
        Assert.Equal(ApplicationState.Draft, (await SavedAsync(id)).State);
        Assert.True(await RefusalAsync("application", id, nameof(RuleCode.DeadlinePassed)));

        var future = await Portal.CallAsync(world.AgencyG, CallData.Content(TestData.Unique("Future call"), opensAt: DateTime.UtcNow.AddDays(1), closesAt: DateTime.UtcNow.AddDays(10)));
        var apply = await member.GetOkAsync($"/calls/{future}/apply");
        var refused = await member.SubmitAsync(apply, "form[action$='/apply']", new Dictionary<string, string> { ["OrganisationId"] = TestData.Key(world.CsoA.Id) });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("The call is not open for applications yet.", refused.Document.QuerySelector("#organisation-error")!.TextContent, StringComparison.Ordinal);
        Assert.False(await Portal.WithDatabaseAsync(db => db.CallApplications.AnyAsync(a => a.CallId == future)));
        Assert.True(await RefusalAsync("call", future, nameof(RuleCode.CallNotOpen)));
    }

    [Fact]
    public async Task An_organisation_of_another_kind_and_country_is_refused_with_both_reasons_and_nothing_is_saved()
    {
        Clock.At = null;
        await using var world = await AccessWorld.CreateAsync(Portal);
        var callId = await Portal.CallAsync(world.AgencyG, CallData.Content(TestData.Unique("Local governments of Brazil"), eligibleTypes: [ActorType.LocalGovernment], countries: ["BR"]));
        using var member = await world.BrowserAsync(Role.CsoMember);
        var apply = await member.GetOkAsync($"/calls/{callId}/apply");
        var line = apply.Document.QuerySelector($"#organisation-{world.CsoA.Id}")!.TextContent;
        Assert.Contains("The call is not open to this kind of organisation.", line, StringComparison.Ordinal);
        Assert.Contains("The call is not open to organisations from this country or region.", line, StringComparison.Ordinal);
        // Crafted past the page: refused with the reasons, audited, nothing saved.
        var refused = await member.PostCraftedAsync($"/calls/{callId}/apply", [new("OrganisationId", TestData.Key(world.CsoA.Id))]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var text = await refused.Content.ReadAsStringAsync();
        Assert.Contains("The call is not open to this kind of organisation.", text, StringComparison.Ordinal);
        Assert.False(await Portal.WithDatabaseAsync(db => db.CallApplications.AnyAsync(a => a.CallId == callId)));
        Assert.True(await RefusalAsync("call", callId, nameof(RuleCode.KindNotEligible) + "," + nameof(RuleCode.PlaceNotEligible)));

        // A region the organisation's country is in makes it eligible as to place (Peru is in Latin America and the Caribbean).
        var region = await Portal.WithServicesAsync(async s => (await s.GetRequiredService<SscPortal.Web.Reference.ReferenceData>().GetAsync()).Countries["PE"].RegionCode!);
        var regional = await Portal.CallAsync(world.AgencyG, CallData.Content(TestData.Unique("Regional call"), regions: [region]));
        var open = await member.GetOkAsync($"/calls/{regional}/apply");
        Assert.DoesNotContain("not eligible", open.Document.QuerySelector($"#organisation-{world.CsoA.Id}")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organisations_application_and_guessed_ids_are_not_found_and_change_nothing()
    {
        Clock.At = null;
        await using var world = await AccessWorld.CreateAsync(Portal);
        var callId = await Portal.CallAsync(world.AgencyG);
        var others = await Portal.ApplicationAsync(callId, world.CsoB, submitted: false);
        using var member = await world.BrowserAsync(Role.CsoMember);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/applications/{others}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/applications/{others}/edit")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/applications/{others}/history")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync("/applications/2147483000")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync("/calls/2147483000/apply")).Status);
        foreach (var handler in new[] { "Submit", "Delete", "InvitePartner" })
        {
            var response = await member.PostCraftedAsync($"/applications/{others}?handler={handler}", [new("OrganisationId", TestData.Key(world.CsoA.Id)), new("Version", "1"), new("confirm", "true")]);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        var edit = await member.PostCraftedAsync($"/applications/{others}/edit", [new("Input.Version", "1"), new("Input.Title", "Taken over")]);
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var saved = await SavedAsync(others);
        Assert.Equal(ApplicationState.Draft, saved.State);
        Assert.Empty(saved.Partners);
        Assert.NotEqual("Taken over", saved.Title);
        // Starting one for B, crafted into A's member's form: refused, audited.
        var crafted = await member.PostCraftedAsync($"/calls/{callId}/apply", [new("OrganisationId", TestData.Key(world.CsoB.Id))]);
        Assert.Equal(HttpStatusCode.NotFound, crafted.StatusCode);
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.CallApplications.CountAsync(a => a.CallId == callId)));
        // Its own draft, deleted: gone for good.
        var own = await Portal.ApplicationAsync(callId, world.CsoA, submitted: false);
        var page = await member.GetOkAsync($"/applications/{own}");
        var deleted = await member.SubmitAsync(page, "form[action*='handler=Delete']", new Dictionary<string, string> { ["Confirm"] = "true" });
        Assert.Equal("/my/applications", deleted.Address.AbsolutePath);
        Assert.False(await Portal.WithDatabaseAsync(db => db.CallApplications.AnyAsync(a => a.Id == own)));
    }

    [Fact]
    public async Task After_the_results_the_applicant_reads_its_decision_feedback_and_own_scores_never_the_reviewers()
    {
        Clock.At = null;
        await using var world = await AccessWorld.CreateAsync(Portal);
        var callId = await Portal.CallAsync(world.AgencyG);
        var id = await Portal.ApplicationAsync(callId, world.CsoA);
        var reviewerUser = await Portal.MemberAsync(world.AgencyH, MembershipRole.Member, MembershipStatus.Active);
        var reviewer = await Portal.ReviewerAsync(callId, reviewerUser, world.AgencyH);
        await Portal.ReviewAsync(reviewer, id, 4, 2);
        await Portal.CloseCallAsync(callId);
        await Portal.WithDatabaseAsync(async db =>
        {
            var call = await db.Calls.SingleAsync(c => c.Id == callId);
            var application = await db.CallApplications.SingleAsync(a => a.Id == id);
            application.Decide(call, CallDecision.Selected, "A strong, horizontal proposal.", DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        using var member = await world.BrowserAsync(Role.CsoMember);
        // Decided, but not yet published: nothing of it shows.
        var before = await member.GetOkAsync($"/applications/{id}");
        Assert.Null(before.Document.QuerySelector(".results"));
        Assert.DoesNotContain("A strong, horizontal proposal.", before.Text, StringComparison.Ordinal);
        await Portal.WithDatabaseAsync(async db =>
        {
            var call = await db.Calls.SingleAsync(c => c.Id == callId);
            call.PublishResults(await db.CallApplications.Where(a => a.CallId == callId && a.State == ApplicationState.Submitted).ToListAsync(), DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        var after = await member.GetOkAsync($"/applications/{id}");
        var results = after.Document.QuerySelector(".results")!;
        Assert.Contains("Selected", results.TextContent, StringComparison.Ordinal);
        Assert.Contains("A strong, horizontal proposal.", results.TextContent, StringComparison.Ordinal);
        // Horizontality 4 (weight 2), transferability 2 (weight 1): (2×4 + 1×2) / 3 = 3.33.
        Assert.Equal((3.33m).ToString("0.00", System.Globalization.CultureInfo.CurrentCulture), results.QuerySelector(".weighted")!.TextContent.Trim());
        var reviewerEmail = await EmailOfAsync(reviewerUser);
        Assert.DoesNotContain(reviewerEmail, after.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Seen in the proposal.", after.Text, StringComparison.Ordinal);
    }
}

/// <summary>The system clock, or a fixed instant the tests set (<see cref="At"/>): the deadline's very second, one second after.</summary>
public sealed class SettableClock : TimeProvider
{
    public DateTimeOffset? At { get; set; }
    public override DateTimeOffset GetUtcNow() => At ?? System.GetUtcNow();
}

/// <summary>A portal of its own whose <see cref="TimeProvider"/> is a <see cref="SettableClock"/>, on a new database of the provider.</summary>
public abstract class ApplicationPortalFixture : IAsyncLifetime
{
    private PortalFactory? _portal;
    private string? _unavailable;

    public SettableClock Clock { get; } = new();

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
            _unavailable = "The PostgreSQL application tests were skipped because SSC_TEST_POSTGRES is not set.";
            return;
        }
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

public sealed class SqliteApplicationPortalFixture : ApplicationPortalFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ssc-application-tests-" + Guid.NewGuid().ToString("N"));

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

public sealed class PostgresApplicationPortalFixture : ApplicationPortalFixture
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

public sealed class ApplicationsOnSqlite(SqliteApplicationPortalFixture fixture) : ApplicationTests(fixture), IClassFixture<SqliteApplicationPortalFixture>;

public sealed class ApplicationsOnPostgres(PostgresApplicationPortalFixture fixture) : ApplicationTests(fixture), IClassFixture<PostgresApplicationPortalFixture>;
