using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Serilog.Core;
using Serilog.Events;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.OpenData;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Bad input and lost races are not outages: a NUL character in an address, a form or a spreadsheet gets a 400 or a
/// message beside the cell, a request that lost a race to an identical one is told it was already done, and only a
/// database that cannot be reached gives the 503 "temporarily unavailable" page.
/// </summary>
public abstract class DatabaseErrorTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task A_nul_character_in_a_search_or_filter_is_a_bad_request_not_an_outage()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        (Role Role, string Url)[] cases =
        [
            (Role.Anonymous, "/api/v1/actors?country=a%00b"),
            (Role.Anonymous, "/api/v1/initiatives?q=a%00b"),
            (Role.Anonymous, "/initiatives?q=a%00b"),
            (Role.Anonymous, "/actors?q=a%00b"),
            (Role.NoOrganisation, "/account/organisations?q=a%00b"),
            (Role.Administrator, "/admin/users?q=a%00b"),
            (Role.Administrator, "/admin/audit?user=a%00b"),
        ];
        foreach (var (role, url) in cases)
        {
            var (client, _) = await world.ClientAsync(role);

            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url} answered {(int)response.StatusCode}");
            if (!url.StartsWith("/api/", StringComparison.Ordinal))
                Assert.Contains("The request could not be understood", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_nul_character_in_a_form_field_is_a_bad_request_and_nothing_is_saved()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var (client, token) = await world.ClientAsync(Role.NoOrganisation);
        var name = "Red " + TestData.Word();

        using var response = await client.PostAsync(new Uri("/account/organisations?handler=Propose", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Proposal.Name"] = name + "\0", ["Proposal.Type"] = nameof(ActorType.NationalCso), ["__RequestVerificationToken"] = token,
        }));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"answered {(int)response.StatusCode}: {body}");
        Assert.Contains("The request could not be understood", body, StringComparison.Ordinal);
        Assert.False(await Portal.WithDatabaseAsync(db => db.Actors.AnyAsync(a => a.Name.StartsWith(name))));
    }

    [Fact]
    public async Task A_spreadsheet_cell_with_a_nul_character_is_named_and_nothing_is_saved()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var (client, token) = await world.ClientAsync(Role.CsoMember);
        var columns = Web.Pages.My.SpreadsheetModel.Columns;
        string Row(string title) => Csv.Line(columns.Select(c => c switch
        {
            "title" => title, "summary" => "S", "language" => "en", "modality" => "Bilateral", "instrument" => "Project", "status" => "Closed",
            "countries" => "PE:Provider;BO:Recipient", _ => "",
        }));
        var word = TestData.Word();
        var file = string.Join("\n", Csv.Line(columns), Row($"{word} fine"), Row($"{word} with a\0NUL"));
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(TestData.Key(world.CsoA.Id)), "OrganisationId" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(file)), "file", "initiatives.csv" },
        };

        using var response = await client.PostAsync(new Uri("/my/spreadsheet?handler=Upload", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("Nothing was saved", page.Body!.TextContent, StringComparison.Ordinal);
        var problem = page.QuerySelectorAll("tr").Single(r => r.TextContent.Contains("invisible control character", StringComparison.Ordinal));
        Assert.Contains("3", problem.Children[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("title", problem.TextContent, StringComparison.Ordinal);
        Assert.False(await Portal.WithDatabaseAsync(db => db.Initiatives.AnyAsync(i => i.Title.StartsWith(word))));
    }

    [Fact]
    public async Task Many_identical_membership_claims_at_once_make_one_claim_and_none_is_an_outage()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var userId = world.UserIds[Role.NoOrganisation]!;
        var (client, token) = await world.ClientAsync(Role.NoOrganisation);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            client.PostAsync(new Uri("/account/organisations?handler=Claim", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["actorId"] = TestData.Key(world.CsoB.Id), ["__RequestVerificationToken"] = token,
            }))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.Memberships.CountAsync(m => m.UserId == userId && m.ActorId == world.CsoB.Id)));
        using var browser = await world.BrowserAsync(Role.NoOrganisation);
        var page = await browser.GetOkAsync("/account/organisations");
        Assert.Single(page.Document.QuerySelectorAll("section[aria-labelledby='memberships-heading'] tbody tr"), row => row.TextContent.Contains(world.CsoB.Name, StringComparison.Ordinal));
        foreach (var response in responses) response.Dispose();
    }

    [Fact]
    public async Task Many_identical_responses_to_an_assessment_at_once_publish_one_and_none_is_an_outage()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var initiative = await Portal.InitiativeAsync(world.AgencyG, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        var id = await Portal.AssessmentAsync(world.CsoA, initiative, DateTime.UtcNow);
        var (client, token) = await world.ClientAsync(Role.AgencyAdmin);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            client.PostAsync(new Uri($"/assessments/{id}?handler=Respond", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["ResponderId"] = TestData.Key(world.AgencyG.Id), ["ResponseText"] = $"We will consult farmers ({i}).", ["__RequestVerificationToken"] = token,
            }))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.AssessmentResponses.CountAsync(r => r.AssessmentId == id && r.ResponderId == world.AgencyG.Id)));
        foreach (var response in responses) response.Dispose();
    }
}

[Collection(SqliteSuite.Name)]
public sealed class DatabaseErrorsOnSqlite(SqlitePortalFixture fixture) : DatabaseErrorTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class DatabaseErrorsOnPostgres(PostgresPortalFixture fixture) : DatabaseErrorTests(fixture);

