using SscPortal.Domain;
using Microsoft.AspNetCore.Identity;

namespace SscPortal.Web.Data;

/// <summary>A person with an account. Never shown to the public: organisations speak, not individuals.</summary>
public class ApplicationUser : IdentityUser
{
    public string? DisplayName { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The interface language the person chose (en, es, pt, fr): the language of the mail they receive.</summary>
    public string Language { get; set; } = "en";
}

/// <summary>Platform-wide roles; organisation roles live on <see cref="SscPortal.Domain.OrganisationMembership"/>.</summary>
/// <summary>The names of the platform roles (<see cref="PlatformRole"/>) as accounts hold them.</summary>
public static class PlatformRoles
{
    public const string Administrator = nameof(PlatformRole.Administrator);
    public const string Moderator = nameof(PlatformRole.Moderator);

    public static readonly string[] All = Enum.GetNames<PlatformRole>();

    public static string Name(PlatformRole role) => role.ToString();
}
