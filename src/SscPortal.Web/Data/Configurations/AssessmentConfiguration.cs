using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SscPortal.Domain;

namespace SscPortal.Web.Data.Configurations;

/// <summary>Values that travel together and are only read whole (texts in four languages, a framework's dimensions): one JSON text column.</summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<T> AsJson<T>(this PropertyBuilder<T> property) where T : class =>
        property.HasConversion(
            value => JsonSerializer.Serialize(value, Json),
            text => JsonSerializer.Deserialize<T>(text, Json)!,
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                value => JsonSerializer.Serialize(value, Json).GetHashCode(StringComparison.Ordinal),
                value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, Json), Json)!));
}

public sealed class PrincipleConfiguration : IEntityTypeConfiguration<Principle>, IEntityTypeConfiguration<InitiativePrinciple>
{
    public void Configure(EntityTypeBuilder<Principle> builder)
    {
        builder.HasKey(p => p.Code);
        builder.Property(p => p.Code).HasMaxLength(60);
        builder.Property(p => p.Name).AsJson();
        builder.Property(p => p.Definition).AsJson();
        builder.Property(p => p.Source).HasMaxLength(300);
        builder.Property(p => p.Paragraph).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<InitiativePrinciple> builder)
    {
        builder.HasKey(p => new { p.InitiativeId, p.PrincipleCode });
        builder.HasOne(p => p.Principle).WithMany().HasForeignKey(p => p.PrincipleCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.PrincipleCode, p.InitiativeId });
    }
}

public sealed class AssessmentFrameworkConfiguration : IEntityTypeConfiguration<AssessmentFramework>
{
    public void Configure(EntityTypeBuilder<AssessmentFramework> builder)
    {
        builder.HasIndex(f => f.Version).IsUnique();
        builder.Property(f => f.Title).AsJson();
        builder.Property(f => f.Scale).AsJson();
        builder.Property(f => f.Dimensions).AsJson();
        builder.Property(f => f.PublishedBy).HasMaxLength(256);
        builder.Ignore(f => f.Indicators);
    }
}

public sealed class AssessmentConfiguration :
    IEntityTypeConfiguration<Assessment>, IEntityTypeConfiguration<AssessmentAnswer>, IEntityTypeConfiguration<AssessmentEvidence>,
    IEntityTypeConfiguration<AssessmentConsultation>, IEntityTypeConfiguration<AssessmentResponse>, IEntityTypeConfiguration<AssessmentScore>
{
    public void Configure(EntityTypeBuilder<Assessment> builder)
    {
        builder.HasOne(a => a.Initiative).WithMany().HasForeignKey(a => a.InitiativeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Assessor).WithMany().HasForeignKey(a => a.AssessorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Framework).WithMany().HasForeignKey(a => a.FrameworkId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Assessment>().WithMany().HasForeignKey(a => a.RevisionOfId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.ConflictOfInterest).HasMaxLength(2000);
        builder.Property(a => a.Findings).HasMaxLength(20000);
        builder.Property(a => a.Recommendations).HasMaxLength(20000);
        builder.Property(a => a.UnpublishedReason).HasMaxLength(1000);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasMany(a => a.Answers).WithOne().HasForeignKey(a => a.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Evidence).WithOne().HasForeignKey(e => e.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Consultations).WithOne().HasForeignKey(c => c.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.RecommendationItems).WithOne(r => r.Assessment).HasForeignKey(r => r.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        // The public list: published, current revisions, newest first (keyset on PublishedAt, Id).
        builder.HasIndex(a => new { a.Publication, a.PublishedAt, a.Id });
        builder.HasIndex(a => new { a.InitiativeId, a.Publication });
        builder.HasIndex(a => new { a.AssessorId, a.Publication });
        // A published assessment has at most one open draft revision, and is replaced by at most one published revision:
        // two people pressing "Revise" or publishing two revisions at once cannot fork it (the pages say so; the database makes sure).
        builder.HasIndex(a => a.RevisionOfId);
        builder.HasIndex(a => a.RevisionOfId, "IX_Assessments_OneOpenRevision").IsUnique()
            .HasFilter($"\"RevisionOfId\" IS NOT NULL AND \"Publication\" = {(int)PublicationState.Draft}");
        builder.HasIndex(a => a.RevisionOfId, "IX_Assessments_OnePublishedRevision").IsUnique()
            .HasFilter($"\"RevisionOfId\" IS NOT NULL AND \"Publication\" <> {(int)PublicationState.Draft}");
    }

    public void Configure(EntityTypeBuilder<AssessmentAnswer> builder)
    {
        builder.HasKey(a => new { a.AssessmentId, a.IndicatorCode });
        builder.Property(a => a.IndicatorCode).HasMaxLength(20);
        builder.Property(a => a.Justification).HasMaxLength(4000);
    }

    public void Configure(EntityTypeBuilder<AssessmentEvidence> builder)
    {
        builder.Property(e => e.IndicatorCode).HasMaxLength(20);
        builder.Property(e => e.Description).HasMaxLength(1000);
        builder.Property(e => e.Url).HasMaxLength(500);
        builder.HasIndex(e => e.AssessmentId);
    }

    public void Configure(EntityTypeBuilder<AssessmentConsultation> builder)
    {
        builder.HasKey(c => new { c.AssessmentId, c.Group });
        builder.Ignore(c => c.Total);
    }

    public void Configure(EntityTypeBuilder<AssessmentResponse> builder)
    {
        builder.HasOne(r => r.Assessment).WithMany().HasForeignKey(r => r.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Responder).WithMany().HasForeignKey(r => r.ResponderId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Text).HasMaxLength(10000);
        builder.Property(r => r.HiddenReason).HasMaxLength(UnpublishReason.MaxLength);
        builder.Property(r => r.UserId).HasMaxLength(450);
        // One response per party and assessment.
        builder.HasIndex(r => new { r.AssessmentId, r.ResponderId }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<AssessmentScore> builder)
    {
        builder.HasKey(s => new { s.AssessmentId, s.Scope, s.Code });
        builder.Property(s => s.Code).HasMaxLength(60);
        builder.HasOne<Assessment>().WithMany().HasForeignKey(s => s.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.Scope, s.Code, s.Average });
    }
}
