using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;

namespace SscPortal.Web.Evidence;

/// <summary>One file version as lists and its own page show it.</summary>
public sealed record FileItem(int Id, string FileName, string? Description, string ContentType, long Size, string Sha256, int OrganisationId, string OrganisationName,
    DateTime UploadedAt, int VersionNumber, EvidenceVisibility Visibility, IReadOnlyList<int> Parties, string? Section, bool AwaitingReview,
    DateTime? HiddenAt, string? HiddenReason, string? RemovedMetadata, bool Reported, int Series, int? SupersededById, FileOwnerKind OwnerKind, int OwnerId)
{
    public bool Hidden => HiddenAt is not null;

    public EvidenceResource Resource(int? assessmentId) =>
        new(OrganisationId, Visibility, Parties, assessmentId, Reported, AwaitingReview);
}

/// <summary>The files of one record (or one section of an assessment) the reader may read, and how many others support it unseen.</summary>
public sealed record FileShelf(FileOwner Owner, string? Section, IReadOnlyList<FileItem> Items, int Restricted, bool MayAdd)
{
    public string AddPath => $"/files/add?to={Owner.Kind.ToString().ToLowerInvariant()}&id={Owner.Id}"
        + (Section is null ? "" : "&section=" + Uri.EscapeDataString(Section));
}

/// <summary>Reads the current versions of a record's files, each checked against the reader's rights (EvidenceRightsHandler).</summary>
public sealed class FileLists(AppDbContext db, Rights rights, FileOwners owners, Caching.RecordPageCache kept, IHttpContextAccessor http)
{
    private readonly Dictionary<(FileOwnerKind, int), IReadOnlyDictionary<string, FileShelf>?> _read = [];
    private readonly Dictionary<(FileOwnerKind, int), FileOwner> _owners = [];

    /// <summary>
    /// Tells the lists a record the page has read already (and checked the reader may see), so that its files section reads
    /// the files alone rather than the record again.
    /// </summary>
    public void Know(FileOwner owner) => _owners[(owner.Kind, owner.Id)] = owner;

    /// <summary>A record's shelves, read once per request however many sections a page shows; null for no such record.</summary>
    public async Task<IReadOnlyDictionary<string, FileShelf>?> ForAsync(FileOwnerKind kind, int id, CancellationToken cancellationToken)
    {
        if (_read.TryGetValue((kind, id), out var known)) return known;
        var owner = _owners.TryGetValue((kind, id), out var told) ? told : await owners.FindAsync(kind, id, cancellationToken);
        var shelves = owner is null ? null : await ForAsync(owner, cancellationToken);
        _read[(kind, id)] = shelves;
        return shelves;
    }

    public static IQueryable<FileItem> Items(IQueryable<EvidenceFile> files) => files.Select(f => new FileItem(
        f.Id, f.FileName, f.Description, f.ContentType, f.Size, f.Sha256, f.OrganisationId, f.Organisation!.Name, f.UploadedAt, f.VersionNumber,
        f.Visibility, f.Parties.Select(p => p.PartyId).ToList(), f.Section, f.State == FileState.AwaitingReview, f.HiddenAt, f.HiddenReason,
        f.RemovedMetadata, f.ReportedAt != null, f.SeriesId ?? f.Id, f.SupersededById, f.OwnerKind, f.OwnerId));

    /// <summary>
    /// Every section's shelf of a record (one, with a null section, for records without sections). A page read (GET, HEAD)
    /// takes the record's current files as kept for every reader until the content changes (Caching/RecordPageCache.cs):
    /// each reader's rights are applied to them here, per request, so a restricted file is never shown to one who may not see it.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, FileShelf>> ForAsync(FileOwner owner, CancellationToken cancellationToken)
    {
        Task<List<FileItem>?> read() => Items(db.EvidenceFiles.AsNoTracking()
                .Where(f => f.OwnerKind == owner.Kind && f.OwnerId == owner.Id && f.SupersededById == null)
                .OrderBy(f => f.UploadedAt).ThenBy(f => f.Id)).ToListAsync(cancellationToken)!;
        var current = (Caching.ReaderCache.MayUse(http.HttpContext, db)
            ? await kept.GetAsync($"files|{owner.Kind}|{owner.Id}", read, _ => true)
            : await read())!;
        var mayAdd = await rights.MayAsync(owner.Resource, Operations.Edit)
            && await rights.MayAsync(new EvidenceResource(owner.OrganisationId), Operations.AddEvidence);
        var shelves = new Dictionary<string, FileShelf>();
        foreach (var section in owner.Sections ?? [""])
        {
            var items = current.Where(f => (f.Section ?? "") == section).ToList();
            var readable = new List<FileItem>();
            var restricted = 0;
            foreach (var item in items)
            {
                if (await rights.MayAsync(item.Resource(owner.AssessmentId), Operations.See)) readable.Add(item);
                else if (!item.AwaitingReview && !item.Hidden) restricted++;
            }
            shelves[section] = new FileShelf(owner, section.Length == 0 ? null : section, readable, restricted, mayAdd);
        }
        return shelves;
    }

    /// <summary>
    /// How a record's history names a file: a public one by its name, a restricted one by its number only, since the history
    /// is read by everyone who may read the record.
    /// </summary>
    public static string HistoryName(int id, string fileName, int version, EvidenceVisibility visibility) =>
        visibility == EvidenceVisibility.Public ? $"{fileName} (v{version})" : $"#{id} (v{version})";

    /// <summary>A size as people read it ("2.4 MB"), in the reader's culture.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Format(CultureInfo.CurrentCulture, "{0} B", bytes),
        < 1024 * 1024 => string.Format(CultureInfo.CurrentCulture, "{0:0.#} KB", bytes / 1024d),
        _ => string.Format(CultureInfo.CurrentCulture, "{0:0.#} MB", bytes / (1024d * 1024d)),
    };

    /// <summary>What kind of file it is, in words (an English key the views localise).</summary>
    public static string TypeLabel(string contentType) => contentType switch
    {
        "application/pdf" => "PDF document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" or "application/vnd.oasis.opendocument.text" => "Text document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" or "application/vnd.oasis.opendocument.spreadsheet" => "Spreadsheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" or "application/vnd.oasis.opendocument.presentation" => "Presentation",
        _ when contentType.StartsWith("image/", StringComparison.Ordinal) => "Image",
        _ when contentType.StartsWith("audio/", StringComparison.Ordinal) => "Audio recording",
        _ => "File",
    };

    /// <summary>Shown in the browser (images and PDFs); everything else is downloaded.</summary>
    public static bool OpensInBrowser(string contentType) =>
        contentType == "application/pdf" || contentType.StartsWith("image/", StringComparison.Ordinal);
}
