using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Domain;
using SscPortal.Web.Evidence;
using SscPortal.Web.Tests.Evidence;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Evidence files and testimonies (issue 17) through the portal as a browser would send them: the type is read from the
/// content, a photo's GPS position is gone from the stored file, the download matches the fingerprint shown and answers
/// range requests, a restricted file is counted and never shown to others, a new version keeps the old one, a document's
/// author is shown to its uploader and removed on request, and a testimony whose consent ran out is gone.
/// </summary>
public abstract class EvidenceTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    /// <summary>A JPEG whose EXIF names a camera and carries a GPS position (Evidence/InspectionSamples.cs).</summary>
    public static byte[] PhotoWithGps() => SscPortal.Web.Tests.Evidence.InspectionSamples.Jpeg();

    private async Task<(Actor Owner, int Initiative, HtmlClient Admin)> RecordAsync()
    {
        var owner = await Portal.ActorAsync(ActorType.NationalCso, TestData.Unique("Colectivo"));
        var initiative = await Portal.InitiativeAsync(owner, "PY", "PE", DateTime.UtcNow.AddDays(-1));
        var admin = await Portal.BrowserOfAsync(await Portal.MemberAsync(owner, MembershipRole.OrganisationAdmin, MembershipStatus.Active));
        return (owner, initiative, admin);
    }

    private static async Task<HtmlClient.Page> UploadAsync(HtmlClient browser, string addUrl, string name, byte[] content, string visibility = "Public")
    {
        var form = await browser.GetOkAsync(addUrl);
        return await browser.UploadAsync(form, "main form.record-form", new Dictionary<string, string> { ["Visibility"] = visibility }, "Upload", name, content);
    }

    private Task<List<EvidenceFile>> FilesOfAsync(int initiative) =>
        Portal.WithDatabaseAsync(db => db.EvidenceFiles.AsNoTracking().Where(f => f.OwnerKind == FileOwnerKind.Initiative && f.OwnerId == initiative).OrderBy(f => f.Id).ToListAsync());

    [Fact]
    public async Task A_photo_loses_its_gps_position_and_its_download_matches_the_fingerprint_with_ranges()
    {
        var (_, initiative, admin) = await RecordAsync();
        var done = await UploadAsync(admin, $"/files/add?to=initiative&id={initiative}", "site visit.jpg", PhotoWithGps());
        Assert.Contains("GPS", done.Text, StringComparison.Ordinal);
        var file = Assert.Single(await FilesOfAsync(initiative));
        Assert.Equal("image/jpeg", file.ContentType);
        Assert.Equal("site visit.jpg", file.FileName);

        using var anonymous = Portal.CreateBrowser();
        using var whole = await anonymous.Http.GetAsync($"/files/{file.Id}/download");
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        var stored = await whole.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain(SscPortal.Web.Tests.Evidence.InspectionSamples.Camera, Encoding.ASCII.GetString(stored), StringComparison.Ordinal);
        Assert.DoesNotContain(SscPortal.Web.Tests.Evidence.InspectionSamples.Person, Encoding.ASCII.GetString(stored), StringComparison.Ordinal);
        Assert.Equal(-1, stored.AsSpan().IndexOf(SscPortal.Web.Tests.Evidence.InspectionSamples.GpsPointerEntry));
        Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(stored)));
        Assert.Equal(file.Size, stored.Length);
        Assert.Equal("nosniff", whole.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("inline", whole.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains(file.Sha256, (await anonymous.GetOkAsync($"/files/{file.Id}")).Text, StringComparison.Ordinal);
        Assert.Contains("site visit.jpg", (await anonymous.GetOkAsync($"/initiatives/{initiative}")).Text, StringComparison.Ordinal);

        using var ranged = new HttpRequestMessage(HttpMethod.Get, $"/files/{file.Id}/download");
        ranged.Headers.Range = new RangeHeaderValue(2, 5);
        using var part = await anonymous.Http.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(stored[2..6], await part.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes 2-5/{stored.Length}", part.Content.Headers.ContentRange?.ToString());

        using var suffix = new HttpRequestMessage(HttpMethod.Get, $"/files/{file.Id}/download");
        suffix.Headers.Range = new RangeHeaderValue(null, 3);
        using var tail = await anonymous.Http.SendAsync(suffix);
        Assert.Equal(stored[^3..], await tail.Content.ReadAsByteArrayAsync());

        using var beyond = new HttpRequestMessage(HttpMethod.Get, $"/files/{file.Id}/download");
        beyond.Headers.Range = new RangeHeaderValue(stored.Length + 10, null);
        using var refused = await anonymous.Http.SendAsync(beyond);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, refused.StatusCode);
    }

    [Theory]
    [InlineData("report.pdf", "MZ\u0090\0program")]
    [InlineData("notes.pdf", "#!/bin/sh\nrm -rf /\n")]
    [InlineData("page.pdf", "<!DOCTYPE html><script>alert(1)</script>")]
    [InlineData("cut.jpg", "\u00ff\u00d8\u00ff\u00e0 no end")]
    public async Task Programs_scripts_web_pages_and_damaged_files_are_refused_beside_the_field_and_nothing_is_stored(string name, string content)
    {
        var (_, initiative, admin) = await RecordAsync();
        var page = await UploadAsync(admin, $"/files/add?to=initiative&id={initiative}", name, Encoding.Latin1.GetBytes(content));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.False(string.IsNullOrWhiteSpace(page.Document.QuerySelector("#upload-error")?.TextContent));
        Assert.Empty(await FilesOfAsync(initiative));
    }

    [Fact]
    public async Task An_empty_a_too_large_and_a_zip_bomb_document_are_refused_beside_the_field_and_nothing_is_stored()
    {
        var (_, initiative, admin) = await RecordAsync();
        // A document whose one picture, 300 MB of zeros when opened, is a few hundred kilobytes in the file.
        var types = System.Text.Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
        var bomb = InspectionSamples.RawZip(
        [
            ("[Content_Types].xml", (ushort)0, types, SscPortal.Web.Evidence.Inspection.Crc32.Compute(types), types.Length),
            ("word/media/zeros.bin", (ushort)8, InspectionSamples.DeflatedZeros(300L * 1024 * 1024), 0u, 300L * 1024 * 1024),
        ]);
        foreach (var (name, content, message) in new[]
        {
            ("empty.pdf", Array.Empty<byte>(), "empty"),
            ("huge.pdf", new byte[26 * 1024 * 1024], "larger than 25 MB"),
            ("bomb.docx", bomb, "zip bomb"),
        })
        {
            var page = await UploadAsync(admin, $"/files/add?to=initiative&id={initiative}", name, content);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains(message, page.Document.QuerySelector("#upload-error")?.TextContent ?? "", StringComparison.Ordinal);
        }
        Assert.Empty(await FilesOfAsync(initiative));
    }

    [Fact]
    public async Task A_file_name_with_a_path_and_control_characters_is_kept_as_a_plain_name_with_the_type_s_extension()
    {
        var (_, initiative, admin) = await RecordAsync();
        await UploadAsync(admin, $"/files/add?to=initiative&id={initiative}", "..\\..\\etc/pass\u0001wd.exe", PhotoWithGps());
        Assert.Equal("passwd.jpg", Assert.Single(await FilesOfAsync(initiative)).FileName);
    }

    [Fact]
    public async Task A_restricted_file_is_counted_for_others_but_never_shown_nor_served_and_a_new_version_keeps_the_old()
    {
        var (owner, initiative, admin) = await RecordAsync();
        await UploadAsync(admin, $"/files/add?to=initiative&id={initiative}", "minutes.jpg", PhotoWithGps(), visibility: "Organisation");
        var restricted = Assert.Single(await FilesOfAsync(initiative));

        using var anonymous = Portal.CreateBrowser();
        var page = await anonymous.GetOkAsync($"/initiatives/{initiative}");
        Assert.DoesNotContain("minutes.jpg", page.Text, StringComparison.Ordinal);
        Assert.Contains("1 restricted document", page.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/files/{restricted.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"/files/{restricted.Id}/download")).StatusCode);
        var other = await Portal.BrowserOfAsync(await Portal.MemberAsync(await Portal.ActorAsync(), MembershipRole.OrganisationAdmin, MembershipStatus.Active));
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/files/{restricted.Id}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync($"/files/{restricted.Id}/download")).StatusCode);

        var replaced = await UploadAsync(admin, $"/files/add?replaces={restricted.Id}", "minutes v2.jpg", [.. PhotoWithGps()[..^2], 0x66, 0xFF, 0xD9]);
        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        var versions = await FilesOfAsync(initiative);
        Assert.Equal(2, versions.Count);
        Assert.Equal(versions[1].Id, versions[0].SupersededById);
        Assert.Equal((restricted.Id, 2), (versions[1].SeriesId!.Value, versions[1].VersionNumber));
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync($"/files/{restricted.Id}/download")).StatusCode);
        Assert.Contains("version 2", (await admin.GetOkAsync($"/files/{versions[1].Id}")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_s_author_waits_for_its_uploader_who_may_remove_it_before_anyone_sees_it()
    {
        var (_, initiative, admin) = await RecordAsync();
        var page = await UploadAsync(admin, $"/files/add?to=initiative&id={initiative}", "grievance.docx", Docx("Maria Quispe"));
        Assert.Contains("Maria Quispe", page.Text, StringComparison.Ordinal);
        var file = Assert.Single(await FilesOfAsync(initiative));
        Assert.Equal(FileState.AwaitingReview, file.State);
        using var anonymous = Portal.CreateBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/files/{file.Id}")).Status);

        await admin.SubmitAsync(page, "form.inline-form", new Dictionary<string, string>());
        var published = Assert.Single(await FilesOfAsync(initiative));
        Assert.Equal(FileState.Published, published.State);
        var bytes = await (await anonymous.Http.GetAsync($"/files/{file.Id}/download")).Content.ReadAsByteArrayAsync();
        Assert.Equal(published.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        using var core = new StreamReader(zip.GetEntry("docProps/core.xml")!.Open());
        Assert.DoesNotContain("Maria Quispe", await core.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_testimony_whose_consent_ran_out_is_gone_from_the_page_and_the_cleanup_deletes_its_words()
    {
        var assessor = await Portal.ActorAsync(ActorType.NationalCso, TestData.Unique("Red"));
        var agency = await Portal.ActorAsync(ActorType.Government, TestData.Unique("Agencia"));
        var assessment = await Portal.AssessmentAsync(assessor, await Portal.InitiativeAsync(agency, "PE", "PY", DateTime.UtcNow.AddDays(-3)), DateTime.UtcNow.AddDays(-1));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (current, expired) = await Portal.WithDatabaseAsync(async db =>
        {
            Testimony Said(string text, DateOnly until) => new()
            {
                AssessmentId = assessment, Text = text, Attribution = TestimonyAttribution.Role, AttributedTo = "woman farmer, Caaguazú", ConsentMethod = ConsentMethod.OralRecorded,
                ConsentGivenOn = today.AddDays(-30), ConsentUntil = until, MayQuote = true, MayShowPublicly = true, CreatedAt = DateTime.UtcNow,
            };
            var stillGiven = Said("The water came back to the village.", today);
            var ranOut = Said("They never asked us.", today.AddDays(-1));
            db.Testimonies.AddRange(stillGiven, ranOut);
            await db.SaveChangesAsync();
            return (stillGiven.Id, ranOut.Id);
        });
        using var anonymous = Portal.CreateBrowser();
        var page = await anonymous.GetOkAsync($"/assessments/{assessment}");
        Assert.Contains("The water came back to the village.", page.Text, StringComparison.Ordinal);
        Assert.Contains("woman farmer, Caaguazú", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("They never asked us.", page.Text, StringComparison.Ordinal);
        Assert.Contains("1 testimony was withdrawn", page.Text, StringComparison.Ordinal);

        await Portal.WithServicesAsync(async s => await s.GetRequiredService<FileCleanup>().RunAsync(DateTime.UtcNow, CancellationToken.None));
        var kept = await Portal.WithDatabaseAsync(db => db.Testimonies.AsNoTracking().Where(t => t.Id == current || t.Id == expired).OrderBy(t => t.Id).ToListAsync());
        Assert.NotNull(kept.Single(t => t.Id == current).Text);
        var gone = kept.Single(t => t.Id == expired);
        Assert.Equal((null, null, TestimonyWithdrawal.ConsentExpired), (gone.Text, gone.AttributedTo, gone.Withdrawal));
    }

    [Fact]
    public async Task The_cleanup_removes_what_an_interrupted_upload_left_on_disk_once_older_than_an_hour()
    {
        // Both database hosts share the disk store and the temporary folder (the portal's content root), so nothing a
        // record names is aged here: the other host's cleanup would rightly see it as an orphan of its own database.
        var root = await Portal.WithServicesAsync(s => Task.FromResult(Path.GetFullPath(Path.Combine(
            s.GetRequiredService<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>().ContentRootPath,
            s.GetRequiredService<Microsoft.Extensions.Options.IOptions<FileStoreOptions>>().Value.Folder))));
        var temporaryFolder = await Portal.WithServicesAsync(s => Task.FromResult(s.GetRequiredService<FileIntake>().TemporaryFolder));
        string Write(string folder, string name, bool old)
        {
            var path = Path.Combine(folder, name.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "left behind");
            if (old) File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-2));
            return path;
        }
        var orphan = Write(root, StorageKeys.New(DateTime.UtcNow), old: true);
        var partial = Write(root, StorageKeys.New(DateTime.UtcNow) + ".partial", old: true);
        var recentOrphan = Write(root, StorageKeys.New(DateTime.UtcNow), old: false);
        var oldUpload = Write(temporaryFolder, Guid.NewGuid().ToString("N") + ".tmp", old: true);
        var recentUpload = Write(temporaryFolder, Guid.NewGuid().ToString("N") + ".tmp", old: false);
        var (_, initiative, admin) = await RecordAsync();
        await UploadAsync(admin, $"/files/add?to=initiative&id={initiative}", "site visit.jpg", PhotoWithGps());
        var named = Path.Combine(root, Assert.Single(await FilesOfAsync(initiative)).StorageKey.Replace('/', Path.DirectorySeparatorChar));

        await Portal.WithServicesAsync(async s => await s.GetRequiredService<FileCleanup>().RunAsync(DateTime.UtcNow, CancellationToken.None));
        Assert.False(File.Exists(orphan));
        Assert.False(File.Exists(partial));
        Assert.False(File.Exists(oldUpload));
        Assert.True(File.Exists(recentOrphan));
        Assert.True(File.Exists(recentUpload));
        Assert.True(File.Exists(named));
        File.Delete(recentOrphan);
        File.Delete(recentUpload);
    }

    public static byte[] Docx(string author)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string text)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
            Part("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            Part("word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Minutes</w:t></w:r></w:p></w:body></w:document>");
            Part("docProps/core.xml", $"<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy></cp:coreProperties>");
        }
        return buffer.ToArray();
    }
}

[Collection(SqliteSuite.Name)]
public sealed class EvidenceOnSqlite(SqlitePortalFixture fixture) : EvidenceTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class EvidenceOnPostgres(PostgresPortalFixture fixture) : EvidenceTests(fixture);
