using SscPortal.Web.Diagnostics;
using System.Globalization;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// The main pages run a bounded number of SQL statements, the same whether they show two rows or twenty: no statement
/// per row (N+1). The benchmark in bench/ measures speed; this test keeps the shape of the queries honest.
/// </summary>
public abstract class StatementCountTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    /// <summary>The most statements a page may run (the catalogue, with its facets, runs the most).</summary>
    private const int Bound = 30;

    private async Task<(string Few, string Many, int FewId, int ManyId)> WorldAsync()
    {
        var owner = await Portal.ActorAsync();
        var partner = await Portal.ActorAsync(ActorType.InternationalCso);
        var few = TestData.Word();
        var many = TestData.Word();
        var fewId = 0;
        var manyId = 0;
        for (var i = 0; i < 2; i++) fewId = await Portal.InitiativeAsync(owner, "PE", "BO", DateTime.UtcNow.AddMinutes(-5), title: $"{few} {i}");
        for (var i = 0; i < 20; i++) manyId = await Portal.InitiativeAsync(owner, "PE", i % 2 == 0 ? "PY" : "BO", DateTime.UtcNow.AddMinutes(-5), Modality.Triangular, title: $"{many} {i}");
        // The record shown alone gets more parts, which must not mean more statements.
        await Portal.WithDatabaseAsync(async db =>
        {
            var initiative = await db.Initiatives.FindAsync(manyId);
            db.Entry(initiative!).Collection(i => i.Actors).Load();
            initiative!.Actors.Add(new InitiativeActor { ActorId = partner.Id, Role = ActorRole.Implementing });
            return await db.SaveChangesAsync();
        });
        await Portal.AssessmentAsync(partner, fewId, DateTime.UtcNow);
        for (var i = 0; i < 3; i++) await Portal.AssessmentAsync(partner, manyId, DateTime.UtcNow);
        return (few, many, fewId, manyId);
    }

    private static async Task<int> StatementsAsync(HttpClient client, string url)
    {
        // A fresh address each time, so that the page is rendered rather than served whole from the anonymous page cache.
        url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "visit=" + TestData.Word();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}");
        return int.Parse(response.Headers.GetValues(SqlStatementCounter.Header).Single(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Main_pages_run_a_bounded_number_of_statements_whatever_the_number_of_rows()
    {
        var (few, many, fewId, manyId) = await WorldAsync();
        using var client = Portal.CreateClient();
        var pages = new (string Few, string Many)[]
        {
            ($"/initiatives?q={few}", $"/initiatives?q={many}"),
            ($"/initiatives?q={few}&country=PE&modality=bilateral", $"/initiatives?q={many}&country=PE&modality=triangular"),
            ($"/initiatives/{fewId}", $"/initiatives/{manyId}"),
            ($"/stats?q={few}", $"/stats?q={many}"),
            ($"/map?q={few}", $"/map?q={many}"),
            ($"/api/v1/initiatives?q={few}", $"/api/v1/initiatives?q={many}"),
            ($"/export/initiatives.csv?q={few}", $"/export/initiatives.csv?q={many}"),
            ("/assessments?limit=2", "/assessments"),
            ("/actors", "/actors"),
        };
        // Code lists are read once per process and then held in memory: load them before counting.
        await StatementsAsync(client, "/initiatives");
        var report = new List<string>();
        foreach (var (fewUrl, manyUrl) in pages)
        {
            var fewCount = await StatementsAsync(client, fewUrl);
            var manyCount = await StatementsAsync(client, manyUrl);
            report.Add($"{manyUrl}: {fewCount} / {manyCount}");
            Assert.True(manyCount == fewCount, $"{manyUrl} runs {manyCount} statements for many rows and {fewCount} for few");
            Assert.True(manyCount <= Bound, $"{manyUrl} runs {manyCount} statements (at most {Bound})");
        }
        TestContext.Current.SendDiagnosticMessage(string.Join("\n", report));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class StatementCountOnSqlite(SqlitePortalFixture fixture) : StatementCountTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class StatementCountOnPostgres(PostgresPortalFixture fixture) : StatementCountTests(fixture);
