using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Data.Seed;

namespace SscPortal.Web.Commands;

/// <summary>
/// `dotnet run --project src/SscPortal.Web -c Release -- seed-synthetic --initiatives 100000` fills a PostgreSQL database
/// with invented initiatives for the benchmark (bench/README.md), by bulk COPY. The data is skewed like the real thing:
/// a few very active countries and agencies and many small ones, every modality and status, four languages, organisations,
/// sectors, SDGs, translations, partnerships and published assessments in proportion. Deterministic for a given size.
/// `--listings N` (default 0) adds offers, needs and two-way exchanges for the exchange the same way (kinds, forms, themes,
/// SDGs, sectors, countries, regions and working languages skewed like the field, titles and descriptions from word lists
/// in four languages, a few translated); either size may be 0, not both.
/// </summary>
public static partial class SeedSyntheticCommand
{
    private const int Seed = 20261124;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var size = SizeOf(args, "--initiatives");
        var listings = SizeOf(args, "--listings");
        if (size is null || listings is null || size + listings == 0)
        {
            await output.WriteLineAsync("Usage: seed-synthetic [--initiatives <0 to 5,000,000>] [--listings <0 to 5,000,000>]   (PostgreSQL only; adds to what is there)");
            return 2;
        }
        if (services.GetRequiredService<DatabaseInfo>().Provider != DatabaseProvider.Postgres)
        {
            await output.WriteLineAsync("seed-synthetic loads PostgreSQL by bulk COPY: set Database__Provider=Postgres and ConnectionStrings__Postgres.");
            return 2;
        }
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(withDemoData: false, CancellationToken.None);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Bulk loading and ANALYZE run far longer than a request's statement may (Database:StatementTimeoutSeconds).
        await using var unlimited = await DatabaseSetup.WithoutStatementTimeoutAsync(db, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        var random = new Random(Seed + size.Value + 7 * listings.Value);
        var loader = new Loader(db, random, output);
        await loader.LoadAsync(size.Value, listings.Value);
        await output.WriteLineAsync($"Done: {size:N0} initiatives and {listings:N0} offers and needs in {clock.Elapsed.TotalSeconds:N0} s.");
        return 0;
    }

    /// <summary>The number after <paramref name="option"/>: 0 when the option is absent, null when it is not a size.</summary>
    private static int? SizeOf(string[] args, string option)
    {
        var index = Array.IndexOf(args, option);
        if (index < 0) return 0;
        return index + 1 < args.Length && int.TryParse(args[index + 1], out var value) && value is >= 0 and <= 5_000_000 ? value : null;
    }

    private sealed class Loader(AppDbContext db, Random random, TextWriter output)
    {
        // Countries that take part most in South-South cooperation come first: picked with a Zipf-like skew.
        private static readonly string[] Providers = ["BR", "MX", "CO", "CL", "AR", "CU", "PE", "IN", "CN", "ZA", "TR", "ID", "TH", "EG", "KE", "MA", "EC", "UY", "SG", "MY", "NG", "GH", "RW", "CR", "PA", "KR", "VN", "PH"];
        private static readonly string[] Recipients = ["PY", "BO", "HN", "GT", "SV", "NI", "HT", "DO", "EC", "PE", "MZ", "AO", "TL", "LA", "KH", "MM", "NP", "BD", "ET", "TZ", "UG", "SN", "ML", "NE", "BF", "CV", "ST", "GW", "FJ", "PG", "SB", "VU", "TO", "WS"];
        private static readonly string[] SecondProviders = ["DE", "ES", "JP", "KR", "US", "FR", "IT", "CA", "NO", "SE", "GB", "AU", "NZ"];
        private static readonly string[] Sectors = ["31161", "31120", "31166", "31194", "11330", "12220", "14050", "14030", "15110", "15220", "41010", "43030", "16010", "23210", "25010", "32130", "74020"];
        private static readonly string[] Themes =
        [
            "family farming", "seed banks", "urban waste", "water management", "early warning", "school meals", "human milk banks",
            "vocational training", "public procurement", "peace building", "community health", "solar energy", "fisheries",
            "coffee cooperatives", "climate resilience", "open data", "social protection", "indigenous land rights", "tax administration", "tourism",
        ];
        private static readonly Dictionary<string, (string Pattern, string Summary)> Phrasing = new()
        {
            ["en"] = ("{0}–{1} cooperation on {2}", "Experts from {0} share their experience of {2} with public institutions and communities in {1}."),
            ["es"] = ("Cooperación {0}–{1} en {2}", "Especialistas de {0} comparten su experiencia en {2} con instituciones y comunidades de {1}."),
            ["pt"] = ("Cooperação {0}–{1} em {2}", "Especialistas de {0} compartilham sua experiência em {2} com instituições e comunidades de {1}."),
            ["fr"] = ("Coopération {0}–{1} sur {2}", "Des experts de {0} partagent leur expérience en {2} avec les institutions et communautés de {1}."),
        };

