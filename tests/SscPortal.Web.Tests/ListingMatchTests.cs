using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Domain;
using SscPortal.Web.Diagnostics;
using SscPortal.Web.Exchange;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Suggested matches on the exchange: offers for a need ranked by what they share, with the reasons; closed, draft and the
/// organisation's own listings never suggested; a bounded number of SQL statements however many listings there are; and
/// the public figures of needs and offers that found a conversation and became initiatives.
/// </summary>
public abstract class ListingMatchTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private sealed record Spec(ListingKind Kind, string Title, int[]? Sdgs = null, string[]? Sectors = null, ThematicArea[]? Themes = null,
        string[]? Countries = null, string[]? Regions = null, string[]? Languages = null, bool Publish = true, bool Closed = false,
        ListingTranslation[]? Translations = null);

    private Task<int> ListingAsync(Actor owner, Spec spec) => Portal.WithDatabaseAsync(async db =>
    {
        var now = DateTime.UtcNow;
        var listing = new Listing { Title = "", Description = "", OwnerId = owner.Id, CreatedAt = now, UpdatedAt = now };
        listing.Apply(new ListingContent(spec.Kind, CooperationForm.TechnicalAssistance, spec.Title, "Created by a matching test.", "en",
            spec.Themes ?? [], spec.Languages ?? [], null, null, null, 6, DateOnly.FromDateTime(now).AddMonths(6), null,
            spec.Countries ?? [], spec.Regions ?? [], spec.Sectors ?? [], spec.Sdgs ?? [], spec.Translations ?? [], []));
        if (spec.Publish) listing.Publish(now);
        if (spec.Closed) listing.OpenUntil = DateOnly.FromDateTime(now).AddDays(-1);
        db.Listings.Add(listing);
        await db.SaveChangesAsync();
        return listing.Id;
    });

    private Task<MatchSuggestions?> MatchesAsync(int id, string language = "en", int count = 300) =>
        Portal.WithServicesAsync(services => services.GetRequiredService<Matches>().ForAsync(id, language, count, CancellationToken.None));

    /// <summary>The matches among the listings this test made, in the order suggested (other tests' listings may also fit).</summary>
    private static List<SuggestedMatch> Among(MatchSuggestions suggestions, IEnumerable<int> ours) =>
        suggestions.Matches.Where(m => ours.Contains(m.Id)).ToList();

    [Fact]
    public async Task A_need_is_offered_the_open_offers_of_other_organisations_best_first_with_the_reasons()
    {
        var city = await Portal.ActorAsync(ActorType.LocalGovernment);
        var agency = await Portal.ActorAsync(ActorType.Government);
        var network = await Portal.ActorAsync(ActorType.RegionalCso);
        var word = TestData.Word();
        var need = await ListingAsync(city, new(ListingKind.Need, $"Rural water {word} sanitation", Sdgs: [6, 11], Sectors: ["14030", "14050"],
            Themes: [ThematicArea.Environment], Countries: ["PY"], Languages: ["es", "pt"]));
        var best = await ListingAsync(agency, new(ListingKind.Offer, $"Rural water {word} sanitation experts", Sdgs: [6], Sectors: ["14030"],
            Themes: [ThematicArea.Environment], Countries: ["PY"], Languages: ["es"],
            Translations: [new ListingTranslation { Language = "es", Title = $"Expertos en agua {word} rural", Description = "Creado por una prueba." }]));
        var second = await ListingAsync(network, new(ListingKind.Offer, "Municipal budgeting", Sdgs: [6, 11, 4], Sectors: ["14010"], Countries: ["BR"], Languages: ["pt"]));
        // Other tests' listings share a region and a language with the need too (the database is shared): the third shares
        // more than that, so its place among ours does not depend on how many of theirs tie with it.
        var third = await ListingAsync(network, new(ListingKind.TwoWay, "Peer learning between cities", Themes: [ThematicArea.Environment], Regions: ["lac"], Languages: ["en", "es"]));
        // Never suggested: the city's own offer, a draft, a closed offer, another need, an offer sharing only a language.
        var own = await ListingAsync(city, new(ListingKind.Offer, $"Rural water {word} sanitation", Sdgs: [6, 11], Sectors: ["14030"], Themes: [ThematicArea.Environment], Countries: ["PY"], Languages: ["es"]));
        var draft = await ListingAsync(agency, new(ListingKind.Offer, $"Rural water {word} sanitation", Sdgs: [6, 11], Sectors: ["14030"], Countries: ["PY"], Publish: false));
        var closed = await ListingAsync(agency, new(ListingKind.Offer, $"Rural water {word} sanitation", Sdgs: [6, 11], Sectors: ["14030"], Countries: ["PY"], Closed: true));
        var otherNeed = await ListingAsync(agency, new(ListingKind.Need, $"Rural water {word} sanitation", Sdgs: [6, 11], Sectors: ["14030"], Countries: ["PY"]));
        var languageOnly = await ListingAsync(agency, new(ListingKind.Offer, "Tax administration", Sdgs: [17], Countries: ["KE"], Languages: ["es"]));

        var suggestions = (await MatchesAsync(need))!;

        Assert.Equal(ListingKind.Need, suggestions.Kind);
        var ours = Among(suggestions, [best, second, third, own, draft, closed, otherNeed, languageOnly]);
        Assert.Equal([best, second, third], ours.Select(m => m.Id));
        Assert.DoesNotContain(suggestions.Matches, m => m.OrganisationId == city.Id);

        var first = ours[0];
        Assert.Equal(agency.Name, first.OrganisationName);
        Assert.Equal([6], first.Reasons.Sdgs);
        Assert.Equal(["14030"], first.Reasons.Sectors);
        Assert.Equal([ThematicArea.Environment], first.Reasons.Themes);
        Assert.Equal(["PY"], first.Reasons.Countries);
        Assert.Empty(first.Reasons.Regions);
        Assert.Equal(["es"], first.Reasons.Languages);
        Assert.True(first.Reasons.SimilarWords);

        Assert.Equal([6, 11], ours[1].Reasons.Sdgs);
        Assert.Equal(["140"], ours[1].Reasons.SectorCategories);
        Assert.Equal(["lac"], ours[1].Reasons.Regions);
        Assert.Equal(["pt"], ours[1].Reasons.Languages);
        Assert.False(ours[1].Reasons.SimilarWords);
        Assert.Equal(["lac"], ours[2].Reasons.Regions);
        Assert.Equal([ThematicArea.Environment], ours[2].Reasons.Themes);

        // A Spanish reader reads the Spanish title where there is one.
        var spanish = Among((await MatchesAsync(need, "es"))!, [best]).Single();
        Assert.Equal($"Expertos en agua {word} rural", spanish.Title);
        Assert.Equal("es", spanish.TitleLanguage);
        Assert.Equal($"Rural water {word} sanitation experts", first.Title);

        // The offer, in turn, is offered the need.
        var forOffer = (await MatchesAsync(best))!;
        Assert.Equal(ListingKind.Offer, forOffer.Kind);
        Assert.Contains(forOffer.Matches, m => m.Id == need);
        Assert.DoesNotContain(forOffer.Matches, m => m.OrganisationId == agency.Id);
    }

    [Fact]
    public async Task Nothing_is_suggested_for_a_draft_or_a_closed_listing()
    {
        var city = await Portal.ActorAsync(ActorType.LocalGovernment);
        var agency = await Portal.ActorAsync(ActorType.Government);
        await ListingAsync(agency, new(ListingKind.Offer, "School meals", Sdgs: [2], Countries: ["PE"]));
        var draft = await ListingAsync(city, new(ListingKind.Need, "School meals", Sdgs: [2], Countries: ["PE"], Publish: false));
        var closed = await ListingAsync(city, new(ListingKind.Need, "School meals", Sdgs: [2], Countries: ["PE"], Closed: true));

        Assert.Null(await MatchesAsync(draft));
        Assert.Null(await MatchesAsync(closed));
        Assert.Null(await MatchesAsync(int.MaxValue));
    }

    /// <summary>Runs the matches for one listing as a request would, and counts the SQL statements they run.</summary>
    private Task<int> StatementsAsync(int id) => Portal.WithServicesAsync(async services =>
    {
        var accessor = services.GetRequiredService<IHttpContextAccessor>();
        var context = new DefaultHttpContext();
        accessor.HttpContext = context;
        try
        {
            var suggestions = await services.GetRequiredService<Matches>().ForAsync(id, "en", Matches.DefaultCount, CancellationToken.None);
            Assert.NotNull(suggestions);
            Assert.NotEmpty(suggestions.Matches);
            return SqlStatementCounter.CountIn(context);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    });

    [Fact]
    public async Task One_listings_matches_run_a_bounded_number_of_statements_however_many_listings_fit()
    {
        var city = await Portal.ActorAsync(ActorType.LocalGovernment);
        var need = await ListingAsync(city, new(ListingKind.Need, "Early warning for floods", Sdgs: [13, 11], Sectors: ["74020", "43030"],
            Themes: [ThematicArea.Environment, ThematicArea.Governance], Countries: ["BO", "PE"], Regions: ["lac"], Languages: ["es"]));
        var agency = await Portal.ActorAsync(ActorType.Government);
        await ListingAsync(agency, new(ListingKind.Offer, "Flood early warning systems", Sdgs: [13], Sectors: ["74020"], Countries: ["BO"], Languages: ["es"]));
        // Code lists are read once per process and then held in memory.
        await StatementsAsync(need);
        var few = await StatementsAsync(need);

        await Portal.WithDatabaseAsync(async db =>
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < 40; i++)
            {
                var listing = new Listing { Title = "", Description = "", OwnerId = agency.Id, CreatedAt = now, UpdatedAt = now };
                listing.Apply(new ListingContent(i % 3 == 0 ? ListingKind.TwoWay : ListingKind.Offer, CooperationForm.ExpertMission, $"Flood warning {i}", "Many offers.", "en",
                    [ThematicArea.Environment], ["es", "en"], null, null, null, null, DateOnly.FromDateTime(now).AddMonths(3), null,
                    i % 2 == 0 ? ["PE", "CL"] : ["BR"], i % 4 == 0 ? ["lac"] : [], ["74020", "43030"], [13, 11, 1 + i % 17],
                    i % 5 == 0 ? [new ListingTranslation { Language = "es", Title = $"Alerta temprana {i}", Description = "Muchas ofertas." }] : [], []));
                listing.Publish(now);
                db.Listings.Add(listing);
            }
            return await db.SaveChangesAsync();
        });
        var many = await StatementsAsync(need);

        TestContext.Current.SendDiagnosticMessage($"matches for one need: {few} statements with one offer, {many} with 41");
        Assert.Equal(few, many);
        Assert.True(many <= 10, $"matches ran {many} statements");
    }

    private static int Cell(HtmlClient.Page page, string table, string key, int column)
    {
        var row = page.Document.QuerySelector($"#{table} tr[data-key='{key}']");
        return row is null ? 0 : int.Parse(row.QuerySelectorAll("td")[column].TextContent.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    private static (int Published, int Conversation, int Initiative) Counts(HtmlClient.Page page, string table, string key) =>
        (Cell(page, table, key, 0), Cell(page, table, key, 1), Cell(page, table, key, 2));

    [Fact]
    public async Task The_public_figures_count_needs_published_those_that_found_a_conversation_and_those_that_became_initiatives()
    {
        using var browser = Portal.CreateBrowser();
        var before = await browser.GetOkAsync($"/exchange/figures?visit={TestData.Word()}");
        var beforeOffers = await browser.GetOkAsync($"/exchange/figures?kind=offer&visit={TestData.Word()}");

        var city = await Portal.ActorAsync(ActorType.LocalGovernment);
        var agency = await Portal.ActorAsync(ActorType.Government);
        await ListingAsync(city, new(ListingKind.Need, "Community health workers", Themes: [ThematicArea.Health], Countries: ["PY"]));
        // Named both by its region and by a country in it: counted once in that region.
        var answered = await ListingAsync(city, new(ListingKind.Need, "Vaccination logistics", Themes: [ThematicArea.Health], Countries: ["BR"], Regions: ["lac"]));
        var met = await ListingAsync(city, new(ListingKind.Need, "Health information systems", Themes: [ThematicArea.Health, ThematicArea.Governance], Regions: ["lac"]));
        await ListingAsync(city, new(ListingKind.Need, "A draft", Themes: [ThematicArea.Health], Countries: ["PY"], Publish: false));
        var offer = await ListingAsync(agency, new(ListingKind.Offer, "Health logistics", Themes: [ThematicArea.Health], Countries: ["PE"]));
        var initiative = await Portal.InitiativeAsync(agency, "PE", "PY", DateTime.UtcNow);
        await Portal.WithDatabaseAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var listings = await db.Listings.Where(l => l.Id == met || l.Id == answered || l.Id == offer).ToDictionaryAsync(l => l.Id);
            // The agency answers the need that is met; the city answers the agency's offer from its other need.
            var agreed = Conversation.Start(listings[met], agency.Id, null, "test-user", "We can help.", now);
            agreed.Close(agency.Id, ConversationState.Agreed, null, now);
            agreed.StartedInitiative(initiative);
            db.Conversations.Add(agreed);
            db.Conversations.Add(Conversation.Start(listings[offer], city.Id, listings[answered], "test-user", "This is what we need.", now));
            return await db.SaveChangesAsync();
        });

        var after = await browser.GetOkAsync($"/exchange/figures?visit={TestData.Word()}");
        var afterOffers = await browser.GetOkAsync($"/exchange/figures?kind=offer&visit={TestData.Word()}");

        static (int, int, int) Delta((int P, int C, int I) a, (int P, int C, int I) b) => (a.P - b.P, a.C - b.C, a.I - b.I);
        Assert.Equal((3, 2, 1), Delta(Counts(after, "figures-by-kind", "need"), Counts(before, "figures-by-kind", "need")));
        Assert.Equal((1, 1, 0), Delta(Counts(after, "figures-by-kind", "offer"), Counts(before, "figures-by-kind", "offer")));
        Assert.Equal((3, 2, 1), Delta(Counts(after, "figures-by-region", "lac"), Counts(before, "figures-by-region", "lac")));
        var health = ((int)ThematicArea.Health).ToString(CultureInfo.InvariantCulture);
        var governance = ((int)ThematicArea.Governance).ToString(CultureInfo.InvariantCulture);
        Assert.Equal((3, 2, 1), Delta(Counts(after, "figures-by-theme", health), Counts(before, "figures-by-theme", health)));
        Assert.Equal((1, 1, 1), Delta(Counts(after, "figures-by-theme", governance), Counts(before, "figures-by-theme", governance)));
        Assert.Equal((1, 1, 0), Delta(Counts(afterOffers, "figures-by-region", "lac"), Counts(beforeOffers, "figures-by-region", "lac")));
        Assert.Equal((1, 1, 0), Delta(Counts(afterOffers, "figures-by-theme", health), Counts(beforeOffers, "figures-by-theme", health)));
        Assert.Contains("Published needs by region", after.Text, StringComparison.Ordinal);
        Assert.NotNull(after.Document.QuerySelector("#by-region-caption"));

        // In Spanish too.
        var spanish = await browser.GetOkAsync($"/exchange/figures?culture=es&visit={TestData.Word()}");
        Assert.Contains("Necesidades publicadas por región", spanish.Text, StringComparison.Ordinal);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class ListingMatchOnSqlite(SqlitePortalFixture fixture) : ListingMatchTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class ListingMatchOnPostgres(PostgresPortalFixture fixture) : ListingMatchTests(fixture);
