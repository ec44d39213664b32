using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Import;
using SscPortal.Web.OpenData;
using SscPortal.Web.Reference;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests.Import;

/// <summary>
/// The portal's own IATI export (with the evidence documents the export endpoint adds), uploaded and imported into an empty
/// portal (no demo data) through the import pages' own store (schema check, organisations matched or proposed, drafts in
/// one transaction), reproduces every exported field; exported again it is the same XML, apart from what is generated
/// (generated-datetime, last-updated-datetime) and the link to the portal record (its address names the other portal and
/// record id), which the comparison leaves out.
/// </summary>
public abstract class IatiRoundTripTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task The_portals_export_imported_into_an_empty_portal_gives_the_same_initiatives_and_the_same_file()
    {
        var ct = TestContext.Current.CancellationToken;
        var word = TestData.Word().ToUpperInvariant();
        var ownerRef = $"XI-IATI-{word}";
        var now = DateTime.UtcNow.AddMinutes(-5);
        var ids = await Portal.WithDatabaseAsync(async db =>
        {
            Actor Make(string name, ActorType type, string? reference, string? country) =>
                new() { Name = $"{name} {word}", Type = type, IatiIdentifier = reference, CountryCode = country, IsVerified = true, CreatedAt = now };
            var owner = Make("Agencia", ActorType.Government, ownerRef, "PE");
            var funder = Make("Fondo", ActorType.Intergovernmental, $"XM-DAC-{word}", null);
            var network = Make("Red", ActorType.RegionalCso, null, null);
            var ministry = Make("Ministerio", ActorType.Government, null, "PY");
            db.Actors.AddRange(owner, funder, network, ministry);
            await db.SaveChangesAsync(ct);

            var bilateral = new Initiative
            {
                Title = $"Huertos {word}", Summary = "Rural schools grow their own food.", Description = "With two countries.\n\nAnd a network.",
                Language = "en", Modality = Modality.Bilateral, Instrument = Instrument.Project, Status = ActivityStatus.Implementation,
                PlannedStart = new DateOnly(2024, 1, 1), ActualStart = new DateOnly(2024, 2, 1), PlannedEnd = new DateOnly(2026, 6, 30),
                OwnerId = owner.Id, CreatedAt = now, UpdatedAt = now,
            };
            bilateral.Translations.Add(new InitiativeTranslation { Language = "es", Title = $"Huertos escolares {word}", Summary = "Escuelas rurales cultivan." });
            bilateral.Translations.Add(new InitiativeTranslation { Language = "fr", Title = $"Jardins {word}", Summary = "Les écoles cultivent." });
            bilateral.Countries.Add(new InitiativeCountry { CountryCode = "PE", Role = CountryRole.Provider });
            bilateral.Countries.Add(new InitiativeCountry { CountryCode = "PY", Role = CountryRole.Recipient });
            bilateral.Countries.Add(new InitiativeCountry { CountryCode = "BO", Role = CountryRole.Recipient });
            bilateral.Actors.Add(new InitiativeActor { ActorId = owner.Id, Role = ActorRole.Lead });
            bilateral.Actors.Add(new InitiativeActor { ActorId = funder.Id, Role = ActorRole.Funding });
            bilateral.Actors.Add(new InitiativeActor { ActorId = network.Id, Role = ActorRole.Facilitating });
            bilateral.Actors.Add(new InitiativeActor { ActorId = ministry.Id, Role = ActorRole.Implementing });
            bilateral.Sdgs.Add(new InitiativeSdg { GoalCode = 2, IsPrimary = true });
            bilateral.Sdgs.Add(new InitiativeSdg { GoalCode = 4 });
            bilateral.SdgTargets.Add(new InitiativeSdgTarget { TargetCode = "2.3" });
            bilateral.Sectors.Add(new InitiativeSector { SectorCode = "31161" });
            bilateral.Sectors.Add(new InitiativeSector { SectorCode = "11220" });
            bilateral.Contributions.Add(new InitiativeContribution { ActorId = owner.Id, Kind = ContributionKind.Money, Amount = 50000m, Currency = "USD" });
            bilateral.Contributions.Add(new InitiativeContribution { ActorId = funder.Id, Kind = ContributionKind.Money, Amount = 120000.5m, Currency = "USD" });
            bilateral.Contributions.Add(new InitiativeContribution { ActorId = ministry.Id, Kind = ContributionKind.Money, Amount = 80000m, Currency = "PYG" });
            bilateral.Links.Add(new InitiativeLink { Title = "Project site", Url = $"https://huertos.example/{word}" });
            bilateral.Links.Add(new InitiativeLink { Title = "Baseline study", Url = $"https://huertos.example/{word}/baseline.pdf", Category = "A08", Format = "application/pdf" });

            var triangular = new Initiative
            {
                Title = $"Riego {word}", Summary = "Irrigation experts advise cooperatives.", Language = "es", Modality = Modality.Triangular,
                Instrument = Instrument.Project, Status = ActivityStatus.Closed, PlannedStart = new DateOnly(2022, 3, 1), PlannedEnd = new DateOnly(2023, 2, 28),
                ActualStart = new DateOnly(2022, 3, 15), ActualEnd = new DateOnly(2023, 2, 20), OwnerId = owner.Id, CreatedAt = now, UpdatedAt = now,
            };
            triangular.Countries.Add(new InitiativeCountry { CountryCode = "PE", Role = CountryRole.FirstProvider });
            triangular.Countries.Add(new InitiativeCountry { CountryCode = "DE", Role = CountryRole.SecondProvider });
            triangular.Countries.Add(new InitiativeCountry { CountryCode = "PY", Role = CountryRole.Recipient });
            triangular.Actors.Add(new InitiativeActor { ActorId = owner.Id, Role = ActorRole.Lead });
            triangular.Actors.Add(new InitiativeActor { ActorId = funder.Id, Role = ActorRole.Funding });
            triangular.Sdgs.Add(new InitiativeSdg { GoalCode = 6 });
            triangular.Sectors.Add(new InitiativeSector { SectorCode = "31140" });
            triangular.Contributions.Add(new InitiativeContribution { ActorId = funder.Id, Kind = ContributionKind.Money, Amount = 30000m, Currency = "EUR" });
            triangular.Locations.Add(new InitiativeLocation { CountryCode = "PY", Precision = LocationPrecision.Region, Region = "Caaguazú" });
            triangular.Locations.Add(new InitiativeLocation { CountryCode = "PY", Precision = LocationPrecision.Municipality, Place = "Coronel Oviedo", Region = "Caaguazú" });
            triangular.Locations.Add(new InitiativeLocation { CountryCode = "PY", Precision = LocationPrecision.Point, Place = "Cooperativa 12", Latitude = -25.447, Longitude = -56.44 });
            foreach (var initiative in new[] { bilateral, triangular })
            {
                initiative.Publish(now);
                db.Initiatives.Add(initiative);
            }
            await db.SaveChangesAsync(ct);
            return new[] { bilateral.Id, triangular.Id };
        });
        // The portal's evidence goes into its file too: a public file and a testimony (category A07, as the export endpoint
        // writes them), which an importing portal keeps as links of the same kind.
        IatiActivities.IatiDocument[] evidence =
        [
            new(ids[0], "https://source.example/files/7/download", "application/pdf", "Informe final.pdf", "A07"),
            new(ids[0], "https://source.example/assessments/3#testimony-5", "text/html", "Testimony: Ana", "A07"),
        ];
        var first = await Portal.WithDatabaseAsync(db => ExportAsync(db, db.Initiatives.Where(i => ids.Contains(i.Id)), "https://source.example", ct, evidence));
        Assert.Contains("Informe final.pdf", System.Text.Encoding.UTF8.GetString(first), StringComparison.Ordinal);

        await using var empty = await EmptyPortalAsync();
        try
        {
            var email = await empty.Portal.UserAsync("Correct-horse-battery-9");
            var imported = await empty.Portal.WithServicesAsync(async services =>
            {
                var db = services.GetRequiredService<AppDbContext>();
                Assert.False(await db.Initiatives.AnyAsync(ct));
                var owner = new Actor { Name = $"Agencia {word}", Type = ActorType.Government, IatiIdentifier = ownerRef, CountryCode = "PE", IsVerified = true, CreatedAt = now };
                db.Actors.Add(owner);
                await db.SaveChangesAsync(ct);
                var user = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(ct);

                // The import pages' own path: the file read into an upload (checked against the schema, each activity's
                // problems), then every valid activity imported as a draft in one transaction, organisations matched by
                // their identifiers or names, or proposed.
                var store = services.GetRequiredService<ImportStore>();
                var upload = Assert.IsType<UploadOutcome.Saved>(await store.UploadAsync(owner.Id, user, [new UploadedFile("export.xml", first.Length, () => new MemoryStream(first))], ct));
                var rows = await db.IatiImportActivities.AsNoTracking().Where(a => a.ImportId == upload.ImportId).ToListAsync(ct);
                Assert.Equal(2, rows.Count);
                Assert.All(rows, r => Assert.True(r.Errors is null, r.Errors));
                var version = await db.IatiImports.AsNoTracking().Where(i => i.Id == upload.ImportId).Select(i => i.Version).SingleAsync(ct);
                Assert.Equal(new ImportOutcome.Imported(2), await store.ImportAsync(upload.ImportId, version, [], all: true, ct));

                db.ChangeTracker.Clear();
                var made = await db.Initiatives.Include(i => i.Countries).Include(i => i.Actors).Include(i => i.Sectors).Include(i => i.Sdgs).Include(i => i.Contributions)
                    .Include(i => i.Translations).Include(i => i.Links).Where(i => i.OwnerId == owner.Id).AsSplitQuery().ToListAsync(ct);
                Assert.All(made, i => Assert.Equal(PublicationState.Draft, i.Publication));
                foreach (var initiative in made)
                {
                    if (initiative.Modality == Modality.Triangular)
                    {
                        // The file cannot tell the first and second providers of a triangular initiative: its owner says them.
                        initiative.Countries.Add(new InitiativeCountry { CountryCode = "PE", Role = CountryRole.FirstProvider });
                        initiative.Countries.Add(new InitiativeCountry { CountryCode = "DE", Role = CountryRole.SecondProvider });
                    }
                    initiative.Publish(now);
                }
                await db.SaveChangesAsync(ct);
                // In the order of the source's ids (the export's order).
                return made.OrderBy(i => Array.FindIndex(ids, id => i.IatiIdentifier == IatiActivities.ActivityIdentifier(ownerRef, id))).Select(i => i.Id).ToList();
            });

            // Every exported field, compared initiative by initiative.
            var before = await Portal.WithDatabaseAsync(db => FieldsAsync(db, ids, evidence));
            var after = await empty.Portal.WithDatabaseAsync(db => FieldsAsync(db, imported));
            Assert.Equal(before.Count, after.Count);
            for (var i = 0; i < before.Count; i++) Assert.Equal(before[i], after[i]);

            var second = await empty.Portal.WithDatabaseAsync(db => ExportAsync(db, db.Initiatives, "https://target.example", ct));
            Assert.Equal(Normalised(first), Normalised(second));
        }
        finally
        {
            await empty.DisposeAsync();
        }
    }

    private static async Task<byte[]> ExportAsync(AppDbContext db, IQueryable<Initiative> initiatives, string baseUrl, CancellationToken ct,
        IReadOnlyList<IatiActivities.IatiDocument>? documents = null)
    {
        using var output = new MemoryStream();
        await IatiActivities.WriteAsync(output, initiatives.Where(i => i.Publication == PublicationState.Published), baseUrl, DateTime.UtcNow, IatiPublisher.Unconfigured, ct,
            documents is null ? null : _ => Task.FromResult(documents.ToLookup(d => d.InitiativeId)));
        return output.ToArray();
    }

    /// <summary>The file without what is generated (timestamps) and without the link to the portal record.</summary>
    private static string Normalised(byte[] file)
    {
        var document = XDocument.Load(new MemoryStream(file));
        document.Root!.Attribute("generated-datetime")?.Remove();
        foreach (var activity in document.Root.Elements("iati-activity"))
        {
            activity.Attribute("last-updated-datetime")?.Remove();
            activity.Elements("document-link").Where(d => d.Element("title")?.Element("narrative")?.Value == IatiActivities.PortalRecordTitle).Remove();
        }
        return document.ToString();
    }

    private sealed record Fields(string Title, string Summary, string? Description, string Language, string Translations, ActivityStatus Status, bool Triangular,
        DateOnly? PlannedStart, DateOnly? ActualStart, DateOnly? PlannedEnd, DateOnly? ActualEnd, string Recipients, string Actors, string Goals, string Targets,
        string Sectors, string Money, string Locations, string Links);

    /// <summary>Every exported field of the initiatives; <paramref name="documents"/>: the evidence the export wrote beside their links.</summary>
    private static async Task<List<Fields>> FieldsAsync(AppDbContext db, IReadOnlyList<int> ids, IReadOnlyList<IatiActivities.IatiDocument>? documents = null)
    {
        var initiatives = await db.Initiatives.AsNoTracking().Where(i => ids.Contains(i.Id)).OrderBy(i => i.Id)
            .Include(i => i.Translations).Include(i => i.Countries).Include(i => i.Actors).ThenInclude(a => a.Actor).Include(i => i.Sdgs).Include(i => i.SdgTargets)
            .Include(i => i.Sectors).Include(i => i.Contributions).ThenInclude(c => c.Actor).Include(i => i.Locations).Include(i => i.Links).AsSplitQuery().ToListAsync();
        return initiatives.Select(i => new Fields(i.Title, i.Summary, i.Description, i.Language,
            string.Join("|", i.Translations.OrderBy(t => t.Language, StringComparer.Ordinal).Select(t => $"{t.Language}:{t.Title}:{t.Summary}")), i.Status, i.Modality == Modality.Triangular,
            i.PlannedStart, i.ActualStart, i.PlannedEnd, i.ActualEnd,
            string.Join(",", i.Countries.Where(c => c.Role is CountryRole.Recipient or CountryRole.Both).Select(c => c.CountryCode).Order(StringComparer.Ordinal)),
            string.Join("|", i.Actors.Select(a => $"{a.Actor!.Name}:{a.Actor.IatiIdentifier}:{(int)a.Actor.Type}:{IatiActivities.RoleCode(a.Role)}").Order(StringComparer.Ordinal)),
            string.Join(",", i.Sdgs.Select(s => s.GoalCode).Order()), string.Join(",", i.SdgTargets.Select(t => t.TargetCode).Order(StringComparer.Ordinal)),
            string.Join(",", i.Sectors.Select(s => s.SectorCode).Order(StringComparer.Ordinal)),
            string.Join("|", i.Contributions.Where(c => c.Kind == ContributionKind.Money).GroupBy(c => (c.Actor!.Name, c.Currency))
                .Select(g => $"{g.Key.Name}:{g.Sum(c => c.Amount)}:{g.Key.Currency}").Order(StringComparer.Ordinal)),
            string.Join("|", i.Locations.Where(l => l.Precision != LocationPrecision.Country).OrderBy(l => l.Id)
                .Select(l => FormattableString.Invariant($"{l.CountryCode}:{l.Precision}:{l.Region}:{l.Place}:{l.Latitude}:{l.Longitude}"))),
            string.Join("|", i.Links.OrderBy(l => l.Id).Select(l => $"{l.Title}>{l.Url}>{l.Category ?? "A12"}>{l.Format ?? "text/html"}")
                .Concat((documents ?? []).Where(d => d.InitiativeId == i.Id).Select(d => $"{d.Title}>{d.Url}>{d.Category}>{d.Format}"))))).ToList();
    }

    /// <summary>A fresh portal on the same kind of database, without demonstration data.</summary>
    private async Task<EmptyPortal> EmptyPortalAsync()
    {
        var settings = new Dictionary<string, string?> { ["Seed:Demo"] = "false" };
        if (Portal.Provider == DatabaseProvider.Postgres)
        {
            var admin = TestSettings.PostgresAdminConnection!;
            var database = await PostgresDatabases.CreateAsync(admin);
            return new EmptyPortal(new PortalFactory(DatabaseProvider.Postgres, PostgresDatabases.ConnectionStringFor(admin, database), settings),
                () => PostgresDatabases.DropAsync(admin, database));
        }
        var folder = Path.Combine(Path.GetTempPath(), "ssc-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new EmptyPortal(new PortalFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "portal.db")}", settings), () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { /* a leftover temp folder is harmless */ }
            return Task.CompletedTask;
        });
    }

    private sealed class EmptyPortal(PortalFactory portal, Func<Task> cleanup) : IAsyncDisposable
    {
        private bool _disposed;
        public PortalFactory Portal { get; } = portal;

        public async ValueTask DisposeAsync()
        {
            if (_disposed) return;
            _disposed = true;
            await Portal.DisposeAsync();
            await cleanup();
        }
    }
}

[Collection(SqliteSuite.Name)]
public sealed class IatiRoundTripOnSqlite(SqlitePortalFixture fixture) : IatiRoundTripTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class IatiRoundTripOnPostgres(PostgresPortalFixture fixture) : IatiRoundTripTests(fixture);