        private Dictionary<string, string> _countryNames = [];

        /// <summary>An index in [0, count) skewed towards the start (roughly Zipf with exponent 1).</summary>
        private int Skewed(int count) => Math.Min(count - 1, (int)Math.Floor(Math.Exp(random.NextDouble() * Math.Log(count + 1)) - 1));

        private string Pick(string[] items) => items[Skewed(items.Length)];

        public async Task LoadAsync(int size, int listings)
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
            _countryNames = await db.Countries.AsNoTracking().ToDictionaryAsync(c => c.Code.Trim(), c => c.NameEn);
            var actors = await LoadActorsAsync(connection, Math.Max(200, (size + listings) / 50));
            if (listings > 0)
            {
                var regionOf = await db.Countries.AsNoTracking().Where(c => c.RegionCode != null).ToDictionaryAsync(c => c.Code.Trim(), c => c.RegionCode!);
                await new ListingLoader(random, output, _countryNames, Skewed).LoadAsync(connection, listings, actors, regionOf);
            }
            if (size == 0)
            {
                await output.WriteLineAsync("  analysing the tables");
                await ExecuteAsync(connection, "ANALYZE");
                return;
            }
            var firstId = await NextIdAsync(connection, "Initiatives");
            var now = DateTime.UtcNow;
            var published = new List<(int Id, DateTime At)>();
            const int chunk = 50_000;
            for (var start = 0; start < size; start += chunk)
            {
                var count = Math.Min(chunk, size - start);
                published.AddRange(await LoadInitiativesAsync(connection, firstId + start, count, actors, now));
                await output.WriteLineAsync($"  {start + count:N0} / {size:N0} initiatives");
            }
            await ExecuteAsync(connection, $"SELECT setval(pg_get_serial_sequence('\"Initiatives\"', 'Id'), {firstId + size})");
            await LoadAssessmentsAsync(connection, published, actors);
            await LoadPartnershipsAsync(connection, published, actors, size / 200);
            // The facet keys the catalogue filters and counts by, computed by the database as the save path does.
            for (var start = firstId; start < firstId + size; start += chunk)
            {
                await ExecuteAsync(connection, Search.FacetKeys.RefreshSql(postgres: true, $"i.\"Id\" >= {start} AND i.\"Id\" < {start + chunk}"));
                await output.WriteLineAsync($"  facet keys: {Math.Min(start + chunk - firstId, size):N0} / {size:N0}");
            }
            await output.WriteLineAsync("  analysing the tables");
            await ExecuteAsync(connection, "VACUUM ANALYZE");
        }

        internal static async Task<int> NextIdAsync(NpgsqlConnection connection, string table)
        {
            await using var command = new NpgsqlCommand($"SELECT COALESCE(MAX(\"Id\"), 0) + 1 FROM \"{table}\"", connection);
            return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        internal static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }

