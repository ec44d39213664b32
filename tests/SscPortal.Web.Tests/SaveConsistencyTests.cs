using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// What a save leaves behind stays in step with what was saved, whatever the code that saved had loaded: search finds every
/// language's title and the organisations' current names, and the public page caches never keep content older than the
/// last commit.
/// </summary>
public abstract class SaveConsistencyTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private async Task<List<int>> FoundAsync(string search)
    {
        using var reader = Portal.CreateBrowser();
        var page = await reader.GetOkAsync($"/initiatives?q={Uri.EscapeDataString(search)}");
        // On PostgreSQL a search that matches no word offers titles close to it instead (every test word starts "zq", so
        // other tests' titles, or this test's new one, can come close). Those are not matches: only real ones count here.
        if (page.Document.QuerySelectorAll("p.notice[role=status]").Any(p => p.TextContent.Contains(search, StringComparison.Ordinal))) return [];
        return page.Document.QuerySelectorAll(".initiative-card h3 a")
            .Select(a => int.Parse(a.GetAttribute("href")!["/initiatives/".Length..], CultureInfo.InvariantCulture)).ToList();
    }

    private Task<int> TranslateAsync(int id, string language, string title) =>
        Portal.WithDatabaseAsync(async db =>
        {
            db.Add(new InitiativeTranslation { InitiativeId = id, Language = language, Title = title, Summary = "Resumen de una prueba." });
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task Publishing_through_the_page_keeps_the_spanish_title_searchable()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var spanish = TestData.Word();
        var id = await Portal.InitiativeAsync(world.CsoA, "PE", "BO", publishedAt: null, title: $"Seed banks for {TestData.Word()} farmers");
        await TranslateAsync(id, "es", $"Bancos de semillas {spanish} para agricultores");
        using var admin = await world.BrowserAsync(Role.CsoAdmin);

        await admin.SubmitAsync(await admin.GetOkAsync($"/initiatives/{id}"), "form[action*='handler=Publish']", new Dictionary<string, string>());

        Assert.Equal(PublicationState.Published, await Portal.WithDatabaseAsync(db => db.Initiatives.Where(i => i.Id == id).Select(i => i.Publication).SingleAsync()));
        Assert.Equal([id], await FoundAsync(spanish));
    }

    [Fact]
    public async Task A_translation_saved_alone_and_a_title_changed_without_loading_anything_else_are_both_searchable()
    {
        var owner = await Portal.ActorAsync();
        var (oldTitle, newTitle, portuguese) = (TestData.Word(), TestData.Word(), TestData.Word());
        var id = await Portal.InitiativeAsync(owner, "PE", "BO", DateTime.UtcNow.AddMinutes(-5), title: $"Water {oldTitle}");

        // The initiative itself is not loaded: only its new translation is saved.
        await TranslateAsync(id, "pt", $"Água {portuguese}");
        // The initiative is loaded without its translations, countries or organisations, and renamed.
        await Portal.WithDatabaseAsync(async db =>
        {
            (await db.Initiatives.SingleAsync(i => i.Id == id)).Title = $"Water {newTitle}";
            return await db.SaveChangesAsync();
        });

        Assert.Equal([id], await FoundAsync(portuguese));
        Assert.Equal([id], await FoundAsync(newTitle));
        Assert.Empty(await FoundAsync(oldTitle));
        Assert.Equal([id], await FoundAsync($"{newTitle} Bolivia"));
    }

    [Fact]
    public async Task Renaming_an_organisation_reindexes_every_initiative_it_takes_part_in()
    {
        var (oldName, newName, newAcronym) = (TestData.Word(), TestData.Word(), TestData.Word());
        var organisation = await Portal.ActorAsync(ActorType.NationalCso, $"Red {oldName} de mujeres rurales");
        var owner = await Portal.ActorAsync();
        var owned = new List<int>();
        for (var i = 0; i < 3; i++) owned.Add(await Portal.InitiativeAsync(organisation, "PE", "BO", DateTime.UtcNow.AddMinutes(-5)));
        var partnered = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
        await Portal.WithDatabaseAsync(async db =>
        {
            db.Add(new InitiativeActor { InitiativeId = partnered, ActorId = organisation.Id, Role = ActorRole.Implementing });
            return await db.SaveChangesAsync();
        });
        Assert.Equal([.. owned, partnered], (await FoundAsync(oldName)).Order());

        // No page edits an organisation's name yet: it changes in the database, with nothing else loaded.
        await Portal.WithDatabaseAsync(async db =>
        {
            var actor = await db.Actors.SingleAsync(a => a.Id == organisation.Id);
            actor.Name = $"Alianza {newName} de mujeres rurales";
            actor.Acronym = newAcronym.ToUpperInvariant();
            return await db.SaveChangesAsync();
        });

        Assert.Equal([.. owned, partnered], (await FoundAsync(newName)).Order());
        Assert.Equal([.. owned, partnered], (await FoundAsync(newAcronym)).Order());
        // None of them is found by the old name any more. (On PostgreSQL a search that matches no word falls back to titles
        // close to it, which may be other tests' records; only these four are this test's to judge.)
        Assert.Empty((await FoundAsync(oldName)).Intersect([.. owned, partnered]));
    }

    [Fact]
    public async Task A_reader_between_a_save_and_its_commit_does_not_keep_the_old_page_in_the_cache()
    {
        var owner = await Portal.ActorAsync();
        var id = await Portal.InitiativeAsync(owner, "PE", "PY", DateTime.UtcNow.AddMinutes(-5), title: "Before the change");
        using var reader = Portal.CreateBrowser();
        await reader.GetOkAsync($"/initiatives/{id}");

        await Portal.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<Web.Data.AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            (await db.Initiatives.SingleAsync(i => i.Id == id)).Title = "After the change";
            await db.SaveChangesAsync();

            // Saved, not yet committed: a reader still sees the committed page, and may keep it.
            var between = await reader.GetOkAsync($"/initiatives/{id}");
            Assert.Equal("Before the change", between.Document.QuerySelector("h1")!.TextContent.Trim());

            await transaction.CommitAsync();
        });
        var after = await reader.GetOkAsync($"/initiatives/{id}");

        Assert.Equal("After the change", after.Document.QuerySelector("h1")!.TextContent.Trim());
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SaveConsistencyOnSqlite(SqlitePortalFixture fixture) : SaveConsistencyTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class SaveConsistencyOnPostgres(PostgresPortalFixture fixture) : SaveConsistencyTests(fixture);
