using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SscPortal.Web.Mail;

namespace SscPortal.Web.Data.Configurations;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.Property(m => m.To).HasMaxLength(OutboxMessage.AddressLength);
        builder.Property(m => m.Subject).HasMaxLength(OutboxMessage.SubjectLength);
        builder.Property(m => m.Language).HasMaxLength(10);
        builder.Property(m => m.Kind).HasMaxLength(50);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.Property(m => m.ClaimedBy).HasMaxLength(200);
        builder.Property(m => m.UnsubscribeUrl).HasMaxLength(2000);
        builder.Property(m => m.AttachmentName).HasMaxLength(200);
        builder.Property(m => m.AttachmentType).HasMaxLength(100);
        builder.Property(m => m.Attachment).HasMaxLength(200_000);
        // What the sender asks each round: the pending messages that are due.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => m.ClaimedBy);
    }
}
