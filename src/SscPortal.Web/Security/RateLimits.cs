using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace SscPortal.Web.Security;

/// <summary>
/// Slows down password guessing and account spam: each client address may submit the account forms
/// (sign-in, registration, password reset) a few times a minute; past that the portal answers 429.
/// </summary>
public static class RateLimits
{
    public const string AccountForms = "account-forms";

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("RateLimits:AccountFormsPerMinute", 10);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(AccountForms, context =>
                // Reading the forms is free; only submitting them counts.
                HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("read")
                    : RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }
}
