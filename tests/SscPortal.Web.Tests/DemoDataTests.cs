using Microsoft.EntityFrameworkCore;
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
            .Concat(DemoData.Partnerships.Select(p => $"{p.Title} {p.Scope} {p.DocumentUrl}")));
        Assert.DoesNotContain("@", text, StringComparison.Ordinal);
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
