using SscPortal.Web.Authorization;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Security;

namespace SscPortal.Web.Records;

/// <summary>
/// Writes and reads a record's history: who changed which fields from what to what, for which organisation, when.
/// Entries are added to the request's DbContext and saved with the change they describe, with the notifications it causes.
/// </summary>
public sealed class History(AppDbContext db, Access access, IHttpContextAccessor http, TimeProvider clock, Notifications.Notices notices)
{
    public sealed record Entry(DateTime At, ChangeKind Kind, string? OrganisationName, string? UserEmail, IReadOnlyList<FieldChange> Fields);

    /// <summary>
    /// Saves an edited or new record, or a record's change of state, then what is written about it (audit, history, which
    /// may need its new id), in one transaction. Returns false, with nothing saved, when the database finds that someone
    /// else saved the record since its version was read: the caller then shows the conflict.
    /// </summary>
    public async Task<bool> SaveWithHistoryAsync(Func<Task> recordTheChange, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        await recordTheChange();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// A change of state (publish, unpublish, release, approve…) that must happen once however often it is asked for at
    /// the same moment. The attempt saves through <see cref="SaveWithHistoryAsync"/>, whose version check lets one request
    /// win, and returns null when it lost: nothing of it was saved, so it runs once more on what is saved now, and answers
    /// as a request that came second would ("already published"). Overtaken twice, <paramref name="overtaken"/> answers.
    /// </summary>
    public async Task<TResult> TransitionAsync<TResult>(Func<Task<TResult?>> attempt, Func<TResult> overtaken) where TResult : class
    {
        if (await attempt() is { } done) return done;
        db.ChangeTracker.Clear();
        if (await attempt() is { } second) return second;
        db.ChangeTracker.Clear();
        return overtaken();
    }

    public Task AddAsync(Initiative initiative, ChangeKind kind, List<FieldChange> fields, bool asModerator = false) =>
        AddAsync(RecordType.Initiative, initiative.Id, initiative.OwnerId, kind, fields, asModerator);

    public Task AddAsync(Partnership partnership, ChangeKind kind, List<FieldChange> fields, bool asModerator = false) =>
        AddAsync(RecordType.Partnership, partnership.Id, partnership.OwnerId, kind, fields, asModerator);

    public async Task AddAsync(RecordType type, int recordId, int ownerId, ChangeKind kind, List<FieldChange> fields, bool asModerator = false)
    {
        var user = http.HttpContext?.User;
        var organisation = asModerator
            ? "Moderator"
            : (await access.MembershipsAsync()).FirstOrDefault(m => m.ActorId == ownerId)?.ActorName;
        db.RecordChanges.Add(new RecordChange
        {
            RecordType = type,
            RecordId = recordId,
            At = clock.GetUtcNow().UtcDateTime,
            Kind = kind,
            UserId = access.UserId,
            UserEmail = user?.Identity?.Name,
            OrganisationName = organisation,
            Fields = fields,
        });
        // Whoever should learn of this change is told in the same transaction (Notifications/Notices.cs).
        await notices.RecordChangedAsync(type, recordId, kind, asModerator);
    }

    /// <summary>A record's history, newest first; people's addresses only when the reader may see them.</summary>
    public async Task<IReadOnlyList<Entry>> EntriesAsync(RecordType type, int recordId, bool showPeople, CancellationToken cancellationToken) =>
        (await db.RecordChanges.AsNoTracking().Where(c => c.RecordType == type && c.RecordId == recordId)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Select(c => new { c.At, c.Kind, c.OrganisationName, c.UserEmail, c.Fields })
            .ToListAsync(cancellationToken))
        .Select(c => new Entry(c.At, c.Kind, c.OrganisationName, showPeople ? c.UserEmail : null, c.Fields)).ToList();

    /// <summary>Who saved a record last and when: what a conflict page tells the person who came second.</summary>
    public async Task<(string? By, DateTime? At)> LastSavedAsync(RecordType type, int recordId, CancellationToken cancellationToken)
    {
        var last = await db.RecordChanges.AsNoTracking().Where(c => c.RecordType == type && c.RecordId == recordId)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Select(c => new { c.UserEmail, c.OrganisationName, c.At }).FirstOrDefaultAsync(cancellationToken);
        return (last?.UserEmail ?? last?.OrganisationName, last?.At);
    }
}
