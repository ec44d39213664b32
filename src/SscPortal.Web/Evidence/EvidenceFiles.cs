using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Evidence.Inspection;

namespace SscPortal.Web.Evidence;

/// <summary>
/// The record a file is attached to, as rights need it: its resource (asked whether the reader may see or edit it), the
/// organisation whose files these are, and where it is shown.
/// </summary>
public sealed record FileOwner(FileOwnerKind Kind, int Id, object Resource, int OrganisationId, string Title, string Path,
    int? AssessmentId = null, int? InitiativeId = null, IReadOnlyList<string>? Sections = null)
{
    /// <summary>Whether a file on this record is filed under a section (an assessment's indicator or its findings).</summary>
    public bool HasSections => Sections is not null;
}

/// <summary>Finds the record a file belongs to, whatever its kind.</summary>
public sealed class FileOwners(AppDbContext db)
{
    public static bool TryParse(string? kind, out FileOwnerKind parsed) =>
        Enum.TryParse(kind, ignoreCase: true, out parsed) && parsed is FileOwnerKind.Initiative or FileOwnerKind.Partnership or FileOwnerKind.Assessment or FileOwnerKind.Call or FileOwnerKind.CallApplication or FileOwnerKind.Event;

    public async Task<FileOwner?> FindAsync(FileOwnerKind kind, int id, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case FileOwnerKind.Initiative:
                var initiative = await db.Initiatives.AsNoTracking().Where(i => i.Id == id)
                    .Select(i => new { i.OwnerId, i.Publication, i.HeldByModerator, i.Title }).SingleOrDefaultAsync(cancellationToken);
                return initiative is null ? null : new FileOwner(kind, id, new InitiativeResource(initiative.OwnerId, initiative.Publication, initiative.HeldByModerator),
                    initiative.OwnerId, initiative.Title, $"/initiatives/{id}", InitiativeId: id);
            case FileOwnerKind.Partnership:
                var partnership = await db.Partnerships.AsNoTracking().Where(p => p.Id == id)
                    .Select(p => new { p.OwnerId, p.Publication, p.Title }).SingleOrDefaultAsync(cancellationToken);
                return partnership is null ? null : new FileOwner(kind, id, new PartnershipResource(partnership.OwnerId, partnership.Publication),
                    partnership.OwnerId, partnership.Title, $"/partnerships/{id}");
            case FileOwnerKind.Assessment:
                return await AssessmentAsync(id, kind, id, cancellationToken);
            case FileOwnerKind.RecommendationStatement:
                var statement = await db.RecommendationStatements.AsNoTracking().Where(st => st.Id == id)
                    .Select(st => new { st.OrganisationId, st.Recommendation!.AssessmentId }).SingleOrDefaultAsync(cancellationToken);
                return statement is null ? null : await AssessmentAsync(statement.AssessmentId, kind, id, cancellationToken) is { } about
                    ? about with { OrganisationId = statement.OrganisationId, Path = $"/assessments/{statement.AssessmentId}#statement-{id}", Sections = null }
                    : null;
            case FileOwnerKind.Testimony:
                var assessmentId = await db.Testimonies.AsNoTracking().Where(t => t.Id == id).Select(t => (int?)t.AssessmentId).SingleOrDefaultAsync(cancellationToken);
                return assessmentId is null ? null : await AssessmentAsync(assessmentId.Value, kind, id, cancellationToken);
            case FileOwnerKind.Call:
                var call = await db.Calls.AsNoTracking().Where(c => c.Id == id)
                    .Select(c => new { c.OwnerId, c.Publication, c.HeldByModerator, c.Title, Submitted = db.CallApplications.Any(a => a.CallId == c.Id && a.State == ApplicationState.Submitted) })
                    .SingleOrDefaultAsync(cancellationToken);
                return call is null ? null : new FileOwner(kind, id, new CallResource(call.OwnerId, call.Publication, call.HeldByModerator, call.Submitted),
                    call.OwnerId, call.Title, $"/calls/{id}");
            case FileOwnerKind.CallApplication:
                var application = await db.CallApplications.AsNoTracking().Where(a => a.Id == id)
                    .Select(a => new { a.ApplicantId, CallOwnerId = a.Call!.OwnerId, a.State, a.Title, Partners = a.Partners.Select(p => p.OrganisationId).ToList() })
                    .SingleOrDefaultAsync(cancellationToken);
                return application is null ? null : new FileOwner(kind, id, new ApplicationResource(id, application.ApplicantId, application.CallOwnerId, application.State, application.Partners),
                    application.ApplicantId, application.Title, $"/applications/{id}");
            case FileOwnerKind.Event:
                var @event = await db.Events.AsNoTracking().Where(e => e.Id == id)
                    .Select(e => new { e.OwnerId, e.Publication, e.HeldByModerator, e.Title, CoOrganisers = e.CoOrganisers.Where(o => o.State == CoOrganiserState.Confirmed).Select(o => o.ActorId).ToList() })
                    .SingleOrDefaultAsync(cancellationToken);
                return @event is null ? null : new FileOwner(kind, id, new EventResource(@event.OwnerId, @event.Publication, @event.HeldByModerator, @event.CoOrganisers),
                    @event.OwnerId, @event.Title, $"/events/{id}");
            default:
                return null;
        }
    }

    private async Task<FileOwner?> AssessmentAsync(int assessmentId, FileOwnerKind kind, int id, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking().Where(a => a.Id == assessmentId)
            .Select(a => new { a.AssessorId, a.InitiativeId, a.Publication, InitiativePublication = a.Initiative!.Publication, a.Initiative.Title, a.FrameworkId })
            .SingleOrDefaultAsync(cancellationToken);
        if (assessment is null) return null;
        var framework = await db.AssessmentFrameworks.AsNoTracking().SingleAsync(f => f.Id == assessment.FrameworkId, cancellationToken);
        var sections = framework.Indicators.Select(i => i.Code).Append(EvidenceFile.FindingsSection).ToList();
        return new FileOwner(kind, id,
            new AssessmentResource(assessment.AssessorId, assessment.InitiativeId, assessment.Publication, assessment.InitiativePublication == PublicationState.Published, assessmentId),
            assessment.AssessorId, assessment.Title, $"/assessments/{assessmentId}", assessmentId, assessment.InitiativeId, sections);
    }
}

