using Microsoft.AspNetCore.Identity;

namespace SscPortal.Web.Data;

/// <summary>A person with an account. Never shown to the public: organisations speak, not individuals.</summary>
public class ApplicationUser : IdentityUser
{
    public string? DisplayName { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>Platform-wide roles; organisation roles live on <see cref="SscPortal.Domain.OrganisationMembership"/>.</summary>
public static class PlatformRoles
{
    public const string Administrator = "Administrator";
    public const string Moderator = "Moderator";

    public static readonly string[] All = [Administrator, Moderator];
}
