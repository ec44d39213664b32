using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SscPortal.Web.Notifications;

namespace SscPortal.Web.Data.Configurations;

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.UserId).HasMaxLength(450);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(n => n.Delivery).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.Path).HasMaxLength(Notification.PathLength);
        builder.Property(n => n.Subject).HasMaxLength(Notification.SubjectLength);
        builder.Property(n => n.Detail).HasMaxLength(Notification.DetailLength);
        builder.Property(n => n.About).HasConversion<string>().HasMaxLength(30);
        builder.Property(n => n.Change).HasConversion<string>().HasMaxLength(30);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        // A person's list, newest first, and the bell's unread count.
        builder.HasIndex(n => new { n.UserId, n.Id });
        builder.HasIndex(n => new { n.UserId, n.ReadAt });
        // What the digest asks for: notifications still waiting for their day's mail.
        builder.HasIndex(n => new { n.Delivery, n.DigestedAt });
    }
}

public sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.ToTable("NotificationPreferences");
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(p => p.Delivery).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        // One choice per person and kind.
        builder.HasIndex(p => new { p.UserId, p.Kind }).IsUnique();
    }
}

public sealed class FollowConfiguration : IEntityTypeConfiguration<Follow>
{
    public void Configure(EntityTypeBuilder<Follow> builder)
    {
        builder.ToTable("Follows");
        builder.Property(f => f.UserId).HasMaxLength(450);
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Key).HasMaxLength(Follow.KeyLength);
        builder.Property(f => f.Label).HasMaxLength(Follow.LabelLength);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        // Following the same thing twice is one follow; who follows a thing is found by kind and key.
        builder.HasIndex(f => new { f.UserId, f.Kind, f.Key }).IsUnique();
        builder.HasIndex(f => new { f.Kind, f.Key });
    }
}

public sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder) => builder.Property(u => u.Language).HasMaxLength(10);
}
