using System.Net;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>Partnerships: agencies record agreements and link initiatives; civil society reads them but cannot write them.</summary>
public abstract class PartnershipTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Two_officers_editing_at_once_see_both_versions_and_every_change_is_in_the_partnership_history()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await Portal.PartnershipAsync(world.AgencyG, world.CsoA, null);
        using var alice = await world.BrowserAsync(Role.AgencyMember);
        using var bob = await world.BrowserAsync(Role.AgencyAdmin);
        var aliceForm = await alice.GetOkAsync($"/partnerships/{id}/edit");
        var bobForm = await bob.GetOkAsync($"/partnerships/{id}/edit");

        await alice.SubmitAsync(aliceForm, "form.record-form", new Dictionary<string, string> { ["Input.Scope"] = "Alice's scope" });
        var conflict = await bob.SubmitAsync(bobForm, "form.record-form", new Dictionary<string, string> { ["Input.Scope"] = "Bob's scope", ["Input.EndsOn"] = "2030-06-30" });

        Assert.Equal(HttpStatusCode.OK, conflict.Status);
        Assert.Contains("Someone else saved this record", conflict.Text, StringComparison.Ordinal);
        Assert.Equal("Bob's scope", conflict.Document.QuerySelector("#Input_Scope")!.TextContent.Trim());
        var comparison = conflict.Document.QuerySelector(".conflict table")!.TextContent;
        Assert.Contains("Alice's scope", comparison, StringComparison.Ordinal);
        Assert.Contains("2030-06-30", comparison, StringComparison.Ordinal);
        Assert.Equal("Alice's scope", (await Portal.WithDatabaseAsync(db => db.Partnerships.AsNoTracking().SingleAsync(p => p.Id == id))).Scope);

        var saved = await bob.SubmitAsync(conflict, "form.record-form", new Dictionary<string, string>());
        Assert.Equal($"/partnerships/{id}", saved.Address.AbsolutePath);
        await bob.SubmitAsync(saved, "form[action*='handler=Publish']", new Dictionary<string, string>());
        Assert.Equal("Bob's scope", (await Portal.WithDatabaseAsync(db => db.Partnerships.AsNoTracking().SingleAsync(p => p.Id == id))).Scope);

        var history = await bob.GetOkAsync($"/partnerships/{id}/history");
        var entries = history.Document.QuerySelectorAll("ol.history > li").Select(li => li.TextContent).ToList();
        Assert.Equal(3, entries.Count);
        Assert.Contains("Published", entries[0], StringComparison.Ordinal);
        Assert.Contains("Bob's scope", entries[1], StringComparison.Ordinal);
        Assert.Contains("Alice's scope", entries[2], StringComparison.Ordinal);
        Assert.Contains(world.AgencyG.Name, entries[2], StringComparison.Ordinal);
        using var visitor = Portal.CreateBrowser();
        var publicHistory = await visitor.GetOkAsync($"/partnerships/{id}/history");
        Assert.DoesNotContain("@", publicHistory.Document.QuerySelector("ol.history")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agency_records_a_partnership_links_an_initiative_and_publishes_it_for_everyone_to_see()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), title: TestData.Unique("Family farming"));
        using var officer = await world.BrowserAsync(Role.AgencyAdmin);
        var form = await officer.GetOkAsync("/partnerships/new");
        Assert.NotNull(form.Document.QuerySelector($"#actor-choices option[value='{world.CsoB.Id}']"));

        var created = await officer.SubmitAsync(form, "form.record-form", new Dictionary<string, string>
        {
            ["Input.OwnerId"] = TestData.Key(world.AgencyG.Id), ["Input.Title"] = "Peru–Paraguay framework on family farming", ["Input.Type"] = "FrameworkAgreement",
            ["Input.Scope"] = "Technical exchange on seeds.", ["Input.StartsOn"] = "2024-01-01", ["Input.EndsOn"] = "2027-12-31",
            ["Input.DocumentUrl"] = "https://example.org/agreement.pdf",
            ["Input.Signatories[1]"] = TestData.Key(world.CsoB.Id), ["Input.Initiatives[0]"] = TestData.Key(initiative),
        });
        Assert.StartsWith("/partnerships/", created.Address.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("Draft", created.Text, StringComparison.Ordinal);
        var published = await officer.SubmitAsync(created, "form[action*='handler=Publish']", new Dictionary<string, string>());
        var id = published.Address.AbsolutePath;

        using var visitor = Portal.CreateBrowser();
        var page = await visitor.GetOkAsync(id);
        Assert.Contains("Peru–Paraguay framework on family farming", page.Text, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector($"a[href='/initiatives/{initiative}']"));
        Assert.NotNull(page.Document.QuerySelector($"a[href='/actors/{world.CsoB.Id}']"));
        Assert.Contains("Peru–Paraguay framework on family farming", (await visitor.GetOkAsync("/partnerships")).Text, StringComparison.Ordinal);
        Assert.NotNull((await visitor.GetOkAsync($"/initiatives/{initiative}")).Document.QuerySelector($"a[href='{id}']"));
        Assert.NotNull((await visitor.GetOkAsync($"/actors/{world.CsoB.Id}")).Document.QuerySelector($"a[href='{id}']"));
    }

    [Fact]
    public async Task A_cso_cannot_create_or_edit_a_partnership_even_by_a_crafted_post()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var draft = await Portal.PartnershipAsync(world.AgencyG, world.CsoA, null);
        var (cso, token) = await world.ClientAsync(Role.CsoAdmin);
        var before = await Portal.WithDatabaseAsync(db => db.Partnerships.CountAsync());

        var create = await cso.PostAsync(new Uri("/partnerships/new", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.OwnerId"] = TestData.Key(world.CsoA.Id), ["Input.Title"] = "Not ours to make", ["Input.Signatories[0]"] = TestData.Key(world.CsoA.Id),
            ["Input.Signatories[1]"] = TestData.Key(world.AgencyG.Id), ["__RequestVerificationToken"] = token,
        }));
        var edit = await cso.PostAsync(new Uri($"/partnerships/{draft}/edit", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Title"] = "Hijacked", ["__RequestVerificationToken"] = token,
        }));

        Assert.False(AccessWorld.IsAllowed(create));
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(before, await Portal.WithDatabaseAsync(db => db.Partnerships.CountAsync()));
        Assert.NotEqual("Hijacked", (await Portal.WithDatabaseAsync(db => db.Partnerships.AsNoTracking().SingleAsync(p => p.Id == draft))).Title);
    }

    [Fact]
    public async Task A_partnership_needs_two_signatories_including_its_owner_and_consistent_dates()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var officer = await world.BrowserAsync(Role.AgencyMember);
        var before = await Portal.WithDatabaseAsync(db => db.Partnerships.CountAsync());

        var page = await officer.SubmitAsync(await officer.GetOkAsync("/partnerships/new"), "form.record-form", new Dictionary<string, string>
        {
            ["Input.Title"] = "Lonely agreement", ["Input.StartsOn"] = "2025-05-01", ["Input.EndsOn"] = "2024-05-01",
            ["Input.DocumentUrl"] = "javascript:alert(1)", ["Input.Initiatives[0]"] = "999999999",
        });

        var errors = string.Join(" | ", page.Document.QuerySelectorAll(".field-error, .form-errors").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
        Assert.Contains("https://", errors, StringComparison.Ordinal);
        Assert.Contains("Choose initiatives from the list", errors, StringComparison.Ordinal);
        // The dates' order is reported with the other mistakes at once, not only once they are fixed.
        Assert.Contains("The end date must be on or after the start date.", errors, StringComparison.Ordinal);
        Assert.Equal("Lonely agreement", page.Document.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.Equal(before, await Portal.WithDatabaseAsync(db => db.Partnerships.CountAsync()));

        var fixedUp = await officer.SubmitAsync(page, "form.record-form", new Dictionary<string, string>
        {
            ["Input.DocumentUrl"] = "", ["Input.Initiatives[0]"] = "", ["Input.EndsOn"] = "2026-05-01",
        });
        var rules = string.Join(" | ", fixedUp.Document.QuerySelectorAll(".field-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
        Assert.Contains("at least two signatories", rules, StringComparison.Ordinal);
        Assert.Equal(before, await Portal.WithDatabaseAsync(db => db.Partnerships.CountAsync()));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class PartnershipsOnSqlite(SqlitePortalFixture fixture) : PartnershipTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PartnershipsOnPostgres(PostgresPortalFixture fixture) : PartnershipTests(fixture);
