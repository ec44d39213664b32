using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Without a replica (and always on SQLite) the read-only context is the primary's own connection, read-only: the same
/// statements as before, no second connection, and a read path that tries to save fails at once.
/// </summary>
public abstract class ReadOnlyContextTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Without_a_replica_the_read_only_context_reads_the_primary_on_its_own_connection_and_cannot_save()
    {
        await Portal.WithServicesAsync(async services =>
        {
            var primary = services.GetRequiredService<AppDbContext>();
            var read = services.GetRequiredKeyedService<AppDbContext>(ReadOnlyDb.Key);

            Assert.NotSame(primary, read);
            Assert.Same(primary.Database.GetDbConnection(), read.Database.GetDbConnection());
            Assert.True(await read.Countries.AnyAsync(c => c.Code == "BR"));
            read.Countries.Add(new Country { Code = "QQ", NameEn = "Nowhere", NameEs = "Nowhere", NamePt = "Nowhere", NameFr = "Nowhere" });
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => read.SaveChangesAsync());
            Assert.Equal(ReadOnlyGuard.Message, refused.Message);
            Assert.False(await primary.Countries.AnyAsync(c => c.Code == "QQ"));
        });
    }

    [Fact]
    public async Task Without_a_replica_the_exports_read_what_was_just_published()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var title = TestData.Unique("Published just now");
        var id = await Portal.InitiativeAsync(world.CsoA, "BR", "PY", publishedAt: null, title: title);
        var browser = await world.BrowserAsync(Role.CsoAdmin);

        using var published = await browser.PostCraftedAsync($"/initiatives/{id}?handler=Publish", [new("Version", "1")]);
        Assert.True(published.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"publishing answered {(int)published.StatusCode}");
        Assert.True(await Portal.WithDatabaseAsync(db => db.Initiatives.AnyAsync(i => i.Id == id && i.PublishedAt != null)), "not published");

        using var anonymous = Portal.CreateClient();
        Assert.Contains(title, await anonymous.GetStringAsync(new Uri("/export/initiatives.csv", UriKind.Relative)), StringComparison.Ordinal);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class ReadOnlyContextOnSqlite(SqlitePortalFixture fixture) : ReadOnlyContextTests(fixture)
{
    /// <summary>SQLite has no replicas: a PostgresReadOnly connection string is ignored, whatever it says.</summary>
    [Fact]
    public async Task A_replica_connection_string_is_ignored_on_sqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ssc-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using var portal = new PortalFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "portal.db")}",
                new Dictionary<string, string?> { ["ConnectionStrings:PostgresReadOnly"] = "Host=replica.invalid;Database=nowhere" });
            var owner = await portal.ActorAsync();
            var title = TestData.Unique("On SQLite");
            await portal.InitiativeAsync(owner, "BR", "PY", DateTime.UtcNow, title: title);
            using var client = portal.CreateClient();

            Assert.Contains(title, await client.GetStringAsync(new Uri("/export/initiatives.csv", UriKind.Relative)), StringComparison.Ordinal);
            Assert.Contains(title, await client.GetStringAsync(new Uri("/feeds/initiatives.atom", UriKind.Relative)), StringComparison.Ordinal);
            await portal.WithServicesAsync(services =>
            {
                Assert.Null(services.GetRequiredService<ReadReplicaSettings>().Replica);
                Assert.Same(services.GetRequiredService<AppDbContext>().Database.GetDbConnection(),
                    services.GetRequiredKeyedService<AppDbContext>(ReadOnlyDb.Key).Database.GetDbConnection());
                return Task.CompletedTask;
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }
}

[Collection(PostgresSuite.Name)]
public sealed class ReadOnlyContextOnPostgres(PostgresPortalFixture fixture) : ReadOnlyContextTests(fixture)
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Every_session_starts_with_the_statement_timeout_and_the_typo_similarity()
    {
        await Portal.WithServicesAsync(async services =>
        {
            foreach (var db in new[] { services.GetRequiredService<AppDbContext>(), services.GetRequiredKeyedService<AppDbContext>(ReadOnlyDb.Key) })
            {
                Assert.Equal("5s", await Setting(db, "statement_timeout"));
                Assert.Equal("0.45", await Setting(db, "pg_trgm.word_similarity_threshold"));
            }
        });
    }

    internal static Task<string> Setting(AppDbContext db, string name) =>
        db.Database.SqlQuery<string>($"SELECT current_setting({name}) AS \"Value\"").SingleAsync();
}

