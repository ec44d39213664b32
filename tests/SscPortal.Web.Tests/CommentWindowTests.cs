using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Notifications;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// A draft offered for factual comment (issue 16, item 1), over HTTP: the assessor's admin offers a complete draft to two
/// official parties; their members are told, read it and comment (one publicly, one for the assessor only); the assessor's
/// members are told and read every comment; the assessor revises and publishes, and the public sees the offer, how many
/// comments came and the public one only. Outsiders, closed windows and bad input are refused, save nothing and are audited.
/// </summary>
public abstract class CommentWindowTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private const string PublicComment = "The budget was 2 million, not 3: see the signed agreement.";
    private const string PrivateComment = "Our internal audit of the seed stores is due in March.";

    /// <summary>An initiative of G in which H takes part (both official parties), a complete draft of A, and people of H, of another agency K and of CSO B.</summary>
    private sealed record Scene(AccessWorld World, int Initiative, int Draft, Actor AgencyK, string HMember, string KMember, string BMember) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => World.DisposeAsync();
    }

    private async Task<Scene> SceneAsync()
    {
        var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "BO", DateTime.UtcNow.AddMinutes(-5), title: TestData.Unique("Seed banks"));
        await Portal.WithDatabaseAsync(async db =>
        {
            db.Add(new InitiativeActor { InitiativeId = initiative, ActorId = world.AgencyH.Id, Role = ActorRole.Implementing });
            return await db.SaveChangesAsync();
        });
        var agencyK = await Portal.ActorAsync(ActorType.Government, TestData.Unique("Agency K"));
        var draft = await Portal.AssessmentAsync(world.CsoA, initiative, publishedAt: null);
        return new Scene(world, initiative, draft, agencyK,
            await Portal.MemberAsync(world.AgencyH, MembershipRole.Member, MembershipStatus.Active),
            await Portal.MemberAsync(agencyK, MembershipRole.OrganisationAdmin, MembershipStatus.Active),
            await Portal.MemberAsync(world.CsoB, MembershipRole.OrganisationAdmin, MembershipStatus.Active));
    }

    private Task<HtmlClient> BrowserOfAsync(string userId, bool followRedirects = true) => Portal.BrowserOfAsync(userId, followRedirects);

    /// <summary>A form posted directly by the account (as a crafted request would be); redirects are not followed.</summary>
    private async Task<HttpResponseMessage> PostAsync(string userId, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        using var browser = await BrowserOfAsync(userId, followRedirects: false);
        return await browser.PostCraftedAsync(url, form);
    }

    private static Dictionary<string, string> CommentForm(int commenterId, string text, bool isPublic = true, string indicator = "") => new()
    {
        ["CommenterId"] = TestData.Key(commenterId), ["CommentText"] = text, ["CommentPublic"] = isPublic ? "true" : "false", ["CommentIndicator"] = indicator,
    };

    private Task<List<Notification>> NotificationsOfAsync(string? userId, NotificationKind kind) =>
        Portal.WithDatabaseAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.Kind == kind).ToListAsync());

    private Task<int> CommentsOnAsync(int draft) => Portal.WithDatabaseAsync(db => db.AssessmentComments.CountAsync(c => c.AssessmentId == draft));

    private Task<int> RefusalsAsync(int draft, string? userId) =>
        Portal.WithDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.Type == AuditEventType.AccessRefused && e.TargetType == "assessment" && e.TargetId == TestData.Key(draft) && e.UserId == userId));

    private static async Task OfferAsync(AccessWorld world, int draft)
    {
        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        var page = await admin.GetOkAsync($"/assessments/{draft}");
        var offered = await admin.SubmitAsync(page, "form.offer", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, offered.Status);
    }

    [Fact]
    public async Task A_draft_offered_to_two_parties_is_commented_on_revised_and_published_with_the_public_comment_beside_it()
    {
        await using var scene = await SceneAsync();
        var (world, draft) = (scene.World, scene.Draft);
        var framework = await Portal.WithDatabaseAsync(db => db.AssessmentFrameworks.AsNoTracking().OrderByDescending(f => f.Version).FirstAsync());
        var indicator = framework.Indicators.First().Code;

        // The CSO's admin offers the complete draft to both parties, 14 days by default.
        using (var admin = await world.BrowserAsync(Role.CsoAdmin))
        {
            var page = await admin.GetOkAsync($"/assessments/{draft}");
            Assert.Equal("14", page.Document.QuerySelector("#offer-days")!.GetAttribute("value"));
            Assert.Equal(2, page.Document.QuerySelectorAll("form.offer input[name='OfferTo']").Length);
            var offered = await admin.SubmitAsync(page, "form.offer", new Dictionary<string, string>());
            Assert.Contains(world.AgencyG.Name, offered.Text, StringComparison.Ordinal);
            Assert.Null(offered.Document.QuerySelector("form.offer"));
        }
        var window = await Portal.WithDatabaseAsync(db => db.CommentWindows.AsNoTracking().Include(w => w.Parties).SingleAsync(w => w.AssessmentId == draft));
        Assert.Equal([world.AgencyG.Id, world.AgencyH.Id], window.Parties.Select(p => p.PartyId).Order());
        Assert.Equal(TimeSpan.FromDays(14), window.ClosesAt - window.OpenedAt);
        Assert.Equal(world.UserIds[Role.CsoAdmin], window.OfferedBy);

        // Exactly the parties' members are told.
        foreach (var user in new[] { world.UserIds[Role.AgencyMember], world.UserIds[Role.AgencyAdmin], scene.HMember })
            Assert.Equal($"/assessments/{draft}", Assert.Single(await NotificationsOfAsync(user, NotificationKind.DraftOffered)).Path);
        foreach (var user in new[] { world.UserIds[Role.CsoMember], world.UserIds[Role.CsoAdmin], world.UserIds[Role.Moderator], scene.KMember, scene.BMember })
            Assert.Empty(await NotificationsOfAsync(user, NotificationKind.DraftOffered));

        // G comments publicly on an indicator; H for the assessor only, on the whole.
        using (var agency = await world.BrowserAsync(Role.AgencyMember))
        {
            var page = await agency.GetOkAsync($"/assessments/{draft}");
            Assert.Contains("Too little was made public to judge.", page.Text, StringComparison.Ordinal);
            Assert.Null(page.Document.QuerySelector("form.offer"));
            var sent = await agency.SubmitAsync(page, "form.comment-form", new Dictionary<string, string>
            {
                ["CommentText"] = PublicComment, ["CommentPublic"] = "true", ["CommentIndicator"] = indicator,
            });
            Assert.True(sent.Text.Contains(PublicComment, StringComparison.Ordinal), $"{sent.Address} {(int)sent.Status}: " + string.Join(" | ", sent.Document.QuerySelectorAll(".field-error, .notice").Select(e => e.TextContent)));
        }
        using (var h = await BrowserOfAsync(scene.HMember))
        {
            var page = await h.GetOkAsync($"/assessments/{draft}");
            var sent = await h.SubmitAsync(page, "form.comment-form", new Dictionary<string, string> { ["CommentText"] = PrivateComment, ["CommentPublic"] = "false" });
            Assert.Contains(PrivateComment, sent.Text, StringComparison.Ordinal);
            // A party reads its own comments on the draft, not another party's.
            Assert.DoesNotContain(PublicComment, sent.Text, StringComparison.Ordinal);
        }
        var comments = await Portal.WithDatabaseAsync(db => db.AssessmentComments.AsNoTracking().Where(c => c.AssessmentId == draft).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal([(world.AgencyG.Id, (string?)indicator, true), (world.AgencyH.Id, null, false)], comments.Select(c => (c.OrganisationId, c.IndicatorCode, c.IsPublic)));

        // The assessor's members are told of each comment, and read both as they come; nobody else is told.
        foreach (var role in new[] { Role.CsoMember, Role.CsoAdmin })
            Assert.Equal(2, (await NotificationsOfAsync(world.UserIds[role], NotificationKind.CommentReceived)).Count);
        foreach (var user in new[] { world.UserIds[Role.AgencyMember], world.UserIds[Role.AgencyAdmin], scene.HMember, scene.KMember, scene.BMember })
            Assert.Empty(await NotificationsOfAsync(user, NotificationKind.CommentReceived));
        using (var member = await world.BrowserAsync(Role.CsoMember))
        {
            var page = await member.GetOkAsync($"/assessments/{draft}");
            Assert.Contains(PublicComment, page.Text, StringComparison.Ordinal);
            Assert.Contains(PrivateComment, page.Text, StringComparison.Ordinal);
        }

        // The window informs, never blocks: the assessor revises and publishes before it closes.
        using (var admin = await world.BrowserAsync(Role.CsoAdmin))
        {
            var edit = await admin.GetOkAsync($"/assessments/{draft}/edit");
            await admin.SubmitAsync(edit, "form.record-form", new Dictionary<string, string> { ["Input.Findings"] = "Corrected: the budget was 2 million." });
            var page = await admin.GetOkAsync($"/assessments/{draft}");
            var published = await admin.SubmitAsync(page, "form[action*='handler=Publish']", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.OK, published.Status);
        }
        var assessment = await Portal.WithDatabaseAsync(db => db.Assessments.AsNoTracking().SingleAsync(a => a.Id == draft));
        Assert.Equal((PublicationState.Published, "Corrected: the budget was 2 million."), (assessment.Publication, assessment.Findings));

        // The public sees the offer, to whom, when, how many comments came, and the public one, never the private one.
        using var anonymous = Portal.CreateBrowser();
        var shown = await anonymous.GetOkAsync($"/assessments/{draft}");
        var section = shown.Document.QuerySelector("#comments")!.TextContent;
        Assert.Contains(world.AgencyG.Name, section, StringComparison.Ordinal);
        Assert.Contains(world.AgencyH.Name, section, StringComparison.Ordinal);
        Assert.Contains(window.OpenedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), section, StringComparison.Ordinal);
        Assert.Contains("2 comments were received", section, StringComparison.Ordinal);
        Assert.Contains(PublicComment, section, StringComparison.Ordinal);
        Assert.DoesNotContain(PrivateComment, shown.Text, StringComparison.Ordinal);
        // Nor does anyone outside the assessor's organisation see it, the party that wrote it included.
        foreach (var user in new[] { scene.HMember, world.UserIds[Role.AgencyAdmin]!, world.UserIds[Role.Moderator]! })
        {
            using var reader = await BrowserOfAsync(user);
            var page = await reader.GetOkAsync($"/assessments/{draft}");
            Assert.Contains(PublicComment, page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(PrivateComment, page.Text, StringComparison.Ordinal);
        }
        using (var member = await world.BrowserAsync(Role.CsoMember))
            Assert.Contains(PrivateComment, (await member.GetOkAsync($"/assessments/{draft}")).Text, StringComparison.Ordinal);

        // Once published, nobody comments any more.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(world.UserIds[Role.AgencyMember]!, $"/assessments/{draft}?handler=Comment", CommentForm(world.AgencyG.Id, "Too late."))).StatusCode);
        Assert.Equal(2, await CommentsOnAsync(draft));
    }

    [Fact]
    public async Task Organisations_it_was_not_offered_to_neither_see_nor_comment_and_are_audited()
    {
        await using var scene = await SceneAsync();
        var (world, draft) = (scene.World, scene.Draft);
        // Offered to G only: H is a party of the initiative, but not of this offer.
        await Portal.WithDatabaseAsync(async db =>
        {
            db.CommentWindows.Add(CommentWindow.Open(draft, [world.AgencyG.Id], 14, DateTime.UtcNow, world.UserIds[Role.CsoAdmin]));
            return await db.SaveChangesAsync();
        });

        foreach (var (user, organisation) in new[] { (scene.KMember, scene.AgencyK.Id), (scene.BMember, world.CsoB.Id), (scene.HMember, world.AgencyH.Id), (scene.HMember, world.AgencyG.Id) })
        {
            using (var reader = await BrowserOfAsync(user))
                Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/assessments/{draft}")).Status);
            var before = await RefusalsAsync(draft, user);
            var response = await PostAsync(user, $"/assessments/{draft}?handler=Comment", CommentForm(organisation, "We were not asked."));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(before + 1, await RefusalsAsync(draft, user));
        }
        // A party's member commenting in another organisation's name (crafted): refused, audited.
        var agency = world.UserIds[Role.AgencyMember]!;
        var refused = await PostAsync(agency, $"/assessments/{draft}?handler=Comment", CommentForm(world.AgencyH.Id, "In H's name."));
        Assert.Contains("/account/access-denied", refused.Headers.Location?.OriginalString ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await RefusalsAsync(draft, agency));
        // The assessor's members read it, but do not comment on their own draft; a member (not an admin) does not offer it.
        var csoMember = world.UserIds[Role.CsoMember]!;
        Assert.Contains("/account/access-denied", (await PostAsync(csoMember, $"/assessments/{draft}?handler=Comment", CommentForm(world.CsoA.Id, "Ours."))).Headers.Location?.OriginalString ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await CommentsOnAsync(draft));
        Assert.Equal(1, await RefusalsAsync(draft, csoMember));
    }

    [Fact]
    public async Task Bad_offers_and_bad_comments_are_refused_with_a_message_and_save_nothing()
    {
        await using var scene = await SceneAsync();
        var (world, draft) = (scene.World, scene.Draft);
        var admin = world.UserIds[Role.CsoAdmin]!;
        var offerUrl = $"/assessments/{draft}?handler=Offer";

        // A window outside 7–30 days, no party, a party outside the initiative (crafted id): a message by the field, nothing saved.
        foreach (var (days, parties, message) in new[]
                 {
                     ("6", new[] { world.AgencyG.Id }, "The window for comments lasts from 7 to 30 days."),
                     ("31", new[] { world.AgencyG.Id }, "The window for comments lasts from 7 to 30 days."),
                     ("14", Array.Empty<int>(), "Choose at least one party to offer the draft to."),
                     ("14", new[] { world.AgencyG.Id, scene.AgencyK.Id }, "A draft can only be offered to the official parties of the initiative."),
                     ("14", new[] { world.CsoA.Id }, "A draft can only be offered to the official parties of the initiative."),
                 })
        {
            var fields = parties.Select(p => new KeyValuePair<string, string>("OfferTo", TestData.Key(p))).Append(new("Days", days)).ToList();
            var response = await PostRawAsync(admin, offerUrl, fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(message), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.False(await Portal.WithDatabaseAsync(db => db.CommentWindows.AnyAsync(w => w.AssessmentId == draft)));
        Assert.Equal(2, await RefusalsAsync(draft, admin));
        Assert.Empty(await NotificationsOfAsync(world.UserIds[Role.AgencyMember], NotificationKind.DraftOffered));

        // A member who is not an admin may not offer it: 403, audited. An incomplete draft cannot be offered.
        var member = world.UserIds[Role.CsoMember]!;
        Assert.Contains("/account/access-denied", (await PostRawAsync(member, offerUrl, [new("Days", "14"), new("OfferTo", TestData.Key(world.AgencyG.Id))])).Headers.Location?.OriginalString ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await RefusalsAsync(draft, member));
        var incomplete = await Portal.AssessmentAsync(world.CsoA, scene.Initiative, publishedAt: null, complete: false);
        Assert.Equal(HttpStatusCode.Redirect, (await PostRawAsync(admin, $"/assessments/{incomplete}?handler=Offer", [new("Days", "14"), new("OfferTo", TestData.Key(world.AgencyG.Id))])).StatusCode);
        Assert.False(await Portal.WithDatabaseAsync(db => db.CommentWindows.AnyAsync(w => w.AssessmentId == incomplete)));

        // Offered once; a second offer is refused with a message.
        await OfferAsync(world, draft);
        Assert.Equal(HttpStatusCode.Redirect, (await PostRawAsync(admin, offerUrl, [new("Days", "20"), new("OfferTo", TestData.Key(world.AgencyG.Id))])).StatusCode);
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.CommentWindows.CountAsync(w => w.AssessmentId == draft)));

        // Empty, over-long, no visibility chosen, a crafted indicator: a message by the field, nothing saved, nobody told.
        var agency = world.UserIds[Role.AgencyMember]!;
        var url = $"/assessments/{draft}?handler=Comment";
        foreach (var (form, message) in new[]
                 {
                     (CommentForm(world.AgencyG.Id, "   "), "Write the comment before sending it."),
                     (CommentForm(world.AgencyG.Id, new string('x', AssessmentComment.TextLength + 1)), "Use at most 4000 characters."),
                     (new Dictionary<string, string> { ["CommenterId"] = TestData.Key(world.AgencyG.Id), ["CommentText"] = "Which?" }, "Choose who may read the comment."),
                     (CommentForm(world.AgencyG.Id, "On nothing.", indicator: "ZZ.99"), "Choose one of the assessment&#x27;s indicators, or the whole assessment."),
                 })
        {
            var response = await PostAsync(agency, url, form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message.Contains("&#x27;", StringComparison.Ordinal) ? message : System.Net.WebUtility.HtmlEncode(message), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(0, await CommentsOnAsync(draft));
        Assert.Empty(await NotificationsOfAsync(world.UserIds[Role.CsoMember], NotificationKind.CommentReceived));
        // A guessed id.
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(agency, "/assessments/2147483000?handler=Comment", CommentForm(world.AgencyG.Id, "Guess."))).StatusCode);
    }

    [Fact]
    public async Task Once_the_window_closes_the_parties_no_longer_see_the_draft_nor_comment()
    {
        await using var scene = await SceneAsync();
        var (world, draft) = (scene.World, scene.Draft);
        await OfferAsync(world, draft);
        var agency = world.UserIds[Role.AgencyMember]!;
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(agency, $"/assessments/{draft}?handler=Comment", CommentForm(world.AgencyG.Id, "In time."))).StatusCode);

        // Fifteen days later (the window was fourteen).
        await Portal.WithDatabaseAsync(async db =>
        {
            var window = await db.CommentWindows.SingleAsync(w => w.AssessmentId == draft);
            window.OpenedAt = DateTime.UtcNow.AddDays(-15);
            window.ClosesAt = DateTime.UtcNow.AddDays(-1);
            return await db.SaveChangesAsync();
        });

        using (var reader = await world.BrowserAsync(Role.AgencyMember))
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/assessments/{draft}")).Status);
        var before = await RefusalsAsync(draft, agency);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(agency, $"/assessments/{draft}?handler=Comment", CommentForm(world.AgencyG.Id, "Too late."))).StatusCode);
        Assert.Equal(before + 1, await RefusalsAsync(draft, agency));
        Assert.Equal(1, await CommentsOnAsync(draft));

        // The assessor still reads the comment that came in time, and that the window is closed.
        using var member = await world.BrowserAsync(Role.CsoMember);
        var page = await member.GetOkAsync($"/assessments/{draft}");
        Assert.Contains("In time.", page.Text, StringComparison.Ordinal);
        Assert.Contains("The window is closed.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_admins_offering_the_same_draft_at_once_make_one_window()
    {
        await using var scene = await SceneAsync();
        var (world, draft) = (scene.World, scene.Draft);
        var otherAdmin = await Portal.MemberAsync(world.CsoA, MembershipRole.OrganisationAdmin, MembershipStatus.Active);
        List<KeyValuePair<string, string>> Form() => [new("Days", "10"), new("OfferTo", TestData.Key(world.AgencyG.Id)), new("OfferTo", TestData.Key(world.AgencyH.Id))];

        var answers = await Task.WhenAll(
            PostRawAsync(world.UserIds[Role.CsoAdmin]!, $"/assessments/{draft}?handler=Offer", Form()),
            PostRawAsync(otherAdmin, $"/assessments/{draft}?handler=Offer", Form()));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.CommentWindows.CountAsync(w => w.AssessmentId == draft)));
        // The parties are told once.
        Assert.Single(await NotificationsOfAsync(scene.HMember, NotificationKind.DraftOffered));
    }

    /// <summary>A form with repeated fields (several parties), posted directly with a valid antiforgery token; redirects are not followed.</summary>
    private Task<HttpResponseMessage> PostRawAsync(string userId, string url, List<KeyValuePair<string, string>> fields) => PostAsync(userId, url, fields);
}

[Collection(SqliteSuite.Name)]
public sealed class CommentWindowsOnSqlite(SqlitePortalFixture fixture) : CommentWindowTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class CommentWindowsOnPostgres(PostgresPortalFixture fixture) : CommentWindowTests(fixture);
