using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SscPortal.Domain;
using SscPortal.Web.Commands;
using SscPortal.Web.Data;
using SscPortal.Web.Mail;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Getting people onto the portal by invitation (issue 15, item 7): the first-run page of a fresh portal in Production, an
/// organisation admin inviting colleagues, the mailed link and what it leads to (joining, or a clear page when it cannot),
/// and the bad input the forms refuse with nothing saved. Mail goes to a real SMTP server in the test process.
/// </summary>
public abstract partial class InvitationTests(MailFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;
    private TestSmtpServer Smtp => fixture.Smtp;
    private const string Password = "three unrelated words";

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();

    private static string NewAddress() => $"{Guid.NewGuid():N}@mail.example.org";

    /// <summary>The link a mail carries, checked to be the portal's public accept address in both parts; as a local path.</summary>
    private static string AcceptPathIn(MimeMessage mail)
    {
        var link = Link().Match(mail.TextBody ?? "").Value;
        Assert.StartsWith(MailFixture.PublicUrl + "/invitations/accept?token=", link, StringComparison.Ordinal);
        Assert.Contains($"href=\"{WebUtility.HtmlEncode(link)}\"", mail.HtmlBody, StringComparison.Ordinal);
        return new Uri(link).PathAndQuery;
    }

    private static async Task<HtmlClient> SignedInAsync(PortalFactory portal, string email, string password)
    {
        var browser = portal.CreateBrowser();
        Assert.True((await browser.SignInAsync(email, password)).IsSignedIn);
        return browser;
    }

    private static Task<string> EmailOf(PortalFactory portal, string userId) =>
        portal.WithDatabaseAsync(async db => (await db.Users.SingleAsync(u => u.Id == userId)).Email!);

    /// <summary>Posts a form by hand (a crafted request), with the antiforgery token of a page the browser was given.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HtmlClient browser, HtmlClient.Page withToken, string url, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = withToken.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        return await browser.Http.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    private static Task<List<Invitation>> InvitationsAsync(PortalFactory portal, int organisationId) =>
        portal.WithDatabaseAsync(db => db.Invitations.AsNoTracking().Where(i => i.ActorId == organisationId).ToListAsync());

    private static Task<OrganisationMembership?> MembershipAsync(PortalFactory portal, string email, int organisationId)
    {
        var normalized = email.ToUpperInvariant();
        return portal.WithDatabaseAsync(db => (from m in db.Memberships.AsNoTracking()
                                               join u in db.Users on m.UserId equals u.Id
                                               where u.NormalizedEmail == normalized && m.ActorId == organisationId
                                               select m).SingleOrDefaultAsync());
    }

    [Fact]
    public async Task On_a_fresh_portal_the_administrator_adds_an_organisation_whose_invited_admin_registers_and_invites_a_colleague()
    {
        await using var portal = await fixture.StartPortalAsync(await fixture.NewDatabaseAsync(), Smtp.Port, environment: "Production");
        const string adminEmail = "root@portal.example.org";
        using (var output = new StringWriter())
            Assert.Equal(0, await CreateAdminCommand.RunAsync(portal.Services, ["create-admin", "--email", adminEmail], new StringReader("the first administrator's password\n"), output));
        using var admin = await SignedInAsync(portal, adminEmail, "the first administrator's password");

        // With no verified organisation, the home page and /admin lead the administrator to the first-run page.
        var home = await admin.GetOkAsync("/");
        Assert.NotNull(home.Document.QuerySelector("#first-run-heading"));
        var start = await admin.FollowAsync(home, ".first-run a[href='/admin/start']");
        Assert.NotNull((await admin.GetOkAsync("/admin")).Document.QuerySelector(".first-run a[href='/admin/start']"));

        var firstAdmin = NewAddress();
        var added = await admin.SubmitAsync(start, "form.record-form", new Dictionary<string, string>
        {
            ["Organisation.Name"] = "Red de Cooperación Sur", ["Organisation.Type"] = "RegionalCso", ["FirstAdmin.Email"] = firstAdmin,
        });
        Assert.Contains($"{firstAdmin} was invited", added.Text, StringComparison.Ordinal);
        var organisation = await portal.WithDatabaseAsync(db => db.Actors.AsNoTracking().SingleAsync(a => a.Name == "Red de Cooperación Sur"));
        Assert.True(organisation.IsVerified);
        var audited = await portal.WithDatabaseAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Type == AuditEventType.OrganisationCreated && e.TargetId == TestData.Key(organisation.Id)));
        Assert.Equal(adminEmail, audited.UserEmail);
        Assert.Null((await admin.GetOkAsync("/")).Document.QuerySelector("#first-run-heading"));

        // The first admin follows the mailed link, creates an account through it and is an organisation admin at once.
        var mail = await Smtp.WaitForAsync(firstAdmin);
        Assert.Equal("You are invited to join Red de Cooperación Sur on the SSC Portal", mail.Subject);
        Assert.Contains("as Organisation admin", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("as Organisation admin", new AngleSharp.Html.Parser.HtmlParser().ParseDocument(mail.HtmlBody!).Body!.TextContent, StringComparison.Ordinal);
        using var invitee = portal.CreateBrowser();
        var invitation = await invitee.GetOkAsync(AcceptPathIn(mail));
        var register = await invitee.FollowAsync(invitation, "a[href^='/account/register?invitation=']");
        Assert.Equal(firstAdmin, ((AngleSharp.Html.Dom.IHtmlInputElement)register.Document.QuerySelector("#Input_Email")!).Value);
        var joined = await invitee.SubmitAsync(register, "main form", new Dictionary<string, string> { ["Input.Password"] = Password });
        Assert.Equal("/account/organisations", joined.Address.AbsolutePath);
        Assert.True(joined.IsSignedIn);
        Assert.Contains("Welcome: you are now a member of Red de Cooperación Sur.", joined.Text, StringComparison.Ordinal);
        Assert.Equal((MembershipStatus.Active, MembershipRole.OrganisationAdmin), await MembershipAsync(portal, firstAdmin, organisation.Id) is { } m ? (m.Status, m.Role) : default);
        Assert.NotNull(Assert.Single(await InvitationsAsync(portal, organisation.Id)).AcceptedAt);
        // No confirmation mail: following the invitation proved the address.
        Assert.Single(Smtp.To(firstAdmin));

        // The new admin invites a colleague, who already has an account: signing in through the link, then accepting, makes them a member.
        var colleague = await portal.UserAsync(Password);
        var members = await invitee.GetOkAsync($"/organisations/{organisation.Id}/members");
        var invited = await invitee.SubmitAsync(members, "form[action*='handler=Invite']", new Dictionary<string, string> { ["Invite.Email"] = colleague, ["Invite.Role"] = "Member" });
        Assert.Contains($"An invitation was sent to {colleague}.", invited.Text, StringComparison.Ordinal);
        Assert.NotNull(invited.Document.QuerySelector("#open-invitations"));
        var colleagueMail = await Smtp.WaitForAsync(colleague);
        using var colleagueBrowser = portal.CreateBrowser();
        var opened = await colleagueBrowser.GetOkAsync(AcceptPathIn(colleagueMail));
        var signIn = await colleagueBrowser.FollowAsync(opened, "a[href^='/account/login?returnUrl=']");
        var back = await colleagueBrowser.SubmitAsync(signIn, "main form", new Dictionary<string, string> { ["Input.Email"] = colleague, ["Input.Password"] = Password });
        Assert.Equal("/invitations/accept", back.Address.AbsolutePath);
        var accepted = await colleagueBrowser.SubmitAsync(back, "main form", new Dictionary<string, string>());
        Assert.Contains("Welcome: you are now a member of Red de Cooperación Sur.", accepted.Text, StringComparison.Ordinal);
        Assert.Equal((MembershipStatus.Active, MembershipRole.Member), await MembershipAsync(portal, colleague, organisation.Id) is { } c ? (c.Status, c.Role) : default);
        var types = await portal.WithDatabaseAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.TargetId == TestData.Key(organisation.Id)).Select(e => e.Type).ToListAsync());
        Assert.Equal(2, types.Count(t => t == AuditEventType.InvitationSent));
        Assert.Equal(2, types.Count(t => t == AuditEventType.InvitationAccepted));
    }

    [Fact]
    public async Task An_organisation_admin_cannot_invite_into_another_organisation()
    {
        var mine = await Portal.ActorAsync();
        var other = await Portal.ActorAsync();
        var admin = await Portal.MemberAsync(mine, MembershipRole.OrganisationAdmin, MembershipStatus.Active);
        using var browser = await SignedInAsync(Portal, await EmailOf(Portal, admin), AccessWorld.Password);
        var page = await browser.GetOkAsync($"/organisations/{mine.Id}/members");
        var target = NewAddress();

        using var response = await PostAsync(browser, page, $"/organisations/{other.Id}/members?handler=Invite",
            new() { ["Invite.Email"] = target, ["Invite.Role"] = "OrganisationAdmin" });

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.RequestMessage!.RequestUri!.AbsolutePath == "/account/access-denied",
            $"answered {(int)response.StatusCode} at {response.RequestMessage!.RequestUri}");
        Assert.Empty(await InvitationsAsync(Portal, other.Id));
        Assert.Empty(await Portal.WithDatabaseAsync(db => db.OutboxMessages.Where(m => m.To == target).ToListAsync()));
        // Nor withdraw the other organisation's invitations through its own page.
        var theirs = await InvitationTestData.InviteAsync(Portal, other, admin);
        using var revoke = await PostAsync(browser, page, $"/organisations/{mine.Id}/members?handler=RevokeInvitation", new() { ["invitationId"] = $"{theirs.Id}" });
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Null(Assert.Single(await InvitationsAsync(Portal, other.Id)).RevokedAt);
    }

    [Theory]
    [InlineData("not an address", "Enter a valid e-mail address.")]
    [InlineData("Colleague <colleague@example.org>", "This is not an address mail can be delivered to")]
    [InlineData("colleague@localhost", "This is not an address mail can be delivered to")]
    [InlineData("member", "This address already belongs to a member of the organisation.")]
    [InlineData("invited", "This address was already invited")]
    public async Task A_bad_invitation_is_refused_next_to_the_address_with_nothing_saved(string address, string message)
    {
        var organisation = await Portal.ActorAsync();
        var admin = await Portal.MemberAsync(organisation, MembershipRole.OrganisationAdmin, MembershipStatus.Active);
        if (address == "member") address = await EmailOf(Portal, await Portal.MemberAsync(organisation, MembershipRole.Member, MembershipStatus.Active));
        if (address == "invited") address = (await Portal.WithDatabaseAsync(async db => (await db.Invitations.FindAsync((await InvitationTestData.InviteAsync(Portal, organisation, admin)).Id))!.Email));
        var before = await InvitationsAsync(Portal, organisation.Id);
        using var browser = await SignedInAsync(Portal, await EmailOf(Portal, admin), AccessWorld.Password);

        var page = await browser.GetOkAsync($"/organisations/{organisation.Id}/members");
        var refused = await browser.SubmitAsync(page, "form[action*='handler=Invite']", new Dictionary<string, string> { ["Invite.Email"] = address, ["Invite.Role"] = "Member" });

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(message, refused.Document.QuerySelector("#invite-email-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before.Count, (await InvitationsAsync(Portal, organisation.Id)).Count);
        Assert.Empty(await Portal.WithDatabaseAsync(db => db.OutboxMessages.Where(m => m.To == address && m.Kind == MailKinds.Invitation && m.CreatedAt > DateTime.UtcNow.AddMinutes(-1)).ToListAsync()));
    }

    [Fact]
    public async Task Expired_withdrawn_used_and_altered_links_each_get_a_page_saying_so()
    {
        var organisation = await Portal.ActorAsync();
        var admin = await Portal.MemberAsync(organisation, MembershipRole.OrganisationAdmin, MembershipStatus.Active);
        var expired = await InvitationTestData.InviteAsync(Portal, organisation, admin, expiresAt: DateTime.UtcNow.AddMinutes(-1));
        var withdrawn = await InvitationTestData.InviteAsync(Portal, organisation, admin);
        var invitedEmail = await Portal.UserAsync(Password);
        var used = await InvitationTestData.InviteAsync(Portal, organisation, admin, invitedEmail);

        // The admin withdraws one from the members page; the invited person accepts the other.
        using (var adminBrowser = await SignedInAsync(Portal, await EmailOf(Portal, admin), AccessWorld.Password))
        {
            var members = await adminBrowser.GetOkAsync($"/organisations/{organisation.Id}/members");
            var after = await adminBrowser.SubmitAsync(members, $"tr[data-invitation='{withdrawn.Id}'] form", new Dictionary<string, string>());
            Assert.Contains("The invitation was withdrawn", after.Text, StringComparison.Ordinal);
            Assert.Null(after.Document.QuerySelector($"tr[data-invitation='{withdrawn.Id}']"));
        }
        using (var invited = await SignedInAsync(Portal, invitedEmail, Password))
        {
            var open = await invited.GetOkAsync($"/invitations/accept?token={used.Token}");
            await invited.SubmitAsync(open, "main form", new Dictionary<string, string>());
            var again = await invited.GetOkAsync($"/invitations/accept?token={used.Token}");
            Assert.Equal("This invitation was already accepted", again.Document.QuerySelector("h1")!.TextContent);
            Assert.Null(again.Document.QuerySelector("main form"));
        }

        using var browser = Portal.CreateBrowser();
        var altered = used.Token[..^2] + (used.Token[^2] == 'A' ? "B" : "A") + used.Token[^1];
        foreach (var (token, heading) in new[]
        {
            (expired.Token, "This invitation has expired"),
            (withdrawn.Token, "This invitation was withdrawn"),
            (used.Token, "This invitation was already accepted"),
            (altered, "This invitation link is not valid"),
            ("", "This invitation link is not valid"),
            (new string('x', 200), "This invitation link is not valid"),
        })
        {
            var page = await browser.GetOkAsync("/invitations/accept?token=" + Uri.EscapeDataString(token));
            Assert.Equal(heading, page.Document.QuerySelector("h1")!.TextContent);
            Assert.Null(page.Document.QuerySelector("main form"));
        }
        // Neither an expired nor a withdrawn invitation can be accepted by posting its token.
        var expiredEmail = (await InvitationsAsync(Portal, organisation.Id)).Single(i => i.Id == expired.Id).Email;
        Assert.Null(await MembershipAsync(Portal, expiredEmail, organisation.Id));
    }

    [Fact]
    public async Task Signed_in_with_another_address_the_invitation_is_refused_and_nothing_is_created()
    {
        var organisation = await Portal.ActorAsync();
        var admin = await Portal.MemberAsync(organisation, MembershipRole.OrganisationAdmin, MembershipStatus.Active);
        var invitation = await InvitationTestData.InviteAsync(Portal, organisation, admin, NewAddress());
        var someoneElse = await Portal.UserAsync(Password);
        using var browser = await SignedInAsync(Portal, someoneElse, Password);

        var page = await browser.GetOkAsync($"/invitations/accept?token={invitation.Token}");
        Assert.Contains($"but you are signed in as {someoneElse}", page.Text, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("main form"));
        using var posted = await PostAsync(browser, page, "/invitations/accept", new() { ["Token"] = invitation.Token });

        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Null(await MembershipAsync(Portal, someoneElse, organisation.Id));
        Assert.Null(Assert.Single(await InvitationsAsync(Portal, organisation.Id)).AcceptedAt);
    }

    [Fact]
    public async Task An_invitation_accepted_twice_at_once_makes_one_membership()
    {
        var organisation = await Portal.ActorAsync();
        var admin = await Portal.MemberAsync(organisation, MembershipRole.OrganisationAdmin, MembershipStatus.Active);
        var email = await Portal.UserAsync(Password);
        var invitation = await InvitationTestData.InviteAsync(Portal, organisation, admin, email, MembershipRole.OrganisationAdmin);
        using var first = await SignedInAsync(Portal, email, Password);
        using var second = await SignedInAsync(Portal, email, Password);
        var pages = await Task.WhenAll(first.GetOkAsync($"/invitations/accept?token={invitation.Token}"), second.GetOkAsync($"/invitations/accept?token={invitation.Token}"));

        var answers = await Task.WhenAll(first.SubmitAsync(pages[0], "main form", new Dictionary<string, string>()), second.SubmitAsync(pages[1], "main form", new Dictionary<string, string>()));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Single(answers, a => a.Text.Contains("Welcome: you are now a member", StringComparison.Ordinal));
        Assert.Equal((MembershipStatus.Active, MembershipRole.OrganisationAdmin), await MembershipAsync(Portal, email, organisation.Id) is { } m ? (m.Status, m.Role) : default);
        var accepted = await Portal.WithDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.Type == AuditEventType.InvitationAccepted && e.TargetId == TestData.Key(organisation.Id)));
        Assert.Equal(1, accepted);
    }

    [Theory]
    [InlineData("Someone <someone@example.org>")]
    [InlineData("someone@localhost")]
    [InlineData("some one@example.org")]
    [InlineData("someone@example..org")]
    [InlineData("someone@-example.org")]
    [InlineData("someone@[127.0.0.1]")]
    [InlineData("\"some one\"@example.org")]
    public async Task Registering_with_an_address_mail_cannot_reach_is_refused_next_to_the_field_and_nothing_is_saved(string address)
    {
        using var browser = Portal.CreateBrowser();
        var form = await browser.GetOkAsync("/account/register");

        var refused = await browser.SubmitAsync(form, "main form", new Dictionary<string, string> { ["Input.Email"] = address, ["Input.Password"] = Password });

        Assert.Equal("/account/register", refused.Address.AbsolutePath);
        Assert.False(string.IsNullOrWhiteSpace(refused.Document.QuerySelector("#email-error")!.TextContent), "a message next to the address");
        var normalized = address.Trim().ToUpperInvariant();
        Assert.False(await Portal.WithDatabaseAsync(db => db.Users.AnyAsync(u => u.NormalizedEmail == normalized)));
        Assert.Empty(await Portal.WithDatabaseAsync(db => db.OutboxMessages.Where(m => m.To == address.Trim()).ToListAsync()));
    }
}

[Collection(SqliteMailSuite.Name)]
public sealed class InvitationsOnSqlite(SqliteMailFixture fixture) : InvitationTests(fixture);

[Collection(PostgresMailSuite.Name)]
public sealed class InvitationsOnPostgres(PostgresMailFixture fixture) : InvitationTests(fixture);
