using SscPortal.Web.Reference;

namespace SscPortal.Web.Import;

/// <summary>
/// What the reader needs to know about one upload (one or several files read one after the other with the same context):
/// the importing organisation and the IATI organisation identifier it recorded, the portal's code lists, and what has been
/// read so far (identifiers, so that one repeated in another file of the upload is caught; IATI versions; the count).
/// </summary>
public sealed class ImportContext
{
    /// <summary>Characters an uploaded file may hold at most (about 1 GB of text: the upload's byte limit bites first).</summary>
    public const long DefaultMaxCharacters = 1_000_000_000;

    public required int OwnerId { get; init; }
    public required string OwnerName { get; init; }

    /// <summary>The IATI organisation identifier the owner recorded (Actor.IatiIdentifier); null when it has none.</summary>
    public string? OwnerIatiIdentifier { get; init; }

    public required IReadOnlySet<string> Countries { get; init; }
    public required IReadOnlySet<string> Sectors { get; init; }
    public required IReadOnlySet<string> Currencies { get; init; }
    public required IReadOnlySet<int> Goals { get; init; }
    public required IReadOnlySet<string> Targets { get; init; }

    /// <summary>Today, for the rule that an actual date is not in the future.</summary>
    public required DateOnly Today { get; init; }

    /// <summary>The most characters a file may hold (XmlReaderSettings.MaxCharactersInDocument): beyond, FileTooLarge.</summary>
    public long MaxCharacters { get; init; } = DefaultMaxCharacters;

    /// <summary>The most activities the whole upload may hold: beyond, TooManyActivities.</summary>
    public int MaxActivities { get; init; } = 20_000;

    /// <summary>The page where the owner records its IATI organisation identifier.</summary>
    public string IdentifierPage => $"/organisations/{OwnerId.ToString(System.Globalization.CultureInfo.InvariantCulture)}/iati-identifier";

    /// <summary>Identifiers read so far in this upload (across its files).</summary>
    public HashSet<string> SeenIdentifiers { get; } = new(StringComparer.Ordinal);

    /// <summary>The IATI versions the files of this upload declared, in the order first seen.</summary>
    public List<string> Versions { get; } = [];

    /// <summary>Activities read so far in this upload.</summary>
    public int ActivityCount { get; set; }

    public static ImportContext For(ReferenceData.Snapshot codes, int ownerId, string ownerName, string? ownerIatiIdentifier, DateOnly today) => new()
    {
        OwnerId = ownerId,
        OwnerName = ownerName,
        OwnerIatiIdentifier = string.IsNullOrWhiteSpace(ownerIatiIdentifier) ? null : ownerIatiIdentifier.Trim(),
        Countries = codes.Countries.Keys.ToHashSet(StringComparer.Ordinal),
        Sectors = codes.Sectors.Keys.ToHashSet(StringComparer.Ordinal),
        Currencies = codes.Currencies.Keys.ToHashSet(StringComparer.Ordinal),
        Goals = codes.Goals.Keys.ToHashSet(),
        Targets = codes.Targets.Keys.ToHashSet(StringComparer.Ordinal),
        Today = today,
    };
}
