using SscPortal.Domain;
using SscPortal.Web.Authorization;

namespace SscPortal.Web.Catalogue;

/// <summary>
/// The one answer to "which of this initiative's locations does this reader see?". An initiative in a sensitive setting
/// (<see cref="SafeLocations"/>) shows its locations as recorded only to those who may see them so
/// (<see cref="Operations.SeePreciseLocations"/>, answered by the initiative's rights handler: its own organisation's
/// editors); everyone else — the public, other organisations, moderators — sees them at region level at most. The
/// exports, the API, the feeds and the map are public whoever asks: they use <see cref="ForPublic"/>.
/// </summary>
public sealed class LocationsForReader(Rights rights)
{
    /// <param name="Locations">What the reader sees.</param>
    /// <param name="Sensitive">Whether the initiative works in a sensitive setting (so the public sees less than it records).</param>
    /// <param name="Precise">Whether the reader sees the locations as recorded although the setting is sensitive.</param>
    public sealed record Shown(IReadOnlyList<InitiativeLocation> Locations, bool Sensitive, bool Precise);

    public async Task<Shown> ForAsync(InitiativeResource record, SettingSensitivity sensitivity, IEnumerable<ThematicArea> areas, IReadOnlyList<InitiativeLocation> recorded)
    {
        if (!SafeLocations.IsSensitive(sensitivity, areas)) return new Shown(recorded, Sensitive: false, Precise: false);
        return await rights.MayAsync(record, Operations.SeePreciseLocations)
            ? new Shown(recorded, Sensitive: true, Precise: true)
            : new Shown(SafeLocations.ForPublic(sensitive: true, recorded), Sensitive: true, Precise: false);
    }

    /// <summary>Whether the reader may see this initiative's locations as recorded (its history's locations too).</summary>
    public async Task<bool> SeesPreciseAsync(InitiativeResource record, SettingSensitivity sensitivity, IEnumerable<ThematicArea> areas) =>
        !SafeLocations.IsSensitive(sensitivity, areas) || await rights.MayAsync(record, Operations.SeePreciseLocations);

    /// <summary>The locations as the public sees them, whoever reads: for the exports, the API, the feeds and the map.</summary>
    public static IReadOnlyList<InitiativeLocation> ForPublic(SettingSensitivity sensitivity, IEnumerable<ThematicArea> areas, IEnumerable<InitiativeLocation> recorded) =>
        SafeLocations.ForPublic(SafeLocations.IsSensitive(sensitivity, areas), recorded);
}
