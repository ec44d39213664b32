namespace SscPortal.Domain;

/// <summary>
/// Whether an initiative works in a conflict-affected or otherwise sensitive setting, as its owner says. Not stated, an
/// initiative under one of the peace-and-development pillars is taken to be sensitive; any other is not.
/// </summary>
public enum SettingSensitivity
{
    NotStated = 0,
    /// <summary>The owner marks it as working in a sensitive setting.</summary>
    Sensitive = 1,
    /// <summary>The owner confirms it does not: needed for an initiative under a peace-and-development pillar to show precise locations.</summary>
    ConfirmedNotSensitive = 2,
}

/// <summary>
/// What the public may know of where an initiative works. Publishing a precise place can put people in danger: the
/// locations of an initiative in a sensitive setting are shown to the public at region level at most (country and
/// first-level administrative area, never a municipality, a place name or coordinates); its owner sees them as recorded.
/// </summary>
public static class SafeLocations
{
    /// <summary>The three UNOSSC peace-and-development pillars.</summary>
    public static readonly IReadOnlyList<ThematicArea> PeaceAndDevelopmentPillars =
        [ThematicArea.ConflictPrevention, ThematicArea.PeaceNegotiationAndCrisisManagement, ThematicArea.ConflictTransformation];

    public static bool IsPeaceAndDevelopmentPillar(ThematicArea area) => PeaceAndDevelopmentPillars.Contains(area);

    /// <summary>Sensitive when the owner says so, or, unless the owner confirms otherwise, under a peace-and-development pillar.</summary>
    public static bool IsSensitive(SettingSensitivity sensitivity, IEnumerable<ThematicArea> areas) => sensitivity switch
    {
        SettingSensitivity.Sensitive => true,
        SettingSensitivity.ConfirmedNotSensitive => false,
        _ => areas.Any(IsPeaceAndDevelopmentPillar),
    };

    /// <summary>
    /// The locations as the public may see them: as recorded when the setting is not sensitive; otherwise each reduced to
    /// its country and region (<see cref="InitiativeLocation.AtRegionLevelAtMost"/>), each country and region once.
    /// </summary>
    public static IReadOnlyList<InitiativeLocation> ForPublic(bool sensitive, IEnumerable<InitiativeLocation> locations) =>
        sensitive
            ? locations.Select(l => l.AtRegionLevelAtMost()).DistinctBy(l => (l.CountryCode, l.Region)).ToList()
            : locations.ToList();
}
