using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using SscPortal.Domain;

namespace SscPortal.Web.Data;

/// <summary>
/// Keeps what search looks in (<see cref="Initiative.SearchTitle"/>, <see cref="Initiative.SearchBody"/>) complete on every
/// save, whoever saves and whatever they loaded: the titles and summaries in every language, the organisations' names and
/// the countries are read from the database for every initiative the save touches, and what the save is about to write
/// (tracked, unsaved values) wins over what is stored. Renaming an organisation re-indexes every initiative it takes part in.
/// </summary>
public abstract partial class AppDbContext
{
    /// <summary>How many initiative ids one query asks for; keeps every query well under each database's parameter limit.</summary>
    private const int IndexBatch = 500;

    /// <summary>
    /// Writes what search looks in for these saved initiatives on the next save, whatever is loaded of them. The records are
    /// tracked afterwards (as stand-ins holding only their search text when they were not tracked before): clear the change
    /// tracker after saving when indexing in bulk.
    /// </summary>
    public async Task IndexForSearchAsync(IReadOnlyCollection<int> initiativeIds, CancellationToken cancellationToken) =>
        await IndexAsync(new HashSet<int>(initiativeIds), [], ChangeTracker.Entries().ToList(), async: true, cancellationToken);

    /// <summary>Indexes every initiative this save changes; returns the stand-ins it attached, for the caller to let go of afterwards.</summary>
    private Task<List<Initiative>> RefreshSearchTextAsync(bool async, CancellationToken cancellationToken)
    {
        var entries = ChangeTracker.Entries().ToList();
        var affected = new HashSet<int>();
        var renamedActors = new HashSet<int>();
        foreach (var entry in entries)
        {
            switch (entry.Entity)
            {
                case Initiative when entry.State == EntityState.Added
                                     || (entry.State == EntityState.Modified && entry.Properties.Any(p => p.IsModified && !IsSearchText(p))):
                    affected.Add(KeyOf(entry, nameof(Initiative.Id)));
                    break;
                case InitiativeTranslation or InitiativeCountry or InitiativeActor when entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted:
                    affected.Add(KeyOf(entry, nameof(InitiativeActor.InitiativeId)));
                    break;
                case Actor when entry.State == EntityState.Modified
                                && (entry.Property(nameof(Actor.Name)).IsModified || entry.Property(nameof(Actor.Acronym)).IsModified):
                    renamedActors.Add(KeyOf(entry, nameof(Actor.Id)));
                    break;
            }
        }
        return affected.Count == 0 && renamedActors.Count == 0
            ? Task.FromResult(new List<Initiative>())
            : IndexAsync(affected, renamedActors, entries, async, cancellationToken);
    }

    private static bool IsSearchText(PropertyEntry property) =>
        property.Metadata.Name is nameof(Initiative.SearchTitle) or nameof(Initiative.SearchBody);

    /// <summary>A key as the change tracker knows it: for a new record, the temporary value its parts refer to as well.</summary>
    private static int KeyOf(EntityEntry entry, string property) => (int)entry.Property(property).CurrentValue!;

