using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.OpenData;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>Open data: the IATI file valid against the official schema, the CSV read back, and the JSON API against its OpenAPI document.</summary>
public abstract class OpenDataTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;


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
        var comment = Assert.Single(document.Root.Nodes().OfType<XComment>());
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

    [Fact]
    public async Task The_api_answers_what_its_openapi_document_describes()
    {
        var word = TestData.Word();
        var (id, draft) = await InitiativesAsync(word);
        using var client = Portal.CreateClient();

        var document = JsonNode.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        var paths = document["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/v1/initiatives") && paths.ContainsKey("/api/v1/initiatives/{id}") && paths.ContainsKey("/api/v1/actors") && paths.ContainsKey("/api/v1/assessments"),
            string.Join(", ", paths.Select(p => p.Key)));
        var parameters = paths["/api/v1/initiatives"]!["get"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
        Assert.Subset(parameters.ToHashSet(), new HashSet<string> { "q", "country", "modality", "sdg", "principle", "assessed", "limit", "after" });

        JsonObject SchemaOf(string path, string status)
        {
            var schema = paths[path]!["get"]!["responses"]![status]!["content"]!["application/json"]!["schema"]!;
            var reference = schema["$ref"]!.GetValue<string>();
            return document["components"]!["schemas"]![reference.Split('/')[^1]]!.AsObject();
        }
        var pageSchema = SchemaOf("/api/v1/initiatives", "200");
        var itemReference = pageSchema["properties"]!["items"]!["items"]!["$ref"]!.GetValue<string>();
        var itemSchema = document["components"]!["schemas"]![itemReference.Split('/')[^1]]!["properties"]!.AsObject();

        var list = JsonNode.Parse(await client.GetStringAsync(new Uri($"/api/v1/initiatives?q={word}", UriKind.Relative)))!;
        var item = Assert.Single(list["items"]!.AsArray())!.AsObject();
        Assert.Equal(id, item["id"]!.GetValue<int>());
        Assert.Equal(itemSchema.Select(p => p.Key).Order(), item.Select(p => p.Key).Order());
        var one = JsonNode.Parse(await client.GetStringAsync(new Uri($"/api/v1/initiatives/{id}", UriKind.Relative)))!.AsObject();
        Assert.Equal(SchemaOf("/api/v1/initiatives/{id}", "200")["properties"]!.AsObject().Select(p => p.Key).Order(), one.Select(p => p.Key).Order());
        Assert.Equal("Triangular", one["modality"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/api/v1/initiatives/{draft}", UriKind.Relative))).StatusCode);
        var actors = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/v1/actors?limit=5", UriKind.Relative)))!;
        Assert.Equal(SchemaOf("/api/v1/actors", "200")["properties"]!.AsObject().Select(p => p.Key).Order(), actors.AsObject().Select(p => p.Key).Order());
        Assert.Equal(5, actors["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Api_pages_follow_next_without_repeats_and_never_exceed_the_limit()
    {
        var owner = await Portal.ActorAsync();
        var word = TestData.Word();
        for (var i = 0; i < 7; i++) await Portal.InitiativeAsync(owner, "PE", "BO", DateTime.UtcNow.AddMinutes(-10 + i), title: $"{word} {i}");
        using var client = Portal.CreateClient();

        var seen = new List<int>();
        string? next = null;
        do
        {
            var page = JsonNode.Parse(await client.GetStringAsync(new Uri($"/api/v1/initiatives?q={word}&limit=3{(next is null ? "" : "&after=" + next)}", UriKind.Relative)))!;
            var items = page["items"]!.AsArray();
            Assert.True(items.Count <= 3);
            seen.AddRange(items.Select(i => i!["id"]!.GetValue<int>()));
            next = page["next"]?.GetValue<string>();
        } while (next is not null);

        Assert.Equal(7, seen.Count);
        Assert.Equal(7, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("/api/v1/initiatives?limit=1000000", "between 1 and 100")]
    [InlineData("/api/v1/initiatives?limit=0", "between 1 and 100")]
    [InlineData("/api/v1/initiatives?after=%00%01tampered", "not valid")]
    [InlineData("/api/v1/initiatives?modality=bogus", "is not a modality")]
    [InlineData("/api/v1/initiatives?sdg=42", "is not a Sustainable Development Goal")]
    [InlineData("/api/v1/actors?type=bank", "is not a kind of organisation")]
    [InlineData("/api/v1/assessments?country=XX", "There is no country with the code")]
    [InlineData("/export/initiatives.csv?status=finished", "is not a status")]
    public async Task Bad_requests_get_a_400_with_a_message(string url, string message)
    {
        using var client = Portal.CreateClient();

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class OpenDataOnSqlite(SqlitePortalFixture fixture) : OpenDataTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class OpenDataOnPostgres(PostgresPortalFixture fixture) : OpenDataTests(fixture);
