using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SscPortal.Web.Data;

namespace SscPortal.Web.Accounts;

/// <summary>
/// The session check (ASP.NET Core Identity's security-stamp validator) made once per interval per account rather than on
/// every request of a client that keeps sending an old cookie. A browser stores the renewed cookie the check sends back and
/// is not checked again for <see cref="SecurityStampValidatorOptions.ValidationInterval"/>; a client that never stores it
/// (a script, a load generator) was checked on every request past the interval — reading the account, its roles and claims,
/// and signing a new cookie each time. Here, once an account's session with a given security stamp has been checked, other
/// requests carrying that stamp pass without a check until the interval has gone by again: a changed stamp (password changed
/// or reset) or changed roles still reach every session within the interval, as the setting promises.
/// </summary>
public sealed class SessionCheck(
    IOptions<SecurityStampValidatorOptions> options, SignInManager<ApplicationUser> signInManager, ILoggerFactory logger, SessionCheck.Checked recent)
    : SecurityStampValidator<ApplicationUser>(options, signInManager, logger)
{
    /// <summary>When each (account, security stamp) was last found valid on this instance.</summary>
    public sealed class Checked
    {
        private const int MaxEntries = 50_000;
        private readonly ConcurrentDictionary<(string User, string Stamp), DateTimeOffset> _at = new();

        public bool IsRecent(string user, string stamp, DateTimeOffset now, TimeSpan interval) =>
            _at.TryGetValue((user, stamp), out var at) && now - at < interval && now >= at;

        public void Remember(string user, string stamp, DateTimeOffset now, TimeSpan interval)
        {
            if (_at.Count >= MaxEntries)
                foreach (var entry in _at)
                    if (now - entry.Value >= interval) _at.TryRemove(entry.Key, out _);
            _at[(user, stamp)] = now;
        }
    }

    /// <summary>
    /// The cookie's principal check, wrapping Identity's: on an ordinary request (a cookie issued within the interval, or an
    /// account checked within it) nothing is resolved at all — neither this validator nor the SignInManager, UserManager and
    /// DbContext it needs — so a signed-in request costs the cookie's decryption and nothing more.
    /// </summary>
    public static Task ValidateIfDueAsync(CookieValidatePrincipalContext context, Func<CookieValidatePrincipalContext, Task> validate)
    {
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var interval = options.ValidationInterval;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        var issued = context.Properties.IssuedUtc;
        if (issued is not null && now - issued.Value <= interval) return Task.CompletedTask;
        var principal = context.Principal;
        var user = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal?.FindFirstValue(services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType);
        if (user is not null && stamp is not null && interval > TimeSpan.Zero && services.GetRequiredService<Checked>().IsRecent(user, stamp, now, interval))
            return Task.CompletedTask;
        return validate(context);
    }

    public override async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var interval = Options.ValidationInterval;
        var now = TimeProvider.GetUtcNow();
        var issued = context.Properties.IssuedUtc;
        var principal = context.Principal;
        var user = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal?.FindFirstValue(SignInManager.Options.ClaimsIdentity.SecurityStampClaimType);
        var due = issued is null || now - issued.Value > interval;
        if (due && user is not null && stamp is not null && interval > TimeSpan.Zero && recent.IsRecent(user, stamp, now, interval)) return;
        await base.ValidateAsync(context);
        // Still signed in after a check that was due: the stamp was valid just now.
        if (due && context.Principal is not null && user is not null && stamp is not null && interval > TimeSpan.Zero)
            recent.Remember(user, stamp, now, interval);
    }
}
