using SscPortal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using SscPortal.Web.Data;

namespace SscPortal.Web.Accounts;

public static class AccountSetup
{
    /// <summary>Passwords: long rather than complicated (NIST SP 800-63B, OWASP ASVS 5.0 V6).</summary>
    public const int MinimumPasswordLength = 12;
    public const int MaximumPasswordLength = 256;

    /// <summary>PBKDF2-HMAC-SHA512 iterations; OWASP's floor for SHA-512 is 210,000.</summary>
    public const int PasswordHashIterations = 210_000;

    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan PasswordResetLinkLifetime = TimeSpan.FromHours(1);

    /// <summary>
    /// How often a signed-in browser's session is checked against the account (configuration "Accounts:SessionCheckSeconds"):
    /// a password change or reset, or anything else that renews the security stamp, ends other sessions within this time,
    /// and role changes reach them too.
    /// </summary>
    public static readonly TimeSpan DefaultSessionCheckInterval = TimeSpan.FromMinutes(1);

    public const string AuthCookieName = "__Host-ssc.auth";
    public const string AntiforgeryCookieName = "__Host-ssc.csrf";
    public const string TempDataCookieName = "__Host-ssc.tempdata";

    public static IServiceCollection AddPortalAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PasswordHasherOptions>(options =>
        {
            options.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            options.IterationCount = PasswordHashIterations;
        });

        services.AddIdentity<ApplicationUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = MinimumPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                options.User.RequireUniqueEmail = true;
                // The user name is the e-mail address: allow every character an address may hold (o'brien@, josé@).
                options.User.AllowedUserNameCharacters = "";
                options.SignIn.RequireConfirmedEmail = true;
                options.SignIn.RequireConfirmedAccount = true;
                options.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.ProviderName;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<PasswordResetTokenProvider>(PasswordResetTokenProvider.ProviderName)
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();

        // Cookies (OWASP ASVS 5.0 V3.3): "__Host-" names, so the browser keeps them only if they are Secure, for the whole site
        // and for this host alone (no Domain); never readable by script; not sent on cross-site subrequests.
        // Over plain HTTP (`dotnet run` on http://localhost) a browser refuses "__Host-" cookies; there Accounts:SecureCookies
        // is false and the same cookies go without the prefix. Everywhere else the portal is served over HTTPS.
        var secure = configuration.GetValue("Accounts:SecureCookies", true);
        string Named(string name) => secure ? name : name["__Host-".Length..];
        var securePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.AddSingleton(new CookieSettings(secure));

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.Name = Named(AuthCookieName);
            options.Cookie.Path = "/";
            options.Cookie.SecurePolicy = securePolicy;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            // The session check only when it is due (Accounts/SessionCheck.cs): an ordinary signed-in request resolves nothing for it.
            var validate = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = context => SessionCheck.ValidateIfDueAsync(context, validate);
            // A page refused by its declared policy (e.g. /admin for a member) is recorded like any refused attempt.
            options.Events.OnRedirectToAccessDenied = async context =>
            {
                await context.HttpContext.RequestServices.GetRequiredService<Security.AuditLog>()
                    .RecordRefusalAsync(AuditTargets.Page, context.Request.Path + context.Request.QueryString);
                context.Response.Redirect(context.RedirectUri);
            };
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = Named(AntiforgeryCookieName);
            options.Cookie.Path = "/";
            // Secure on every HTTPS request. Not "Always": with it Antiforgery throws on any plain-HTTP request that renders a form
            // (the sign-in form; every page of a signed-in person, whose header has a sign-out form), a 500 instead of a page. Over plain HTTP a browser refuses
            // a "__Host-" cookie that is not Secure anyway, so forms can be posted only over HTTPS either way.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.HttpOnly = true;
            // SameSite stays Strict, Antiforgery's default: the token is only needed by forms posted from the portal itself.
        });
        services.Configure<CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = Named(TempDataCookieName);
            options.Cookie.Path = "/";
            options.Cookie.SecurePolicy = securePolicy;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
        });
        services.AddSingleton<ITempDataProvider, QuietTempDataProvider>();
        services.AddScoped<OrganisationInvitations>();

        // Each signed-in request past this interval re-reads the account: a changed security stamp (password changed or reset)
        // signs the browser out, and otherwise the session's claims (roles) are rebuilt from the database.
        var sessionCheck = configuration.GetValue<double?>("Accounts:SessionCheckSeconds") is { } seconds
            ? TimeSpan.FromSeconds(seconds)
            : DefaultSessionCheckInterval;
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = sessionCheck);
        // Checked once per interval per account, even for a client that never stores the renewed cookie (Accounts/SessionCheck.cs).
        services.AddSingleton<SessionCheck.Checked>();
        services.AddScoped<ISecurityStampValidator, SessionCheck>();

        services.Configure<ConfirmationLinkOptions>(configuration.GetSection("Accounts"));
        return services;
    }
}
