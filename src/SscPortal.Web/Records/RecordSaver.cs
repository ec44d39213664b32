using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Security;

namespace SscPortal.Web.Records;

/// <summary>What an edit came to: saved, nothing to save, or someone else saved first (the side-by-side conflict).</summary>
public abstract record EditOutcome
{
    public sealed record Saved(int Id) : EditOutcome;
    public sealed record Unchanged(int Id) : EditOutcome;
    /// <summary>Nothing was saved; <paramref name="SavedVersion"/> is the version the form now carries, so saving again means "keep mine".</summary>
    public sealed record Conflict(EditConflict Sides, int SavedVersion) : EditOutcome;
    /// <summary>Someone deleted the record while it was edited: nothing was saved, and there is nothing to show beside it (its address is a 404).</summary>
    public sealed record Gone(int Id) : EditOutcome;
}

/// <summary>What one attempt at a change of state (publish, unpublish, release…) came to.</summary>
public abstract record ChangeOutcome
{
    public sealed record Done : ChangeOutcome;
    /// <summary>The domain refused the change: nothing was saved.</summary>
    public sealed record Refused(RuleViolationException Violation) : ChangeOutcome;
    /// <summary>The record is not the version the person saw when they asked (or they did not say which): nothing was saved; they look again.</summary>
    public sealed record Changed : ChangeOutcome;
    /// <summary>Another request saved the record between reading and saving: nothing was saved; the attempt may run again on what is saved now.</summary>
    public sealed record Lost : ChangeOutcome;
    /// <summary>The database refused it for a reason the caller explained (a unique rule another request met first): nothing was saved.</summary>
    public sealed record RefusedByDatabase : ChangeOutcome;
}

/// <summary>What a delete came to: this request deleted the record, another had already, or another changed it first (nothing deleted).</summary>
public enum DeleteOutcome
{
    Deleted,
    AlreadyDeleted,
    Changed,
}

/// <summary>A change of state as the history and the audit log tell it.</summary>
public sealed record StateChange(AuditEventType Audited, ChangeKind Kind, List<FieldChange> Fields, string? AuditDetails = null, bool AsModerator = false)
{
    /// <summary>More to write in the same transaction, once the change is saved (another record's history…).</summary>
    public Func<Task>? AlsoRecord { get; init; }
}

