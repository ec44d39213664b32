namespace SscPortal.Web.Evidence.Inspection;

/// <summary>What kind of evidence a file is, as far as the portal cares.</summary>
public enum FileFamily { Pdf = 1, Document = 2, Spreadsheet = 3, Presentation = 4, Image = 5, Audio = 6 }

/// <summary>A type decided from a file's content: the content type to serve it with and the extension to store it under.</summary>
public sealed record DetectedType(string ContentType, string Extension, FileFamily Family);

/// <summary>Why a file may not be stored.</summary>
public enum Refusal
{
    /// <summary>The file has no bytes.</summary>
    Empty = 1,
    /// <summary>The file is truncated or malformed: its structure does not hold together.</summary>
    Damaged = 2,
    /// <summary>A program: Windows (MZ/PE), Linux (ELF), macOS (Mach-O), Java class, WebAssembly, Windows shortcut.</summary>
    Executable = 3,
    /// <summary>A script: a <c>#!</c> file, or text that reads as JavaScript, PowerShell, batch or shell.</summary>
    Script = 4,
    /// <summary>HTML, XHTML, SVG or other XML, which a browser could run.</summary>
    Html = 5,
    /// <summary>A type the portal does not store (plain text, other archives, video, other images…).</summary>
    UnknownType = 6,
    /// <summary>An archive that expands far beyond its size, or has too many entries.</summary>
    ZipBomb = 7,
    /// <summary>An office document carrying macros (VBA or ODF Basic/scripts).</summary>
    MacroEnabled = 8,
    /// <summary>A binary (OLE) office file: .doc, .xls, .ppt, or a password-protected .docx/.xlsx/.pptx.</summary>
    LegacyOffice = 9,
    /// <summary>A password-protected PDF or OpenDocument file, or an archive with encrypted entries.</summary>
    Encrypted = 10,
}

/// <summary>One piece of author metadata a document carries, e.g. ("Author", "Maria Quispe").</summary>
public sealed record AuthorMetadata(string Field, string Value);

/// <summary>The outcome of <see cref="FileInspector.Inspect"/>.</summary>
public sealed record InspectionResult(DetectedType? Type, Refusal? Refusal, IReadOnlyList<AuthorMetadata> AuthorMetadata)
{
    public bool Accepted => Refusal is null && Type is not null;

    internal static InspectionResult Refused(Refusal refusal) => new(null, refusal, []);

    internal static InspectionResult Of(DetectedType type, IReadOnlyList<AuthorMetadata>? authorMetadata = null) => new(type, null, authorMetadata ?? []);
}

/// <summary>Bounds on what an archive may expand to before it counts as a zip bomb.</summary>
/// <param name="MaxExpandedBytes">Total size of all entries once expanded.</param>
/// <param name="MaxEntries">Number of entries.</param>
/// <param name="MaxRatio">Expanded size over compressed size of one entry (checked for entries over 1 MiB expanded).</param>
public sealed record InspectionLimits(long MaxExpandedBytes = 200L * 1024 * 1024, int MaxEntries = 10_000, int MaxRatio = 200)
{
    public static InspectionLimits Default { get; } = new();
}

/// <summary>The types the portal accepts.</summary>
public static class DetectedTypes
{
    public static DetectedType Pdf { get; } = new("application/pdf", ".pdf", FileFamily.Pdf);
    public static DetectedType Docx { get; } = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", FileFamily.Document);
    public static DetectedType Xlsx { get; } = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", FileFamily.Spreadsheet);
    public static DetectedType Pptx { get; } = new("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx", FileFamily.Presentation);
    public static DetectedType Odt { get; } = new("application/vnd.oasis.opendocument.text", ".odt", FileFamily.Document);
    public static DetectedType Ods { get; } = new("application/vnd.oasis.opendocument.spreadsheet", ".ods", FileFamily.Spreadsheet);
    public static DetectedType Odp { get; } = new("application/vnd.oasis.opendocument.presentation", ".odp", FileFamily.Presentation);
    public static DetectedType Jpeg { get; } = new("image/jpeg", ".jpg", FileFamily.Image);
    public static DetectedType Png { get; } = new("image/png", ".png", FileFamily.Image);
    public static DetectedType Gif { get; } = new("image/gif", ".gif", FileFamily.Image);
    public static DetectedType WebP { get; } = new("image/webp", ".webp", FileFamily.Image);
    public static DetectedType Mp3 { get; } = new("audio/mpeg", ".mp3", FileFamily.Audio);
    public static DetectedType Ogg { get; } = new("audio/ogg", ".ogg", FileFamily.Audio);
    public static DetectedType Wav { get; } = new("audio/wav", ".wav", FileFamily.Audio);
    public static DetectedType Flac { get; } = new("audio/flac", ".flac", FileFamily.Audio);
    public static DetectedType M4a { get; } = new("audio/mp4", ".m4a", FileFamily.Audio);

    private static readonly DetectedType[] All = [Pdf, Docx, Xlsx, Pptx, Odt, Ods, Odp, Jpeg, Png, Gif, WebP, Mp3, Ogg, Wav, Flac, M4a];

    /// <summary>The accepted type a stored file was found to be (files keep the content type the inspection gave them).</summary>
    public static DetectedType Of(string contentType) =>
        All.FirstOrDefault(t => t.ContentType == contentType) ?? throw new ArgumentException($"Not an accepted type: {contentType}", nameof(contentType));
}

/// <summary>Thrown inside the inspection code to stop at the first reason for refusal; never escapes <see cref="FileInspector.Inspect"/>.</summary>
internal sealed class RefusedContentException : Exception
{
    public RefusedContentException() : this(Inspection.Refusal.Damaged) { }

    public RefusedContentException(string message) : base(message) { }

    public RefusedContentException(string message, Exception innerException) : base(message, innerException) { }

    public RefusedContentException(Refusal refusal) : base(refusal.ToString()) => Refusal = refusal;

    public Refusal Refusal { get; } = Inspection.Refusal.Damaged;

    public static RefusedContentException Damaged() => new(Inspection.Refusal.Damaged);
}

/// <summary>Collects author metadata: each distinct non-blank value once per field, in the order found.</summary>
internal sealed class AuthorMetadataCollector
{
    private readonly List<AuthorMetadata> _found = [];
    private readonly HashSet<(string, string)> _seen = [];

    public void Add(string field, string? value)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return;
        if (trimmed.Length > 500) trimmed = trimmed[..500];
        if (_seen.Add((field, trimmed))) _found.Add(new AuthorMetadata(field, trimmed));
    }

    public IReadOnlyList<AuthorMetadata> ToList() => _found.ToArray();
}
