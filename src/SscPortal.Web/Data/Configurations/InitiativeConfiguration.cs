using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SscPortal.Domain;

namespace SscPortal.Web.Data.Configurations;

public sealed class InitiativeConfiguration : IEntityTypeConfiguration<Initiative>
{
    public void Configure(EntityTypeBuilder<Initiative> builder)
    {
        builder.Property(i => i.Title).HasMaxLength(300);
        builder.Property(i => i.Summary).HasMaxLength(2000);
        builder.Property(i => i.Description).HasMaxLength(20000);
        builder.Property(i => i.Objectives).HasMaxLength(4000);
        builder.Property(i => i.Contact).HasMaxLength(300);
        builder.Property(i => i.SearchTitle).HasMaxLength(2000);
        builder.Property(i => i.SearchBody).HasMaxLength(60000);
        builder.Property(i => i.Language).HasMaxLength(2);
        builder.Property(i => i.UnpublishedReason).HasMaxLength(1000);
        // An IATI activity is imported once: importing it again updates the record that carries its identifier.
        builder.Property(i => i.IatiIdentifier).HasMaxLength(IatiImportActivity.IdentifierLength);
        builder.HasIndex(i => i.IatiIdentifier).IsUnique().HasFilter("\"IatiIdentifier\" IS NOT NULL");
        builder.ToTable(t => t.HasCheckConstraint("CK_Initiatives_Sensitivity", "\"Sensitivity\" IN (0, 1, 2)"));
        builder.HasOne(i => i.Owner).WithMany().HasForeignKey(i => i.OwnerId).OnDelete(DeleteBehavior.Restrict);
        // Optimistic concurrency on both databases: every UPDATE checks the version the editor started from.
        builder.Property(i => i.Version).IsConcurrencyToken();

        builder.HasMany(i => i.Countries).WithOne().HasForeignKey(c => c.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Actors).WithOne(a => a.Initiative).HasForeignKey(a => a.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Sdgs).WithOne().HasForeignKey(s => s.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Sectors).WithOne().HasForeignKey(s => s.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Translations).WithOne().HasForeignKey(t => t.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.SdgTargets).WithOne().HasForeignKey(t => t.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Contributions).WithOne().HasForeignKey(c => c.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.RightsHolders).WithOne().HasForeignKey(r => r.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Locations).WithOne().HasForeignKey(l => l.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Links).WithOne().HasForeignKey(l => l.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Principles).WithOne().HasForeignKey(p => p.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Results).WithOne().HasForeignKey(r => r.InitiativeId).OnDelete(DeleteBehavior.Cascade);

        // The catalogue reads published initiatives newest first, paging by (PublishedAt, Id).
        builder.HasIndex(i => new { i.Publication, i.PublishedAt, i.Id });
        builder.HasIndex(i => i.OwnerId);

        // The facet keys are written only by the database (Search/FacetKeys.cs, after each save): EF never sends them.
        var keys = builder.Property(i => i.FacetKeys);
        keys.ValueGeneratedNever();
        keys.Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        keys.Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        // Records not yet indexed for search are found at start through this small index, not by reading the whole table.
        builder.HasIndex(i => i.Id, "IX_Initiatives_NotIndexed").HasFilter("\"SearchTitle\" = ''");
    }
}

public sealed class InitiativeCountryConfiguration : IEntityTypeConfiguration<InitiativeCountry>
{
    public void Configure(EntityTypeBuilder<InitiativeCountry> builder)
    {
        builder.HasKey(c => new { c.InitiativeId, c.CountryCode });
        builder.Property(c => c.CountryCode).HasMaxLength(2).IsFixedLength();
        builder.HasOne(c => c.Country).WithMany().HasForeignKey(c => c.CountryCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.CountryCode, c.Role });
    }
}

public sealed class InitiativeActorConfiguration : IEntityTypeConfiguration<InitiativeActor>
{
    public void Configure(EntityTypeBuilder<InitiativeActor> builder)
    {
        builder.HasKey(a => new { a.InitiativeId, a.ActorId, a.Role });
        builder.HasOne(a => a.Actor).WithMany(a => a.Initiatives).HasForeignKey(a => a.ActorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.ActorId);
    }
}

