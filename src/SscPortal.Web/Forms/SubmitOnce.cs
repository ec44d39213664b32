using SscPortal.Web.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Data;
using SscPortal.Web.Security;

namespace SscPortal.Web.Forms;

/// <summary>
/// A form that creates something was sent with this key by this person, and what it created is at this address.
/// The key is unique per person, so a form sent twice (a double click, the browser's "resend", a repeated request)
/// cannot create two records: the database refuses the second key, whatever the timing.
/// </summary>
public class FormSubmission
{
    public required string UserId { get; set; }
    public Guid Key { get; set; }
    /// <summary>The local address the first submission went to: the record it created, or the page that lists it.</summary>
    public required string Location { get; set; }
    public DateTime At { get; set; }
}

/// <summary>
/// Makes a form that creates something create it once, however often it is sent. The form carries a key made when it
/// was rendered (<c>&lt;form submit-once&gt;</c>, <see cref="SubmitOnceTagHelper"/>); the handler wraps its work in
/// <see cref="CreateAsync"/> and calls <see cref="Record"/> with what it created, in the same transaction. A repeat finds
/// the key and goes where the first one went, with a message; a repeat that races the first loses at the unique index
/// and does the same. A request without a key (not sent from the portal's own page) is handled as before.
/// </summary>
public sealed class SubmitOnce(AppDbContext db, Access access, IHttpContextAccessor http, ITempDataDictionaryFactory tempData, TimeProvider clock,
    IStringLocalizer<SharedResource> L)
{
    public const string FieldName = "SubmissionKey";

    /// <summary>The key the current request's form carries, if it carries a well-formed one.</summary>
    public Guid? Key
    {
        get
        {
            var request = http.HttpContext?.Request;
            if (request is null || !request.HasFormContentType) return null;
            return Guid.TryParse(request.Form[FieldName].ToString(), out var key) && key != Guid.Empty ? key : null;
        }
    }

    /// <summary>A new key for a form being rendered, or the one it was sent with when it is shown again (with messages).</summary>
    public string KeyForForm() => (Key ?? Guid.NewGuid()).ToString("D");

    /// <summary>
    /// Runs a handler that may create something. Sent before, it creates nothing and redirects to what the first
    /// submission created; when a concurrent submission of the same form wins the race, the same.
    /// </summary>
    public async Task<IActionResult> CreateAsync(Func<Task<IActionResult>> create, CancellationToken cancellationToken)
    {
        if (await EarlierAsync(cancellationToken) is { } earlier) return Repeat(earlier);
        try
        {
            return await create();
        }
        catch (DbUpdateException)
        {
            // Whatever the database refused, nothing of this request was saved; if the same form was saved meanwhile,
            // that is why, and the person goes to what it created. Otherwise it is some other fault: let it surface.
            db.ChangeTracker.Clear();
            if (await EarlierAsync(cancellationToken) is { } first) return Repeat(first);
            throw;
        }
    }

    /// <summary>Notes, with the change about to be saved, that this form created what is at <paramref name="location"/>.</summary>
    public void Record(string location)
    {
        if (Key is not { } key || access.UserId is not { } userId) return;
        db.FormSubmissions.Add(new FormSubmission { UserId = userId, Key = key, Location = location, At = clock.GetUtcNow().UtcDateTime });
    }

    private async Task<string?> EarlierAsync(CancellationToken cancellationToken)
    {
        if (Key is not { } key || access.UserId is not { } userId) return null;
        return await db.FormSubmissions.AsNoTracking().Where(f => f.UserId == userId && f.Key == key).Select(f => f.Location).SingleOrDefaultAsync(cancellationToken);
    }

    private RedirectResult Repeat(string location)
    {
        var context = http.HttpContext!;
        tempData.GetTempData(context)["Message"] = L["This form was already sent, so nothing new was created: here is what it created the first time."].Value;
        return new RedirectResult(location);
    }
}
