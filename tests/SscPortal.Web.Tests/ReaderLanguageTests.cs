using System.Net;
using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Pages that stayed in English for a Spanish reader: the 404 page when the language came from ?culture=, and the
/// audit log's subject and detail columns (stored in one language-neutral form, shown in the reader's language).
/// </summary>
public abstract class ReaderLanguageTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task A_page_not_found_keeps_the_language_chosen_in_the_address()
    {
        using var visitor = Portal.CreateBrowser();

        var missing = await visitor.GetAsync("/no-such-page?culture=es");
        var missingRecord = await visitor.GetAsync("/initiatives/2000000000?culture=pt");

        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("es", missing.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Página no encontrada", missing.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missingRecord.Status);
        Assert.Equal("pt", missingRecord.Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_audit_log_shows_subjects_and_details_in_the_readers_language()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var marker = $"{TestData.Word()}@audit.example.org";
        var initiative = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null);
        await Portal.WithDatabaseAsync(async db =>
        {
            var at = DateTime.UtcNow;
            db.AuditEvents.Add(new AuditEvent { At = at, Type = AuditEventType.InitiativeEdited, UserEmail = marker, TargetType = "initiative", TargetId = initiative.ToString(System.Globalization.CultureInfo.InvariantCulture), Details = "from a spreadsheet" });
            db.AuditEvents.Add(new AuditEvent { At = at.AddSeconds(1), Type = AuditEventType.AccessRefused, UserEmail = marker, TargetType = "initiative", TargetId = "12", Details = "publish" });
            db.AuditEvents.Add(new AuditEvent { At = at.AddSeconds(2), Type = AuditEventType.InitiativeUnpublished, UserEmail = marker, TargetType = "initiative", TargetId = "13", Details = "by a moderator: contenido ofensivo" });
            db.AuditEvents.Add(new AuditEvent { At = at.AddSeconds(3), Type = AuditEventType.MembershipRoleChanged, UserEmail = marker, TargetType = "membership", TargetId = "14", Details = "organisation 5, account abc, OrganisationAdmin" });
            return await db.SaveChangesAsync();
        });
        using var administrator = await world.BrowserAsync(Role.Administrator);

        var log = await administrator.GetOkAsync($"/admin/audit?user={Uri.EscapeDataString(marker)}&culture=es");

        var cells = log.Document.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(4, cells.Count);
        Assert.Equal(["Organización 5, cuenta abc, ahora: Administrador de la organización", "Por un moderador: contenido ofensivo", "Intentó publicarlo", "Desde una hoja de cálculo"],
            cells.Select(c => c[4]).ToList());
        Assert.Equal($"Iniciativa {initiative}", cells[3][3]);
        Assert.Equal("Membresía 14", cells[0][3]);
        Assert.NotNull(log.Document.QuerySelector($"tbody a[href='/initiatives/{initiative}']"));
        Assert.DoesNotContain("from a spreadsheet", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_planned_end_before_its_start_is_reported_together_with_the_other_mistakes()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        var form = await admin.GetOkAsync("/initiatives/new");

        var answer = await admin.SubmitAsync(form, "form.record-form", new Dictionary<string, string>
        {
            ["Input.Title"] = "",
            ["Input.PlannedStart"] = "2025-06-01",
            ["Input.PlannedEnd"] = "2025-01-31",
        });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("Give the initiative a title.", answer.Text, StringComparison.Ordinal);
        Assert.Contains("The end date must be on or after the start date.",
            answer.Document.QuerySelector("[data-valmsg-for='Input.PlannedEnd']")?.TextContent ?? "", StringComparison.Ordinal);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class ReaderLanguageOnSqlite(SqlitePortalFixture fixture) : ReaderLanguageTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class ReaderLanguageOnPostgres(PostgresPortalFixture fixture) : ReaderLanguageTests(fixture);
