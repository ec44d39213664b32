using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Records;
using SscPortal.Web.Reference;
using SscPortal.Web.Security;

namespace SscPortal.Web.Import;

/// <summary>One uploaded file as the form received it: its name, its announced size, and its content to read once.</summary>
public sealed record UploadedFile(string Name, long Length, Func<Stream> Open);

/// <summary>What an upload came to: its rows saved for the preview, or the whole upload refused (nothing saved).</summary>
public abstract record UploadOutcome
{
    public sealed record Saved(int ImportId) : UploadOutcome;
    public sealed record Refused(string FileName, ImportProblem Problem) : UploadOutcome;
}

/// <summary>What importing the chosen activities came to.</summary>
public abstract record ImportOutcome
{
    public sealed record Imported(int Count) : ImportOutcome;
    /// <summary>Imported already, or set aside (another tab, a second press): nothing more was imported.</summary>
    public sealed record AlreadyDone(ImportState State) : ImportOutcome;
    /// <summary>None of the chosen activities may be imported (none chosen, or only rejected ones).</summary>
    public sealed record NothingChosen : ImportOutcome;
    /// <summary>Nothing was imported: an identifier belongs to another organisation's initiative (saved meanwhile).</summary>
    public sealed record IdentifierTaken(string Identifier) : ImportOutcome;
    /// <summary>Nothing was imported: an initiative it would update may not be changed by this person (published, held).</summary>
    public sealed record NotEditable(int InitiativeId, string Title) : ImportOutcome;
    /// <summary>Nothing was imported: someone saved one of the initiatives it would update meanwhile.</summary>
    public sealed record Changed : ImportOutcome;
}

/// <summary>
/// Keeps uploads of IATI files and imports from them. An upload is read as it streams (the reader yields one activity at a
/// time) and written in batches of <see cref="BatchSize"/> rows, each batch's identifiers looked up among the initiatives at
/// once; the chosen activities are imported as drafts of the upload's organisation in one transaction, each with its history
/// entry and audit entry, organisations the portal does not know created unverified for the moderators to verify.
/// Who may do this is decided before, by the page (<see cref="ImportResource"/>).
/// </summary>
public sealed class ImportStore(AppDbContext db, AuditLog audit, History history, Rights rights, ReferenceData referenceData, IOptions<ImportOptions> options, TimeProvider clock)
{
    public const int BatchSize = 200;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public long MaxBytes => options.Value.MaxBytes;

