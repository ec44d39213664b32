using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Domain;
using SscPortal.Web.Import;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Importing IATI files through the pages (issue 21): upload, preview with per-activity problems and what each activity
/// becomes, import of the ticked ones as drafts in one go (history and audit), a re-upload with blank fields that updates
/// without wiping, an identifier of another organisation's initiative refused, files refused whole with a message beside the
/// file field and nothing saved (DOCTYPE/XXE, billion laughs, not XML, not an activity file, too large), a second press
/// that imports nothing more, setting an upload aside, and the cleanup of old uploads. Files: tests/.../Import/Pages/.
/// </summary>
public abstract class ImportPageTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    /// <summary>A test file for organisation A, reported under <paramref name="prefix"/>, which A records as its IATI identifier (the import needs it).</summary>
    private async Task<byte[]> FileAsync(string name, string prefix, AccessWorld world)
    {
        await Portal.WithDatabaseAsync(async db =>
        {
            (await db.Actors.FindAsync(world.CsoA.Id))!.IatiIdentifier = prefix;
            return await db.SaveChangesAsync();
        });
        return Bytes(name, prefix, world);
    }

    private static byte[] Bytes(string name, string prefix, AccessWorld world) =>
        Encoding.UTF8.GetBytes(System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Import", "Pages", name))
            .Replace("{{P}}", prefix, StringComparison.Ordinal).Replace("{{ORG}}", world.CsoA.Name, StringComparison.Ordinal)
            .Replace("{{PARTNER}}", world.AgencyG.Name, StringComparison.Ordinal));

    private static string Prefix() => "XM-TEST-" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<HtmlClient.Page> UploadAsync(HtmlClient browser, Actor owner, string fileName, byte[] content)
    {
        var form = await browser.GetOkAsync("/import/iati");
        return await browser.UploadAsync(form, "form.import-upload", new Dictionary<string, string> { ["OrganisationId"] = TestData.Key(owner.Id) }, "files", fileName, content);
    }

    private static int IdOf(HtmlClient.Page page)
    {
        Assert.Matches(@"^/import/iati/\d+$", page.Address.AbsolutePath);
        return int.Parse(page.Address.AbsolutePath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<List<Initiative>> ImportedAsync(string prefix) => Portal.WithDatabaseAsync(db => db.Initiatives.AsNoTracking()
        .Include(i => i.Countries).Include(i => i.Sectors).Include(i => i.Sdgs).Include(i => i.Translations).Include(i => i.Actors)
        .Where(i => i.IatiIdentifier != null && i.IatiIdentifier.StartsWith(prefix)).OrderBy(i => i.IatiIdentifier).ToListAsync());

    private static string Text(HtmlClient.Page page, string selector) => page.Document.QuerySelector(selector)?.TextContent ?? "";

    [Fact]
    public async Task A_member_uploads_a_file_sees_the_preview_and_imports_the_chosen_activity_as_a_draft_once()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var prefix = Prefix();

        var preview = await UploadAsync(member, world.CsoA, "activities.xml", await FileAsync("activities.xml", prefix, world));

        var id = IdOf(preview);
        var key = TestData.Key(id);
        var upload = await Portal.WithDatabaseAsync(db => db.IatiImports.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Equal((world.CsoA.Id, 3, 1, ImportState.Previewed, "2.03"), (upload.OwnerId, upload.ActivityCount, upload.RejectedCount, upload.State, upload.IatiVersion));
        var first = preview.Document.QuerySelector("#activity-1")!.TextContent;
        Assert.Contains("Seed banks in the Chaco", first, StringComparison.Ordinal);
        Assert.Contains("Bancos de semillas en el Chaco", first, StringComparison.Ordinal);
        Assert.Contains("Farmers of Bolivia and Paraguay keep native seeds together.", first, StringComparison.Ordinal);
        Assert.Contains($"matched to {world.AgencyG.Name}", first, StringComparison.Ordinal);
        Assert.Contains("new organisation, proposed for a moderator to verify", first, StringComparison.Ordinal);
        Assert.Contains("Bolivia", first, StringComparison.Ordinal);
        Assert.Contains("Triangular", first, StringComparison.Ordinal);
        Assert.Contains("New", Text(preview, "#activity-1 .outcome"), StringComparison.Ordinal);
        // The rejected activity says why, with its line, and cannot be ticked.
        var rejected = Text(preview, "#activity-3");
        Assert.Contains("Rejected", rejected, StringComparison.Ordinal);
        Assert.Matches(@"Line \d+: A code is not in its IATI code list\. \(recipient-country XX\)", string.Join(" ", rejected.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries)));
        Assert.NotNull(preview.Document.QuerySelector("#choose-1"));
        Assert.Null(preview.Document.QuerySelector("#choose-3"));

        var imported = await member.SubmitAsync(preview, "#import-form", new Dictionary<string, string> { ["chosen"] = "1" }, "#import-form button:not([name])");

        Assert.Equal($"/import/iati/{id}", imported.Address.AbsolutePath);
        Assert.Contains("1 activity imported as a draft of your organisation.", imported.Document.Body!.TextContent, StringComparison.Ordinal);
        var initiative = Assert.Single(await ImportedAsync(prefix));
        Assert.Equal(($"{prefix}-1", "Seed banks in the Chaco", world.CsoA.Id, PublicationState.Draft, Modality.Triangular, ActivityStatus.Implementation),
            (initiative.IatiIdentifier, initiative.Title, initiative.OwnerId, initiative.Publication, initiative.Modality, initiative.Status));
        Assert.Equal(["BO", "PY"], initiative.Countries.Where(c => c.Role == CountryRole.Recipient).Select(c => c.CountryCode).Order());
        Assert.Equal(["31161"], initiative.Sectors.Select(s => s.SectorCode));
        Assert.Equal([2], initiative.Sdgs.Select(s => s.GoalCode));
        Assert.Equal("Bancos de semillas en el Chaco", Assert.Single(initiative.Translations).Title);
        Assert.Equal(new DateOnly(2025, 3, 1), initiative.PlannedStart);
        Assert.Contains(initiative.Actors, a => a.ActorId == world.AgencyG.Id && a.Role == ActorRole.Funding);
        // The organisation the portal did not know waits, unverified, in the moderators' queue.
        var proposed = await Portal.WithDatabaseAsync(db => db.Actors.AsNoTracking().SingleAsync(a => a.IatiIdentifier == $"XM-{prefix}-NEW"));
        Assert.False(proposed.IsVerified);
        Assert.Contains(initiative.Actors, a => a.ActorId == proposed.Id && a.Role == ActorRole.Implementing);
        Assert.True(await Portal.WithDatabaseAsync(db => db.RecordChanges.AnyAsync(c => c.RecordType == RecordType.Initiative && c.RecordId == initiative.Id && c.Kind == ChangeKind.Created)));
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.IatiActivitiesImported && e.TargetId == key)));
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.IatiFileChecked && e.TargetId == key)));
        Assert.Contains($"/initiatives/{initiative.Id}", imported.Document.QuerySelector("#activity-1 .outcome a")!.GetAttribute("href"), StringComparison.Ordinal);

        // The same form sent again (a second tab, a double click): nothing more is imported.
        var again = await member.SubmitAsync(preview, "#import-form", new Dictionary<string, string> { ["chosen"] = "2" }, "#import-form button:not([name])");
        Assert.Contains("already imported", again.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Single(await ImportedAsync(prefix));
        upload = await Portal.WithDatabaseAsync(db => db.IatiImports.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Equal((ImportState.Imported, 1), (upload.State, upload.ImportedCount));
    }

    [Fact]
    public async Task A_rejected_activity_is_not_imported_even_from_a_crafted_form_and_an_upload_set_aside_imports_nothing()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var prefix = Prefix();
        var preview = await UploadAsync(member, world.CsoA, "activities.xml", await FileAsync("activities.xml", prefix, world));
        var id = IdOf(preview);
        var key = TestData.Key(id);
        var version = preview.Document.QuerySelector("#import-form input[name=version]")!.GetAttribute("value")!;

        var crafted = await member.PostCraftedAsync($"/import/iati/{id}?handler=Import", [new("chosen", "3"), new("version", version)]);

        Assert.Equal(HttpStatusCode.OK, crafted.StatusCode);
        Assert.Contains("Tick at least one activity that can be imported.", await crafted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await ImportedAsync(prefix));

        var page = await member.GetOkAsync($"/import/iati/{id}");
        var discarded = await member.SubmitAsync(page, "form.discard-form", new Dictionary<string, string>());
        Assert.Equal("/import/iati", discarded.Address.AbsolutePath);
        var upload = await Portal.WithDatabaseAsync(db => db.IatiImports.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Equal(ImportState.Discarded, upload.State);
        Assert.False(await Portal.WithDatabaseAsync(db => db.IatiImportActivities.AnyAsync(a => a.ImportId == id)));
        var late = await member.PostCraftedAsync($"/import/iati/{id}?handler=Import", [new("all", "true"), new("version", version)]);
        Assert.Contains("set aside", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await ImportedAsync(prefix));
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.IatiImportDiscarded && e.TargetId == key)));
    }

    [Fact]
    public async Task A_re_upload_updates_the_initiative_without_wiping_what_the_file_leaves_out_and_never_duplicates_it()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var prefix = Prefix();
        var preview = await UploadAsync(member, world.CsoA, "activities.xml", await FileAsync("activities.xml", prefix, world));
        await member.SubmitAsync(preview, "#import-form", new Dictionary<string, string>(), "#import-form button[name=all]");
        var before = (await ImportedAsync(prefix)).Single(i => i.IatiIdentifier == $"{prefix}-1");
        Assert.Equal(2, (await ImportedAsync(prefix)).Count);

        var second = await UploadAsync(member, world.CsoA, "blank-fields.xml", await FileAsync("blank-fields.xml", prefix, world));

        Assert.Contains("Updates", Text(second, "#activity-1 .outcome"), StringComparison.Ordinal);
        Assert.Contains(before.Title, Text(second, "#activity-1 .outcome"), StringComparison.Ordinal);
        await member.SubmitAsync(second, "#import-form", new Dictionary<string, string> { ["chosen"] = "1" }, "#import-form button:not([name])");
        var after = (await ImportedAsync(prefix)).Single(i => i.IatiIdentifier == $"{prefix}-1");
        Assert.Equal(2, (await ImportedAsync(prefix)).Count);
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(("Seed banks in the Chaco, second phase", ActivityStatus.Finalisation), (after.Title, after.Status));
        Assert.Equal(before.Summary, after.Summary);
        Assert.False(string.IsNullOrEmpty(after.Summary));
        Assert.Equal(["BO", "PY"], after.Countries.Select(c => c.CountryCode).Order());
        Assert.Equal(["31161"], after.Sectors.Select(s => s.SectorCode));
        Assert.Equal(before.PlannedStart, after.PlannedStart);
        Assert.Equal(before.Version + 1, after.Version);
        Assert.True(await Portal.WithDatabaseAsync(db => db.RecordChanges.AnyAsync(c => c.RecordType == RecordType.Initiative && c.RecordId == after.Id && c.Kind == ChangeKind.Edited)));
    }

    [Fact]
    public async Task An_identifier_of_another_organisations_initiative_and_another_reporting_organisation_are_refused_per_activity()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var prefix = Prefix();
        var theirs = await Portal.InitiativeAsync(world.CsoB, "PE", "BO", publishedAt: null, title: "B's own");
        await Portal.WithDatabaseAsync(async db =>
        {
            (await db.Initiatives.FindAsync(theirs))!.IatiIdentifier = $"{prefix}-1";
            return await db.SaveChangesAsync();
        });

        var preview = await UploadAsync(member, world.CsoA, "activities.xml", await FileAsync("activities.xml", prefix, world));

        Assert.Contains("An initiative of another organisation already has this iati-identifier.", Text(preview, "#activity-1"), StringComparison.Ordinal);
        Assert.Null(preview.Document.QuerySelector("#choose-1"));
        Assert.NotNull(preview.Document.QuerySelector("#choose-2"));
        var crafted = await member.PostCraftedAsync($"/import/iati/{IdOf(preview)}?handler=Import", [new("chosen", "1"), new("version", "1")]);
        Assert.Equal(HttpStatusCode.OK, crafted.StatusCode);
        Assert.Equal(world.CsoB.Id, (await Portal.WithDatabaseAsync(db => db.Initiatives.AsNoTracking().SingleAsync(i => i.IatiIdentifier == $"{prefix}-1"))).OwnerId);

        var foreign = await UploadAsync(member, world.CsoA, "another-reporting-org.xml", await FileAsync("another-reporting-org.xml", prefix, world));
        Assert.Contains("The reporting organisation is not the organisation you import for.", Text(foreign, "#activity-1"), StringComparison.Ordinal);
        Assert.Null(foreign.Document.QuerySelector("#choose-1"));
        Assert.DoesNotContain(await ImportedAsync(prefix), i => i.OwnerId == world.CsoA.Id);
    }

    [Fact]
    public async Task Files_refused_whole_are_said_beside_the_file_field_and_leave_nothing_saved()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var prefix = Prefix();
        var cases = new (string File, string Message)[]
        {
            ("xxe.xml", "declares a DOCTYPE"),
            ("billion-laughs.xml", "declares a DOCTYPE"),
            ("not-xml.csv", "This is not an XML file"),
            ("organisation-file.xml", "This is not an IATI activity file"),
        };
        foreach (var (file, message) in cases)
        {
            var page = await UploadAsync(member, world.CsoA, file, await FileAsync(file, prefix, world));
            Assert.True(page.Status == HttpStatusCode.OK, $"{file} answered {(int)page.Status}");
            Assert.Equal("/import/iati", page.Address.AbsolutePath);
            Assert.Contains(message, Text(page, "#files-error"), StringComparison.Ordinal);
            Assert.DoesNotContain("root:", page.Document.Body!.TextContent, StringComparison.Ordinal);
        }
        // Larger than the limit (Import:MaxMegabytes, 50 by default): refused before it is read.
        var limit = Portal.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ImportOptions>>().Value.MaxBytes;
        var large = await UploadAsync(member, world.CsoA, "large.xml", new byte[limit + 1]);
        Assert.Equal(HttpStatusCode.OK, large.Status);
        Assert.Contains("larger than 50 MB", Text(large, "#files-error"), StringComparison.Ordinal);

        Assert.False(await Portal.WithDatabaseAsync(db => db.IatiImports.AnyAsync(i => i.OwnerId == world.CsoA.Id)));
        Assert.Empty(await ImportedAsync(prefix));
        Assert.True(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.IatiFileChecked && e.Details!.Contains("DoctypeRefused"))));
    }

    /// <summary>
    /// A file of <paramref name="count"/> small activities of organisation A (more than one import batch), each naming the
    /// same organisation the portal does not know, so that it is created in the first batch and found in the others.
    /// </summary>
    private async Task<byte[]> ManyActivitiesAsync(string prefix, AccessWorld world, int count)
    {
        await FileAsync("activities.xml", prefix, world);
        var file = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?>""").Append('\n')
            .Append("""<iati-activities version="2.03" generated-datetime="2026-11-30T10:00:00Z">""").Append('\n');
        for (var i = 1; i <= count; i++)
            file.Append(System.Globalization.CultureInfo.InvariantCulture, $$"""
                <iati-activity last-updated-datetime="2026-11-30T10:00:00Z" xml:lang="en">
                  <iati-identifier>{{prefix}}-{{i}}</iati-identifier>
                  <reporting-org ref="{{prefix}}" type="22"><narrative>{{world.CsoA.Name}}</narrative></reporting-org>
                  <title><narrative>Exchange number {{i}}</narrative></title>
                  <description type="1"><narrative>Small activity number {{i}}.</narrative></description>
                  <participating-org ref="{{prefix}}" role="2" type="22"><narrative>{{world.CsoA.Name}}</narrative></participating-org>
                  <participating-org ref="XM-{{prefix}}-NEW" role="4" type="22"><narrative>Red Semillas {{prefix}}</narrative></participating-org>
                  <activity-status code="2"/>
                  <activity-date iso-date="2025-01-01" type="1"/>
                  <recipient-country code="BO"/>
                </iati-activity>

                """);
        return Encoding.UTF8.GetBytes(file.Append("</iati-activities>\n").ToString());
    }

    [Fact]
    public async Task Importing_more_activities_than_one_batch_imports_each_once_with_its_history_and_search_text()
    {
        const int count = 450; // three batches of ImportStore.BatchSize
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var prefix = Prefix();
        var file = await ManyActivitiesAsync(prefix, world, count);
        // One of A's drafts already carries the identifier of an activity of the third batch: it is updated, not duplicated.
        var existing = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null, title: "Before the import");
        await Portal.WithDatabaseAsync(async db =>
        {
            (await db.Initiatives.FindAsync(existing))!.IatiIdentifier = $"{prefix}-420";
            return await db.SaveChangesAsync();
        });
        var preview = await UploadAsync(member, world.CsoA, "many.xml", file);
        var id = IdOf(preview);

        var imported = await member.SubmitAsync(preview, "#import-form", new Dictionary<string, string>(), "#import-form button[name=all]");

        Assert.Contains($"{count} activities imported as drafts of your organisation.", imported.Document.Body!.TextContent, StringComparison.Ordinal);
        var initiatives = await Portal.WithDatabaseAsync(db => db.Initiatives.AsNoTracking().Where(i => i.IatiIdentifier != null && i.IatiIdentifier.StartsWith(prefix + "-"))
            .Select(i => new { i.Id, i.IatiIdentifier, i.Title, i.OwnerId, i.Publication, i.SearchTitle, i.SearchBody }).ToListAsync());
        Assert.Equal(Enumerable.Range(1, count).Select(i => $"{prefix}-{i}").Order(StringComparer.Ordinal), initiatives.Select(i => i.IatiIdentifier!).Order(StringComparer.Ordinal));
        Assert.All(initiatives, i => Assert.Equal((world.CsoA.Id, PublicationState.Draft), (i.OwnerId, i.Publication)));
        var updated = Assert.Single(initiatives, i => i.Id == existing);
        Assert.Equal("Exchange number 420", updated.Title);
        // Every batch was indexed for search, with the organisation created in the first batch named in the others' text.
        var proposed = await Portal.WithDatabaseAsync(db => db.Actors.AsNoTracking().Where(a => a.IatiIdentifier == $"XM-{prefix}-NEW").Select(a => a.Id).ToListAsync());
        Assert.Single(proposed);
        var organisation = SearchText.Normalize($"Red Semillas {prefix}");
        Assert.All(initiatives, i =>
        {
            Assert.Equal(SearchText.Normalize(i.Title), i.SearchTitle);
            Assert.Contains(organisation, i.SearchBody, StringComparison.Ordinal);
        });
        var history = await Portal.WithDatabaseAsync(db => db.RecordChanges.AsNoTracking()
            .Where(c => c.RecordType == RecordType.Initiative && db.Initiatives.Any(i => i.Id == c.RecordId && i.IatiIdentifier != null && i.IatiIdentifier.StartsWith(prefix + "-")))
            .GroupBy(c => c.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync());
        Assert.Equal([(ChangeKind.Created, count - 1), (ChangeKind.Edited, 1)], history.OrderBy(h => h.Kind).Select(h => (h.Kind, h.Count)));
        var key = TestData.Key(id);
        Assert.Equal($"created={count - 1} updated=1", await Portal.WithDatabaseAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Type == AuditEventType.IatiActivitiesImported && e.TargetId == key).Select(e => e.Details).SingleAsync()));
        Assert.Equal(count, await Portal.WithDatabaseAsync(db => db.IatiImportActivities.CountAsync(a => a.ImportId == id && a.InitiativeId != null)));
        var upload = await Portal.WithDatabaseAsync(db => db.IatiImports.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Equal((ImportState.Imported, count), (upload.State, upload.ImportedCount));

        // The same form sent again: nothing more is imported.
        var again = await member.SubmitAsync(preview, "#import-form", new Dictionary<string, string>(), "#import-form button[name=all]");
        Assert.Contains("already imported", again.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(count, await Portal.WithDatabaseAsync(db => db.Initiatives.CountAsync(i => i.IatiIdentifier != null && i.IatiIdentifier.StartsWith(prefix + "-"))));
        Assert.Equal(count, await Portal.WithDatabaseAsync(db => db.RecordChanges.CountAsync(c => c.RecordType == RecordType.Initiative
            && db.Initiatives.Any(i => i.Id == c.RecordId && i.IatiIdentifier != null && i.IatiIdentifier.StartsWith(prefix + "-")))));
    }

    [Fact]
    public async Task An_identifier_taken_meanwhile_in_a_later_batch_leaves_nothing_imported_and_the_upload_importable()
    {
        const int count = 450;
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var prefix = Prefix();
        var preview = await UploadAsync(member, world.CsoA, "many.xml", await ManyActivitiesAsync(prefix, world, count));
        var id = IdOf(preview);
        // After the preview, another organisation's initiative is given the identifier of an activity of the third batch.
        var theirs = await Portal.InitiativeAsync(world.CsoB, "PE", "BO", publishedAt: null, title: "B's own");
        await Portal.WithDatabaseAsync(async db =>
        {
            (await db.Initiatives.FindAsync(theirs))!.IatiIdentifier = $"{prefix}-430";
            return await db.SaveChangesAsync();
        });

        var refused = await member.SubmitAsync(preview, "#import-form", new Dictionary<string, string>(), "#import-form button[name=all]");

        Assert.Contains($"Nothing was imported: an initiative of another organisation was given the identifier {prefix}-430 meanwhile.", refused.Document.Body!.TextContent, StringComparison.Ordinal);
        // The first two batches, saved before the third was refused, were rolled back with everything else.
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.Initiatives.CountAsync(i => i.IatiIdentifier != null && i.IatiIdentifier.StartsWith(prefix + "-"))));
        Assert.False(await Portal.WithDatabaseAsync(db => db.Actors.AnyAsync(a => a.IatiIdentifier == $"XM-{prefix}-NEW")));
        Assert.False(await Portal.WithDatabaseAsync(db => db.IatiImportActivities.AnyAsync(a => a.ImportId == id && a.InitiativeId != null)));
        var key = TestData.Key(id);
        Assert.False(await Portal.WithDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Type == AuditEventType.IatiActivitiesImported && e.TargetId == key)));
        var upload = await Portal.WithDatabaseAsync(db => db.IatiImports.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Equal((ImportState.Previewed, 0, 1), (upload.State, upload.ImportedCount, upload.Version));

        // Without that activity (ticked one by one, across the batches), the rest imports from the same preview.
        var chosen = Enumerable.Range(1, count).Where(i => i != 430).Select(i => new KeyValuePair<string, string>("chosen", TestData.Key(i)))
            .Append(new("version", "1")).ToList();
        var imported = await member.PostCraftedAsync($"/import/iati/{id}?handler=Import", chosen);
        Assert.Contains($"{count - 1} activities imported as drafts of your organisation.", await imported.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(count, await Portal.WithDatabaseAsync(db => db.Initiatives.CountAsync(i => i.IatiIdentifier != null && i.IatiIdentifier.StartsWith(prefix + "-"))));
        Assert.Equal(world.CsoB.Id, await Portal.WithDatabaseAsync(db => db.Initiatives.Where(i => i.IatiIdentifier == $"{prefix}-430").Select(i => i.OwnerId).SingleAsync()));
    }

    [Fact]
    public async Task A_member_of_another_organisation_neither_uploads_for_it_nor_sees_its_uploads()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        using var agency = await world.BrowserAsync(Role.AgencyAdmin);
        var prefix = Prefix();
        var preview = await UploadAsync(member, world.CsoA, "activities.xml", await FileAsync("activities.xml", prefix, world));
        var id = IdOf(preview);

        Assert.Equal(HttpStatusCode.NotFound, (await agency.GetAsync($"/import/iati/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await agency.PostCraftedAsync($"/import/iati/{id}?handler=Import", [new("all", "true"), new("version", "1")])).StatusCode);
        var form = await agency.GetOkAsync("/import/iati");
        Assert.DoesNotContain(world.CsoA.Name, form.Document.QuerySelector("form.import-upload")!.TextContent, StringComparison.Ordinal);
        var refused = await agency.UploadAsync(form, "form.import-upload", new Dictionary<string, string> { ["OrganisationId"] = TestData.Key(world.CsoA.Id) }, "files", "activities.xml",
            await FileAsync("activities.xml", prefix, world));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.IatiImports.CountAsync(i => i.OwnerId == world.CsoA.Id)));
        Assert.Empty(await ImportedAsync(prefix));
    }

    [Fact]
    public async Task Uploads_are_deleted_once_older_than_kept()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var member = await world.BrowserAsync(Role.CsoMember);
        var id = IdOf(await UploadAsync(member, world.CsoA, "activities.xml", await FileAsync("activities.xml", Prefix(), world)));

        await Portal.WithServicesAsync(s => s.GetRequiredService<ImportCleanup>().RunAsync(DateTime.UtcNow.AddDays(29), CancellationToken.None));
        Assert.True(await Portal.WithDatabaseAsync(db => db.IatiImports.AnyAsync(i => i.Id == id)));
        await Portal.WithServicesAsync(s => s.GetRequiredService<ImportCleanup>().RunAsync(DateTime.UtcNow.AddDays(31), CancellationToken.None));
        Assert.False(await Portal.WithDatabaseAsync(db => db.IatiImports.AnyAsync(i => i.Id == id)));
        Assert.False(await Portal.WithDatabaseAsync(db => db.IatiImportActivities.AnyAsync(a => a.ImportId == id)));
    }

    [Fact]
    public async Task A_file_longer_than_it_said_is_stopped_at_the_limit_as_it_streams_and_nothing_is_kept()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var prefix = Prefix();
        var content = await FileAsync("activities.xml", prefix, world);
        var outcome = await Portal.WithServicesAsync(async services =>
        {
            var store = services.GetRequiredService<ImportStore>();
            var user = world.UserIds[Role.CsoMember]!;
            // Says 1 KB; gives the real file's activities, then more than the limit inside a comment.
            var text = Encoding.UTF8.GetString(content);
            var end = text.LastIndexOf("</iati-activities>", StringComparison.Ordinal);
            var file = new UploadedFile("lying.xml", 1024, () => new PaddedStream(text[..end] + "<!--", store.MaxBytes + 1, "--></iati-activities>"));
            return await store.UploadAsync(world.CsoA.Id, user, [file], TestContext.Current.CancellationToken);
        });

        var refused = Assert.IsType<UploadOutcome.Refused>(outcome);
        Assert.Equal(ImportProblemCode.FileTooLarge, refused.Problem.Code);
        Assert.Equal("lying.xml", refused.FileName);
        Assert.False(await Portal.WithDatabaseAsync(db => db.IatiImportActivities.AnyAsync(a => a.IatiIdentifier.StartsWith(prefix))));
        Assert.Empty(await ImportedAsync(prefix));
    }

    [Fact]
    public async Task The_limited_stream_gives_up_to_its_limit_and_refuses_a_byte_more()
    {
        var ct = TestContext.Current.CancellationToken;
        var buffer = new byte[64];
        await using (var exact = new LimitedStream(new MemoryStream(new byte[100]), 100))
        {
            var total = 0;
            int read;
            while ((read = await exact.ReadAsync(buffer, ct)) > 0) total += read;
            Assert.Equal(100, total);
            Assert.Equal(100, exact.BytesRead);
        }
        await using var longer = new LimitedStream(new MemoryStream(new byte[101]), 100);
        var tooLarge = await Assert.ThrowsAsync<ImportFileException>(async () => { while (await longer.ReadAsync(buffer, ct) > 0) { } });
        Assert.Equal(ImportProblemCode.FileTooLarge, tooLarge.Problem.Code);
        using var synchronous = new LimitedStream(new MemoryStream(new byte[101]), 100);
        Assert.Throws<ImportFileException>(() => { while (synchronous.Read(buffer, 0, buffer.Length) > 0) { } });
    }

    /// <summary>A stream of a prefix, <c>count</c> letters and a suffix, made as it is read (a large file without the memory).</summary>
    private sealed class PaddedStream(string prefix, long count, string suffix) : Stream
    {
        private readonly byte[] _prefix = Encoding.UTF8.GetBytes(prefix);
        private readonly byte[] _suffix = Encoding.UTF8.GetBytes(suffix);
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _prefix.Length + count + _suffix.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int length)
        {
            var written = 0;
            while (written < length && _position < Length)
            {
                buffer[offset + written++] = _position < _prefix.Length ? _prefix[_position]
                    : _position < _prefix.Length + count ? (byte)'a'
                    : _suffix[_position - _prefix.Length - count];
                _position++;
            }
            return written;
        }
    }
}

[Collection(SqliteSuite.Name)]
public sealed class ImportPagesOnSqlite(SqlitePortalFixture fixture) : ImportPageTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class ImportPagesOnPostgres(PostgresPortalFixture fixture) : ImportPageTests(fixture);
