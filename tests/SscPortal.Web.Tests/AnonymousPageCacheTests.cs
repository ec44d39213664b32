using Microsoft.EntityFrameworkCore;
using SscPortal.Web.Caching;
using System.Net;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Public pages are kept whole for anonymous readers (Caching/AnonymousPageCache.cs): a second reader gets the kept copy,
/// but never a signed-in person, never another language's copy, and never a copy older than the last saved change.
/// A kept response carries an Age header; a freshly rendered one does not.
/// </summary>
public abstract class AnonymousPageCacheTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private static bool FromCache(HtmlClient.Page page) => page.Response.Headers.Age is not null;

    [Fact]
    public async Task A_second_anonymous_reader_gets_the_kept_page()
    {
        var owner = await Portal.ActorAsync();
        var title = TestData.Word();
        await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), title: title);
        using var first = Portal.CreateBrowser();
        using var second = Portal.CreateBrowser();

        var rendered = await first.GetOkAsync($"/initiatives?q={title}");
        var kept = await second.GetOkAsync($"/initiatives?q={title}");

        Assert.False(FromCache(rendered));
        Assert.True(FromCache(kept));
        Assert.Equal(rendered.Document.QuerySelector("main")!.TextContent, kept.Document.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_saved_change_is_shown_at_once()
    {
        var owner = await Portal.ActorAsync();
        var id = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), title: "Before the change");
        using var reader = Portal.CreateBrowser();
        await reader.GetOkAsync($"/initiatives/{id}");
        Assert.True(FromCache(await reader.GetOkAsync($"/initiatives/{id}")));

        await Portal.WithDatabaseAsync(async db =>
        {
            (await db.Initiatives.FindAsync(id))!.Title = "After the change";
            return await db.SaveChangesAsync();
        });
        var page = await reader.GetOkAsync($"/initiatives/{id}");

        Assert.False(FromCache(page));
        Assert.Equal("After the change", page.Document.QuerySelector("h1")!.TextContent.Trim());
    }

    /// <summary>A change made in bulk, without the change tracker (ExecuteUpdate), is shown at once too, on either database.</summary>
    [Fact]
    public async Task A_change_made_in_bulk_is_shown_at_once()
    {
        var owner = await Portal.ActorAsync();
        var id = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), title: "Before the bulk change");
        using var reader = Portal.CreateBrowser();
        await reader.GetOkAsync($"/initiatives/{id}");
        Assert.True(FromCache(await reader.GetOkAsync($"/initiatives/{id}")));

        Assert.Equal(1, await Portal.WithDatabaseAsync(db => db.Initiatives.Where(i => i.Id == id).ExecuteUpdateAsync(u => u.SetProperty(i => i.Title, "After the bulk change"))));
        var page = await reader.GetOkAsync($"/initiatives/{id}");

        Assert.False(FromCache(page));
        Assert.Equal("After the bulk change", page.Document.QuerySelector("h1")!.TextContent.Trim());
    }

    /// <summary>
    /// Which statements changing rows in bulk count as a change to the content, by the table they change, in the SQL each
    /// database's provider writes: the portal's bookkeeping (mail, notifications, staged imports) and what only its owner
    /// sees (follows, accounts) do not; a table the model does not know, or a statement not understood, does.
    /// </summary>
    [Theory]
    [InlineData("UPDATE \"Actors\" AS a\nSET \"IatiIdentifier\" = @p", true)]
    [InlineData("UPDATE \"Actors\" AS \"a\"\nSET \"IatiIdentifier\" = @p", true)]
    [InlineData("DELETE FROM \"EvidenceFiles\" AS e\nWHERE e.\"Id\" = @id", true)]
    [InlineData("DELETE FROM \"EvidenceFiles\" AS \"e\"\nWHERE \"e\".\"Id\" = @id", true)]
    [InlineData("UPDATE \"Events\" AS e\nSET \"RegisteredCount\" = e.\"RegisteredCount\" + 1", true)]
    [InlineData("UPDATE \"OutboxMessages\" AS o\nSET \"ClaimedBy\" = @claim", false)]
    [InlineData("DELETE FROM \"OutboxMessages\" AS \"o\"\nWHERE \"o\".\"Status\" = 2", false)]
    [InlineData("UPDATE \"Notifications\" AS n\nSET \"ReadAt\" = @now", false)]
    [InlineData("DELETE FROM \"IatiImportActivities\" AS i\nWHERE i.\"ImportId\" = @id", false)]
    [InlineData("DELETE FROM \"Follows\" AS f\nWHERE f.\"Id\" = @id", false)]
    [InlineData("UPDATE \"SomethingNew\" AS s\nSET \"X\" = 1", true)]
    [InlineData("-- a comment first\nUPDATE \"OutboxMessages\" AS o SET \"X\" = 1", true)]
    public async Task A_change_made_in_bulk_counts_by_the_table_it_changes(string sql, bool counts) =>
        Assert.Equal(counts, await Portal.WithDatabaseAsync(db => Task.FromResult(ContentChangeWatcher.ChangesPublicContent(db.Model, sql))));

    [Fact]
    public async Task Each_language_has_its_own_copy()
    {
        using var english = Portal.CreateBrowser();
        using var spanish = Portal.CreateBrowser();
        spanish.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var address = $"/principles?visit={TestData.Word()}";

        await english.GetOkAsync(address);
        var page = await spanish.GetOkAsync(address);

        Assert.False(FromCache(page));
        Assert.Equal("es", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("es", (await spanish.GetOkAsync(address)).Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task A_signed_in_person_never_gets_the_anonymous_copy_nor_leaves_theirs()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var address = $"/initiatives?visit={TestData.Word()}";
        using var anonymous = Portal.CreateBrowser();
        await anonymous.GetOkAsync(address);
        using var member = await world.BrowserAsync(Role.CsoMember);

        var signedIn = await member.GetOkAsync(address);
        var again = await member.GetOkAsync(address);

        Assert.True(signedIn.IsSignedIn);
        Assert.False(FromCache(signedIn));
        Assert.False(FromCache(again));
        Assert.False((await anonymous.GetOkAsync(address)).IsSignedIn);
    }

    [Fact]
    public async Task A_page_that_is_not_found_is_not_kept()
    {
        using var reader = Portal.CreateBrowser();

        await reader.GetAsync("/initiatives/987654321");
        var again = await reader.GetAsync("/initiatives/987654321");

        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Assert.False(FromCache(again));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class AnonymousPageCacheOnSqlite(SqlitePortalFixture fixture) : AnonymousPageCacheTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class AnonymousPageCacheOnPostgres(PostgresPortalFixture fixture) : AnonymousPageCacheTests(fixture);
