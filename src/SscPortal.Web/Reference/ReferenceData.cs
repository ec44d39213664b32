using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Reference;

/// <summary>
/// The code lists (countries, SDGs and targets, sectors and categories, currencies) and the principles of SSC held in memory: they change only when the portal is upgraded,
/// and every page names countries, so pages project codes and look the names up here instead of joining.
/// </summary>
public sealed class ReferenceData(IServiceScopeFactory scopes) : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private Snapshot? _snapshot;

    public sealed record Snapshot(
        IReadOnlyDictionary<string, Country> Countries,
        IReadOnlyDictionary<int, SdgGoal> Goals,
        IReadOnlyDictionary<string, Sector> Sectors,
        IReadOnlyDictionary<string, SectorCategory> Categories,
        IReadOnlyDictionary<string, Currency> Currencies,
        IReadOnlyDictionary<string, SdgTarget> Targets,
        IReadOnlyList<Principle> Principles,
        IReadOnlyList<Data.Seed.ReferenceDataSeeder.Region> Regions)
    {
        public string RegionName(string code, string language) =>
            Regions.FirstOrDefault(r => r.Code == code) is { } region ? region.NameIn(language) : code;

        public string PrincipleName(string code, string language) =>
            Principles.FirstOrDefault(p => p.Code == code) is { } principle ? principle.Name.In(language) : code;

        /// <summary>A target's text, such as "By 2030, eradicate extreme poverty…" for "1.1".</summary>
        public ShownName TargetText(string code, string language) =>
            Targets.TryGetValue(code, out var t) ? ShownName.Of(t.Name, language) : ShownName.Neutral(code);

        /// <summary>The targets in the order the UN lists them.</summary>
        public IEnumerable<SdgTarget> TargetsInOrder => Targets.Values.OrderBy(t => SdgTarget.Order(t.Code));

        public ShownName CurrencyName(string code, string language) =>
            Currencies.TryGetValue(code, out var c) ? ShownName.Of(c.Name, language) : ShownName.Neutral(code);

        public ShownName CategoryName(string code, string language) =>
            Categories.TryGetValue(code, out var c) ? ShownName.Of(c.Name, language) : ShownName.Neutral(code);

        public string CountryName(string code, string language) =>
            Countries.TryGetValue(code, out var c) ? c.NameIn(language) : code;

        public string GoalName(int code, string language) =>
            Goals.TryGetValue(code, out var g) ? g.NameIn(language) : code.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public ShownName SectorName(string code, string language) =>
            Sectors.TryGetValue(code, out var s) ? ShownName.Of(s.Name, language) : ShownName.Neutral(code);
    }

    public void Dispose() => _loading.Dispose();

    public async Task<Snapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_snapshot is { } loaded) return loaded;
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is { } raced) return raced;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var snapshot = new Snapshot(
                await db.Countries.AsNoTracking().ToDictionaryAsync(c => c.Code.Trim(), cancellationToken),
                await db.SdgGoals.AsNoTracking().ToDictionaryAsync(g => g.Code, cancellationToken),
                await db.Sectors.AsNoTracking().ToDictionaryAsync(s => s.Code, cancellationToken),
                await db.SectorCategories.AsNoTracking().ToDictionaryAsync(c => c.Code, cancellationToken),
                await db.Currencies.AsNoTracking().ToDictionaryAsync(c => c.Code.Trim(), cancellationToken),
                await db.SdgTargets.AsNoTracking().ToDictionaryAsync(t => t.Code, cancellationToken),
                await db.Principles.AsNoTracking().OrderBy(p => p.Position).ToListAsync(cancellationToken),
                Data.Seed.ReferenceDataSeeder.Regions());
            // An empty list means the database is not seeded yet: do not keep it.
            if (snapshot.Countries.Count > 0) _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }
}
