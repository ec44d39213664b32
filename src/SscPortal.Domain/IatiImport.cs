namespace SscPortal.Domain;

/// <summary>Where an uploaded IATI file stands: checked and previewed, its chosen activities imported, or set aside.</summary>
public enum ImportState
{
    Previewed = 1,
    Imported = 2,
    Discarded = 3,
}

/// <summary>
/// One upload of IATI activity files by a member of an organisation: what was read (file names, size, IATI version),
/// how many activities it held and how many the schema and the portal's rules refused, and, once imported, when and how
/// many. The activities themselves are <see cref="IatiImportActivity"/> rows, one per <c>iati-activity</c>, written while
/// the file is read (the file is never held whole in memory nor kept after it was read).
/// </summary>
public class IatiImport
{
    public const int FileNameLength = 500;

    public int Id { get; set; }

    /// <summary>The organisation whose drafts the activities become (the uploader's, chosen on the upload form).</summary>
    public int OwnerId { get; set; }
    public Actor? Owner { get; set; }

    /// <summary>The account that uploaded the file (and the one recorded as importing it).</summary>
    public required string UserId { get; set; }

    /// <summary>The names of the uploaded files, as the browser gave them (shown, never used as a path).</summary>
    public required string FileNames { get; set; }
    public long ByteSize { get; set; }

    /// <summary>The IATI version(s) the files declare (2.01, 2.02, 2.03), comma-separated.</summary>
    public string? IatiVersion { get; set; }

    public ImportState State { get; set; } = ImportState.Previewed;
    public DateTime CreatedAt { get; set; }
    public DateTime? ImportedAt { get; set; }

    public int ActivityCount { get; set; }
    /// <summary>Activities the schema or the portal's rules refused: never importable.</summary>
    public int RejectedCount { get; set; }
    public int ImportedCount { get; set; }

    /// <summary>Goes up with every change of state, so that importing twice from two tabs imports once.</summary>
    public int Version { get; set; } = 1;
}

/// <summary>
/// One <c>iati-activity</c> of an uploaded file: its identifier and title as read, the problems found (none: importable),
/// what it becomes in the portal (<see cref="Preview"/>, JSON written by the web layer's mapper), the initiative it would
/// update when one already carries its identifier, and, once imported, the initiative it made or updated.
/// </summary>
public class IatiImportActivity
{
    public const int IdentifierLength = 200;

    public long Id { get; set; }
    public int ImportId { get; set; }

    /// <summary>Its place in the upload, from 1: the order of the files, then of the activities in each.</summary>
    public int Position { get; set; }

    /// <summary>The <c>iati-identifier</c> as read (trimmed); empty when the activity has none (then it is rejected).</summary>
    public required string IatiIdentifier { get; set; }
    public required string Title { get; set; }

    /// <summary>The line in its file where the activity starts, to find it in the file.</summary>
    public int Line { get; set; }

    /// <summary>Problems that refuse the activity (JSON list written by the web layer); null when it may be imported.</summary>
    public string? Errors { get; set; }

    /// <summary>What the portal will not take from the activity, or takes differently (JSON list); never refuses it.</summary>
    public string? Warnings { get; set; }

    /// <summary>What the activity becomes (JSON written by the web layer); null when rejected.</summary>
    public string? Preview { get; set; }

    /// <summary>An initiative of the same organisation that already carries this identifier: importing updates it.</summary>
    public int? ExistingInitiativeId { get; set; }

    /// <summary>The initiative made or updated by the import.</summary>
    public int? InitiativeId { get; set; }

    public bool IsRejected => Errors is not null;
}

/// <summary>
/// The last check of a web address that published records link to (an initiative's links, documents): whether it answered,
/// with what, and when. Written by the web layer's link checker; read by the data-quality checks ("broken links").
/// </summary>
public class LinkCheck
{
    public const int UrlLength = 2000;

    public long Id { get; set; }
    public required string Url { get; set; }
    public DateTime CheckedAt { get; set; }

    /// <summary>The HTTP status answered; null when nothing answered (no such host, refused, timed out).</summary>
    public int? Status { get; set; }

    /// <summary>Why it counts as broken, in a few words (a status, "no answer", "not a public address"); null when it works.</summary>
    public string? Problem { get; set; }

    /// <summary>How many checks in a row found it broken: one failure may be a passing outage.</summary>
    public int Failures { get; set; }

    public bool IsBroken => Problem is not null;
}
