using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SscPortal.Web.OpenData;
using Microsoft.AspNetCore.Mvc.Filters;

namespace SscPortal.Web.Security;

/// <summary>
/// Refuses, with a plain 400, requests whose address or form carries a NUL character: no one types one, PostgreSQL cannot
/// store one in text, and letting it through turned a search or a filter into a database error. The address is checked by
/// a middleware for every endpoint (pages and the JSON API); forms by a filter for every page, after the page's own form
/// and size limits apply and before anything is bound or saved. Files are not looked into here: the spreadsheet
/// import says which cell holds such a character.
/// </summary>
public static class NulCharacterGuard
{
    public static bool HasNul(string? value) => value?.Contains('\0', StringComparison.Ordinal) == true;

    /// <summary>
    /// 400 for a query parameter name or value with a NUL character, before any page or endpoint sees it. (A NUL in the
    /// path never gets this far: the server refuses it while reading the request line.)
    /// </summary>
    public static IApplicationBuilder UseNulCharacterGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var refused = request.Query.Where(p => HasNul(p.Key) || p.Value.Any(HasNul)).Select(p => p.Key).ToList();
        if (refused.Count == 0)
        {
            await next(context);
            return;
        }
        if (ApiProblems.IsApi(request))
        {
            // The API names each parameter at fault, as for any other value it cannot take (OpenData/ApiProblems.cs).
            var L = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            var message = L["This value contains an invisible control character (NUL), which is never accepted."].Value;
            var errors = refused.Distinct().ToDictionary(name => name, _ => new[] { message });
            await ApiProblems.BadRequest(request, errors, L).ExecuteAsync(context);
            return;
        }
        // Pages get the 400 status page, which says the request could not be understood.
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
    });

    /// <summary>400 for a posted form with a NUL character in a field's name or value (pages only; the JSON API takes no forms).</summary>
    public sealed class FormFilter : IAsyncResourceFilter
    {
        public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
        {
            var request = context.HttpContext.Request;
            // The status and error pages re-run for a request that already failed (perhaps here): they only describe it.
            var reExecuted = context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
                             || context.HttpContext.Features.Get<IExceptionHandlerFeature>() is not null;
            if (!reExecuted && request.HasFormContentType)
            {
                IFormCollection form;
                try
                {
                    form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
                }
                catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
                {
                    // An unreadable form is answered where it is bound, as before; the same error is given again there.
                    await next();
                    return;
                }
                if (form.Any(f => HasNul(f.Key) || f.Value.Any(HasNul)))
                {
                    context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
                    return;
                }
            }
            await next();
        }
    }
}
