using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Domain;
using SscPortal.Web.Data.Seed;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>The demonstration data reads like the field and obeys the same rules as anyone's records.</summary>
public class DemoDataTests
{
    private static Dictionary<string, Actor> Actors() =>
        DemoData.Actors.Select((a, i) => (a, i)).ToDictionary(x => x.a.Key, x => new Actor { Id = x.i + 1, Name = x.a.Name, Type = x.a.Type });

    [Fact]
    public void Every_demonstration_initiative_obeys_the_initiative_rules()
    {
        var actors = Actors();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var seed in DemoData.Initiatives)
        {
            var problems = InitiativeRules.Check(DemoDataSeeder.Build(seed, actors), today);
            Assert.True(problems.Count == 0, $"{seed.Title}: {string.Join(", ", problems)}");
        }
    }

    [Fact]
    public void There_are_at_least_thirty_initiatives_across_every_modality_and_status()
    {
        Assert.True(DemoData.Initiatives.Length >= 30);
        Assert.Equal(Enum.GetValues<Modality>().Order(), DemoData.Initiatives.Select(i => i.Modality).Distinct().Order());
        Assert.Equal(Enum.GetValues<ActivityStatus>().Order(), DemoData.Initiatives.Select(i => i.Status).Distinct().Order());
        Assert.Contains(DemoData.Initiatives, i => i.Publication == PublicationState.Draft);
    }

    [Fact]
    public void The_organisations_named_in_the_seeds_are_there_and_the_demonstration_accounts_have_theirs()
    {
        var names = string.Join("|", DemoData.Actors.Select(a => $"{a.Name} {a.Acronym}"));
        foreach (var expected in new[] { "APCI", "UNOSSC", "IBON", "CPDE", "Reality of Aid Africa", "PIANGO", "Mercociudades", "APC-Colombia", "g7+", "Commonwealth Secretariat" })
            Assert.Contains(expected, names, StringComparison.Ordinal);
        foreach (var account in DemoDataSeeder.Accounts.Where(a => a.ActorKey is not null))
            Assert.Contains(DemoData.Actors, a => a.Key == account.ActorKey);
    }

    [Fact]
    public void The_demonstration_partnerships_are_those_of_the_field_valid_and_linked_to_demonstration_initiatives()
    {
        var actors = Actors();
        var byKey = DemoData.Actors.ToDictionary(a => a.Key);
        foreach (var seed in DemoData.Partnerships)
        {
            var partnership = new Partnership { Title = seed.Title, Type = seed.Type, OwnerId = actors[seed.OwnerKey].Id, StartsOn = seed.StartsOn, EndsOn = seed.EndsOn };
            partnership.Signatories.AddRange(seed.SignatoryKeys.Select(k => new PartnershipSignatory { ActorId = actors[k].Id }));
            Assert.True(partnership.Check().Count == 0, $"{seed.Title}: {string.Join(", ", partnership.Check())}");
            Assert.True(Uri.TryCreate(seed.DocumentUrl, UriKind.Absolute, out var document) && document.Scheme == Uri.UriSchemeHttps, seed.DocumentUrl);
            Assert.NotEmpty(seed.InitiativeTitles);
            foreach (var start in seed.InitiativeTitles)
                Assert.Single(DemoData.Initiatives, i => i.Title.StartsWith(start, StringComparison.Ordinal) && i.Publication == PublicationState.Published);
        }

        // APCI's agreement with a partner agency, under which several triangular initiatives run.
        var apci = Assert.Single(DemoData.Partnerships, p => p.OwnerKey == "apci");
        Assert.Contains("giz", apci.SignatoryKeys);
        Assert.True(apci.InitiativeTitles.Count(t => DemoData.Initiatives.Single(i => i.Title.StartsWith(t, StringComparison.Ordinal)).Modality == Modality.Triangular) >= 3);
        // A Mercociudades twinning between two cities.
        var twinning = Assert.Single(DemoData.Partnerships, p => p.Type == PartnershipType.Twinning);
        Assert.Equal(2, twinning.SignatoryKeys.Count(k => byKey[k].Type == ActorType.LocalGovernment && byKey[k].CountryCode is not null));
        Assert.Contains("Mercociudades", twinning.Title, StringComparison.Ordinal);
        // UNOSSC with the Commonwealth Secretariat, and with the g7+ (seed 001).
        Assert.Contains(DemoData.Partnerships, p => p.SignatoryKeys.Order().SequenceEqual(["comsec", "unossc"]) && p.Title.Contains("small states", StringComparison.Ordinal));
        Assert.Contains(DemoData.Partnerships, p => p.SignatoryKeys.Order().SequenceEqual(["g7plus", "unossc"]) && p.Title.Contains("Fragile-to-Fragile", StringComparison.Ordinal));
    }

    [Fact]
    public void Demonstration_iati_identifiers_have_the_form_the_portal_accepts_and_are_not_shared()
    {
        var identifiers = DemoData.Actors.Select(a => a.IatiIdentifier).OfType<string>().ToList();
        Assert.NotEmpty(identifiers);
        Assert.All(identifiers, id => Assert.True(IatiOrganisationIdentifier.IsValid(id, code => code.Length == 2), id));
        Assert.Equal(identifiers.Count, identifiers.Distinct().Count());
    }

    [Fact]
    public void No_demonstration_record_carries_an_email_address()
    {
        var text = string.Join("\n", DemoData.Actors.Select(a => $"{a.Name} {a.Description} {a.Website}")
            .Concat(DemoData.Initiatives.Select(i => $"{i.Title} {i.Summary} {i.Description}"))
            .Concat(DemoData.Partnerships.Select(p => $"{p.Title} {p.Scope} {p.DocumentUrl}"))
            .Concat(DemoData.Listings.Select(l => $"{l.Title} {l.Description} {l.InKind} " + string.Join(" ", (l.Translations ?? []).Select(t => $"{t.Title} {t.Description}"))))
            .Concat(DemoData.Conversations.SelectMany(c => c.Messages.Select(m => m.Text).Append(c.Reason ?? ""))));
        Assert.DoesNotContain("@", text, StringComparison.Ordinal);
    }

    private static readonly string[] WrittenLanguages = ["en", "es", "pt", "fr"];

    private static Listing BuildListing(DemoData.ListingSeed seed, DateOnly today)
    {
        var listing = new Listing { Title = "", Description = "" };
        listing.Apply(new ListingContent(seed.Kind, seed.Form, seed.Title, seed.Description, seed.Language, seed.Themes, seed.WorkingLanguages,
            seed.InKind, seed.Amount, seed.Currency, seed.DurationMonths, today.AddDays(Math.Max(seed.OpenForDays, 0)), seed.Contact,
            seed.Countries, seed.Regions, seed.Sectors, seed.Sdgs,
            (seed.Translations ?? []).Select(t => new ListingTranslation { Language = t.Language, Title = t.Title, Description = t.Description }).ToList(), []));
        return listing;
    }

    [Fact]
    public void The_demonstration_offers_and_needs_obey_the_exchange_rules_and_cover_every_kind_and_form()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var regions = ReferenceDataSeeder.Regions().Select(r => r.Code).ToHashSet();
        var actors = DemoData.Actors.ToDictionary(a => a.Key);
        Assert.True(DemoData.Listings.Length >= 22, $"{DemoData.Listings.Length} offers and needs");
        Assert.Equal(DemoData.Listings.Length, DemoData.Listings.Select(l => l.Key).Distinct().Count());
        Assert.Equal(DemoData.Listings.Length, DemoData.Listings.Select(l => l.Title).Distinct().Count());
        foreach (var seed in DemoData.Listings)
        {
            var problems = BuildListing(seed, today).Check(today);
            Assert.True(problems.Count == 0, $"{seed.Title}: {string.Join(", ", problems)}");
            Assert.True(actors.ContainsKey(seed.OwnerKey), seed.Key);
            Assert.True(actors[seed.OwnerKey].Verified, $"{seed.Key}: only verified organisations publish offers and needs");
            Assert.All(seed.Regions, r => Assert.Contains(r, regions));
            Assert.Contains(seed.Language, WrittenLanguages);
            Assert.All(seed.Translations ?? [], t => Assert.NotEqual(seed.Language, t.Language));
            Assert.NotEmpty(seed.Themes);
            Assert.NotEmpty(seed.Sdgs);
            Assert.NotEmpty(seed.Sectors);
            // An organisational mailbox of a reserved demonstration domain, never a person's address.
            Assert.Matches(@"^[a-z.\-]+@[a-z0-9\-]+\.example\.org$", seed.Contact);
            foreach (var start in seed.InitiativeTitles ?? [])
                Assert.Single(DemoData.Initiatives, i => i.Title.StartsWith(start, StringComparison.Ordinal) && i.Publication == PublicationState.Published);
        }
        Assert.Equal(Enum.GetValues<CooperationForm>().Order(), DemoData.Listings.Select(l => l.Form).Distinct().Order());
        Assert.Equal(Enum.GetValues<ListingKind>().Order(), DemoData.Listings.Select(l => l.Kind).Distinct().Order());
        Assert.Equal(["en", "es", "fr", "pt"], DemoData.Listings.Select(l => l.Language).Distinct().Order());
        Assert.Contains(DemoData.Listings, l => l.Amount is not null && l.InKind is not null);
        Assert.Contains(DemoData.Listings, l => l.Draft && l.OwnerKey == "apci");
        Assert.Contains(DemoData.Listings, l => l.Draft && l.OwnerKey == "ibon");
        Assert.Contains(DemoData.Listings, l => !l.Draft && l.OpenForDays < 0);
        Assert.True(DemoData.Listings.Count(l => !l.Draft && l.OpenForDays > 0) >= 20);
    }

    [Fact]
    public void The_demonstration_offers_and_needs_are_those_the_seeds_name()
    {
        var byKey = DemoData.Actors.ToDictionary(a => a.Key);
        // Mercociudades member cities offering and seeking local-government know-how.
        var cities = DemoData.Listings.Where(l => byKey[l.OwnerKey].Type == ActorType.LocalGovernment && byKey[l.OwnerKey].CountryCode is not null).ToList();
        Assert.Contains(cities, l => l.Kind == ListingKind.Offer);
        Assert.Contains(cities, l => l.Kind == ListingKind.Need);
        Assert.Contains(DemoData.Listings, l => l.OwnerKey == "mercociudades" && l.Form == CooperationForm.Funding);
        // APCI's offer of its experience of bringing CSOs into its national system.
        Assert.Contains(DemoData.Listings, l => l.OwnerKey == "apci" && l.Kind == ListingKind.Offer && !l.Draft
            && l.Description.Contains("Sistema Nacional Descentralizado", StringComparison.Ordinal) && l.Translations!.Any(t => t.Language == "en"));
        // UNOSSC's three peace-and-development pillars: mediation, transitional justice, youth participation.
        foreach (var pillar in new[] { ThematicArea.ConflictPrevention, ThematicArea.PeaceNegotiationAndCrisisManagement, ThematicArea.ConflictTransformation })
            Assert.True(DemoData.Listings.Count(l => l.Themes.Contains(pillar) && !l.Draft) >= 2, pillar.ToString());
        Assert.Contains(DemoData.Listings, l => l.Themes.Contains(ThematicArea.PeaceNegotiationAndCrisisManagement) && l.Title.Contains("mediators", StringComparison.Ordinal));
        Assert.Contains(DemoData.Listings, l => l.Themes.Contains(ThematicArea.ConflictTransformation) && l.Title.Contains("justice transitionnelle", StringComparison.Ordinal));
        // A CSO network seeking partners for a people-to-people youth exchange.
        var youth = Assert.Single(DemoData.Listings, l => l.Title.Contains("youth exchange", StringComparison.Ordinal));
        Assert.Equal((ListingKind.Need, CooperationForm.Exchange), (youth.Kind, youth.Form));
        Assert.Contains(byKey[youth.OwnerKey].Type, new[] { ActorType.InternationalCso, ActorType.RegionalCso });
    }

    [Fact]
    public void The_demonstration_conversations_are_between_the_organisations_of_the_demonstration_accounts()
    {
        var listings = DemoData.Listings.ToDictionary(l => l.Key);
        var accounts = DemoDataSeeder.Accounts.ToDictionary(a => a.Email);
        foreach (var conversation in DemoData.Conversations)
        {
            var listing = listings[conversation.ListingKey];
            Assert.False(listing.Draft || listing.OpenForDays < 0, $"{conversation.ListingKey} is open to interest");
            Assert.NotEqual(listing.OwnerKey, conversation.InterestedKey);
            if (conversation.CounterpartKey is { } counterpart) Assert.Equal(conversation.InterestedKey, listings[counterpart].OwnerKey);
            Assert.Equal(conversation.InterestedKey, accounts[conversation.Messages[0].Email].ActorKey);
            foreach (var message in conversation.Messages.Append(new DemoData.MessageSeed(conversation.ClosedBy ?? conversation.Messages[0].Email, "")))
                Assert.Contains(accounts[message.Email].ActorKey, new[] { listing.OwnerKey, conversation.InterestedKey });
            Assert.Equal(conversation.Outcome == ConversationState.Open, conversation.ClosedBy is null);
        }
        Assert.Contains(DemoData.Conversations, c => c.Outcome == ConversationState.Open && c.Messages.Length >= 3);
        Assert.Contains(DemoData.Conversations, c => c.Outcome == ConversationState.Declined && !string.IsNullOrWhiteSpace(c.Reason));
        Assert.Single(DemoData.Conversations, c => c.Outcome == ConversationState.Agreed && c.Initiative is not null);
    }
}

