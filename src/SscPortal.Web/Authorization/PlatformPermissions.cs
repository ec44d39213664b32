using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SscPortal.Web.Data;
using SscPortal.Domain;
using SscPortal.Web.Security;

namespace SscPortal.Web.Authorization;

/// <summary>
/// The platform's own operations (verify organisations, read the audit log, manage users, publish frameworks): one
/// policy per row of the access table, granted to the platform roles whose column says so. Pages declare
/// <c>[Authorize(Policy = PlatformPermissions.ReadAuditLog)]</c>; changing the table changes who gets in.
/// </summary>
public static class PlatformPermissions
{
    public const string VerifyOrganisations = Prefix + nameof(Permission.VerifyOrganisations);
    public const string CreateOrganisations = Prefix + nameof(Permission.CreateOrganisations);
    public const string ReadAuditLog = Prefix + nameof(Permission.ReadAuditLog);
    public const string ManageUsers = Prefix + nameof(Permission.ManageUsers);
    public const string ManageMail = Prefix + nameof(Permission.ManageMail);
    public const string PublishFrameworks = Prefix + nameof(Permission.PublishFrameworks);

    private const string Prefix = "Permission:";

    public static string PolicyFor(Permission permission) => Prefix + permission;

    /// <summary>Whether one of the person's platform roles grants the permission (what the policies check, for menus too).</summary>
    public static bool Holds(ClaimsPrincipal user, Permission permission) =>
        Enum.GetValues<PlatformRole>().Any(role => user.IsInRole(PlatformRoles.Name(role)) && AccessTable.Grants(role, permission));

    /// <summary>Registers a policy for every permission of the table, and the handlers of every kind of record.</summary>
    public static AuthorizationBuilder AddPortalRights(this AuthorizationBuilder builder)
    {
        foreach (var permission in Enum.GetValues<Permission>())
            builder.AddPolicy(PolicyFor(permission), policy => policy.RequireAuthenticatedUser().AddRequirements(new PlatformPermissionRequirement(permission)));
        builder.Services.AddScoped<IAuthorizationHandler, PlatformPermissionHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, InitiativeRightsHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, PartnershipRightsHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, AssessmentRightsHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, ResponseRightsHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, CommentRightsHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, RecommendationRightsHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, OrganisationRightsHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, EvidenceRightsHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, ListingRightsHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, InterestRightsHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, ConversationRightsHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, CallRightsHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, ApplicationRightsHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, PartnerRightsHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, ReviewerRightsHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, GoodPracticeRightsHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, EventRightsHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, CoOrganiserRightsHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, RegistrationRightsHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, ImportRightsHandler>();
        builder.Services.AddScoped<ReviewAssignments>();
        builder.Services.AddScoped<Rights>();
        return builder;
    }
}

/// <summary>A permission held through a platform role.</summary>
public sealed record PlatformPermissionRequirement(Permission Permission) : IAuthorizationRequirement;

public sealed class PlatformPermissionHandler : AuthorizationHandler<PlatformPermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PlatformPermissionRequirement requirement)
    {
        if (PlatformPermissions.Holds(context.User, requirement.Permission)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
