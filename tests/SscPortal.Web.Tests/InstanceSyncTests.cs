using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SscPortal.Domain;
using SscPortal.Web.Caching;
using SscPortal.Web.Data;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>Two portal instances on one PostgreSQL database, as behind a load balancer.</summary>
public sealed class TwoInstancesFixture : IAsyncLifetime
{
    private string? _database;
    private PortalFactory? _a, _b;

    public PortalFactory A => Require(_a);
    public PortalFactory B => Require(_b);
    public string ConnectionString { get; private set; } = "";

    private static PortalFactory Require(PortalFactory? portal)
    {
        if (portal is not null) return portal;
        const string why = "The two-instance tests need PostgreSQL: set SSC_TEST_POSTGRES (README, \"Running the tests on PostgreSQL\").";
        if (TestSettings.RequirePostgres) Assert.Fail(why);
        Assert.Skip(why);
        return null!;
    }

    public async ValueTask InitializeAsync()
    {
        if (TestSettings.PostgresAdminConnection is not { } admin) return;
        _database = await PostgresDatabases.CreateAsync(admin);
        ConnectionString = PostgresDatabases.ConnectionStringFor(admin, _database);
        // One after the other: the first migrates and seeds, the second finds it done (as a rolling start would).
        _a = await StartAsync();
        _b = await StartAsync();
    }

    private async Task<PortalFactory> StartAsync()
    {
        var portal = new PortalFactory(DatabaseProvider.Postgres, ConnectionString);
        using var client = portal.CreateClient();
        (await client.GetAsync("/health/ready")).EnsureSuccessStatusCode();
        return portal;
    }

    public async ValueTask DisposeAsync()
    {
        if (_b is not null) await _b.DisposeAsync();
        if (_a is not null) await _a.DisposeAsync();
        if (_database is not null && TestSettings.PostgresAdminConnection is { } admin) await PostgresDatabases.DropAsync(admin, _database);
    }
}

