using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;

namespace SscPortal.Web.Data;

/// <summary>
/// The portal's data. Each database provider has a subclass (below) so that each keeps its own
/// migrations in Data/Migrations/&lt;Provider&gt;; the model itself is shared and lives here.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Country> Countries => Set<Country>();
    public DbSet<SdgGoal> SdgGoals => Set<SdgGoal>();
    public DbSet<SectorCategory> SectorCategories => Set<SectorCategory>();
    public DbSet<Sector> Sectors => Set<Sector>();
    public DbSet<SdgTarget> SdgTargets => Set<SdgTarget>();
    public DbSet<Currency> Currencies => Set<Currency>();
    public DbSet<Actor> Actors => Set<Actor>();
    public DbSet<OrganisationMembership> Memberships => Set<OrganisationMembership>();
    public DbSet<Initiative> Initiatives => Set<Initiative>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<RecordChange> RecordChanges => Set<RecordChange>();
    public DbSet<Partnership> Partnerships => Set<Partnership>();
    public DbSet<Principle> Principles => Set<Principle>();
    public DbSet<AssessmentFramework> AssessmentFrameworks => Set<AssessmentFramework>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<AssessmentResponse> AssessmentResponses => Set<AssessmentResponse>();
    public DbSet<AssessmentScore> AssessmentScores => Set<AssessmentScore>();

    /// <summary>The keys that protect sign-in cookies and antiforgery tokens, shared by every instance and kept across restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await RefreshSearchTextAsync(cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Keeps what search looks in up to date with every change to an initiative or to its translations, countries and
    /// organisations, whoever saves it (a form, a spreadsheet, the seeders, the tests).
    /// </summary>
    private async Task RefreshSearchTextAsync(CancellationToken cancellationToken)
    {
        var changed = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity switch
            {
                Initiative i => i.Id,
                InitiativeTranslation t => t.InitiativeId,
                InitiativeCountry c => c.InitiativeId,
                InitiativeActor a => a.InitiativeId,
                _ => (int?)null,
            })
            .OfType<int>().ToHashSet();
        var initiatives = ChangeTracker.Entries<Initiative>()
            .Where(e => e.State != EntityState.Deleted && (e.State == EntityState.Added || changed.Contains(e.Entity.Id)))
            .Select(e => e.Entity).ToList();
        await IndexForSearchAsync(initiatives, cancellationToken);
    }

    /// <summary>Writes what search looks in for these initiatives (their translations, countries and organisations loaded).</summary>
    public async Task IndexForSearchAsync(IReadOnlyCollection<Initiative> initiatives, CancellationToken cancellationToken)
    {
        if (initiatives.Count == 0) return;
        var actorIds = initiatives.SelectMany(i => i.Actors.Select(a => a.ActorId)).Distinct().ToList();
        var actorNames = await Actors.AsNoTracking().Where(a => actorIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Name, a.Acronym }).ToDictionaryAsync(a => a.Id, a => $"{a.Name} {a.Acronym}", cancellationToken);
        foreach (var initiative in initiatives)
        {
            initiative.SearchTitle = SearchText.Normalize(string.Join(" \n ", initiative.Translations.Select(t => t.Title).Prepend(initiative.Title)));
            initiative.SearchBody = SearchText.Normalize(string.Join(" \n ",
                new[] { initiative.Summary, initiative.Description, initiative.Objectives }
                    .Concat(initiative.Translations.Select(t => t.Summary))
                    .Concat(initiative.Actors.Select(a => actorNames.GetValueOrDefault(a.ActorId)))
                    .Concat(initiative.Countries.Select(c => Seed.ReferenceDataSeeder.CountryNamesFor(c.CountryCode)))
                    .OfType<string>()));
        }
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    // SQLite has no time zone type: everything stored is UTC, so say so when reading it back.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    /// <summary>The full-text configurations search uses: English, Spanish and Portuguese stemming, accents folded (see the migration that creates them).</summary>
    public static readonly string[] SearchConfigurations = ["ssc_en", "ssc_es", "ssc_pt"];

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("unaccent").HasPostgresExtension("pg_trgm");
        // PostgreSQL searches a stored tsvector (titles weigh more than the rest) under each language's stemming, with a GIN
        // index; trigrams on the titles answer typos and partial words.
        var vector = string.Join(" || ", SearchConfigurations.SelectMany(c => new[]
        {
            $"setweight(to_tsvector('{c}'::regconfig, coalesce(\"SearchTitle\", '')), 'A')",
            $"setweight(to_tsvector('{c}'::regconfig, coalesce(\"SearchBody\", '')), 'B')",
        }));
        builder.Entity<Initiative>().Property<NpgsqlTypes.NpgsqlTsVector>(SearchVector).HasComputedColumnSql(vector, stored: true);
        builder.Entity<Initiative>().HasIndex(SearchVector).HasMethod("GIN");
        builder.Entity<Initiative>().HasIndex(i => i.SearchTitle).HasMethod("GIN").HasOperators("gin_trgm_ops");
    }

    public const string SearchVector = "SearchVector";
}

internal sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
