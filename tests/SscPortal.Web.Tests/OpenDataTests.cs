using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.OpenData;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>Open data: the IATI file valid against the official schema, the CSV read back, and the JSON API against its OpenAPI document.</summary>
public abstract class OpenDataTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;


    /// <summary>
    /// The exports read in batches by id, a small first one (so that the file starts at once) and larger ones after it: every
    /// initiative comes once, in id order, across the batches' edges (here made 2, then 3 at a time, over seven).
    /// </summary>
    [Fact]
    public async Task An_export_read_in_batches_gives_every_initiative_once_in_order_across_the_batches()
    {
        var word = TestData.Word();
        var owner = await Portal.ActorAsync(ActorType.Government, $"Agencia {word}");
        var ids = new List<int>();
        for (var n = 0; n < 7; n++)
            ids.Add(await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-5 - n), Modality.Bilateral, title: $"{word} lote {n}"));
        var streamed = await Portal.WithDatabaseAsync(async db =>
        {
            var records = new List<InitiativeRecord>();
            var mine = db.Initiatives.AsNoTracking().Published().Where(i => i.OwnerId == owner.Id);
            await foreach (var record in InitiativeRecords.StreamAsync(mine, db, "https://portal.example", CancellationToken.None, firstBatch: 2, batch: 3))
                records.Add(record);
            return records;
        });
        Assert.Equal(ids.Order(), streamed.Select(r => r.Id));
        Assert.All(streamed, r => Assert.StartsWith($"{word} lote ", r.Title, StringComparison.Ordinal));
        Assert.All(streamed, r => Assert.Equal($"https://portal.example/initiatives/{r.Id}", r.Url));
        // The CSV hands each batch to its reader as it ends: after the first 50, then every 500 after them.
        Assert.Equal([InitiativeRecords.FirstBatch, InitiativeRecords.FirstBatch + InitiativeRecords.Batch, InitiativeRecords.FirstBatch + 2 * InitiativeRecords.Batch],
            Enumerable.Range(1, InitiativeRecords.FirstBatch + 2 * InitiativeRecords.Batch + 10).Where(InitiativeRecords.EndsBatch));
    }

    /// <summary>The registered IATI organisation identifier the tests give the owner of their initiatives.</summary>
    private static string OwnerIdentifier(string word) => $"XM-DAC-{word}";

    /// <summary>A triangular initiative with a translation, a target, money and in-kind contributions, a second sector and a draft beside it.</summary>
    private async Task<(int Published, int Draft)> InitiativesAsync(string word)
    {
        var owner = await Portal.ActorAsync(ActorType.Government, $"Agencia {word}");
        var partner = await Portal.ActorAsync(ActorType.InternationalCso, $"Red {word}");
        await Portal.WithDatabaseAsync(async db =>
        {
            (await db.Actors.FindAsync(owner.Id))!.IatiIdentifier = OwnerIdentifier(word);
            return await db.SaveChangesAsync();
        });
        var id = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), Modality.Triangular, title: $"Agricultura familiar {word}, con “comillas” & <signos>");
        await Portal.WithDatabaseAsync(async db =>
        {
            var initiative = await db.Initiatives.Include(i => i.Translations).Include(i => i.Actors).Include(i => i.Countries).Include(i => i.SdgTargets).Include(i => i.Sectors)
                .Include(i => i.Contributions).SingleAsync(i => i.Id == id);
            initiative.Language = "es";
            initiative.PlannedStart = new DateOnly(2024, 1, 1);
            initiative.PlannedEnd = new DateOnly(2026, 12, 31);
            initiative.Translations.Add(new InitiativeTranslation { Language = "en", Title = $"Family farming {word}", Summary = "Peru shares its experience with Paraguay." });
            initiative.SdgTargets.Add(new InitiativeSdgTarget { TargetCode = "2.3" });
            initiative.Sectors.Add(new InitiativeSector { SectorCode = "31120" });
            initiative.Actors.Add(new InitiativeActor { ActorId = partner.Id, Role = ActorRole.Implementing });
            initiative.Contributions.Add(new InitiativeContribution { ActorId = owner.Id, Kind = ContributionKind.Money, Amount = 120000.50m, Currency = "USD" });
            initiative.Contributions.Add(new InitiativeContribution { ActorId = partner.Id, Kind = ContributionKind.InKind, Description = "Two agronomists" });
            return await db.SaveChangesAsync();
        });
        var draft = await Portal.InitiativeAsync(owner, "PE", "BO", publishedAt: null, title: $"Draft {word}");
        return (id, draft);
    }

    [Fact]
    public async Task The_iati_file_is_valid_against_the_official_2_03_schema_and_carries_the_initiative()
    {
        var word = TestData.Word();
        var (id, draft) = await InitiativesAsync(word);
        using var client = Portal.CreateClient();

        var response = await client.GetAsync(new Uri("/export/iati/activities.xml", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The schema includes iati-common.xsd and imports xml.xsd from its own folder: let it resolve them.
        var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        var folder = Path.Combine(AppContext.BaseDirectory, "IatiSchema");
        schemas.Add(null, Path.Combine(folder, "iati-activities-schema.xsd"));
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
        // The validation has teeth: an activity without its required elements is refused.
        using (var reader = XmlReader.Create(new StringReader("<iati-activities version=\"2.03\"><iati-activity/></iati-activities>"), settings)) while (reader.Read()) { }
        Assert.NotEmpty(problems);
        problems.Clear();
        using (var reader = XmlReader.Create(new StringReader(text), settings)) while (reader.Read()) { }
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));

        var activities = XDocument.Parse(text).Root!.Elements("iati-activity").ToList();
        var activity = activities.Single(a => a.Element("iati-identifier")!.Value == $"{OwnerIdentifier(word)}-SSCP-{id}");
        Assert.DoesNotContain(activities, a => a.Element("iati-identifier")!.Value.EndsWith($"-{draft}", StringComparison.Ordinal));
        Assert.Equal("8", activity.Element("collaboration-type")!.Attribute("code")!.Value);
        Assert.Equal("PY", activity.Element("recipient-country")!.Attribute("code")!.Value);
        Assert.Contains(activity.Elements("tag"), t => t.Attribute("vocabulary")!.Value == "2" && t.Attribute("code")!.Value == "2");
        Assert.Contains(activity.Elements("tag"), t => t.Attribute("vocabulary")!.Value == "3" && t.Attribute("code")!.Value == "2.3");
        Assert.Subset(activity.Elements("participating-org").Select(p => p.Attribute("role")!.Value).ToHashSet(), new HashSet<string> { "2", "4" });
        Assert.Contains(activity.Element("title")!.Elements("narrative"), n => n.Value == $"Family farming {word}" && n.Attribute(XNamespace.Xml + "lang")?.Value == "en");
        Assert.Equal(120000.5m, activity.Elements("budget").Sum(b => decimal.Parse(b.Element("value")!.Value, CultureInfo.InvariantCulture)));
        Assert.Equal(["1", "3"], activity.Elements("activity-date").Select(d => d.Attribute("type")!.Value).ToList());
        Assert.Equal("100", activity.Elements("sector").Sum(s => decimal.Parse(s.Attribute("percentage")!.Value, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The IATI Validator's rules that the schema cannot check, in C#, over every activity of the file: 1.1.21 (the
    /// activity identifier begins with the reporting organisation's identifier and a hyphen), 1.14.8 (that identifier
    /// begins with a registration agency's code: two letters, a hyphen, the register's code, a hyphen), 1.1.3 (the two
    /// differ), 7.5.3 (no budget period longer than a year, as the validator measures it) and no two budgets of an
    /// activity sharing or overlapping a period; participating organisations carry no invented identifier.
    /// </summary>
    [Fact]
    public async Task The_iati_file_abides_by_the_validators_identifier_and_budget_rules()
    {
        var word = TestData.Word();
        var (id, _) = await InitiativesAsync(word);
        // A second money contribution in the same currency, from the partner: two contributions, still one budget per year.
        await Portal.WithDatabaseAsync(async db =>
        {
            var partner = await db.Actors.SingleAsync(a => a.Name == $"Red {word}");
            db.Add(new InitiativeContribution { InitiativeId = id, ActorId = partner.Id, Kind = ContributionKind.Money, Amount = 30000m, Currency = "USD" });
            return await db.SaveChangesAsync();
        });
        using var client = Portal.CreateClient();

        var text = await client.GetStringAsync(new Uri("/export/iati/activities.xml", UriKind.Relative));

        var activities = XDocument.Parse(text).Root!.Elements("iati-activity").ToList();
        Assert.NotEmpty(activities);
        var agency = new System.Text.RegularExpressions.Regex("^[A-Z]{2}-[A-Z0-9_]{2,}-[^\\s/&|?]+$");
        foreach (var a in activities)
        {
            var identifier = a.Element("iati-identifier")!.Value;
            var reporter = a.Element("reporting-org")!.Attribute("ref")!.Value;
            Assert.StartsWith(reporter + "-", identifier, StringComparison.Ordinal);                     // 1.1.21
            Assert.Matches(agency, reporter);                                                              // 1.14.8
            Assert.NotEqual(reporter, identifier);                                                         // 1.1.3
            Assert.DoesNotContain("SSCPORTAL", identifier, StringComparison.Ordinal);
            Assert.All(a.Elements("participating-org").Select(p => p.Attribute("ref")?.Value).OfType<string>(), r => Assert.Matches(agency, r));
            var periods = a.Elements("budget").Select(b => (
                Start: DateOnly.Parse(b.Element("period-start")!.Attribute("iso-date")!.Value, CultureInfo.InvariantCulture),
                End: DateOnly.Parse(b.Element("period-end")!.Attribute("iso-date")!.Value, CultureInfo.InvariantCulture))).OrderBy(p => p.Start).ToList();
            Assert.All(periods, p => Assert.True(p.Start <= p.End && p.End <= p.Start.AddYears(1), $"{identifier}: budget period {p.Start}–{p.End} is longer than a year (7.5.3)"));
            for (var i = 1; i < periods.Count; i++)
                Assert.True(periods[i].Start > periods[i - 1].End, $"{identifier}: budget periods {periods[i - 1]} and {periods[i]} overlap");
        }

        // This initiative: 2024-01-01 to 2026-12-31, 150,000.50 USD in all, as three yearly budgets that add up to it,
        // and each partner's money as planned disbursements over the same years.
        var activity = activities.Single(a => a.Element("iati-identifier")!.Value == $"{OwnerIdentifier(word)}-SSCP-{id}");
        Assert.Null(activity.Element("reporting-org")!.Attribute("secondary-reporter"));
        var budgets = activity.Elements("budget").ToList();
        Assert.Equal(["2024-01-01", "2025-01-01", "2026-01-01"], budgets.Select(b => b.Element("period-start")!.Attribute("iso-date")!.Value).ToList());
        Assert.Equal(["2024-12-31", "2025-12-31", "2026-12-31"], budgets.Select(b => b.Element("period-end")!.Attribute("iso-date")!.Value).ToList());
        Assert.Equal(150000.5m, budgets.Sum(b => decimal.Parse(b.Element("value")!.Value, CultureInfo.InvariantCulture)));
        Assert.Equal("USD", activity.Attribute("default-currency")!.Value);
        var disbursements = activity.Elements("planned-disbursement").ToList();
        Assert.Equal(6, disbursements.Count);
        Assert.Equal(30000m, disbursements.Where(d => d.Element("provider-org")!.Element("narrative")!.Value == $"Red {word}")
            .Sum(d => decimal.Parse(d.Element("value")!.Value, CultureInfo.InvariantCulture)));
        Assert.Contains(disbursements, d => d.Element("provider-org")!.Attribute("ref")?.Value == OwnerIdentifier(word));
    }

    [Fact]
    public async Task Without_a_publisher_identifier_initiatives_of_organisations_without_one_are_left_out_and_the_file_says_why()
    {
        var word = TestData.Word();
        var owner = await Portal.ActorAsync(ActorType.NationalCso, $"Colectivo {word}");
        var id = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), title: $"Sin identificador {word}");
        using var client = Portal.CreateClient();

        var text = await client.GetStringAsync(new Uri($"/export/iati/activities.xml?q={word}", UriKind.Relative));

        var document = XDocument.Parse(text);
        Assert.Empty(document.Root!.Elements("iati-activity"));
        var comment = Assert.Single(document.Root.Nodes().OfType<XComment>(), c => c.Value.Contains("left out", StringComparison.Ordinal));
        Assert.Contains("1 published initiative(s) left out", comment.Value, StringComparison.Ordinal);
        Assert.Contains("Iati:PublisherIdentifier", comment.Value, StringComparison.Ordinal);
        // Still open data elsewhere.
        Assert.Contains($"Sin identificador {word}", await client.GetStringAsync(new Uri($"/export/initiatives.csv?q={word}", UriKind.Relative)), StringComparison.Ordinal);
        Assert.True(id > 0);
    }

    [Fact]
    public async Task The_csv_follows_the_filters_opens_in_spreadsheets_and_reads_back_the_same()
    {
        var word = TestData.Word();
        var (id, _) = await InitiativesAsync(word);
        using var client = Portal.CreateClient();

        var bytes = await client.GetByteArrayAsync(new Uri($"/export/initiatives.csv?q={word}&country=PY", UriKind.Relative));

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var rows = Csv.Parse(Encoding.UTF8.GetString(bytes[3..]), 100);
        Assert.Equal(OpenDataEndpoints.CsvColumns, rows[0]);
        var row = Assert.Single(rows.Skip(1));
        string Cell(string column) => row[Array.IndexOf(OpenDataEndpoints.CsvColumns, column)];
        var saved = await Portal.WithDatabaseAsync(db => db.Initiatives.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Equal((id.ToString(CultureInfo.InvariantCulture), saved.Title, saved.Summary), (Cell("id"), Cell("title"), Cell("summary")));
        Assert.Equal(("PE;DE", "PY", "Triangular"), (Cell("provider_countries"), Cell("recipient_countries"), Cell("modality")));
        Assert.Contains("31120", Cell("sectors"), StringComparison.Ordinal);
        Assert.Empty(Csv.Parse(Encoding.UTF8.GetString(await client.GetByteArrayAsync(new Uri($"/export/initiatives.csv?q={word}&country=BO", UriKind.Relative))).TrimStart('\uFEFF'), 10).Skip(1));
    }

    [Theory]
    [InlineData("=1+1")]
    [InlineData("+1+1")]
    [InlineData("-1+1")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public async Task A_value_a_spreadsheet_could_run_as_a_formula_is_kept_as_text_in_the_csv(string value)
    {
        // OWASP's CSV injection guidance: a cell beginning with =, +, -, @, a tab or a carriage return must not be
        // read as a formula, so it leaves with an apostrophe in front.
        var word = TestData.Word();
        var (id, _) = await InitiativesAsync(word);
        await Portal.WithDatabaseAsync(async db =>
        {
            var initiative = await db.Initiatives.SingleAsync(i => i.Id == id);
            initiative.Summary = value + " " + word;
            return await db.SaveChangesAsync();
        });
        using var client = Portal.CreateClient();

        var rows = Csv.Parse(Encoding.UTF8.GetString(await client.GetByteArrayAsync(new Uri($"/export/initiatives.csv?q={word}&country=PY", UriKind.Relative))).TrimStart('\uFEFF'), 100);

        var summary = Assert.Single(rows.Skip(1))[Array.IndexOf(OpenDataEndpoints.CsvColumns, "summary")];
        Assert.Equal("'" + value + " " + word, summary);
        Assert.Equal(value + " " + word, Csv.Field(summary));
    }

    [Fact]
    public async Task Every_api_response_success_or_error_matches_its_openapi_description()
    {
        var word = TestData.Word();
        var (id, draft) = await InitiativesAsync(word);
        var second = await Portal.InitiativeAsync(await Portal.ActorAsync(ActorType.Government), "PE", "PY", DateTime.UtcNow.AddMinutes(-20), title: $"Second {word}");
        await Portal.AssessmentAsync(await Portal.ActorAsync(ActorType.NationalCso), second, DateTime.UtcNow.AddMinutes(-1));
        using var client = Portal.CreateClient();
        var contract = await OpenApiContract.LoadAsync(client);
        var paths = contract.Document["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/v1/initiatives") && paths.ContainsKey("/api/v1/initiatives/{id}") && paths.ContainsKey("/api/v1/actors") && paths.ContainsKey("/api/v1/assessments"),
            string.Join(", ", paths.Select(p => p.Key)));

        string[] urls =
        [
            $"/api/v1/initiatives?q={word}", $"/api/v1/initiatives?q={word}&limit=1", $"/api/v1/initiatives/{id}", $"/api/v1/initiatives/{draft}", "/api/v1/initiatives/2147483647",
            "/api/v1/initiatives?limit=abc", "/api/v1/initiatives?country=ZZ&sdg=42", "/api/v1/actors?limit=2", "/api/v1/actors?country=ZZ", "/api/v1/actors?after=x",
            "/api/v1/assessments?limit=1", "/api/v1/assessments?country=pe", "/api/v1/assessments?assessor=abc",
        ];
        var statuses = new List<int>();
        foreach (var url in urls)
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            await contract.CheckAsync(response);
            statuses.Add((int)response.StatusCode);
        }
        Assert.Equal(new HashSet<int> { 200, 400, 404 }, statuses.ToHashSet());

        var list = JsonNode.Parse(await client.GetStringAsync(new Uri($"/api/v1/initiatives?q={word}", UriKind.Relative)))!;
        Assert.Equal([id, second], list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<int>()));
        var one = JsonNode.Parse(await client.GetStringAsync(new Uri($"/api/v1/initiatives/{id}", UriKind.Relative)))!;
        Assert.Equal("Triangular", one["modality"]!.GetValue<string>());
        var actors = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/v1/actors?limit=5", UriKind.Relative)))!;
        Assert.Equal(5, actors["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_filters_allowed_values_and_documents_errors_as_problems()
    {
        using var client = Portal.CreateClient();

        var document = JsonNode.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;

        var schemas = document["components"]!["schemas"]!;
        List<string> Enum(string schema) => schemas[schema]!["enum"]!.AsArray().Select(v => v!.ToString()).ToList();
        Assert.Equal(["bilateral", "triangular", "regional"], Enum("ModalityCode").Take(3));
        Assert.Contains("PE", Enum("CountryCode"));
        Assert.True(Enum("CountryCode").Count > 200);
        Assert.Contains("lac", Enum("RegionCode"));
        Assert.Equal(Enumerable.Range(1, 17).Select(g => g.ToString(CultureInfo.InvariantCulture)), Enum("SdgCode"));
        Assert.Contains("31", Enum("SectorCategoryCode").Select(c => c[..2]));
        Assert.Contains("government", Enum("ActorTypeCode"));
        Assert.Contains("selfassessment", Enum("PerspectiveCode"));
        foreach (var schema in new[] { "InstrumentCode", "ActivityStatusCode", "CountryRoleCode", "PrincipleCode" }) Assert.NotEmpty(Enum(schema));

        JsonNode Operation(string path) => document["paths"]![path]!["get"]!;
        JsonNode Parameter(string path, string name) => Operation(path)["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == name)!;
        foreach (var (path, name, schema) in new[]
        {
            ("/api/v1/initiatives", "country", "CountryCode"), ("/api/v1/initiatives", "region", "RegionCode"), ("/api/v1/initiatives", "modality", "ModalityCode"),
            ("/api/v1/initiatives", "instrument", "InstrumentCode"), ("/api/v1/initiatives", "status", "ActivityStatusCode"), ("/api/v1/initiatives", "sdg", "SdgCode"),
            ("/api/v1/initiatives", "category", "SectorCategoryCode"), ("/api/v1/initiatives", "actortype", "ActorTypeCode"), ("/api/v1/initiatives", "principle", "PrincipleCode"),
            ("/api/v1/initiatives", "role", "CountryRoleCode"), ("/api/v1/actors", "type", "ActorTypeCode"), ("/api/v1/actors", "country", "CountryCode"),
            ("/api/v1/assessments", "country", "CountryCode"), ("/api/v1/assessments", "modality", "ModalityCode"), ("/api/v1/assessments", "perspective", "PerspectiveCode"),
        })
        {
            Assert.Equal($"#/components/schemas/{schema}", Parameter(path, name)["schema"]!["$ref"]!.GetValue<string>());
        }
        Assert.Equal(["yes", "true", "1"], Parameter("/api/v1/initiatives", "assessed")["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        var limit = Parameter("/api/v1/actors", "limit")["schema"]!;
        Assert.Equal(("integer", 1, 100), (limit["type"]!.GetValue<string>(), limit["minimum"]!.GetValue<int>(), limit["maximum"]!.GetValue<int>()));
        Assert.Equal("integer", Parameter("/api/v1/assessments", "assessor")["schema"]!["type"]!.GetValue<string>());

        foreach (var path in new[] { "/api/v1/initiatives", "/api/v1/actors", "/api/v1/assessments", "/api/v1/initiatives/{id}" })
        {
            var responses = Operation(path)["responses"]!.AsObject();
            var errors = path.EndsWith("{id}", StringComparison.Ordinal) ? new[] { "404", "500", "503" } : ["400", "500", "503"];
            foreach (var status in errors)
                Assert.True(responses[status]?["content"]?["application/problem+json"]?["schema"] is not null, $"{path} does not document {status} as a problem");
        }
        Assert.Equal("integer", schemas["ProblemDetails"]!["properties"]!["status"]!["type"]!.GetValue<string>());
        Assert.Contains("errors", schemas["HttpValidationProblemDetails"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("#/components/schemas/HttpValidationProblemDetails",
            Operation("/api/v1/actors")["responses"]!["400"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
        var page = schemas.AsObject().Single(s => s.Key.Contains("ActorRecord", StringComparison.Ordinal) && s.Value!["properties"]?["next"] is not null).Value!;
        Assert.Equal("uri", page["properties"]!["next"]!["format"]!.GetValue<string>());
        Assert.NotNull(page["properties"]!["nextCursor"]);
    }

    [Fact]
    public async Task Api_pages_follow_the_next_link_with_the_same_filters_without_repeats()
    {
        var owner = await Portal.ActorAsync();
        var word = TestData.Word();
        for (var i = 0; i < 7; i++) await Portal.InitiativeAsync(owner, "PE", "BO", DateTime.UtcNow.AddMinutes(-10 + i), title: $"{word} {i}");
        await Portal.InitiativeAsync(owner, "PE", "CL", DateTime.UtcNow.AddMinutes(-5), title: $"{word} in Chile");
        using var client = Portal.CreateClient();

        var seen = new List<int>();
        var address = $"/api/v1/initiatives?q={word}&country=bo&limit=3";
        var pages = 0;
        while (address is not null)
        {
            var page = JsonNode.Parse(await client.GetStringAsync(new Uri(address, UriKind.RelativeOrAbsolute)))!;
            pages++;
            var items = page["items"]!.AsArray();
            Assert.True(items.Count <= 3);
            seen.AddRange(items.Select(i => i!["id"]!.GetValue<int>()));
            address = page["next"]?.GetValue<string>();
            if (address is null) Assert.Null(page["nextCursor"]?.GetValue<string>());
            else
            {
                // A link to the same list with the same filters; the cursor it carries is also given on its own.
                var link = new Uri(address);
                Assert.Equal("/api/v1/initiatives", link.AbsolutePath);
                var query = System.Web.HttpUtility.ParseQueryString(link.Query);
                Assert.Equal((word, "BO", "3", page["nextCursor"]!.GetValue<string>()), (query["q"], query["country"], query["limit"], query["after"]));
            }
        }

        Assert.Equal(3, pages);
        Assert.Equal(7, seen.Count);
        Assert.Equal(7, seen.Distinct().Count());
        // Newest first across the pages (each was published a minute after the one made before it).
        Assert.Equal(seen.OrderByDescending(id => id), seen);
    }

    [Fact]
    public async Task Codes_are_read_in_any_case_on_every_operation_and_the_catalogue()
    {
        var word = TestData.Word();
        var (id, _) = await InitiativesAsync(word);
        var assessor = await Portal.ActorAsync(ActorType.NationalCso);
        var assessment = await Portal.AssessmentAsync(assessor, id, DateTime.UtcNow);
        using var client = Portal.CreateClient();

        async Task<List<int>> Ids(string url)
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<int>()).ToList();
        }

        Assert.Equal([id], await Ids($"/api/v1/initiatives?q={word}&region=LAC&country=py&role=RECIPIENT&modality=TRIANGULAR&status=Implementation&actortype=GOVERNMENT&instrument=PROJECT&assessed=YES"));
        Assert.Contains(assessor.Id, await Ids($"/api/v1/actors?country=pe&type=NationalCSO&limit=100&after={new Catalogue.KeysetCursor("", assessor.Id - 1).Encode()}"));
        Assert.Equal([assessment], await Ids($"/api/v1/assessments?country=py&modality=Triangular&perspective=CIVILSOCIETY&assessor={assessor.Id}"));
        // The catalogue's own reader (the page and the exports) reads region codes in any case too.
        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync(new Uri($"/export/initiatives.csv?q={word}&region=LAC", UriKind.Relative)));
        Assert.Single(Csv.Parse(csv.TrimStart('\uFEFF'), 10).Skip(1));
    }

    [Fact]
    public async Task A_missing_or_draft_record_or_unknown_address_is_a_404_problem_and_a_wrong_method_a_405_problem()
    {
        var (_, draft) = await InitiativesAsync(TestData.Word());
        using var client = Portal.CreateClient();

        foreach (var url in new[] { $"/api/v1/initiatives/{draft}", "/api/v1/initiatives/2147483647" })
        {
            var problem = await ApiProblemAssert.ProblemAsync(await client.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.NotFound, url);
            Assert.Equal("Not Found", problem["title"]!.GetValue<string>());
            Assert.Contains("No published initiative has the id", problem["errors"]!["id"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }
        foreach (var url in new[] { "/api/v1/initiatives/abc", "/api/v1/initiatives/99999999999", "/api/v1/nothing-here" })
        {
            var problem = await ApiProblemAssert.ProblemAsync(await client.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.NotFound, url);
            Assert.Contains("/openapi/v1.json", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        using var post = new StringContent("{}", Encoding.UTF8, "application/json");
        await ApiProblemAssert.ProblemAsync(await client.PostAsync(new Uri("/api/v1/initiatives", UriKind.Relative), post), HttpStatusCode.MethodNotAllowed, "/api/v1/initiatives");
    }

    [Theory]
    [MemberData(nameof(ApiProblemAssert.BadParameters), MemberType = typeof(ApiProblemAssert))]
    public async Task A_bad_parameter_is_a_400_problem_naming_it(string url, string parameter, string message)
    {
        using var client = Portal.CreateClient();

        await ApiProblemAssert.BadParameterAsync(client, url, parameter, message);
    }

    [Theory]
    [InlineData("/export/initiatives.csv?status=finished", "status", "is not one of the allowed values")]
    [InlineData("/export/initiatives.csv?actor=abc", "actor", "is not a whole number")]
    [InlineData("/export/iati/activities.xml?sdg=42", "sdg", "is not one of the allowed values")]
    [InlineData("/export/iati/activities.xml?country=PE&country=BO", "country", "Give this parameter once.")]
    [InlineData("/recommendations.csv?priority=urgent", "priority", "is not one of the allowed values")]
    [InlineData("/export/testimonies.csv?assessment=-1", "assessment", "is not a whole number")]
    public async Task A_bad_export_filter_gets_a_400_problem_naming_the_parameter(string url, string parameter, string message)
    {
        using var client = Portal.CreateClient();

        await ApiProblemAssert.BadParameterAsync(client, url, parameter, message);
    }
}

/// <summary>What an API error must look like: an RFC 9457 problem, and for a bad parameter, one naming it.</summary>
public static class ApiProblemAssert
{
    /// <summary>Bad values for every kind of parameter on every operation: url, the parameter to be named, part of the message.</summary>
    public static TheoryData<string, string, string> BadParameters => new()
    {
        { "/api/v1/initiatives?limit=abc", "limit", "between 1 and 100" },
        { "/api/v1/initiatives?limit=1.5", "limit", "between 1 and 100" },
        { "/api/v1/initiatives?limit=2147483648", "limit", "between 1 and 100" },
        { "/api/v1/initiatives?limit=0", "limit", "between 1 and 100" },
        { "/api/v1/initiatives?limit=1000000", "limit", "between 1 and 100" },
        { "/api/v1/initiatives?limit=5&limit=6", "limit", "once" },
        { "/api/v1/initiatives?after=%01tampered", "after", "not the cursor" },
        { "/api/v1/initiatives?after=%00%01tampered", "after", "invisible control character" },
        { "/api/v1/initiatives?after=MTIzfA", "after", "not the cursor" },
        { "/api/v1/initiatives?modality=bogus", "modality", "allowed values: bilateral, triangular" },
        { "/api/v1/initiatives?sdg=42", "sdg", "allowed values: 1, 2, 3" },
        { "/api/v1/initiatives?country=ZZ", "country", "allowed values, which /openapi/v1.json lists" },
        { "/api/v1/initiatives?region=atlantis", "region", "allowed values: africa-north" },
        { "/api/v1/initiatives?year=abc", "year", "is not a whole number from 1950 to 2100" },
        { "/api/v1/initiatives?actor=2147483648", "actor", "is not a whole number" },
        { "/api/v1/initiatives?assessed=maybe", "assessed", "allowed values: yes, true, 1" },
        { "/api/v1/initiatives?q=" + new string('a', 201), "q", "at most 200 characters" },
        { "/api/v1/actors?limit=abc", "limit", "between 1 and 100" },
        { "/api/v1/actors?type=bank", "type", "allowed values: government" },
        { "/api/v1/actors?country=ZZ", "country", "allowed values, which /openapi/v1.json lists" },
        { "/api/v1/actors?country=a%00b", "country", "invisible control character" },
        { "/api/v1/actors?after=bm90IGEgY3Vyc29y", "after", "not the cursor" },
        { "/api/v1/assessments?assessor=abc", "assessor", "is not a whole number" },
        { "/api/v1/assessments?assessor=2147483648", "assessor", "is not a whole number" },
        { "/api/v1/assessments?limit=1.5", "limit", "between 1 and 100" },
        { "/api/v1/assessments?country=XX", "country", "allowed values" },
        { "/api/v1/assessments?perspective=outsider", "perspective", "allowed values: civilsociety" },
        { "/api/v1/assessments?after=tampered", "after", "not the cursor" },
    };

    public static async Task<JsonNode> BadParameterAsync(HttpClient client, string url, string parameter, string message)
    {
        var problem = await ProblemAsync(await client.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.BadRequest, url);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(parameter), $"{url}: {problem.ToJsonString()}");
        Assert.Contains(message, errors[parameter]![0]!.GetValue<string>(), StringComparison.Ordinal);
        return problem;
    }

    /// <summary>The response is application/problem+json with type, title, status, detail and instance.</summary>
    public static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string url)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{url}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 500)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.StartsWith("https://", problem["type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]!.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]!.GetValue<string>()));
        Assert.Equal(new Uri(url, UriKind.Relative).ToString().Split('?')[0], problem["instance"]!.GetValue<string>());
        return problem;
    }
}

[Collection(SqliteSuite.Name)]
public sealed class OpenDataOnSqlite(SqlitePortalFixture fixture) : OpenDataTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class OpenDataOnPostgres(PostgresPortalFixture fixture) : OpenDataTests(fixture);

/// <summary>The API's errors in Production are the same problems as in Development (a portal of its own, on SQLite).</summary>
public sealed class ApiProblemsInProductionTests : ProductionPortal
{
    [Theory]
    [MemberData(nameof(ApiProblemAssert.BadParameters), MemberType = typeof(ApiProblemAssert))]
    public async Task A_bad_parameter_is_a_400_problem_naming_it_in_production_too(string url, string parameter, string message)
    {
        using var client = Portal.CreateClient();

        await ApiProblemAssert.BadParameterAsync(client, url, parameter, message);
    }

    [Fact]
    public async Task A_missing_record_or_address_is_a_404_problem_in_production_too()
    {
        using var client = Portal.CreateClient();

        var problem = await ApiProblemAssert.ProblemAsync(await client.GetAsync(new Uri("/api/v1/initiatives/1", UriKind.Relative)), HttpStatusCode.NotFound, "/api/v1/initiatives/1");
        Assert.NotNull(problem["errors"]!["id"]);
        await ApiProblemAssert.ProblemAsync(await client.GetAsync(new Uri("/api/v1/initiatives/abc", UriKind.Relative)), HttpStatusCode.NotFound, "/api/v1/initiatives/abc");
    }
}

/// <summary>While the database is away, the API says so as a 503 problem that tells clients to retry, not as the HTML error page.</summary>
public class ApiOutageTests
{
    private static readonly Dictionary<string, string?> QuickRetry = new() { ["Database:RetrySeconds"] = "0.2" };

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task With_its_sqlite_folder_missing_the_api_answers_a_503_problem(string environment)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ssc-api-outage-" + Guid.NewGuid().ToString("N"), "not-there");
        await using var portal = new PortalFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "portal.db")}", QuickRetry, environment);
        using var client = portal.CreateClient();

        var response = await client.GetAsync(new Uri("/api/v1/actors", UriKind.Relative));

        var problem = await ApiProblemAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "/api/v1/actors");
        Assert.Contains("Try again", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.DoesNotContain("Exception", problem.ToJsonString(), StringComparison.Ordinal);
        // The error answer keeps the security headers every answer carries.
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("default-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_postgres_unreachable_the_api_answers_a_503_problem()
    {
        await using var portal = new PortalFactory(DatabaseProvider.Postgres, "Host=127.0.0.1;Port=1;Database=ssc;Username=ssc;Password=ssc;Timeout=2", QuickRetry);
        using var client = portal.CreateClient();

        var response = await client.GetAsync(new Uri("/api/v1/initiatives?country=PE", UriKind.Relative));

        await ApiProblemAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "/api/v1/initiatives");
        Assert.DoesNotContain("Npgsql", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
