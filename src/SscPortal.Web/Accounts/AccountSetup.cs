using Microsoft.AspNetCore.Identity;
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
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.Name = "ssc.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });
        services.AddAntiforgery(options => options.Cookie.Name = "ssc.csrf");

        services.Configure<ConfirmationLinkOptions>(configuration.GetSection("Accounts"));
        services.AddScoped<ConfirmationLinkSender>();
        return services;
    }
}
