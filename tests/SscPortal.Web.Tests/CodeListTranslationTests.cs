using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Data.Seed;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>Every code of the translated code lists has a name in each portal language (Data/Seed/CodeLists/translations).</summary>
public sealed class CodeListTranslationTests
{
    private static readonly (string List, string Language)[] Checked =
    [
        ("sectors", "es"), ("sectors", "pt"),
        ("sector-categories", "es"), ("sector-categories", "pt"),
        ("sdg-targets", "es"), ("sdg-targets", "pt"),
        ("currencies", "es"), ("currencies", "pt"), ("currencies", "fr"),
    ];

    public static TheoryData<string, string> ListsAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var (list, language) in Checked) data.Add(list, language);
        return data;
    }

    [Theory]
    [MemberData(nameof(ListsAndLanguages))]
    public void Every_official_code_has_a_name_in_the_language_and_no_name_is_for_an_unknown_code(string list, string language)
    {
        var codes = ReferenceDataSeeder.CodesOf(list);
        var translations = ReferenceDataSeeder.TranslationsOf(list);
        var file = language switch { "es" => translations.Es, "pt" => translations.Pt, _ => translations.Fr };

        var untranslated = codes.Where(code => translations.Of(code, language) is null).ToList();
        var unknown = file.Keys.Except(codes).ToList();

        Assert.NotEmpty(codes);
        Assert.All(file.Values, name => Assert.True(name.IsNormalized(System.Text.NormalizationForm.FormC), $"{name} is not in Unicode normal form C"));
        Assert.True(untranslated.Count == 0, $"translations/{list}.{language}.json has no name for {string.Join(", ", untranslated)}");
        Assert.True(unknown.Count == 0, $"translations/{list}.{language}.json names codes not in {list}.json: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Every_translated_list_is_checked_in_spanish_and_portuguese()
    {
        var checkedLists = Checked.Where(c => c.Language is "es").Select(c => c.List).Concat(Checked.Where(c => c.Language is "pt").Select(c => c.List)).ToHashSet();
        Assert.Equal(ReferenceDataSeeder.TranslatedLists.Order(), checkedLists.Order());
    }

    [Fact]
    public void The_spanish_targets_are_the_official_un_text()
    {
        var targets = ReferenceDataSeeder.TranslationsOf("sdg-targets");

        Assert.Equal("De aquí a 2030, erradicar para todas las personas y en todo el mundo la pobreza extrema (actualmente se considera que sufren pobreza extrema las personas que viven con menos de 1,25 dólares de los Estados Unidos al día)",
            targets.Of("1.1", "es")!.Replace('\u00a0', ' '));
        Assert.StartsWith("Até 2030, erradicar a pobreza extrema para todas as pessoas em todos os lugares", targets.Of("1.1", "pt"), StringComparison.Ordinal);
    }
}

/// <summary>Spanish and Portuguese readers see sectors, categories, SDG targets and currencies in their language; a name not yet translated is marked as English.</summary>
public abstract class CodeListNameTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    /// <summary>A published initiative findable by its own word, with a food-crop and a peace-building sector, target 16.1 and a contribution in US dollars.</summary>
    private static async Task<(int Id, string Word, Actor Owner)> InitiativeAsync(PortalFactory portal)
    {
        var owner = await portal.ActorAsync(ActorType.Government);
        var word = TestData.Word();
        var id = await portal.InitiativeAsync(owner, "PE", "BO", DateTime.UtcNow.AddMinutes(-5), title: $"{word} peace and food");
        await portal.WithDatabaseAsync(async db =>
        {
            var initiative = await db.Initiatives.Include(i => i.Sectors).Include(i => i.Sdgs).SingleAsync(i => i.Id == id);
            initiative.Sectors.Add(new InitiativeSector { SectorCode = "15220" });
            initiative.Sdgs.Add(new InitiativeSdg { GoalCode = 16 });
            initiative.SdgTargets.Add(new InitiativeSdgTarget { TargetCode = "16.1" });
            initiative.Contributions.Add(new InitiativeContribution { ActorId = owner.Id, Kind = ContributionKind.Money, Amount = 50_000m, Currency = "USD" });
            return await db.SaveChangesAsync();
        });
        return (id, word, owner);
    }

    private static IElement Section(IDocument page, string headingId) => page.QuerySelector($"#{headingId}")!.ParentElement!;

    [Theory]
    [InlineData("es", "Producción de cultivos alimentarios", "Construcción de la paz civil, prevención y resolución de conflictos",
        "Reducir significativamente todas las formas de violencia", "Dólar estadounidense", "Conflictos, paz y seguridad")]
    [InlineData("pt", "Produção de culturas alimentares", "Construção da paz civil, prevenção e resolução de conflitos",
        "Reduzir significativamente todas as formas de violência", "Dólar americano", "Conflitos, paz e segurança")]
    public async Task Readers_see_sectors_categories_targets_and_currencies_in_their_language(
        string language, string foodCrops, string peaceBuilding, string target, string dollar, string category)
    {
        var (id, word, _) = await InitiativeAsync(Portal);
        using var browser = Portal.CreateBrowser();

        var page = (await browser.GetOkAsync($"/initiatives/{TestData.Key(id)}?culture={language}")).Document;
        var catalogue = (await browser.GetOkAsync($"/initiatives?q={word}&culture={language}")).Document;
        var figures = (await browser.GetOkAsync($"/stats?q={word}&culture={language}")).Document;

        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        var sectors = Section(page, "sectors-heading");
        Assert.Contains(foodCrops, sectors.TextContent, StringComparison.Ordinal);
        Assert.Contains(peaceBuilding, sectors.TextContent, StringComparison.Ordinal);
        Assert.StartsWith(target, Section(page, "targets-heading").QuerySelector("li")!.TextContent.Replace("16.1", "", StringComparison.Ordinal).Replace('\u00a0', ' ').Trim(), StringComparison.Ordinal);
        Assert.Equal(dollar, Section(page, "contributions-heading").QuerySelector(".currency-name")!.TextContent.Trim());
        // Translated names carry no language of their own: they are in the page's.
        foreach (var section in new[] { "sectors-heading", "targets-heading", "contributions-heading" })
            Assert.Empty(Section(page, section).QuerySelectorAll("[lang]"));

        var facetValue = catalogue.QuerySelector(".facets a[href*='category=152']")!;
        Assert.StartsWith(category, facetValue.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Null(facetValue.QuerySelector("[lang]"));
        var bar = figures.QuerySelectorAll("#by-category-caption ~ details tbody th").Single(th => th.TextContent.Trim() == category);
        Assert.False(bar.HasAttribute("lang"));
    }

    [Theory]
    [InlineData("es", "Construcción de la paz civil, prevención y resolución de conflictos", "De aquí a 2030, poner fin al hambre", "Dólar estadounidense")]
    [InlineData("pt", "Construção da paz civil, prevenção e resolução de conflitos", "Até 2030, acabar com a fome", "Dólar americano")]
    public async Task The_initiative_form_offers_sectors_targets_and_currencies_in_the_readers_language(string language, string peaceBuilding, string target, string dollar)
    {
        var organisation = await Portal.ActorAsync(ActorType.NationalCso);
        var email = await Portal.UserAsync(AccessWorld.Password);
        await Portal.WithDatabaseAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            db.Memberships.Add(new OrganisationMembership { UserId = user.Id, ActorId = organisation.Id, Role = MembershipRole.Member, Status = MembershipStatus.Active, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        using var browser = Portal.CreateBrowser();
        await browser.SignInAsync(email, AccessWorld.Password);

        var form = (await browser.GetOkAsync($"/initiatives/new?culture={language}")).Document;

        Assert.Equal(peaceBuilding, form.QuerySelector("#sector-choices option[value='15220']")!.TextContent);
        Assert.StartsWith(target, form.QuerySelector("#target-choices option[value='2.1']")!.TextContent.Replace('\u00a0', ' '), StringComparison.Ordinal);
        Assert.Equal(dollar, form.QuerySelector("#currency-choices option[value='USD']")!.TextContent);
        Assert.Empty(form.QuerySelectorAll("#sector-choices option[lang], #target-choices option[lang], #currency-choices option[lang]"));
        // The targets are listed in the UN's order: numbered ones first, 10 after 9.
        var targets = form.QuerySelectorAll("#target-choices option").Select(o => o.GetAttribute("value")).ToList();
        Assert.True(targets.IndexOf("8.9") < targets.IndexOf("8.10") && targets.IndexOf("8.10") < targets.IndexOf("8.a"));
    }

    [Fact]
    public async Task A_name_not_yet_translated_is_shown_in_english_and_marked_as_english()
    {
        // A portal of its own: the code lists are read once and kept, so the gap must be there before the first page is read.
        await using var own = await OwnPortal.StartAsync(Portal.Provider, new Dictionary<string, string?> { ["Seed:Demo"] = "false" });
        var portal = own.Factory;
        await portal.WithDatabaseAsync(async db =>
        {
            (await db.Sectors.SingleAsync(s => s.Code == "15220")).NameEs = null;
            (await db.SectorCategories.SingleAsync(c => c.Code == "152")).NameEs = null;
            (await db.SdgTargets.SingleAsync(t => t.Code == "16.1")).NameEs = null;
            (await db.Currencies.SingleAsync(c => c.Code == "USD")).NameEs = null;
            return await db.SaveChangesAsync();
        });
        var (id, word, _) = await InitiativeAsync(portal);
        using var browser = portal.CreateBrowser();

        var page = (await browser.GetOkAsync($"/initiatives/{TestData.Key(id)}?culture=es")).Document;
        var catalogue = (await browser.GetOkAsync($"/initiatives?q={word}&culture=es")).Document;
        var figures = (await browser.GetOkAsync($"/stats?q={word}&culture=es")).Document;

        static string English(IElement within) => string.Join("|", within.QuerySelectorAll("[lang='en']").Select(e => e.TextContent.Trim()));
        Assert.Equal("Civilian peace-building, conflict prevention and resolution", English(Section(page, "sectors-heading")));
        Assert.Contains("Producción de cultivos alimentarios", Section(page, "sectors-heading").TextContent, StringComparison.Ordinal);
        Assert.Equal("Significantly reduce all forms of violence and related death rates everywhere", English(Section(page, "targets-heading")));
        Assert.Equal("US Dollar", English(Section(page, "contributions-heading")));
        Assert.Equal("Conflict, Peace & Security", English(catalogue.QuerySelector(".facets a[href*='category=152']")!));
        Assert.Equal("Agricultura", catalogue.QuerySelector(".facets a[href*='category=311']")!.TextContent.Split('(')[0].Trim());
        Assert.Equal("en", figures.QuerySelectorAll("#by-category-caption ~ details tbody th").Single(th => th.TextContent.Trim() == "Conflict, Peace & Security").GetAttribute("lang"));
        Assert.Equal("en", figures.QuerySelectorAll("#by-category-caption ~ svg text.bar-label").Single(t => t.TextContent == "Conflict, Peace & Security").GetAttribute("lang"));
        Assert.All(figures.QuerySelectorAll("#by-category-caption ~ svg text.bar-label").Where(t => t.TextContent == "Agricultura"), t => Assert.False(t.HasAttribute("lang")));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class CodeListNamesOnSqlite(SqlitePortalFixture fixture) : CodeListNameTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class CodeListNamesOnPostgres(PostgresPortalFixture fixture) : CodeListNameTests(fixture);
