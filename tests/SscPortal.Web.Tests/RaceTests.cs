using System.Net;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Every "only one" rule under real parallel requests: twenty presses of the same button, or twenty sends of the same
/// form, at once. Exactly one takes effect and is written to the history; the others get a page that says it was
/// already done (never a 5xx); and the database itself refuses what the pages' checks could miss.
/// </summary>
public abstract class RaceTests(PortalFixture fixture)
{
    private const int AtOnce = 20;
    private PortalFactory Portal => fixture.Portal;

    /// <summary>The same rendered form (one antiforgery token, one form key) sent <see cref="AtOnce"/> times at once, as a double click or a resend would.</summary>
    private static async Task<HtmlClient.Page[]> SameFormAtOnceAsync(HtmlClient browser, HtmlClient.Page page, string form, Dictionary<string, string> values)
    {
        var pages = await Task.WhenAll(Enumerable.Range(0, AtOnce).Select(_ => browser.SubmitAsync(page, form, values)));
        AssertNoServerError(pages);
        return pages;
    }

    /// <summary>The page rendered <see cref="AtOnce"/> times (each form with its own antiforgery token), then every form sent at once, as many tabs would.</summary>
    private static async Task<HtmlClient.Page[]> EachFormAtOnceAsync(HtmlClient browser, string url, string form, Dictionary<string, string>? values = null)
    {
        var rendered = new List<HtmlClient.Page>();
        for (var i = 0; i < AtOnce; i++) rendered.Add(await browser.GetOkAsync(url));
        var pages = await Task.WhenAll(rendered.Select(page => browser.SubmitAsync(page, form, values ?? [])));
        AssertNoServerError(pages);
        return pages;
    }

    private static void AssertNoServerError(IEnumerable<HtmlClient.Page> pages)
    {
        foreach (var page in pages)
            Assert.True(page.Status == HttpStatusCode.OK, $"{page.Address} answered {(int)page.Status}: {page.Text[..Math.Min(300, page.Text.Length)]}");
    }

    private Task<int> HistoryCountAsync(RecordType type, int id, ChangeKind kind) =>
        Portal.WithDatabaseAsync(db => db.RecordChanges.CountAsync(c => c.RecordType == type && c.RecordId == id && c.Kind == kind));

