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
/// so they too start afresh within a second, and only after the commit.
/// </summary>
public sealed class ContentChangeWatcher(CatalogueCache cache) : SaveChangesInterceptor, IDbTransactionInterceptor
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
        entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
        // A follow is shown only to its reader, who is told directly (Notifications/FollowState.Forget): one reader following
        // and unfollowing in a loop must not start every reader's caches afresh on every instance.
        && entry.Entity is not (ApplicationUser or AuditEvent or DataProtectionKey or Notifications.Follow)
        && entry.Metadata.ClrType.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) != true;
}
