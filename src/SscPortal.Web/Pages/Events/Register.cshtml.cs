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
using SscPortal.Web.Records;
using SscPortal.Web.Reference;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Events;

/// <summary>
/// Registering for an event (/events/{id}/register): a signed-in person with their account's address (a place at once, or
/// the waiting list), a visitor with an address they confirm by mail. Sent twice, it registers once (the unique rules on address and account). The organisation they come from, the languages and
/// accessibility they need, gender if they wish, and the organisers' questions; a note on who sees the data and how long.
/// </summary>
[AllowAnonymous]
public class RegisterModel(AppDbContext db, Rights rights, Access access, ReferenceData referenceData, IServiceProvider services,
    Microsoft.Extensions.Options.IOptions<EventOptions> options, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed class InputModel
    {
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? OrganisationName { get; set; }
        public int? OrganisationId { get; set; }
        public ActorType? OrganisationType { get; set; }
        public string? CountryCode { get; set; }
        public List<string> LanguagesNeeded { get; set; } = [];
        public string? AccessibilityNeeds { get; set; }
        public string? Gender { get; set; }
        public Dictionary<int, string?> Answers { get; set; } = [];
    }

    public CooperationEvent Event { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public RuleViolation? Refusal { get; private set; }
    public RegistrationState? Existing { get; private set; }
    public bool SignedIn { get; private set; }
    public string? AccountEmail { get; private set; }
    public IReadOnlyList<Access.ActiveMembership> Organisations { get; private set; } = [];
    public ReferenceData.Snapshot Names { get; private set; } = null!;
    public int RetentionMonths => options.Value.RetentionMonths;

    [BindProperty] public InputModel Input { get; set; } = new();

    private Registrations Registrations => Registrations.Of(services);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var @event = await Registrations.EventAsync(id, cancellationToken);
        if (@event is null || !await rights.MayAsync(RegistrationRights.ResourceOf(@event), Operations.See)) return false;
        Event = @event;
        Title = RegistrationRights.TitleOf(@event);
        Refusal = Registrations.Refusal(@event, Registrations.Now);
        Names = await referenceData.GetAsync(cancellationToken);
        if (access.UserId is { } userId)
        {
            SignedIn = true;
            var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.UserName }).SingleOrDefaultAsync(cancellationToken);
            AccountEmail = user?.Email;
            Existing = await db.EventRegistrations.AsNoTracking().Where(r => r.EventId == id && r.UserId == userId).Select(r => (RegistrationState?)r.State)
                .FirstOrDefaultAsync(cancellationToken);
            Organisations = await access.MembershipsAsync();
        }
        return true;
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            await rights.RefuseAsync(AuditTargets.Event, id, Operations.See);
            return NotFound();
        }
        return await RegisterAsync(id, cancellationToken);
    }

    private async Task<IActionResult> RegisterAsync(int id, CancellationToken cancellationToken)
    {
        Registrant? person = null;
        if (access.UserId is { } userId)
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.EmailConfirmed }).SingleAsync(cancellationToken);
            person = new Registrant(userId, user.Email ?? "", user.EmailConfirmed);
            // Only one's own organisations may be picked from the registry; another's id, crafted into the form, is ignored.
            if (Input.OrganisationId is { } picked && Organisations.All(o => o.ActorId != picked)) Input.OrganisationId = null;
        }
        else Input.OrganisationId = null;
        var form = new RegistrationForm(Input.Name, Input.Email, Input.OrganisationName, Input.OrganisationId, Input.OrganisationType, Input.CountryCode,
            Input.LanguagesNeeded, Input.AccessibilityNeeds, string.IsNullOrWhiteSpace(Input.Gender) ? null : Input.Gender, Input.Answers);
        if (Input.CountryCode is { Length: > 0 } country && !Names.Countries.ContainsKey(country.Trim().ToUpperInvariant()))
        {
            ModelState.AddModelError("Input.CountryCode", RuleMessages.For(RuleCode.UnknownCountry, L, RecordType.Event));
            return Page();
        }
        switch (await Registrations.RegisterAsync(id, form, person, PortalCultures.Current, cancellationToken))
        {
            case RegistrationOutcome.Done done:
                TempData[PageMessages.Message] = done.State switch
                {
                    RegistrationState.Registered => L["You are registered: a confirmation with the calendar file was sent to your e-mail address."].Value,
                    RegistrationState.Waiting => L["The event is full: you are on the waiting list, and we write to you if a place frees."].Value,
                    _ => L["Almost done: open the link in the message we sent to your e-mail address to confirm your registration."].Value,
                };
                return person is not null ? Redirect("/my/registrations") : RedirectToPage(new { id });
            case RegistrationOutcome.Refused { Reasons: [{ Code: RuleCode.AlreadyRegistered }] } when person is not null:
                // Sent twice (a double click): the first one registered; here it is.
                TempData[PageMessages.Message] = RuleMessages.For(RuleCode.AlreadyRegistered, L, RecordType.Event);
                return Redirect("/my/registrations");
            case RegistrationOutcome.Refused refused:
                ModelState.AddViolations(refused.Reasons, field => field switch
                {
                    "Event" => "",
                    // A signed-in person's address is their account's: its problem is said above the form.
                    nameof(EventRegistration.Email) when person is not null => "",
                    _ => "Input." + field,
                }, L, RecordType.Event);
                return Page();
            default:
                return NotFound();
        }
    }
}
