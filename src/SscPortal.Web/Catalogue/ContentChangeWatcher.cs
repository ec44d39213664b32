using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Catalogue;

/// <summary>
/// Starts the public caches afresh after every save that changes what public pages show: anything but accounts, the audit
/// log and keys. It looks before the save (afterwards every entry is unchanged) and invalidates after it has committed, so
/// a reader cannot put the old content back in the cache between the two.
/// </summary>
public sealed class ContentChangeWatcher(CatalogueCache cache) : SaveChangesInterceptor
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
        Settle(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Settle(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => _ = eventData.Context is { } context && _savingContent.Remove(context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries().Any(ShowsPublicly)) _savingContent.AddOrUpdate(context, this);
    }

    private void Settle(DbContext? context)
    {
        if (context is not null && _savingContent.Remove(context)) cache.Invalidate();
    }

    private static bool ShowsPublicly(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
        && entry.Entity is not (ApplicationUser or AuditEvent or DataProtectionKey)
        && entry.Metadata.ClrType.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) != true;
}
