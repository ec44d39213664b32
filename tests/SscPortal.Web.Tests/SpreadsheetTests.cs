using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.OpenData;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>The spreadsheet round trip: download, edit, upload; a file with any bad row saves nothing.</summary>
public abstract class SpreadsheetTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;


    private static async Task<HttpResponseMessage> UploadAsync(AccessWorld world, Role role, int organisationId, byte[] file)
    {
        var (client, token) = await world.ClientAsync(role);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(TestData.Key(organisationId)), "OrganisationId" },
            { new ByteArrayContent(file), "file", "initiatives.csv" },
        };
        return await client.PostAsync(new Uri("/my/spreadsheet?handler=Upload", UriKind.Relative), content);
    }

    private Task<List<(int Id, string Title)>> TitlesAsync(Actor owner) =>
        Portal.WithDatabaseAsync(async db => (await db.Initiatives.AsNoTracking().Where(i => i.OwnerId == owner.Id).OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.Title }).ToListAsync()).Select(i => (i.Id, i.Title)).ToList());

    private static readonly IReadOnlyList<string> Columns = Web.Pages.My.SpreadsheetModel.Columns;

    /// <summary>A CSV line with the given cells by column name, the others empty.</summary>
    private static string Line(Dictionary<string, string> cells) => Csv.Line(Columns.Select(c => cells.GetValueOrDefault(c, "")));

    private static Dictionary<string, string> Minimal(string title, string countries = "PE:Provider;BO:Recipient") => new()
    {
        ["title"] = title, ["summary"] = "S", ["language"] = "en", ["modality"] = "Bilateral", ["instrument"] = "Project", ["status"] = "Closed", ["countries"] = countries,
    };

    [Fact]
    public async Task Download_edit_and_upload_updates_a_draft_and_creates_a_new_one()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var draft = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null, title: "Spreadsheet draft");
        var (client, _) = await world.ClientAsync(Role.CsoMember);

        var download = await client.GetAsync(new Uri($"/my/spreadsheet?handler=Download&organisationId={world.CsoA.Id}", UriKind.Relative));
        Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
        var rows = Csv.Parse(Encoding.UTF8.GetString(await download.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF'), 100);
        Assert.Equal(Columns, rows[0]);
        int At(string column) => Columns.ToList().IndexOf(column);
        var row = rows.Single(r => r[0] == TestData.Key(draft));
        row[At("title")] = "Spreadsheet draft, renamed: with a comma";
        var added = new List<string>(row)
        {
            [At("id")] = "", [At("title")] = "Créée depuis un tableur", [At("language")] = "fr", [At("modality")] = "Triangular",
            [At("countries")] = "PE:FirstProvider;DE:SecondProvider;PY:Recipient", [At("sdgs")] = "2;17", [At("primary_sdg")] = "2",
            [At("actors")] = $"{TestData.Key(world.AgencyG.Id)}:Funding", [At("sdg_targets")] = "2.3",
            [At("contributions")] = $"{TestData.Key(world.AgencyG.Id)};Money;50000.5;USD;Travel; and lodging\n{TestData.Key(world.CsoA.Id)};InKind;;;Two agronomists",
            [At("rights_holders")] = "Women;Farmers:300", [At("locations")] = "PY | Point | Caaguazú | Coronel Oviedo | -25.4472 | -56.4408\nPE | Region | Cusco\nBO | Country", [At("sensitive_setting")] = "Sensitive", [At("links")] = "https://example.org/plan.pdf Work plan",
            [At("results")] = "[achieved] 40 farmers trained\nSeed bank running", [At("title_es")] = "Creada desde una hoja", [At("summary_es")] = "Resumen",
        };
        var file = string.Join("\n", new[] { rows[0], row, added }.Select(r => Csv.Line(r)));

        var response = await UploadAsync(world, Role.CsoMember, world.CsoA.Id, Encoding.UTF8.GetBytes(file));

        Assert.Equal("/my", response.Headers.Location?.OriginalString);
        var titles = await TitlesAsync(world.CsoA);
        Assert.Contains((draft, "Spreadsheet draft, renamed: with a comma"), titles);
        var created = await Portal.WithDatabaseAsync(db => db.Initiatives.AsNoTracking().Include(i => i.Countries).Include(i => i.Sdgs)
            .SingleAsync(i => i.OwnerId == world.CsoA.Id && i.Title == "Créée depuis un tableur"));
        Assert.Equal((Modality.Triangular, "fr", PublicationState.Draft), (created.Modality, created.Language, created.Publication));
        Assert.Equal(3, created.Countries.Count);
        Assert.Equal(2, created.Sdgs.Single(s => s.IsPrimary).GoalCode);

        // Every part of the record made the trip, and downloading it again gives back what was uploaded.
        var again = Csv.Parse(Encoding.UTF8.GetString(await (await client.GetAsync(new Uri($"/my/spreadsheet?handler=Download&organisationId={world.CsoA.Id}", UriKind.Relative))).Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF'), 100);
        var back = again.Single(r => r[0] == TestData.Key(created.Id));
        foreach (var column in new[] { "actors", "sdg_targets", "contributions", "rights_holders", "locations", "sensitive_setting", "links", "results", "title_es", "summary_es" })
            Assert.Equal(added[At(column)], back[At(column)]);
        Assert.True(await Portal.WithDatabaseAsync(db => db.RecordChanges.AnyAsync(c => c.RecordType == RecordType.Initiative && c.RecordId == draft && c.Kind == ChangeKind.Edited)));
    }

    [Fact]
    public async Task A_file_with_one_bad_row_shows_every_problem_and_saves_nothing()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var draft = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null, title: "Untouched");
        var published = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", DateTime.UtcNow.AddMinutes(-1), title: "Public");
        var other = await Portal.InitiativeAsync(world.CsoB, "PE", "BO", publishedAt: null, title: "Not ours");
        var header = Csv.Line(Columns);
        string Row(string id, string title, string countries, string status = "Closed", string start = "", string actors = "", string links = "") =>
            Line(new(Minimal(title, countries)) { ["id"] = id, ["status"] = status, ["planned_start"] = start, ["actors"] = actors, ["links"] = links });
        var file = string.Join("\n",
            header,
            Row(TestData.Key(draft), "Would change", "PE:Provider;BO:Recipient"),
            Row("", "<script>alert(1)</script>", "XX:Provider;BO:Recipient"),
            Row("", "Bad status", "PE:Provider;BO:Recipient", status: "Finished"),
            Row("", "Bad date", "PE:Provider;BO:Recipient", start: "0001-01-01"),
            Row("", new string('x', 301), "PE:Provider;BO:Recipient"),
            Row("", "Only one country", "PE:Provider"),
            Row("", "Unknown organisation", "PE:Provider;BO:Recipient", actors: "999999:Funding"),
            Row("", "Script link", "PE:Provider;BO:Recipient", links: "javascript:alert(1) Click"),
            Row(TestData.Key(published), "Published", "PE:Provider;BO:Recipient"),
            Row(TestData.Key(other), "Someone else's", "PE:Provider;BO:Recipient"));
        var before = await Portal.WithDatabaseAsync(db => db.Initiatives.CountAsync());

        var response = await UploadAsync(world, Role.CsoAdmin, world.CsoA.Id, Encoding.UTF8.GetBytes(file));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Nothing was saved", page, StringComparison.Ordinal);
        Assert.Contains("Enter a two-letter ISO country code", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.Contains("Use one of:", page, StringComparison.Ordinal);
        Assert.Contains("YYYY-MM-DD", page, StringComparison.Ordinal);
        Assert.Contains("Use at most 300 characters.", page, StringComparison.Ordinal);
        Assert.Contains("at least one provider and one recipient", page, StringComparison.Ordinal);
        Assert.Contains("Published records are changed in the form", page, StringComparison.Ordinal);
        Assert.Contains("There is no initiative of this organisation with this id", page, StringComparison.Ordinal);
        Assert.Contains("Use the numbers of organisations in the directory", page, StringComparison.Ordinal);
        Assert.Contains("Enter a full web address starting with https://", page, StringComparison.Ordinal);
        Assert.Equal(before, await Portal.WithDatabaseAsync(db => db.Initiatives.CountAsync()));
        Assert.Contains((draft, "Untouched"), await TitlesAsync(world.CsoA));
    }

    [Theory]
    [InlineData("wrong columns")]
    [InlineData("latin-1")]
    [InlineData("too many rows")]
    [InlineData("2500 rows")]
    [InlineData("unclosed quote")]
    public async Task A_file_of_the_wrong_shape_gets_a_clear_message_and_saves_nothing(string kind)
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var header = Csv.Line(Columns);
        var good = Line(Minimal("Fine"));
        var file = kind switch
        {
            "wrong columns" => Encoding.UTF8.GetBytes("title,summary\nA,B\n"),
            "latin-1" => Encoding.Latin1.GetBytes(header + "\n" + good.Replace("Fine", "Educación", StringComparison.Ordinal)),
            "too many rows" => Encoding.UTF8.GetBytes(header + "\n" + string.Join("\n", Enumerable.Repeat(good, 100_000))),
            "2500 rows" => Encoding.UTF8.GetBytes(header + "\n" + string.Join("\n", Enumerable.Repeat(good, 2_500))),
            _ => Encoding.UTF8.GetBytes(header + "\n\"never closed"),
        };
        var before = await Portal.WithDatabaseAsync(db => db.Initiatives.CountAsync());

        var response = await UploadAsync(world, Role.CsoMember, world.CsoA.Id, file);

        var page = await response.Content.ReadAsStringAsync();
        // 100,000 rows are over the size limit: refused with the 413 page before a byte is read, saying the limit.
        Assert.Equal(kind == "too many rows" ? HttpStatusCode.RequestEntityTooLarge : HttpStatusCode.OK, response.StatusCode);
        var expected = kind switch
        {
            "wrong columns" => "The first row must be exactly these columns",
            "latin-1" => "The file is not in UTF-8",
            "too many rows" => "This page accepts at most 2 MB",
            "2500 rows" => "The file has more than 2000 rows",
            _ => "The file is not valid CSV",
        };
        Assert.Contains(expected, page, StringComparison.Ordinal);
        Assert.Equal(before, await Portal.WithDatabaseAsync(db => db.Initiatives.CountAsync()));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SpreadsheetOnSqlite(SqlitePortalFixture fixture) : SpreadsheetTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class SpreadsheetOnPostgres(PostgresPortalFixture fixture) : SpreadsheetTests(fixture);