    private Task<int> AuditCountAsync(AuditEventType type, int targetId) =>
        Portal.WithDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.Type == type && e.TargetId == TestData.Key(targetId)));

    private static int IdIn(Uri address, int segment) => int.Parse(address.AbsolutePath.Split('/')[segment], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Twenty_presses_of_revise_start_one_revision_and_everyone_lands_on_it()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        var published = await Portal.AssessmentAsync(world.CsoA, initiative, DateTime.UtcNow.AddMinutes(-1));
        using var member = await world.BrowserAsync(Role.CsoMember);

        var pages = await EachFormAtOnceAsync(member, $"/assessments/{published}", "form[action*='handler=Revise']");

        var drafts = await Portal.WithDatabaseAsync(db => db.Assessments.Where(a => a.RevisionOfId == published).Select(a => a.Id).ToListAsync());
        var draft = Assert.Single(drafts);
        Assert.All(pages, page => Assert.Equal($"/assessments/{draft}/edit", page.Address.AbsolutePath));
        Assert.Equal(1, await HistoryCountAsync(RecordType.Assessment, draft, ChangeKind.Created));
    }

    [Fact]
    public async Task The_database_keeps_one_open_revision_and_one_published_revision_of_an_assessment()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        var original = await Portal.AssessmentAsync(world.CsoA, initiative, DateTime.UtcNow.AddMinutes(-2));
        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        var revising = await admin.SubmitAsync(await admin.GetOkAsync($"/assessments/{original}"), "form[action*='handler=Revise']", new Dictionary<string, string>());
        var first = IdIn(revising.Address, 2);

        // A second open revision, however it is written, is refused by the database itself.
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => Portal.WithDatabaseAsync(async db =>
        {
            var source = await db.Assessments.Include(a => a.Answers).Include(a => a.Evidence).Include(a => a.Consultations).AsSplitQuery().SingleAsync(a => a.Id == original);
            db.Assessments.Add(source.StartRevision(DateTime.UtcNow));
            return await db.SaveChangesAsync();
        }));

        await admin.SubmitAsync(await admin.GetOkAsync($"/assessments/{first}"), "form[action*='handler=Publish']", new Dictionary<string, string>());
        // A second draft of the same assessment, as a "Revise" that read the old state just before the first revision was published.
        var late = await Portal.WithDatabaseAsync(async db =>
        {
            var source = await db.Assessments.AsNoTracking().Include(a => a.Answers).Include(a => a.Evidence).Include(a => a.Consultations).AsSplitQuery().SingleAsync(a => a.Id == original);
            source.SupersededById = null;
            var revision = source.StartRevision(DateTime.UtcNow);
            db.Assessments.Add(revision);
            await db.SaveChangesAsync();
            return revision.Id;
        });

        var refused = await admin.SubmitAsync(await admin.GetOkAsync($"/assessments/{late}"), "form[action*='handler=Publish']", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Another revision of this assessment was published a moment ago", refused.Text, StringComparison.Ordinal);
        var (lateState, current) = await Portal.WithDatabaseAsync(async db => (
            await db.Assessments.Where(a => a.Id == late).Select(a => a.Publication).SingleAsync(),
            await db.Assessments.Where(a => a.Id == original).Select(a => a.SupersededById).SingleAsync()));
        Assert.Equal((PublicationState.Draft, (int?)first), (lateState, current));
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.Assessments.CountAsync(a => a.InitiativeId == initiative && a.Publication == PublicationState.Published && a.SupersededById == null)));
    }

    [Fact]
    public async Task Twenty_publishes_of_one_initiative_publish_it_once()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null);
        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        var stale = await admin.GetOkAsync($"/initiatives/{initiative}");

        var pages = await EachFormAtOnceAsync(admin, $"/initiatives/{initiative}", "form[action*='handler=Publish']");

        Assert.Equal(1, await HistoryCountAsync(RecordType.Initiative, initiative, ChangeKind.Published));
        Assert.Equal(1, await AuditCountAsync(AuditEventType.InitiativePublished, initiative));
        Assert.Equal(2, await Portal.WithDatabaseAsync(db => db.Initiatives.Where(i => i.Id == initiative).Select(i => i.Version).SingleAsync()));
        Assert.All(pages, page => Assert.Equal($"/initiatives/{initiative}", page.Address.AbsolutePath));
        // What a press that comes second is told (alone, so that no other tab takes its message).
        var again = await admin.SubmitAsync(stale, "form[action*='handler=Publish']", new Dictionary<string, string>());
        Assert.Contains("This record is already published.", again.Text, StringComparison.Ordinal);
        Assert.Equal(1, await HistoryCountAsync(RecordType.Initiative, initiative, ChangeKind.Published));
    }

    [Fact]
    public async Task Twenty_unpublishes_and_releases_by_moderators_happen_once()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", DateTime.UtcNow.AddMinutes(-5));
        using var moderator = await world.BrowserAsync(Role.Moderator);

        await EachFormAtOnceAsync(moderator, $"/initiatives/{initiative}", "form.unpublish", new() { ["Reason"] = "Misleading figures" });
        Assert.Equal(1, await HistoryCountAsync(RecordType.Initiative, initiative, ChangeKind.Unpublished));
        Assert.Equal(1, await AuditCountAsync(AuditEventType.InitiativeUnpublished, initiative));

        await EachFormAtOnceAsync(moderator, $"/initiatives/{initiative}", "form[action*='handler=Release']");
        Assert.Equal(1, await HistoryCountAsync(RecordType.Initiative, initiative, ChangeKind.HoldReleased));
        Assert.Equal(1, await AuditCountAsync(AuditEventType.ModeratorHoldReleased, initiative));
    }

    [Fact]
    public async Task Twenty_publishes_of_one_partnership_publish_it_once()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var partnership = await Portal.PartnershipAsync(world.AgencyG, world.CsoB, publishedAt: null);
        using var admin = await world.BrowserAsync(Role.AgencyAdmin);

        await EachFormAtOnceAsync(admin, $"/partnerships/{partnership}", "form[action*='handler=Publish']");

        Assert.Equal(1, await HistoryCountAsync(RecordType.Partnership, partnership, ChangeKind.Published));
        Assert.Equal(1, await AuditCountAsync(AuditEventType.PartnershipPublished, partnership));
    }

    [Fact]
    public async Task Twenty_publishes_of_one_assessment_publish_it_once_with_one_set_of_scores()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        var assessment = await Portal.AssessmentAsync(world.CsoA, initiative, publishedAt: null);
        using var admin = await world.BrowserAsync(Role.CsoAdmin);

        var pages = await EachFormAtOnceAsync(admin, $"/assessments/{assessment}", "form[action*='handler=Publish']");

        Assert.Equal(1, await HistoryCountAsync(RecordType.Assessment, assessment, ChangeKind.Published));
        Assert.Equal(1, await AuditCountAsync(AuditEventType.AssessmentPublished, assessment));
        var framework = await Portal.WithDatabaseAsync(db => db.AssessmentFrameworks.AsNoTracking().OrderByDescending(f => f.Version).FirstAsync());
        Assert.Equal(framework.Dimensions.Count, await Portal.WithDatabaseAsync(db => db.AssessmentScores.CountAsync(s => s.AssessmentId == assessment && s.Scope == ScoreScope.Dimension)));
        Assert.All(pages, page => Assert.Equal($"/assessments/{assessment}", page.Address.AbsolutePath));
    }

    [Fact]
    public async Task Twenty_responses_of_one_party_publish_one()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        var assessment = await Portal.AssessmentAsync(world.CsoA, initiative, DateTime.UtcNow.AddMinutes(-1));
        using var agency = await world.BrowserAsync(Role.AgencyAdmin);

        await EachFormAtOnceAsync(agency, $"/assessments/{assessment}", "form[action*='handler=Respond']", new() { ["ResponseText"] = "We will consult farmers." });

        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.AssessmentResponses.CountAsync(r => r.AssessmentId == assessment)));
        Assert.Equal(1, await HistoryCountAsync(RecordType.Assessment, assessment, ChangeKind.ResponsePublished));
    }

    [Fact]
    public async Task Twenty_identical_posts_of_the_new_initiative_form_create_one_draft()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var title = TestData.Unique("Sent twice");
        var form = await member.GetOkAsync("/initiatives/new");
        var values = new Dictionary<string, string>
        {
            ["Input.OwnerId"] = TestData.Key(world.CsoA.Id), ["Input.Title"] = title, ["Input.Summary"] = "Radios share practice.",
            ["Input.Modality"] = "Bilateral", ["Input.Countries[0].Code"] = "PE", ["Input.Countries[0].Role"] = "Provider",
            ["Input.Countries[1].Code"] = "BO", ["Input.Countries[1].Role"] = "Recipient",
        };

        var pages = await SameFormAtOnceAsync(member, form, "form.record-form", values);

        var created = Assert.Single(await Portal.WithDatabaseAsync(db => db.Initiatives.Where(i => i.Title == title).Select(i => i.Id).ToListAsync()));
        Assert.All(pages, page => Assert.Equal($"/initiatives/{created}", page.Address.AbsolutePath));
        Assert.Equal(1, await HistoryCountAsync(RecordType.Initiative, created, ChangeKind.Created));
        // Sent once more later (the browser's "resend"): nothing new, and the person is told where the record is.
        var repeat = await member.SubmitAsync(form, "form.record-form", values);
        Assert.Equal($"/initiatives/{created}", repeat.Address.AbsolutePath);
        Assert.Contains("This form was already sent, so nothing new was created", repeat.Text, StringComparison.Ordinal);
        // A form rendered anew is a new record.
        await member.SubmitAsync(await member.GetOkAsync("/initiatives/new"), "form.record-form", values);
        Assert.Equal(2, await Portal.WithDatabaseAsync(db => db.Initiatives.CountAsync(i => i.Title == title)));
    }

    [Fact]
    public async Task Twenty_identical_posts_of_the_new_partnership_form_create_one()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var officer = await world.BrowserAsync(Role.AgencyMember);
        var title = TestData.Unique("Agreement sent twice");
        var form = await officer.GetOkAsync("/partnerships/new");

        var pages = await SameFormAtOnceAsync(officer, form, "form.record-form", new()
        {
            ["Input.OwnerId"] = TestData.Key(world.AgencyG.Id), ["Input.Title"] = title, ["Input.Type"] = "FrameworkAgreement",
            ["Input.Signatories[0]"] = TestData.Key(world.AgencyG.Id), ["Input.Signatories[1]"] = TestData.Key(world.CsoB.Id),
        });

        var created = Assert.Single(await Portal.WithDatabaseAsync(db => db.Partnerships.Where(p => p.Title == title).Select(p => p.Id).ToListAsync()));
        Assert.All(pages, page => Assert.Equal($"/partnerships/{created}", page.Address.AbsolutePath));
    }

    [Fact]
    public async Task Twenty_identical_posts_of_a_new_assessment_create_one()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        using var member = await world.BrowserAsync(Role.CsoMember);
        var form = await member.GetOkAsync($"/initiatives/{initiative}/assess");

        var pages = await SameFormAtOnceAsync(member, form, "form.record-form", new()
        {
            ["Input.AssessorId"] = TestData.Key(world.CsoA.Id), ["Input.Relationship"] = "Affected", ["Input.Findings"] = "Sent twice.",
        });

        var created = Assert.Single(await Portal.WithDatabaseAsync(db => db.Assessments.Where(a => a.InitiativeId == initiative).Select(a => a.Id).ToListAsync()));
        Assert.All(pages, page => Assert.Equal($"/assessments/{created}", page.Address.AbsolutePath));
    }

    [Fact]
    public async Task Twenty_identical_proposals_of_an_organisation_propose_one()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var person = await world.BrowserAsync(Role.NoOrganisation);
        var name = TestData.Unique("Proposed twice");
        var form = await person.GetOkAsync("/account/organisations");

        await SameFormAtOnceAsync(person, form, "form[action*='handler=Propose']", new() { ["Proposal.Name"] = name, ["Proposal.Type"] = "NationalCso" });

        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.Actors.CountAsync(a => a.Name == name)));
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.Memberships.CountAsync(m => m.UserId == world.UserIds[Role.NoOrganisation] && m.Actor!.Name == name)));
    }

    [Fact]
    public async Task Twenty_claims_approvals_and_verifications_each_happen_once()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);

        // Twenty "Ask to join" at once: one claim.
        using (var person = await world.BrowserAsync(Role.NoOrganisation))
            await EachFormAtOnceAsync(person, $"/account/organisations?q={Uri.EscapeDataString(world.CsoB.Name)}", "form[action*='handler=Claim']",
                new() { ["actorId"] = TestData.Key(world.CsoB.Id) });
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.Memberships.CountAsync(m => m.UserId == world.UserIds[Role.NoOrganisation] && m.ActorId == world.CsoB.Id)));

        // Twenty "Approve" of one claim at once: approved once.
        var claimant = await Portal.MemberAsync(world.CsoA, MembershipRole.Member, MembershipStatus.Pending);
        var claim = await Portal.WithDatabaseAsync(db => db.Memberships.Where(m => m.UserId == claimant).Select(m => m.Id).SingleAsync());
        using (var admin = await world.BrowserAsync(Role.CsoAdmin))
            await EachFormAtOnceAsync(admin, $"/organisations/{world.CsoA.Id}/members", "form[action*='handler=Approve']", new() { ["membershipId"] = TestData.Key(claim) });
        Assert.Equal(1, await AuditCountAsync(AuditEventType.MembershipApproved, claim));
        Assert.Equal(MembershipStatus.Active, await Portal.WithDatabaseAsync(db => db.Memberships.Where(m => m.Id == claim).Select(m => m.Status).SingleAsync()));

        // Twenty "Verify" of one proposed organisation at once: verified once.
        var proposed = await Portal.WithDatabaseAsync(async db =>
        {
            var actor = new Actor { Name = TestData.Unique("Proposed organisation"), Type = ActorType.NationalCso, IsVerified = false, CreatedAt = DateTime.UtcNow };
            db.Actors.Add(actor);
            await db.SaveChangesAsync();
            return actor.Id;
        });
        using (var moderator = await world.BrowserAsync(Role.Moderator))
            await EachFormAtOnceAsync(moderator, "/admin", "form[action*='handler=Verify']", new() { ["actorId"] = TestData.Key(proposed) });
        Assert.Equal(1, await AuditCountAsync(AuditEventType.OrganisationVerified, proposed));
    }

    [Fact]
    public async Task Twenty_sends_of_one_invitation_leave_one_open_invitation_for_the_address()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        var address = $"{TestData.Word()}@invited.example.org";

        await EachFormAtOnceAsync(admin, $"/organisations/{world.CsoA.Id}/members", "form[action*='handler=Invite']",
            new Dictionary<string, string> { ["Invite.Email"] = address, ["Invite.Role"] = "Member" });

        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.Invitations.CountAsync(i => i.ActorId == world.CsoA.Id && i.Email == address)));
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.Type == AuditEventType.InvitationSent && e.TargetId == TestData.Key(world.CsoA.Id))));
    }

    [Fact]
    public async Task Twenty_answers_to_one_recommendation_save_one()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        var assessment = await Portal.AssessmentAsync(world.CsoA, initiative, DateTime.UtcNow.AddMinutes(-1));
        var recommendation = await Portal.WithDatabaseAsync(async db =>
        {
            var made = new Recommendation { AssessmentId = assessment, Number = 1, Text = "Publish the budget of each component.", AddressedToId = world.AgencyG.Id, Priority = RecommendationPriority.High };
            db.Recommendations.Add(made);
            await db.SaveChangesAsync();
            return made.Id;
        });
        using var agency = await world.BrowserAsync(Role.AgencyAdmin);

        await EachFormAtOnceAsync(agency, $"/assessments/{assessment}", "form[action*='handler=AnswerRecommendation']",
            new Dictionary<string, string> { ["Statement.Status"] = "NotAccepted", ["Statement.Text"] = "Not within our mandate." });

        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.RecommendationStatements.CountAsync(s => s.RecommendationId == recommendation && s.Kind == StatementKind.Answer)));
        Assert.Equal(1, await AuditCountAsync(AuditEventType.RecommendationAnswered, assessment));
    }

    [Fact]
    public async Task Twenty_withdrawals_of_one_testimony_withdraw_it_once()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.CsoA, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        var assessment = await Portal.AssessmentAsync(world.CsoA, initiative, publishedAt: null);
        var testimony = await Portal.WithDatabaseAsync(async db =>
        {
            var made = new Testimony { AssessmentId = assessment, Text = "What I saw.", ConsentMethod = ConsentMethod.Written, ConsentGivenOn = DateOnly.FromDateTime(DateTime.UtcNow), CreatedAt = DateTime.UtcNow };
            db.Testimonies.Add(made);
            await db.SaveChangesAsync();
            return made.Id;
        });
        using var admin = await world.BrowserAsync(Role.CsoAdmin);

        await EachFormAtOnceAsync(admin, $"/testimonies/{testimony}/withdraw", "form.record-form");

        Assert.NotNull(await Portal.WithDatabaseAsync(db => db.Testimonies.Where(t => t.Id == testimony).Select(t => t.WithdrawnAt).SingleAsync()));
        Assert.Equal(1, await AuditCountAsync(AuditEventType.TestimonyWithdrawn, testimony));
        Assert.Equal(1, await HistoryCountAsync(RecordType.Assessment, assessment, ChangeKind.TestimonyWithdrawn));
    }

    [Fact]
    public async Task Twenty_presses_of_follow_follow_once()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        using var member = await world.BrowserAsync(Role.CsoMember);
        var me = world.UserIds[Role.CsoMember]!;

        await SameFormAtOnceAsync(member, await member.GetOkAsync($"/initiatives/{initiative}"), "form[action*='handler=Follow']", []);

        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.Follows.CountAsync(f => f.UserId == me)));
    }

    [Fact]
    public async Task Twenty_replacements_of_one_file_version_make_one_next_version()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        using var admin = await world.BrowserAsync(Role.AgencyAdmin);
        var first = await admin.UploadAsync(await admin.GetOkAsync($"/files/add?to=initiative&id={initiative}"), "main form.record-form",
            new Dictionary<string, string> { ["Visibility"] = "Public" }, "Upload", "site visit.jpg", Evidence.InspectionSamples.Jpeg());
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var original = await Portal.WithDatabaseAsync(db => db.EvidenceFiles.Where(f => f.OwnerKind == FileOwnerKind.Initiative && f.OwnerId == initiative).Select(f => f.Id).SingleAsync());
        var forms = new List<HtmlClient.Page>();
        for (var i = 0; i < AtOnce; i++) forms.Add(await admin.GetOkAsync($"/files/add?replaces={original}"));

        var pages = await Task.WhenAll(forms.Select(form => admin.UploadAsync(form, "main form.record-form",
            new Dictionary<string, string> { ["Visibility"] = "Public" }, "Upload", "site visit v2.jpg", Evidence.InspectionSamples.Jpeg())));

        AssertNoServerError(pages);
        var versions = await Portal.WithDatabaseAsync(db => db.EvidenceFiles.Where(f => f.Id == original || f.SeriesId == original).Select(f => f.VersionNumber).ToListAsync());
        Assert.Equal([1, 2], versions.Order().ToList());
    }

    [Fact]
    public async Task Twenty_saves_of_one_iati_identifier_change_it_once()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var admin = await world.BrowserAsync(Role.AgencyAdmin);
        var identifier = $"PE-RUC-{TestData.Word()}";

        await EachFormAtOnceAsync(admin, $"/organisations/{world.AgencyG.Id}/iati-identifier", "main form.record-form",
            new Dictionary<string, string> { ["Input.IatiIdentifier"] = identifier });

        Assert.Equal(identifier, await Portal.WithDatabaseAsync(db => db.Actors.Where(a => a.Id == world.AgencyG.Id).Select(a => a.IatiIdentifier).SingleAsync()));
        Assert.Equal(1, await AuditCountAsync(AuditEventType.OrganisationIdentifierChanged, world.AgencyG.Id));
    }

    [Fact]
    public async Task Two_organisations_saving_one_iati_identifier_at_once_leave_it_to_one()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var agency = await world.BrowserAsync(Role.AgencyAdmin);
        using var cso = await world.BrowserAsync(Role.CsoAdmin);
        var identifier = $"PE-RUC-{TestData.Word()}";
        var values = new Dictionary<string, string> { ["Input.IatiIdentifier"] = identifier };
        var forms = new List<(HtmlClient Browser, HtmlClient.Page Page)>();
        for (var i = 0; i < AtOnce / 2; i++)
        {
            forms.Add((agency, await agency.GetOkAsync($"/organisations/{world.AgencyG.Id}/iati-identifier")));
            forms.Add((cso, await cso.GetOkAsync($"/organisations/{world.CsoA.Id}/iati-identifier")));
        }

        var pages = await Task.WhenAll(forms.Select(f => f.Browser.SubmitAsync(f.Page, "main form.record-form", values)));

        AssertNoServerError(pages);
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.Actors.CountAsync(a => a.IatiIdentifier == identifier)));
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.Type == AuditEventType.OrganisationIdentifierChanged && e.Details!.EndsWith(identifier))));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class RacesOnSqlite(SqlitePortalFixture fixture) : RaceTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class RacesOnPostgres(PostgresPortalFixture fixture) : RaceTests(fixture);
