using SscPortal.Domain;

namespace SscPortal.Domain.Tests;

public class RecordSnapshotTests
{
    private static Initiative Sample() => new() { Title = "Seed exchange", Summary = "Farmers share seeds.", Modality = Modality.Bilateral };

    [Fact]
    public void An_unchanged_record_has_no_changes() =>
        Assert.Empty(RecordSnapshot.Diff(RecordSnapshot.Of(Sample()), RecordSnapshot.Of(Sample())));

    [Fact]
    public void Each_changed_field_is_listed_with_what_it_said_before_and_after()
    {
        var initiative = Sample();
        var before = RecordSnapshot.Of(initiative);
        initiative.Title = "Native seed exchange";
        initiative.ActualStart = new DateOnly(2025, 3, 1);
        initiative.Countries.Add(new InitiativeCountry { CountryCode = "PY", Role = CountryRole.Recipient });
        initiative.Countries.Add(new InitiativeCountry { CountryCode = "PE", Role = CountryRole.Provider });

        var changes = RecordSnapshot.Diff(before, RecordSnapshot.Of(initiative));

        Assert.Equal(
            [
                new FieldChange("Title", "Seed exchange", "Native seed exchange"),
                new FieldChange("ActualStart", null, "2025-03-01"),
                new FieldChange("Countries", null, "PE (Provider); PY (Recipient)"),
            ],
            changes);
    }
}
