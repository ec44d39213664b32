using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;

namespace SscPortal.Web.Data;

/// <summary>
/// The portal's data. Each database provider has a subclass (below) so that each keeps its own
/// migrations in Data/Migrations/&lt;Provider&gt;; the model itself is shared and lives here.
/// </summary>
public abstract partial class AppDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Country> Countries => Set<Country>();
    public DbSet<SdgGoal> SdgGoals => Set<SdgGoal>();
    public DbSet<SectorCategory> SectorCategories => Set<SectorCategory>();
    public DbSet<Sector> Sectors => Set<Sector>();
    public DbSet<SdgTarget> SdgTargets => Set<SdgTarget>();
    public DbSet<Currency> Currencies => Set<Currency>();
    public DbSet<Actor> Actors => Set<Actor>();
    public DbSet<OrganisationMembership> Memberships => Set<OrganisationMembership>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Initiative> Initiatives => Set<Initiative>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<RecordChange> RecordChanges => Set<RecordChange>();
    public DbSet<Partnership> Partnerships => Set<Partnership>();
    public DbSet<Principle> Principles => Set<Principle>();
    public DbSet<AssessmentFramework> AssessmentFrameworks => Set<AssessmentFramework>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<AssessmentResponse> AssessmentResponses => Set<AssessmentResponse>();
    public DbSet<AssessmentScore> AssessmentScores => Set<AssessmentScore>();
    public DbSet<CommentWindow> CommentWindows => Set<CommentWindow>();
    public DbSet<AssessmentComment> AssessmentComments => Set<AssessmentComment>();
    public DbSet<Recommendation> Recommendations => Set<Recommendation>();
    public DbSet<RecommendationStatement> RecommendationStatements => Set<RecommendationStatement>();
    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();
    public DbSet<Testimony> Testimonies => Set<Testimony>();
    public DbSet<Listing> Listings => Set<Listing>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ConversationMessage> ConversationMessages => Set<ConversationMessage>();
    public DbSet<CooperationCall> Calls => Set<CooperationCall>();
    public DbSet<CallApplication> CallApplications => Set<CallApplication>();
    public DbSet<CallReviewer> CallReviewers => Set<CallReviewer>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<GoodPractice> GoodPractices => Set<GoodPractice>();
    public DbSet<NetworkMembership> NetworkMemberships => Set<NetworkMembership>();
    public DbSet<CooperationEvent> Events => Set<CooperationEvent>();
    public DbSet<EventSession> EventSessions => Set<EventSession>();
    public DbSet<EventOrganiser> EventOrganisers => Set<EventOrganiser>();
    public DbSet<EventInitiative> EventInitiatives => Set<EventInitiative>();
    public DbSet<EventRegistration> EventRegistrations => Set<EventRegistration>();
    public DbSet<EventMessage> EventMessages => Set<EventMessage>();
    public DbSet<EventTally> EventTallies => Set<EventTally>();
    public DbSet<IatiImport> IatiImports => Set<IatiImport>();
    public DbSet<IatiImportActivity> IatiImportActivities => Set<IatiImportActivity>();
    public DbSet<LinkCheck> LinkChecks => Set<LinkCheck>();
    public DbSet<Forms.FormSubmission> FormSubmissions => Set<Forms.FormSubmission>();
    public DbSet<Mail.OutboxMessage> OutboxMessages => Set<Mail.OutboxMessage>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<Notifications.NotificationPreference> NotificationPreferences => Set<Notifications.NotificationPreference>();
    public DbSet<Notifications.Follow> Follows => Set<Notifications.Follow>();

    /// <summary>The keys that protect sign-in cookies and antiforgery tokens, shared by every instance and kept across restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var standIns = await RefreshSearchTextAsync(async: true, cancellationToken);
        try
        {
            return await SaveWithFacetKeysAsync(() => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), async: true, cancellationToken);
        }
        finally
        {
            LetGoOf(standIns);
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        // Without async every await in the refresh completes at once, so waiting here never blocks on I/O twice.
        var standIns = RefreshSearchTextAsync(async: false, CancellationToken.None).GetAwaiter().GetResult();
        try
        {
            return SaveWithFacetKeysAsync(() => Task.FromResult(base.SaveChanges(acceptAllChangesOnSuccess)), async: false, CancellationToken.None).GetAwaiter().GetResult();
        }
        finally
        {
            LetGoOf(standIns);
        }
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Initiative>().Property(i => i.FacetKeys).HasDefaultValueSql("'[]'").ValueGeneratedNever();
    }

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
        // Every filter of the catalogue is "the facet keys contain these" (Search/FacetKeys.cs): one GIN index answers them all.
        builder.Entity<Initiative>().Property(i => i.FacetKeys).HasDefaultValueSql("'{}'::text[]").ValueGeneratedNever();
        builder.Entity<Initiative>().HasIndex(i => i.FacetKeys).HasMethod("GIN");
        // The sample the facet counts of a very large result are estimated from (Search/CatalogueFacets.cs): every fiftieth
        // initiative's keys, search words and title, copied by a trigger into a table of its own that stays in memory
        // (Search/InitiativeSample.cs). Each index is of the published ones: of the sample, and of the coarse sample (every
        // 500th, a tenth of the sample). The keys and words in GIN indexes, so that "which of the sample answer" is read from
        // the entries of the question's keys and words; the keys also beside the ids, for a question with no filter.
        var sample = "\"Publication\" = 1";
        var coarse = $"\"Id\" % {Search.CatalogueFacets.CoarseSampleEvery} = 0 AND \"Publication\" = 1";
        builder.Entity<Search.InitiativeSample>(copy =>
        {
            copy.ToTable(Search.InitiativeSample.Table);
            copy.Property(s => s.Id).ValueGeneratedNever();
            copy.HasOne<Initiative>().WithOne().HasForeignKey<Search.InitiativeSample>(s => s.Id).OnDelete(DeleteBehavior.Cascade);
            copy.Property<NpgsqlTypes.NpgsqlTsVector>(SearchVector);
            copy.HasIndex(s => s.Id, "IX_InitiativeSamples_Keys").HasFilter(sample).IncludeProperties(s => s.FacetKeys);
            copy.HasIndex(s => s.Id, "IX_InitiativeSamples_CoarseKeys").HasFilter(coarse).IncludeProperties(s => s.FacetKeys);
            copy.HasIndex(s => s.FacetKeys, "IX_InitiativeSamples_FacetKeys").HasMethod("GIN").HasFilter(sample);
            copy.HasIndex(s => s.FacetKeys, "IX_InitiativeSamples_CoarseFacetKeys").HasMethod("GIN").HasFilter(coarse);
            copy.HasIndex([SearchVector], "IX_InitiativeSamples_SearchVector").HasMethod("GIN").HasFilter(sample);
            copy.HasIndex([SearchVector], "IX_InitiativeSamples_CoarseSearchVector").HasMethod("GIN").HasFilter(coarse);
            copy.HasIndex(s => s.SearchTitle, "IX_InitiativeSamples_SearchTitle").HasMethod("GIN").HasOperators("gin_trgm_ops").HasFilter(sample);
        });
        // The whole catalogue's count of each facet key, kept in step by triggers as rows to be added up (Search/FacetKeyCount.cs).
        builder.Entity<Search.FacetKeyCount>(counts =>
        {
            counts.ToTable(Search.FacetKeyCount.Table);
            counts.Property(c => c.Key).HasColumnType("text");
            counts.HasIndex(c => c.Key);
        });
        // Offers and needs are searched the same way, and matched by the similarity of their texts (see Exchange/Matches.cs).
        builder.Entity<Listing>().Property<NpgsqlTypes.NpgsqlTsVector>(SearchVector).HasComputedColumnSql(vector, stored: true);
        builder.Entity<Listing>().HasIndex(SearchVector).HasMethod("GIN");
        builder.Entity<Listing>().HasIndex(l => l.SearchTitle).HasMethod("GIN").HasOperators("gin_trgm_ops");
        // Calls and good practices are searched the same way.
        builder.Entity<CooperationCall>().Property<NpgsqlTypes.NpgsqlTsVector>(SearchVector).HasComputedColumnSql(vector, stored: true);
        builder.Entity<CooperationCall>().HasIndex(SearchVector).HasMethod("GIN");
        builder.Entity<GoodPractice>().Property<NpgsqlTypes.NpgsqlTsVector>(SearchVector).HasComputedColumnSql(vector, stored: true);
        builder.Entity<GoodPractice>().HasIndex(SearchVector).HasMethod("GIN");
        builder.Entity<CooperationEvent>().Property<NpgsqlTypes.NpgsqlTsVector>(SearchVector).HasComputedColumnSql(vector, stored: true);
        builder.Entity<CooperationEvent>().HasIndex(SearchVector).HasMethod("GIN");
    }

    public const string SearchVector = "SearchVector";
}

internal sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