/// <summary>A fresh demonstration portal shows its partnerships to everyone, with signatories, document and initiatives.</summary>
public abstract class DemoPartnershipTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task The_demonstration_partnerships_are_published_with_their_signatories_documents_and_initiatives()
    {
        using var browser = Portal.CreateBrowser();
        // Other tests of this fixture add partnerships, so the list's first page may hold theirs: each is looked up by title.
        var titles = DemoData.Partnerships.Select(p => p.Title).ToList();
        var ids = await Portal.WithDatabaseAsync(db => db.Partnerships.Where(p => titles.Contains(p.Title)).ToDictionaryAsync(p => p.Title, p => p.Id));
        Assert.Equal(titles.Order(), ids.Keys.Order());
        Assert.NotEmpty((await browser.GetOkAsync("/partnerships")).Document.QuerySelectorAll("a[href^='/partnerships/']"));

        foreach (var seed in DemoData.Partnerships)
        {
            var page = await browser.GetOkAsync($"/partnerships/{ids[seed.Title]}");
            Assert.Contains(seed.Title, page.Text, StringComparison.Ordinal);
            foreach (var key in seed.SignatoryKeys)
                Assert.Contains(DemoData.Actors.Single(a => a.Key == key).Name, page.Text, StringComparison.Ordinal);
            Assert.NotNull(page.Document.QuerySelector($"a[href='{seed.DocumentUrl}']") ?? page.Document.QuerySelector($"a[href='{seed.DocumentUrl}/']"));
            foreach (var start in seed.InitiativeTitles)
                Assert.Contains(start, page.Text, StringComparison.Ordinal);
        }
    }
}

