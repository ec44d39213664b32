using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.RateLimiting;

namespace SscPortal.Web.Security;

/// <summary>
/// Slows down password guessing and account spam. The account forms (sign-in, registration, password reset) may be
/// submitted a few times a minute from each client address, and a few times a minute for each account whatever the
/// address (so that many addresses, or forged X-Forwarded-For headers, do not multiply the guesses on one account);
/// past either limit the portal answers 429. The client address is the connection's, or the one a trusted proxy
/// forwards (TrustedProxies.cs).
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
        services.AddSingleton(new AccountAttempts(permits));
        services.Configure<MvcOptions>(options => options.Filters.Add<AccountAttemptsFilter>());
        return services;
    }
}

/// <summary>Submissions of the account forms per account (the posted e-mail address, or the account a reset link names), per minute.</summary>
public sealed class AccountAttempts(int permitsPerMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    /// <summary>Counts one submission for the account; false when it has had its share this minute.</summary>
    public bool TryTake(string account)
    {
        using var lease = _limiter.AttemptAcquire(Normalise(account));
        return lease.IsAcquired;
    }

    /// <summary>The same account however the address is typed: spaces around it and capitals do not make another.</summary>
    public static string Normalise(string account) => account.Trim().ToUpperInvariant();

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// Applies <see cref="AccountAttempts"/> to the submissions of every page with the account-forms rate limit, once its
/// form is read and its antiforgery token checked.
/// </summary>
public sealed class AccountAttemptsFilter(AccountAttempts attempts) : IAsyncPageFilter
{
    private static readonly string[] AccountFields = ["Input.Email", "Input.UserId"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && context.ActionDescriptor.EndpointMetadata.OfType<EnableRateLimitingAttribute>().Any(a => a.PolicyName == RateLimits.AccountForms)
            && request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
            var account = AccountFields.Select(field => form[field].ToString()).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
            if (account is not null && !attempts.TryTake(account))
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.Result = new StatusCodeResult(StatusCodes.Status429TooManyRequests);
                return;
            }
        }
        await next();
    }
}