/// <summary>
/// A change saved on one instance is seen on the other within a second (Caching/InstanceSync.cs): its kept pages and counts
/// are dropped, only after the commit, never for a rolled-back change, also after the listening connection was cut.
/// The deadline below only bounds the wait (the kept pages would otherwise live a minute); bench/two-instances.sh measures
/// the window itself.
/// </summary>
public sealed class InstanceSyncTests(TwoInstancesFixture instances) : IClassFixture<TwoInstancesFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    private static bool FromCache(HtmlClient.Page page) => page.Response.Headers.Age is not null;

    /// <summary>Asks until <paramref name="done"/> holds or the deadline passes; says whether it held.</summary>
    private static async Task<bool> WithinDeadlineAsync(Func<Task<bool>> done, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? Deadline);
        while (true)
        {
            if (await done()) return true;
            if (DateTime.UtcNow > until) return false;
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<bool> ListsAsync(HtmlClient reader, string title) =>
        (await reader.GetOkAsync($"/initiatives?q={title}")).Document.QuerySelectorAll("main a").Any(a => a.TextContent.Contains(title, StringComparison.Ordinal));

    private static Task<int> UnpublishAsync(PortalFactory portal, int id) => portal.WithDatabaseAsync(async db =>
    {
        (await db.Initiatives.FindAsync(id))!.Unpublish("withdrawn by a test");
        return await db.SaveChangesAsync();
    });

    /// <summary>A published initiative that instance B lists and keeps in its caches (its catalogue page and its own page).</summary>
    private async Task<(int Id, string Title)> KeptOnBAsync(HtmlClient reader)
    {
        var owner = await instances.A.ActorAsync();
        var title = TestData.Word();
        var id = await instances.A.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), title: title);
        Assert.True(await WithinDeadlineAsync(() => ListsAsync(reader, title)));
        // The news of A's saves reaches B a moment later and starts its caches afresh: asked again, B keeps the pages.
        async Task<bool> KeptAsync(string address)
        {
            await reader.GetOkAsync(address);
            return FromCache(await reader.GetOkAsync(address));
        }
        Assert.True(await WithinDeadlineAsync(() => KeptAsync($"/initiatives?q={title}")));
        Assert.True(await WithinDeadlineAsync(() => KeptAsync($"/initiatives/{id}")));
        Assert.True(FromCache(await reader.GetOkAsync($"/initiatives?q={title}")));
        return (id, title);
    }

    /// <summary>A host may stop the service after its container disposed it (a start given up under load): that stop must not fail.</summary>
    [Fact]
    public async Task Stopping_the_news_after_it_was_disposed_does_not_fail_the_hosts_stop()
    {
        var sync = new InstanceSync(instances.A.Services.GetRequiredService<CatalogueCache>(), instances.ConnectionString,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<InstanceSync>.Instance);
        await sync.StartAsync(TestContext.Current.CancellationToken);
        await sync.DisposeAsync();
        Assert.Null(await Record.ExceptionAsync(() => sync.StopAsync(TestContext.Current.CancellationToken)));
        Assert.Null(await Record.ExceptionAsync(async () => await sync.DisposeAsync()));
    }

    [Fact]
    public async Task A_record_unpublished_on_one_instance_leaves_the_others_kept_pages_within_a_second()
    {
        using var reader = instances.B.CreateBrowser();
        var (id, title) = await KeptOnBAsync(reader);
        // A signed-in reader never gets the anonymous page cache, but B keeps the record's page for them too (RecordPageCache).
        using var member = await instances.B.BrowserOfAsync(await instances.B.MemberAsync(await instances.B.ActorAsync(), MembershipRole.Member, MembershipStatus.Active));
        await member.GetOkAsync($"/initiatives/{id}");
        await member.GetOkAsync($"/initiatives/{id}?again=1");

        await UnpublishAsync(instances.A, id);

        Assert.True(await WithinDeadlineAsync(async () => !await ListsAsync(reader, title)), "instance B still lists the unpublished record");
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/initiatives/{id}")).Status);
        Assert.True(await WithinDeadlineAsync(async () => (await member.GetAsync($"/initiatives/{id}?after=1")).Status == HttpStatusCode.NotFound),
            "instance B still shows the unpublished record to a signed-in reader");
    }

    [Fact]
    public async Task A_change_tells_the_other_instances_only_once_committed_and_a_rolled_back_one_never()
    {
        var a = instances.A.Services.GetRequiredService<CatalogueCache>();
        var b = instances.B.Services.GetRequiredService<CatalogueCache>();
        var owner = await instances.A.ActorAsync();
        var id = await instances.A.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        var told = 0;
        void Count() => Interlocked.Increment(ref told);
        a.ChangedHere += Count;
        try
        {
            await instances.A.WithDatabaseAsync(async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                (await db.Initiatives.FindAsync(id))!.Title = "Never committed";
                await db.SaveChangesAsync();
                await transaction.RollbackAsync();
                return 0;
            });
            Assert.Equal(0, told);

            var seenOnB = b.Generation;
            await instances.A.WithDatabaseAsync(async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                (await db.Initiatives.FindAsync(id))!.Title = "Committed";
                await db.SaveChangesAsync();
                Assert.Equal(0, told);
                await transaction.CommitAsync();
                return 0;
            });
            Assert.Equal(1, told);
            Assert.True(await WithinDeadlineAsync(() => Task.FromResult(b.Generation > seenOnB)), "instance B never heard of the committed change");
        }
        finally
        {
            a.ChangedHere -= Count;
        }
    }

    /// <summary>
    /// A statement changing rows without the change tracker (ExecuteUpdate, ExecuteDelete: an organisation's IATI identifier,
    /// a discarded file) tells the other instances as a save does, once committed; one that changes no row, or only the
    /// portal's bookkeeping (mail being claimed and sent), does not.
    /// </summary>
    [Fact]
    public async Task A_change_made_in_bulk_tells_the_other_instances_once_committed_and_bookkeeping_does_not()
    {
        var a = instances.A.Services.GetRequiredService<CatalogueCache>();
        var b = instances.B.Services.GetRequiredService<CatalogueCache>();
        var owner = await instances.A.ActorAsync();
        var mail = await instances.A.WithDatabaseAsync(async db =>
        {
            var sent = new SscPortal.Web.Mail.OutboxMessage
            {
                To = "someone@example.org", Subject = "Sent", Kind = "test", Status = SscPortal.Web.Mail.OutboxStatus.Sent,
                CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow, SentAt = DateTime.UtcNow,
            };
            db.OutboxMessages.Add(sent);
            await db.SaveChangesAsync();
            return sent.Id;
        });
        var told = 0;
        void Count() => Interlocked.Increment(ref told);
        a.ChangedHere += Count;
        try
        {
            var identifier = $"XM-DAC-{TestData.Word()}";
            await instances.A.WithDatabaseAsync(db => db.Actors.Where(x => x.Id == owner.Id && x.IatiIdentifier == "never").ExecuteUpdateAsync(u => u.SetProperty(x => x.IatiIdentifier, identifier)));
            await instances.A.WithDatabaseAsync(db => db.OutboxMessages.Where(m => m.Id == mail).ExecuteUpdateAsync(u => u.SetProperty(m => m.Attempts, m => m.Attempts + 1)));
            Assert.Equal(0, told);

            await instances.A.WithDatabaseAsync(async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                await db.Actors.Where(x => x.Id == owner.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IatiIdentifier, identifier + "-rolled-back"));
                await transaction.RollbackAsync();
                return 0;
            });
            Assert.Equal(0, told);

            var seenOnB = b.Generation;
            await instances.A.WithDatabaseAsync(async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                Assert.Equal(1, await db.Actors.Where(x => x.Id == owner.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IatiIdentifier, identifier)));
                Assert.Equal(0, told);
                await transaction.CommitAsync();
                return 0;
            });
            Assert.Equal(1, told);
            Assert.True(await WithinDeadlineAsync(() => Task.FromResult(b.Generation > seenOnB)), "instance B never heard of the committed change");

            // Outside a transaction: at once.
            await instances.A.WithDatabaseAsync(db => db.Actors.Where(x => x.Id == owner.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IatiIdentifier, (string?)null)));
            Assert.Equal(2, told);
        }
        finally
        {
            a.ChangedHere -= Count;
        }
    }

    [Fact]
    public async Task An_instance_whose_listening_connection_is_cut_listens_again_and_catches_up()
    {
        var sync = instances.B.Services.GetRequiredService<InstanceSync>();
        using var reader = instances.B.CreateBrowser();
        var (id, title) = await KeptOnBAsync(reader);
        await using var database = new NpgsqlConnection(instances.ConnectionString);
        await database.OpenAsync(TestContext.Current.CancellationToken);
        async Task<int?> ListenerAsync()
        {
            await using var find = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE application_name = $1", database);
            find.Parameters.Add(new NpgsqlParameter { Value = "SSC Portal cache listener " + sync.InstanceId });
            return await find.ExecuteScalarAsync(TestContext.Current.CancellationToken) as int?;
        }
        var cut = await ListenerAsync();
        Assert.NotNull(cut);

        await using (var terminate = new NpgsqlCommand("SELECT pg_terminate_backend($1)", database))
        {
            terminate.Parameters.Add(new NpgsqlParameter { Value = cut.Value });
            Assert.Equal(true, await terminate.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }
        Assert.True(await WithinDeadlineAsync(async () => await ListenerAsync() is { } pid && pid != cut && sync.IsListening), "instance B never listened again");
        await UnpublishAsync(instances.A, id);

        Assert.True(await WithinDeadlineAsync(async () => !await ListsAsync(reader, title)), "instance B still lists the unpublished record");
    }
}
