using System.Globalization;
using System.Text;
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
using SscPortal.Web.OpenData;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Events;

/// <summary>
/// An event's registrations for its organisers (/events/{id}/registrations; <see cref="Operations.ManageRegistrations"/>): the
/// people registered with their answers, counts and places left, the waiting list in order, a CSV export, a message to all
/// registered (and the waiting list if chosen) by mail, and attendance. Everything here is audited; nobody else sees it.
/// </summary>
[Authorize]
public class RegistrationsModel(AppDbContext db, Rights rights, Access access, AuditLog audit, IServiceProvider services, IStringLocalizer<SharedResource> L) : PageModel
{
    public CooperationEvent Event { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public IReadOnlyList<EventRegistration> Registered { get; private set; } = [];
    public IReadOnlyList<EventRegistration> Waiting { get; private set; } = [];
    public int Unconfirmed { get; private set; }
    public int? PlacesLeft => Event.Capacity is { } capacity ? Math.Max(0, capacity - Event.RegisteredCount) : null;

    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public bool ToWaitingList { get; set; }
    [BindProperty] public long RegistrationId { get; set; }
    [BindProperty] public string? Attended { get; set; }

    private Registrations Registrations => Registrations.Of(services);

    public static readonly string[] CsvColumns =
        ["id", "state", "name", "email", "organisation", "organisation_type", "country", "languages_needed", "accessibility_needs", "registered_at", "waiting_since", "attended"];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken) ?? Page();

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var @event = await Registrations.EventAsync(id, cancellationToken);
        if (@event is null)
        {
            await rights.RefuseAsync(AuditTargets.Event, id, Operations.ManageRegistrations);
            return NotFound();
        }
        if (await rights.RequireAsync(RegistrationRights.ResourceOf(@event), Operations.ManageRegistrations, AuditTargets.Event, id) is { } refused) return refused;
        Event = @event;
        Title = RegistrationRights.TitleOf(@event);
        var all = await db.EventRegistrations.AsNoTracking().Include(r => r.Answers).Where(r => r.EventId == id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        Registered = all.Where(r => r.State == RegistrationState.Registered).OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList();
        Waiting = all.Where(r => r.State == RegistrationState.Waiting).OrderBy(r => r.WaitingSince).ThenBy(r => r.Id).ToList();
        Unconfirmed = all.Count(r => r.State == RegistrationState.Unconfirmed);
        return null;
    }

    /// <summary>The registered people and the waiting list as CSV (gender is never exported: it only feeds anonymous counts).</summary>
    public async Task<IActionResult> OnGetCsvAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        var questions = Event.Questions.OrderBy(q => q.Position).ToList();
        var text = new StringBuilder();
        text.Append(Csv.Line(CsvColumns.Concat(questions.Select(q => q.Label)))).Append("\r\n");
        foreach (var r in Registered.Concat(Waiting))
            text.Append(Csv.Line(new[]
            {
                r.Id.ToString(CultureInfo.InvariantCulture), r.State.ToString(), r.Name, r.Email, r.OrganisationName, r.OrganisationType?.ToString(), r.CountryCode,
                string.Join(" ", r.LanguagesNeeded), r.AccessibilityNeeds, (r.ConfirmedAt ?? r.CreatedAt).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                r.WaitingSince?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), r.Attended is { } a ? (a ? "yes" : "no") : "",
            }.Concat(questions.Select(q => r.Answers.FirstOrDefault(x => x.QuestionId == q.Id)?.Text)))).Append("\r\n");
        await audit.SaveAsync(AuditEventType.RegistrationsExported, AuditTargets.Event, id, $"rows={Registered.Count + Waiting.Count}");
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(), "text/csv; charset=utf-8",
            FormattableString.Invariant($"event-{id}-registrations.csv"));
    }

    /// <summary>A message to everyone registered (and the waiting list if chosen), by mail in each one's language.</summary>
    public async Task<IActionResult> OnPostMessageAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        if (string.IsNullOrWhiteSpace(Subject)) ModelState.AddModelError(nameof(Subject), L["Give the message a subject."]);
        else if (Subject.Trim().Length > EventMessage.SubjectLength) ModelState.AddModelError(nameof(Subject), L["Use at most {0} characters.", EventMessage.SubjectLength]);
        if (string.IsNullOrWhiteSpace(Body)) ModelState.AddModelError(nameof(Body), L["Write a message."]);
        else if (Body.Trim().Length > EventMessage.BodyLength) ModelState.AddModelError(nameof(Body), L["Use at most {0} characters.", EventMessage.BodyLength]);
        if (!ModelState.IsValid) return Page();
        var sent = await Registrations.SendMessageAsync(id, Subject!, Body!, ToWaitingList, access.UserId!, cancellationToken);
        TempData[PageMessages.Message] = L["The message was sent to {0} people.", sent].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>Marks whether a registered person attended ("yes", "no", or "" to unmark).</summary>
    public async Task<IActionResult> OnPostAttendanceAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        // A registration of another event, crafted into the form, is not on this page.
        if (Registered.All(r => r.Id != RegistrationId))
        {
            await rights.RefuseAsync(AuditTargets.Registration, RegistrationId, Operations.ManageRegistrations);
            return NotFound();
        }
        bool? attended = Attended switch { "yes" => true, "no" => false, _ => null };
        await Registrations.MarkAttendanceAsync(id, RegistrationId, attended, cancellationToken);
        return Redirect($"/events/{id}/registrations#registration-{RegistrationId}");
    }
}
