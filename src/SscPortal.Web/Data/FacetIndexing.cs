using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using SscPortal.Domain;
using SscPortal.Web.Search;

namespace SscPortal.Web.Data;

/// <summary>
/// Keeps <see cref="Initiative.FacetKeys"/> in step with what is stored: after the rows of a save are written, the keys of
/// every initiative the save touched (the record, its countries, organisations, sectors, goals, principles, its
/// assessments, an organisation's kind) are computed again by the database, in the same transaction, so a filter or a
/// count never disagrees with the record. Nobody else writes the column (EF never sends it: see the configuration).
/// </summary>
public abstract partial class AppDbContext
{
    /// <summary>What a save is about to change that the facet keys depend on: the entries (ids of new rows are known only afterwards).</summary>
    private sealed record FacetChanges(List<EntityEntry> Entries, List<int> Actors)
    {
        public bool IsEmpty => Entries.Count == 0 && Actors.Count == 0;
    }

    private FacetChanges NoteFacetChanges()
    {
        var entries = new List<EntityEntry>();
        var actors = new List<int>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case Initiative when entry.State != EntityState.Deleted
                                     && (entry.State == EntityState.Added || entry.Properties.Any(p => p.IsModified && !IsSearchText(p))):
                case InitiativeCountry or InitiativeActor or InitiativeSector or InitiativeSdg or InitiativePrinciple or Assessment:
                    entries.Add(entry);
                    break;
                case Actor when entry.State == EntityState.Modified && entry.Property(nameof(Actor.Type)).IsModified:
                    actors.Add(KeyOf(entry, nameof(Actor.Id)));
                    break;
            }
        }
        return new FacetChanges(entries, actors);
    }

    private static int InitiativeOf(EntityEntry entry) =>
        KeyOf(entry, entry.Entity is Initiative ? nameof(Initiative.Id) : nameof(InitiativeActor.InitiativeId));

    /// <summary>Runs after the rows are written (new rows have their ids), before the transaction commits.</summary>
    private async Task RefreshFacetKeysAsync(FacetChanges changes, bool async, CancellationToken cancellationToken)
    {
        var ids = changes.Entries.Select(InitiativeOf).Where(id => id > 0).ToHashSet();
        if (changes.Actors.Count > 0)
        {
            var query = Set<InitiativeActor>().AsNoTracking().Where(a => changes.Actors.Contains(a.ActorId)).Select(a => a.InitiativeId).Distinct();
            ids.UnionWith(async ? await query.ToListAsync(cancellationToken) : query.ToList());
        }
        if (ids.Count > 0) await FacetKeys.RefreshAsync(this, ids, async, cancellationToken);
    }

    /// <summary>A save and the refresh of the keys it affects, atomically: in the caller's transaction, or in one of its own.</summary>
    private async Task<int> SaveWithFacetKeysAsync(Func<Task<int>> save, bool async, CancellationToken cancellationToken)
    {
        var changes = NoteFacetChanges();
        if (changes.IsEmpty) return await save();
        if (Database.CurrentTransaction is not null)
        {
            var written = await save();
            await RefreshFacetKeysAsync(changes, async, cancellationToken);
            return written;
        }
        var transaction = async ? await Database.BeginTransactionAsync(cancellationToken) : Database.BeginTransaction();
        try
        {
            var written = await save();
            await RefreshFacetKeysAsync(changes, async, cancellationToken);
            if (async) await transaction.CommitAsync(cancellationToken);
            else transaction.Commit();
            return written;
        }
        finally
        {
            if (async) await transaction.DisposeAsync();
            else transaction.Dispose();
        }
    }
}