    private async Task<List<Initiative>> IndexAsync(HashSet<int> affected, HashSet<int> renamedActors, List<EntityEntry> entries, bool async, CancellationToken cancellationToken)
    {
        var tracked = new Dictionary<int, EntityEntry>();
        foreach (var entry in entries.Where(e => e.Entity is Initiative))
            tracked[KeyOf(entry, nameof(Initiative.Id))] = entry;

        // What is stored, for every touched initiative that exists in the database: a few queries per save, never one per record.
        var stored = new Dictionary<int, StoredInitiative>();
        var persisted = affected.Where(id => !tracked.TryGetValue(id, out var e) || e.State != EntityState.Added).Order().ToList();
        foreach (var batch in persisted.Chunk(IndexBatch))
            foreach (var row in await LoadAsync(Initiatives.Where(i => batch.Contains(i.Id)), async, cancellationToken))
                stored[row.Id] = row;
        if (renamedActors.Count > 0)
        {
            var renamed = renamedActors.ToList();
            foreach (var row in await LoadAsync(Initiatives.Where(i => i.Actors.Any(a => renamed.Contains(a.ActorId))), async, cancellationToken))
            {
                stored[row.Id] = row;
                affected.Add(row.Id);
            }
        }

        // What this save is about to write wins over what is stored.
        var translations = new Dictionary<int, Dictionary<string, (string Title, string Summary)>>();
        var countries = new Dictionary<int, HashSet<string>>();
        var actors = new Dictionary<int, HashSet<(int ActorId, ActorRole Role)>>();
        var actorNames = new Dictionary<int, string>();
        foreach (var (id, row) in stored)
        {
            translations[id] = row.Translations.ToDictionary(t => t.Language, t => (t.Title, t.Summary));
            countries[id] = [.. row.Countries];
            actors[id] = [.. row.Actors.Select(a => (a.ActorId, a.Role))];
            foreach (var actor in row.Actors) actorNames[actor.ActorId] = Named(actor.Name, actor.Acronym);
        }
        foreach (var entry in entries)
        {
            var removed = entry.State is EntityState.Deleted or EntityState.Detached;
            switch (entry.Entity)
            {
                case InitiativeTranslation t when affected.Contains(KeyOf(entry, nameof(InitiativeTranslation.InitiativeId))):
                    var languages = Part(translations, KeyOf(entry, nameof(InitiativeTranslation.InitiativeId)), () => []);
                    if (removed) languages.Remove(t.Language);
                    else languages[t.Language] = (t.Title, t.Summary);
                    break;
                case InitiativeCountry c when affected.Contains(KeyOf(entry, nameof(InitiativeCountry.InitiativeId))):
                    var codes = Part(countries, KeyOf(entry, nameof(InitiativeCountry.InitiativeId)), () => []);
                    if (removed) codes.Remove(c.CountryCode);
                    else codes.Add(c.CountryCode);
                    break;
                case InitiativeActor a when affected.Contains(KeyOf(entry, nameof(InitiativeActor.InitiativeId))):
                    var parties = Part(actors, KeyOf(entry, nameof(InitiativeActor.InitiativeId)), () => []);
                    if (removed) parties.Remove((a.ActorId, a.Role));
                    else parties.Add((a.ActorId, a.Role));
                    break;
                case Actor actor when !removed:
                    actorNames[actor.Id] = Named(actor.Name, actor.Acronym);
                    break;
            }
        }
        var unnamed = actors.Values.SelectMany(a => a.Select(p => p.ActorId)).Where(id => !actorNames.ContainsKey(id)).Distinct().Order().ToList();
        foreach (var batch in unnamed.Chunk(IndexBatch))
        {
            var query = Actors.AsNoTracking().Where(a => batch.Contains(a.Id)).Select(a => new { a.Id, a.Name, a.Acronym });
            foreach (var actor in async ? await query.ToListAsync(cancellationToken) : query.ToList())
                actorNames[actor.Id] = Named(actor.Name, actor.Acronym);
        }

        var standIns = new List<Initiative>();
        foreach (var id in affected)
        {
            var entry = tracked.GetValueOrDefault(id);
            if (entry is { State: EntityState.Deleted or EntityState.Detached }) continue;
            var row = stored.GetValueOrDefault(id);
            var initiative = entry?.Entity as Initiative;
            if (initiative is null && row is null) continue; // deleted meanwhile, or never existed: nothing to index
            var (title, summary, description, objectives) = initiative is not null
                ? (initiative.Title, initiative.Summary, initiative.Description, initiative.Objectives)
                : (row!.Title, row.Summary, row.Description, row.Objectives);
            var texts = translations.GetValueOrDefault(id)?.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Value).ToList() ?? [];
            var searchTitle = SearchText.Normalize(string.Join(" \n ", texts.Select(t => t.Title).Prepend(title)));
            var searchBody = SearchText.Normalize(string.Join(" \n ",
                new[] { summary, description, objectives }
                    .Concat(texts.Select(t => t.Summary))
                    .Concat((actors.GetValueOrDefault(id) ?? []).Select(a => a.ActorId).Distinct().Order().Select(a => actorNames.GetValueOrDefault(a)))
                    .Concat((countries.GetValueOrDefault(id) ?? []).Order(StringComparer.Ordinal).Select(Seed.ReferenceDataSeeder.CountryNamesFor))
                    .OfType<string>()));
            if (initiative is not null)
            {
                initiative.SearchTitle = searchTitle;
                initiative.SearchBody = searchBody;
            }
            else if (row!.SearchTitle != searchTitle || row.SearchBody != searchBody)
            {
                // Not loaded by whoever saves: a stand-in carrying only the new search text is written in the same save,
                // its version checked like any other edit's.
                var standIn = new Initiative { Id = id, Title = row.Title, Summary = row.Summary, Version = row.Version, SearchTitle = row.SearchTitle, SearchBody = row.SearchBody };
                var attached = Initiatives.Attach(standIn);
                attached.Property(i => i.SearchTitle).CurrentValue = searchTitle;
                attached.Property(i => i.SearchBody).CurrentValue = searchBody;
                standIns.Add(standIn);
            }
        }
        return standIns;
    }

    /// <summary>Stand-ins hold nothing but search text: they leave the change tracker once saved, so no later read in this context sees them.</summary>
    private void LetGoOf(List<Initiative> standIns)
    {
        foreach (var standIn in standIns) Entry(standIn).State = EntityState.Detached;
    }

    private static T Part<T>(Dictionary<int, T> parts, int id, Func<T> create)
    {
        if (!parts.TryGetValue(id, out var part)) parts[id] = part = create();
        return part;
    }

    private static string Named(string name, string? acronym) => acronym is null ? name : $"{name} {acronym}";

    private static async Task<List<StoredInitiative>> LoadAsync(IQueryable<Initiative> initiatives, bool async, CancellationToken cancellationToken)
    {
        var query = initiatives.AsNoTracking().AsSplitQuery().Select(i => new StoredInitiative
        {
            Id = i.Id, Version = i.Version, Title = i.Title, Summary = i.Summary, Description = i.Description, Objectives = i.Objectives,
            SearchTitle = i.SearchTitle, SearchBody = i.SearchBody,
            Translations = i.Translations.Select(t => new StoredTranslation { Language = t.Language, Title = t.Title, Summary = t.Summary }).ToList(),
            Countries = i.Countries.Select(c => c.CountryCode).ToList(),
            Actors = i.Actors.Select(a => new StoredActor { ActorId = a.ActorId, Role = a.Role, Name = a.Actor!.Name, Acronym = a.Actor.Acronym }).ToList(),
        });
        return async ? await query.ToListAsync(cancellationToken) : query.ToList();
    }

    private sealed class StoredInitiative
    {
        public int Id { get; init; }
        public int Version { get; init; }
        public required string Title { get; init; }
        public required string Summary { get; init; }
        public string? Description { get; init; }
        public string? Objectives { get; init; }
        public required string SearchTitle { get; init; }
        public required string SearchBody { get; init; }
        public required List<StoredTranslation> Translations { get; init; }
        public required List<string> Countries { get; init; }
        public required List<StoredActor> Actors { get; init; }
    }

    private sealed class StoredTranslation
    {
        public required string Language { get; init; }
        public required string Title { get; init; }
        public required string Summary { get; init; }
    }

    private sealed class StoredActor
    {
        public int ActorId { get; init; }
        public ActorRole Role { get; init; }
        public required string Name { get; init; }
        public string? Acronym { get; init; }
    }
}
