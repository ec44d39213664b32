namespace SscPortal.Domain.Tests;

/// <summary>What the public may see of where an initiative works (SafeLocations), and what a location must be to be recorded.</summary>
public class SafeLocationTests
{
    private static Initiative WithLocations(SettingSensitivity sensitivity, params ThematicArea[] areas)
    {
        var initiative = new Initiative { Title = "Dialogue", Summary = "Community dialogue.", Sensitivity = sensitivity, ThematicAreas = [.. areas] };
        initiative.Locations.Add(new InitiativeLocation { CountryCode = "PE", Precision = LocationPrecision.Point, Region = "Cusco", Place = "Ollantaytambo", Latitude = -13.2581, Longitude = -72.2634 });
        initiative.Locations.Add(new InitiativeLocation { CountryCode = "PE", Precision = LocationPrecision.Municipality, Region = "Cusco", Place = "Urubamba" });
        initiative.Locations.Add(new InitiativeLocation { CountryCode = "CO", Precision = LocationPrecision.Municipality, Place = "Mesetas" });
        initiative.Locations.Add(new InitiativeLocation { CountryCode = "BO", Precision = LocationPrecision.Country });
        return initiative;
    }

    [Fact]
    public void A_sensitive_initiative_shows_the_public_its_countries_and_regions_only_each_once()
    {
        var shown = WithLocations(SettingSensitivity.Sensitive).PublicLocations();

        Assert.Equal(
            [("PE", LocationPrecision.Region, "Cusco"), ("CO", LocationPrecision.Country, null), ("BO", LocationPrecision.Country, null)],
            shown.Select(l => (l.CountryCode, l.Precision, l.Region)).ToList());
        Assert.All(shown, l => Assert.Equal((null, null, null), (l.Place, l.Latitude, l.Longitude)));
    }

    [Fact]
    public void The_reduction_leaves_the_recorded_locations_as_they_are()
    {
        var initiative = WithLocations(SettingSensitivity.Sensitive);
        _ = initiative.PublicLocations();
        Assert.Equal("Ollantaytambo", initiative.Locations[0].Place);
        Assert.Equal(-13.2581, initiative.Locations[0].Latitude);
    }

    [Theory]
    [InlineData(ThematicArea.ConflictPrevention)]
    [InlineData(ThematicArea.PeaceNegotiationAndCrisisManagement)]
    [InlineData(ThematicArea.ConflictTransformation)]
    public void A_peace_and_development_pillar_is_sensitive_unless_its_owner_confirms_it_is_not(ThematicArea pillar)
    {
        Assert.True(WithLocations(SettingSensitivity.NotStated, ThematicArea.Health, pillar).IsInSensitiveSetting);
        Assert.DoesNotContain(WithLocations(SettingSensitivity.NotStated, pillar).PublicLocations(), l => l.Place is not null);

        var confirmed = WithLocations(SettingSensitivity.ConfirmedNotSensitive, pillar);
        Assert.False(confirmed.IsInSensitiveSetting);
        Assert.Equal(confirmed.Locations, confirmed.PublicLocations());
    }

    [Fact]
    public void Any_other_initiative_is_sensitive_only_when_its_owner_says_so()
    {
        var plain = WithLocations(SettingSensitivity.NotStated, ThematicArea.FoodSecurity);
        Assert.False(plain.IsInSensitiveSetting);
        Assert.Equal(plain.Locations, plain.PublicLocations());
        Assert.True(WithLocations(SettingSensitivity.Sensitive, ThematicArea.FoodSecurity).IsInSensitiveSetting);
        Assert.True(WithLocations(SettingSensitivity.Sensitive).IsInSensitiveSetting);
    }

    public static TheoryData<LocationPrecision, string?, string?, double?, double?, string, RuleCode> BadLocations() => new()
    {
        { LocationPrecision.Point, "Cusco", null, 200, -72, "Latitude", RuleCode.LatitudeOutOfRange },
        { LocationPrecision.Point, "Cusco", null, -13, 181, "Longitude", RuleCode.LongitudeOutOfRange },
        { LocationPrecision.Point, "Cusco", null, double.NaN, -72, "Latitude", RuleCode.LatitudeOutOfRange },
        { LocationPrecision.Point, "Cusco", "Ollantaytambo", null, -72, "Latitude", RuleCode.PointNeedsCoordinates },
        { LocationPrecision.Region, "Cusco", null, -13, -72, "Latitude", RuleCode.CoordinatesOnlyForPoints },
        { LocationPrecision.Region, null, null, null, null, "Region", RuleCode.LocationNeedsRegion },
        { LocationPrecision.Region, "Cusco", "Urubamba", null, null, "Place", RuleCode.RegionLocationNamesNoPlace },
        { LocationPrecision.Municipality, "Cusco", null, null, null, "Place", RuleCode.LocationNeedsPlace },
        { LocationPrecision.Country, null, "Urubamba", null, null, "Precision", RuleCode.CountryLocationNamesNoPlace },
        { LocationPrecision.Municipality, new string('r', 201), "Urubamba", null, null, "Region", RuleCode.LocationNameTooLong },
        { LocationPrecision.Municipality, "Cusco", "<script>alert(1)</script>", null, null, "Place", RuleCode.LocationNameNotPlain },
        { (LocationPrecision)9, null, null, null, null, "Precision", RuleCode.LocationPrecisionUnknown },
    };

    [Theory]
    [MemberData(nameof(BadLocations))]
    public void A_location_is_checked_field_by_field(LocationPrecision precision, string? region, string? place, double? latitude, double? longitude, string field, RuleCode code)
    {
        var initiative = new Initiative { Title = "Dialogue", Summary = "Community dialogue.", OwnerId = 7 };
        initiative.Actors.Add(new InitiativeActor { ActorId = 7, Role = ActorRole.Lead });
        initiative.Locations.Add(new InitiativeLocation { CountryCode = "PE" });
        initiative.Locations.Add(new InitiativeLocation { CountryCode = "PE", Precision = precision, Region = region, Place = place, Latitude = latitude, Longitude = longitude });

        var problems = InitiativeRules.Check(initiative, new DateOnly(2026, 6, 1));

        Assert.Contains(new RuleViolation($"Locations[1].{field}", code), problems);
        Assert.DoesNotContain(problems, p => p.Field.StartsWith("Locations[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_precision_with_its_fields_is_a_valid_location()
    {
        var initiative = WithLocations(SettingSensitivity.Sensitive);
        initiative.Locations.Add(new InitiativeLocation { CountryCode = "PE", Precision = LocationPrecision.Region, Region = "Loreto" });
        Assert.Empty(initiative.Locations.SelectMany((l, i) => l.Check(i)));
    }

    [Fact]
    public void The_history_records_every_part_of_a_location_and_the_setting()
    {
        var snapshot = RecordSnapshot.Of(WithLocations(SettingSensitivity.Sensitive));
        Assert.Contains("PE Point: Cusco / Ollantaytambo (-13.2581, -72.2634)", snapshot[nameof(Initiative.Locations)], StringComparison.Ordinal);
        Assert.Equal("Sensitive", snapshot[nameof(Initiative.Sensitivity)]);
        Assert.Null(RecordSnapshot.Of(WithLocations(SettingSensitivity.NotStated))[nameof(Initiative.Sensitivity)]);
    }
}