    /// <summary>Reads the files into a new upload of <paramref name="ownerId"/>; a file refused whole leaves nothing saved.</summary>
    public async Task<UploadOutcome> UploadAsync(int ownerId, string userId, IReadOnlyList<UploadedFile> files, CancellationToken cancellationToken)
    {
        var owner = await db.Actors.AsNoTracking().Where(a => a.Id == ownerId).Select(a => new { a.Name, a.IatiIdentifier }).SingleAsync(cancellationToken);
        var context = ImportContext.For(await referenceData.GetAsync(cancellationToken), ownerId, owner.Name, owner.IatiIdentifier, DateOnly.FromDateTime(Now));
        var fileNames = string.Join(", ", files.Select(f => Path.GetFileName(f.Name)));
        var upload = new IatiImport
        {
            OwnerId = ownerId, UserId = userId, CreatedAt = Now, ByteSize = files.Sum(f => f.Length),
            FileNames = fileNames.Length > IatiImport.FileNameLength ? fileNames[..(IatiImport.FileNameLength - 1)] + "…" : fileNames,
        };
        db.IatiImports.Add(upload);
        await db.SaveChangesAsync(cancellationToken);
        var current = files[0].Name;
        try
        {
            var batch = new List<ReadActivity>(BatchSize);
            var position = 1;
            var left = MaxBytes;
            foreach (var file in files)
            {
                current = file.Name;
                // The size is checked as the file streams too: a file longer than it said is stopped at the limit.
                await using var stream = new LimitedStream(file.Open(), left);
                await foreach (var activity in IatiFileReader.ReadAsync(stream, context, position, cancellationToken))
                {
                    batch.Add(activity);
                    position = activity.Position + 1;
                    if (batch.Count == BatchSize) await WriteAsync(upload, batch, cancellationToken);
                }
                left -= stream.BytesRead;
            }
            await WriteAsync(upload, batch, cancellationToken);
            upload.IatiVersion = context.Versions.Count == 0 ? null : string.Join(", ", context.Versions);
            audit.Add(AuditEventType.IatiFileChecked, AuditTargets.Import, upload.Id, $"activities={upload.ActivityCount} rejected={upload.RejectedCount}");
            await db.SaveChangesAsync(cancellationToken);
            return new UploadOutcome.Saved(upload.Id);
        }
        catch (ImportFileException refused)
        {
            // Nothing of a refused upload is kept: its rows go with it.
            db.ChangeTracker.Clear();
            await db.IatiImportActivities.Where(a => a.ImportId == upload.Id).ExecuteDeleteAsync(CancellationToken.None);
            await db.IatiImports.Where(i => i.Id == upload.Id).ExecuteDeleteAsync(CancellationToken.None);
            audit.Add(AuditEventType.IatiFileChecked, AuditTargets.Import, null, $"refused={refused.Problem.Code} line={refused.Problem.Line}");
            await db.SaveChangesAsync(CancellationToken.None);
            return new UploadOutcome.Refused(Path.GetFileName(current), refused.Problem);
        }
        catch
        {
            db.ChangeTracker.Clear();
            await db.IatiImportActivities.Where(a => a.ImportId == upload.Id).ExecuteDeleteAsync(CancellationToken.None);
            await db.IatiImports.Where(i => i.Id == upload.Id).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Writes a batch of activities as read (the reader already refused an identifier repeated in the upload): one an
    /// initiative of the same organisation carries will update it, one of another organisation's initiative is refused.
    /// </summary>
    private async Task WriteAsync(IatiImport upload, List<ReadActivity> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        var identifiers = batch.Select(a => a.Identifier).Where(i => i.Length > 0).Distinct().ToList();
        var existing = (await db.Initiatives.AsNoTracking().Where(i => i.IatiIdentifier != null && identifiers.Contains(i.IatiIdentifier))
            .Select(i => new { i.Id, i.OwnerId, i.IatiIdentifier }).ToListAsync(cancellationToken)).ToDictionary(i => i.IatiIdentifier!, StringComparer.Ordinal);
        foreach (var read in batch)
        {
            var errors = read.Errors.ToList();
            int? existingId = null;
            if (read.Identifier.Length > 0)
            {
                if (existing.TryGetValue(read.Identifier, out var initiative))
                {
                    if (initiative.OwnerId == upload.OwnerId) existingId = initiative.Id;
                    else if (errors.All(e => e.Code != ImportProblemCode.IdentifierOfAnotherOrganisation))
                        errors.Add(new(ImportProblemCode.IdentifierOfAnotherOrganisation, read.Line, read.Identifier));
                }
            }
            var rejected = errors.Count > 0 || read.Activity is null;
            db.IatiImportActivities.Add(new IatiImportActivity
            {
                ImportId = upload.Id, Position = read.Position, Line = read.Line,
                IatiIdentifier = Cut(read.Identifier, IatiImportActivity.IdentifierLength), Title = Cut(read.Title, 300),
                Errors = rejected ? ImportJson.Write(errors) : null,
                Warnings = read.Warnings.Count > 0 ? ImportJson.Write(read.Warnings) : null,
                Preview = rejected ? null : ImportJson.Write(read.Activity),
                ExistingInitiativeId = rejected ? null : existingId,
            });
            upload.ActivityCount++;
            if (rejected) upload.RejectedCount++;
        }
        await db.SaveChangesAsync(cancellationToken);
        // The rows are written: the context does not keep them (a large file would otherwise stay in memory).
        foreach (var entry in db.ChangeTracker.Entries<IatiImportActivity>().ToList()) entry.State = EntityState.Detached;
        batch.Clear();
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>
    /// Imports the chosen activities (all importable ones when <paramref name="all"/>) as drafts of the upload's organisation,
    /// all or none, once: the upload is claimed from the version the person saw, so a second press imports nothing more.
    /// The activities stream through the one transaction in batches of <see cref="BatchSize"/> (by position): each batch's
    /// previews are read, its initiatives created or updated with their history and audit entries and saved (which indexes
    /// them for search), then let go of, so an upload of any size costs the memory of one batch. Any refusal or failure
    /// rolls back every batch.
    /// </summary>
    public async Task<ImportOutcome> ImportAsync(int importId, int seenVersion, IReadOnlyCollection<int> chosen, bool all, CancellationToken cancellationToken)
    {
        var upload = await db.IatiImports.AsNoTracking().Where(i => i.Id == importId)
            .Select(i => new { i.State, i.OwnerId }).SingleAsync(cancellationToken);
        if (upload.State != ImportState.Previewed) return new ImportOutcome.AlreadyDone(upload.State);
        // Rejected activities are never imported, whatever the form says.
        var importable = db.IatiImportActivities.Where(a => a.ImportId == importId && a.Errors == null && a.Preview != null);
        // The chosen positions, in order, so that they are read in batches as "all" is.
        List<int> positions = all ? [] : chosen.Distinct().Order().ToList();
        var count = 0;
        if (all) count = await importable.CountAsync(cancellationToken);
        else
            foreach (var chunk in positions.Chunk(BatchSize))
                count += await importable.CountAsync(a => chunk.Contains(a.Position), cancellationToken);
        if (count == 0) return new ImportOutcome.NothingChosen();
        var now = Now;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Claimed first, from the version seen: of two presses (two tabs), one imports, the other finds it imported.
        var claimed = await db.IatiImports.Where(i => i.Id == importId && i.Version == seenVersion && i.State == ImportState.Previewed)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.State, ImportState.Imported).SetProperty(i => i.ImportedAt, now)
                .SetProperty(i => i.ImportedCount, count).SetProperty(i => i.Version, i => i.Version + 1), cancellationToken);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var state = await db.IatiImports.AsNoTracking().Where(i => i.Id == importId).Select(i => i.State).SingleAsync(cancellationToken);
            return state == ImportState.Previewed ? new ImportOutcome.Changed() : new ImportOutcome.AlreadyDone(state);
        }

        var run = new ImportRun(importId, upload.OwnerId, now);
        List<string> identifiers = [];
        try
        {
            var chunks = positions.Chunk(BatchSize).ToList();
            var last = 0;
            for (var n = 0; ; n++)
            {
                // Keyset batches by position (all), or the chosen positions a batch at a time.
                IQueryable<IatiImportActivity> rows;
                if (all) rows = importable.Where(a => a.Position > last);
                else if (n < chunks.Count)
                {
                    var chunk = chunks[n];
                    rows = importable.Where(a => chunk.Contains(a.Position));
                }
                else break;
                var batch = await ReadBatchAsync(rows, cancellationToken);
                if (batch.Count == 0)
                {
                    if (all) break;
                    continue;
                }
                last = batch[^1].Position;
                identifiers = batch.Select(b => b.Activity.Identifier).ToList();
                if (await ImportBatchAsync(run, batch, cancellationToken) is { } refused)
                    return await AbandonAsync(transaction, refused, cancellationToken);
                // Everything of the batch is saved: the context lets go of it (the initiatives, their parts, the rows).
                db.ChangeTracker.Clear();
                if (all && batch.Count < BatchSize) break;
            }
            audit.Add(AuditEventType.IatiActivitiesImported, AuditTargets.Import, importId, $"created={run.Created} updated={run.Updated}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new ImportOutcome.Imported(run.Created + run.Updated);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await AbandonAsync(transaction, new ImportOutcome.Changed(), cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The last guard: another request gave one of these identifiers to an initiative meanwhile.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var taken = await db.Initiatives.AsNoTracking().Where(i => i.IatiIdentifier != null && identifiers.Contains(i.IatiIdentifier))
                .OrderBy(i => i.Id).Select(i => i.IatiIdentifier).FirstOrDefaultAsync(cancellationToken);
            return new ImportOutcome.IdentifierTaken(taken ?? "");
        }
    }

    private sealed record BatchRow(long Id, int Position, string Preview);

    private sealed record BatchActivity(long RowId, int Position, ImportedActivity Activity);

    /// <summary>One batch of rows, in order of position: their previews only, not tracked, read into activities.</summary>
    private static async Task<List<BatchActivity>> ReadBatchAsync(IQueryable<IatiImportActivity> rows, CancellationToken cancellationToken) =>
        (await rows.OrderBy(a => a.Position).Take(BatchSize).Select(a => new BatchRow(a.Id, a.Position, a.Preview!)).AsNoTracking().ToListAsync(cancellationToken))
        .Select(r => new BatchActivity(r.Id, r.Position, ImportJson.Read<ImportedActivity>(r.Preview)!)).ToList();

    /// <summary>
    /// What an import keeps from one batch to the next: small values only (the organisations already matched or created, by
    /// key; their countries; the counts), never entities, which each batch lets go of.
    /// </summary>
    private sealed class ImportRun(int importId, int ownerId, DateTime now)
    {
        public int ImportId { get; } = importId;
        public int OwnerId { get; } = ownerId;
        public DateTime Now { get; } = now;
        public Dictionary<string, int> ActorIds { get; } = new(StringComparer.Ordinal);
        public Dictionary<int, string?> CountryOf { get; } = [];
        public int Created { get; set; }
        public int Updated { get; set; }
    }

    /// <summary>
    /// Creates or updates the initiatives of one batch, with their history and audit entries and the rows' link to what they
    /// became, and saves them (in the import's transaction); or says why nothing may be imported.
    /// </summary>
    private async Task<ImportOutcome?> ImportBatchAsync(ImportRun run, List<BatchActivity> batch, CancellationToken cancellationToken)
    {
        var kind = VersionedRecords.Initiative;
        // The initiatives it updates: the organisation's own that carry the identifiers now (not only those seen at upload).
        var identifiers = batch.Select(b => b.Activity.Identifier).ToList();
        var existing = (await kind.Whole(db.Initiatives).Where(i => i.IatiIdentifier != null && identifiers.Contains(i.IatiIdentifier)).ToListAsync(cancellationToken))
            .ToDictionary(i => i.IatiIdentifier!, StringComparer.Ordinal);
        foreach (var initiative in existing.Values.OrderBy(i => i.Id))
        {
            if (initiative.OwnerId != run.OwnerId) return new ImportOutcome.IdentifierTaken(initiative.IatiIdentifier!);
            if (!await rights.MayAsync(new InitiativeResource(initiative.OwnerId, initiative.Publication, initiative.HeldByModerator), Operations.Edit))
                return new ImportOutcome.NotEditable(initiative.Id, initiative.Title);
        }

        var activities = batch.Select(b => b.Activity).ToList();
        await OrganisationsAsync(run, activities, cancellationToken);
        int ActorIdOf(ImportedOrganisation organisation) => run.ActorIds[OrganisationMatch.Key(organisation)];
        // The countries of the organisations taking part: a funding or extending one's country may be the provider country.
        var unknown = activities.SelectMany(a => (a.Participants ?? []).Select(p => p.Organisation))
            .Where(o => o.Name.Length > 0 || o.Ref is not null).Select(ActorIdOf).Where(id => !run.CountryOf.ContainsKey(id)).Distinct().ToList();
        foreach (var actor in await db.Actors.AsNoTracking().Where(a => unknown.Contains(a.Id)).Select(a => new { a.Id, a.CountryCode }).ToListAsync(cancellationToken))
            run.CountryOf[actor.Id] = actor.CountryCode;

        var changes = new List<(Initiative Record, long RowId, bool IsNew, IReadOnlyDictionary<string, string?>? Before)>(batch.Count);
        foreach (var (rowId, _, activity) in batch)
        {
            var isNew = !existing.TryGetValue(activity.Identifier, out var initiative);
            initiative ??= ImportedActivityMerge.NewInitiative(activity, run.OwnerId, run.Now);
            var before = isNew ? null : RecordSaver.Before(kind, initiative);
            ImportedActivityMerge.ApplyTo(initiative, activity, ActorIdOf, id => run.CountryOf.GetValueOrDefault(id));
            initiative.IatiIdentifier = activity.Identifier;
            if (isNew) db.Initiatives.Add(initiative);
            changes.Add((initiative, rowId, isNew, before));
        }
        var changed = new List<(Initiative Record, bool IsNew, List<FieldChange> Fields)>();
        foreach (var (initiative, _, isNew, before) in changes)
        {
            var fields = RecordSnapshot.Diff(before ?? new Dictionary<string, string?>(), kind.Snapshot(initiative));
            if (!isNew && fields.Count == 0) continue;
            if (!isNew) initiative.Touch(run.Now);
            changed.Add((initiative, isNew, fields));
        }
        // Saving indexes the new and changed initiatives for search (AppDbContext), this batch's like every other's.
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (initiative, isNew, fields) in changed)
        {
            audit.Add(isNew ? AuditEventType.InitiativeCreated : AuditEventType.InitiativeEdited, kind.AuditTarget, initiative.Id, $"iati-import={run.ImportId}");
            await history.AddAsync(kind.Type, initiative.Id, initiative.OwnerId, isNew ? ChangeKind.Created : ChangeKind.Edited, fields);
        }
        // What each row became, written without loading the rows again (only InitiativeId is updated).
        foreach (var (initiative, rowId, _, _) in changes)
        {
            var row = new IatiImportActivity { Id = rowId, IatiIdentifier = "", Title = "" };
            db.IatiImportActivities.Attach(row);
            row.InitiativeId = initiative.Id;
            db.Entry(row).Property(a => a.InitiativeId).IsModified = true;
        }
        await db.SaveChangesAsync(cancellationToken);
        run.Created += changes.Count(c => c.IsNew);
        run.Updated += changes.Count(c => !c.IsNew);
        return null;
    }

