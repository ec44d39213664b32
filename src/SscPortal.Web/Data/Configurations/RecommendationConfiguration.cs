using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SscPortal.Domain;

namespace SscPortal.Web.Data.Configurations;

/// <summary>Recommendations, the principles they relate to, and what is said of them (issue 16).</summary>
public sealed class RecommendationConfiguration :
    IEntityTypeConfiguration<Recommendation>, IEntityTypeConfiguration<RecommendationPrinciple>, IEntityTypeConfiguration<RecommendationStatement>
{
    public void Configure(EntityTypeBuilder<Recommendation> builder)
    {
        builder.Property(r => r.Text).HasMaxLength(Recommendation.TextLength);
        // Its standing changes only from the one the person saw: two updates at once cannot leave it saying the older one.
        builder.Property(r => r.Status).IsConcurrencyToken();
        builder.HasOne(r => r.AddressedTo).WithMany().HasForeignKey(r => r.AddressedToId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Recommendation>().WithMany().HasForeignKey(r => r.ThreadId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Principles).WithOne().HasForeignKey(p => p.RecommendationId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(r => r.Thread);
        builder.Ignore(r => r.TakesProgress);
        // The tracker's facets and its per-organisation counts.
        builder.HasIndex(r => new { r.AddressedToId, r.Status });
        builder.HasIndex(r => new { r.Status, r.TargetDate });
        builder.HasIndex(r => r.ThreadId);
        builder.HasIndex(r => new { r.AssessmentId, r.Number });
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Recommendations_TextLength", $"length(\"Text\") BETWEEN 1 AND {Recommendation.TextLength}");
            t.HasCheckConstraint("CK_Recommendations_Number", "\"Number\" >= 1");
        });
    }

    public void Configure(EntityTypeBuilder<RecommendationPrinciple> builder)
    {
        builder.ToTable("RecommendationPrinciples");
        builder.HasKey(p => new { p.RecommendationId, p.PrincipleCode });
        builder.Property(p => p.PrincipleCode).HasMaxLength(60);
        builder.HasIndex(p => p.PrincipleCode);
    }

    public void Configure(EntityTypeBuilder<RecommendationStatement> builder)
    {
        builder.HasOne(s => s.Recommendation).WithMany().HasForeignKey(s => s.RecommendationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Recommendation>().WithMany().HasForeignKey(s => s.ThreadId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Organisation).WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RecommendationStatement>().WithMany().HasForeignKey(s => s.AboutId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Text).HasMaxLength(RecommendationStatement.TextLength);
        builder.Property(s => s.Commitment).HasMaxLength(RecommendationStatement.CommitmentLength);
        builder.Property(s => s.EvidenceUrl).HasMaxLength(500);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.HiddenReason).HasMaxLength(UnpublishReason.MaxLength);
        builder.HasIndex(s => new { s.ThreadId, s.CreatedAt });
        // One answer per thread: the same answer sent twice at once makes one (the page says so).
        builder.HasIndex(s => s.ThreadId).IsUnique().HasFilter("\"Kind\" = 1").HasDatabaseName("IX_RecommendationStatements_OneAnswer");
        builder.ToTable(t => t.HasCheckConstraint("CK_RecommendationStatements_TextLength", $"length(\"Text\") BETWEEN 1 AND {RecommendationStatement.TextLength}"));
    }
}
