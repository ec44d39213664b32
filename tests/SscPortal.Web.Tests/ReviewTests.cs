using System.Net;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Notifications;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Reviewing a call's applications (issue 19) over HTTP: naming reviewers and their invitations, conflicts of interest,
/// blind scoring, the side-by-side ranking, decisions, publishing the results and carrying selected applications forward.
/// </summary>
public abstract class ReviewTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private Task<string> EmailOf(string userId) => Portal.WithDatabaseAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync());

    private Task<List<int>> CriteriaOf(int callId) =>
        Portal.WithDatabaseAsync(db => db.Calls.Where(c => c.Id == callId).SelectMany(c => c.Criteria).OrderBy(c => c.Position).Select(c => c.Id).ToListAsync());

    private static string Key(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task<bool> RefusalAuditedAsync(string target, int id) =>
        Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.AccessRefused && e.TargetType == target && e.TargetId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task The_calls_admin_names_its_own_member_at_once_and_invites_another_organisations_member_who_accepts()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var call = await Portal.CallAsync(world.AgencyG);
        using var admin = await world.BrowserAsync(Role.AgencyAdmin);
        var page = await admin.GetOkAsync($"/calls/{call}/reviewers");

        // A member of the call's own organisation reviews at once.
        var own = await admin.SubmitAsync(page, "form[action*='handler=Name']", new Dictionary<string, string> { ["Email"] = await EmailOf(world.UserIds[Role.AgencyMember]!) });
        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Contains("is a reviewer of this call", own.Text, StringComparison.Ordinal);

        // A member of another verified organisation is invited, and told.
        var guest = await Portal.MemberAsync(world.AgencyH, MembershipRole.Member, MembershipStatus.Active);
        var invited = await admin.SubmitAsync(own, "form[action*='handler=Name']", new Dictionary<string, string> { ["Email"] = await EmailOf(guest) });
        Assert.Contains("was invited to review for", invited.Text, StringComparison.Ordinal);
        // Named twice: once.
        var twice = await admin.SubmitAsync(invited, "form[action*='handler=Name']", new Dictionary<string, string> { ["Email"] = (await EmailOf(guest)).ToUpperInvariant() });
        Assert.Contains("already a reviewer", twice.Document.QuerySelector("[data-valmsg-for='Email']")!.TextContent, StringComparison.Ordinal);
        // No such account: a message beside the field, nothing saved.
        var unknown = await admin.SubmitAsync(invited, "form[action*='handler=Name']", new Dictionary<string, string> { ["Email"] = "nobody-here@invalid.example" });
        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Contains("Choose a person with an account", unknown.Document.QuerySelector("[data-valmsg-for='Email']")!.TextContent, StringComparison.Ordinal);

        var reviewers = await Portal.WithDatabaseAsync(db => db.CallReviewers.AsNoTracking().Where(r => r.CallId == call).OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(2, reviewers.Count);
        Assert.Equal((ReviewerState.Active, world.AgencyG.Id), (reviewers[0].State, reviewers[0].OrganisationId));
        Assert.Equal((ReviewerState.Invited, world.AgencyH.Id), (reviewers[1].State, reviewers[1].OrganisationId));
        Assert.True(await Portal.WithDatabaseAsync(db => db.Notifications.AnyAsync(n => n.UserId == guest && n.Kind == NotificationKind.ReviewerInvited && n.Path == "/my/reviews")));
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.Type == AuditEventType.ReviewerNamed && e.TargetId == Key(call))) == 2);

        // Someone else cannot answer the invitation: refused, kept in the audit log, and it stays open.
        using var stranger = await world.BrowserAsync(Role.CsoMember);
        var crafted = await stranger.PostCraftedAsync("/my/reviews?handler=Answer", [new("ReviewerId", $"{reviewers[1].Id}"), new("Accept", "true")]);
        Assert.Equal(HttpStatusCode.NotFound, crafted.StatusCode);
        Assert.True(await RefusalAuditedAsync("call", call));
        Assert.Equal(ReviewerState.Invited, await Portal.WithDatabaseAsync(db => db.CallReviewers.Where(r => r.Id == reviewers[1].Id).Select(r => r.State).SingleAsync()));

        // The invited person accepts from /my/reviews; the call's admins are told.
        using var invitee = await Portal.BrowserOfAsync(guest);
        var mine = await invitee.GetOkAsync("/my/reviews");
        var accepted = await invitee.SubmitAsync(mine, "form[action*='handler=Answer']", new Dictionary<string, string>(), "button[name='Accept'][value='true']");
        Assert.Contains("You accepted", accepted.Text, StringComparison.Ordinal);
        Assert.Equal(ReviewerState.Active, await Portal.WithDatabaseAsync(db => db.CallReviewers.Where(r => r.Id == reviewers[1].Id).Select(r => r.State).SingleAsync()));
        Assert.True(await Portal.WithDatabaseAsync(db => db.Notifications.AnyAsync(n => n.UserId == world.UserIds[Role.AgencyAdmin] && n.Kind == NotificationKind.ReviewerAnswered)));

        // A reviewer who submitted nothing is removed.
        var roster = await admin.GetOkAsync($"/calls/{call}/reviewers");
        Assert.Contains(await EmailOf(guest), roster.Text, StringComparison.Ordinal);
        Assert.NotNull(roster.Document.QuerySelector($"form[action*='handler=Remove'] input[name='ReviewerId'][value='{reviewers[1].Id}']"));
        await admin.PostCraftedAsync($"/calls/{call}/reviewers?handler=Remove", [new("ReviewerId", $"{reviewers[1].Id}")]);
        Assert.False(await Portal.WithDatabaseAsync(db => db.CallReviewers.AnyAsync(r => r.Id == reviewers[1].Id)));
    }

    [Fact]
    public async Task A_declared_conflict_takes_the_application_from_the_reviewer_and_opening_it_is_refused_and_audited()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var call = await Portal.CallAsync(world.AgencyG);
        var application = await Portal.ApplicationAsync(call, world.CsoB, title: TestData.Unique("Conflicted application"));
        await Portal.ReviewerAsync(call, world.UserIds[Role.CsoMember]!, world.CsoA);
        using var reviewer = await world.BrowserAsync(Role.CsoMember);

        var list = await reviewer.GetOkAsync("/my/reviews");
        Assert.NotNull(list.Document.QuerySelector($"a[href='/applications/{application}/review']"));
        var page = await reviewer.GetOkAsync($"/applications/{application}/review");
        // Before declaring: the title and applicant only, and the question.
        Assert.Contains("Do you have a conflict of interest with this application?", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Peer learning between two municipalities", page.Text, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("form.score-form"));

        var declared = await reviewer.SubmitAsync(page, "form[action*='handler=Declare']", new Dictionary<string, string> { ["Conflict"] = "true", ["ConflictNote"] = "I advised them." });
        Assert.EndsWith("/my/reviews", declared.Address.AbsolutePath, StringComparison.Ordinal);
        Assert.Null(declared.Document.QuerySelector($"a[href='/applications/{application}/review']"));
        Assert.Equal("ConflictDeclared", declared.Document.QuerySelector($"tr[data-stage]")!.GetAttribute("data-stage"));

        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/applications/{application}/review")).Status);
        Assert.True(await RefusalAuditedAsync("application", application));
        var save = await reviewer.PostCraftedAsync($"/applications/{application}/review?handler=Save", [new("Version", "1")]);
        Assert.Equal(HttpStatusCode.NotFound, save.StatusCode);
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.ConflictDeclared)));
        var review = await Portal.WithDatabaseAsync(db => db.Reviews.AsNoTracking().SingleAsync(v => v.ApplicationId == application));
        Assert.True(review.Conflict);
        Assert.Equal("I advised them.", review.ConflictNote);
    }

    [Fact]
    public async Task A_reviewer_sees_nobody_elses_scores_before_submitting_and_sees_them_after_without_names()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var call = await Portal.CallAsync(world.AgencyG);
        var application = await Portal.ApplicationAsync(call, world.CsoB);
        var other = await Portal.ReviewerAsync(call, world.UserIds[Role.AgencyMember]!, world.AgencyG);
        await Portal.ReviewAsync(other, application, 1, 4);
        await Portal.ReviewerAsync(call, world.UserIds[Role.CsoMember]!, world.CsoA);
        var criteria = await CriteriaOf(call);
        using var reviewer = await world.BrowserAsync(Role.CsoMember);

        var page = await reviewer.GetOkAsync($"/applications/{application}/review");
        var scoring = await reviewer.SubmitAsync(page, "form[action*='handler=Declare']", new Dictionary<string, string> { ["Conflict"] = "false" });
        Assert.Contains("Peer learning between two municipalities", scoring.Text, StringComparison.Ordinal);
        Assert.NotNull(scoring.Document.QuerySelector("form.score-form"));
        Assert.Null(scoring.Document.QuerySelector("table.other-scores"));
        Assert.DoesNotContain("Reviewer 1", scoring.Text, StringComparison.Ordinal);
        // Each score a radio button from 0 to the scale's top.
        Assert.Equal(6, scoring.Document.QuerySelectorAll($"input[type=radio][name='Scores[{criteria[0]}]']").Length);

        var saved = await reviewer.SubmitAsync(scoring, "form.score-form", new Dictionary<string, string> { [$"Scores[{criteria[0]}]"] = "3" }, "button[formaction*='handler=Save']");
        Assert.Contains("Your scores were saved.", saved.Text, StringComparison.Ordinal);
        Assert.Null(saved.Document.QuerySelector("table.other-scores"));
        // The admins' page does not unblind them either (they are not admins, and may not open it).
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync($"/calls/{call}/applications")).Status);
        // Submitting needs every criterion scored.
        var incomplete = await reviewer.SubmitAsync(saved, "form.score-form", new Dictionary<string, string>(), "button[formaction*='handler=Submit']");
        Assert.Contains("Score this criterion.", incomplete.Document.QuerySelector($"[data-valmsg-for='Scores[{criteria[1]}]']")!.TextContent, StringComparison.Ordinal);
        Assert.Null(incomplete.Document.QuerySelector("table.other-scores"));

        var submitted = await reviewer.SubmitAsync(saved, "form.score-form", new Dictionary<string, string> { [$"Scores[{criteria[1]}]"] = "2", [$"Comments[{criteria[1]}]"] = "Thin plan." },
            "button[formaction*='handler=Submit']");
        Assert.Contains("Your review was submitted.", submitted.Text, StringComparison.Ordinal);
        var others = submitted.Document.QuerySelector("table.other-scores")!;
        var row = others.QuerySelector("tbody tr")!;
        Assert.Equal("Reviewer 1", row.QuerySelector("th")!.TextContent.Trim());
        Assert.Equal(["1", "4", "2.00"], row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray());
        Assert.DoesNotContain(await EmailOf(world.UserIds[Role.AgencyMember]!), submitted.Text, StringComparison.Ordinal);
        var review = await Portal.WithDatabaseAsync(db => db.Reviews.AsNoTracking().Include(v => v.Scores).SingleAsync(v => v.ApplicationId == application && v.ReviewerId != other));
        Assert.True(review.IsSubmitted);
        Assert.Equal([3, 2], review.Scores.OrderBy(s => criteria.IndexOf(s.CriterionId)).Select(s => s.Score!.Value).ToArray());
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.ReviewSubmitted && e.TargetId == Key(review.Id))));
    }

    [Fact]
    public async Task A_score_outside_the_scale_or_for_an_unknown_criterion_is_refused_and_nothing_is_saved()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var call = await Portal.CallAsync(world.AgencyG);
        var application = await Portal.ApplicationAsync(call, world.CsoB);
        await Portal.ReviewerAsync(call, world.UserIds[Role.CsoMember]!, world.CsoA);
        var criteria = await CriteriaOf(call);
        using var reviewer = await world.BrowserAsync(Role.CsoMember);
        var page = await reviewer.GetOkAsync($"/applications/{application}/review");
        var scoring = await reviewer.SubmitAsync(page, "form[action*='handler=Declare']", new Dictionary<string, string> { ["Conflict"] = "false" });

        var refused = await reviewer.SubmitAsync(scoring, "form.score-form", new Dictionary<string, string> { [$"Scores[{criteria[0]}]"] = "9", [$"Scores[{criteria[1]}]"] = "2" },
            "button[formaction*='handler=Save']");
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.False(string.IsNullOrWhiteSpace(refused.Document.QuerySelector($"[data-valmsg-for='Scores[{criteria[0]}]']")!.TextContent));
        var unknown = await reviewer.SubmitAsync(scoring, "form.score-form", new Dictionary<string, string> { ["Scores[2147483000]"] = "2", [$"Scores[{criteria[1]}]"] = "2" },
            "button[formaction*='handler=Save']");
        Assert.Contains("not one of the call's", unknown.Document.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);

        var review = await Portal.WithDatabaseAsync(db => db.Reviews.AsNoTracking().Include(v => v.Scores).SingleAsync(v => v.ApplicationId == application));
        Assert.Empty(review.Scores);
        Assert.Equal(1, review.Version);
    }

    [Fact]
    public async Task A_reviewer_of_another_call_or_not_assigned_is_refused()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var theirs = await Portal.CallAsync(world.AgencyG);
        await Portal.ReviewerAsync(theirs, world.UserIds[Role.CsoMember]!, world.CsoA);
        var other = await Portal.CallAsync(world.AgencyG);
        var application = await Portal.ApplicationAsync(other, world.CsoB);
        using var reviewer = await world.BrowserAsync(Role.CsoMember);

        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/applications/{application}/review")).Status);
        var crafted = await reviewer.PostCraftedAsync($"/applications/{application}/review?handler=Declare", [new("Conflict", "false")]);
        Assert.Equal(HttpStatusCode.NotFound, crafted.StatusCode);
        Assert.True(await RefusalAuditedAsync("application", application));
        Assert.False(await Portal.WithDatabaseAsync(db => db.Reviews.AnyAsync(v => v.ApplicationId == application)));
        // The call's admin reads the application, but does not review it.
        using var admin = await world.BrowserAsync(Role.AgencyAdmin);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/applications/{application}/review")).Status);
        // Another organisation's admin never sees the call's applications.
        using var outsider = await world.BrowserAsync(Role.CsoAdmin);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/calls/{other}/applications")).Status);
    }

    [Fact]
    public async Task The_admins_see_the_scores_side_by_side_ranked_by_weighted_score_with_the_spread()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var call = await Portal.CallAsync(world.AgencyG);
        var split = await Portal.ApplicationAsync(call, world.CsoA, title: TestData.Unique("Split application"));
        var strong = await Portal.ApplicationAsync(call, world.CsoB, title: TestData.Unique("Strong application"));
        var unreviewed = await Portal.ApplicationAsync(call, world.AgencyH, title: TestData.Unique("Unreviewed application"));
        var first = await Portal.ReviewerAsync(call, world.UserIds[Role.AgencyMember]!, world.AgencyG);
        var second = await Portal.ReviewerAsync(call, await Portal.MemberAsync(world.AgencyG, MembershipRole.Member, MembershipStatus.Active), world.AgencyG);
        await Portal.ReviewAsync(first, split, 5, 5);
        await Portal.ReviewAsync(second, split, 2, 2);
        await Portal.ReviewAsync(first, strong, 4, 4);
        await Portal.ReviewAsync(second, strong, 4, 5);

        using var admin = await world.BrowserAsync(Role.AgencyAdmin);
        var page = await admin.GetOkAsync($"/calls/{call}/applications");
        var rows = page.Document.QuerySelectorAll("table.ranking tbody tr");
        Assert.Equal([strong, split, unreviewed], rows.Select(r => int.Parse(r.GetAttribute("data-application")!, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        // Strong: 4 and 4.33 (weights 2 and 1), means 4 and 4.5, weighted 4.17, spread 0.33. Split: 5 and 2, spread 3.
        Assert.Equal("4.17", rows[0].QuerySelector(".weighted")!.TextContent.Trim());
        Assert.Equal(["4.00", "4.33"], rows[0].QuerySelectorAll(".by-reviewer").Select(c => c.TextContent.Trim()).ToArray());
        Assert.Equal(["4.00", "4.50"], rows[0].QuerySelectorAll(".mean").Select(c => c.TextContent.Trim()).ToArray());
        Assert.Equal("0.33", rows[0].QuerySelector(".spread")!.TextContent.Trim());
        Assert.Equal("3.00", rows[1].QuerySelector(".spread")!.TextContent.Trim());
        Assert.Equal("3.50", rows[1].QuerySelector(".weighted")!.TextContent.Trim());
        Assert.Equal("—", rows[2].QuerySelector(".weighted")!.TextContent.Trim());
        Assert.Equal("2", rows[0].QuerySelector(".submitted")!.TextContent.Trim());
        // The admins see who scored what.
        Assert.Contains(await EmailOf(world.UserIds[Role.AgencyMember]!), page.Document.QuerySelector("table.ranking thead")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deciding_before_the_deadline_and_publishing_with_an_undecided_application_are_refused()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var call = await Portal.CallAsync(world.AgencyG);
        var decided = await Portal.ApplicationAsync(call, world.CsoA);
        var undecided = await Portal.ApplicationAsync(call, world.CsoB);
        using var admin = await world.BrowserAsync(Role.AgencyAdmin);

        var page = await admin.GetOkAsync($"/calls/{call}/applications");
        var early = await admin.SubmitAsync(page, $"#application-{decided} form[action*='handler=Decide']", new Dictionary<string, string> { ["Decision"] = "Selected" });
        Assert.Equal(HttpStatusCode.OK, early.Status);
        Assert.False(string.IsNullOrWhiteSpace(early.Document.QuerySelector($"[data-valmsg-for='Decision-{decided}']")!.TextContent));
        Assert.Null(await Portal.WithDatabaseAsync(db => db.CallApplications.Where(a => a.Id == decided).Select(a => a.Decision).SingleAsync()));

        await Portal.CloseCallAsync(call);
        page = await admin.GetOkAsync($"/calls/{call}/applications");
        var recorded = await admin.SubmitAsync(page, $"#application-{decided} form[action*='handler=Decide']", new Dictionary<string, string> { ["Decision"] = "Selected", ["Feedback"] = "Clear and horizontal." });
        Assert.Contains("was recorded", recorded.Text, StringComparison.Ordinal);
        var refused = await admin.SubmitAsync(recorded, "form[action*='handler=Publish']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.False(string.IsNullOrWhiteSpace(refused.Document.QuerySelector("[data-valmsg-for='Publish']")!.TextContent));
        Assert.Null(await Portal.WithDatabaseAsync(db => db.Calls.Where(c => c.Id == call).Select(c => c.ResultsPublishedAt).SingleAsync()));
        Assert.Null(await Portal.WithDatabaseAsync(db => db.CallApplications.Where(a => a.Id == undecided).Select(a => a.Decision).SingleAsync()));
    }

    [Fact]
    public async Task Publishing_the_results_tells_every_applicant_in_the_portal_and_by_mail()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var call = await Portal.CallAsync(world.AgencyG);
        var application = await Portal.ApplicationAsync(call, world.CsoA);
        await Portal.CloseCallAsync(call);
        using var admin = await world.BrowserAsync(Role.AgencyAdmin);
        var page = await admin.GetOkAsync($"/calls/{call}/applications");
        page = await admin.SubmitAsync(page, $"#application-{application} form[action*='handler=Decide']", new Dictionary<string, string> { ["Decision"] = "NotSelected", ["Feedback"] = "Not horizontal enough." });
        var published = await admin.SubmitAsync(page, "form[action*='handler=Publish']", new Dictionary<string, string>());
        Assert.Contains("The results were published", published.Text, StringComparison.Ordinal);
        Assert.NotNull(await Portal.WithDatabaseAsync(db => db.Calls.Where(c => c.Id == call).Select(c => c.ResultsPublishedAt).SingleAsync()));

        foreach (var role in new[] { Role.CsoMember, Role.CsoAdmin })
        {
            var userId = world.UserIds[role]!;
            Assert.True(await Portal.WithDatabaseAsync(db => db.Notifications.AnyAsync(n => n.UserId == userId && n.Kind == NotificationKind.CallResults && n.Path == $"/applications/{application}")));
            var email = await EmailOf(userId);
            Assert.True(await Portal.WithDatabaseAsync(db => db.OutboxMessages.AnyAsync(m => m.To == email && m.HtmlBody.Contains($"/applications/{application}"))));
        }
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.CallResultsPublished && e.TargetId == Key(call))));
        // Once: the decisions are now fixed, and publishing again is refused.
        var again = await admin.PostCraftedAsync($"/calls/{call}/applications?handler=Publish", [new("Version", "2")]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.Type == AuditEventType.CallResultsPublished && e.TargetId == Key(call))));
    }

    [Theory]
    [InlineData(CallKind.Funding)]
    [InlineData(CallKind.GoodPractice)]
    [InlineData(CallKind.Network)]
    public async Task Carrying_the_selected_applications_forward_makes_what_the_call_is_for_once(CallKind kind)
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var call = await Portal.CallAsync(world.AgencyG, CallData.Content(TestData.Unique("Carried call"), kind));
        var selected = await Portal.ApplicationAsync(call, world.CsoA, title: TestData.Unique("Selected application"), confirmedPartners: [world.CsoB]);
        var reserve = await Portal.ApplicationAsync(call, world.AgencyH);
        await Portal.CloseCallAsync(call);
        using var admin = await world.BrowserAsync(Role.AgencyAdmin);
        var page = await admin.GetOkAsync($"/calls/{call}/applications");
        page = await admin.SubmitAsync(page, $"#application-{selected} form[action*='handler=Decide']", new Dictionary<string, string> { ["Decision"] = "Selected" });
        page = await admin.SubmitAsync(page, $"#application-{reserve} form[action*='handler=Decide']", new Dictionary<string, string> { ["Decision"] = "Reserve" });
        page = await admin.SubmitAsync(page, "form[action*='handler=Publish']", new Dictionary<string, string>());

        var carried = await admin.SubmitAsync(page, "#results-heading ~ form[action*='handler=CarryForward']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, carried.Status);
        // Pressed again (a stale page): nothing more is made.
        var again = await admin.SubmitAsync(page, "#results-heading ~ form[action*='handler=CarryForward']", new Dictionary<string, string>());
        Assert.Contains("carried forward already", again.Text, StringComparison.Ordinal);

        var application = await Portal.WithDatabaseAsync(db => db.CallApplications.AsNoTracking().SingleAsync(a => a.Id == selected));
        Assert.False(await Portal.WithDatabaseAsync(db => db.CallApplications.Where(a => a.Id == reserve).Select(a => a.InitiativeId != null || a.GoodPracticeId != null || a.JoinedNetwork).SingleAsync()));
        switch (kind)
        {
            case CallKind.Funding:
                var initiatives = await Portal.WithDatabaseAsync(db => db.Initiatives.AsNoTracking().Include(i => i.Actors).Where(i => i.Title == application.Title).ToListAsync());
                var initiative = Assert.Single(initiatives);
                Assert.Equal(application.InitiativeId, initiative.Id);
                Assert.Equal(world.CsoA.Id, initiative.OwnerId);
                Assert.Equal(PublicationState.Draft, initiative.Publication);
                Assert.Equal(application.Summary, initiative.Description);
                Assert.Contains(initiative.Actors, a => a.ActorId == world.CsoA.Id && a.Role == ActorRole.Lead);
                Assert.Contains(initiative.Actors, a => a.ActorId == world.CsoB.Id && a.Role == ActorRole.Implementing);
                Assert.True(await Portal.WithDatabaseAsync(db => db.RecordChanges.AnyAsync(c => c.RecordType == RecordType.Initiative && c.RecordId == initiative.Id && c.Kind == ChangeKind.Created)));
                break;
            case CallKind.GoodPractice:
                var practice = Assert.Single(await Portal.WithDatabaseAsync(db => db.GoodPractices.AsNoTracking().Where(g => g.ApplicationId == selected).ToListAsync()));
                Assert.Equal(application.GoodPracticeId, practice.Id);
                Assert.Equal((world.CsoA.Id, call, application.Title, application.Summary), (practice.OwnerId, practice.CallId!.Value, practice.Title, (string?)practice.Practice));
                Assert.Equal(PublicationState.Draft, practice.Publication);
                break;
            default:
                var membership = Assert.Single(await Portal.WithDatabaseAsync(db => db.NetworkMemberships.AsNoTracking().Where(m => m.CallId == call).ToListAsync()));
                Assert.Equal((world.CsoA.Id, (int?)selected), (membership.OrganisationId, membership.ApplicationId));
                Assert.True(application.JoinedNetwork);
                break;
        }
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.Type == AuditEventType.ApplicationConverted && e.TargetId == Key(selected))));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class ReviewTestsOnSqlite(SqlitePortalFixture fixture) : ReviewTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class ReviewTestsOnPostgres(PostgresPortalFixture fixture) : ReviewTests(fixture);
