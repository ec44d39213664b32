using System.Net;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// People-centred assessments over HTTP: a CSO drafts one over two sittings, its admin publishes it, the agency that is a
/// party answers, the CSO revises it; frameworks keep their versions; bad input is refused and saves nothing.
/// </summary>
public abstract class AssessmentTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private Task<AssessmentFramework> LatestFrameworkAsync() =>
        Portal.WithDatabaseAsync(db => db.AssessmentFrameworks.AsNoTracking().OrderByDescending(f => f.Version).FirstAsync());

    private Task<Assessment> AssessmentAsync(int id) =>
        Portal.WithDatabaseAsync(db => db.Assessments.AsNoTracking().Include(a => a.Answers).Include(a => a.Evidence).Include(a => a.Consultations).AsSplitQuery().SingleAsync(a => a.Id == id));

    /// <summary>Form fields answering the indicators from <paramref name="from"/> to <paramref name="to"/> (exclusive) of the framework.</summary>
    private static Dictionary<string, string> Answers(AssessmentFramework framework, int from, int to)
    {
        var fields = new Dictionary<string, string>();
        var indicators = framework.Indicators.ToList();
        for (var i = from; i < Math.Min(to, indicators.Count); i++)
        {
            // Alternate scores and the two answers that are never counted as 0.
            var choice = (i % 4) switch { 0 => "3", 1 => "1", 2 => "na", _ => "ii" };
            fields[$"Input.Answers[{i}].Choice"] = choice;
            fields[$"Input.Answers[{i}].Justification"] = $"Rights-holders told us about {indicators[i].Code}.";
            if (choice is "3" or "1")
            {
                fields[$"Input.Answers[{i}].Confidence"] = "Medium";
                fields[$"Input.Answers[{i}].Evidence[0].Type"] = "Testimony";
                fields[$"Input.Answers[{i}].Evidence[0].Description"] = $"Focus group notes on {indicators[i].Code}";
                fields[$"Input.Answers[{i}].Evidence[0].Url"] = "https://example.org/notes.pdf";
            }
        }
        return fields;
    }

    [Fact]
    public async Task A_cso_drafts_over_two_sittings_publishes_the_party_responds_and_a_revision_supersedes_it()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), title: TestData.Unique("Seed banks"));
        var framework = await LatestFrameworkAsync();
        var indicators = framework.Indicators.Count();
        using var member = await world.BrowserAsync(Role.CsoMember);

        // First sitting: the first dimension only.
        var page = await member.GetOkAsync($"/initiatives/{initiative}");
        Assert.NotNull(page.Document.QuerySelector($"a[href='/initiatives/{initiative}/assess']"));
        var form = await member.GetOkAsync($"/initiatives/{initiative}/assess");
        var firstDimension = framework.Dimensions[0].Indicators.Count;
        var saved = await member.SubmitAsync(form, "form.record-form", new Dictionary<string, string>(Answers(framework, 0, firstDimension))
        {
            ["Input.AssessorId"] = TestData.Key(world.CsoA.Id), ["Input.Relationship"] = "Affected",
        });
        Assert.Matches(@"^/assessments/\d+$", saved.Address.AbsolutePath);
        var id = int.Parse(saved.Address.AbsolutePath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Draft", saved.Text, StringComparison.Ordinal);
        Assert.Contains($"{indicators - firstDimension + 2} things are missing", saved.Text, StringComparison.Ordinal);
        Assert.Null(saved.Document.QuerySelector("form[action*='handler=Publish']"));
        using (var visitor = Portal.CreateBrowser())
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/assessments/{id}")).Status);

        // Second sitting: what was saved is still there; the rest is answered.
        var again = await member.GetOkAsync($"/assessments/{id}/edit");
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)again.Document.QuerySelector("#choice-0-3")!).IsChecked);
        Assert.Contains("Rights-holders told us about", again.Document.QuerySelector("#Input_Answers_0__Justification")!.TextContent, StringComparison.Ordinal);
        var complete = await member.SubmitAsync(again, "form.record-form", new Dictionary<string, string>(Answers(framework, firstDimension, indicators))
        {
            ["Input.Methods"] = "FocusGroups", ["Input.Findings"] = "Farmers were consulted late.", ["Input.Recommendations"] = "Consult before approval.",
            ["Input.Consultations[0].Women"] = "12", ["Input.Consultations[0].Men"] = "3",
        });
        Assert.Contains("Every indicator is answered", complete.Text, StringComparison.Ordinal);

        // The organisation admin publishes.
        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        var published = await admin.SubmitAsync(await admin.GetOkAsync($"/assessments/{id}"), "form[action*='handler=Publish']", new Dictionary<string, string>());
        var assessment = await AssessmentAsync(id);
        Assert.Equal((PublicationState.Published, AssessmentPerspective.CivilSociety), (assessment.Publication, assessment.Perspective));
        Assert.Equal(indicators, assessment.Answers.Count);
        var expected = AssessmentScoring.ByDimension(framework, assessment.Answers)[0];
        var kept = await Portal.WithDatabaseAsync(db => db.AssessmentScores.AsNoTracking().SingleAsync(s => s.AssessmentId == id && s.Scope == ScoreScope.Dimension && s.Code == expected.Code));
        Assert.Equal(((double?)expected.Average, expected.Scored, expected.NotApplicable), (kept.Average, kept.Scored, kept.NotApplicable));
        Assert.NotNull(published.Document.QuerySelector("svg.score-chart title"));
        Assert.Contains("Farmers were consulted late.", published.Text, StringComparison.Ordinal);

        // The public sees it in the list and beside the initiative.
        using (var visitor = Portal.CreateBrowser())
        {
            Assert.NotNull((await visitor.GetOkAsync("/assessments")).Document.QuerySelector($"a[href='/assessments/{id}']"));
            var initiativePage = await visitor.GetOkAsync($"/initiatives/{initiative}");
            Assert.Contains("Civil-society assessment", initiativePage.Document.QuerySelector(".side-by-side")!.TextContent, StringComparison.Ordinal);
        }

        // The agency, a party to the initiative, answers; the assessment does not change.
        using var agency = await world.BrowserAsync(Role.AgencyAdmin);
        var answered = await agency.SubmitAsync(await agency.GetOkAsync($"/assessments/{id}"), "form[action*='handler=Respond']",
            new Dictionary<string, string> { ["ResponseText"] = "We will consult farmers before the next phase." });
        Assert.Contains("We will consult farmers before the next phase.", answered.Document.QuerySelector("#responses")!.TextContent, StringComparison.Ordinal);
        Assert.Null(answered.Document.QuerySelector("form[action*='handler=Respond']"));
        var after = await AssessmentAsync(id);
        Assert.Equal((assessment.Version, assessment.Findings), (after.Version, after.Findings));
        Assert.Contains(world.AgencyG.Name, (await member.GetOkAsync("/my")).Document.QuerySelector("#attention-heading")!.ParentElement!.TextContent, StringComparison.Ordinal);

        // A revision: a new draft from the published one, published in turn; the old one stays, linked.
        var revision = await admin.SubmitAsync(await admin.GetOkAsync($"/assessments/{id}"), "form[action*='handler=Revise']", new Dictionary<string, string>());
        Assert.Matches(@"^/assessments/\d+/edit$", revision.Address.AbsolutePath);
        var revisedId = int.Parse(revision.Address.AbsolutePath.Split('/')[^2], System.Globalization.CultureInfo.InvariantCulture);
        await admin.SubmitAsync(revision, "form.record-form", new Dictionary<string, string> { ["Input.Findings"] = "Farmers are now consulted." });
        await admin.SubmitAsync(await admin.GetOkAsync($"/assessments/{revisedId}"), "form[action*='handler=Publish']", new Dictionary<string, string>());
        var revised = await AssessmentAsync(revisedId);
        Assert.Equal((PublicationState.Published, 2, id, "Farmers are now consulted."), (revised.Publication, revised.Revision, revised.RevisionOfId, revised.Findings));
        Assert.Equal(revisedId, (await AssessmentAsync(id)).SupersededById);
        using (var visitor = Portal.CreateBrowser())
        {
            var old = await visitor.GetOkAsync($"/assessments/{id}");
            Assert.NotNull(old.Document.QuerySelector($"a[href='/assessments/{revisedId}']"));
            Assert.Contains("Farmers were consulted late.", old.Text, StringComparison.Ordinal);
            var list = await visitor.GetOkAsync($"/assessments?assessor={world.CsoA.Id}");
            Assert.NotNull(list.Document.QuerySelector($"a[href='/assessments/{revisedId}']"));
            Assert.Null(list.Document.QuerySelector($"a[href='/assessments/{id}']"));
            var history = await visitor.GetOkAsync($"/assessments/{id}/history");
            Assert.Contains("Response published", history.Text, StringComparison.Ordinal);
            Assert.Contains("Published", history.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_draft_assessment_is_deleted_only_once_the_deletion_is_confirmed()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        var draft = await Portal.AssessmentAsync(world.CsoA, initiative, publishedAt: null, complete: false);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var page = await member.GetOkAsync($"/assessments/{draft}");
        Assert.NotNull(page.Document.QuerySelector("form.delete input[type=checkbox][name=Confirm][required]"));

        var unconfirmed = await member.SubmitAsync(page, "form.delete", new Dictionary<string, string>());
        Assert.Contains("Nothing was deleted: tick the box", unconfirmed.Text, StringComparison.Ordinal);
        Assert.True(await Portal.WithDatabaseAsync(db => db.Assessments.AnyAsync(a => a.Id == draft)));

        var deleted = await member.SubmitAsync(unconfirmed, "form.delete", new Dictionary<string, string> { ["Confirm"] = "true" });
        Assert.Equal($"/initiatives/{initiative}", deleted.Address.AbsolutePath);
        Assert.Contains("The draft assessment was deleted.", deleted.Text, StringComparison.Ordinal);
        Assert.False(await Portal.WithDatabaseAsync(db => db.Assessments.AnyAsync(a => a.Id == draft)));
    }

    [Fact]
    public async Task An_official_party_writes_a_self_assessment_labelled_as_such_beside_civil_society()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        await Portal.AssessmentAsync(world.CsoA, initiative, DateTime.UtcNow.AddMinutes(-2));
        using var officer = await world.BrowserAsync(Role.AgencyMember);
        var form = await officer.GetOkAsync($"/initiatives/{initiative}/assess");
        Assert.Contains("self-assessment", form.Document.QuerySelector("#Input_AssessorId")!.TextContent, StringComparison.Ordinal);

        var saved = await officer.SubmitAsync(form, "form.record-form", new Dictionary<string, string> { ["Input.Findings"] = "Our own view." });

        var id = int.Parse(saved.Address.AbsolutePath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var assessment = await AssessmentAsync(id);
        Assert.Equal((AssessmentPerspective.SelfAssessment, AssessorRelationship.Party), (assessment.Perspective, assessment.Relationship));
        Assert.Contains("Government self-assessment", saved.Text, StringComparison.Ordinal);
        // An agency that is no party to an initiative cannot assess it at all.
        var other = await Portal.InitiativeAsync(world.CsoB, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        Assert.False(AccessWorld.IsAllowed((await officer.GetAsync($"/initiatives/{other}/assess")).Response));
    }

    [Fact]
    public async Task An_old_assessment_keeps_its_framework_version_after_an_administrator_publishes_a_new_one()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        var old = await Portal.AssessmentAsync(world.CsoA, initiative, DateTime.UtcNow.AddMinutes(-2));
        var before = await LatestFrameworkAsync();
        var dropped = before.Dimensions[^1].Indicators[^1];
        using var administrator = await world.BrowserAsync(Role.Administrator);
        var page = await administrator.GetOkAsync("/admin/frameworks");
        var definition = System.Text.Json.Nodes.JsonNode.Parse(page.Document.QuerySelector("#definition")!.TextContent)!;
        definition["title"]!["en"] = "People-centred assessment framework, revised";
        definition["dimensions"]!.AsArray()[^1]!["indicators"]!.AsArray().RemoveAt(before.Dimensions[^1].Indicators.Count - 1);

        var published = await administrator.SubmitAsync(page, "form.record-form", new Dictionary<string, string> { ["Text"] = definition.ToJsonString() });

        Assert.Contains($"Version {before.Version + 1} of the framework is published", published.Text, StringComparison.Ordinal);
        var latest = await LatestFrameworkAsync();
        Assert.Equal((before.Version + 1, before.Indicators.Count() - 1), (latest.Version, latest.Indicators.Count()));
        // The old assessment still shows its own version, every one of its indicators, and says a newer one exists.
        using var visitor = Portal.CreateBrowser();
        var oldPage = await visitor.GetOkAsync($"/assessments/{old}");
        Assert.Contains($"version {before.Version}", oldPage.Text, StringComparison.Ordinal);
        Assert.NotNull(oldPage.Document.QuerySelector($"[id='indicator-{dropped.Code}']"));
        Assert.Contains("a newer version of the framework", oldPage.Text, StringComparison.Ordinal);
        // A new assessment uses the new version.
        using var member = await world.BrowserAsync(Role.CsoMember);
        var form = await member.GetOkAsync($"/initiatives/{initiative}/assess");
        Assert.Contains($"version {latest.Version}", form.Text, StringComparison.Ordinal);
        Assert.Null(form.Document.QuerySelector($"[id='indicator-{dropped.Code}']"));
        // A framework that tests an unknown principle is refused, and nothing is published.
        definition["dimensions"]!.AsArray()[0]!["indicators"]!.AsArray()[0]!["principles"] = new System.Text.Json.Nodes.JsonArray("made-up-principle");
        var refused = await administrator.SubmitAsync(await administrator.GetOkAsync("/admin/frameworks"), "form.record-form", new Dictionary<string, string> { ["Text"] = definition.ToJsonString() });
        Assert.Contains("unknown principle “made-up-principle”", refused.Text, StringComparison.Ordinal);
        Assert.Equal(latest.Version, (await LatestFrameworkAsync()).Version);
    }

    [Theory]
    [InlineData("Input.Answers[0].Choice", "7", "Choose a score from 0 to 4")]
    [InlineData("Input.Answers[0].Choice", "-1", "Choose a score from 0 to 4")]
    [InlineData("Input.Answers[0].Evidence[0].Url", "javascript:alert(1)", "Enter a full web address starting with https://")]
    [InlineData("Input.Answers[0].Evidence[0].Url", "ftp://example.org/file", "Enter a full web address starting with https://")]
    [InlineData("Input.Consultations[0].Women", "-5", "Enter a number of people from 0 up.")]
    [InlineData("Input.Relationship", "Party", "Only an official party to the initiative writes a self-assessment")]
    public async Task Bad_input_is_refused_next_to_the_field_and_nothing_is_saved(string field, string value, string message)
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        using var member = await world.BrowserAsync(Role.CsoMember);
        var form = await member.GetOkAsync($"/initiatives/{initiative}/assess");

        var page = await member.SubmitAsync(form, "form.record-form", new Dictionary<string, string>
        {
            [field] = value, ["Input.Answers[0].Justification"] = "<script>alert('x')</script>", ["Input.Answers[0].Evidence[0].Description"] = "A document",
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(message, page.Document.QuerySelector("form.record-form")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("<script>alert('x')</script>", page.Document.QuerySelector("#Input_Answers_0__Justification")!.TextContent.Trim());
        Assert.DoesNotContain("<script>alert", await page.Response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await Portal.WithDatabaseAsync(db => db.Assessments.AnyAsync(a => a.InitiativeId == initiative)));
    }

    [Fact]
    public async Task Letters_in_a_number_field_are_refused_in_the_readers_language()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        using var member = await world.BrowserAsync(Role.CsoMember);
        var english = await member.GetOkAsync($"/initiatives/{initiative}/assess");
        var form = await member.FollowAsync(english, ".language-switcher a[lang=es]");

        var page = await member.SubmitAsync(form, "form.record-form", new Dictionary<string, string> { ["Input.Consultations[0].Women"] = "doce" });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("“doce” no es válido aquí.", page.Text, StringComparison.Ordinal);
        Assert.False(await Portal.WithDatabaseAsync(db => db.Assessments.AnyAsync(a => a.InitiativeId == initiative)));
    }

    [Fact]
    public async Task An_incomplete_assessment_cannot_be_published_and_says_what_is_missing()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        var id = await Portal.AssessmentAsync(world.CsoA, initiative, publishedAt: null, complete: false);
        var (admin, token) = await world.ClientAsync(Role.CsoAdmin);

        var response = await admin.PostAsync(new Uri($"/assessments/{id}?handler=Publish", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var page = await admin.GetStringAsync(response.Headers.Location);

        Assert.Contains("It cannot be published yet", page, StringComparison.Ordinal);
        Assert.Contains("not answered yet.", page, StringComparison.Ordinal);
        Assert.Equal(PublicationState.Draft, (await AssessmentAsync(id)).Publication);
        Assert.False(await Portal.WithDatabaseAsync(db => db.AssessmentScores.AnyAsync(s => s.AssessmentId == id)));
    }

    [Fact]
    public async Task Nobody_but_the_assessor_revises_and_only_official_parties_respond()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        // An initiative of civil-society organisation B: agency G is no party to it.
        var initiative = await Portal.InitiativeAsync(world.CsoB, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        var id = await Portal.AssessmentAsync(world.CsoA, initiative, DateTime.UtcNow.AddMinutes(-1));
        var (agency, agencyToken) = await world.ClientAsync(Role.AgencyAdmin);
        var assessments = await Portal.WithDatabaseAsync(db => db.Assessments.CountAsync());

        var revise = await agency.PostAsync(new Uri($"/assessments/{id}?handler=Revise", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = agencyToken }));
        var respond = await agency.PostAsync(new Uri($"/assessments/{id}?handler=Respond", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ResponderId"] = TestData.Key(world.AgencyG.Id), ["ResponseText"] = "Not ours to answer.", ["__RequestVerificationToken"] = agencyToken,
        }));
        var edit = await agency.PostAsync(new Uri($"/assessments/{id}/edit", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Findings"] = "Rewritten by someone else.", ["__RequestVerificationToken"] = agencyToken,
        }));

        Assert.False(AccessWorld.IsAllowed(revise));
        Assert.False(AccessWorld.IsAllowed(respond));
        Assert.False(AccessWorld.IsAllowed(edit));
        Assert.Equal(assessments, await Portal.WithDatabaseAsync(db => db.Assessments.CountAsync()));
        Assert.False(await Portal.WithDatabaseAsync(db => db.AssessmentResponses.AnyAsync(r => r.AssessmentId == id)));
        Assert.Equal("Too little was made public to judge.", (await AssessmentAsync(id)).Findings);
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.AccessRefused && e.TargetId == TestData.Key(id))));
    }

    [Fact]
    public async Task Two_members_saving_the_same_draft_at_once_see_both_versions_and_lose_nothing()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        var id = await Portal.AssessmentAsync(world.CsoA, initiative, publishedAt: null, complete: false);
        using var alice = await world.BrowserAsync(Role.CsoMember);
        using var bob = await world.BrowserAsync(Role.CsoAdmin);
        var aliceForm = await alice.GetOkAsync($"/assessments/{id}/edit");
        var bobForm = await bob.GetOkAsync($"/assessments/{id}/edit");

        await alice.SubmitAsync(aliceForm, "form.record-form", new Dictionary<string, string> { ["Input.Findings"] = "Alice's findings" });
        var conflict = await bob.SubmitAsync(bobForm, "form.record-form", new Dictionary<string, string> { ["Input.Findings"] = "Bob's findings" });

        Assert.Contains("Someone else saved this record", conflict.Text, StringComparison.Ordinal);
        Assert.Contains("Alice's findings", conflict.Document.QuerySelector(".conflict table")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Bob's findings", conflict.Document.QuerySelector("#Input_Findings")!.TextContent.Trim());
        Assert.Equal("Alice's findings", (await AssessmentAsync(id)).Findings);
        await bob.SubmitAsync(conflict, "form.record-form", new Dictionary<string, string>());
        Assert.Equal("Bob's findings", (await AssessmentAsync(id)).Findings);
    }

    [Fact]
    public async Task Principles_are_claimed_in_the_initiative_form_and_their_pages_count_claims_and_scores()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null, title: TestData.Unique("Claims ownership"));
        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        var form = await admin.GetOkAsync($"/initiatives/{initiative}/edit");
        await admin.SubmitAsync(form, "form.record-form", new Dictionary<string, string> { ["Input.Principles"] = "national-ownership" });
        await admin.SubmitAsync(await admin.GetOkAsync($"/initiatives/{initiative}"), "form[action*='handler=Publish']", new Dictionary<string, string>());
        await Portal.AssessmentAsync(world.CsoB, initiative, DateTime.UtcNow);

        using var visitor = Portal.CreateBrowser();
        var principle = await visitor.GetOkAsync("/principles/national-ownership");
        Assert.NotNull(principle.Document.QuerySelector($"a[href='/initiatives/{initiative}']"));
        Assert.Contains("Civil-society assessment", principle.Document.QuerySelector("#scores-heading")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains("UNGA", (await visitor.GetOkAsync("/principles")).Text, StringComparison.Ordinal);
        Assert.NotNull((await visitor.GetOkAsync($"/initiatives/{initiative}")).Document.QuerySelector("a[href='/principles/national-ownership']"));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/principles/no-such-principle")).Status);
        var country = await visitor.GetOkAsync("/countries/bo");
        Assert.Contains("Civil-society assessment", country.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_filters_by_dimension_score_range_and_refuses_scores_off_the_scale()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        var unscored = await Portal.AssessmentAsync(world.CsoA, initiative, DateTime.UtcNow);
        var other = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        var scored = await Portal.AssessmentAsync(world.CsoA, other, DateTime.UtcNow);
        var dimension = (await LatestFrameworkAsync()).Dimensions[0].Code;
        await Portal.WithDatabaseAsync(async db =>
        {
            var row = await db.AssessmentScores.SingleAsync(s => s.AssessmentId == scored && s.Scope == ScoreScope.Dimension && s.Code == dimension);
            (row.Average, row.Scored) = (2.5, 3);
            return await db.SaveChangesAsync();
        });
        using var visitor = Portal.CreateBrowser();
        string List(string query) => $"/assessments?assessor={world.CsoA.Id}&dimension={dimension}&{query}";

        var inRange = await visitor.GetOkAsync(List("min=2&max=3"));
        var above = await visitor.GetOkAsync(List("min=3&max=4"));
        var offScale = await visitor.GetOkAsync(List("min=9"));

        // An assessment with only "insufficient information" has no average, so no range holds it.
        Assert.NotNull(inRange.Document.QuerySelector($"a[href='/assessments/{scored}']"));
        Assert.Null(inRange.Document.QuerySelector($"a[href='/assessments/{unscored}']"));
        Assert.Null(above.Document.QuerySelector($"a[href='/assessments/{scored}']"));
        Assert.Contains("Enter a score from 0 to 4.", offScale.Text, StringComparison.Ordinal);
        Assert.NotNull(offScale.Document.QuerySelector($"a[href='/assessments/{scored}']"));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class AssessmentsOnSqlite(SqlitePortalFixture fixture) : AssessmentTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class AssessmentsOnPostgres(PostgresPortalFixture fixture) : AssessmentTests(fixture);
