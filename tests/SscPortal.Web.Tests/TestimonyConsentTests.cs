using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Domain;
using SscPortal.Web.Evidence;
using SscPortal.Web.Tests.Evidence;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// A testimony is shown only as its giver consented, everywhere it appears (issue 17, item 5): with consent to be shown
/// publicly it is on the assessment's page, in the testimonies CSV, the JSON API and the IATI file (as a document link), and
/// its recording can be heard; the day after its consent runs out (the portal's clock moved), it is in none of them, even
/// before the daily sweep deletes its words, name and recording. The assessor records one through the form, whose bad input
/// is refused beside each field.
/// </summary>
public abstract class TestimonyConsentTests(ClockedPortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;
    private MovableClock Clock => fixture.Clock;

    private const string Words = "Nadie nos preguntó antes de cerrar el pozo.";
    private const string Giver = "mujer agricultora, Caaguazú";

    [Fact]
    public async Task Once_consent_runs_out_the_testimony_leaves_the_page_the_csv_the_api_and_iati_and_is_then_deleted()
    {
        Clock.Offset = TimeSpan.Zero;
        var agency = await Portal.ActorAsync(ActorType.Government, TestData.Unique("Agencia"));
        var assessor = await Portal.ActorAsync(ActorType.NationalCso, TestData.Unique("Red"));
        var initiative = await Portal.InitiativeAsync(agency, "PE", "PY", DateTime.UtcNow.AddDays(-3));
        var assessment = await Portal.AssessmentAsync(assessor, initiative, DateTime.UtcNow.AddDays(-1));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var audio = InspectionSamples.Mp3();
        var key = StorageKeys.New(DateTime.UtcNow);
        await Portal.Services.GetRequiredService<IFileStore>().PutAsync(key, new MemoryStream(audio), "audio/mpeg", CancellationToken.None);
        var (testimony, recording) = await Portal.WithDatabaseAsync(async db =>
        {
            (await db.Actors.SingleAsync(a => a.Id == agency.Id)).IatiIdentifier = $"XM-DAC-{Random.Shared.Next(10000, 99999)}";
            var t = new Testimony
            {
                AssessmentId = assessment, Text = Words, Attribution = TestimonyAttribution.Role, AttributedTo = Giver, ConsentMethod = ConsentMethod.OralRecorded,
                ConsentGivenOn = today.AddDays(-10), ConsentUntil = today, MayQuote = true, MayShowPublicly = true, CreatedAt = DateTime.UtcNow,
            };
            db.Testimonies.Add(t);
            await db.SaveChangesAsync();
            var file = new EvidenceFile
            {
                OwnerKind = FileOwnerKind.Testimony, OwnerId = t.Id, OrganisationId = assessor.Id, FileName = "testimonio.mp3", ContentType = "audio/mpeg", Size = audio.Length,
                Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(audio)), StorageKey = key, UploadedAt = DateTime.UtcNow, Visibility = EvidenceVisibility.Organisation,
            };
            db.EvidenceFiles.Add(file);
            await db.SaveChangesAsync();
            t.AudioFileId = file.Id;
            await db.SaveChangesAsync();
            return (t.Id, file.Id);
        });

        // A signed-in reader with no organisation: what the public may read, never served from the anonymous page cache (which
        // keeps a page for up to a minute); the API's address differs each time for the same reason.
        using var reader = await Portal.BrowserOfAsync(await Portal.MemberAsync(null, MembershipRole.Member, MembershipStatus.Active));
        var asked = 0;
        async Task<(string Page, string Csv, string Api, string Iati, HttpStatusCode Recording)> ReadAllAsync() => (
            (await reader.GetOkAsync($"/assessments/{assessment}")).Text,
            await reader.Http.GetStringAsync("/export/testimonies.csv"),
            await reader.Http.GetStringAsync($"/api/v1/testimonies?assessment={assessment}&limit={20 + ++asked}"),
            await reader.Http.GetStringAsync("/export/iati/activities.xml?country=py"),
            (await reader.Http.GetAsync($"/files/{recording}/download")).StatusCode);

        var before = await ReadAllAsync();
        Assert.Contains(Words, before.Page, StringComparison.Ordinal);
        Assert.Contains(Giver, before.Page, StringComparison.Ordinal);
        Assert.Contains(Words, before.Csv, StringComparison.Ordinal);
        Assert.Contains(Words, before.Api, StringComparison.Ordinal);
        Assert.Contains($"#testimony-{testimony}", before.Iati, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, before.Recording);
        Assert.Contains(XDocument.Parse(before.Iati).Descendants("document-link"), d => ((string?)d.Attribute("url"))?.EndsWith($"#testimony-{testimony}", StringComparison.Ordinal) == true);

        Clock.Offset = TimeSpan.FromDays(1.5);
        try
        {
            var after = await ReadAllAsync();
            foreach (var text in new[] { after.Page, after.Csv, after.Api, after.Iati })
            {
                Assert.DoesNotContain(Words, text, StringComparison.Ordinal);
                Assert.DoesNotContain(Giver, text, StringComparison.Ordinal);
            }
            Assert.DoesNotContain($"#testimony-{testimony}", after.Iati, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, after.Recording);
            Assert.Contains("1 testimony was withdrawn", after.Page, StringComparison.Ordinal);

            await Portal.WithServicesAsync(async s => await s.GetRequiredService<FileCleanup>().RunAsync(Clock.GetUtcNow().UtcDateTime, CancellationToken.None));
            var kept = await Portal.WithDatabaseAsync(db => db.Testimonies.AsNoTracking().SingleAsync(t => t.Id == testimony));
            Assert.Equal((null, null, null, TestimonyWithdrawal.ConsentExpired), (kept.Text, kept.AttributedTo, kept.AudioFileId, kept.Withdrawal));
            Assert.False(await Portal.WithDatabaseAsync(db => db.EvidenceFiles.AnyAsync(f => f.Id == recording)));
            await Assert.ThrowsAnyAsync<IOException>(() => Portal.Services.GetRequiredService<IFileStore>().OpenAsync(key, 0, null, CancellationToken.None));
        }
        finally
        {
            Clock.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task The_assessor_records_a_testimony_with_its_recording_and_bad_input_is_refused_beside_each_field()
    {
        Clock.Offset = TimeSpan.Zero;
        var agency = await Portal.ActorAsync(ActorType.Government, TestData.Unique("Agencia"));
        var assessor = await Portal.ActorAsync(ActorType.NationalCso, TestData.Unique("Red"));
        var assessment = await Portal.AssessmentAsync(assessor, await Portal.InitiativeAsync(agency, "PE", "PY", DateTime.UtcNow.AddDays(-3)), publishedAt: null);
        var admin = await Portal.BrowserOfAsync(await Portal.MemberAsync(assessor, MembershipRole.OrganisationAdmin, MembershipStatus.Active));

        var form = await admin.GetOkAsync($"/assessments/{assessment}/testimonies/new");
        var refused = await admin.UploadAsync(form, "main form.record-form", new Dictionary<string, string>
        {
            ["Text"] = "", ["Attribution"] = "Role", ["AttributedTo"] = "", ["ConsentMethod"] = "", ["ConsentGivenOn"] = "",
            ["ConsentUntil"] = DateTime.UtcNow.AddDays(-5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }, "Recording", "voice.mp3", "#!/bin/sh\n"u8.ToArray());
        foreach (var field in new[] { "text", "attributed-to", "consent-method", "consent-given", "consent-until" })
            Assert.False(string.IsNullOrWhiteSpace(refused.Document.QuerySelector($"#{field}-error")?.TextContent), $"no message beside {field}");
        Assert.False(await Portal.WithDatabaseAsync(db => db.Testimonies.AnyAsync(t => t.AssessmentId == assessment)));

        form = await admin.GetOkAsync($"/assessments/{assessment}/testimonies/new");
        var done = await admin.UploadAsync(form, "main form.record-form", new Dictionary<string, string>
        {
            ["Text"] = Words, ["Attribution"] = "Role", ["AttributedTo"] = Giver, ["ConsentMethod"] = "OralRecorded",
            ["ConsentGivenOn"] = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["MayShareWithParties"] = "true",
        }, "Recording", "voice.mp3", InspectionSamples.Mp3());
        Assert.Contains(Words, done.Text, StringComparison.Ordinal);
        var saved = await Portal.WithDatabaseAsync(db => db.Testimonies.AsNoTracking().SingleAsync(t => t.AssessmentId == assessment));
        Assert.NotNull(saved.AudioFileId);
        var stored = await admin.Http.GetByteArrayAsync($"/files/{saved.AudioFileId}/download");
        Assert.DoesNotContain(InspectionSamples.Person, System.Text.Encoding.Latin1.GetString(stored), StringComparison.Ordinal);

        // Shared with the agency only: its words are not public, the draft is not even visible to others; the assessor's page counts nothing hidden from its own.
        using var anonymous = Portal.CreateBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"/files/{saved.AudioFileId}/download")).StatusCode);
    }
}

public sealed class TestimonyConsentOnSqlite(SqliteClockedPortalFixture fixture) : TestimonyConsentTests(fixture), IClassFixture<SqliteClockedPortalFixture>;

public sealed class TestimonyConsentOnPostgres(PostgresClockedPortalFixture fixture) : TestimonyConsentTests(fixture), IClassFixture<PostgresClockedPortalFixture>;
