using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Mail;
using SscPortal.Web.Notifications;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Who is told what: each kind of notification reaches exactly the people it should (in the portal, and by mail through a
/// real SMTP server, in their language, with a one-click unsubscribe), preferences and unsubscribe links are honoured,
/// digests gather a day's notifications into one mail, and following a search, a country or an organisation tells the
/// follower of matching publications only. A person reads and marks only their own notifications.
/// </summary>
public abstract class NotificationTests(MailFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;
    private TestSmtpServer Smtp => fixture.Smtp;

    private Task<string> EmailOfAsync(string userId) =>
        Portal.WithServicesAsync(async s => (await s.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(userId))!.Email!);

    private Task<List<Notification>> NotificationsOfAsync(string? userId) =>
        Portal.WithDatabaseAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.Id).ToListAsync());

    private Task<List<OutboxMessage>> MailToAsync(string email) =>
        Portal.WithDatabaseAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.To == email).ToListAsync());

    private static async Task PublishAsync(HtmlClient admin, string path)
    {
        var page = await admin.GetOkAsync(path);
        await admin.SubmitAsync(page, "form[action*='handler=Publish']", new Dictionary<string, string>());
    }

    private async Task<(AccessWorld World, int Initiative, string OtherAgencyMember, string OtherCsoMember)> AssessedWorldAsync()
    {
        var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "BO", DateTime.UtcNow.AddMinutes(-5), title: TestData.Unique("Seed banks"));
        var otherAgency = await Portal.MemberAsync(world.AgencyH, MembershipRole.OrganisationAdmin, MembershipStatus.Active);
        var otherCso = await Portal.MemberAsync(world.CsoB, MembershipRole.OrganisationAdmin, MembershipStatus.Active);
        return (world, initiative, otherAgency, otherCso);
    }

    [Fact]
    public async Task A_published_assessment_tells_the_official_parties_members_by_mail_and_nobody_else()
    {
        var (world, initiative, otherAgency, otherCso) = await AssessedWorldAsync();
        await using var _ = world;
        var draft = await Portal.AssessmentAsync(world.CsoA, initiative, publishedAt: null);

        // A draft, however often it is saved, tells nobody.
        await Portal.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<Notices>().RecordChangedAsync(RecordType.Assessment, draft, ChangeKind.Edited, asModerator: false);
            return await s.GetRequiredService<AppDbContext>().SaveChangesAsync();
        });
        Assert.Empty(await NotificationsOfAsync(world.UserIds[Role.AgencyAdmin]));

        using (var admin = await world.BrowserAsync(Role.CsoAdmin)) await PublishAsync(admin, $"/assessments/{draft}");

        var title = await Portal.WithDatabaseAsync(db => db.Initiatives.Where(i => i.Id == initiative).Select(i => i.Title).SingleAsync());
        foreach (var role in new[] { Role.AgencyAdmin, Role.AgencyMember })
        {
            var told = Assert.Single(await NotificationsOfAsync(world.UserIds[role]));
            Assert.Equal((NotificationKind.AssessmentPublished, $"/assessments/{draft}", title), (told.Kind, told.Path, told.Subject));
        }
        // Not the other agency, not another CSO, not the assessors themselves (one of them published it).
        foreach (var user in new[] { otherAgency, otherCso, world.UserIds[Role.CsoAdmin]!, world.UserIds[Role.CsoMember]!, world.UserIds[Role.Moderator]! })
        {
            Assert.Empty(await NotificationsOfAsync(user));
            Assert.Empty(await MailToAsync(await EmailOfAsync(user)));
        }

        var mail = await Smtp.WaitForAsync(await EmailOfAsync(world.UserIds[Role.AgencyAdmin]!));
        Assert.Contains(title, mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"{MailFixture.PublicUrl}/assessments/{draft}", mail.TextBody!, StringComparison.Ordinal);
        Assert.Contains($"{MailFixture.PublicUrl}/assessments/{draft}", mail.HtmlBody!, StringComparison.Ordinal);
        var unsubscribe = mail.Headers[HeaderId.ListUnsubscribe];
        Assert.StartsWith($"<{MailFixture.PublicUrl}/unsubscribe/", unsubscribe, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task A_response_tells_the_assessing_organisation_and_a_moderators_hold_and_its_release_tell_the_owners_with_the_reason()
    {
        var (world, initiative, otherAgency, _) = await AssessedWorldAsync();
        await using var _w = world;
        var assessment = await Portal.AssessmentAsync(world.CsoA, initiative, DateTime.UtcNow.AddMinutes(-1));

        using (var agency = await world.BrowserAsync(Role.AgencyAdmin))
            await agency.SubmitAsync(await agency.GetOkAsync($"/assessments/{assessment}"), "form[action*='handler=Respond']",
                new Dictionary<string, string> { ["ResponseText"] = "We will consult farmers before the next phase." });
        foreach (var role in new[] { Role.CsoAdmin, Role.CsoMember })
            Assert.Equal(NotificationKind.ResponsePublished, Assert.Single(await NotificationsOfAsync(world.UserIds[role])).Kind);
        Assert.Empty(await NotificationsOfAsync(world.UserIds[Role.AgencyMember]));
        Assert.Empty(await NotificationsOfAsync(otherAgency));

        var record = await Portal.InitiativeAsync(world.CsoA, "PE", "PY", DateTime.UtcNow.AddMinutes(-1), title: TestData.Unique("Water boards"));
        using (var moderator = await world.BrowserAsync(Role.Moderator))
        {
            await moderator.SubmitAsync(await moderator.GetOkAsync($"/initiatives/{record}"), "form[action*='handler=Unpublish']",
                new Dictionary<string, string> { ["Reason"] = "Names a minor in the description" });
            await moderator.SubmitAsync(await moderator.GetOkAsync($"/initiatives/{record}"), "form[action*='handler=Release']", new Dictionary<string, string>());
        }
        foreach (var role in new[] { Role.CsoAdmin, Role.CsoMember })
        {
            var told = (await NotificationsOfAsync(world.UserIds[role])).Where(n => n.Path == $"/initiatives/{record}").ToList();
            Assert.Equal([NotificationKind.RecordHeld, NotificationKind.HoldLifted], told.Select(n => n.Kind));
            Assert.Equal("Names a minor in the description", told[0].Detail);
        }
        Assert.Empty(await NotificationsOfAsync(world.UserIds[Role.AgencyAdmin]));

        // What the member reads in the portal: the sentence, the reason, a link to the record.
        using var member = await world.BrowserAsync(Role.CsoMember);
        var list = await member.GetOkAsync("/my/notifications");
        Assert.Contains("A moderator unpublished", list.Text, StringComparison.Ordinal);
        Assert.Contains("Names a minor in the description", list.Text, StringComparison.Ordinal);
        Assert.NotNull(list.Document.QuerySelector($"a[href='/initiatives/{record}']"));
    }

    [Fact]
    public async Task A_membership_claim_tells_the_organisations_admins_and_a_proposed_organisation_tells_the_moderators()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var (client, token) = await world.ClientAsync(Role.NoOrganisation);
        var claim = await client.PostAsync(new Uri("/account/organisations?handler=Claim", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["actorId"] = TestData.Key(world.CsoA.Id), ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, claim.StatusCode);

        var told = Assert.Single(await NotificationsOfAsync(world.UserIds[Role.CsoAdmin]));
        Assert.Equal((NotificationKind.MembershipClaimed, $"/organisations/{world.CsoA.Id}/members", world.CsoA.Name), (told.Kind, told.Path, told.Subject));
        Assert.Equal(await EmailOfAsync(world.UserIds[Role.NoOrganisation]!), told.Detail);
        Assert.Empty(await NotificationsOfAsync(world.UserIds[Role.CsoMember]));
        Assert.Empty(await NotificationsOfAsync(world.UserIds[Role.Moderator]));

        var name = TestData.Unique("Red de mujeres rurales");
        var proposed = await client.PostAsync(new Uri("/account/organisations?handler=Propose", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Proposal.Name"] = name, ["Proposal.Type"] = "NationalCso", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        foreach (var role in new[] { Role.Moderator, Role.Administrator })
            Assert.Contains(await NotificationsOfAsync(world.UserIds[role]), n => n.Kind == NotificationKind.OrganisationProposed && n.Subject == name);
        Assert.DoesNotContain(await NotificationsOfAsync(world.UserIds[Role.CsoAdmin]), n => n.Kind == NotificationKind.OrganisationProposed);
    }

    [Fact]
    public async Task Preferences_and_the_language_of_the_account_are_honoured_and_a_one_click_unsubscribe_needs_no_sign_in()
    {
        var (world, initiative, _, _) = await AssessedWorldAsync();
        await using var _w = world;
        // The agency member wants this kind only in the portal; the admin wants mail, in Spanish.
        using (var member = await world.BrowserAsync(Role.AgencyMember))
            await member.SubmitAsync(await member.GetOkAsync("/my/settings"), "main form",
                new Dictionary<string, string> { ["Language"] = "en", [$"Deliveries[{NotificationKind.AssessmentPublished}]"] = nameof(NotificationDelivery.PortalOnly) });
        using (var admin = await world.BrowserAsync(Role.AgencyAdmin))
        {
            var saved = await admin.SubmitAsync(await admin.GetOkAsync("/my/settings"), "main form", new Dictionary<string, string> { ["Language"] = "es" });
            Assert.Contains("Su configuración está guardada.", saved.Text, StringComparison.Ordinal);
        }
        Assert.Equal("es", await Portal.WithDatabaseAsync(db => db.Users.Where(u => u.Id == world.UserIds[Role.AgencyAdmin]).Select(u => u.Language).SingleAsync()));

        var assessment = await Portal.AssessmentAsync(world.CsoA, initiative, publishedAt: null);
        using (var cso = await world.BrowserAsync(Role.CsoAdmin)) await PublishAsync(cso, $"/assessments/{assessment}");

        var memberEmail = await EmailOfAsync(world.UserIds[Role.AgencyMember]!);
        Assert.Equal(NotificationDelivery.PortalOnly, Assert.Single(await NotificationsOfAsync(world.UserIds[Role.AgencyMember])).Delivery);
        Assert.Empty(await MailToAsync(memberEmail));

        var mail = await Smtp.WaitForAsync(await EmailOfAsync(world.UserIds[Role.AgencyAdmin]!));
        Assert.StartsWith("Se publicó una evaluación de", mail.Subject, StringComparison.Ordinal);
        Assert.Equal("es", mail.Body!.Headers[HeaderId.ContentLanguage]);

        // The mail program's one-click POST: no cookie, no antiforgery token, only the signed link.
        var link = mail.Headers[HeaderId.ListUnsubscribe]!.Trim('<', '>');
        var path = new Uri(link).AbsolutePath;
        using var anonymous = Portal.CreateClient();
        var shown = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var done = await anonymous.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var preference = await Portal.WithDatabaseAsync(db => db.NotificationPreferences.AsNoTracking()
            .SingleAsync(p => p.UserId == world.UserIds[Role.AgencyAdmin] && p.Kind == NotificationKind.AssessmentPublished));
        Assert.Equal(NotificationDelivery.PortalOnly, preference.Delivery);

        // A changed or made-up token gets a clear page and changes nothing.
        foreach (var bad in new[] { path[..^3] + "abc", "/unsubscribe/not-a-token", path + "x" })
        {
            var refused = await anonymous.PostAsync(new Uri(bad, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>()));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("This unsubscribe link is not valid", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_published_revision_tells_the_parties_and_a_new_framework_tells_only_the_organisations_with_drafts_on_the_old_one()
    {
        var (world, initiative, otherAgency, otherCso) = await AssessedWorldAsync();
        await using var _w = world;
        var published = await Portal.AssessmentAsync(world.CsoA, initiative, DateTime.UtcNow.AddMinutes(-2));
        using (var admin = await world.BrowserAsync(Role.CsoAdmin))
        {
            var revision = await admin.SubmitAsync(await admin.GetOkAsync($"/assessments/{published}"), "form[action*='handler=Revise']", new Dictionary<string, string>());
            var revisedId = int.Parse(revision.Address.AbsolutePath.Split('/')[^2], System.Globalization.CultureInfo.InvariantCulture);
            await PublishAsync(admin, $"/assessments/{revisedId}");
            foreach (var role in new[] { Role.AgencyAdmin, Role.AgencyMember })
            {
                var told = Assert.Single(await NotificationsOfAsync(world.UserIds[role]), n => n.Kind == NotificationKind.AssessmentRevised);
                Assert.Equal($"/assessments/{revisedId}", told.Path);
            }
            Assert.Empty(await NotificationsOfAsync(otherAgency));
        }

        // CSO A has a draft on the current framework; CSO B has none. A new version tells A's members only.
        await Portal.AssessmentAsync(world.CsoA, initiative, publishedAt: null, complete: false);
        using var administrator = await world.BrowserAsync(Role.Administrator);
        var page = await administrator.GetOkAsync("/admin/frameworks");
        var definition = System.Text.Json.Nodes.JsonNode.Parse(page.Document.QuerySelector("#definition")!.TextContent)!;
        definition["title"]!["en"] = "People-centred assessment framework, " + TestData.Word();
        var saved = await administrator.SubmitAsync(page, "form.record-form", new Dictionary<string, string> { ["Text"] = definition.ToJsonString() });
        Assert.Contains("of the framework is published", saved.Text, StringComparison.Ordinal);
        foreach (var role in new[] { Role.CsoAdmin, Role.CsoMember })
            Assert.Equal("/my", Assert.Single(await NotificationsOfAsync(world.UserIds[role]), n => n.Kind == NotificationKind.FrameworkPublished).Path);
        foreach (var user in new[] { otherCso, world.UserIds[Role.AgencyAdmin]!, world.UserIds[Role.Administrator]! })
            Assert.DoesNotContain(await NotificationsOfAsync(user), n => n.Kind == NotificationKind.FrameworkPublished);
    }

    [Fact]
    public async Task Nobody_outside_is_told_of_an_assessment_the_public_cannot_read_and_an_agency_assessing_itself_owes_itself_nothing()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var followerId = world.UserIds[Role.NoOrganisation]!;
        var (client, token) = await world.ClientAsync(Role.NoOrganisation);
        await client.PostAsync(new Uri("/my/following?handler=Follow", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["kind"] = "Organisation", ["key"] = TestData.Key(world.CsoA.Id), ["__RequestVerificationToken"] = token,
        }));

        // An assessment of an initiative that is still a draft: published by its assessor, read by nobody outside.
        var hidden = await Portal.InitiativeAsync(world.AgencyG, "PE", "BO", publishedAt: null);
        var assessment = await Portal.AssessmentAsync(world.CsoA, hidden, publishedAt: null);
        using (var admin = await world.BrowserAsync(Role.CsoAdmin)) await PublishAsync(admin, $"/assessments/{assessment}");
        Assert.Equal(PublicationState.Published, await Portal.WithDatabaseAsync(db => db.Assessments.Where(a => a.Id == assessment).Select(a => a.Publication).SingleAsync()));
        Assert.Empty(await NotificationsOfAsync(followerId));
        Assert.Empty(await NotificationsOfAsync(world.UserIds[Role.AgencyMember]));

        // The agency's self-assessment of its own published initiative: its colleagues are not asked to respond to themselves.
        var own = await Portal.InitiativeAsync(world.AgencyG, "PE", "BO", DateTime.UtcNow.AddMinutes(-5));
        var self = await Portal.AssessmentAsync(world.AgencyG, own, publishedAt: null);
        using (var agency = await world.BrowserAsync(Role.AgencyAdmin)) await PublishAsync(agency, $"/assessments/{self}");
        Assert.DoesNotContain(await NotificationsOfAsync(world.UserIds[Role.AgencyMember]), n => n.Kind == NotificationKind.AssessmentPublished);
        using var visitor = Portal.CreateBrowser();
        Assert.DoesNotContain("Response awaited", (await visitor.GetOkAsync($"/assessments/{self}")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crafted_follow_or_settings_form_is_refused_with_a_message_and_saves_nothing()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var me = world.UserIds[Role.CsoMember]!;
        var (client, token) = await world.ClientAsync(Role.CsoMember);
        // A search whose words, percent-encoded as the catalogue writes them, would not fit.
        var followed = await client.PostAsync(new Uri("/my/following?handler=Follow", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["kind"] = "Search", ["key"] = "q=" + new string('ж', 190), ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        Assert.Equal(0, await Portal.WithDatabaseAsync(db => db.Follows.CountAsync(f => f.UserId == me)));

        // Two names for one kind (enum parsing would take "a,b"), and a kind that does not exist.
        foreach (var key in new[] { "MembershipClaimed,OrganisationProposed", "12", "Nothing" })
        {
            var saved = await client.PostAsync(new Uri("/my/settings", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Language"] = "fr", [$"Deliveries[{key}]"] = "PortalOnly", ["__RequestVerificationToken"] = token,
            }));
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Contains("Choose one of the options listed.", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(0, await Portal.WithDatabaseAsync(db => db.NotificationPreferences.CountAsync(p => p.UserId == me)));
        Assert.Equal("en", await Portal.WithDatabaseAsync(db => db.Users.Where(u => u.Id == me).Select(u => u.Language).SingleAsync()));
    }

    [Fact]
    public async Task A_daily_digest_gathers_the_days_notifications_into_one_mail_sent_once()
    {
        var (world, initiative, _, _) = await AssessedWorldAsync();
        await using var _w = world;
        var memberId = world.UserIds[Role.AgencyMember]!;
        await Portal.WithDatabaseAsync(async db =>
        {
            db.NotificationPreferences.Add(new NotificationPreference { UserId = memberId, Kind = NotificationKind.AssessmentPublished, Delivery = NotificationDelivery.DailyDigest });
            db.NotificationPreferences.Add(new NotificationPreference { UserId = memberId, Kind = NotificationKind.AssessmentRevised, Delivery = NotificationDelivery.DailyDigest });
            return await db.SaveChangesAsync();
        });
        var second = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), title: TestData.Unique("Fisheries"));
        var assessments = new[] { await Portal.AssessmentAsync(world.CsoA, initiative, null), await Portal.AssessmentAsync(world.CsoA, second, null) };
        using (var cso = await world.BrowserAsync(Role.CsoAdmin))
            foreach (var id in assessments) await PublishAsync(cso, $"/assessments/{id}");
        var email = await EmailOfAsync(memberId);
        Assert.Equal(2, (await NotificationsOfAsync(memberId)).Count(n => n.Delivery == NotificationDelivery.DailyDigest && n.DigestedAt == null));
        Assert.Empty(await MailToAsync(email));

        Task<int> RunDigestsAsync(DateTime at) => Portal.WithServicesAsync(s => s.GetRequiredService<Digests>().SendDueAsync(at, TestContext.Current.CancellationToken));
        var tomorrow = DateTime.UtcNow.AddDays(1);
        // Two instances at once: one digest.
        await Task.WhenAll(RunDigestsAsync(tomorrow), RunDigestsAsync(tomorrow));
        await RunDigestsAsync(tomorrow.AddHours(1));
        var mail = await Smtp.WaitForAsync(email);
        foreach (var id in assessments) Assert.Contains($"{MailFixture.PublicUrl}/assessments/{id}", mail.TextBody!, StringComparison.Ordinal);
        Assert.Single(await MailToAsync(email));
        Assert.All(await NotificationsOfAsync(memberId), n => Assert.NotNull(n.DigestedAt));
        Assert.StartsWith($"<{MailFixture.PublicUrl}/unsubscribe/", mail.Headers[HeaderId.ListUnsubscribe], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_reads_and_marks_only_their_own_notifications()
    {
        var (world, initiative, _, _) = await AssessedWorldAsync();
        await using var _w = world;
        var assessment = await Portal.AssessmentAsync(world.CsoA, initiative, null);
        using (var cso = await world.BrowserAsync(Role.CsoAdmin)) await PublishAsync(cso, $"/assessments/{assessment}");
        var theirs = Assert.Single(await NotificationsOfAsync(world.UserIds[Role.AgencyAdmin]));

        // Someone else cannot mark it, nor learn whether it exists.
        var (intruder, token) = await world.ClientAsync(Role.AgencyMember);
        var refused = await intruder.PostAsync(new Uri($"/my/notifications?handler=Read&id={theirs.Id}", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Null((await NotificationsOfAsync(world.UserIds[Role.AgencyAdmin])).Single().ReadAt);
        var intruderList = await (await world.BrowserAsync(Role.AgencyMember)).GetOkAsync("/my/notifications");
        Assert.Null(intruderList.Document.QuerySelector($"form[action*='id={theirs.Id}']"));

        using var admin = await world.BrowserAsync(Role.AgencyAdmin);
        var list = await admin.GetOkAsync("/my/notifications");
        Assert.Contains("1", list.Document.QuerySelector(".account-nav .bell .count")!.TextContent, StringComparison.Ordinal);
        var read = await admin.SubmitAsync(list, $"form[action*='id={theirs.Id}']", new Dictionary<string, string>());
        Assert.NotNull((await NotificationsOfAsync(world.UserIds[Role.AgencyAdmin])).Single().ReadAt);
        Assert.Null(read.Document.QuerySelector(".account-nav .bell .count"));
    }

    [Fact]
    public async Task Following_a_search_tells_the_follower_of_a_matching_publication_and_of_nothing_else()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var word = TestData.Word();
        using var follower = await world.BrowserAsync(Role.NoOrganisation);
        var followerId = world.UserIds[Role.NoOrganisation]!;
        var catalogue = await follower.GetOkAsync($"/initiatives?q={word}&country=PE");
        var followed = await follower.SubmitAsync(catalogue, "form[action*='handler=Follow']", new Dictionary<string, string>());
        Assert.Contains("/initiatives", followed.Address.AbsolutePath, StringComparison.Ordinal);
        Assert.NotNull(followed.Document.QuerySelector("form[action*='handler=Remove']"));
        var follow = await Portal.WithDatabaseAsync(db => db.Follows.AsNoTracking().SingleAsync(f => f.UserId == followerId));
        Assert.Equal(FollowKind.Search, follow.Kind);
        // Pressed again: still one follow.
        var (client, token) = await world.ClientAsync(Role.NoOrganisation);
        await client.PostAsync(new Uri("/my/following?handler=Follow", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["kind"] = "Search", ["key"] = follow.Key, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.Follows.CountAsync(f => f.UserId == followerId)));

        var matching = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null, title: $"Seed banks for {word} farmers");
        var elsewhere = await Portal.InitiativeAsync(world.CsoA, "AR", "BO", publishedAt: null, title: $"Seed banks for {word} farmers");
        var unrelated = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null, title: $"Fisheries {TestData.Word()}");
        using (var admin = await world.BrowserAsync(Role.CsoAdmin))
            foreach (var id in new[] { matching, elsewhere, unrelated }) await PublishAsync(admin, $"/initiatives/{id}");

        var told = Assert.Single(await NotificationsOfAsync(followerId));
        Assert.Equal((NotificationKind.Followed, $"/initiatives/{matching}", ChangeKind.Published), (told.Kind, told.Path, told.Change));
        // Following is opt-in: nobody else was told of these publications.
        Assert.Empty(await NotificationsOfAsync(world.UserIds[Role.AgencyAdmin]));

        // The list shows it; another person cannot remove it.
        Assert.Contains(word, (await follower.GetOkAsync("/my/following")).Text, StringComparison.Ordinal);
        var (intruder, intruderToken) = await world.ClientAsync(Role.CsoMember);
        var refused = await intruder.PostAsync(new Uri($"/my/following?handler=Remove&id={follow.Id}", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = intruderToken }));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.Follows.CountAsync(f => f.UserId == followerId)));
        var removed = await follower.SubmitAsync(await follower.GetOkAsync("/my/following"), "form[action*='handler=Remove']", new Dictionary<string, string>());
        Assert.Contains("You no longer follow", removed.Text, StringComparison.Ordinal);
        Assert.Equal(0, await Portal.WithDatabaseAsync(db => db.Follows.CountAsync(f => f.UserId == followerId)));
    }

    [Fact]
    public async Task Following_a_country_an_organisation_and_an_initiative_tells_of_their_publications_assessments_and_changes()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var followerId = world.UserIds[Role.NoOrganisation]!;
        var (client, token) = await world.ClientAsync(Role.NoOrganisation);
        async Task FollowAsync(FollowKind kind, string key) => Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(new Uri("/my/following?handler=Follow", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["kind"] = kind.ToString(), ["key"] = key, ["__RequestVerificationToken"] = token }))).StatusCode);
        var initiative = await Portal.InitiativeAsync(world.AgencyH, "CL", "HN", DateTime.UtcNow.AddMinutes(-5), title: TestData.Unique("Watch me"));
        await FollowAsync(FollowKind.Initiative, TestData.Key(initiative));
        await FollowAsync(FollowKind.Organisation, TestData.Key(world.CsoB.Id));
        await FollowAsync(FollowKind.Country, "py");
        // Nothing that does not exist can be followed.
        await FollowAsync(FollowKind.Country, "QQ");
        await FollowAsync(FollowKind.Initiative, "999999999");
        var follows = await Portal.WithDatabaseAsync(db => db.Follows.AsNoTracking().Where(f => f.UserId == followerId).OrderBy(f => f.Id).ToListAsync());
        Assert.Equal([(FollowKind.Initiative, TestData.Key(initiative)), (FollowKind.Organisation, TestData.Key(world.CsoB.Id)), (FollowKind.Country, "PY")],
            follows.Select(f => (f.Kind, f.Key)));

        var assessment = await Portal.AssessmentAsync(world.CsoA, initiative, null);
        var inParaguay = await Portal.InitiativeAsync(world.CsoA, "PE", "PY", null, title: TestData.Unique("Paraguay"));
        using (var admin = await world.BrowserAsync(Role.CsoAdmin))
        {
            await PublishAsync(admin, $"/assessments/{assessment}");
            await PublishAsync(admin, $"/initiatives/{inParaguay}");
        }
        var told = await NotificationsOfAsync(followerId);
        Assert.Equal([$"/assessments/{assessment}", $"/initiatives/{inParaguay}"], told.Select(n => n.Path));
        Assert.All(told, n => Assert.Equal(NotificationKind.Followed, n.Kind));
        // Followed kinds come in the daily digest by default: no mail at once.
        Assert.Empty(await MailToAsync(await EmailOfAsync(followerId)));
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteNotificationSuite : ICollectionFixture<SqliteMailFixture>
{
    public const string Name = "Notifications on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresNotificationSuite : ICollectionFixture<PostgresMailFixture>
{
    public const string Name = "Notifications on PostgreSQL";
}

[Collection(SqliteNotificationSuite.Name)]
public sealed class NotificationsOnSqlite(SqliteMailFixture fixture) : NotificationTests(fixture);

[Collection(PostgresNotificationSuite.Name)]
public sealed class NotificationsOnPostgres(PostgresMailFixture fixture) : NotificationTests(fixture);
