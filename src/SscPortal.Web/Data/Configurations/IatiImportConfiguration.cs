using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SscPortal.Domain;

namespace SscPortal.Web.Data.Configurations;

public sealed class IatiImportConfiguration : IEntityTypeConfiguration<IatiImport>
{
    public void Configure(EntityTypeBuilder<IatiImport> builder)
    {
        builder.ToTable("IatiImports", t =>
        {
            t.HasCheckConstraint("CK_IatiImports_State", "\"State\" BETWEEN 1 AND 3");
            t.HasCheckConstraint("CK_IatiImports_Counts", "\"ActivityCount\" >= 0 AND \"RejectedCount\" BETWEEN 0 AND \"ActivityCount\" AND \"ImportedCount\" BETWEEN 0 AND \"ActivityCount\"");
            t.HasCheckConstraint("CK_IatiImports_Imported", "(\"State\" = 2) = (\"ImportedAt\" IS NOT NULL)");
        });
        builder.Property(i => i.UserId).HasMaxLength(450);
        builder.Property(i => i.FileNames).HasMaxLength(IatiImport.FileNameLength);
        builder.Property(i => i.IatiVersion).HasMaxLength(50);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasOne(i => i.Owner).WithMany().HasForeignKey(i => i.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany<IatiImportActivity>().WithOne().HasForeignKey(a => a.ImportId).OnDelete(DeleteBehavior.Cascade);
        // An organisation's uploads, newest first; the cleanup looks for old ones.
        builder.HasIndex(i => new { i.OwnerId, i.CreatedAt });
        builder.HasIndex(i => i.CreatedAt);
    }
}

public sealed class IatiImportActivityConfiguration : IEntityTypeConfiguration<IatiImportActivity>
{
    public void Configure(EntityTypeBuilder<IatiImportActivity> builder)
    {
        builder.ToTable("IatiImportActivities");
        builder.Property(a => a.IatiIdentifier).HasMaxLength(IatiImportActivity.IdentifierLength);
        builder.Property(a => a.Title).HasMaxLength(300);
        // One row per place in the upload: the preview pages through them by position.
        builder.HasIndex(a => new { a.ImportId, a.Position }).IsUnique();
        builder.HasIndex(a => new { a.ImportId, a.IatiIdentifier });
        builder.HasOne<Initiative>().WithMany().HasForeignKey(a => a.ExistingInitiativeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Initiative>().WithMany().HasForeignKey(a => a.InitiativeId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class LinkCheckConfiguration : IEntityTypeConfiguration<LinkCheck>
{
    public void Configure(EntityTypeBuilder<LinkCheck> builder)
    {
        builder.ToTable("LinkChecks");
        builder.Property(l => l.Url).HasMaxLength(LinkCheck.UrlLength);
        builder.Property(l => l.Problem).HasMaxLength(200);
        // One check per address, whatever number of records link to it.
        builder.HasIndex(l => l.Url).IsUnique();
        builder.HasIndex(l => l.CheckedAt);
    }
}
