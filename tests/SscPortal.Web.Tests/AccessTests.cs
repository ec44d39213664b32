using System.Net;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>The promises of the access model, named one by one, with proof that a refused request saved nothing.</summary>
public abstract class AccessTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private static Dictionary<string, string> Edit(string title) => new()
    {
        ["Input.Title"] = title, ["Input.Summary"] = "Changed by someone who should not.", ["Input.Language"] = "en",
        ["Input.Modality"] = "Bilateral", ["Input.Instrument"] = "Project", ["Input.Status"] = "Closed",
        ["Input.Countries[0].Code"] = "PE", ["Input.Countries[0].Role"] = "Provider",
        ["Input.Countries[1].Code"] = "BO", ["Input.Countries[1].Role"] = "Recipient",
    };

    private static async Task<HttpResponseMessage> PostAsync(AccessWorld world, Role role, string url, Dictionary<string, string>? form = null)
    {
        var (client, token) = await world.ClientAsync(role);
        return await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent((form ?? []).Append(new("__RequestVerificationToken", token))));
    }


    private Task<Initiative> RecordAsync(int id) =>
        Portal.WithDatabaseAsync(db => db.Initiatives.AsNoTracking().SingleAsync(i => i.Id == id));

    private Task<int> RefusalsAboutAsync(int id) =>
        Portal.WithDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.Type == AuditEventType.AccessRefused && e.TargetType == "initiative" && e.TargetId == TestData.Key(id)));

    private async Task Cannot_touch_the_other_sides_initiative(Role intruder, Func<AccessWorld, Actor> victimOrganisation)
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var draft = await Portal.InitiativeAsync(victimOrganisation(world), "PE", "BO", publishedAt: null, title: "Victim's draft");
        var published = await Portal.InitiativeAsync(victimOrganisation(world), "PE", "BO", DateTime.UtcNow.AddMinutes(-1), title: "Victim's record");

        // By the form: the edit page and the record's manage panel are not offered.
        var (client, _) = await world.ClientAsync(intruder);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri($"/initiatives/{published}/edit", UriKind.Relative))).StatusCode);
        var page = await client.GetStringAsync(new Uri($"/initiatives/{published}", UriKind.Relative));
        Assert.DoesNotContain("handler=Publish", page, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Unpublish", page, StringComparison.Ordinal);

        // By crafted posts: refused, recorded, and nothing saved.
        Assert.False(AccessWorld.IsAllowed(await PostAsync(world, intruder, $"/initiatives/{published}/edit", Edit("Hijacked"))));
        Assert.False(AccessWorld.IsAllowed(await PostAsync(world, intruder, $"/initiatives/{published}?handler=Unpublish", new() { ["Reason"] = "Silenced" })));
        Assert.False(AccessWorld.IsAllowed(await PostAsync(world, intruder, $"/initiatives/{draft}?handler=Publish")));
        Assert.False(AccessWorld.IsAllowed(await PostAsync(world, intruder, $"/initiatives/{draft}/edit", Edit("Hijacked draft"))));

        var after = await RecordAsync(published);
        Assert.Equal("Victim's record", after.Title);
        Assert.Equal(PublicationState.Published, after.Publication);
        Assert.Equal(PublicationState.Draft, (await RecordAsync(draft)).Publication);
        Assert.Equal("Victim's draft", (await RecordAsync(draft)).Title);
        Assert.True(await RefusalsAboutAsync(published) >= 2, "refused attempts are in the audit log");
    }

    [Fact]
    public Task A_cso_member_cannot_edit_publish_or_unpublish_an_agency_initiative() =>
        Cannot_touch_the_other_sides_initiative(Role.CsoAdmin, w => w.AgencyG);

    [Fact]
    public Task An_agency_member_cannot_edit_publish_or_unpublish_a_cso_initiative() =>
        Cannot_touch_the_other_sides_initiative(Role.AgencyAdmin, w => w.CsoA);

    [Fact]
    public Task A_member_of_one_cso_cannot_edit_another_csos_records() =>
        Cannot_touch_the_other_sides_initiative(Role.CsoAdmin, w => w.CsoB);

    [Fact]
    public async Task A_member_edits_their_organisations_record_and_the_change_is_recorded_with_who_and_when()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null);

        var form = Edit("Edited by a member");
        form["Input.Version"] = TestData.Key((await RecordAsync(id)).Version);
        var response = await PostAsync(world, Role.CsoMember, $"/initiatives/{id}/edit", form);

        Assert.Equal($"/initiatives/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Edited by a member", (await RecordAsync(id)).Title);
        var edit = await Portal.WithDatabaseAsync(db => db.AuditEvents.SingleAsync(e => e.Type == AuditEventType.InitiativeEdited && e.TargetId == TestData.Key(id)));
        Assert.Equal(world.UserIds[Role.CsoMember], edit.UserId);
        Assert.True(DateTime.UtcNow - edit.At < TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task A_pending_claimant_has_no_rights_until_approved()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var claimant = await Portal.MemberAsync(world.CsoA, MembershipRole.OrganisationAdmin, MembershipStatus.Pending);
        var draft = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null);
        using var browser = Portal.CreateBrowser(followRedirects: false);
        var email = await Portal.WithDatabaseAsync(db => db.Users.Where(u => u.Id == claimant).Select(u => u.Email!).SingleAsync());
        await browser.SignInAsync(email, AccessWorld.Password);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/initiatives/{draft}")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/initiatives/new")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync($"/organisations/{world.CsoA.Id}/members")).Status);
        Assert.Contains("Waiting for approval", (await browser.GetOkAsync("/account/organisations")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moderator_can_unpublish_with_a_reason_but_not_edit()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await Portal.InitiativeAsync(world.AgencyG, "PE", "BO", DateTime.UtcNow.AddMinutes(-1), title: "Official record");

        Assert.False(AccessWorld.IsAllowed(await PostAsync(world, Role.Moderator, $"/initiatives/{id}/edit", Edit("Moderated text"))));
        var withoutReason = await PostAsync(world, Role.Moderator, $"/initiatives/{id}?handler=Unpublish", new() { ["Reason"] = " " });
        Assert.Equal(PublicationState.Published, (await RecordAsync(id)).Publication);
        Assert.True(AccessWorld.IsAllowed(withoutReason));

        Assert.True(AccessWorld.IsAllowed(await PostAsync(world, Role.Moderator, $"/initiatives/{id}?handler=Unpublish",
            new() { ["Reason"] = "Breaks the terms: personal data", ["Version"] = TestData.Key((await RecordAsync(id)).Version) })));

        var record = await RecordAsync(id);
        Assert.Equal("Official record", record.Title);
        Assert.Equal(PublicationState.Unpublished, record.Publication);
        Assert.Equal("Breaks the terms: personal data", record.UnpublishedReason);
        var logged = await Portal.WithDatabaseAsync(db => db.AuditEvents.SingleAsync(e => e.Type == AuditEventType.InitiativeUnpublished && e.TargetId == TestData.Key(id)));
        Assert.Equal(world.UserIds[Role.Moderator], logged.UserId);
        Assert.Contains("moderator", logged.Details, StringComparison.Ordinal);

        // The owners cannot simply publish it again: a moderator must lift the hold first.
        Assert.True(AccessWorld.IsAllowed(await PostAsync(world, Role.AgencyAdmin, $"/initiatives/{id}?handler=Publish")));
        Assert.Equal(PublicationState.Unpublished, (await RecordAsync(id)).Publication);
        Assert.False(AccessWorld.IsAllowed(await PostAsync(world, Role.AgencyAdmin, $"/initiatives/{id}?handler=Release")));
        Assert.True(AccessWorld.IsAllowed(await PostAsync(world, Role.Moderator, $"/initiatives/{id}?handler=Release")));
        Assert.False((await RecordAsync(id)).HeldByModerator);
        Assert.Equal(PublicationState.Unpublished, (await RecordAsync(id)).Publication);

        // The owners see why; the public no longer sees it at all.
        var (agency, _) = await world.ClientAsync(Role.AgencyMember);
        Assert.Contains("Breaks the terms: personal data", await agency.GetStringAsync(new Uri($"/initiatives/{id}", UriKind.Relative)), StringComparison.Ordinal);
        var (anonymous, _) = await world.ClientAsync(Role.Anonymous);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri($"/initiatives/{id}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task An_organisation_admin_approves_members_of_their_own_organisation_only()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var ownClaimant = await Portal.MemberAsync(world.CsoA, MembershipRole.Member, MembershipStatus.Pending);
        var otherClaimant = await Portal.MemberAsync(world.CsoB, MembershipRole.Member, MembershipStatus.Pending);
        Task<OrganisationMembership> Membership(string userId) => Portal.WithDatabaseAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.UserId == userId));
        var own = await Membership(ownClaimant);
        var other = await Membership(otherClaimant);

        Assert.True(AccessWorld.IsAllowed(await PostAsync(world, Role.CsoAdmin, $"/organisations/{world.CsoA.Id}/members?handler=Approve", new() { ["membershipId"] = $"{own.Id}" })));
        Assert.False(AccessWorld.IsAllowed(await PostAsync(world, Role.CsoAdmin, $"/organisations/{world.CsoB.Id}/members?handler=Approve", new() { ["membershipId"] = $"{other.Id}" })));
        Assert.False(AccessWorld.IsAllowed(await PostAsync(world, Role.CsoAdmin, $"/organisations/{world.CsoA.Id}/members?handler=Approve", new() { ["membershipId"] = $"{other.Id}" })));

        Assert.Equal(MembershipStatus.Active, (await Membership(ownClaimant)).Status);
        Assert.Equal(MembershipStatus.Pending, (await Membership(otherClaimant)).Status);
    }

    [Theory]
    [InlineData(Role.Moderator, "Approve", null)]
    [InlineData(Role.Administrator, "Approve", null)]
    [InlineData(Role.Administrator, "ChangeRole", "OrganisationAdmin")]
    public async Task Platform_staff_cannot_give_themselves_rights_in_an_organisation(Role staff, string handler, string? role)
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var status = handler == "Approve" ? MembershipStatus.Pending : MembershipStatus.Active;
        var membership = await Portal.WithDatabaseAsync(async db =>
        {
            var claim = new OrganisationMembership { UserId = world.UserIds[staff]!, ActorId = world.AgencyG.Id, Role = MembershipRole.Member, Status = status, CreatedAt = DateTime.UtcNow };
            db.Memberships.Add(claim);
            await db.SaveChangesAsync();
            return claim.Id;
        });
        var form = new Dictionary<string, string> { ["membershipId"] = TestData.Key(membership) };
        if (role is not null) form["role"] = role;

        Assert.False(AccessWorld.IsAllowed(await PostAsync(world, staff, $"/organisations/{world.AgencyG.Id}/members?handler={handler}", form)));

        var after = await Portal.WithDatabaseAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.Id == membership));
        Assert.Equal((MembershipRole.Member, status), (after.Role, after.Status));
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.AccessRefused && e.UserId == world.UserIds[staff])));
    }

    [Fact]
    public async Task A_moderator_cannot_verify_an_organisation_they_proposed()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var proposed = await Portal.WithDatabaseAsync(async db =>
        {
            var actor = new Actor { Name = TestData.Unique("Ministry of Moderation"), Type = ActorType.Government, IsVerified = false, CreatedAt = DateTime.UtcNow };
            actor.Memberships.Add(new OrganisationMembership { UserId = world.UserIds[Role.Moderator]!, Role = MembershipRole.OrganisationAdmin, Status = MembershipStatus.Pending, CreatedAt = DateTime.UtcNow });
            db.Actors.Add(actor);
            await db.SaveChangesAsync();
            return actor.Id;
        });

        Assert.False(AccessWorld.IsAllowed(await PostAsync(world, Role.Moderator, "/admin?handler=Verify", new() { ["actorId"] = TestData.Key(proposed) })));

        Assert.False((await Portal.WithDatabaseAsync(db => db.Actors.AsNoTracking().SingleAsync(a => a.Id == proposed))).IsVerified);
    }

    [Fact]
    public async Task A_member_edits_drafts_but_a_published_record_only_through_an_organisation_admin()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var published = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", DateTime.UtcNow.AddMinutes(-1), title: "Public wording");
        var form = Edit("A member's unreviewed wording");
        form["Input.Version"] = TestData.Key((await RecordAsync(published)).Version);

        Assert.False(AccessWorld.IsAllowed(await PostAsync(world, Role.CsoMember, $"/initiatives/{published}/edit", form)));
        Assert.Equal("Public wording", (await RecordAsync(published)).Title);

        form["Input.Title"] = "The admin's reviewed wording";
        Assert.True(AccessWorld.IsAllowed(await PostAsync(world, Role.CsoAdmin, $"/initiatives/{published}/edit", form)));
        Assert.Equal("The admin's reviewed wording", (await RecordAsync(published)).Title);
    }

    [Fact]
    public async Task Removing_a_member_asks_again_and_removes_only_on_the_second_press()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var memberId = await Portal.MemberAsync(world.AgencyG, MembershipRole.Member, MembershipStatus.Active);
        var email = await Portal.WithDatabaseAsync(db => db.Users.Where(u => u.Id == memberId).Select(u => u.Email!).SingleAsync());
        using var admin = await world.BrowserAsync(Role.AgencyAdmin);
        var members = await admin.GetOkAsync($"/organisations/{world.AgencyG.Id}/members");
        var row = members.Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(email, StringComparison.Ordinal));
        var formSelector = $"form[action*='handler=Remove']:has(input[name=membershipId][value='{row.QuerySelector("input[name=membershipId]")!.GetAttribute("value")}'])";

        var asked = await admin.SubmitAsync(members, formSelector, new Dictionary<string, string>());

        Assert.Contains($"Remove {email} from", asked.Document.QuerySelector(".confirm-box h2")!.TextContent, StringComparison.Ordinal);
        Assert.True(await Portal.WithDatabaseAsync(db => db.Memberships.AnyAsync(m => m.UserId == memberId)));

        var removed = await admin.SubmitAsync(asked, ".confirm-box form", new Dictionary<string, string>());

        Assert.Null(removed.Document.QuerySelector(".confirm-box"));
        Assert.False(await Portal.WithDatabaseAsync(db => db.Memberships.AnyAsync(m => m.UserId == memberId)));
    }

    [Fact]
    public async Task An_organisation_keeps_at_least_one_admin()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var admin = await Portal.WithDatabaseAsync(db => db.Memberships.SingleAsync(m => m.UserId == world.UserIds[Role.AgencyAdmin]));

        await PostAsync(world, Role.AgencyAdmin, $"/organisations/{world.AgencyG.Id}/members?handler=ChangeRole", new() { ["membershipId"] = $"{admin.Id}", ["role"] = "Member" });

        Assert.Equal(MembershipRole.OrganisationAdmin, (await Portal.WithDatabaseAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.Id == admin.Id))).Role);
    }

    [Fact]
    public async Task Verifying_a_proposed_organisation_makes_its_proposer_its_admin()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var proposer = await Portal.MemberAsync(null, MembershipRole.Member, MembershipStatus.Active);
        using var browser = Portal.CreateBrowser();
        var email = await Portal.WithDatabaseAsync(db => db.Users.Where(u => u.Id == proposer).Select(u => u.Email!).SingleAsync());
        await browser.SignInAsync(email, AccessWorld.Password);
        var name = TestData.Unique("Red de Mujeres Rurales");
        var proposed = await browser.SubmitAsync(await browser.GetOkAsync("/account/organisations"), "form.record-form", new Dictionary<string, string>
        {
            ["Proposal.Name"] = name, ["Proposal.Type"] = "NationalCso", ["Proposal.CountryCode"] = "pe", ["Proposal.Website"] = "https://example.org",
        });
        Assert.Contains("A moderator will verify the organisation", proposed.Text, StringComparison.Ordinal);
        var actor = await Portal.WithDatabaseAsync(db => db.Actors.AsNoTracking().SingleAsync(a => a.Name == name));
        Assert.False(actor.IsVerified);
        Assert.Equal("PE", actor.CountryCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/initiatives/new")).Status);

        Assert.True(AccessWorld.IsAllowed(await PostAsync(world, Role.Moderator, "/admin?handler=Verify", new() { ["actorId"] = $"{actor.Id}" })));

        var membership = await Portal.WithDatabaseAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.UserId == proposer));
        Assert.Equal((MembershipRole.OrganisationAdmin, MembershipStatus.Active), (membership.Role, membership.Status));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/organisations/{actor.Id}/members")).Status);
    }

    [Fact]
    public async Task Proposing_an_organisation_with_bad_input_explains_each_field_and_saves_nothing()
    {
        var email = await Portal.UserAsync("a long enough password");
        using var browser = Portal.CreateBrowser();
        await browser.SignInAsync(email, "a long enough password");
        var before = await Portal.WithDatabaseAsync(db => db.Actors.CountAsync());

        var page = await browser.SubmitAsync(await browser.GetOkAsync("/account/organisations"), "form.record-form", new Dictionary<string, string>
        {
            ["Proposal.Name"] = "", ["Proposal.Type"] = "NationalCso", ["Proposal.CountryCode"] = "ZZ", ["Proposal.Website"] = "javascript:alert(1)",
        });

        var errors = string.Join(" | ", page.Document.QuerySelectorAll(".field-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
        Assert.Contains("Enter the organisation's name.", errors, StringComparison.Ordinal);
        Assert.Contains("two-letter ISO country code", errors, StringComparison.Ordinal);
        Assert.Contains("https://", errors, StringComparison.Ordinal);
        Assert.Equal(before, await Portal.WithDatabaseAsync(db => db.Actors.CountAsync()));
    }

    [Fact]
    public async Task Locking_an_account_ends_its_sessions_and_is_audited()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var (member, _) = await world.ClientAsync(Role.CsoMember);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync(new Uri("/account/organisations", UriKind.Relative))).StatusCode);

        Assert.True(AccessWorld.IsAllowed(await PostAsync(world, Role.Administrator, "/admin/users?handler=Lock", new() { ["userId"] = world.UserIds[Role.CsoMember]! })));

        var stamp = await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.UserLocked && e.TargetId == world.UserIds[Role.CsoMember]));
        Assert.True(stamp);
        var locked = await Portal.WithDatabaseAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == world.UserIds[Role.CsoMember]));
        Assert.True(locked.LockoutEnd > DateTimeOffset.UtcNow.AddYears(1));
    }

    [Fact]
    public async Task A_page_refused_by_its_policy_is_recorded_once_in_the_audit_log()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var (member, _) = await world.ClientAsync(Role.CsoMember);

        var response = await member.GetAsync(new Uri("/admin/users?q=x", UriKind.Relative));

        Assert.Contains("/account/access-denied", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var refusals = await Portal.WithDatabaseAsync(db => db.AuditEvents.Where(e => e.Type == AuditEventType.AccessRefused && e.UserId == world.UserIds[Role.CsoMember]).ToListAsync());
        var refusal = Assert.Single(refusals);
        Assert.Equal("/admin/users?q=x", refusal.TargetId);
    }

    [Theory]
    [InlineData(Role.Administrator, "/admin/users?handler=Grant", "role", "SuperAdministrator")]
    [InlineData(Role.Administrator, "/admin/users?handler=Revoke", "role", "Owner")]
    [InlineData(Role.CsoAdmin, "/organisations/{A}/members?handler=ChangeRole", "role", "PlatformAdministrator")]
    [InlineData(Role.CsoAdmin, "/organisations/{A}/members?handler=ChangeRole", "role", "7")]
    public async Task A_crafted_role_is_refused_recorded_and_changes_nothing(Role role, string url, string field, string value)
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var member = await Portal.MemberAsync(world.CsoA, MembershipRole.Member, MembershipStatus.Active);
        var membershipId = await Portal.WithDatabaseAsync(db => db.Memberships.Where(m => m.UserId == member).Select(m => m.Id).SingleAsync());
        var before = await Portal.WithDatabaseAsync(db => db.UserRoles.CountAsync());

        var response = await PostAsync(world, role, url.Replace("{A}", TestData.Key(world.CsoA.Id), StringComparison.Ordinal),
            new() { ["userId"] = member, ["membershipId"] = TestData.Key(membershipId), [field] = value });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await Portal.WithDatabaseAsync(db => db.UserRoles.CountAsync()));
        Assert.Equal(MembershipRole.Member, (await Portal.WithDatabaseAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.Id == membershipId))).Role);
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.AccessRefused && e.UserId == world.UserIds[role])));
    }

    [Fact]
    public async Task Every_form_post_without_its_antiforgery_token_is_refused()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var (admin, _) = await world.ClientAsync(Role.Administrator);
        var draft = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null);
        // Every form handler the portal has, found in the running app; the error and status pages only render errors.
        var posts = EndpointDiscovery.Discover(Portal)
            .Where(e => e.Contains(" POST", StringComparison.Ordinal) && !e.StartsWith("/error", StringComparison.Ordinal) && !e.StartsWith("/status", StringComparison.Ordinal))
            .Select(e =>
            {
                var parts = e.Split(' ');
                var path = parts[0].Replace("/organisations/{id:int}", $"/organisations/{world.CsoA.Id}", StringComparison.Ordinal)
                    .Replace("{id:int}", TestData.Key(draft), StringComparison.Ordinal);
                // Any other number in a route (an initiative's, an assessment's) takes the draft's: the token is refused before anything is looked up.
                path = System.Text.RegularExpressions.Regex.Replace(path, @"\{[a-z]+:int\}", TestData.Key(draft));
                return parts.Length > 2 ? $"{path}?handler={parts[2]}" : path;
            })
            .ToList();
        Assert.True(posts.Count >= 25, $"only {posts.Count} form handlers found");
        foreach (var url in posts)
        {
            var response = await admin.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent([new("actorId", "1")]));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url} answered {(int)response.StatusCode} without a token");
        }
    }
}

[Collection(SqliteSuite.Name)]
public sealed class AccessOnSqlite(SqlitePortalFixture fixture) : AccessTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class AccessOnPostgres(PostgresPortalFixture fixture) : AccessTests(fixture);
