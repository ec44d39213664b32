using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SscPortal.Domain;

namespace SscPortal.Web.Data.Configurations;

/// <summary>Drafts offered for comment, the parties they were offered to, and the parties' comments (issue 16).</summary>
public sealed class CommentWindowConfiguration :
    IEntityTypeConfiguration<CommentWindow>, IEntityTypeConfiguration<CommentWindowParty>, IEntityTypeConfiguration<AssessmentComment>
{
    public void Configure(EntityTypeBuilder<CommentWindow> builder)
    {
        builder.HasOne(w => w.Assessment).WithMany().HasForeignKey(w => w.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(w => w.OfferedBy).HasMaxLength(450);
        builder.HasMany(w => w.Parties).WithOne().HasForeignKey(p => p.CommentWindowId).OnDelete(DeleteBehavior.Cascade);
        // A draft is offered once: two admins offering it at the same moment make one window (the page says so).
        builder.HasIndex(w => w.AssessmentId).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("CK_CommentWindows_ClosesAfterOpening", "\"ClosesAt\" > \"OpenedAt\""));
    }

    public void Configure(EntityTypeBuilder<CommentWindowParty> builder)
    {
        // Each party once per window.
        builder.ToTable("CommentWindowParties");
        builder.HasKey(p => new { p.CommentWindowId, p.PartyId });
        builder.HasOne(p => p.Party).WithMany().HasForeignKey(p => p.PartyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.PartyId);
    }

    public void Configure(EntityTypeBuilder<AssessmentComment> builder)
    {
        builder.HasOne(c => c.Assessment).WithMany().HasForeignKey(c => c.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Organisation).WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Text).HasMaxLength(AssessmentComment.TextLength);
        builder.Property(c => c.IndicatorCode).HasMaxLength(20);
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.Property(c => c.HiddenReason).HasMaxLength(UnpublishReason.MaxLength);
        builder.HasIndex(c => new { c.AssessmentId, c.CreatedAt });
        builder.ToTable(t => t.HasCheckConstraint("CK_AssessmentComments_TextLength", $"length(\"Text\") BETWEEN 1 AND {AssessmentComment.TextLength}"));
    }
}