/// <summary>What an upload became once checked: a file ready to store, or why it was refused (a message key).</summary>
public sealed record PreparedFile(string Path, long Size, string Sha256, DetectedType Type, IReadOnlyList<AuthorMetadata> AuthorMetadata, IReadOnlyList<string> Removed) : IDisposable
{
    public void Dispose() => File.Delete(Path);
}

/// <summary>
/// Receives uploaded files: copies them to a temporary file without holding them in memory, refuses what is too large or
/// not an accepted type (decided from the content), strips hidden metadata from images and recordings, fingerprints the
/// result, and puts it in the store. Temporary files and stored objects a failed upload leaves are removed (<see cref="FileCleanup"/>).
/// </summary>
public sealed class FileIntake(IFileStore store, IOptions<FileStoreOptions> options, IWebHostEnvironment environment, TimeProvider clock)
{
    public long MaxBytes => options.Value.MaxBytes;
    public int MaxMegabytes => options.Value.MaxMegabytes;

    public string TemporaryFolder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.UploadFolder));

    private string NewTemporaryPath()
    {
        Directory.CreateDirectory(TemporaryFolder);
        return Path.Combine(TemporaryFolder, Guid.NewGuid().ToString("N") + ".tmp");
    }

    /// <summary>Checks and prepares an upload; the result or the refusal (an English message key, localised by the page).</summary>
    public async Task<(PreparedFile? File, string? Problem)> PrepareAsync(IFormFile? upload, CancellationToken cancellationToken)
    {
        if (upload is null || upload.Length == 0) return (null, upload is null ? "Choose a file to add." : "The file is empty.");
        if (upload.Length > MaxBytes) return (null, "TooLarge");
        var received = NewTemporaryPath();
        try
        {
            await using (var source = upload.OpenReadStream())
            await using (var target = new FileStream(received, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                await CopyBoundedAsync(source, target, MaxBytes, cancellationToken);
            return await PrepareReceivedAsync(received, cancellationToken);
        }
        catch (FileTooLargeException)
        {
            return (null, "TooLarge");
        }
        finally
        {
            File.Delete(received);
        }
    }

    /// <summary>A file already on disk (a copy the caller deletes) checked, stripped and fingerprinted into a new temporary file.</summary>
    public async Task<(PreparedFile? File, string? Problem)> PrepareReceivedAsync(string received, CancellationToken cancellationToken)
    {
        InspectionResult inspection;
        await using (var read = File.OpenRead(received))
            inspection = FileInspector.Inspect(read);
        if (!inspection.Accepted) return (null, RefusalMessage(inspection.Refusal));
        var type = inspection.Type!;
        var prepared = NewTemporaryPath();
        IReadOnlyList<string> removed;
        await using (var input = File.OpenRead(received))
        await using (var output = new FileStream(prepared, FileMode.CreateNew, FileAccess.ReadWrite))
        {
            if (type.Family is FileFamily.Image or FileFamily.Audio)
                removed = FileInspector.StripHiddenMetadata(input, output, type);
            else
            {
                await input.CopyToAsync(output, cancellationToken);
                removed = [];
            }
        }
        var (size, sha) = await FingerprintAsync(prepared, cancellationToken);
        return (new PreparedFile(prepared, size, sha, type, inspection.AuthorMetadata, removed), null);
    }

    /// <summary>A document's copy without the author metadata found in it, checked and fingerprinted again.</summary>
    public async Task<PreparedFile> WithoutAuthorMetadataAsync(string storageKey, DetectedType type, CancellationToken cancellationToken)
    {
        var original = NewTemporaryPath();
        try
        {
            await using (var stored = await store.OpenAsync(storageKey, 0, null, cancellationToken))
            await using (var copy = new FileStream(original, FileMode.CreateNew, FileAccess.Write))
                await stored.CopyToAsync(copy, cancellationToken);
            var cleaned = NewTemporaryPath();
            await using (var input = File.OpenRead(original))
            await using (var output = new FileStream(cleaned, FileMode.CreateNew, FileAccess.ReadWrite))
                FileInspector.RemoveAuthorMetadata(input, output, type);
            var (size, sha) = await FingerprintAsync(cleaned, cancellationToken);
            return new PreparedFile(cleaned, size, sha, type, [], []);
        }
        finally
        {
            File.Delete(original);
        }
    }

    /// <summary>A prepared document's copy without the author names found in it (for files published at once, with no time to ask).</summary>
    public async Task<PreparedFile> WithoutAuthorMetadataAsync(PreparedFile file, CancellationToken cancellationToken)
    {
        var cleaned = NewTemporaryPath();
        await using (var input = File.OpenRead(file.Path))
        await using (var output = new FileStream(cleaned, FileMode.CreateNew, FileAccess.ReadWrite))
            FileInspector.RemoveAuthorMetadata(input, output, file.Type);
        var (size, sha) = await FingerprintAsync(cleaned, cancellationToken);
        return new PreparedFile(cleaned, size, sha, file.Type, [], file.Removed.Concat(file.AuthorMetadata.Select(m => m.Field)).Distinct().ToList());
    }

    /// <summary>Puts a prepared file in the store under a new key, and returns the key.</summary>
    public async Task<string> StoreAsync(PreparedFile file, CancellationToken cancellationToken)
    {
        var key = StorageKeys.New(clock.GetUtcNow().UtcDateTime);
        await using var content = File.OpenRead(file.Path);
        await store.PutAsync(key, content, file.Type.ContentType, cancellationToken);
        return key;
    }

    /// <summary>Removes a stored object whose record was not saved (or no longer needs it); a failure is left to the cleanup.</summary>
    public async Task ForgetAsync(string key)
    {
        try
        {
            await store.DeleteAsync(key, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or Amazon.Runtime.AmazonServiceException or HttpRequestException)
        {
            // The cleanup (FileCleanup) removes objects no record names.
        }
    }

    public static string RefusalMessage(Refusal? refusal) => refusal switch
    {
        Refusal.Empty => "The file is empty.",
        Refusal.Damaged => "The file is damaged or incomplete (perhaps the upload was cut short): nothing was saved. Try again with the whole file.",
        Refusal.Executable => "Programs cannot be added: add a PDF, an office document, an image or a recording.",
        Refusal.Script => "Scripts cannot be added: add a PDF, an office document, an image or a recording.",
        Refusal.Html => "Web pages, SVG and XML files cannot be added, since they can carry scripts: save the page as a PDF instead.",
        Refusal.ZipBomb => "This document expands to far more than its size when opened, as a zip bomb does: it was refused.",
        Refusal.MacroEnabled => "Documents with macros cannot be added: save it without macros (for example as .docx or .xlsx) or as a PDF.",
        Refusal.LegacyOffice => "Older office formats (.doc, .xls, .ppt) and password-protected documents cannot be checked: save it as .docx, .xlsx, .pptx, an OpenDocument file or a PDF.",
        Refusal.Encrypted => "Password-protected files cannot be checked or read by others: remove the password and add it again.",
        _ => "This kind of file cannot be added: add a PDF, an office document (Word, Excel, PowerPoint or OpenDocument), an image (JPEG, PNG, GIF, WebP) or a recording (MP3, M4A, Ogg, WAV, FLAC).",
    };

    private static async Task CopyBoundedAsync(Stream source, Stream target, long max, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > max) throw new FileTooLargeException();
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    private static async Task<(long Size, string Sha256)> FingerprintAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(file, cancellationToken);
        return (file.Length, Convert.ToHexStringLower(hash));
    }

    private sealed class FileTooLargeException : Exception;
}
