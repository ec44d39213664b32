using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Domain;
using SscPortal.Web.Data.Seed;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// The principles as a visitor reads them: each cites the document and paragraph it comes from and nothing about how
/// the portal's data was prepared; names in the reader's language, codes only where they serve as identifiers;
/// lists a screen reader can announce; and an existing database brought up to date on start.
/// </summary>
public abstract class PrincipleTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task The_principles_cite_document_and_paragraph_and_say_nothing_about_how_the_data_was_prepared()
    {
        using var visitor = Portal.CreateBrowser();

        var list = await visitor.GetOkAsync("/principles");
        var selfReliance = await visitor.GetOkAsync("/principles/self-reliance");
        var horizontality = await visitor.GetOkAsync("/principles/horizontality");

        foreach (var page in new[] { list, selfReliance, horizontality })
        {
            // What the portal says of the principles, without the initiatives and assessments listed under them (other tests'
            // titles may say anything).
            foreach (var listed in page.Document.QuerySelectorAll("ol.cards, table").ToList()) listed.Remove();
            var text = page.Document.Body!.TextContent;
            Assert.DoesNotContain("seed", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("not quoted", text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("A/RES/33/134", selfReliance.Text, StringComparison.Ordinal);
        Assert.Contains("para 15", selfReliance.Text, StringComparison.Ordinal);
        Assert.Contains("BAPA+40", horizontality.Text, StringComparison.Ordinal);
        Assert.Contains("IBON International", horizontality.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_spanish_the_principles_list_shows_their_names_and_no_english_codes()
    {
        using var visitor = Portal.CreateBrowser();

        var page = await visitor.GetOkAsync("/principles?culture=es");

        Assert.Equal("es", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Respeto de la soberanía nacional", page.Text, StringComparison.Ordinal);
        var codes = ReferenceDataSeeder.Principles().Select(p => p.Code).ToList();
        Assert.All(codes, code => Assert.DoesNotContain($"({code})", page.Text, StringComparison.Ordinal));
        Assert.DoesNotContain("national-sovereignty", page.Text, StringComparison.Ordinal);
        // The code stays an identifier: in the address, and on the principle's own page for spreadsheets.
        Assert.NotNull(page.Document.QuerySelector("a[href='/principles/national-sovereignty']"));
        var details = await visitor.GetOkAsync("/principles/national-sovereignty?culture=es");
        Assert.Equal("national-sovereignty", details.Document.QuerySelector("code[translate=no]")?.TextContent);
    }

    [Fact]
    public async Task Starting_the_portal_brings_the_principles_of_an_existing_database_up_to_date()
    {
        const string Old = "Buenos Aires Plan of Action for TCDC (1978); its text is not in the seeds.";
        await Portal.WithDatabaseAsync(async db =>
        {
            var principle = await db.Principles.SingleAsync(p => p.Code == "self-reliance");
            (principle.Source, principle.Paragraph) = (Old, "BAPA objectives (not quoted in seeds)");
            return await db.SaveChangesAsync();
        });

        await Portal.WithServicesAsync(services => services.GetRequiredService<ReferenceDataSeeder>().SeedAsync());

        var updated = await Portal.WithDatabaseAsync(db => db.Principles.AsNoTracking().SingleAsync(p => p.Code == "self-reliance"));
        var shipped = ReferenceDataSeeder.Principles().Single(p => p.Code == "self-reliance");
        Assert.Equal((shipped.Source, shipped.Paragraph), (updated.Source, updated.Paragraph));
        Assert.DoesNotContain("seed", updated.Source, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_list_on_the_principle_pages_holds_only_list_items()
    {
        // axe's "list" rule: an <ol> or <ul> may hold only <li> (and script or template) children.
        var owner = await Portal.ActorAsync(ActorType.Government);
        var initiative = await Portal.InitiativeAsync(owner, "PE", "BO", DateTime.UtcNow.AddMinutes(-1), title: TestData.Unique("Claims mutual benefit"));
        await Portal.WithDatabaseAsync(async db =>
        {
            db.Set<InitiativePrinciple>().Add(new InitiativePrinciple { InitiativeId = initiative, PrincipleCode = "mutual-benefit" });
            return await db.SaveChangesAsync();
        });
        using var visitor = Portal.CreateBrowser();

        foreach (var address in new[] { "/principles/mutual-benefit", "/principles", "/assessments", "/" })
        {
            var page = await visitor.GetOkAsync(address);
            var strays = page.Document.QuerySelectorAll("ol > :not(li):not(script):not(template), ul > :not(li):not(script):not(template)")
                .Select(e => $"{e.ParentElement!.LocalName}.{e.ParentElement.ClassName} > {e.LocalName}").ToList();
            Assert.True(strays.Count == 0, $"{address}: {string.Join(", ", strays)}");
        }
        var claims = await visitor.GetOkAsync("/principles/mutual-benefit");
        Assert.NotNull(claims.Document.QuerySelector($"ol.cards > li a[href='/initiatives/{initiative}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/principles/not-a-principle")).Status);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class PrinciplesOnSqlite(SqlitePortalFixture fixture) : PrincipleTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PrinciplesOnPostgres(PostgresPortalFixture fixture) : PrincipleTests(fixture);
