using System.Net;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.OpenData;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Safe locations (issue 17, item 6): an initiative in a conflict-affected or otherwise sensitive setting — marked so by its
/// owner, or under a peace-and-development pillar unless its owner confirms otherwise — is shown to everyone but its own
/// organisation's editors at region level at most: on its page and its history, on the map, in the CSV and IATI exports,
/// in the JSON API, in the Atom feed, and search does not find it by the hidden place name. Bad locations are refused with
/// a message next to the field, and nothing is saved.
/// </summary>
public abstract class SafeLocationTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private const string Latitude = "-13.2581";
    private const string Longitude = "-72.2634";

    /// <summary>A published initiative of the world's civil-society organisation, working at a point in Cusco named by a word of its own.</summary>
    private sealed record Located(int Id, string Word, string Place);

    private async Task<Located> PublishedAtAPointAsync(AccessWorld world, SettingSensitivity sensitivity, params ThematicArea[] areas)
    {
        var word = TestData.Word();
        var place = $"Vereda {TestData.Word()}";
        var id = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", DateTime.UtcNow.AddMinutes(-1), title: $"Community dialogue {word}");
        await Portal.WithDatabaseAsync(async db =>
        {
            var initiative = await db.Initiatives.Include(i => i.Locations).SingleAsync(i => i.Id == id);
            initiative.Sensitivity = sensitivity;
            initiative.ThematicAreas = [.. areas];
            initiative.Locations.Add(new InitiativeLocation
            {
                CountryCode = "PE", Precision = LocationPrecision.Point, Region = "Cusco", Place = place,
                Latitude = double.Parse(Latitude, System.Globalization.CultureInfo.InvariantCulture),
                Longitude = double.Parse(Longitude, System.Globalization.CultureInfo.InvariantCulture),
            });
            // An IATI identifier of its own, so that the initiative is in the IATI file whatever the portal's publisher.
            (await db.Actors.FindAsync(world.CsoA.Id))!.IatiIdentifier = $"XM-DAC-{word}";
            return await db.SaveChangesAsync();
        });
        return new Located(id, word, place);
    }

    private static void AssertPrecise(string text, Located located)
    {
        Assert.Contains(located.Place, text, StringComparison.Ordinal);
        Assert.Contains(Latitude, text, StringComparison.Ordinal);
        Assert.Contains(Longitude, text, StringComparison.Ordinal);
    }

    private static void AssertReduced(string text, Located located, string who)
    {
        Assert.False(text.Contains(located.Place, StringComparison.Ordinal), $"{who} sees the place name");
        Assert.False(text.Contains(Latitude, StringComparison.Ordinal) || text.Contains("13.2581", StringComparison.Ordinal), $"{who} sees the latitude");
        Assert.False(text.Contains(Longitude, StringComparison.Ordinal) || text.Contains("72.2634", StringComparison.Ordinal), $"{who} sees the longitude");
    }

    private static string LocationsOn(HtmlClient.Page page) =>
        page.Document.QuerySelector("section[aria-labelledby=locations-heading]")?.TextContent ?? "";

    [Fact]
    public async Task A_sensitive_initiatives_precise_place_is_seen_by_its_own_members_only()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var located = await PublishedAtAPointAsync(world, SettingSensitivity.Sensitive, ThematicArea.Governance);

        using var member = await world.BrowserAsync(Role.CsoMember);
        var own = await member.GetOkAsync($"/initiatives/{located.Id}");
        AssertPrecise(LocationsOn(own), located);
        Assert.Contains("the public sees these locations at region level at most", own.Text, StringComparison.Ordinal);

        using var anonymous = Portal.CreateBrowser();
        using var otherOrganisation = await world.BrowserAsync(Role.AgencyMember);
        using var moderator = await world.BrowserAsync(Role.Moderator);
        foreach (var (who, reader) in new[] { ("anonymous", anonymous), ("another organisation", otherOrganisation), ("a moderator", moderator) })
        {
            var page = await reader.GetOkAsync($"/initiatives/{located.Id}");
            AssertReduced(page.Document.DocumentElement.OuterHtml, located, who);
            Assert.Contains("Cusco", LocationsOn(page), StringComparison.Ordinal);
            Assert.Contains("its locations are shown at region level at most, to protect the people involved", page.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Maps_exports_the_api_the_feed_and_search_never_give_a_sensitive_initiatives_precise_place()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var located = await PublishedAtAPointAsync(world, SettingSensitivity.Sensitive);
        // Public outputs are public whoever asks: its own member gets no more than anyone else.
        using var member = await world.BrowserAsync(Role.CsoMember);
        foreach (var client in new[] { Portal.CreateClient(), member.Http })
        {
            var map = await client.GetStringAsync(new Uri($"/map?q={located.Word}", UriKind.Relative));
            Assert.Contains($"Community dialogue {located.Word}", map, StringComparison.Ordinal);
            Assert.Contains("Cusco", map, StringComparison.Ordinal);
            AssertReduced(map, located, "the map");

            var csv = await client.GetStringAsync(new Uri($"/export/initiatives.csv?q={located.Word}", UriKind.Relative));
            var rows = Csv.Parse(csv.TrimStart('\uFEFF'), 10);
            var row = rows[1];
            Assert.Equal("PE | Region | Cusco", Csv.Field(row[Array.IndexOf(rows[0].ToArray(), "locations")]));
            Assert.Equal("yes", Csv.Field(row[Array.IndexOf(rows[0].ToArray(), "sensitive_setting")]));
            AssertReduced(csv, located, "the CSV");

            var xml = await client.GetStringAsync(new Uri($"/export/iati/activities.xml?q={located.Word}", UriKind.Relative));
            AssertValidIati(xml);
            var location = Assert.Single(XDocument.Parse(xml).Root!.Elements("iati-activity").Single().Elements("location"));
            Assert.Equal("Cusco", location.Element("name")!.Element("narrative")!.Value);
            Assert.Null(location.Element("point"));
            AssertReduced(xml, located, "the IATI file");

            var list = JsonNode.Parse(await client.GetStringAsync(new Uri($"/api/v1/initiatives?q={located.Word}", UriKind.Relative)))!;
            var one = JsonNode.Parse(await client.GetStringAsync(new Uri($"/api/v1/initiatives/{located.Id}", UriKind.Relative)))!;
            foreach (var record in new[] { list["items"]!.AsArray().Single()!, one })
            {
                Assert.True(record["sensitiveSetting"]!.GetValue<bool>());
                var given = Assert.Single(record["locations"]!.AsArray())!;
                Assert.Equal(("PE", "Region", "Cusco"), (given["country"]!.GetValue<string>(), given["precision"]!.GetValue<string>(), given["region"]!.GetValue<string>()));
                Assert.Null(given["place"]);
                Assert.Null(given["latitude"]);
                AssertReduced(record.ToJsonString(), located, "the API");
            }

            var feed = await client.GetStringAsync(new Uri($"/feeds/initiatives.atom?q={located.Word}", UriKind.Relative));
            Assert.Contains(located.Word, feed, StringComparison.Ordinal);
            AssertReduced(feed, located, "the feed");
        }

        // The hidden place name finds nothing, in the catalogue or the API.
        var placeWord = located.Place.Split(' ')[1];
        using var anonymous = Portal.CreateBrowser();
        var search = await anonymous.GetOkAsync($"/initiatives?q={placeWord}");
        Assert.DoesNotContain(located.Word, search.Text, StringComparison.Ordinal);
        var found = JsonNode.Parse(await Portal.CreateClient().GetStringAsync(new Uri($"/api/v1/initiatives?q={placeWord}", UriKind.Relative)))!;
        // (Not "nothing at all": in the shared test database another test's title may come close to the word, and close
        // titles stand in for words that find nothing.)
        var items = found["items"]!.AsArray();
        Assert.True(items.All(i => i!["id"]!.GetValue<int>() != located.Id), $"the API finds the initiative by its hidden place name: {found.ToJsonString()}");
    }

    [Fact]
    public async Task A_peace_pillar_initiative_is_sensitive_until_its_owner_confirms_it_is_not()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var located = await PublishedAtAPointAsync(world, SettingSensitivity.NotStated, ThematicArea.ConflictPrevention);
        using var anonymous = Portal.CreateBrowser();
        AssertReduced((await anonymous.GetOkAsync($"/initiatives/{located.Id}")).Document.DocumentElement.OuterHtml, located, "anonymous");
        AssertReduced(await Portal.CreateClient().GetStringAsync(new Uri($"/api/v1/initiatives/{located.Id}", UriKind.Relative)), located, "the API");

        // The published record is its organisation admin's to change: they confirm the setting is not sensitive.
        using var admin = await world.BrowserAsync(Role.CsoAdmin);
        var form = await admin.GetOkAsync($"/initiatives/{located.Id}/edit");
        Assert.Equal("NotStated", form.Document.QuerySelector("input[name='Input.Sensitivity'][checked]")!.GetAttribute("value"));
        var saved = await admin.SubmitAsync(form, "form.record-form", new Dictionary<string, string> { ["Input.Sensitivity"] = "ConfirmedNotSensitive" });
        Assert.Equal($"/initiatives/{located.Id}", saved.Address.AbsolutePath);

        var page = await anonymous.GetOkAsync($"/initiatives/{located.Id}?visit=confirmation");
        AssertPrecise(LocationsOn(page), located);
        Assert.DoesNotContain("region level at most", page.Text, StringComparison.Ordinal);
        AssertPrecise(await Portal.CreateClient().GetStringAsync(new Uri($"/api/v1/initiatives/{located.Id}?visit=confirmation", UriKind.Relative)), located);
        var history = await anonymous.GetOkAsync($"/initiatives/{located.Id}/history");
        Assert.Contains("Sensitive setting", history.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_a_sensitive_setting_the_public_sees_locations_as_recorded()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var located = await PublishedAtAPointAsync(world, SettingSensitivity.NotStated, ThematicArea.FoodSecurity);
        using var anonymous = Portal.CreateBrowser();
        var page = await anonymous.GetOkAsync($"/initiatives/{located.Id}");
        AssertPrecise(LocationsOn(page), located);
        Assert.DoesNotContain("region level at most", page.Text, StringComparison.Ordinal);

        var client = Portal.CreateClient();
        AssertPrecise(await client.GetStringAsync(new Uri($"/map?q={located.Word}", UriKind.Relative)), located);
        var csv = await client.GetStringAsync(new Uri($"/export/initiatives.csv?q={located.Word}", UriKind.Relative));
        Assert.Contains($"PE | Point | Cusco | {located.Place} | {Latitude} | {Longitude}", csv, StringComparison.Ordinal);
        var xml = await client.GetStringAsync(new Uri($"/export/iati/activities.xml?q={located.Word}", UriKind.Relative));
        AssertValidIati(xml);
        Assert.Equal($"{Latitude} {Longitude}", XDocument.Parse(xml).Descendants("pos").Single().Value);
        var record = JsonNode.Parse(await client.GetStringAsync(new Uri($"/api/v1/initiatives/{located.Id}", UriKind.Relative)))!;
        Assert.False(record["sensitiveSetting"]!.GetValue<bool>());
        var given = Assert.Single(record["locations"]!.AsArray())!;
        Assert.Equal((located.Place, -13.2581, -72.2634), (given["place"]!.GetValue<string>(), given["latitude"]!.GetValue<double>(), given["longitude"]!.GetValue<double>()));
    }

    public static TheoryData<string, string, string, string, string, string, string> BadLocations() => new()
    {
        // precision, region, place, latitude, longitude, the field whose message it is, the message
        { "Point", "Cusco", "Ollantaytambo", "200", "-72.2634", "Latitude", "Enter a latitude from -90 to 90, in decimal degrees." },
        { "Point", "Cusco", "Ollantaytambo", "", "", "Latitude", "A point needs its latitude and longitude." },
        { "Region", new string('r', 201), "", "", "", "Region", "Use at most 200 characters." },
        { "Municipality", "Cusco", "<script>alert(1)</script>", "", "", "Place", "Write the name as plain text, without < or > or control characters." },
        { "Region", "", "", "", "", "Region", "Name the region (the first-level administrative area)." },
        { "Country", "", "Ollantaytambo", "", "", "Precision", "A location at country level names no region or place: choose region, municipality or point." },
        { "Region", "Cusco", "", "-13.2581", "-72.2634", "Latitude", "Coordinates are given only for a point: choose point, or leave them empty." },
    };

    [Theory]
    [MemberData(nameof(BadLocations))]
    public async Task A_bad_location_gets_a_message_next_to_its_field_and_nothing_is_saved(
        string precision, string region, string place, string latitude, string longitude, string field, string message)
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null);
        using var member = await world.BrowserAsync(Role.CsoMember);

        var refused = await member.SubmitAsync(await member.GetOkAsync($"/initiatives/{id}/edit"), "form.record-form", new Dictionary<string, string>
        {
            ["Input.Locations[0].CountryCode"] = "PE", ["Input.Locations[0].Precision"] = precision, ["Input.Locations[0].Region"] = region,
            ["Input.Locations[0].Place"] = place, ["Input.Locations[0].Latitude"] = latitude, ["Input.Locations[0].Longitude"] = longitude,
            ["Input.Sensitivity"] = "Sensitive",
        });

        Assert.Equal($"/initiatives/{id}/edit", refused.Address.AbsolutePath);
        var beside = refused.Document.QuerySelector($"#Input_Locations_0__{field}")!.ParentElement!.QuerySelector(".field-error")!.TextContent.Trim();
        Assert.Equal(message, beside);
        // What was typed comes back, encoded.
        Assert.Equal(place, refused.Document.QuerySelector("#Input_Locations_0__Place")!.GetAttribute("value") ?? "");
        Assert.Empty(refused.Document.QuerySelectorAll("main script"));
        var (locations, sensitivity, version) = await Portal.WithDatabaseAsync(async db =>
            (await db.Set<InitiativeLocation>().CountAsync(l => l.InitiativeId == id),
             await db.Initiatives.Where(i => i.Id == id).Select(i => i.Sensitivity).SingleAsync(),
             await db.Initiatives.Where(i => i.Id == id).Select(i => i.Version).SingleAsync()));
        Assert.Equal((0, SettingSensitivity.NotStated, 1), (locations, sensitivity, version));
    }

    [Fact]
    public async Task The_form_records_a_precise_location_whose_history_only_the_owner_reads_in_a_sensitive_setting()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var id = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null);
        var place = $"Vereda {TestData.Word()}";
        using var member = await world.BrowserAsync(Role.CsoMember);

        var saved = await member.SubmitAsync(await member.GetOkAsync($"/initiatives/{id}/edit"), "form.record-form", new Dictionary<string, string>
        {
            ["Input.Locations[0].CountryCode"] = "pe", ["Input.Locations[0].Precision"] = "Point", ["Input.Locations[0].Region"] = "Cusco",
            ["Input.Locations[0].Place"] = place, ["Input.Locations[0].Latitude"] = Latitude, ["Input.Locations[0].Longitude"] = Longitude,
            ["Input.Sensitivity"] = "Sensitive",
        });

        Assert.Equal($"/initiatives/{id}", saved.Address.AbsolutePath);
        var location = await Portal.WithDatabaseAsync(db => db.Set<InitiativeLocation>().AsNoTracking().SingleAsync(l => l.InitiativeId == id));
        Assert.Equal(("PE", LocationPrecision.Point, "Cusco", place, -13.2581, -72.2634),
            (location.CountryCode, location.Precision, location.Region, location.Place, location.Latitude!.Value, location.Longitude!.Value));
        var located = new Located(id, "", place);
        AssertPrecise(LocationsOn(saved), located);
        // The form shows it again as recorded.
        var again = await member.GetOkAsync($"/initiatives/{id}/edit");
        Assert.Equal("Point", again.Document.QuerySelector("#Input_Locations_0__Precision option[selected]")!.GetAttribute("value"));
        Assert.Equal("Sensitive", again.Document.QuerySelector("input[name='Input.Sensitivity'][checked]")!.GetAttribute("value"));

        await Portal.WithDatabaseAsync(async db =>
        {
            (await db.Initiatives.Include(i => i.Actors).Include(i => i.Countries).Include(i => i.Locations).SingleAsync(i => i.Id == id)).Publish(DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        AssertPrecise((await member.GetOkAsync($"/initiatives/{id}/history")).Text, located);
        using var anonymous = Portal.CreateBrowser();
        var history = await anonymous.GetOkAsync($"/initiatives/{id}/history");
        AssertReduced(history.Document.DocumentElement.OuterHtml, located, "the public history");
        Assert.Contains("changes to its locations are not shown here", history.Text, StringComparison.Ordinal);
    }

    private static void AssertValidIati(string text)
    {
        var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "IatiSchema", "iati-activities-schema.xsd"));
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
        using (var reader = XmlReader.Create(new StringReader(text), settings)) while (reader.Read()) { }
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SafeLocationsOnSqlite(SqlitePortalFixture fixture) : SafeLocationTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class SafeLocationsOnPostgres(PostgresPortalFixture fixture) : SafeLocationTests(fixture);
