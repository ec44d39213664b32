using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SscPortal.Domain;

namespace SscPortal.Web.Data.Configurations;

public sealed class ListingConfiguration : IEntityTypeConfiguration<Listing>
{
    public void Configure(EntityTypeBuilder<Listing> builder)
    {
        builder.Property(l => l.Title).HasMaxLength(Listing.TitleLength);
        builder.Property(l => l.Description).HasMaxLength(Listing.DescriptionLength);
        builder.Property(l => l.Language).HasMaxLength(2);
        builder.Property(l => l.ContributionInKind).HasMaxLength(Listing.InKindLength);
        builder.Property(l => l.ContributionAmount).HasPrecision(18, 2);
        builder.Property(l => l.ContributionCurrency).HasMaxLength(3);
        builder.Property(l => l.Contact).HasMaxLength(Listing.ContactLength);
        builder.Property(l => l.UnpublishedReason).HasMaxLength(UnpublishReason.MaxLength);
        builder.Property(l => l.SearchTitle).HasMaxLength(2000);
        builder.Property(l => l.SearchBody).HasMaxLength(60000);
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Listings_Kind", "\"Kind\" IN (1, 2, 3)");
            t.HasCheckConstraint("CK_Listings_Form", "\"Form\" BETWEEN 1 AND 8");
            t.HasCheckConstraint("CK_Listings_Duration", "\"DurationMonths\" IS NULL OR \"DurationMonths\" BETWEEN 1 AND 120");
            t.HasCheckConstraint("CK_Listings_Money", "(\"ContributionAmount\" IS NULL) = (\"ContributionCurrency\" IS NULL)");
        });
        builder.HasOne(l => l.Owner).WithMany().HasForeignKey(l => l.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(l => l.Countries).WithOne().HasForeignKey(c => c.ListingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(l => l.Regions).WithOne().HasForeignKey(r => r.ListingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(l => l.Sectors).WithOne().HasForeignKey(s => s.ListingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(l => l.Sdgs).WithOne().HasForeignKey(s => s.ListingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(l => l.Translations).WithOne().HasForeignKey(t => t.ListingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(l => l.Initiatives).WithOne().HasForeignKey(i => i.ListingId).OnDelete(DeleteBehavior.Cascade);
        // The exchange reads published offers and needs newest first, paging by (PublishedAt, Id); "open now" by OpenUntil.
        builder.HasIndex(l => new { l.Publication, l.PublishedAt, l.Id });
        builder.HasIndex(l => new { l.Publication, l.Kind, l.OpenUntil });
        builder.HasIndex(l => l.OwnerId);
    }
}

public sealed class ListingCountryConfiguration : IEntityTypeConfiguration<ListingCountry>
{
    public void Configure(EntityTypeBuilder<ListingCountry> builder)
    {
        builder.HasKey(c => new { c.ListingId, c.CountryCode });
        builder.Property(c => c.CountryCode).HasMaxLength(2).IsFixedLength();
        builder.HasOne<Country>().WithMany().HasForeignKey(c => c.CountryCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.CountryCode);
    }
}

public sealed class ListingRegionConfiguration : IEntityTypeConfiguration<ListingRegion>
{
    public void Configure(EntityTypeBuilder<ListingRegion> builder)
    {
        builder.HasKey(r => new { r.ListingId, r.RegionCode });
        builder.Property(r => r.RegionCode).HasMaxLength(30);
        builder.HasIndex(r => r.RegionCode);
    }
}

public sealed class ListingSectorConfiguration : IEntityTypeConfiguration<ListingSector>
{
    public void Configure(EntityTypeBuilder<ListingSector> builder)
    {
        builder.HasKey(s => new { s.ListingId, s.SectorCode });
        builder.HasOne<Sector>().WithMany().HasForeignKey(s => s.SectorCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.SectorCode);
    }
}

public sealed class ListingSdgConfiguration : IEntityTypeConfiguration<ListingSdg>
{
    public void Configure(EntityTypeBuilder<ListingSdg> builder)
    {
        builder.HasKey(s => new { s.ListingId, s.GoalCode });
        builder.HasOne<SdgGoal>().WithMany().HasForeignKey(s => s.GoalCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.GoalCode);
    }
}

public sealed class ListingTranslationConfiguration : IEntityTypeConfiguration<ListingTranslation>
{
    public void Configure(EntityTypeBuilder<ListingTranslation> builder)
    {
        builder.HasKey(t => new { t.ListingId, t.Language });
        builder.Property(t => t.Language).HasMaxLength(2);
        builder.Property(t => t.Title).HasMaxLength(Listing.TitleLength);
        builder.Property(t => t.Description).HasMaxLength(Listing.DescriptionLength);
    }
}

public sealed class ListingInitiativeConfiguration : IEntityTypeConfiguration<ListingInitiative>
{
    public void Configure(EntityTypeBuilder<ListingInitiative> builder)
    {
        builder.HasKey(i => new { i.ListingId, i.InitiativeId });
        builder.HasOne(i => i.Initiative).WithMany().HasForeignKey(i => i.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => i.InitiativeId);
    }
}

public sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.Property(c => c.DeclineReason).HasMaxLength(Conversation.ReasonLength);
        builder.Property(c => c.ReportReason).HasMaxLength(Conversation.ReasonLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne(c => c.Listing).WithMany().HasForeignKey(c => c.ListingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.CounterpartListing).WithMany().HasForeignKey(c => c.CounterpartListingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Actor>().WithMany().HasForeignKey(c => c.ListingOwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Interested).WithMany().HasForeignKey(c => c.InterestedId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Initiative>().WithMany().HasForeignKey(c => c.InitiativeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(c => c.Messages).WithOne().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        // One conversation per offer or need and interested organisation: "We are interested" pressed twice starts one.
        builder.HasIndex(c => new { c.ListingId, c.InterestedId }).IsUnique();
        // An initiative is started from one conversation at most.
        builder.HasIndex(c => c.InitiativeId).IsUnique().HasFilter("\"InitiativeId\" IS NOT NULL");
        builder.HasIndex(c => c.ListingOwnerId);
        builder.HasIndex(c => c.InterestedId);
        builder.HasIndex(c => c.CounterpartListingId);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Conversations_TwoSides", "\"ListingOwnerId\" <> \"InterestedId\"");
            t.HasCheckConstraint("CK_Conversations_State", "\"State\" IN (1, 2, 3, 4)");
            t.HasCheckConstraint("CK_Conversations_Closed", "(\"State\" = 1) = (\"ClosedAt\" IS NULL)");
            t.HasCheckConstraint("CK_Conversations_Reason", "\"DeclineReason\" IS NULL OR \"State\" = 3");
            t.HasCheckConstraint("CK_Conversations_Initiative", "\"InitiativeId\" IS NULL OR \"State\" = 2");
        });
    }
}

public sealed class ConversationMessageConfiguration : IEntityTypeConfiguration<ConversationMessage>
{
    public void Configure(EntityTypeBuilder<ConversationMessage> builder)
    {
        builder.Property(m => m.Text).HasMaxLength(Conversation.MessageLength);
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.HasOne<Actor>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.ConversationId, m.SentAt, m.Id });
        // How many messages a person sent lately (the rate limit) is one index range.
        builder.HasIndex(m => new { m.UserId, m.SentAt });
        builder.ToTable(t => t.HasCheckConstraint("CK_ConversationMessages_Text", "length(\"Text\") > 0"));
    }
}
