using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SscPortal.Domain;

namespace SscPortal.Web.Data.Configurations;

public sealed class CountryConfiguration : IEntityTypeConfiguration<Country>
{
    public void Configure(EntityTypeBuilder<Country> builder)
    {
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(2).IsFixedLength();
        builder.Property(c => c.NameEn).HasMaxLength(100);
        builder.Property(c => c.NameEs).HasMaxLength(100);
        builder.Property(c => c.NamePt).HasMaxLength(100);
        builder.Property(c => c.NameFr).HasMaxLength(100);
        builder.Property(c => c.RegionCode).HasMaxLength(30);
        builder.HasIndex(c => c.RegionCode);
    }
}

public sealed class SdgGoalConfiguration : IEntityTypeConfiguration<SdgGoal>
{
    public void Configure(EntityTypeBuilder<SdgGoal> builder)
    {
        builder.HasKey(g => g.Code);
        builder.Property(g => g.Code).ValueGeneratedNever();
        builder.Property(g => g.NameEn).HasMaxLength(100);
        builder.Property(g => g.NameEs).HasMaxLength(100);
        builder.Property(g => g.NamePt).HasMaxLength(100);
        builder.Property(g => g.NameFr).HasMaxLength(100);
        builder.Property(g => g.Description).HasMaxLength(500);
    }
}

public sealed class SectorCategoryConfiguration : IEntityTypeConfiguration<SectorCategory>
{
    public void Configure(EntityTypeBuilder<SectorCategory> builder)
    {
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(3);
        builder.Names(200);
    }
}

public sealed class SectorConfiguration : IEntityTypeConfiguration<Sector>
{
    public void Configure(EntityTypeBuilder<Sector> builder)
    {
        builder.HasKey(s => s.Code);
        builder.Property(s => s.Code).HasMaxLength(5);
        builder.Property(s => s.CategoryCode).HasMaxLength(3);
        builder.Names(200);
        builder.HasOne<SectorCategory>().WithMany().HasForeignKey(s => s.CategoryCode).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SdgTargetConfiguration : IEntityTypeConfiguration<SdgTarget>
{
    public void Configure(EntityTypeBuilder<SdgTarget> builder)
    {
        builder.HasKey(t => t.Code);
        builder.Property(t => t.Code).HasMaxLength(5);
        builder.Names(1000);
        builder.HasOne<SdgGoal>().WithMany().HasForeignKey(t => t.GoalCode).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CurrencyConfiguration : IEntityTypeConfiguration<Currency>
{
    public void Configure(EntityTypeBuilder<Currency> builder)
    {
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(3).IsFixedLength();
        builder.Names(100);
    }
}

internal static class TranslatedNameConfiguration
{
    /// <summary>The name columns of a translated code list: English required, the other languages null until translated.</summary>
    public static void Names<T>(this EntityTypeBuilder<T> builder, int maxLength) where T : TranslatedCodeListEntry
    {
        builder.Property(e => e.NameEn).HasMaxLength(maxLength);
        builder.Property(e => e.NameEs).HasMaxLength(maxLength);
        builder.Property(e => e.NamePt).HasMaxLength(maxLength);
        builder.Property(e => e.NameFr).HasMaxLength(maxLength);
        builder.Ignore(e => e.Name);
    }
}
