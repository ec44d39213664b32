using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Events;
using SscPortal.Web.Forms;
using SscPortal.Web.Localization;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.My;

/// <summary>
/// My registrations for events (/my/registrations): each with its state, the event, the online link once registered, and
/// what I told the organisers; "Cancel" (and "Delete my data", the same: the row and its answers are deleted).
/// </summary>
[Authorize]
public class RegistrationsModel(AppDbContext db, Access access, Rights rights, IServiceProvider services, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record Row(long Id, int EventId, string EventTitle, DateTime StartsAt, DateTime EndsAt, string TimeZone, RegistrationState State, string? OnlineLink,
        EventRegistration Registration, IReadOnlyDictionary<int, string> Questions);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [BindProperty] public long RegistrationId { get; set; }

    private Registrations Registrations => Registrations.Of(services);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = access.UserId!;
        var registrations = await db.EventRegistrations.AsNoTracking().Include(r => r.Answers).Where(r => r.UserId == userId)
            .OrderByDescending(r => r.Id).Take(200).ToListAsync(cancellationToken);
        var eventIds = registrations.Select(r => r.EventId).Distinct().ToList();
        var events = await db.Events.AsNoTracking().Include(e => e.Translations).Include(e => e.Questions).Where(e => eventIds.Contains(e.Id)).AsSplitQuery()
            .ToDictionaryAsync(e => e.Id, cancellationToken);
        Rows = registrations.Select(r =>
        {
            var e = events[r.EventId];
            return new Row(r.Id, e.Id, RegistrationRights.TitleOf(e), e.StartsAt, e.EndsAt, e.TimeZone, r.State,
                r.State == RegistrationState.Registered ? e.OnlineLink : null, r, e.Questions.ToDictionary(q => q.Id, q => q.Label));
        }).OrderBy(r => r.StartsAt).ToList();
    }

    /// <summary>Cancels (deletes) one of my registrations; another person's id, crafted into the form, is refused (404).</summary>
    public async Task<IActionResult> OnPostCancelAsync(CancellationToken cancellationToken)
    {
        var facts = await db.EventRegistrations.AsNoTracking().Where(r => r.Id == RegistrationId).Select(r => new { r.UserId, r.EventId }).SingleOrDefaultAsync(cancellationToken);
        if (facts is null)
        {
            await rights.RefuseAsync(AuditTargets.Registration, RegistrationId, Operations.Delete);
            return NotFound();
        }
        var @event = (await Registrations.EventAsync(facts.EventId, cancellationToken))!;
        if (await rights.RequireAsync(new RegistrationResource(facts.UserId, RegistrationRights.ResourceOf(@event)), Operations.Delete, AuditTargets.Registration, RegistrationId) is { } refused)
            return refused;
        await Registrations.CancelAsync(RegistrationId, cancellationToken);
        TempData[PageMessages.Message] = L["Your registration for “{0}” was cancelled and your data deleted.", RegistrationRights.TitleOf(@event)].Value;
        return RedirectToPage();
    }
}
