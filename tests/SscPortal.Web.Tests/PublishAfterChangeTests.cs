using System.Net;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Publishing and unpublishing act on what the admin saw: the forms carry the version the page was rendered with, and
/// a record changed since then (or a form that does not say which version it saw) is shown again for review, with
/// nothing published or withdrawn. Sent from the current version, the same button does what it says.
/// </summary>
public abstract class PublishAfterChangeTests(PortalFixture fixture)
{
    private const string ReviewDraft = "This draft changed since you opened it: review it, then publish.";
    private const string ReviewRecord = "This record changed since you opened it: review it, then unpublish it.";
    private const string PublishForm = "form[action*='handler=Publish']";
    private PortalFactory Portal => fixture.Portal;

    private Task<(PublicationState Publication, string Title)> InitiativeAsync(int id) =>
        Portal.WithDatabaseAsync(async db =>
        {
            var initiative = await db.Initiatives.AsNoTracking().SingleAsync(i => i.Id == id);
            return (initiative.Publication, initiative.Title);
        });

    private static string VersionIn(HtmlClient.Page page, string form) =>
        page.Document.QuerySelector($"{form} input[name='Version']")!.GetAttribute("value")!;

    [Fact]
    public async Task An_initiative_changed_after_the_admin_opened_it_is_shown_again_and_published_only_as_seen()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null, title: "As the admin saw it");
        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var seen = await admin.GetOkAsync($"/initiatives/{id}");
        Assert.Equal("1", VersionIn(seen, PublishForm));

        await member.SubmitAsync(await member.GetOkAsync($"/initiatives/{id}/edit"), "form.record-form", new Dictionary<string, string> { ["Input.Title"] = "Changed by a member" });
        var review = await admin.SubmitAsync(seen, PublishForm, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, review.Status);
        Assert.Equal($"/initiatives/{id}", review.Address.AbsolutePath);
        Assert.Contains(ReviewDraft, review.Text, StringComparison.Ordinal);
        Assert.Equal((PublicationState.Draft, "Changed by a member"), await InitiativeAsync(id));
        Assert.Equal(0, await Portal.WithDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.Type == AuditEventType.InitiativePublished && e.TargetId == TestData.Key(id))));

        // The page shown for review carries the new version: publishing from it publishes what the admin now sees.
        Assert.Equal("2", VersionIn(review, PublishForm));
        var published = await admin.SubmitAsync(review, PublishForm, new Dictionary<string, string>());
        Assert.DoesNotContain(ReviewDraft, published.Text, StringComparison.Ordinal);
        Assert.Equal((PublicationState.Published, "Changed by a member"), await InitiativeAsync(id));
    }

    [Fact]
    public async Task A_publish_that_does_not_say_which_version_it_saw_publishes_nothing_and_is_not_a_refusal()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null);
        var (admin, token) = await world.ClientAsync(Role.CsoAdmin);

        var response = await admin.PostAsync(new Uri($"/initiatives/{id}?handler=Publish", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.True(AccessWorld.IsAllowed(response));
        Assert.Contains(ReviewDraft, await admin.GetStringAsync(response.Headers.Location), StringComparison.Ordinal);
        Assert.Equal(PublicationState.Draft, (await InitiativeAsync(id)).Publication);
        Assert.Equal(0, await Portal.WithDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.Type == AuditEventType.AccessRefused && e.TargetId == TestData.Key(id))));
    }

    [Fact]
    public async Task A_record_changed_after_the_moderator_opened_it_is_not_unpublished_unseen()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", DateTime.UtcNow.AddMinutes(-5));
        using var moderator = await world.BrowserAsync(Role.Moderator);
        using var owner = await world.BrowserAsync(Role.CsoAdmin);
        var seen = await moderator.GetOkAsync($"/initiatives/{id}");

        await owner.SubmitAsync(await owner.GetOkAsync($"/initiatives/{id}/edit"), "form.record-form", new Dictionary<string, string> { ["Input.Title"] = "Corrected by its owners" });
        var review = await moderator.SubmitAsync(seen, "form.unpublish", new Dictionary<string, string> { ["Reason"] = "Misleading figures" });

        Assert.Contains(ReviewRecord, review.Text, StringComparison.Ordinal);
        Assert.Equal((PublicationState.Published, "Corrected by its owners"), await InitiativeAsync(id));

        await moderator.SubmitAsync(review, "form.unpublish", new Dictionary<string, string> { ["Reason"] = "Still misleading" });
        Assert.Equal(PublicationState.Unpublished, (await InitiativeAsync(id)).Publication);
    }

    [Fact]
    public async Task A_partnership_changed_after_the_admin_opened_it_is_shown_again_and_published_only_as_seen()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await Portal.PartnershipAsync(world.AgencyG, world.CsoA, publishedAt: null);
        using var admin = await world.BrowserAsync(Role.AgencyAdmin);
        using var member = await world.BrowserAsync(Role.AgencyMember);
        var seen = await admin.GetOkAsync($"/partnerships/{id}");

        await member.SubmitAsync(await member.GetOkAsync($"/partnerships/{id}/edit"), "form.record-form", new Dictionary<string, string> { ["Input.Scope"] = "Widened by a member" });
        var review = await admin.SubmitAsync(seen, PublishForm, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, review.Status);
        Assert.Contains(ReviewDraft, review.Text, StringComparison.Ordinal);
        Task<(PublicationState, string?)> State() => Portal.WithDatabaseAsync(async db =>
        {
            var partnership = await db.Partnerships.AsNoTracking().SingleAsync(p => p.Id == id);
            return (partnership.Publication, partnership.Scope);
        });
        Assert.Equal((PublicationState.Draft, "Widened by a member"), await State());

        await admin.SubmitAsync(review, PublishForm, new Dictionary<string, string>());
        Assert.Equal((PublicationState.Published, "Widened by a member"), await State());
    }

    [Fact]
    public async Task An_assessment_changed_after_the_admin_opened_it_is_shown_again_and_published_only_as_seen()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        var id = await Portal.AssessmentAsync(world.CsoA, initiative, publishedAt: null);
        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var seen = await admin.GetOkAsync($"/assessments/{id}");

        await member.SubmitAsync(await member.GetOkAsync($"/assessments/{id}/edit"), "form.record-form", new Dictionary<string, string> { ["Input.Findings"] = "Rewritten by a member." });
        var review = await admin.SubmitAsync(seen, PublishForm, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, review.Status);
        Assert.Contains(ReviewDraft, review.Text, StringComparison.Ordinal);
        Task<(PublicationState, string?)> State() => Portal.WithDatabaseAsync(async db =>
        {
            var assessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == id);
            return (assessment.Publication, assessment.Findings);
        });
        Assert.Equal((PublicationState.Draft, "Rewritten by a member."), await State());
        Assert.False(await Portal.WithDatabaseAsync(db => db.AssessmentScores.AnyAsync(s => s.AssessmentId == id)));

        await admin.SubmitAsync(review, PublishForm, new Dictionary<string, string>());
        Assert.Equal((PublicationState.Published, "Rewritten by a member."), await State());
        Assert.True(await Portal.WithDatabaseAsync(db => db.AssessmentScores.AnyAsync(s => s.AssessmentId == id)));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class PublishAfterChangeOnSqlite(SqlitePortalFixture fixture) : PublishAfterChangeTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PublishAfterChangeOnPostgres(PostgresPortalFixture fixture) : PublishAfterChangeTests(fixture);