/// <summary>
/// With <c>ConnectionStrings:PostgresReadOnly</c>: the "replica" here is a copy of the primary database taken after it was
/// migrated (CREATE DATABASE … TEMPLATE), so that a record added on one side only shows which side served a read. The
/// public exports and feeds read from the replica; a write, and the writer's reads just after it, use the primary; the
/// replica's sessions cannot write. The statement timeout is 1 s here, to see a slow statement stopped.
/// </summary>
[Collection(PostgresSuite.Name)]
public sealed class ReadReplicaOnPostgres : IAsyncLifetime
{
    private const string ReplicaApplication = "ssc-replica-test";
    private string? _primary, _replica;
    private PortalFactory? _portal;

    private PortalFactory Portal
    {
        get
        {
            if (_portal is null) Assert.Skip("The PostgreSQL tests were skipped because SSC_TEST_POSTGRES is not set.");
            return _portal;
        }
    }
    private string ReplicaConnection => new NpgsqlConnectionStringBuilder(PostgresDatabases.ConnectionStringFor(Admin, _replica!)) { ApplicationName = ReplicaApplication }.ConnectionString;

    private static string Admin => TestSettings.PostgresAdminConnection!;

    public async ValueTask InitializeAsync()
    {
        if (TestSettings.PostgresAdminConnection is null)
        {
            if (TestSettings.RequirePostgres) Assert.Fail("SSC_TEST_POSTGRES is not set (SSC_REQUIRE_POSTGRES is).");
            return;
        }
        _primary = await PostgresDatabases.CreateAsync(Admin);
        var primary = PostgresDatabases.ConnectionStringFor(Admin, _primary);
        // Migrated and seeded once, then copied: the copy is the replica, as it stood at that moment.
        await using (var first = new PortalFactory(DatabaseProvider.Postgres, primary))
        {
            using var client = first.CreateClient();
            (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
        }
        NpgsqlConnection.ClearAllPools();
        _replica = "ssc_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(Admin))
        {
            await admin.OpenAsync();
            await using var copy = new NpgsqlCommand($"CREATE DATABASE \"{_replica}\" TEMPLATE \"{_primary}\"", admin);
            await copy.ExecuteNonQueryAsync();
        }
        _portal = new PortalFactory(DatabaseProvider.Postgres, primary, new Dictionary<string, string?>
        {
            ["ConnectionStrings:PostgresReadOnly"] = ReplicaConnection,
            ["Caching:AnonymousPages"] = "false",
            ["Database:StatementTimeoutSeconds"] = "1",
        });
        using var ready = _portal.CreateClient();
        (await ready.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (_portal is not null) await _portal.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (_primary is not null) await PostgresDatabases.DropAsync(Admin, _primary);
        if (_replica is not null) await PostgresDatabases.DropAsync(Admin, _replica);
    }

    /// <summary>A published initiative written straight into the replica's database, which the primary never has.</summary>
    private async Task<string> OnlyOnTheReplicaAsync()
    {
        var title = TestData.Unique("Only on the replica");
        var options = new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(PostgresDatabases.ConnectionStringFor(Admin, _replica!)).Options;
        await using var replica = new PostgresAppDbContext(options);
        var owner = new Actor { Name = TestData.Unique("Replica owner"), Type = ActorType.NationalCso, CountryCode = "BR", IsVerified = true, CreatedAt = DateTime.UtcNow };
        replica.Actors.Add(owner);
        await replica.SaveChangesAsync();
        var initiative = new Initiative
        {
            Title = title, Summary = "Written to the replica only.", Modality = Modality.Bilateral, Instrument = Instrument.Project,
            Status = ActivityStatus.Implementation, OwnerId = owner.Id, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        initiative.Actors.Add(new InitiativeActor { ActorId = owner.Id, Role = ActorRole.Lead });
        initiative.Countries.Add(new InitiativeCountry { CountryCode = "BR", Role = CountryRole.Provider });
        initiative.Countries.Add(new InitiativeCountry { CountryCode = "PY", Role = CountryRole.Recipient });
        initiative.Publish(DateTime.UtcNow);
        replica.Initiatives.Add(initiative);
        await replica.SaveChangesAsync();
        return title;
    }

    [Fact]
    public async Task The_public_exports_and_feeds_read_from_the_replica()
    {
        var replicaOnly = await OnlyOnTheReplicaAsync();
        var primaryOnly = TestData.Unique("Only on the primary");
        await Portal.InitiativeAsync(await Portal.ActorAsync(), "BR", "PY", DateTime.UtcNow, title: primaryOnly);
        using var anonymous = Portal.CreateClient();

        foreach (var url in new[] { "/export/initiatives.csv", "/feeds/initiatives.atom" })
        {
            var body = await anonymous.GetStringAsync(new Uri(url, UriKind.Relative));
            Assert.True(body.Contains(replicaOnly, StringComparison.Ordinal), $"{url} was not read from the replica");
            Assert.DoesNotContain(primaryOnly, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_catalogues_shared_computations_read_the_replica_except_just_after_a_content_change()
    {
        var replicaOnly = await OnlyOnTheReplicaAsync();
        var clock = new SettableClock();
        await using var portal = new PortalFactory(DatabaseProvider.Postgres, PostgresDatabases.ConnectionStringFor(Admin, _primary!), new Dictionary<string, string?>
        {
            ["ConnectionStrings:PostgresReadOnly"] = ReplicaConnection,
            ["Caching:AnonymousPages"] = "false",
            ["Database:ReadYourWritesSeconds"] = "10",
        }, services: services => services.AddSingleton<TimeProvider>(clock));
        using var anonymous = portal.CreateClient();
        (await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
        var cache = portal.Services.GetRequiredService<SscPortal.Web.Caching.CatalogueCache>();
        async Task<bool> ShowsReplicaOnly(string url) => (await anonymous.GetStringAsync(new Uri(url, UriKind.Relative))).Contains(replicaOnly, StringComparison.Ordinal);

        // Long after any change: the counts and the page of results, computed once for every reader, come from the replica.
        clock.At = DateTimeOffset.UtcNow.AddHours(1);
        Assert.True(await ShowsReplicaOnly("/initiatives"), "the catalogue was not read from the replica");
        // A change (here, or heard from another instance): for the read-your-writes window they come from the primary.
        cache.Invalidate();
        Assert.False(await ShowsReplicaOnly("/initiatives"), "right after a change, the catalogue was read from a replica that may lag");
        // Past the window: the replica again.
        clock.At = clock.At.Value.AddSeconds(11);
        Assert.True(await ShowsReplicaOnly("/initiatives?modality=bilateral"), "past the window, the catalogue was not read from the replica");
    }

    [Fact]
    public async Task A_write_goes_to_the_primary_and_the_writer_reads_the_primary_for_a_while_while_others_read_the_replica()
    {
        var replicaOnly = await OnlyOnTheReplicaAsync();
        await using var world = await AccessWorld.CreateAsync(Portal);
        var title = TestData.Unique("Published on the primary");
        var id = await Portal.InitiativeAsync(world.CsoA, "BR", "PY", publishedAt: null, title: title);
        var writer = await world.BrowserAsync(Role.CsoAdmin);

        using var published = await writer.PostCraftedAsync($"/initiatives/{id}?handler=Publish", [new("Version", "1")]);

        Assert.True(published.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"publishing answered {(int)published.StatusCode}");
        Assert.True(await Portal.WithDatabaseAsync(db => db.Initiatives.AnyAsync(i => i.Id == id && i.PublishedAt != null)), "the write did not reach the primary");
        // The writer, right after: the primary (what they just published is there; the replica's own record is not).
        var writersExport = await writer.Http.GetStringAsync(new Uri("/export/initiatives.csv", UriKind.Relative));
        Assert.Contains(title, writersExport, StringComparison.Ordinal);
        Assert.DoesNotContain(replicaOnly, writersExport, StringComparison.Ordinal);
        // Anyone else: the replica, which has not (here: never) caught up.
        using var anonymous = Portal.CreateClient();
        var othersExport = await anonymous.GetStringAsync(new Uri("/export/initiatives.csv", UriKind.Relative));
        Assert.Contains(replicaOnly, othersExport, StringComparison.Ordinal);
        Assert.DoesNotContain(title, othersExport, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_read_your_writes_cookie_holds_until_its_time_and_no_longer()
    {
        var replicaOnly = await OnlyOnTheReplicaAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        async Task<bool> ReadsReplica(long until)
        {
            using var client = Portal.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/export/initiatives.csv", UriKind.Relative));
            request.Headers.Add("Cookie", $"{ReadYourWrites.CookieName}={until}");
            using var response = await client.SendAsync(request);
            return (await response.Content.ReadAsStringAsync()).Contains(replicaOnly, StringComparison.Ordinal);
        }

        Assert.False(await ReadsReplica(now + 30));
        Assert.True(await ReadsReplica(now - 1));
    }

    [Fact]
    public async Task The_replica_session_cannot_write_and_the_read_only_context_cannot_save()
    {
        await Portal.WithServicesAsync(async services =>
        {
            // As in a GET request by a reader who has written nothing.
            services.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { Request = { Method = "GET" } };
            var read = services.GetRequiredKeyedService<AppDbContext>(ReadOnlyDb.Key);

            Assert.Equal(ReplicaApplication, await ReadOnlyContextOnPostgres.Setting(read, "application_name"));
            Assert.Equal(_replica, await read.Database.SqlQueryRaw<string>("SELECT current_database() AS \"Value\"").SingleAsync());
            var refused = await Assert.ThrowsAsync<PostgresException>(() => read.Database.ExecuteSqlRawAsync("UPDATE \"Countries\" SET \"NameEn\" = \"NameEn\""));
            Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, refused.SqlState);
            read.Countries.Add(new Country { Code = "QQ", NameEn = "Nowhere", NameEs = "Nowhere", NamePt = "Nowhere", NameFr = "Nowhere" });
            await Assert.ThrowsAsync<InvalidOperationException>(() => read.SaveChangesAsync());
        });
        await Portal.WithServicesAsync(async services =>
        {
            // A POST reads from the primary, on the primary's own connection.
            services.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { Request = { Method = "POST" } };
            var read = services.GetRequiredKeyedService<AppDbContext>(ReadOnlyDb.Key);
            Assert.Same(services.GetRequiredService<AppDbContext>().Database.GetDbConnection(), read.Database.GetDbConnection());
            Assert.Equal(_primary, await read.Database.SqlQueryRaw<string>("SELECT current_database() AS \"Value\"").SingleAsync());
        });
    }

    [Fact]
    public async Task A_statement_longer_than_the_limit_is_stopped_and_is_not_called_an_outage()
    {
        await Portal.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            Assert.Equal("1s", await ReadOnlyContextOnPostgres.Setting(db, "statement_timeout"));
            var stopped = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("SELECT pg_sleep(3)"));
            Assert.Equal(PostgresErrorCodes.QueryCanceled, stopped.SqlState);
            Assert.Equal(DatabaseFailure.TimedOut, DatabaseErrors.Classify(stopped));
        });
    }

    [Fact]
    public async Task A_request_whose_query_is_stopped_gets_a_clear_503_page_or_problem()
    {
        // Another session holds the initiatives table (as a long statement would): the reads wait, and the timeout stops them.
        await using var holder = new NpgsqlConnection(PostgresDatabases.ConnectionStringFor(Admin, _replica!));
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE \"Initiatives\" IN ACCESS EXCLUSIVE MODE", holder, transaction))
            await lockTable.ExecuteNonQueryAsync();
        using var anonymous = Portal.CreateClient();

        // The exports read before they send anything: the clear answer, not a file cut short (or closed empty) after its start.
        foreach (var export in new[] { "/export/initiatives.csv", "/export/iati/activities.xml" })
        {
            using var page = await anonymous.GetAsync(new Uri($"{export}?q={TestData.Word()}", UriKind.Relative));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            var text = await page.Content.ReadAsStringAsync();
            Assert.Contains("This question took too long to answer", text, StringComparison.Ordinal);
            Assert.DoesNotContain("cannot reach its database", text, StringComparison.Ordinal);
        }
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task An_api_request_whose_query_is_stopped_gets_a_503_problem_that_says_so()
    {
        // The API's initiatives are read from the replica (the read-only context).
        await using var holder = new NpgsqlConnection(PostgresDatabases.ConnectionStringFor(Admin, _replica!));
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE \"Initiatives\" IN ACCESS EXCLUSIVE MODE", holder, transaction))
            await lockTable.ExecuteNonQueryAsync();
        using var anonymous = Portal.CreateClient();

        using var answer = await anonymous.GetAsync(new Uri("/api/v1/initiatives?q=" + TestData.Word(), UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains("took longer than the portal allows", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await transaction.RollbackAsync();
    }
}
