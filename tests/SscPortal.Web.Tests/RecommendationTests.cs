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
/// Recommendations tracked to the end (issue 16, item 3), over HTTP: written one by one with the draft, addressed to official
/// parties; once published, the addressed party's admins answer and post progress, the assessor's admins give their view
/// beside each statement, a moderator hides one with a reason; each step is notified; a revision keeps the thread. Wrong
/// organisations, non-parties, past target dates and crafted ids are refused, save nothing and are audited.
/// </summary>
public abstract class RecommendationTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    /// <summary>An initiative of G in which H takes part (both official parties), A's complete draft of it, and an outside agency K with an admin.</summary>
    private sealed record Scene(AccessWorld World, int Initiative, int Draft, Actor AgencyK, string KAdmin, string HAdmin) : IAsyncDisposable
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
            await Portal.MemberAsync(agencyK, MembershipRole.OrganisationAdmin, MembershipStatus.Active),
            await Portal.MemberAsync(world.AgencyH, MembershipRole.OrganisationAdmin, MembershipStatus.Active));
    }

    private Task<HtmlClient> BrowserOfAsync(string userId, bool followRedirects = true) => Portal.BrowserOfAsync(userId, followRedirects);

    /// <summary>A form posted directly (as a crafted request would be), with a valid antiforgery token.</summary>
    private static Task<HttpResponseMessage> PostAsync(HtmlClient browser, string url, Dictionary<string, string> form) => browser.PostCraftedAsync(url, form);

    /// <summary>A refusal to someone who may read the page: 403, which a signed-in browser is shown as the access-denied page.</summary>
    private static bool IsForbidden(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal) == true);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private Task<List<Recommendation>> RecommendationsOfAsync(int assessment) =>
        Portal.WithDatabaseAsync(db => db.Recommendations.AsNoTracking().Include(r => r.Principles).Where(r => r.AssessmentId == assessment).OrderBy(r => r.Number).ToListAsync());

    private Task<int> StatementsAsync(int recommendation) => Portal.WithDatabaseAsync(db => db.RecommendationStatements.CountAsync(s => s.RecommendationId == recommendation));

    private Task<List<Notification>> NotificationsOfAsync(string? userId, NotificationKind kind) =>
        Portal.WithDatabaseAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.Kind == kind).ToListAsync());

    private Task<int> RefusalsAsync(int assessment, string? userId) =>
        Portal.WithDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.Type == AuditEventType.AccessRefused && e.TargetType == "assessment" && e.TargetId == TestData.Key(assessment) && e.UserId == userId));

    private static string? ErrorIn(HtmlClient.Page page) =>
        string.Join(" | ", page.Document.QuerySelectorAll(".field-error, .notice, .form-errors").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));

    /// <summary>The CSO's member writes two recommendations into the draft through the form: to G (high, a principle, an indicator) and to H.</summary>
    private static async Task<HtmlClient.Page> WriteRecommendationsAsync(Scene scene, string indicator, IReadOnlyDictionary<string, string>? extra = null)
    {
        using var member = await scene.World.BrowserAsync(Role.CsoMember);
        var edit = await member.GetOkAsync($"/assessments/{scene.Draft}/edit");
        // One empty row to begin with; "More recommendation rows" gives more, keeping what was typed.
        Assert.Single(edit.Document.QuerySelectorAll("fieldset.recommendation-row"));
        var more = await member.SubmitAsync(edit, "form.record-form", new Dictionary<string, string>
        {
            ["Input.RecommendationRows[0].Text"] = "Publish the seed bank's budget.",
        }, "button[formaction*='AddRows#recommendations']");
        Assert.Equal("Publish the seed bank's budget.", more.Document.QuerySelector("textarea[name='Input.RecommendationRows[0].Text']")!.TextContent.Trim());
        Assert.True(more.Document.QuerySelectorAll("fieldset.recommendation-row").Length >= 3);
        var values = new Dictionary<string, string>
        {
            ["Input.RecommendationRows[0].Text"] = "Publish the seed bank's budget.",
            ["Input.RecommendationRows[0].AddressedToId"] = TestData.Key(scene.World.AgencyG.Id),
            ["Input.RecommendationRows[0].Priority"] = nameof(RecommendationPriority.High),
            ["Input.RecommendationRows[0].Principles"] = "mutual-accountability",
            ["Input.RecommendationRows[0].Indicators"] = indicator,
            ["Input.RecommendationRows[1].Text"] = "Consult the farmers' unions before the second phase.",
            ["Input.RecommendationRows[1].AddressedToId"] = TestData.Key(scene.World.AgencyH.Id),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) values[key] = value;
        return await member.SubmitAsync(more, "form.record-form", values);
    }

    private static async Task PublishAsync(AccessWorld world, int draft)
    {
        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        var page = await admin.GetOkAsync($"/assessments/{draft}");
        var published = await admin.SubmitAsync(page, "form[action*='handler=Publish']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, published.Status);
    }

    [Fact]
    public async Task Recommendations_written_with_the_draft_are_answered_updated_and_disputed_each_side_under_its_own_name()
    {
        await using var scene = await SceneAsync();
        var (world, draft) = (scene.World, scene.Draft);
        var framework = await Portal.WithDatabaseAsync(db => db.AssessmentFrameworks.AsNoTracking().OrderByDescending(f => f.Version).FirstAsync());
        var indicator = framework.Indicators.First().Code;

        // A recommendation addressed to an organisation that is no party of the initiative is refused beside its field; nothing is saved.
        var refused = await WriteRecommendationsAsync(scene, indicator, new Dictionary<string, string>
        {
            ["Input.RecommendationRows[1].AddressedToId"] = TestData.Key(scene.AgencyK.Id),
        });
        Assert.Contains("A recommendation is addressed to one of the initiative's official parties.",
            refused.Document.QuerySelector("[data-valmsg-for='Input.RecommendationRows[1].AddressedToId']")?.TextContent ?? ErrorIn(refused));
        Assert.Empty(await RecommendationsOfAsync(draft));

        var saved = await WriteRecommendationsAsync(scene, indicator);
        Assert.True(saved.Address.AbsolutePath == $"/assessments/{draft}", $"{(int)saved.Status} {saved.Address} {ErrorIn(saved)} {saved.Document.QuerySelector("main")?.TextContent}");
        var written = await RecommendationsOfAsync(draft);
        Assert.Equal([(1, world.AgencyG.Id, RecommendationPriority.High), (2, world.AgencyH.Id, RecommendationPriority.Medium)],
            written.Select(r => (r.Number, r.AddressedToId, r.Priority)));
        Assert.Equal(["mutual-accountability"], written[0].Principles.Select(p => p.PrincipleCode));
        Assert.Equal([indicator], written[0].Indicators);
        Assert.All(written, r => Assert.Equal(RecommendationStatus.Awaiting, r.Status));
        // Written into the history with the rest of the draft.
        var history = await Portal.WithDatabaseAsync(db => db.RecordChanges.AsNoTracking()
            .Where(c => c.RecordType == RecordType.Assessment && c.RecordId == draft).ToListAsync());
        Assert.Contains(history, c => c.Fields.Any(f => f.Field == "RecommendationItems:1" && f.To!.Contains("Publish the seed bank's budget.", StringComparison.Ordinal)));

        // Nobody answers a draft's recommendation.
        using (var agency = await world.BrowserAsync(Role.AgencyAdmin))
        {
            var early = await PostAsync(agency, $"/assessments/{draft}?handler=AnswerRecommendation", new()
            {
                ["Statement.RecommendationId"] = TestData.Key(written[0].Id), ["Statement.Status"] = "NotAccepted", ["Statement.Text"] = "Too early.",
            });
            Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        }

        await PublishAsync(world, draft);
        // The addressed parties' members learn that recommendations wait for their answer; the assessor does not.
        foreach (var user in new[] { world.UserIds[Role.AgencyMember], world.UserIds[Role.AgencyAdmin], scene.HAdmin })
            Assert.Equal($"/assessments/{draft}#recommendations", Assert.Single(await NotificationsOfAsync(user, NotificationKind.RecommendationAddressed)).Path);
        foreach (var user in new[] { world.UserIds[Role.CsoAdmin], scene.KAdmin })
            Assert.Empty(await NotificationsOfAsync(user, NotificationKind.RecommendationAddressed));

        var toG = written[0];
        var target = Today.AddDays(90);
        using (var agency = await world.BrowserAsync(Role.AgencyAdmin))
        {
            var page = await agency.GetOkAsync($"/assessments/{draft}");
            // G answers its own recommendation only: H's has no form for G.
            Assert.NotNull(page.Document.QuerySelector($"#recommendation-{toG.Id} form.answer-form"));
            Assert.Null(page.Document.QuerySelector($"#recommendation-{written[1].Id} form.answer-form"));

            // Accepted needs a commitment and a date that is not past: said beside the fields, what was typed comes back, nothing saved.
            var bad = await agency.SubmitAsync(page, $"#recommendation-{toG.Id} form.answer-form", new Dictionary<string, string>
            {
                ["Statement.Status"] = "Accepted", ["Statement.Text"] = "We will publish it.", ["Statement.TargetDate"] = Date(Today.AddDays(-3)),
            });
            Assert.Contains("Say what your organisation commits to do.", bad.Document.QuerySelector($"#answer-{toG.Id}-commitment-error")?.TextContent ?? ErrorIn(bad));
            Assert.Contains("The target date cannot be in the past.", bad.Document.QuerySelector($"#answer-{toG.Id}-target-error")?.TextContent ?? ErrorIn(bad));
            Assert.Equal("We will publish it.", bad.Document.QuerySelector($"#answer-{toG.Id}-text")!.TextContent);
            Assert.Equal(0, await StatementsAsync(toG.Id));

            var answered = await agency.SubmitAsync(page, $"#recommendation-{toG.Id} form.answer-form", new Dictionary<string, string>
            {
                ["Statement.Status"] = "Accepted", ["Statement.Commitment"] = "Publish the 2026 budget on our website.",
                ["Statement.TargetDate"] = Date(target), ["Statement.Text"] = "We agree the budget should be public.",
            });
            Assert.True(answered.Text.Contains("Publish the 2026 budget on our website.", StringComparison.Ordinal), ErrorIn(answered));
            // Answered once: the answer form is gone, the progress form is there.
            Assert.Null(answered.Document.QuerySelector($"#recommendation-{toG.Id} form.answer-form"));
            Assert.NotNull(answered.Document.QuerySelector($"#recommendation-{toG.Id} form.progress-form"));
        }
        var standing = (await RecommendationsOfAsync(draft))[0];
        Assert.Equal((RecommendationStatus.Accepted, (DateOnly?)target), (standing.Status, standing.TargetDate));
        // The assessor's members learn of the answer, from G.
        var told = Assert.Single(await NotificationsOfAsync(world.UserIds[Role.CsoMember], NotificationKind.RecommendationAnswered));
        Assert.Equal((world.AgencyG.Name, $"/assessments/{draft}#recommendation-{toG.Id}"), (told.Detail, told.Path));

        // A second answer, sent as a crafted request, is refused and saves nothing.
        using (var agency = await world.BrowserAsync(Role.AgencyAdmin))
        {
            var again = await PostAsync(agency, $"/assessments/{draft}?handler=AnswerRecommendation", new()
            {
                ["Statement.RecommendationId"] = TestData.Key(toG.Id), ["Statement.Status"] = "NotAccepted", ["Statement.Text"] = "Changed our mind.",
            });
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Contains("already answered", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(1, await StatementsAsync(toG.Id));

        // The wrong organisations: G's plain member, H's admin (not addressed), the CSO's admin, the outside agency: 403, audited, nothing saved.
        var answer = new Dictionary<string, string> { ["Statement.RecommendationId"] = TestData.Key(toG.Id), ["Statement.Status"] = "InProgress", ["Statement.Text"] = "Not ours to say." };
        foreach (var user in new[] { world.UserIds[Role.AgencyMember]!, scene.HAdmin, world.UserIds[Role.CsoAdmin]!, scene.KAdmin })
        {
            using var browser = await BrowserOfAsync(user, followRedirects: false);
            var before = await RefusalsAsync(draft, user);
            var response = await PostAsync(browser, $"/assessments/{draft}?handler=PostProgress", new(answer));
            Assert.True(IsForbidden(response), $"{user}: {(int)response.StatusCode} {response.Headers.Location}");
            Assert.Equal(before + 1, await RefusalsAsync(draft, user));
        }
        Assert.Equal(1, await StatementsAsync(toG.Id));

        // G reports it implemented, with evidence.
        using (var agency = await world.BrowserAsync(Role.AgencyAdmin))
        {
            var page = await agency.GetOkAsync($"/assessments/{draft}");
            var updated = await agency.UploadAsync(page, $"#recommendation-{toG.Id} form.progress-form", new Dictionary<string, string>
            {
                ["Statement.Status"] = "Implemented", ["Statement.Text"] = "The budget is online.", ["Statement.EvidenceUrl"] = "https://apci.example.org/budget-2026",
            }, "StatementFile", "budget report.docx", EvidenceTests.Docx("Maria Quispe"));
            Assert.True(updated.Text.Contains("The budget is online.", StringComparison.Ordinal), ErrorIn(updated));
            Assert.Null(updated.Document.QuerySelector($"#recommendation-{toG.Id} form.progress-form"));
            // The document came with the update, published with it, without the author's name it carried.
            Assert.Contains("budget report.docx", updated.Text, StringComparison.Ordinal);
            var evidence = await Portal.WithDatabaseAsync(db => db.EvidenceFiles.AsNoTracking().SingleAsync(f => f.OwnerKind == FileOwnerKind.RecommendationStatement
                && db.RecommendationStatements.Any(s => s.Id == f.OwnerId && s.RecommendationId == toG.Id)));
            using var visitor = Portal.CreateBrowser();
            var bytes = await visitor.Http.GetByteArrayAsync($"/files/{evidence.Id}/download");
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
            using var core = new StreamReader(zip.GetEntry("docProps/core.xml")!.Open());
            Assert.DoesNotContain("Maria Quispe", await core.ReadToEndAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(RecommendationStatus.Implemented, (await RecommendationsOfAsync(draft))[0].Status);
        var update = await Portal.WithDatabaseAsync(db => db.RecommendationStatements.AsNoTracking().SingleAsync(s => s.RecommendationId == toG.Id && s.Kind == StatementKind.Progress));

        // The CSO's plain member may not post the assessor's view; its admin disputes the update, beside it.
        using (var member = await world.BrowserAsync(Role.CsoMember))
        {
            var page = await member.GetOkAsync($"/assessments/{draft}");
            Assert.Null(page.Document.QuerySelector("form.view-form"));
        }
        using (var admin = await world.BrowserAsync(Role.CsoAdmin))
        {
            var page = await admin.GetOkAsync($"/assessments/{draft}");
            var empty = await admin.SubmitAsync(page, $"#statement-{update.Id} form.view-form", new Dictionary<string, string> { ["Statement.Text"] = "" });
            Assert.Contains("Write what your organisation says.", empty.Document.QuerySelector($"#view-{update.Id}-text-error")?.TextContent ?? ErrorIn(empty));
            var disputed = await admin.SubmitAsync(page, $"#statement-{update.Id} form.view-form", new Dictionary<string, string>
            {
                ["Statement.Verdict"] = "Disputes", ["Statement.Text"] = "Only the summary is online, not the budget lines.",
            });
            Assert.True(disputed.Text.Contains("Only the summary is online", StringComparison.Ordinal), ErrorIn(disputed));
        }
        var view = await Portal.WithDatabaseAsync(db => db.RecommendationStatements.AsNoTracking().SingleAsync(s => s.RecommendationId == toG.Id && s.Kind == StatementKind.AssessorView));
        Assert.Equal((world.CsoA.Id, (int?)update.Id, (AssessorVerdict?)AssessorVerdict.Disputes), (view.OrganisationId, view.AboutId, view.Verdict));
        // The view never changes the party's words nor its status.
        Assert.Equal(RecommendationStatus.Implemented, (await RecommendationsOfAsync(draft))[0].Status);
        Assert.Single(await NotificationsOfAsync(world.UserIds[Role.AgencyAdmin], NotificationKind.AssessorViewPosted));
        Assert.Empty(await NotificationsOfAsync(scene.HAdmin, NotificationKind.AssessorViewPosted));

        // The public reads the thread: status, the party's words, and the assessor's view beside them.
        using var anonymous = Portal.CreateBrowser();
        var shown = await anonymous.GetOkAsync($"/assessments/{draft}");
        var thread = shown.Document.QuerySelector($"#recommendation-{toG.Id}")!;
        Assert.Contains("Implemented", thread.QuerySelector(".tags")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("The budget is online.", thread.QuerySelector($"#statement-{update.Id}")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Only the summary is online", thread.QuerySelector($"#statement-{view.Id}.assessor-view")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Awaiting an answer from {world.AgencyH.Name}.", shown.Document.QuerySelector($"#recommendation-{written[1].Id}")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(shown.Document.QuerySelectorAll("form.answer-form, form.progress-form, form.view-form, details.hide-statement"));

        // A moderator hides the view with a reason: the reason stands in its place, its words are no longer shown, and it is audited.
        using (var moderator = await world.BrowserAsync(Role.Moderator))
        {
            var page = await moderator.GetOkAsync($"/assessments/{draft}");
            var noReason = await moderator.SubmitAsync(page, $"#statement-{view.Id} form", new Dictionary<string, string> { ["Reason"] = " " });
            Assert.Contains("Give the reason", ErrorIn(noReason), StringComparison.Ordinal);
            var hidden = await moderator.SubmitAsync(page, $"#statement-{view.Id} form", new Dictionary<string, string> { ["Reason"] = "Names a private person." });
            Assert.Contains("Names a private person.", hidden.Text, StringComparison.Ordinal);
        }
        var after = await anonymous.GetOkAsync($"/assessments/{draft}");
        Assert.DoesNotContain("Only the summary is online", after.Text, StringComparison.Ordinal);
        Assert.Contains("Names a private person.", after.Text, StringComparison.Ordinal);
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.Type == AuditEventType.StatementHidden && e.TargetId == TestData.Key(draft))));
        // The words are kept, unchanged.
        Assert.Equal("Only the summary is online, not the budget lines.",
            await Portal.WithDatabaseAsync(db => db.RecommendationStatements.AsNoTracking().Where(s => s.Id == view.Id).Select(s => s.Text).SingleAsync()));

        // The history says who said what kind of thing when, never the words a moderator may hide.
        var recorded = await anonymous.GetOkAsync($"/assessments/{draft}/history");
        Assert.Contains("Disputes", recorded.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Only the summary is online", recorded.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("The budget is online.", recorded.Text, StringComparison.Ordinal);

        // Nobody but a moderator hides a statement: the party whose update was disputed cannot hide the view.
        using (var agency = await BrowserOfAsync(world.UserIds[Role.AgencyAdmin]!, followRedirects: false))
            Assert.True(IsForbidden(await PostAsync(agency, $"/assessments/{draft}?handler=HideStatement",
                new() { ["HideKind"] = "statement", ["HideId"] = TestData.Key(update.Id), ["Reason"] = "We do not like it." })));
        Assert.Null(await Portal.WithDatabaseAsync(db => db.RecommendationStatements.AsNoTracking().Where(s => s.Id == update.Id).Select(s => s.HiddenAt).SingleAsync()));
    }

    [Fact]
    public async Task Crafted_ids_reach_no_recommendation_of_another_assessment_and_bad_values_save_nothing()
    {
        await using var scene = await SceneAsync();
        var world = scene.World;
        var published = await Portal.AssessmentAsync(world.CsoA, scene.Initiative, DateTime.UtcNow.AddMinutes(-1));
        var other = await Portal.AssessmentAsync(world.CsoB, scene.Initiative, DateTime.UtcNow.AddMinutes(-1));
        var (mine, theirs) = await Portal.WithDatabaseAsync(async db =>
        {
            var a = new Recommendation { AssessmentId = published, Number = 1, Text = "Open the books.", AddressedToId = world.AgencyG.Id };
            var b = new Recommendation { AssessmentId = other, Number = 1, Text = "Hold a hearing.", AddressedToId = world.AgencyG.Id };
            db.Recommendations.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });
        using var agency = await BrowserOfAsync(world.UserIds[Role.AgencyAdmin]!, followRedirects: false);
        // B's recommendation reached through A's assessment: not found here, refused and audited.
        var before = await RefusalsAsync(published, world.UserIds[Role.AgencyAdmin]);
        var crafted = await PostAsync(agency, $"/assessments/{published}?handler=AnswerRecommendation", new()
        {
            ["Statement.RecommendationId"] = TestData.Key(theirs), ["Statement.Status"] = "NotAccepted", ["Statement.Text"] = "No.",
        });
        Assert.Equal(HttpStatusCode.NotFound, crafted.StatusCode);
        Assert.Equal(before + 1, await RefusalsAsync(published, world.UserIds[Role.AgencyAdmin]));
        // A status that is no answer, a verdict on a statement of another thread, an unknown status: messages, nothing saved.
        foreach (var status in new[] { "Implemented", "Awaiting", "Bogus", "" })
        {
            var bad = await PostAsync(agency, $"/assessments/{published}?handler=AnswerRecommendation", new()
            {
                ["Statement.RecommendationId"] = TestData.Key(mine), ["Statement.Status"] = status, ["Statement.Text"] = "No.",
            });
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains("Choose", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var longText = await PostAsync(agency, $"/assessments/{published}?handler=AnswerRecommendation", new()
        {
            ["Statement.RecommendationId"] = TestData.Key(mine), ["Statement.Status"] = "NotAccepted", ["Statement.Text"] = new string('x', RecommendationStatement.TextLength + 1),
            ["Statement.EvidenceUrl"] = "javascript:alert(1)",
        });
        var longPage = await longText.Content.ReadAsStringAsync();
        Assert.Contains($"Use at most {RecommendationStatement.TextLength} characters.", longPage, StringComparison.Ordinal);
        Assert.Contains("Enter a full web address starting with https://", longPage, StringComparison.Ordinal);
        Assert.Equal(0, await Portal.WithDatabaseAsync(db => db.RecommendationStatements.CountAsync(s => s.RecommendationId == mine || s.RecommendationId == theirs)));

        // The CSO's admin gives a view of a statement of another thread: refused, audited, nothing saved.
        var foreign = await Portal.WithDatabaseAsync(async db =>
        {
            var recommendation = await db.Recommendations.SingleAsync(r => r.Id == theirs);
            var statement = recommendation.Answer(world.AgencyG.Id, null, RecommendationStatus.NotAccepted, "Not now.", null, null, null, DateTime.UtcNow);
            db.RecommendationStatements.Add(statement);
            await db.SaveChangesAsync();
            return statement.Id;
        });
        using var cso = await BrowserOfAsync(world.UserIds[Role.CsoAdmin]!, followRedirects: false);
        var csoBefore = await RefusalsAsync(published, world.UserIds[Role.CsoAdmin]);
        var view = await PostAsync(cso, $"/assessments/{published}?handler=PostView", new()
        {
            ["Statement.RecommendationId"] = TestData.Key(mine), ["Statement.AboutId"] = TestData.Key(foreign), ["Statement.Verdict"] = "Disputes", ["Statement.Text"] = "Wrong.",
        });
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Equal(csoBefore + 1, await RefusalsAsync(published, world.UserIds[Role.CsoAdmin]));
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.RecommendationStatements.CountAsync(s => s.RecommendationId == mine || s.RecommendationId == theirs)));

        // A moderator hiding a statement of another assessment through this one: not found, nothing hidden.
        using var moderator = await BrowserOfAsync(world.UserIds[Role.Moderator]!, followRedirects: false);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(moderator, $"/assessments/{published}?handler=HideStatement",
            new() { ["HideKind"] = "statement", ["HideId"] = TestData.Key(foreign), ["Reason"] = "Crafted." })).StatusCode);
        Assert.Null(await Portal.WithDatabaseAsync(db => db.RecommendationStatements.AsNoTracking().Where(s => s.Id == foreign).Select(s => s.HiddenAt).SingleAsync()));
    }

    [Fact]
    public async Task A_target_date_passed_without_implementation_is_told_once_to_the_party_and_the_assessor()
    {
        await using var scene = await SceneAsync();
        var world = scene.World;
        var published = await Portal.AssessmentAsync(world.CsoA, scene.Initiative, DateTime.UtcNow.AddDays(-100));
        var passed = Today.AddDays(-2);
        var (late, done) = await Portal.WithDatabaseAsync(async db =>
        {
            var late = new Recommendation { AssessmentId = published, Number = 1, Text = "Open the books.", AddressedToId = world.AgencyG.Id, Status = RecommendationStatus.Accepted, TargetDate = passed };
            var done = new Recommendation { AssessmentId = published, Number = 2, Text = "Hold a hearing.", AddressedToId = world.AgencyG.Id, Status = RecommendationStatus.Implemented, TargetDate = passed };
            db.Recommendations.AddRange(late, done);
            await db.SaveChangesAsync();
            return (late.Id, done.Id);
        });
        var now = DateTime.UtcNow;
        var made = await Portal.WithServicesAsync(s => s.CreateAsyncScope().ServiceProvider.GetRequiredService<RecommendationReminders>().SendDueAsync(now, CancellationToken.None));
        Assert.True(made >= 3, $"{made} notifications");
        foreach (var user in new[] { world.UserIds[Role.AgencyMember], world.UserIds[Role.AgencyAdmin], world.UserIds[Role.CsoMember], world.UserIds[Role.CsoAdmin] })
        {
            var told = Assert.Single(await NotificationsOfAsync(user, NotificationKind.TargetDatePassed));
            Assert.Equal(($"/assessments/{published}#recommendation-{late}", Date(passed)), (told.Path, told.Detail));
        }
        Assert.Empty(await NotificationsOfAsync(scene.HAdmin, NotificationKind.TargetDatePassed));
        // Once only.
        Assert.Equal(0, await Portal.WithServicesAsync(s => s.CreateAsyncScope().ServiceProvider.GetRequiredService<RecommendationReminders>().SendDueAsync(now, CancellationToken.None)));
        // The page marks the late one, not the implemented one.
        using var anonymous = Portal.CreateBrowser();
        var page = await anonymous.GetOkAsync($"/assessments/{published}");
        Assert.NotNull(page.Document.QuerySelector($"#recommendation-{late} .overdue"));
        Assert.Null(page.Document.QuerySelector($"#recommendation-{done} .overdue"));
    }

    [Fact]
    public async Task A_revision_carries_the_recommendations_and_their_threads()
    {
        await using var scene = await SceneAsync();
        var world = scene.World;
        var published = await Portal.AssessmentAsync(world.CsoA, scene.Initiative, DateTime.UtcNow.AddMinutes(-10));
        var recommendation = await Portal.WithDatabaseAsync(async db =>
        {
            var r = new Recommendation { AssessmentId = published, Number = 1, Text = "Open the books.", AddressedToId = world.AgencyG.Id };
            db.Recommendations.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });
        using (var admin = await world.BrowserAsync(Role.CsoAdmin))
        {
            var page = await admin.GetOkAsync($"/assessments/{published}");
            var edit = await admin.SubmitAsync(page, "form[action*='handler=Revise']", new Dictionary<string, string>());
            Assert.Equal("Open the books.", edit.Document.QuerySelector("textarea[name='Input.RecommendationRows[0].Text']")!.TextContent.Trim());
        }
        var revision = await Portal.WithDatabaseAsync(db => db.Assessments.AsNoTracking().Where(a => a.RevisionOfId == published).Select(a => a.Id).SingleAsync());
        var carried = Assert.Single(await RecommendationsOfAsync(revision));
        Assert.Equal((recommendation, RecommendationStatus.Awaiting), (carried.ThreadId!.Value, carried.Status));

        // While the revision is a draft, G answers the published one: the revision, once published, stands where the thread stands.
        using (var agency = await world.BrowserAsync(Role.AgencyAdmin))
        {
            var page = await agency.GetOkAsync($"/assessments/{published}");
            var answered = await agency.SubmitAsync(page, $"#recommendation-{recommendation} form.answer-form", new Dictionary<string, string>
            {
                ["Statement.Status"] = "Accepted", ["Statement.Commitment"] = "Publish the books.", ["Statement.TargetDate"] = Date(Today.AddDays(30)),
                ["Statement.Text"] = "The books will be opened.",
            });
            Assert.True(answered.Text.Contains("The books will be opened.", StringComparison.Ordinal), ErrorIn(answered));
        }
        await PublishAsync(world, revision);
        Assert.Equal((RecommendationStatus.Accepted, (DateOnly?)Today.AddDays(30)), await Portal.WithDatabaseAsync(db =>
            db.Recommendations.AsNoTracking().Where(r => r.Id == carried.Id).Select(r => new ValueTuple<RecommendationStatus, DateOnly?>(r.Status, r.TargetDate)).SingleAsync()));
        using (var agency = await world.BrowserAsync(Role.AgencyAdmin))
        {
            // On the revision G goes on with progress; it is not asked to answer again.
            var page = await agency.GetOkAsync($"/assessments/{revision}");
            Assert.Null(page.Document.QuerySelector($"#recommendation-{carried.Id} form.answer-form"));
            var updated = await agency.SubmitAsync(page, $"#recommendation-{carried.Id} form.progress-form", new Dictionary<string, string>
            {
                ["Statement.Status"] = "InProgress", ["Statement.Text"] = "The first ledgers are online.",
            });
            Assert.True(updated.Text.Contains("The first ledgers are online.", StringComparison.Ordinal), ErrorIn(updated));
        }
        using var anonymous = Portal.CreateBrowser();
        var shown = await anonymous.GetOkAsync($"/assessments/{revision}");
        var thread = shown.Document.QuerySelector($"#recommendation-{carried.Id}")!.TextContent;
        Assert.Contains("The books will be opened.", thread, StringComparison.Ordinal);
        Assert.Contains("The first ledgers are online.", thread, StringComparison.Ordinal);
        // Only new recommendations are announced to the parties again: this one was told of before.
        Assert.Empty(await NotificationsOfAsync(world.UserIds[Role.AgencyAdmin], NotificationKind.RecommendationAddressed));
    }

    [Fact]
    public async Task Two_updates_at_once_leave_the_standing_of_the_one_saved_and_refuse_the_other()
    {
        await using var scene = await SceneAsync();
        var world = scene.World;
        var published = await Portal.AssessmentAsync(world.CsoA, scene.Initiative, DateTime.UtcNow.AddMinutes(-1));
        var id = await Portal.WithDatabaseAsync(async db =>
        {
            var r = new Recommendation { AssessmentId = published, Number = 1, Text = "Open the books.", AddressedToId = world.AgencyG.Id };
            db.Recommendations.Add(r);
            await db.SaveChangesAsync();
            db.RecommendationStatements.Add(r.Answer(world.AgencyG.Id, null, RecommendationStatus.Accepted, "Yes.", "Publish them.", Today.AddDays(9), null, DateTime.UtcNow));
            await db.SaveChangesAsync();
            return r.Id;
        });
        await Portal.WithServicesAsync(async services =>
        {
            await using var first = services.CreateAsyncScope();
            await using var second = services.CreateAsyncScope();
            var one = first.ServiceProvider.GetRequiredService<AppDbContext>();
            var two = second.ServiceProvider.GetRequiredService<AppDbContext>();
            var seenByOne = await one.Recommendations.SingleAsync(r => r.Id == id);
            var seenByTwo = await two.Recommendations.SingleAsync(r => r.Id == id);
            one.RecommendationStatements.Add(seenByOne.Progress(world.AgencyG.Id, null, RecommendationStatus.Implemented, "Done.", null, null, DateTime.UtcNow));
            two.RecommendationStatements.Add(seenByTwo.Progress(world.AgencyG.Id, null, RecommendationStatus.InProgress, "Working.", null, null, DateTime.UtcNow));
            await one.SaveChangesAsync();
            await Assert.ThrowsAnyAsync<DbUpdateConcurrencyException>(() => two.SaveChangesAsync());
        });
        Assert.Equal(RecommendationStatus.Implemented, await Portal.WithDatabaseAsync(db => db.Recommendations.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
        Assert.Equal(["Yes.", "Done."], await Portal.WithDatabaseAsync(db => db.RecommendationStatements.Where(s => s.RecommendationId == id).OrderBy(s => s.Id).Select(s => s.Text).ToListAsync()));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class RecommendationsOnSqlite(SqlitePortalFixture fixture) : RecommendationTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class RecommendationsOnPostgres(PostgresPortalFixture fixture) : RecommendationTests(fixture);