[Collection(SqliteSuite.Name)]
public sealed class DemoPartnershipsOnSqlite(SqlitePortalFixture fixture) : DemoPartnershipTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class DemoPartnershipsOnPostgres(PostgresPortalFixture fixture) : DemoPartnershipTests(fixture);

/// <summary>
/// A fresh demonstration portal has offers and needs that read like the field, conversations between the organisations of
/// the demonstration accounts, and one agreed conversation whose initiative is published.
/// </summary>
public abstract class DemoExchangeTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private sealed record Row(int Id, string Title, string Language, ListingKind Kind, CooperationForm Form, PublicationState Publication, DateOnly? OpenUntil,
        string Owner, List<ThematicArea> Themes, int Translations, int Initiatives);

    private Task<List<Row>> DemoListingsAsync()
    {
        var titles = DemoData.Listings.Select(l => l.Title).ToList();
        return Portal.WithDatabaseAsync(db => db.Listings.Where(l => titles.Contains(l.Title)).OrderBy(l => l.Id)
            .Select(l => new Row(l.Id, l.Title, l.Language, l.Kind, l.Form, l.Publication, l.OpenUntil, l.Owner!.Name, l.Themes, l.Translations.Count, l.Initiatives.Count))
            .ToListAsync());
    }

    [Fact]
    public async Task The_demonstration_offers_and_needs_are_seeded_once_in_several_languages_with_every_form()
    {
        var rows = await DemoListingsAsync();
        Assert.Equal(DemoData.Listings.Select(l => l.Title).Order(), rows.Select(r => r.Title).Order());
        Assert.True(rows.Count(r => r.Publication is PublicationState.Published or PublicationState.Draft) >= 20);
        Assert.True(rows.Select(r => r.Language).Distinct().Count() >= 3);
        Assert.Equal(Enum.GetValues<CooperationForm>().Order(), rows.Select(r => r.Form).Distinct().Order());
        Assert.Contains(rows, r => r.Publication == PublicationState.Draft && r.Owner == "Agencia Peruana de Cooperación Internacional");
        Assert.Contains(rows, r => r.Translations > 0);
        Assert.Contains(rows, r => r.Initiatives > 0);

        // "Open now" has something to exclude: published, but past its open-until date.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Contains(rows, r => r.Publication == PublicationState.Published && r.OpenUntil < today);
        Assert.True(rows.Count(r => r.Publication == PublicationState.Published && r.OpenUntil >= today) >= 20);

        // The seeds' named offers and needs.
        Assert.Contains(rows, r => r.Owner == "Agencia Peruana de Cooperación Internacional" && r.Kind == ListingKind.Offer && r.Publication == PublicationState.Published
            && r.Title.Contains("sociedad civil", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Owner.StartsWith("Intendencia de Montevideo", StringComparison.Ordinal) && r.Publication == PublicationState.Published);
        Assert.Contains(rows, r => r.Owner == "Red de Mercociudades" && r.Form == CooperationForm.Funding);
        foreach (var pillar in new[] { ThematicArea.ConflictPrevention, ThematicArea.PeaceNegotiationAndCrisisManagement, ThematicArea.ConflictTransformation })
            Assert.Contains(rows, r => r.Themes.Contains(pillar) && r.Publication == PublicationState.Published);
        Assert.Contains(rows, r => r.Title.Contains("youth exchange", StringComparison.Ordinal) && r.Owner == "Southern CSO Alliance on South-South Cooperation"
            && r.Publication == PublicationState.Published);

        // Seeding again adds nothing.
        await Portal.WithServicesAsync(services => services.GetRequiredService<DemoDataSeeder>().SeedAsync());
        Assert.Equal(rows.Count, (await DemoListingsAsync()).Count);
        var titles = DemoData.Listings.Select(l => l.Title).ToList();
        Assert.Equal(DemoData.Conversations.Length, await Portal.WithDatabaseAsync(db => db.Conversations.CountAsync(c => titles.Contains(c.Listing!.Title))));
    }

    [Fact]
    public async Task The_demonstration_conversations_are_written_by_members_of_their_two_organisations()
    {
        var titles = DemoData.Listings.Select(l => l.Title).ToList();
        var conversations = await Portal.WithDatabaseAsync(db => db.Conversations.Include(c => c.Messages)
            .Where(c => titles.Contains(c.Listing!.Title)).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(DemoData.Conversations.Length, conversations.Count);
        var memberships = await Portal.WithDatabaseAsync(db => db.Memberships.Where(m => m.Status == MembershipStatus.Active)
            .Select(m => new { m.UserId, m.ActorId }).ToListAsync());
        foreach (var conversation in conversations)
        {
            Assert.True(conversation.Messages.Count >= 2);
            Assert.All(conversation.Messages, m =>
            {
                Assert.True(conversation.IsParty(m.OrganisationId));
                Assert.Contains(memberships, s => s.UserId == m.UserId && s.ActorId == m.OrganisationId);
            });
            Assert.Equal(conversation.InterestedId, conversation.Messages.OrderBy(m => m.SentAt).First().OrganisationId);
            Assert.Contains(conversation.Messages, m => m.OrganisationId == conversation.ListingOwnerId);
        }
        Assert.Contains(conversations, c => c.State == ConversationState.Open && c.Messages.Count >= 3);
        Assert.Contains(conversations, c => c.State == ConversationState.Declined && !string.IsNullOrWhiteSpace(c.DeclineReason));

        // The demonstration accounts' organisations are the two sides of every conversation.
        var demoOrganisations = await Portal.WithDatabaseAsync(db => db.Actors.Where(a => a.Name == "IBON International" || a.Name == "Agencia Peruana de Cooperación Internacional")
            .Select(a => a.Id).ToListAsync());
        Assert.All(conversations, c => Assert.Equal(demoOrganisations.Order(), new[] { c.ListingOwnerId, c.InterestedId }.Order()));
    }

    [Fact]
    public async Task The_agreed_demonstration_conversation_started_a_published_initiative_prefilled_from_the_offer_and_the_need()
    {
        var titles = DemoData.Listings.Select(l => l.Title).ToList();
        var agreed = await Portal.WithDatabaseAsync(db => db.Conversations.Include(c => c.Listing!).ThenInclude(l => l.Sdgs)
            .Include(c => c.CounterpartListing!).ThenInclude(l => l.Sdgs)
            .SingleAsync(c => titles.Contains(c.Listing!.Title) && c.State == ConversationState.Agreed));
        Assert.NotNull(agreed.InitiativeId);
        Assert.NotNull(agreed.CounterpartListing);
        var initiative = await Portal.WithDatabaseAsync(db => db.Initiatives.Include(i => i.Actors).Include(i => i.Countries).Include(i => i.Sdgs).Include(i => i.Sectors)
            .SingleAsync(i => i.Id == agreed.InitiativeId));
        Assert.Equal(PublicationState.Published, initiative.Publication);
        Assert.Equal(agreed.ClosedById, initiative.OwnerId);

        var (need, offer) = agreed.Listing!.Kind == ListingKind.Need ? (agreed.Listing, agreed.CounterpartListing!) : (agreed.CounterpartListing!, agreed.Listing);
        Assert.Equal(ListingKind.Offer, offer.Kind);
        Assert.Equal(new[] { need.OwnerId, offer.OwnerId }.Order(), initiative.Actors.Select(a => a.ActorId).Order());
        var countries = await Portal.WithDatabaseAsync(db => db.Actors.Where(a => a.Id == need.OwnerId || a.Id == offer.OwnerId).ToDictionaryAsync(a => a.Id, a => a.CountryCode));
        Assert.Contains(initiative.Countries, c => c.CountryCode == countries[offer.OwnerId] && c.Role == CountryRole.Provider);
        Assert.Contains(initiative.Countries, c => c.CountryCode == countries[need.OwnerId] && c.Role == CountryRole.Recipient);
        Assert.Equal(need.Sdgs.Concat(offer.Sdgs).Select(s => s.GoalCode).Distinct().Order(), initiative.Sdgs.Select(s => s.GoalCode).Order());
        Assert.Single(initiative.Sdgs, s => s.IsPrimary);

        using var browser = Portal.CreateBrowser();
        var page = await browser.GetOkAsync($"/initiatives/{initiative.Id}");
        Assert.Contains(initiative.Title, page.Text, StringComparison.Ordinal);
        Assert.Contains("IBON International", page.Text, StringComparison.Ordinal);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class DemoExchangeOnSqlite(SqlitePortalFixture fixture) : DemoExchangeTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class DemoExchangeOnPostgres(PostgresPortalFixture fixture) : DemoExchangeTests(fixture);

/// <summary>
/// A fresh demonstration portal has the three calls of the seeds: a closed Mercociudades-style funding call with applications,
/// reviews (one conflict of interest declared), decisions and two selected projects that became published initiatives; an
/// open UNOSSC-style call for good practices under the three pillars of peace and development; and an open call for a
/// community of practice. Good practices are published too.
/// </summary>
public abstract class DemoCallTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task The_demonstration_calls_cover_a_whole_cycle_and_two_open_calls()
    {
        var titles = DemoData.Calls.Select(c => c.Title).ToList();
        var calls = await Portal.WithDatabaseAsync(db => db.Calls.Include(c => c.Questions).Include(c => c.Criteria)
            .Where(c => titles.Contains(c.Title)).ToListAsync());
        Assert.Equal(titles.Order(), calls.Select(c => c.Title).Order());
        Assert.All(calls, c => Assert.Equal(PublicationState.Published, c.Publication));
        Assert.All(calls, c => Assert.Empty(c.Check()));
        var now = DateTime.UtcNow;

        var funding = Assert.Single(calls, c => c.Kind == CallKind.Funding);
        Assert.True(funding.HasClosed(now));
        Assert.NotNull(funding.ResultsPublishedAt);
        Assert.Equal((10000m, "USD", 50), (funding.MaxAmount!.Value, funding.Currency!, funding.MaxSharePercent!.Value));
        var applications = await Portal.WithDatabaseAsync(db => db.CallApplications.Include(a => a.Partners).Where(a => a.CallId == funding.Id).ToListAsync());
        Assert.True(applications.Count >= 4);
        Assert.All(applications, a => Assert.True(a.IsSubmitted && a.Fingerprint is { Length: 64 } && a.Decision is not null));
        var selected = applications.Where(a => a.Decision == CallDecision.Selected).ToList();
        Assert.Equal(2, selected.Count);
        Assert.Contains(applications, a => a.Decision == CallDecision.Reserve);
        Assert.Contains(applications, a => a.Decision == CallDecision.NotSelected);
        var reviews = await Portal.WithDatabaseAsync(db => db.Reviews.Where(r => applications.Select(a => a.Id).Contains(r.ApplicationId)).ToListAsync());
        Assert.Single(reviews, r => r.Conflict);
        Assert.True(reviews.Count(r => r.IsSubmitted) >= 7);

        // The two selected projects became published initiatives, led by the applicant with its partners.
        using var browser = Portal.CreateBrowser();
        foreach (var application in selected)
        {
            Assert.NotNull(application.InitiativeId);
            var initiative = await Portal.WithDatabaseAsync(db => db.Initiatives.Include(i => i.Actors).SingleAsync(i => i.Id == application.InitiativeId));
            Assert.Equal(PublicationState.Published, initiative.Publication);
            Assert.Equal(application.ApplicantId, initiative.OwnerId);
            Assert.All(application.Partners, p => Assert.Contains(initiative.Actors, a => a.ActorId == p.OrganisationId));
            Assert.Contains(application.Title, (await browser.GetOkAsync($"/initiatives/{initiative.Id}")).Text, StringComparison.Ordinal);
        }

        // The ranking agrees with the decisions: the two selected come first.
        var criteria = funding.Criteria.ToList();
        var ranked = CallRanking.Rank(criteria, applications.Select(a => a.Id), await Portal.WithDatabaseAsync(async db =>
            (await db.Reviews.Include(r => r.Scores).Where(r => r.SubmittedAt != null && applications.Select(a => a.Id).Contains(r.ApplicationId)).ToListAsync())
            .Select(r => new CallRanking.SubmittedReview(r.ApplicationId, r.Scores.ToDictionary(s => s.CriterionId, s => s.Score!.Value))).ToList()));
        Assert.Equal(selected.Select(a => a.Id).Order(), ranked.Take(2).Select(r => r.ApplicationId).Order());

        var practices = Assert.Single(calls, c => c.Kind == CallKind.GoodPractice);
        Assert.True(practices.IsOpenAt(now));
        var pillar = Assert.Single(practices.Questions, q => q.Kind == QuestionKind.Choice);
        Assert.Equal(3, pillar.Choices.Count);
        var network = Assert.Single(calls, c => c.Kind == CallKind.Network);
        Assert.True(network.IsOpenAt(now));
        Assert.NotNull(network.NetworkName);

        var goodPractices = await Portal.WithDatabaseAsync(db => db.GoodPractices.Where(g => g.Publication == PublicationState.Published).Select(g => g.Title).ToListAsync());
        Assert.All(DemoData.GoodPractices, g => Assert.Contains(g.Title, goodPractices));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class DemoCallsOnSqlite(SqlitePortalFixture fixture) : DemoCallTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class DemoCallsOnPostgres(PostgresPortalFixture fixture) : DemoCallTests(fixture);

/// <summary>
/// A fresh demonstration portal has the events of the seeds: BAPA+40 with two side events (the CSO side event on a
/// people-centred approach, past, with its programme by organisation, a published report of its ways forward and anonymous
/// counts only; the UNOSSC panel on peace and development), and an upcoming Mercociudades seminar open for registration.
/// No private name or e-mail address is in them.
/// </summary>
public abstract class DemoEventTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task The_demonstration_events_cover_a_past_side_event_with_its_report_and_an_upcoming_seminar_open_for_registration()
    {
        var titles = DemoData.Events.Select(e => e.Title).ToList();
        var events = await Portal.WithDatabaseAsync(db => db.Events.Include(e => e.Sessions).ThenInclude(s => s.Speakers).Include(e => e.CoOrganisers)
            .Include(e => e.Initiatives).Where(e => titles.Contains(e.Title)).AsSplitQuery().ToListAsync());
        Assert.Equal(titles.Order(), events.Select(e => e.Title).Order());
        Assert.All(events, e => Assert.True(e.IsPublished));
        Assert.All(events, e => Assert.Empty(e.Check()));
        var now = DateTime.UtcNow;

        var conference = Assert.Single(events, e => e.ParentEventId is null && e.HasEnded(now) && e.Sessions.Count == 0);
        var sideEvents = events.Where(e => e.ParentEventId == conference.Id).ToList();
        Assert.Equal(2, sideEvents.Count);
        var cso = Assert.Single(sideEvents, e => e.Kind == EventKind.SideEvent);
        Assert.NotNull(cso.ReportPublishedAt);
        Assert.Contains("ways forward", cso.ReportOutcomes, StringComparison.OrdinalIgnoreCase);
        Assert.True(cso.Sessions.Count >= 5);
        Assert.True(cso.CoOrganisers.Count >= 3 && cso.CoOrganisers.All(o => o.State == CoOrganiserState.Confirmed));
        Assert.Single(cso.Initiatives);
        // The programme says who spoke by organisation only; nobody is named and nobody's address is kept.
        Assert.All(events.SelectMany(e => e.Sessions).SelectMany(s => s.Speakers), p => Assert.False(p.NameShown));
        Assert.All(events.SelectMany(e => e.Sessions).SelectMany(s => s.Speakers), p => Assert.NotNull(p.Organisation));
        Assert.NotNull(cso.ParticipantDataDeletedAt);
        var csoId = cso.Id;
        var tally = await Portal.WithDatabaseAsync(db => db.EventTallies.Where(t => t.EventId == csoId).ToListAsync());
        Assert.Equal(30, Assert.Single(tally, t => t.Dimension == EventTally.All).Registered);
        Assert.False(await Portal.WithDatabaseAsync(db => db.EventRegistrations.AnyAsync(r => titles.Contains(r.Event!.Title) && r.Event.EndsAt < now)));

        var peace = Assert.Single(sideEvents, e => e.Kind == EventKind.Panel);
        Assert.Equal(120, peace.Capacity);
        Assert.Equal("America/Argentina/Buenos_Aires", peace.TimeZone);
        Assert.Equal(new DateTime(2019, 3, 19, 11, 45, 0, DateTimeKind.Utc), peace.StartsAt); // 8.45 in Buenos Aires (UTC−3)

        var seminar = Assert.Single(events, e => !e.HasEnded(now));
        Assert.Null(seminar.RefusesRegistration(now));
        Assert.Equal(EventFormat.Hybrid, seminar.Format);
        Assert.Equal("es", seminar.Language);
        Assert.NotNull(seminar.OnlineLink);
        Assert.True(seminar.Capacity > seminar.RegisteredCount);
        Assert.Contains(await Portal.WithDatabaseAsync(db => db.Set<EventQuestion>().Where(q => q.EventId == seminar.Id).ToListAsync()), q => q.Required);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class DemoEventsOnSqlite(SqlitePortalFixture fixture) : DemoEventTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class DemoEventsOnPostgres(PostgresPortalFixture fixture) : DemoEventTests(fixture);

