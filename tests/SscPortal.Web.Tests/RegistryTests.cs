using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Json.Schema;
using Microsoft.Extensions.Configuration;
using SscPortal.Domain;
using SscPortal.Web.OpenData;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// What registries and data portals read: <c>/data.json</c> (DCAT-US, valid against the Project Open Data 1.1 schema), the
/// licence said on every export, and each organisation's own IATI file (valid against the official IATI schema, its own
/// published initiatives only).
/// </summary>
public abstract class RegistryTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task The_catalogue_of_datasets_is_valid_dcat_us_and_every_distribution_answers_with_the_licence()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var identifier = await RecordIdentifierAsync(world.AgencyG);
        await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        using var client = Portal.CreateClient();

        var response = await client.GetAsync(new Uri("/data.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var results = DcatSchema.Value.Evaluate(JsonDocument.Parse(text).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var problems = results.Details?.Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).ToList() ?? [];
        Assert.True(results.IsValid, string.Join("\n", problems.Take(20)));
        // The validation has teeth: a dataset without its required fields is refused.
        var broken = JsonNode.Parse(text)!;
        broken["dataset"]!.AsArray()[0]!.AsObject().Remove("identifier");
        Assert.False(DcatSchema.Value.Evaluate(JsonDocument.Parse(broken.ToJsonString()).RootElement).IsValid);

        var catalog = JsonNode.Parse(text)!;
        var root = catalog["@id"]!.GetValue<string>()[..^"/data.json".Length];
        var datasets = catalog["dataset"]!.AsArray().Select(d => d!).ToList();
        Assert.All(datasets, d => Assert.Equal(OpenDataLicence.Default.Url, d["license"]!.GetValue<string>()));
        Assert.Equal(datasets.Count, datasets.Select(d => d["identifier"]!.GetValue<string>()).Distinct().Count());
        var own = Assert.Single(datasets, d => d["identifier"]!.GetValue<string>() == $"{root}/data.json#iati-{world.AgencyG.Id}");
        Assert.Contains(identifier, own["keyword"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.NotNull(own["modified"]);

        // Every distribution is the portal's own address, answers, and says its licence in a Link header.
        var addresses = datasets.SelectMany(d => d["distribution"]!.AsArray())
            .Select(x => (x!["downloadURL"] ?? x["accessURL"])!.GetValue<string>()).Distinct().ToList();
        Assert.True(addresses.Count >= 20, $"Only {addresses.Count} distributions.");
        foreach (var address in addresses.Where(a => !a.Contains("/export/iati/", StringComparison.Ordinal) || a.EndsWith($"/{world.AgencyG.Id}.xml", StringComparison.Ordinal)))
        {
            Assert.StartsWith(root + "/", address, StringComparison.Ordinal);
            using var answer = await client.GetAsync(new Uri(address[root.Length..], UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{address} answered {answer.StatusCode}");
            Assert.Contains($"<{OpenDataLicence.Default.Url}>; rel=\"license\"", answer.Headers.GetValues("Link"));
        }
        Assert.Contains($"<{OpenDataLicence.Default.Url}>; rel=\"license\"", response.Headers.GetValues("Link"));
    }

    [Fact]
    public async Task Pages_are_not_data_and_carry_no_licence_header_but_show_the_licence()
    {
        using var client = Portal.CreateClient();
        using var page = await client.GetAsync(new Uri("/about/data", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Link"));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"href=\"{OpenDataLicence.Default.Url}\" rel=\"license\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/data.json\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feeds_and_the_iati_file_say_their_licence_inside()
    {
        using var client = Portal.CreateClient();
        var feed = XDocument.Parse(await client.GetStringAsync(new Uri("/feeds/initiatives.atom", UriKind.Relative)));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Contains(OpenDataLicence.Default.Url, feed.Root!.Element(atom + "rights")!.Value, StringComparison.Ordinal);
        var iati = XDocument.Parse(await client.GetStringAsync(new Uri("/export/iati/activities.xml?country=pe", UriKind.Relative)));
        Assert.Contains(iati.Root!.Nodes().OfType<XComment>(), c => c.Value.Contains(OpenDataLicence.Default.Url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_organisation_s_iati_file_holds_its_own_published_initiatives_and_is_valid()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var identifier = await RecordIdentifierAsync(world.AgencyG);
        var published = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        var draft = await Portal.InitiativeAsync(world.AgencyG, "PE", "BO", null);
        var others = await Portal.InitiativeAsync(world.AgencyH, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        using var client = Portal.CreateClient();

        using var response = await client.GetAsync(new Uri($"/export/iati/{world.AgencyG.Id}.xml", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Empty(IatiSchemaProblems(text));
        var activities = XDocument.Parse(text).Root!.Elements("iati-activity").ToList();
        var only = Assert.Single(activities);
        Assert.Equal($"{identifier}-SSCP-{published}", only.Element("iati-identifier")!.Value);
        Assert.Equal(identifier, only.Element("reporting-org")!.Attribute("ref")!.Value);
        Assert.DoesNotContain(activities, a => a.Element("iati-identifier")!.Value.EndsWith($"-{draft}", StringComparison.Ordinal) || a.Element("iati-identifier")!.Value.EndsWith($"-{others}", StringComparison.Ordinal));
        // The organisation's page gives the address to register.
        var page = await Portal.CreateBrowser().GetOkAsync($"/actors/{world.AgencyG.Id}");
        Assert.NotNull(page.Document.QuerySelector($"a[href='/export/iati/{world.AgencyG.Id}.xml']"));
        Assert.Contains(page.Document.QuerySelectorAll("a[href='/about/data']"), a => a.TextContent.Length > 0);
    }

    [Fact]
    public async Task An_organisation_without_an_identifier_or_unknown_has_no_iati_file()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        await Portal.InitiativeAsync(world.CsoA, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        using var client = Portal.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/export/iati/{world.CsoA.Id}.xml", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/export/iati/2147483000.xml", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/export/iati/-1.xml", UriKind.Relative))).StatusCode);
        Assert.Null(await Portal.CreateBrowser().GetOkAsync($"/actors/{world.CsoA.Id}") is { } page ? page.Document.QuerySelector($"a[href='/export/iati/{world.CsoA.Id}.xml']") : null);
    }

    [Theory]
    [InlineData(null, null, "Creative Commons Attribution 4.0 International (CC BY 4.0)", "https://creativecommons.org/licenses/by/4.0/")]
    [InlineData("https://opendatacommons.org/licenses/odbl/1-0/", "ODbL 1.0", "ODbL 1.0", "https://opendatacommons.org/licenses/odbl/1-0/")]
    [InlineData("javascript:alert(1)", "Odd", "Odd", "https://creativecommons.org/licenses/by/4.0/")]
    [InlineData("not a url", null, "Creative Commons Attribution 4.0 International (CC BY 4.0)", "https://creativecommons.org/licenses/by/4.0/")]
    public void The_operator_chooses_the_licence_and_a_bad_address_keeps_the_default(string? url, string? name, string expectedName, string expectedUrl)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenData:LicenceUrl"] = url, ["OpenData:LicenceName"] = name,
        }).Build();
        var licence = OpenDataLicence.From(configuration);
        Assert.Equal(expectedName, licence.Name);
        Assert.Equal(expectedUrl, licence.Url);
    }

    private Task<string> RecordIdentifierAsync(Actor organisation) => Portal.WithDatabaseAsync(async db =>
    {
        var identifier = $"XI-IATI-{TestData.Word()}";
        (await db.Actors.FindAsync(organisation.Id))!.IatiIdentifier = identifier;
        await db.SaveChangesAsync();
        return identifier;
    });

    private static List<string> IatiSchemaProblems(string text)
    {
        var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "IatiSchema", "iati-activities-schema.xsd"));
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
        using var reader = XmlReader.Create(new StringReader(text), settings);
        while (reader.Read()) { }
        return problems;
    }

    /// <summary>The Project Open Data 1.1 schema files (DcatSchema/README.md says how they are read), as one schema.</summary>
    private static readonly Lazy<JsonSchema> DcatSchema = new(() =>
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "DcatSchema");
        JsonObject Load(string name)
        {
            var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, name + ".json")))!.AsObject();
            schema.Remove("$schema");
            schema.Remove("id");
            return (JsonObject)Rewrite(schema);
        }
        var catalog = Load("catalog");
        var definitions = new JsonObject();
        foreach (var name in new[] { "dataset", "distribution", "organization", "vcard" }) definitions[name] = Load(name);
        // data.gov's non-federal profile: no US federal budget codes; a contact needs a name.
        definitions["dataset"]!["required"] = new JsonArray([.. definitions["dataset"]!["required"]!.AsArray().Select(r => r!.GetValue<string>())
            .Where(r => r is not ("bureauCode" or "programCode")).Select(r => (JsonNode)JsonValue.Create(r)!)]);
        definitions["vcard"]!["required"] = new JsonArray("fn");
        catalog["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        catalog["$defs"] = definitions;
        return JsonSchema.FromText(catalog.ToJsonString(), baseUri: new Uri($"https://ssc-portal.test/dcat/{Guid.NewGuid():N}"));
    });

    /// <summary>References to the other files become references inside the one schema; draft-4 "dependencies" become their 2020-12 names.</summary>
    private static JsonNode Rewrite(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    var value = o[key];
                    if (key == "$ref" && value is JsonValue v && v.GetValue<string>() is var target && target.EndsWith(".json", StringComparison.Ordinal))
                        o[key] = "#/$defs/" + target[..^".json".Length];
                    else if (key == "dependencies" && value is JsonObject dependencies)
                    {
                        o.Remove(key);
                        var required = new JsonObject();
                        var schemas = new JsonObject();
                        foreach (var (name, dependency) in dependencies.ToList())
                        {
                            dependencies.Remove(name);
                            if (dependency is JsonArray) required[name] = dependency;
                            else schemas[name] = Rewrite(dependency!);
                        }
                        if (required.Count > 0) o["dependentRequired"] = required;
                        if (schemas.Count > 0) o["dependentSchemas"] = schemas;
                    }
                    else if (value is not null) Rewrite(value);
                }
                return o;
            case JsonArray a:
                foreach (var item in a) if (item is not null) Rewrite(item);
                return a;
            default:
                return node;
        }
    }
}

[Collection(SqliteSuite.Name)]
public sealed class RegistryTestsOnSqlite(SqlitePortalFixture fixture) : RegistryTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class RegistryTestsOnPostgres(PostgresPortalFixture fixture) : RegistryTests(fixture);
