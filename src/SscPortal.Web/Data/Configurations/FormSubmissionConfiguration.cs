using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SscPortal.Web.Forms;

namespace SscPortal.Web.Data.Configurations;

public sealed class FormSubmissionConfiguration : IEntityTypeConfiguration<FormSubmission>
{
    public void Configure(EntityTypeBuilder<FormSubmission> builder)
    {
        // One use of a form's key per person: the database, not a prior check, decides which of two racing submissions counts.
        builder.HasKey(f => new { f.UserId, f.Key });
        builder.Property(f => f.UserId).HasMaxLength(450);
        builder.Property(f => f.Location).HasMaxLength(300);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
