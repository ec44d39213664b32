using SscPortal.Domain;

namespace SscPortal.Web.Import;

// The contract between the IATI reader (IatiFileReader, Import/) and the import pages (Pages/Import/). Kept as JSON in
// IatiImportActivity.Preview (System.Text.Json, ImportJson.Options), so add members freely but do not rename them.
//
// "Absent" is not "empty": a member is null when the file says nothing about it (no such element), and then importing
// over an existing initiative keeps what the portal holds. An empty list means the element was there and empty.

/// <summary>What one <c>iati-activity</c> of an uploaded file becomes: an initiative, as read (organisations not yet matched).</summary>
public sealed class ImportedActivity
{
    public string Identifier { get; set; } = "";

    /// <summary>The activity's default language (<c>xml:lang</c> on the activity, else on the file), among en/es/pt/fr; else "en".</summary>
    public string Language { get; set; } = "en";

    /// <summary>The title in <see cref="Language"/> (or the first narrative when none is in it).</summary>
    public string? Title { get; set; }

    /// <summary>The general description (type 1) in <see cref="Language"/>, cut into a summary (its first paragraph, within the
    /// summary's limit) and the rest as the description.</summary>
    public string? Summary { get; set; }
    public string? Description { get; set; }

    /// <summary>Objectives (description type 2).</summary>
    public string? Objectives { get; set; }

    /// <summary>Titles and summaries in the portal's other languages (narratives with another xml:lang among en/es/pt/fr).</summary>
    public List<ImportedTranslation>? Translations { get; set; }

    public ImportedOrganisation? ReportingOrganisation { get; set; }
    public List<ImportedParticipant>? Participants { get; set; }

    public ActivityStatus? Status { get; set; }
    public DateOnly? PlannedStart { get; set; }
    public DateOnly? ActualStart { get; set; }
    public DateOnly? PlannedEnd { get; set; }
    public DateOnly? ActualEnd { get; set; }

    /// <summary>ISO 3166-1 alpha-2 codes of the recipient countries.</summary>
    public List<string>? RecipientCountries { get; set; }

    /// <summary>Recipient regions, as read (the portal records countries: shown in the preview and kept in a warning).</summary>
    public List<ImportedRegion>? RecipientRegions { get; set; }

    /// <summary>DAC 5-digit purpose codes (sector vocabulary 1).</summary>
    public List<string>? Sectors { get; set; }

    /// <summary>SDG goals (tag vocabulary 2, sector vocabulary 7) and targets (tag vocabulary 3, sector vocabulary 8).</summary>
    public List<int>? SdgGoals { get; set; }
    public List<string>? SdgTargets { get; set; }

    /// <summary>Collaboration type 8 (triangular) makes a triangular initiative; otherwise null (the portal's modality is kept).</summary>
    public Modality? Modality { get; set; }

    /// <summary>Money: budgets, planned disbursements and transactions summarised as contributions, one per organisation and currency.</summary>
    public List<ImportedContribution>? Contributions { get; set; }

    /// <summary>Documents linked (document-link), without the link to a portal's own record of the activity.</summary>
    public List<ImportedLink>? Links { get; set; }

    /// <summary>Locations below country level (location elements with a name and, for a point, coordinates).</summary>
    public List<ImportedLocation>? Locations { get; set; }
}

public sealed record ImportedTranslation(string Language, string? Title, string? Summary);

/// <summary>An organisation as named in the file: its IATI identifier (ref) when given, its name, and IATI OrganisationType.</summary>
public sealed record ImportedOrganisation(string? Ref, string Name, int? Type, bool Secondary = false);

/// <summary>A participating organisation: who, and its IATI OrganisationRole (1 funding, 2 accountable, 3 extending, 4 implementing).</summary>
public sealed record ImportedParticipant(ImportedOrganisation Organisation, int Role);

public sealed record ImportedRegion(string Code, string Vocabulary, string? Name);

/// <summary>Money from one organisation (null: the reporting organisation) in one currency, and where in the file it was read.</summary>
public sealed record ImportedContribution(ImportedOrganisation? Provider, decimal Amount, string Currency, string Source);

public sealed record ImportedLink(string Url, string? Title, string? Format, string? Category);

public sealed record ImportedLocation(string? CountryCode, LocationPrecision Precision, string? Region, string? Place, double? Latitude, double? Longitude);

/// <summary>Why an activity, or a whole file, cannot be imported (an error) or is taken differently (a warning).</summary>
public enum ImportProblemCode
{
    // The whole file: nothing is read from it.
    NotXml = 1,
    DoctypeRefused = 2,
    NotActivityFile = 3,
    UnsupportedVersion = 4,
    FileTooLarge = 5,
    TooManyActivities = 6,

    // One activity: it is refused, the others stay importable.
    SchemaInvalid = 20,
    IdentifierMissing = 21,
    IdentifierRepeated = 22,
    ReportingOrganisationNotYours = 23,
    IdentifierOfAnotherOrganisation = 24,
    TitleMissing = 25,
    UnknownCode = 26,
    TextTooLong = 27,
    DatesInconsistent = 28,
    IdentifierNotOfReporter = 29,

    // Warnings: imported, but not everything as written.
    RegionNotRecorded = 50,
    LanguageNotKept = 51,
    CurrencySummed = 52,
    ElementNotKept = 53,
    SummaryShortened = 54,
}

/// <summary>One problem: its code, the line in the file, and what it is about (an element, a value, the schema's own words).</summary>
public sealed record ImportProblem(ImportProblemCode Code, int Line, string? Detail = null);

/// <summary>One activity as read: its place in the upload, where it starts, its identifier and title, and what it becomes or why not.</summary>
public sealed record ReadActivity(int Position, int Line, string Identifier, string Title,
    IReadOnlyList<ImportProblem> Errors, IReadOnlyList<ImportProblem> Warnings, ImportedActivity? Activity);

/// <summary>A whole file refused before any activity is read (not XML, a DOCTYPE, another kind of file, too large).</summary>
public sealed class ImportFileException(ImportProblem problem) : Exception($"IATI file refused: {problem.Code} at line {problem.Line}")
{
    public ImportProblem Problem { get; } = problem;
}
