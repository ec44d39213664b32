using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SscPortal.Domain;

namespace SscPortal.Web.Data.Configurations;

/// <summary>Evidence files (their metadata; the bytes are in the file store) and testimonies (issue 17).</summary>
public sealed class EvidenceConfiguration :
    IEntityTypeConfiguration<EvidenceFile>, IEntityTypeConfiguration<EvidenceFileParty>, IEntityTypeConfiguration<Testimony>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> builder)
    {
        builder.Property(f => f.FileName).HasMaxLength(EvidenceFile.NameLength);
        builder.Property(f => f.Description).HasMaxLength(EvidenceFile.DescriptionLength);
        builder.Property(f => f.Section).HasMaxLength(EvidenceFile.SectionLength);
        builder.Property(f => f.ContentType).HasMaxLength(120);
        builder.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(f => f.StorageKey).HasMaxLength(200);
        builder.Property(f => f.UploadedByUserId).HasMaxLength(450);
        builder.Property(f => f.FoundMetadata).HasMaxLength(4000);
        builder.Property(f => f.RemovedMetadata).HasMaxLength(1000);
        builder.Property(f => f.HiddenReason).HasMaxLength(UnpublishReason.MaxLength);
        builder.Property(f => f.ReportReason).HasMaxLength(UnpublishReason.MaxLength);
        // Each stored object belongs to one version, so deleting one (a discarded upload, a withdrawn recording) touches no other.
        builder.HasIndex(f => f.StorageKey).IsUnique();
        builder.HasIndex(f => new { f.OwnerKind, f.OwnerId });
        builder.HasIndex(f => f.SeriesId);
        // A version is replaced once: two replacements at once make one new version, the other is told.
        builder.HasIndex(f => new { f.SeriesId, f.VersionNumber }).IsUnique();
        builder.HasIndex(f => f.State);
        // A file's decision is made once: publishing twice at once, or the cleanup discarding one being published, finds it changed.
        builder.Property(f => f.State).IsConcurrencyToken();
        builder.HasOne(f => f.Organisation).WithMany().HasForeignKey(f => f.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<EvidenceFile>().WithMany().HasForeignKey(f => f.SeriesId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<EvidenceFile>().WithMany().HasForeignKey(f => f.SupersededById).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(f => f.Parties).WithOne().HasForeignKey(p => p.EvidenceFileId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(f => f.Series);
        builder.Ignore(f => f.IsCurrent);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_EvidenceFiles_Size", "\"Size\" > 0");
            t.HasCheckConstraint("CK_EvidenceFiles_Version", "\"VersionNumber\" >= 1");
            t.HasCheckConstraint("CK_EvidenceFiles_Visibility", "\"Visibility\" IN (1, 2, 3)");
        });
    }

    public void Configure(EntityTypeBuilder<EvidenceFileParty> builder)
    {
        builder.ToTable("EvidenceFileParties");
        builder.HasKey(p => new { p.EvidenceFileId, p.PartyId });
        builder.HasOne<Actor>().WithMany().HasForeignKey(p => p.PartyId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<Testimony> builder)
    {
        builder.Property(t => t.IndicatorCode).HasMaxLength(EvidenceFile.SectionLength);
        builder.Property(t => t.Text).HasMaxLength(Testimony.TextLength);
        builder.Property(t => t.AttributedTo).HasMaxLength(Testimony.AttributionLength);
        builder.Property(t => t.ConsentNote).HasMaxLength(Testimony.ConsentNoteLength);
        builder.Property(t => t.CreatedByUserId).HasMaxLength(450);
        builder.HasOne<Assessment>().WithMany().HasForeignKey(t => t.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<EvidenceFile>().WithMany().HasForeignKey(t => t.AudioFileId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(t => t.AssessmentId);
        // Withdrawn once: two withdrawals at once record one.
        builder.Property(t => t.WithdrawnAt).IsConcurrencyToken();
        // The daily sweep finds what ran out.
        builder.HasIndex(t => new { t.WithdrawnAt, t.ConsentUntil });
        builder.Ignore(t => t.ShownAttribution);
        builder.ToTable(t =>
        {
            // A withdrawn testimony keeps nothing of what was said or who said it.
            t.HasCheckConstraint("CK_Testimonies_WithdrawnIsEmpty",
                "\"WithdrawnAt\" IS NULL OR (\"Text\" IS NULL AND \"AttributedTo\" IS NULL AND \"AudioFileId\" IS NULL AND \"ConsentNote\" IS NULL)");
            t.HasCheckConstraint("CK_Testimonies_HasContent", "\"WithdrawnAt\" IS NOT NULL OR \"Text\" IS NOT NULL");
        });
    }
}
