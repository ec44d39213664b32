using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// An action is offered only to those the handler lets take it, decided by the same rule; where a person cannot,
/// the page says why and what to do instead, and a refusal explains what the account can do.
/// </summary>
public abstract class ActionOfferTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private Task<string> EmailOfAsync(AccessWorld world, Role role) =>
        Portal.WithServicesAsync(async s => (await s.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(world.UserIds[role]!))!.Email!);

    [Theory]
    [InlineData(Role.AgencyMember, true, null)]
    [InlineData(Role.AgencyAdmin, true, null)]
    [InlineData(Role.CsoMember, false, "Your organisation can register the initiatives it runs or monitors")]
    [InlineData(Role.CsoAdmin, false, "Your organisation can register the initiatives it runs or monitors")]
    [InlineData(Role.Moderator, false, "moderators and administrators check organisations and content")]
    [InlineData(Role.Administrator, false, "moderators and administrators check organisations and content")]
    [InlineData(Role.NoOrganisation, false, "To record one, join your organisation first.")]
    public async Task Record_a_partnership_is_offered_to_those_who_may_and_the_others_are_told_why(Role role, bool offered, string? why)
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var browser = await world.BrowserAsync(role);

        var list = await browser.GetOkAsync("/partnerships");
        var form = await browser.GetAsync("/partnerships/new");

        Assert.Equal(offered, list.Document.QuerySelector("a[href='/partnerships/new']") is not null);
        // The offer and the handler agree: whoever sees the button gets the form, nobody else does.
        Assert.Equal(offered, form.Status == HttpStatusCode.OK);
        if (why is not null)
        {
            Assert.Contains("Partnerships are recorded by", list.Text, StringComparison.Ordinal);
            Assert.Contains(why, list.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_refusal_says_what_the_account_can_do_and_where_to_turn()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        using var nobody = await world.BrowserAsync(Role.NoOrganisation);

        var memberRefused = await member.GetAsync("/partnerships/new");
        var nobodyRefused = await nobody.GetAsync("/partnerships/new");

        Assert.Equal(HttpStatusCode.Forbidden, memberRefused.Status);
        Assert.Contains("What your account can do", memberRefused.Text, StringComparison.Ordinal);
        Assert.Contains(world.CsoA.Name, memberRefused.Text, StringComparison.Ordinal);
        Assert.Contains("Write people-centred assessments of any published initiative", memberRefused.Text, StringComparison.Ordinal);
        Assert.Contains("ask one of them to do it", memberRefused.Text, StringComparison.Ordinal);
        Assert.NotNull(memberRefused.Document.QuerySelector("a[href='/about/access']"));
        Assert.Equal(HttpStatusCode.Forbidden, nobodyRefused.Status);
        Assert.Contains("you need an active membership of a verified organisation", nobodyRefused.Text, StringComparison.Ordinal);
        Assert.NotNull(nobodyRefused.Document.QuerySelector("main a[href='/account/organisations']"));
    }

    [Fact]
    public async Task An_organisation_admin_gets_no_buttons_on_their_own_membership_and_is_told_whom_to_ask()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        var adminEmail = await EmailOfAsync(world, Role.CsoAdmin);
        var memberEmail = await EmailOfAsync(world, Role.CsoMember);

        var page = await admin.GetOkAsync($"/organisations/{world.CsoA.Id}/members");

        var rows = page.Document.QuerySelectorAll("tbody tr").ToList();
        var own = rows.Single(r => r.QuerySelector("td")!.TextContent.Trim() == adminEmail);
        var other = rows.Single(r => r.QuerySelector("td")!.TextContent.Trim() == memberEmail);
        Assert.Empty(own.QuerySelectorAll("form, button"));
        Assert.Contains("Ask another organisation admin, or a platform administrator.", own.TextContent, StringComparison.Ordinal);
        Assert.NotNull(other.QuerySelector("form[action*='handler=Remove'] button"));
        Assert.NotNull(other.QuerySelector("form[action*='handler=ChangeRole'] button"));
    }

    [Fact]
    public async Task A_moderator_sees_members_to_approve_but_no_role_or_removal_buttons_they_could_not_use()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var moderator = await world.BrowserAsync(Role.Moderator);

        var page = await moderator.GetOkAsync($"/organisations/{world.CsoA.Id}/members");

        Assert.Null(page.Document.QuerySelector("form[action*='handler=Remove'], form[action*='handler=ChangeRole']"));
        Assert.Contains("Roles are changed and members removed by the organisation's admins or a platform administrator.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moderator_is_not_offered_to_verify_an_organisation_they_proposed()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        async Task<Actor> ProposedByAsync(Role role) => await Portal.WithDatabaseAsync(async db =>
        {
            var actor = new Actor { Name = TestData.Unique("Proposed organisation"), Type = ActorType.NationalCso, CountryCode = "PE", IsVerified = false, CreatedAt = DateTime.UtcNow };
            db.Actors.Add(actor);
            db.Memberships.Add(new OrganisationMembership { UserId = world.UserIds[role]!, Actor = actor, Role = MembershipRole.OrganisationAdmin, Status = MembershipStatus.Pending, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return actor;
        });
        var own = await ProposedByAsync(Role.Moderator);
        var others = await ProposedByAsync(Role.NoOrganisation);
        using var moderator = await world.BrowserAsync(Role.Moderator);

        var queue = await moderator.GetOkAsync("/admin");

        var ownRow = queue.Document.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector($"a[href='/actors/{own.Id}']") is not null);
        var othersRow = queue.Document.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector($"a[href='/actors/{others.Id}']") is not null);
        Assert.Null(ownRow.QuerySelector("form[action*='handler=Verify']"));
        Assert.Contains("You proposed this organisation, so another moderator or an administrator verifies it.", ownRow.TextContent, StringComparison.Ordinal);
        Assert.NotNull(othersRow.QuerySelector("form[action*='handler=Verify'] button"));
        Assert.False(await Portal.WithDatabaseAsync(db => db.Actors.Where(a => a.Id == own.Id).Select(a => a.IsVerified).SingleAsync()));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class ActionOffersOnSqlite(SqlitePortalFixture fixture) : ActionOfferTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class ActionOffersOnPostgres(PostgresPortalFixture fixture) : ActionOfferTests(fixture);
