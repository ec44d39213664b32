using SscPortal.Domain;
using SscPortal.Web.Data.Seed;

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
    public void No_demonstration_record_carries_an_email_address()
    {
        var text = string.Join("\n", DemoData.Actors.Select(a => $"{a.Name} {a.Description} {a.Website}")
            .Concat(DemoData.Initiatives.Select(i => $"{i.Title} {i.Summary} {i.Description}")));
        Assert.DoesNotContain("@", text, StringComparison.Ordinal);
    }
}
