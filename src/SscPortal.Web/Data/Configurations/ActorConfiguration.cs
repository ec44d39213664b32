using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SscPortal.Domain;

namespace SscPortal.Web.Data.Configurations;

public sealed class ActorConfiguration : IEntityTypeConfiguration<Actor>
{
    public void Configure(EntityTypeBuilder<Actor> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.Acronym).HasMaxLength(30);
        builder.Property(a => a.CountryCode).HasMaxLength(2).IsFixedLength();
        builder.Property(a => a.Scope).HasMaxLength(100);
        builder.Property(a => a.Website).HasMaxLength(300);
        builder.Property(a => a.IatiIdentifier).HasMaxLength(100);
        // An IATI organisation identifier names one organisation: two saves at once cannot both record the same one.
        builder.HasIndex(a => a.IatiIdentifier).IsUnique();
        builder.Property(a => a.Description).HasMaxLength(4000);
        builder.Ignore(a => a.DisplayName);
        builder.HasOne(a => a.Country).WithMany().HasForeignKey(a => a.CountryCode).OnDelete(DeleteBehavior.Restrict);
        // The directory is read in name order with keyset paging.
        builder.HasIndex(a => new { a.Name, a.Id });
        // Verifying is a change of state: the update says "where it is not verified yet", so of two moderators verifying at once one does it.
        builder.Property(a => a.IsVerified).IsConcurrencyToken();
    }
}

public sealed class OrganisationMembershipConfiguration : IEntityTypeConfiguration<OrganisationMembership>
{
    public void Configure(EntityTypeBuilder<OrganisationMembership> builder)
    {
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Actor).WithMany(a => a.Memberships).HasForeignKey(m => m.ActorId).OnDelete(DeleteBehavior.Cascade);
        // One membership (or claim) per person and organisation.
        builder.HasIndex(m => new { m.UserId, m.ActorId }).IsUnique();
        // Approving, rejecting, changing a role and removing happen only from the state the deciding person saw:
        // of two decisions taken at once on the same claim, one is made and the other is told it was already decided.
        builder.Property(m => m.Status).IsConcurrencyToken();
        builder.Property(m => m.Role).IsConcurrencyToken();
    }
}
