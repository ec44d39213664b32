using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Caching;

/// <summary>
/// Starts the public caches afresh after every save that changes what public pages show: anything but accounts, the audit
/// log, keys and follows. It looks before the save (afterwards every entry is unchanged) and invalidates once the change is
/// committed: at once after a save that ran in its own transaction, at the commit of the transaction a save ran in
/// otherwise. A reader in between still sees (and may cache) the committed, older content, which the commit then drops;
/// a rolled-back transaction drops nothing. On PostgreSQL the other instances are then told (<see cref="InstanceSync"/>),
/// so they too start afresh within a second, and only after the commit. Statements that change rows in bulk
/// (ExecuteUpdate, ExecuteDelete) are watched the same way, by the table they change.
/// </summary>
public sealed partial class ContentChangeWatcher(CatalogueCache cache) : SaveChangesInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> _savingContent = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        // Inside a caller's transaction, earlier saves of it may still commit; their mark stays until commit or rollback.
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null) _savingContent.Remove(context);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Settle(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Settle(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    // A statement that changes rows without the change tracker (ExecuteUpdate, ExecuteDelete) is watched as a save is: when it
    // changed rows of a table whose content public pages show, the caches start afresh once it is committed.
    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Changed(command, eventData, result);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Changed(command, eventData, result);
        return ValueTask.FromResult(result);
    }

    private void Changed(DbCommand command, CommandExecutedEventData eventData, int rows)
    {
        if (eventData.CommandSource is not (CommandSource.ExecuteUpdate or CommandSource.ExecuteDelete) || rows <= 0 || eventData.Context is not { } context) return;
        if (!ChangesPublicContent(context.Model, command.CommandText)) return;
        _savingContent.AddOrUpdate(context, this);
        Saved(context);
    }

    /// <summary>
    /// Whether a statement changing rows in bulk changes what public pages show, by the table it changes ("UPDATE "Actors"
    /// AS a SET …", "DELETE FROM "Follows" AS "f" WHERE …"); a statement or table not recognised is taken to.
    /// </summary>
    internal static bool ChangesPublicContent(Microsoft.EntityFrameworkCore.Metadata.IModel model, string sql)
    {
        var table = ChangedTable().Match(sql) is { Success: true } match ? match.Groups["table"].Value : null;
        var type = table is null ? null : model.GetEntityTypes().FirstOrDefault(e => e.GetTableName() == table)?.ClrType;
        return type is null || (ShowsPublicly(type) && !IsBookkeeping(type));
    }

    [System.Text.RegularExpressions.GeneratedRegex("""^\s*(?:UPDATE|DELETE\s+FROM)\s+"(?<table>[^"]+)"(?:\s|$)""", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ChangedTable();

    /// <summary>
    /// Rows changed in bulk by the portal's own bookkeeping and never shown to the public: mail being claimed and sent,
    /// notifications digested or marked read (whose reader's count is forgotten directly: Notifications/UnreadCount.cs), IATI
    /// uploads being staged or discarded. Watching them would start every instance's caches afresh at every mail round.
    /// </summary>
    private static bool IsBookkeeping(Type type) =>
        type == typeof(Mail.OutboxMessage) || type == typeof(Notifications.Notification)
        || type == typeof(IatiImport) || type == typeof(IatiImportActivity);

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries().Any(ShowsPublicly)) _savingContent.AddOrUpdate(context, this);
    }

    /// <summary>A save outside any caller's transaction is committed when it returns; inside one, it waits for the commit.</summary>
    private void Saved(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null) Settle(context);
    }

    private void Settle(DbContext? context)
    {
        if (context is not null && _savingContent.Remove(context)) cache.ContentChanged();
    }

    private void Forget(DbContext? context)
    {
        if (context is not null) _savingContent.Remove(context);
    }

    private static bool ShowsPublicly(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && ShowsPublicly(entry.Metadata.ClrType);

    private static bool ShowsPublicly(Type type) =>
        // A follow is shown only to its reader, who is told directly (Notifications/FollowState.Forget): one reader following
        // and unfollowing in a loop must not start every reader's caches afresh on every instance.
        !(typeof(ApplicationUser).IsAssignableFrom(type) || type == typeof(AuditEvent) || type == typeof(DataProtectionKey) || type == typeof(Notifications.Follow))
        && type.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) != true;
}