/// <summary>Which database errors are outages, which are bad input and which are lost races, by the codes each database gives.</summary>
public sealed class DatabaseErrorKindTests
{
    public static TheoryData<string, DatabaseFailure> PostgresCodes => new()
    {
        { "22021", DatabaseFailure.InvalidData }, // a NUL character in text
        { "22P02", DatabaseFailure.InvalidData }, // a malformed value
        { "22001", DatabaseFailure.InvalidData }, // a string too long
        { "23505", DatabaseFailure.Conflict },    // a unique index already holds the values
        { "23503", DatabaseFailure.Conflict },    // the row referred to went meanwhile
        { "08006", DatabaseFailure.Unavailable }, // the connection failed
        { "57P01", DatabaseFailure.Unavailable }, // the server is shutting down
        { "53300", DatabaseFailure.Unavailable }, // too many connections
        { "42P01", DatabaseFailure.Unexpected },  // a missing table: a fault of the portal, not an outage
        { "57014", DatabaseFailure.TimedOut },    // stopped by the statement timeout: the question, not the database
    };

    [Theory]
    [MemberData(nameof(PostgresCodes))]
    public void Postgresql_errors_are_told_apart_by_their_code(string sqlState, DatabaseFailure expected)
    {
        var error = new PostgresException("message", "ERROR", "ERROR", sqlState);

        Assert.Equal(expected, DatabaseErrors.Classify(error));
        Assert.Equal(expected, DatabaseErrors.Classify(new DbUpdateException("saving failed", error)));
    }

    [Fact]
    public void A_refused_postgresql_connection_is_an_outage() =>
        Assert.Equal(DatabaseFailure.Unavailable, DatabaseErrors.Classify(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));

    [Theory]
    [InlineData(14, 14, DatabaseFailure.Unavailable)]   // cannot open the file
    [InlineData(5, 5, DatabaseFailure.Unavailable)]     // busy
    [InlineData(19, 2067, DatabaseFailure.Conflict)]    // unique constraint
    [InlineData(19, 787, DatabaseFailure.Conflict)]     // foreign key
    [InlineData(1, 1, DatabaseFailure.Unexpected)]      // an SQL error
    public void Sqlite_errors_are_told_apart_by_their_code(int code, int extendedCode, DatabaseFailure expected) =>
        Assert.Equal(expected, DatabaseErrors.Classify(new DbUpdateException("saving failed", new SqliteException("message", code, extendedCode))));

    [Fact]
    public void A_query_cancelled_because_its_reader_left_is_never_an_outage()
    {
        // Npgsql's two forms: the server's own "canceling statement" (57014), and the connection broken by a cancellation that timed out.
        Assert.Equal(DatabaseFailure.None, DatabaseErrors.Classify(new OperationCanceledException("Query was cancelled", new PostgresException("m", "ERROR", "ERROR", "57014"))));
        Assert.Equal(DatabaseFailure.None, DatabaseErrors.Classify(new OperationCanceledException("Query was cancelled", new NpgsqlException("Exception while reading from stream", new TimeoutException()))));
        Assert.Equal(DatabaseFailure.None, DatabaseErrors.Classify(new TaskCanceledException("A task was canceled.")));
    }

    [Fact]
    public void Other_errors_are_not_database_errors() =>
        Assert.Equal(DatabaseFailure.None, DatabaseErrors.Classify(new InvalidOperationException("a bug")));

    [Fact]
    public void Only_a_unique_violation_is_a_duplicate()
    {
        Assert.True(DatabaseErrors.IsUniqueViolation(new DbUpdateException("x", new PostgresException("m", "ERROR", "ERROR", "23505"))));
        Assert.True(DatabaseErrors.IsUniqueViolation(new DbUpdateException("x", new SqliteException("m", 19, 2067))));
        Assert.False(DatabaseErrors.IsUniqueViolation(new DbUpdateException("x", new PostgresException("m", "ERROR", "ERROR", "23503"))));
        Assert.False(DatabaseErrors.IsUniqueViolation(new DbUpdateException("x", new SqliteException("m", 19, 787))));
    }
}

/// <summary>The request log says what the reader was sent, also while the database is away.</summary>
public sealed class RequestLogTests
{
    private sealed class RequestLog(string path) : ILogEventSink
    {
        public TaskCompletionSource<LogEvent> Completed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Emit(LogEvent logEvent)
        {
            if (logEvent.Properties.TryGetValue("RequestPath", out var requestPath) && requestPath is ScalarValue { Value: string logged } && logged == path
                && logEvent.Properties.ContainsKey("StatusCode"))
                Completed.TrySetResult(logEvent);
        }
    }

    [Fact]
    public async Task During_an_outage_the_request_log_records_the_503_the_reader_was_sent()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ssc-outage-" + Guid.NewGuid().ToString("N"), "not-yet");
        var log = new RequestLog("/initiatives");
        await using var portal = new PortalFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "portal.db")}",
            new Dictionary<string, string?> { ["Database:RetrySeconds"] = "0.2" });
        await using var logged = portal.WithWebHostBuilder(web => web.ConfigureServices(services => services.AddSingleton<ILogEventSink>(log)));
        using var client = logged.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        using var response = await client.GetAsync(new Uri("/initiatives", UriKind.Relative));
        var line = await log.Completed.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(503, ((ScalarValue)line.Properties["StatusCode"]).Value);
        Assert.Equal(LogEventLevel.Error, line.Level);
    }
}
