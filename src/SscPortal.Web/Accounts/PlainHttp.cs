using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace SscPortal.Web.Accounts;

/// <summary>Whether the portal's cookies are "__Host-" Secure cookies (configuration "Accounts:SecureCookies", on unless turned off).</summary>
public sealed record CookieSettings(bool Secure)
{
    /// <summary>
    /// A request over plain HTTP while the cookies are Secure: the browser drops them, so no form (sign-in, registration)
    /// can be posted and signing in fails with "the request could not be understood". The page says so instead.
    /// </summary>
    public bool BreakSignInOver(HttpRequest request) => Secure && !request.IsHttps;
}

/// <summary>Tells the person who starts the portal, in the log, that it cannot work over plain HTTP with Secure cookies.</summary>
public static class PlainHttp
{
    /// <summary>
    /// The warning to log when every address the server listens on is plain HTTP, the cookies are Secure and no
    /// TLS-terminating proxy is declared (ASPNETCORE_FORWARDEDHEADERS_ENABLED); null when sign-in can work.
    /// </summary>
    public static string? StartupProblem(IReadOnlyCollection<string> addresses, bool secureCookies, bool forwardedHeaders) =>
        secureCookies && !forwardedHeaders && addresses.Count > 0 && addresses.All(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ? "The portal listens only on plain HTTP ({Addresses}) while Accounts:SecureCookies is on: browsers drop its \"__Host-\" Secure cookies, " +
              "so nobody can sign in or register (\"The request could not be understood\"). Serve it over HTTPS (or behind a TLS-terminating proxy " +
              "with ASPNETCORE_FORWARDEDHEADERS_ENABLED=true), or set Accounts__SecureCookies=false for a trial on plain HTTP."
            : null;

    /// <summary>Once the server has started and knows its addresses, logs <see cref="StartupProblem"/> as a warning.</summary>
    public static void WarnWhenSignInNeedsHttps(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var problem = StartupProblem(addresses.ToList(), app.Services.GetRequiredService<CookieSettings>().Secure,
                app.Configuration.GetValue<bool>("FORWARDEDHEADERS_ENABLED"));
            if (problem is not null)
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SscPortal.Web.Accounts.PlainHttp")
#pragma warning disable CA2254 // The message is one of this class's own constants, with its placeholder.
                    .LogWarning(problem, string.Join(", ", addresses));
#pragma warning restore CA2254
        });
    }
}
