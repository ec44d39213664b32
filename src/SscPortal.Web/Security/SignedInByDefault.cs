using Microsoft.AspNetCore.Authorization;

namespace SscPortal.Web.Security;

/// <summary>
/// The fallback policy: an endpoint (page, handler or minimal API) that does not say who may use it ([AllowAnonymous],
/// [Authorize], AllowAnonymous(), RequireAuthorization()) needs a signed-in user, so a new MapPost is never anonymous by
/// accident. The authorization middleware applies the fallback also to requests no endpoint answers; those pass, so that an
/// unknown address stays the ordinary 404 page (not a sign-in prompt), and the error and status pages re-executed for
/// them answer as they would anyway.
/// It replaces the former AuthorizeFolder("/") convention, which covered pages only and gave every page an [Authorize] of its
/// own, so that AccessDeclarationTests could not tell a page that says who may use it from one that says nothing.
/// </summary>
public static class SignedInByDefault
{
    public static AuthorizationBuilder SetSignedInFallbackPolicy(this AuthorizationBuilder authorization) =>
        authorization.SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new Requirement()).Build());

    /// <summary>A signed-in user, or a request that reached none of the portal's endpoints.</summary>
    public sealed class Requirement : AuthorizationHandler<Requirement>, IAuthorizationRequirement
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
        {
            // The middleware passes the request itself as the resource. Routing answers a known address asked with the wrong
            // method (a POST to a GET-only API) with an endpoint of its own that is not a route of the portal: that is the
            // 405 it would be for anyone, not something to sign in for.
            var noEndpoint = context.Resource is HttpContext http && http.GetEndpoint() is not RouteEndpoint;
            if (noEndpoint || context.User.Identity?.IsAuthenticated == true) context.Succeed(requirement);
            return Task.CompletedTask;
        }
    }
}