public sealed class InitiativeSdgConfiguration : IEntityTypeConfiguration<InitiativeSdg>
{
    public void Configure(EntityTypeBuilder<InitiativeSdg> builder)
    {
        builder.HasKey(s => new { s.InitiativeId, s.GoalCode });
        builder.HasOne(s => s.Goal).WithMany().HasForeignKey(s => s.GoalCode).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class InitiativeSectorConfiguration : IEntityTypeConfiguration<InitiativeSector>
{
    public void Configure(EntityTypeBuilder<InitiativeSector> builder)
    {
        builder.HasKey(s => new { s.InitiativeId, s.SectorCode });
        builder.Property(s => s.SectorCode).HasMaxLength(5);
        builder.HasOne(s => s.Sector).WithMany().HasForeignKey(s => s.SectorCode).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RecordChangeConfiguration : IEntityTypeConfiguration<RecordChange>
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<RecordChange> builder)
    {
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.Property(c => c.UserEmail).HasMaxLength(256);
        builder.Property(c => c.OrganisationName).HasMaxLength(200);
        // The changed fields travel together and are only ever read together: one JSON text column.
        builder.Property(c => c.Fields).HasConversion(
            fields => System.Text.Json.JsonSerializer.Serialize(fields, Json),
            text => System.Text.Json.JsonSerializer.Deserialize<List<FieldChange>>(text, Json) ?? new List<FieldChange>(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<FieldChange>>(
                (a, b) => a!.SequenceEqual(b!), list => list.Aggregate(0, (hash, f) => HashCode.Combine(hash, f.GetHashCode())), list => list.ToList()));
        builder.HasIndex(c => new { c.RecordType, c.RecordId, c.At, c.Id });
    }
}

public sealed class InitiativeTranslationConfiguration : IEntityTypeConfiguration<InitiativeTranslation>
{
    public void Configure(EntityTypeBuilder<InitiativeTranslation> builder)
    {
        builder.HasKey(t => new { t.InitiativeId, t.Language });
        builder.Property(t => t.Language).HasMaxLength(2);
        builder.Property(t => t.Title).HasMaxLength(300);
        builder.Property(t => t.Summary).HasMaxLength(2000);
    }
}

public sealed class InitiativePartsConfiguration :
    IEntityTypeConfiguration<InitiativeContribution>, IEntityTypeConfiguration<InitiativeRightsHolder>,
    IEntityTypeConfiguration<InitiativeLocation>, IEntityTypeConfiguration<InitiativeLink>, IEntityTypeConfiguration<InitiativeResult>
{
    public void Configure(EntityTypeBuilder<InitiativeContribution> builder)
    {
        builder.Property(c => c.Amount).HasPrecision(18, 2);
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Property(c => c.Description).HasMaxLength(1000);
        builder.HasOne(c => c.Actor).WithMany().HasForeignKey(c => c.ActorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.InitiativeId);
    }

    public void Configure(EntityTypeBuilder<InitiativeRightsHolder> builder) => builder.HasKey(r => new { r.InitiativeId, r.Group });

    public void Configure(EntityTypeBuilder<InitiativeLocation> builder)
    {
        builder.Property(l => l.CountryCode).HasMaxLength(2).IsFixedLength();
        builder.Property(l => l.Place).HasMaxLength(InitiativeLocation.NameLength);
        builder.Property(l => l.Region).HasMaxLength(InitiativeLocation.NameLength);
        builder.Property(l => l.Precision).HasDefaultValue(LocationPrecision.Country).HasSentinel(LocationPrecision.Country);
        // What the domain checks (InitiativeLocation.Check), held by the database too: a point has both coordinates and
        // only a point has any, within their ranges; a region-level location names its region, a municipality its place.
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_InitiativeLocation_Precision", "\"Precision\" BETWEEN 1 AND 4");
            t.HasCheckConstraint("CK_InitiativeLocation_Latitude", "\"Latitude\" BETWEEN -90 AND 90");
            t.HasCheckConstraint("CK_InitiativeLocation_Longitude", "\"Longitude\" BETWEEN -180 AND 180");
            t.HasCheckConstraint("CK_InitiativeLocation_PointHasCoordinates",
                "(\"Precision\" = 4 AND \"Latitude\" IS NOT NULL AND \"Longitude\" IS NOT NULL) OR (\"Precision\" <> 4 AND \"Latitude\" IS NULL AND \"Longitude\" IS NULL)");
            t.HasCheckConstraint("CK_InitiativeLocation_RegionNamed", "\"Precision\" <> 2 OR \"Region\" IS NOT NULL");
            t.HasCheckConstraint("CK_InitiativeLocation_PlaceNamed", "\"Precision\" <> 3 OR \"Place\" IS NOT NULL");
        });
        builder.HasOne<Country>().WithMany().HasForeignKey(l => l.CountryCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.InitiativeId);
    }

    public void Configure(EntityTypeBuilder<InitiativeLink> builder)
    {
        builder.Property(l => l.Title).HasMaxLength(300);
        builder.Property(l => l.Url).HasMaxLength(500);
        builder.Property(l => l.Category).HasMaxLength(3);
        builder.Property(l => l.Format).HasMaxLength(InitiativeLink.FormatLength);
        builder.HasIndex(l => l.InitiativeId);
    }

    public void Configure(EntityTypeBuilder<InitiativeResult> builder)
    {
        builder.Property(r => r.Text).HasMaxLength(1000);
        builder.HasIndex(r => r.InitiativeId);
    }
}

public sealed class InitiativeSdgTargetConfiguration : IEntityTypeConfiguration<InitiativeSdgTarget>
{
    public void Configure(EntityTypeBuilder<InitiativeSdgTarget> builder)
    {
        builder.HasKey(t => new { t.InitiativeId, t.TargetCode });
        builder.Property(t => t.TargetCode).HasMaxLength(6);
        builder.Ignore(t => t.GoalCode);
    }
}
