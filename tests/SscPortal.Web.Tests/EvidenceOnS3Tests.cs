using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Amazon.S3.Model;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SscPortal.Domain;
using SscPortal.Web.Evidence;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Evidence files in an S3-compatible object store (Files:Store=S3) against a real S3-protocol server (s3rver): what is
/// uploaded through the page is an object in the bucket and nothing on the portal's disk, downloads whole and by range,
/// a new version keeps the old one readable, a discarded file's object is deleted, and the cleanup deletes an object no
/// record names once it is older than the grace period while keeping the ones records name.
/// </summary>
public abstract class EvidenceOnS3Tests(S3PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;
    private S3rverProcess Server => fixture.Server;

    private async Task<(int Initiative, HtmlClient Admin)> RecordAsync()
    {
        var owner = await Portal.ActorAsync(ActorType.NationalCso, TestData.Unique("Colectivo"));
        var initiative = await Portal.InitiativeAsync(owner, "PY", "PE", DateTime.UtcNow.AddDays(-1));
        var admin = await Portal.BrowserOfAsync(await Portal.MemberAsync(owner, MembershipRole.OrganisationAdmin, MembershipStatus.Active));
        return (initiative, admin);
    }

    private static async Task<HtmlClient.Page> UploadAsync(HtmlClient browser, string addUrl, string name, byte[] content, string visibility = "Public")
    {
        var form = await browser.GetOkAsync(addUrl);
        return await browser.UploadAsync(form, "main form.record-form", new Dictionary<string, string> { ["Visibility"] = visibility }, "Upload", name, content);
    }

    private Task<List<EvidenceFile>> FilesOfAsync(int initiative) =>
        Portal.WithDatabaseAsync(db => db.EvidenceFiles.AsNoTracking().Where(f => f.OwnerKind == FileOwnerKind.Initiative && f.OwnerId == initiative).OrderBy(f => f.Id).ToListAsync());

    /// <summary>The keys in the bucket, listed by a client of our own (not the portal's).</summary>
    private async Task<HashSet<string>> ObjectsAsync()
    {
        using var client = Server.Client();
        var keys = new HashSet<string>();
        var request = new ListObjectsV2Request { BucketName = S3PortalFixture.Bucket };
        while (true)
        {
            var page = await client.ListObjectsV2Async(request);
            foreach (var item in page.S3Objects ?? []) keys.Add(item.Key);
            if (page.IsTruncated != true) return keys;
            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    private string DiskPathOf(string key) => Portal.Services.GetRequiredService<IWebHostEnvironment>() is var environment
        ? Path.GetFullPath(Path.Combine(environment.ContentRootPath, Portal.Services.GetRequiredService<IOptions<FileStoreOptions>>().Value.Folder, key))
        : "";

    /// <summary>Makes an object look written two hours ago (s3rver's LastModified is its file's modification time).</summary>
    private void Age(string key) => File.SetLastWriteTimeUtc(Server.ObjectPath(S3PortalFixture.Bucket, key), DateTime.UtcNow.AddHours(-2));

    [Fact]
    public async Task An_upload_is_an_object_in_the_bucket_downloaded_whole_and_by_range_and_a_new_version_keeps_the_old()
    {
        Assert.IsType<S3FileStore>(Portal.Services.GetRequiredService<IFileStore>());
        var (initiative, admin) = await RecordAsync();
        await UploadAsync(admin, $"/files/add?to=initiative&id={initiative}", "site visit.jpg", EvidenceTests.PhotoWithGps());
        var file = Assert.Single(await FilesOfAsync(initiative));
        Assert.Contains(file.StorageKey, await ObjectsAsync());
        Assert.True(File.Exists(Server.ObjectPath(S3PortalFixture.Bucket, file.StorageKey)));
        Assert.False(File.Exists(DiskPathOf(file.StorageKey)));
        using (var client = Server.Client())
        {
            var head = await client.GetObjectMetadataAsync(S3PortalFixture.Bucket, file.StorageKey);
            Assert.Equal(("image/jpeg", file.Size), (head.Headers.ContentType, head.ContentLength));
        }

        using var anonymous = Portal.CreateBrowser();
        using var whole = await anonymous.Http.GetAsync($"/files/{file.Id}/download");
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        var stored = await whole.Content.ReadAsByteArrayAsync();
        Assert.Equal(file.Size, stored.Length);
        Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(stored)));

        using var ranged = new HttpRequestMessage(HttpMethod.Get, $"/files/{file.Id}/download");
        ranged.Headers.Range = new RangeHeaderValue(2, 5);
        using var part = await anonymous.Http.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(stored[2..6], await part.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes 2-5/{stored.Length}", part.Content.Headers.ContentRange?.ToString());

        using var open = new HttpRequestMessage(HttpMethod.Get, $"/files/{file.Id}/download");
        open.Headers.Range = new RangeHeaderValue(10, null);
        using var rest = await anonymous.Http.SendAsync(open);
        Assert.Equal(HttpStatusCode.PartialContent, rest.StatusCode);
        Assert.Equal(stored[10..], await rest.Content.ReadAsByteArrayAsync());

        using var suffix = new HttpRequestMessage(HttpMethod.Get, $"/files/{file.Id}/download");
        suffix.Headers.Range = new RangeHeaderValue(null, 3);
        using var tail = await anonymous.Http.SendAsync(suffix);
        Assert.Equal(stored[^3..], await tail.Content.ReadAsByteArrayAsync());

        // The store itself, from an offset to the end and a window in the middle.
        var store = Portal.Services.GetRequiredService<IFileStore>();
        await using (var fromTen = await store.OpenAsync(file.StorageKey, 10, null, CancellationToken.None))
            Assert.Equal(stored[10..], await ReadAllAsync(fromTen));
        await using (var window = await store.OpenAsync(file.StorageKey, 3, 7, CancellationToken.None))
            Assert.Equal(stored[3..10], await ReadAllAsync(window));

        var replaced = await UploadAsync(admin, $"/files/add?replaces={file.Id}", "site visit v2.jpg", [.. EvidenceTests.PhotoWithGps()[..^2], 0x66, 0xFF, 0xD9]);
        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        var versions = await FilesOfAsync(initiative);
        Assert.Equal(2, versions.Count);
        Assert.Equal(versions[1].Id, versions[0].SupersededById);
        Assert.NotEqual(versions[0].StorageKey, versions[1].StorageKey);
        Assert.Superset(new HashSet<string> { versions[0].StorageKey, versions[1].StorageKey }, await ObjectsAsync());
        Assert.Equal(stored, await anonymous.Http.GetByteArrayAsync($"/files/{versions[0].Id}/download"));
        var second = await anonymous.Http.GetByteArrayAsync($"/files/{versions[1].Id}/download");
        Assert.Equal(versions[1].Sha256, Convert.ToHexStringLower(SHA256.HashData(second)));
    }

    [Fact]
    public async Task A_discarded_file_s_object_is_deleted_and_one_whose_names_were_removed_is_replaced_by_the_cleaned_copy()
    {
        var (initiative, admin) = await RecordAsync();
        var page = await UploadAsync(admin, $"/files/add?to=initiative&id={initiative}", "grievance.docx", EvidenceTests.Docx("Maria Quispe"));
        var waiting = Assert.Single(await FilesOfAsync(initiative));
        Assert.Equal(FileState.AwaitingReview, waiting.State);
        Assert.Contains(waiting.StorageKey, await ObjectsAsync());
        await admin.SubmitAsync(page, "form.inline-form", new Dictionary<string, string>());
        var published = Assert.Single(await FilesOfAsync(initiative));
        Assert.Equal(FileState.Published, published.State);
        var objects = await ObjectsAsync();
        Assert.Contains(published.StorageKey, objects);
        Assert.DoesNotContain(waiting.StorageKey, objects);

        page = await UploadAsync(admin, $"/files/add?to=initiative&id={initiative}", "minutes.docx", EvidenceTests.Docx("Juan Pérez"));
        var discarded = (await FilesOfAsync(initiative)).Single(f => f.State == FileState.AwaitingReview);
        Assert.Contains(discarded.StorageKey, await ObjectsAsync());
        await admin.SubmitAsync(page, "form[action*='handler=Discard']", new Dictionary<string, string>());
        Assert.Equal(published.Id, Assert.Single(await FilesOfAsync(initiative)).Id);
        objects = await ObjectsAsync();
        Assert.DoesNotContain(discarded.StorageKey, objects);
        Assert.Contains(published.StorageKey, objects);
    }

    [Fact]
    public async Task The_cleanup_deletes_an_object_no_record_names_once_older_than_an_hour_and_keeps_the_others()
    {
        var (initiative, admin) = await RecordAsync();
        await UploadAsync(admin, $"/files/add?to=initiative&id={initiative}", "site visit.jpg", EvidenceTests.PhotoWithGps());
        var named = Assert.Single(await FilesOfAsync(initiative)).StorageKey;
        // What an upload interrupted between the store and the database leaves: an object no record names.
        var (orphan, recent) = (StorageKeys.New(DateTime.UtcNow), StorageKeys.New(DateTime.UtcNow));
        using (var client = Server.Client())
            foreach (var key in new[] { orphan, recent })
                await client.PutObjectAsync(new PutObjectRequest { BucketName = S3PortalFixture.Bucket, Key = key, ContentBody = "left behind", UseChunkEncoding = false });
        Age(orphan);
        Age(named);

        var store = Portal.Services.GetRequiredService<IFileStore>();
        var listed = new Dictionary<string, DateTime>();
        await foreach (var (key, writtenAt) in store.ListAsync(CancellationToken.None)) listed[key] = writtenAt;
        Assert.Equal(DateTimeKind.Utc, listed[orphan].Kind);
        Assert.InRange(listed[orphan], DateTime.UtcNow.AddHours(-2).AddMinutes(-1), DateTime.UtcNow.AddHours(-2).AddMinutes(1));
        Assert.InRange(listed[recent], DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));

        var outcome = await Portal.WithServicesAsync(s => s.GetRequiredService<FileCleanup>().RunAsync(DateTime.UtcNow, CancellationToken.None));
        Assert.True(outcome.Orphans >= 1);
        var objects = await ObjectsAsync();
        Assert.DoesNotContain(orphan, objects);
        Assert.Contains(recent, objects);
        Assert.Contains(named, objects);
        using var anonymous = Portal.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Http.GetAsync($"/files/{(await FilesOfAsync(initiative))[0].Id}/download")).StatusCode);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}

[Collection(SqliteS3Suite.Name)]
public sealed class EvidenceOnS3WithSqlite(SqliteS3PortalFixture fixture) : EvidenceOnS3Tests(fixture);

[Collection(PostgresS3Suite.Name)]
public sealed class EvidenceOnS3WithPostgres(PostgresS3PortalFixture fixture) : EvidenceOnS3Tests(fixture);