        private async Task<List<(int Id, string Name, ActorType Type)>> LoadActorsAsync(NpgsqlConnection connection, int count)
        {
            var first = await NextIdAsync(connection, "Actors");
            var types = new[] { ActorType.Government, ActorType.Government, ActorType.LocalGovernment, ActorType.OtherPublicSector, ActorType.NationalCso, ActorType.NationalCso, ActorType.InternationalCso, ActorType.RegionalCso, ActorType.Academia, ActorType.Intergovernmental, ActorType.Foundation };
            var actors = new List<(int, string, ActorType)>();
            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY \"Actors\" (\"Id\", \"Name\", \"Type\", \"CountryCode\", \"IsVerified\", \"CreatedAt\") FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < count; i++)
                {
                    var type = types[random.Next(types.Length)];
                    var country = Pick(Providers);
                    var name = $"{type switch { ActorType.Government => "Agency", ActorType.LocalGovernment => "City", ActorType.Academia => "University", ActorType.Intergovernmental => "Regional programme", ActorType.Foundation => "Foundation", _ => "Network" }} {i + 1} of {_countryNames.GetValueOrDefault(country, country)}";
                    await writer.StartRowAsync();
                    await writer.WriteAsync(first + i, NpgsqlDbType.Integer);
                    await writer.WriteAsync(name, NpgsqlDbType.Varchar);
                    await writer.WriteAsync((int)type, NpgsqlDbType.Integer);
                    await writer.WriteAsync(country, NpgsqlDbType.Char);
                    await writer.WriteAsync(true, NpgsqlDbType.Boolean);
                    await writer.WriteAsync(DateTime.UtcNow, NpgsqlDbType.TimestampTz);
                    actors.Add((first + i, name, type));
                }
                await writer.CompleteAsync();
            }
            await ExecuteAsync(connection, $"SELECT setval(pg_get_serial_sequence('\"Actors\"', 'Id'), {first + count})");
            await output.WriteLineAsync($"  {count:N0} organisations");
            return actors;
        }

        private async Task<List<(int Id, DateTime At)>> LoadInitiativesAsync(NpgsqlConnection connection, int firstId, int count, List<(int Id, string Name, ActorType Type)> actors, DateTime now)
        {
            var published = new List<(int, DateTime)>();
            var countries = new List<(int Id, string Code, CountryRole Role)>();
            var links = new List<(int Id, int Actor, ActorRole Role)>();
            var goals = new List<(int Id, int Goal, bool Primary)>();
            var sectors = new List<(int Id, string Code)>();
            var translations = new List<(int Id, string Language, string Title, string Summary)>();
            var languages = new[] { "es", "es", "es", "en", "en", "en", "pt", "pt", "fr" };
            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY \"Initiatives\" (\"Id\", \"Title\", \"Summary\", \"ThematicAreas\", \"Language\", \"Modality\", \"Instrument\", \"Status\", " +
                "\"PlannedStart\", \"PlannedEnd\", \"ActualStart\", \"OwnerId\", \"Publication\", \"PublishedAt\", \"HeldByModerator\", \"CreatedAt\", \"UpdatedAt\", \"Version\", " +
                "\"SearchTitle\", \"SearchBody\") FROM STDIN (FORMAT BINARY)"))
            {
                for (var n = 0; n < count; n++)
                {
                    var id = firstId + n;
                    var modality = (Modality)(1 + Skewed(5));
                    var provider = Pick(Providers);
                    var recipient = Pick(Recipients);
                    if (recipient == provider) recipient = Recipients[(Array.IndexOf(Recipients, recipient) + 1) % Recipients.Length];
                    var theme = Themes[random.Next(Themes.Length)];
                    var language = languages[random.Next(languages.Length)];
                    var (pattern, summaryPattern) = Phrasing[language];
                    var title = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, _countryNames[provider], _countryNames[recipient], theme) + $" ({id})";
                    var summary = string.Format(System.Globalization.CultureInfo.InvariantCulture, summaryPattern, _countryNames[provider], _countryNames[recipient], theme);
                    var owner = actors[Skewed(actors.Count)];
                    var start = new DateOnly(2010, 1, 1).AddDays(random.Next(0, 365 * 16));
                    var status = start > DateOnly.FromDateTime(now) ? ActivityStatus.Pipeline : (ActivityStatus)(1 + Skewed(4));
                    var isPublished = random.NextDouble() < 0.92;
                    var publishedAt = now.AddMinutes(-random.Next(1, 60 * 24 * 365 * 8)).AddSeconds(-n % 60);

                    var these = new List<(int Id, string Code, CountryRole Role)>
                    {
                        (id, provider, modality == Modality.Triangular ? CountryRole.FirstProvider : CountryRole.Provider), (id, recipient, CountryRole.Recipient),
                    };
                    if (modality == Modality.Triangular) these.Add((id, SecondProviders[random.Next(SecondProviders.Length)], CountryRole.SecondProvider));
                    if (modality == Modality.Regional)
                        foreach (var extra in Recipients.OrderBy(_ => random.Next()).Take(4)) these.Add((id, extra, CountryRole.Both));
                    countries.AddRange(these.DistinctBy(c => c.Code).Take(modality == Modality.Regional ? 4 : 3));
                    links.Add((id, owner.Id, ActorRole.Lead));
                    var partner = actors[Skewed(actors.Count)];
                    if (partner.Id != owner.Id) links.Add((id, partner.Id, ActorRole.Implementing));
                    var goal = 1 + random.Next(17);
                    goals.Add((id, goal, true));
                    if (random.NextDouble() < 0.5) goals.Add((id, goal % 17 + 1, false));
                    sectors.Add((id, Sectors[Skewed(Sectors.Length)]));
                    var translated = random.NextDouble() < 0.2 && language != "en";
                    if (translated) translations.Add((id, "en", $"{_countryNames[provider]}–{_countryNames[recipient]} cooperation on {theme} ({id})", $"Experts share their experience of {theme}."));

                    await writer.StartRowAsync();
                    await writer.WriteAsync(id, NpgsqlDbType.Integer);
                    await writer.WriteAsync(title, NpgsqlDbType.Varchar);
                    await writer.WriteAsync(summary, NpgsqlDbType.Varchar);
                    await writer.WriteAsync(Array.Empty<int>(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
                    await writer.WriteAsync(language, NpgsqlDbType.Varchar);
                    await writer.WriteAsync((int)modality, NpgsqlDbType.Integer);
                    await writer.WriteAsync(1 + random.Next(3), NpgsqlDbType.Integer);
                    await writer.WriteAsync((int)status, NpgsqlDbType.Integer);
                    await writer.WriteAsync(start, NpgsqlDbType.Date);
                    await writer.WriteAsync(start.AddMonths(12 + random.Next(36)), NpgsqlDbType.Date);
                    if (status == ActivityStatus.Pipeline) await writer.WriteNullAsync(); else await writer.WriteAsync(start.AddDays(random.Next(60)), NpgsqlDbType.Date);
                    await writer.WriteAsync(owner.Id, NpgsqlDbType.Integer);
                    await writer.WriteAsync((int)(isPublished ? PublicationState.Published : PublicationState.Draft), NpgsqlDbType.Integer);
                    if (isPublished) await writer.WriteAsync(publishedAt, NpgsqlDbType.TimestampTz); else await writer.WriteNullAsync();
                    await writer.WriteAsync(false, NpgsqlDbType.Boolean);
                    await writer.WriteAsync(publishedAt.AddDays(-3), NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync(publishedAt, NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync(1, NpgsqlDbType.Integer);
                    await writer.WriteAsync(SearchText.Normalize(translated ? $"{title} \n {translations[^1].Title}" : title), NpgsqlDbType.Varchar);
                    await writer.WriteAsync(SearchText.Normalize($"{summary} \n {owner.Name} \n {ReferenceDataSeeder.CountryNamesFor(provider)} \n {ReferenceDataSeeder.CountryNamesFor(recipient)}"), NpgsqlDbType.Varchar);
                    if (isPublished) published.Add((id, publishedAt));
                }
                await writer.CompleteAsync();
            }
            await CopyAsync(connection, "COPY \"InitiativeCountry\" (\"InitiativeId\", \"CountryCode\", \"Role\") FROM STDIN (FORMAT BINARY)", countries,
                async (w, r) => { await w.WriteAsync(r.Id, NpgsqlDbType.Integer); await w.WriteAsync(r.Code, NpgsqlDbType.Char); await w.WriteAsync((int)r.Role, NpgsqlDbType.Integer); });
            await CopyAsync(connection, "COPY \"InitiativeActor\" (\"InitiativeId\", \"ActorId\", \"Role\") FROM STDIN (FORMAT BINARY)", links,
                async (w, r) => { await w.WriteAsync(r.Id, NpgsqlDbType.Integer); await w.WriteAsync(r.Actor, NpgsqlDbType.Integer); await w.WriteAsync((int)r.Role, NpgsqlDbType.Integer); });
            await CopyAsync(connection, "COPY \"InitiativeSdg\" (\"InitiativeId\", \"GoalCode\", \"IsPrimary\") FROM STDIN (FORMAT BINARY)", goals,
                async (w, r) => { await w.WriteAsync(r.Id, NpgsqlDbType.Integer); await w.WriteAsync(r.Goal, NpgsqlDbType.Integer); await w.WriteAsync(r.Primary, NpgsqlDbType.Boolean); });
            await CopyAsync(connection, "COPY \"InitiativeSector\" (\"InitiativeId\", \"SectorCode\") FROM STDIN (FORMAT BINARY)", sectors,
                async (w, r) => { await w.WriteAsync(r.Id, NpgsqlDbType.Integer); await w.WriteAsync(r.Code, NpgsqlDbType.Varchar); });
            await CopyAsync(connection, "COPY \"InitiativeTranslation\" (\"InitiativeId\", \"Language\", \"Title\", \"Summary\") FROM STDIN (FORMAT BINARY)", translations,
                async (w, r) => { await w.WriteAsync(r.Id, NpgsqlDbType.Integer); await w.WriteAsync(r.Language, NpgsqlDbType.Varchar); await w.WriteAsync(r.Title, NpgsqlDbType.Varchar); await w.WriteAsync(r.Summary, NpgsqlDbType.Varchar); });
            return published;
        }

        internal static async Task CopyAsync<T>(NpgsqlConnection connection, string copy, List<T> rows, Func<NpgsqlBinaryImporter, T, Task> write)
        {
            await using var writer = await connection.BeginBinaryImportAsync(copy);
            foreach (var row in rows)
            {
                await writer.StartRowAsync();
                await write(writer, row);
            }
            await writer.CompleteAsync();
        }

        /// <summary>About one published initiative in thirty gets a published civil-society assessment, with its scores kept.</summary>
        private async Task LoadAssessmentsAsync(NpgsqlConnection connection, List<(int Id, DateTime At)> published, List<(int Id, string Name, ActorType Type)> actors)
        {
            var framework = await db.AssessmentFrameworks.AsNoTracking().OrderByDescending(f => f.Version).FirstAsync();
            var assessors = actors.Where(a => AccessTable.KindOf(a.Type) == OrganisationKind.CivilSociety).ToList();
            var firstId = await NextIdAsync(connection, "Assessments");
            var chosen = published.Where((_, i) => i % 30 == 7).ToList();
            var scores = new List<(int Id, ScoreScope Scope, string Code, double Average, int Scored)>();
            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY \"Assessments\" (\"Id\", \"InitiativeId\", \"AssessorId\", \"FrameworkId\", \"Perspective\", \"Relationship\", \"Methods\", \"Findings\", " +
                "\"Publication\", \"PublishedAt\", \"Revision\", \"CreatedAt\", \"UpdatedAt\", \"Version\") FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < chosen.Count; i++)
                {
                    var id = firstId + i;
                    var at = chosen[i].At.AddDays(random.Next(10, 300));
                    if (at > DateTime.UtcNow) at = DateTime.UtcNow.AddMinutes(-i);
                    var independent = random.NextDouble() < 0.3;
                    await writer.StartRowAsync();
                    await writer.WriteAsync(id, NpgsqlDbType.Integer);
                    await writer.WriteAsync(chosen[i].Id, NpgsqlDbType.Integer);
                    await writer.WriteAsync(assessors[Skewed(assessors.Count)].Id, NpgsqlDbType.Integer);
                    await writer.WriteAsync(framework.Id, NpgsqlDbType.Integer);
                    await writer.WriteAsync((int)(independent ? AssessmentPerspective.Independent : AssessmentPerspective.CivilSociety), NpgsqlDbType.Integer);
                    await writer.WriteAsync((int)(independent ? AssessorRelationship.Independent : AssessorRelationship.Affected), NpgsqlDbType.Integer);
                    await writer.WriteAsync(new[] { (int)AssessmentMethod.Interviews, (int)AssessmentMethod.FocusGroups }, NpgsqlDbType.Array | NpgsqlDbType.Integer);
                    await writer.WriteAsync("Synthetic assessment for the benchmark.", NpgsqlDbType.Varchar);
                    await writer.WriteAsync((int)PublicationState.Published, NpgsqlDbType.Integer);
                    await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync(1, NpgsqlDbType.Integer);
                    await writer.WriteAsync(at.AddDays(-20), NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync(2, NpgsqlDbType.Integer);
                    foreach (var dimension in framework.Dimensions)
                        scores.Add((id, ScoreScope.Dimension, dimension.Code, Math.Round(random.NextDouble() * 4, 2), dimension.Indicators.Count));
                    foreach (var principle in framework.Indicators.SelectMany(x => x.Principles).Distinct())
                        scores.Add((id, ScoreScope.Principle, principle, Math.Round(random.NextDouble() * 4, 2), 1 + random.Next(4)));
                }
                await writer.CompleteAsync();
            }
            await CopyAsync(connection, "COPY \"AssessmentScores\" (\"AssessmentId\", \"Scope\", \"Code\", \"Average\", \"Scored\", \"NotApplicable\", \"InsufficientInformation\") FROM STDIN (FORMAT BINARY)", scores,
                async (w, r) =>
                {
                    await w.WriteAsync(r.Id, NpgsqlDbType.Integer); await w.WriteAsync((int)r.Scope, NpgsqlDbType.Integer); await w.WriteAsync(r.Code, NpgsqlDbType.Varchar);
                    await w.WriteAsync(r.Average, NpgsqlDbType.Double); await w.WriteAsync(r.Scored, NpgsqlDbType.Integer); await w.WriteAsync(0, NpgsqlDbType.Integer); await w.WriteAsync(0, NpgsqlDbType.Integer);
                });
            await ExecuteAsync(connection, $"SELECT setval(pg_get_serial_sequence('\"Assessments\"', 'Id'), {firstId + chosen.Count})");
            await output.WriteLineAsync($"  {chosen.Count:N0} assessments");
        }

        /// <summary>One partnership for about two hundred initiatives, between an agency and another organisation, with a few initiatives each.</summary>
        private async Task LoadPartnershipsAsync(NpgsqlConnection connection, List<(int Id, DateTime At)> published, List<(int Id, string Name, ActorType Type)> actors, int count)
        {
            var agencies = actors.Where(a => AccessTable.KindOf(a.Type) == OrganisationKind.Official).ToList();
            for (var i = 0; i < count; i++)
            {
                var owner = agencies[Skewed(agencies.Count)];
                var other = actors[random.Next(actors.Count)];
                var partnership = new Partnership { Title = $"Framework agreement {i + 1} of {owner.Name}", Type = PartnershipType.FrameworkAgreement, OwnerId = owner.Id, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
                partnership.Signatories.Add(new PartnershipSignatory { ActorId = owner.Id });
                if (other.Id != owner.Id) partnership.Signatories.Add(new PartnershipSignatory { ActorId = other.Id });
                foreach (var initiative in published.Skip(random.Next(Math.Max(1, published.Count - 3))).Take(3)) partnership.Initiatives.Add(new PartnershipInitiative { InitiativeId = initiative.Id });
                if (partnership.Check().Count == 0) partnership.Publish(DateTime.UtcNow);
                db.Partnerships.Add(partnership);
                if (i % 500 == 499) { await db.SaveChangesAsync(); db.ChangeTracker.Clear(); }
            }
            await db.SaveChangesAsync();
            await output.WriteLineAsync($"  {count:N0} partnerships");
        }
    }
}
