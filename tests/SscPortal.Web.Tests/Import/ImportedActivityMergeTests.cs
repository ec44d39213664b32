using SscPortal.Domain;
using SscPortal.Web.Import;

namespace SscPortal.Web.Tests.Import;

/// <summary>Importing over an existing initiative: what the file says is set, what it leaves out (blank) is kept.</summary>
public sealed class ImportedActivityMergeTests
{
    [Fact]
    public async Task A_re_upload_with_blank_fields_sets_what_it_says_and_wipes_nothing_else()
    {
        var target = new Initiative
        {
            Id = 5, Title = "Old title", Summary = "Old summary", Description = "Old description", Objectives = "Old objectives", OwnerId = 7,
            Modality = Modality.Bilateral, Instrument = Instrument.Programme, Status = ActivityStatus.Pipeline, PlannedStart = new DateOnly(2020, 1, 1),
        };
        target.Countries.Add(new InitiativeCountry { CountryCode = "PE", Role = CountryRole.Provider });
        target.Countries.Add(new InitiativeCountry { CountryCode = "PY", Role = CountryRole.Recipient });
        target.Sectors.Add(new InitiativeSector { SectorCode = "31161" });
        target.Sdgs.Add(new InitiativeSdg { GoalCode = 2, IsPrimary = true });
        target.Actors.Add(new InitiativeActor { ActorId = 7, Role = ActorRole.Lead });
        target.Links.Add(new InitiativeLink { Title = "Kept", Url = "https://example.org/kept" });
        target.Contributions.Add(new InitiativeContribution { ActorId = 7, Kind = ContributionKind.InKind, Description = "Experts" });
        target.Translations.Add(new InitiativeTranslation { Language = "es", Title = "Título", Summary = "Resumen" });

        // The file says only its title (in two languages), its status and one recipient country: nothing else.
        var activity = new ImportedActivity
        {
            Identifier = "XI-IATI-EXAMPLE-1", Title = "New title", Status = ActivityStatus.Implementation, RecipientCountries = ["PE", "BO"],
            Translations = [new ImportedTranslation("fr", "Titre", null), new ImportedTranslation("es", "Título nuevo", null)],
            ReportingOrganisation = new ImportedOrganisation("XI-IATI-EXAMPLE", "Agencia", 10),
            SdgGoals = [2, 4], SdgTargets = ["4.1"],
        };
        ImportedActivityMerge.ApplyTo(target, activity, _ => throw new InvalidOperationException("no organisation in the file"));

        Assert.Equal(("New title", "Old summary", "Old description", "Old objectives"), (target.Title, target.Summary, target.Description, target.Objectives));
        Assert.Equal("XI-IATI-EXAMPLE-1", target.IatiIdentifier);
        Assert.Equal((ActivityStatus.Implementation, Modality.Bilateral, Instrument.Programme, new DateOnly(2020, 1, 1)), (target.Status, target.Modality, target.Instrument, target.PlannedStart!.Value));
        // PE was the provider and is now a recipient too; PY is no recipient any more; BO is new.
        Assert.Equal([("BO", CountryRole.Recipient), ("PE", CountryRole.Both)], target.Countries.Select(c => (c.CountryCode, c.Role)).OrderBy(c => c.CountryCode).ToList());
        Assert.Equal(["31161"], target.Sectors.Select(s => s.SectorCode));
        Assert.Equal([(2, true), (4, false)], target.Sdgs.Select(s => (s.GoalCode, s.IsPrimary)).OrderBy(s => s.GoalCode).ToList());
        Assert.Equal(["4.1"], target.SdgTargets.Select(t => t.TargetCode));
        Assert.Equal([(7, ActorRole.Lead)], target.Actors.Select(a => (a.ActorId, a.Role)));
        Assert.Equal(["Kept"], target.Links.Select(l => l.Title));
        Assert.Equal([ContributionKind.InKind], target.Contributions.Select(c => c.Kind));
        // A translation's title changes and its summary is kept; a title without any summary is no translation.
        Assert.Equal([("es", "Título nuevo", "Resumen")], target.Translations.Select(t => (t.Language, t.Title, t.Summary)));
        Assert.Empty(InitiativeRules.Check(target, new DateOnly(2026, 12, 3)));
        await Task.CompletedTask;
    }

    [Fact]
    public void A_new_initiative_is_a_bilateral_project_unless_triangular_and_its_parties_are_matched_by_role_with_the_reporter_as_owner()
    {
        var activity = new ImportedActivity
        {
            Identifier = "XI-IATI-EXAMPLE-2", Title = "Triangular", Summary = "Three partners.", Description = "", Modality = Modality.Triangular,
            ReportingOrganisation = new ImportedOrganisation("XI-IATI-EXAMPLE", "Agencia", 10),
            Participants =
            [
                new ImportedParticipant(new ImportedOrganisation("XM-DAC-41114", "Fondo", 40), 1),
                new ImportedParticipant(new ImportedOrganisation("XI-IATI-EXAMPLE", "Agencia", 10), 2),
                new ImportedParticipant(new ImportedOrganisation(null, "Red", 22), 3),
                new ImportedParticipant(new ImportedOrganisation(null, "Ministerio", 10), 4),
            ],
            Contributions = [new ImportedContribution(null, 10m, "USD", "budget"), new ImportedContribution(new ImportedOrganisation("XM-DAC-41114", "Fondo", 40), 20m, "USD", "budget")],
        };
        var ids = new Dictionary<string, int> { ["Fondo"] = 11, ["Red"] = 12, ["Ministerio"] = 13 };
        var initiative = ImportedActivityMerge.NewInitiative(activity, 7, new DateTime(2026, 12, 3, 0, 0, 0, DateTimeKind.Utc));
        ImportedActivityMerge.ApplyTo(initiative, activity, o => ids[o.Name], id => id == 11 ? "DE" : "PE");

        Assert.Equal((Modality.Triangular, Instrument.Project, PublicationState.Draft, null), (initiative.Modality, initiative.Instrument, initiative.Publication, initiative.Description));
        Assert.Equal([(11, ActorRole.Funding), (7, ActorRole.Lead), (12, ActorRole.Facilitating), (13, ActorRole.Implementing)], initiative.Actors.Select(a => (a.ActorId, a.Role)));
        Assert.Equal([(7, 10m), (11, 20m)], initiative.Contributions.Select(c => (c.ActorId, c.Amount!.Value)));
        Assert.Empty(initiative.Countries);   // triangular: first and second providers are the owner's to say
        Assert.Equal([1, 2, 3, 4], Enum.GetValues<ActorRole>().Where(r => r != ActorRole.Participating).Select(OpenData.IatiActivities.RoleCode)
            .Select(code => OpenData.IatiActivities.RoleCode(ImportedActivityMerge.RoleOf(code))).Order());
    }
}
