using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Tests.Infrastructure;

/// <summary>Every kind of user the access table speaks of.</summary>
public enum Role
{
    Anonymous,
    NoOrganisation,
    CsoMember,
    CsoAdmin,
    AgencyMember,
    AgencyAdmin,
    Moderator,
    Administrator,
}

/// <summary>
/// A small world for access tests: two civil-society organisations (A, and B for cross-organisation attempts),
/// one agency (G), one account per <see cref="Role"/> (members of A and G), each signed in with its own client.
/// </summary>
public sealed partial class AccessWorld : IAsyncDisposable
{
    public const string Password = "access matrix password";

    public required PortalFactory Portal { get; init; }
    public required Actor CsoA { get; init; }
    public required Actor CsoB { get; init; }
    public required Actor AgencyG { get; init; }
    public required IReadOnlyDictionary<Role, string?> UserIds { get; init; }
    private readonly Dictionary<Role, (HttpClient Client, string Token)> _clients = [];

    public static async Task<AccessWorld> CreateAsync(PortalFactory portal)
    {
        var csoA = await portal.ActorAsync(ActorType.NationalCso, TestData.Unique("CSO A"));
        var csoB = await portal.ActorAsync(ActorType.InternationalCso, TestData.Unique("CSO B"));
        var agencyG = await portal.ActorAsync(ActorType.Government, TestData.Unique("Agency G"));
        var ids = new Dictionary<Role, string?> { [Role.Anonymous] = null };
        foreach (var role in Enum.GetValues<Role>().Where(r => r != Role.Anonymous))
        {
            var (actor, membership, platform) = role switch
            {
                Role.CsoMember => (csoA, MembershipRole.Member, null),
                Role.CsoAdmin => (csoA, MembershipRole.OrganisationAdmin, null),
                Role.AgencyMember => (agencyG, MembershipRole.Member, null),
                Role.AgencyAdmin => (agencyG, MembershipRole.OrganisationAdmin, null),
                Role.Moderator => (null, MembershipRole.Member, PlatformRoles.Moderator),
                Role.Administrator => (null, MembershipRole.Member, PlatformRoles.Administrator),
                _ => ((Actor?)null, MembershipRole.Member, (string?)null),
            };
            ids[role] = await portal.MemberAsync(actor, membership, MembershipStatus.Active, platform);
        }
        return new AccessWorld { Portal = portal, CsoA = csoA, CsoB = csoB, AgencyG = agencyG, UserIds = ids };
    }

    /// <summary>A client signed in as the role (cookies kept, redirects not followed) and an antiforgery token for its forms.</summary>
    public async Task<(HttpClient Client, string Token)> ClientAsync(Role role)
    {
        if (_clients.TryGetValue(role, out var existing)) return existing;
        var client = Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        if (role != Role.Anonymous)
        {
            var email = await Portal.WithServicesAsync(async s => (await s.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(UserIds[role]!))!.Email!);
            var login = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative));
            var signedIn = await client.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email, ["Input.Password"] = Password, ["__RequestVerificationToken"] = TokenIn(login),
            }));
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }
        // A page with a form gives the antiforgery token: sign-out in the header when signed in, the sign-in form when not.
        var withForm = await client.GetStringAsync(new Uri(role == Role.Anonymous ? "/account/login" : "/", UriKind.Relative));
        _clients[role] = (client, TokenIn(withForm));
        return _clients[role];
    }

    /// <summary>A browser (following redirects, keeping cookies) signed in as the role through the sign-in page.</summary>
    public async Task<HtmlClient> BrowserAsync(Role role)
    {
        var email = await Portal.WithServicesAsync(async s => (await s.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(UserIds[role]!))!.Email!);
        var browser = Portal.CreateBrowser();
        Assert.True((await browser.SignInAsync(email, Password)).IsSignedIn);
        return browser;
    }

    /// <summary>Drops a role's client (after it signed out), so the next attempt signs in again.</summary>
    public Task ForgetClientAsync(Role role)
    {
        if (_clients.Remove(role, out var gone)) gone.Client.Dispose();
        return Task.CompletedTask;
    }

    public static string TokenIn(string html) => TokenPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>A response counts as allowed when it shows the page or carries out the action; refused when it is 403, 404 or a redirect to sign in or to "access denied".</summary>
    public static bool IsAllowed(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        Assert.True(code < 500 && response.StatusCode != HttpStatusCode.BadRequest, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri} answered {code}");
        if (code is >= 200 and < 300) return true;
        if (code is >= 300 and < 400)
        {
            var location = response.Headers.Location?.OriginalString ?? "";
            return !location.Contains("/account/login", StringComparison.OrdinalIgnoreCase) && !location.Contains("/account/access-denied", StringComparison.OrdinalIgnoreCase);
        }
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (client, _) in _clients.Values) client.Dispose();
        await Task.CompletedTask;
    }
}

public static class MembershipTestData
{
    /// <summary>A confirmed account with <see cref="AccessWorld.Password"/>, optionally a member of an organisation and holder of a platform role.</summary>
    public static async Task<string> MemberAsync(this PortalFactory portal, Actor? organisation, MembershipRole role, MembershipStatus status, string? platformRole = null)
    {
        var email = await portal.UserAsync(AccessWorld.Password);
        return await portal.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            if (platformRole is not null) Assert.True((await users.AddToRoleAsync(user, platformRole)).Succeeded);
            if (organisation is not null)
            {
                var db = services.GetRequiredService<AppDbContext>();
                db.Memberships.Add(new OrganisationMembership { UserId = user.Id, ActorId = organisation.Id, Role = role, Status = status, CreatedAt = DateTime.UtcNow });
                await db.SaveChangesAsync();
            }
            return user.Id;
        });
    }
}
