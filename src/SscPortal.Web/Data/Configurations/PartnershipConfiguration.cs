using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SscPortal.Domain;

namespace SscPortal.Web.Data.Configurations;

public sealed class PartnershipConfiguration : IEntityTypeConfiguration<Partnership>
{
    public void Configure(EntityTypeBuilder<Partnership> builder)
    {
        builder.Property(p => p.Title).HasMaxLength(300);
        builder.Property(p => p.Scope).HasMaxLength(4000);
        builder.Property(p => p.DocumentUrl).HasMaxLength(500);
        builder.Property(p => p.UnpublishedReason).HasMaxLength(1000);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasOne(p => p.Owner).WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Signatories).WithOne().HasForeignKey(s => s.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Initiatives).WithOne(i => i.Partnership).HasForeignKey(i => i.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.Publication, p.PublishedAt, p.Id });
    }
}

public sealed class PartnershipSignatoryConfiguration : IEntityTypeConfiguration<PartnershipSignatory>
{
    public void Configure(EntityTypeBuilder<PartnershipSignatory> builder)
    {
        builder.HasKey(s => new { s.PartnershipId, s.ActorId });
        builder.HasOne(s => s.Actor).WithMany().HasForeignKey(s => s.ActorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.ActorId);
    }
}

public sealed class PartnershipInitiativeConfiguration : IEntityTypeConfiguration<PartnershipInitiative>
{
    public void Configure(EntityTypeBuilder<PartnershipInitiative> builder)
    {
        builder.HasKey(i => new { i.PartnershipId, i.InitiativeId });
        builder.HasOne(i => i.Initiative).WithMany().HasForeignKey(i => i.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => i.InitiativeId);
    }
}