/// <summary>
/// The one save path for versioned records (<see cref="IVersioned"/>): reads a record whole, checks the version the
/// person saw against the saved one (and has the database check it too, so that a race cannot overwrite), marks the
/// change (<see cref="IVersioned.Touch"/>), saves it with its history and audit entry in one transaction
/// (<see cref="History.SaveWithHistoryAsync"/>), and turns a lost race into the side-by-side conflict.
/// Who may do what is decided before, by the page; what the record may become, by the domain.
/// </summary>
public sealed class RecordSaver(AppDbContext db, AuditLog audit, History history, TimeProvider clock)
{
    private static readonly IReadOnlyDictionary<string, string?> Nothing = new Dictionary<string, string?>();

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The record with everything it is saved with: tracked, to be changed; or not, to be shown.</summary>
    public Task<T?> LoadAsync<T>(RecordKind<T> kind, int id, CancellationToken cancellationToken, bool tracked = true) where T : class, IVersioned
    {
        var records = tracked ? db.Set<T>() : db.Set<T>().AsNoTracking();
        return kind.Whole(records).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    /// <summary>How a record reads before it is changed: what the history compares the saved change with.</summary>
    public static IReadOnlyDictionary<string, string?> Before<T>(RecordKind<T> kind, T record) where T : class, IVersioned => kind.Snapshot(record);

    /// <summary>
    /// Saves a new record (<paramref name="before"/> null) or an edited one, read with <see cref="LoadAsync{T}"/> and
    /// changed since <paramref name="before"/> was taken, from the form's <paramref name="postedVersion"/>.
    /// </summary>
    public async Task<EditOutcome> SaveAsync<T>(
        RecordKind<T> kind, T record, IReadOnlyDictionary<string, string?>? before, int postedVersion, AuditEventType audited, CancellationToken cancellationToken,
        string? auditDetails = null, IEnumerable<FieldChange>? noted = null, Action<T>? alsoRecord = null) where T : class, IVersioned
    {
        var isNew = before is null;
        var changes = RecordSnapshot.Diff(before ?? Nothing, kind.Snapshot(record));
        if (noted is not null) changes = noted.Concat(changes).ToList();
        if (isNew) db.Add(record);
        else
        {
            // Someone saved since this person opened the form: show both versions, overwrite nothing.
            if (record.Version != postedVersion) return await ConflictAsync(kind, record, cancellationToken);
            if (changes.Count == 0) return new EditOutcome.Unchanged(record.Id);
            // The database checks the version too, so two saves racing from the same version cannot both win.
            db.Entry(record).Property(nameof(IVersioned.Version)).OriginalValue = postedVersion;
            record.Touch(Now);
        }
        var saved = await history.SaveWithHistoryAsync(async () =>
        {
            audit.Add(audited, kind.AuditTarget, record.Id, auditDetails);
            await history.AddAsync(kind.Type, record.Id, kind.OwnerOf(record), isNew ? ChangeKind.Created : ChangeKind.Edited, changes);
            alsoRecord?.Invoke(record);
        }, cancellationToken);
        return saved ? new EditOutcome.Saved(record.Id) : await ConflictAsync(kind, record, cancellationToken);
    }

    /// <summary>
    /// Saves several new or edited records at once, all or none, each with its history and audit entry; an edited
    /// record is saved only from the version it was read at. False, with nothing saved, when someone else saved one first.
    /// </summary>
    public async Task<bool> SaveAllAsync<T>(
        RecordKind<T> kind, IReadOnlyList<(T Record, IReadOnlyDictionary<string, string?>? Before)> records, Func<bool, AuditEventType> audited, string? auditDetails,
        Action alsoRecord, CancellationToken cancellationToken) where T : class, IVersioned
    {
        var now = Now;
        var changed = new List<(T Record, bool IsNew, List<FieldChange> Fields)>();
        foreach (var (record, before) in records)
        {
            var fields = RecordSnapshot.Diff(before ?? Nothing, kind.Snapshot(record));
            if (before is null) db.Add(record);
            else if (fields.Count == 0) continue;
            else record.Touch(now);
            changed.Add((record, before is null, fields));
        }
        return await history.SaveWithHistoryAsync(async () =>
        {
            foreach (var (record, isNew, fields) in changed)
            {
                audit.Add(audited(isNew), kind.AuditTarget, record.Id, auditDetails);
                await history.AddAsync(kind.Type, record.Id, kind.OwnerOf(record), isNew ? ChangeKind.Created : ChangeKind.Edited, fields);
            }
            alsoRecord();
        }, cancellationToken);
    }

    /// <summary>
    /// One attempt at a change of state of a record read with <see cref="LoadAsync{T}"/>: the domain makes the change
    /// (or refuses it), and it is saved only if the record is still the version the person saw (<paramref name="seenVersion"/>;
    /// none said counts as changed) unless <paramref name="seenVersion"/> is not asked for (<paramref name="versionSeen"/> false).
    /// <paramref name="explainRefusal"/>, when given, says whether a database refusal (a unique rule) is one the caller
    /// expects from a concurrent request; otherwise that refusal surfaces.
    /// </summary>
    public async Task<ChangeOutcome> ChangeAsync<T>(
        RecordKind<T> kind, T record, int? seenVersion, Func<T, StateChange> change, CancellationToken cancellationToken,
        bool versionSeen = true, Func<Task<bool>>? explainRefusal = null) where T : class, IVersioned
    {
        StateChange done;
        try
        {
            done = change(record);
        }
        catch (RuleViolationException violation)
        {
            db.ChangeTracker.Clear();
            return new ChangeOutcome.Refused(violation);
        }
        if (versionSeen && record.Version != seenVersion)
        {
            // What would be published (or withdrawn) is not what the person looked at: they look again first.
            db.ChangeTracker.Clear();
            return new ChangeOutcome.Changed();
        }
        // Saved only from the version read: of two presses at once, one changes the record and writes the history.
        record.Touch(Now);
        try
        {
            var saved = await history.SaveWithHistoryAsync(async () =>
            {
                audit.Add(done.Audited, kind.AuditTarget, record.Id, done.AuditDetails);
                await history.AddAsync(kind.Type, record.Id, kind.OwnerOf(record), done.Kind, done.Fields, done.AsModerator);
                if (done.AlsoRecord is not null) await done.AlsoRecord();
            }, cancellationToken);
            return saved ? new ChangeOutcome.Done() : new ChangeOutcome.Lost();
        }
        catch (DbUpdateException) when (explainRefusal is not null)
        {
            db.ChangeTracker.Clear();
            if (await explainRefusal()) return new ChangeOutcome.RefusedByDatabase();
            throw;
        }
    }

    /// <summary>
    /// Deletes a record read with <see cref="LoadAsync{T}"/>, as it was read: a record deleted twice at once is deleted, and
    /// its deletion recorded, once; one changed meanwhile is not deleted. The history keeps the deletion (<paramref name="fields"/>).
    /// </summary>
    public async Task<DeleteOutcome> DeleteAsync<T>(
        RecordKind<T> kind, T record, AuditEventType audited, List<FieldChange> fields, CancellationToken cancellationToken, string? auditDetails = null)
        where T : class, IVersioned
    {
        var id = record.Id;
        db.Remove(record);
        var deleted = await history.SaveWithHistoryAsync(async () =>
        {
            audit.Add(audited, kind.AuditTarget, id, auditDetails);
            await history.AddAsync(kind.Type, id, kind.OwnerOf(record), ChangeKind.Deleted, fields);
        }, cancellationToken);
        db.ChangeTracker.Clear();
        if (deleted) return DeleteOutcome.Deleted;
        return await db.Set<T>().AnyAsync(r => r.Id == id, cancellationToken) ? DeleteOutcome.Changed : DeleteOutcome.AlreadyDeleted;
    }

    /// <summary>
    /// The side-by-side conflict: the person's version (<paramref name="yours"/>, as they sent it) beside the saved one,
    /// who saved it and when. Nothing of the person's is kept in the context.
    /// </summary>
    private async Task<EditOutcome> ConflictAsync<T>(RecordKind<T> kind, T yours, CancellationToken cancellationToken) where T : class, IVersioned
    {
        var mine = kind.Snapshot(yours);
        db.ChangeTracker.Clear();
        var saved = await LoadAsync(kind, yours.Id, cancellationToken, tracked: false);
        if (saved is null) return new EditOutcome.Gone(yours.Id);
        var sides = EditConflict.Between(kind.Snapshot(saved), mine, await history.LastSavedAsync(kind.Type, yours.Id, cancellationToken), kind.EditAddressOf(yours.Id));
        return new EditOutcome.Conflict(sides, saved.Version);
    }
}
