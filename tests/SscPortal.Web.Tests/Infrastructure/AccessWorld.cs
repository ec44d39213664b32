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

/// <summary>The organisations of an <see cref="AccessWorld"/>.</summary>
public enum Organisation
{
    /// <summary>A civil-society organisation whose members and admin are <see cref="Role.CsoMember"/> and <see cref="Role.CsoAdmin"/>.</summary>
    CsoA,
    /// <summary>Another civil-society organisation, of nobody in the world: the target of cross-organisation attempts.</summary>
    CsoB,
    /// <summary>An official organisation whose member and admin are <see cref="Role.AgencyMember"/> and <see cref="Role.AgencyAdmin"/>.</summary>
    AgencyG,
    /// <summary>Another official organisation (a local government), of nobody in the world: the target of one agency's attempts on another's records.</summary>
    AgencyH,
}

/// <summary>
/// A small world for access tests: two civil-society organisations (A, and B for cross-organisation attempts),
/// one agency (G), one account per <see cref="Role"/> (members of A and G), each signed in with its own client.
/// Who is what is said once, here (<see cref="TypeOf"/>, <see cref="MembershipOf"/>, <see cref="PlatformRoleOf"/>), so that
/// the access matrix can derive what each role may do from the access table.
/// </summary>
public sealed partial class AccessWorld : IAsyncDisposable
{
    public const string Password = "access matrix password";

    public required PortalFactory Portal { get; init; }
    public required Actor CsoA { get; init; }
    public required Actor CsoB { get; init; }
    public required Actor AgencyG { get; init; }
    public required Actor AgencyH { get; init; }
    public required IReadOnlyDictionary<Role, string?> UserIds { get; init; }
    private readonly Dictionary<Role, (HttpClient Client, string Token)> _clients = [];

    public static ActorType TypeOf(Organisation organisation) => organisation switch
    {
        Organisation.CsoA => ActorType.NationalCso,
        Organisation.CsoB => ActorType.InternationalCso,
        Organisation.AgencyH => ActorType.LocalGovernment,
        _ => ActorType.Government,
    };

    /// <summary>The role's one active membership, if it has one.</summary>
    public static (Organisation Organisation, MembershipRole Role)? MembershipOf(Role role) => role switch
    {
        Role.CsoMember => (Organisation.CsoA, MembershipRole.Member),
        Role.CsoAdmin => (Organisation.CsoA, MembershipRole.OrganisationAdmin),
        Role.AgencyMember => (Organisation.AgencyG, MembershipRole.Member),
        Role.AgencyAdmin => (Organisation.AgencyG, MembershipRole.OrganisationAdmin),
        _ => null,
    };

    public static PlatformRole? PlatformRoleOf(Role role) => role switch
    {
        Role.Moderator => PlatformRole.Moderator,
        Role.Administrator => PlatformRole.Administrator,
        _ => null,
    };

    public Actor Of(Organisation organisation) => organisation switch
    {
        Organisation.CsoA => CsoA,
        Organisation.CsoB => CsoB,
        Organisation.AgencyH => AgencyH,
        _ => AgencyG,
    };

    public static async Task<AccessWorld> CreateAsync(PortalFactory portal)
    {
        var actors = new Dictionary<Organisation, Actor>();
        foreach (var organisation in Enum.GetValues<Organisation>())
            actors[organisation] = await portal.ActorAsync(TypeOf(organisation), TestData.Unique(organisation switch { Organisation.CsoA => "CSO A", Organisation.CsoB => "CSO B", Organisation.AgencyH => "Agency H", _ => "Agency G" }));
        var ids = new Dictionary<Role, string?> { [Role.Anonymous] = null };
        foreach (var role in Enum.GetValues<Role>().Where(r => r != Role.Anonymous))
        {
            var membership = MembershipOf(role);
            ids[role] = await portal.MemberAsync(membership is { } m ? actors[m.Organisation] : null, membership?.Role ?? MembershipRole.Member,
                MembershipStatus.Active, PlatformRoleOf(role)?.ToString());
        }
        return new AccessWorld { Portal = portal, CsoA = actors[Organisation.CsoA], CsoB = actors[Organisation.CsoB], AgencyG = actors[Organisation.AgencyG], AgencyH = actors[Organisation.AgencyH], UserIds = ids };
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

    /// <summary>
    /// Whether a response carried out what was asked. Allowed: the page or the data (2xx), a redirect anywhere but to sign in or
    /// to "access denied", a 409 or 422 (the request was let in and then answered on its merits). Refused: 401, 403, 404 (a page
    /// or an API problem), or a redirect to sign in or to "access denied". Anything else (400, 405, 5xx…) means the attempt
    /// was malformed or broke something, and fails the test instead of counting either way. An allowed answer under /api/ or
    /// /export/ must be the data, not an HTML page.
    /// </summary>
    public static bool IsAllowed(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        var request = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}";
        switch (code)
        {
            case >= 200 and < 300:
                var path = response.RequestMessage.RequestUri!.IsAbsoluteUri ? response.RequestMessage.RequestUri.AbsolutePath : response.RequestMessage.RequestUri.OriginalString;
                if (path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/export/", StringComparison.Ordinal))
                    Assert.True(response.Content.Headers.ContentType?.MediaType is { } type && !type.Contains("html", StringComparison.Ordinal),
                        $"{request} answered {code} with {response.Content.Headers.ContentType}, not data");
                return true;
            case >= 300 and < 400:
                var location = response.Headers.Location?.OriginalString ?? "";
                return !location.Contains("/account/login", StringComparison.OrdinalIgnoreCase) && !location.Contains("/account/access-denied", StringComparison.OrdinalIgnoreCase);
            case 409 or 422:
                return true;
            case 401 or 403 or 404:
                return false;
            default:
                Assert.Fail($"{request} answered {code}: neither allowed nor refused");
                return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (client, _) in _clients.Values) client.Dispose();
        await Task.CompletedTask;
    }
}

public static class MembershipTestData
{
    /// <summary>A browser signed in as the account (one made with <see cref="AccessWorld.Password"/>).</summary>
    public static async Task<HtmlClient> BrowserOfAsync(this PortalFactory portal, string userId, bool followRedirects = true)
    {
        var email = await portal.WithServicesAsync(async s => (await s.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(userId))!.Email!);
        var browser = portal.CreateBrowser(followRedirects);
        await browser.SignInAsync(email, AccessWorld.Password);
        return browser;
    }

    /// <summary>A form posted directly (as a crafted request would be, fields repeated at will), with a valid antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostCraftedAsync(this HtmlClient browser, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var home = await browser.GetOkAsync("/");
        var form = fields.Append(new("__RequestVerificationToken", AccessWorld.TokenIn(home.Document.DocumentElement.OuterHtml)));
        return await browser.Http.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(form));
    }

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