    private async Task<ImportOutcome> AbandonAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, ImportOutcome outcome, CancellationToken cancellationToken)
    {
        await transaction.RollbackAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return outcome;
    }

    /// <summary>
    /// Finds the actors the activities' organisations are (existing ones by IATI identifier, else by name) and creates the
    /// others, unverified, so that they wait in the moderators' verification queue (saved in the import's transaction); the
    /// answers are kept in <paramref name="run"/>, so an organisation named in several batches is looked up or created once.
    /// </summary>
    private async Task OrganisationsAsync(ImportRun run, IEnumerable<ImportedActivity> activities, CancellationToken cancellationToken)
    {
        var named = activities.SelectMany(a => (a.Participants ?? []).Select(p => p.Organisation)).Where(o => o.Name.Length > 0 || o.Ref is not null)
            .DistinctBy(OrganisationMatch.Key).Where(o => !run.ActorIds.ContainsKey(OrganisationMatch.Key(o))).ToList();
        var matches = await OrganisationMatch.FindAsync(db, named, cancellationToken);
        foreach (var (key, match) in matches) run.ActorIds[key] = match.Id;
        var created = new Dictionary<string, Actor>(StringComparer.Ordinal);
        foreach (var organisation in named.Where(o => !matches.ContainsKey(OrganisationMatch.Key(o))))
        {
            var actor = new Actor
            {
                Name = Cut(organisation.Name.Length > 0 ? organisation.Name : organisation.Ref!, 200),
                IatiIdentifier = organisation.Ref is { Length: <= 100 } reference ? reference : null, Type = OrganisationMatch.TypeOf(organisation.Type), IsVerified = false, CreatedAt = run.Now,
            };
            db.Actors.Add(actor);
            created[OrganisationMatch.Key(organisation)] = actor;
        }
        if (created.Count == 0) return;
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (key, actor) in created)
        {
            run.ActorIds[key] = actor.Id;
            audit.Add(AuditEventType.OrganisationCreated, AuditTargets.Organisation, actor.Id, "proposed by an IATI import");
        }
    }

    /// <summary>Sets an upload aside: its activities as read are deleted; what it imported stays.</summary>
    public async Task<bool> DiscardAsync(int importId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var discarded = await db.IatiImports.Where(i => i.Id == importId && i.State == ImportState.Previewed)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.State, ImportState.Discarded).SetProperty(i => i.Version, i => i.Version + 1), cancellationToken);
        if (discarded == 0) return false;
        await db.IatiImportActivities.Where(a => a.ImportId == importId).ExecuteDeleteAsync(cancellationToken);
        audit.Add(AuditEventType.IatiImportDiscarded, AuditTargets.Import, importId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

/// <summary>A read-only stream that refuses, as <see cref="ImportProblemCode.FileTooLarge"/>, to give more than its limit.</summary>
internal sealed class LimitedStream(Stream inner, long limit) : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int read)
    {
        BytesRead += read;
        if (BytesRead > limit) throw new ImportFileException(new(ImportProblemCode.FileTooLarge, 0));
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
