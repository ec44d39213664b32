using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Events;
using SscPortal.Web.Localization;
using SscPortal.Web.Records;

namespace SscPortal.Web.Pages.Events;

/// <summary>
/// A visitor confirms their address (/events/registrations/confirm?token=…): the page shows the event and a button; only the
/// POST confirms (a mail scanner opening the link changes nothing). Then a place, or the waiting list, by mail.
/// </summary>
[AllowAnonymous]
public class RegistrationConfirmModel(IServiceProvider services, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    public string? EventTitle { get; private set; }
    public int EventId { get; private set; }
    /// <summary>Why the link does nothing (unknown, expired), or null.</summary>
    public string? Problem { get; private set; }
    /// <summary>What happened, after the POST (or if it was confirmed already).</summary>
    public string? Done { get; private set; }

    private Registrations Registrations => Registrations.Of(services);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var registration = await Registrations.ByTokenAsync(Token, cancellationToken);
        if (registration is null) return Unknown();
        await ShowEventAsync(registration.EventId, cancellationToken);
        if (registration.State != RegistrationState.Unconfirmed) Done = Said(registration.State);
        else if (Registrations.HasExpired(registration)) Problem = L["This link has expired: register again to receive a new one."];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var registration = await Registrations.ByTokenAsync(Token, cancellationToken);
        if (registration is null) return Unknown();
        await ShowEventAsync(registration.EventId, cancellationToken);
        switch (await Registrations.ConfirmAsync(Token, cancellationToken))
        {
            case RegistrationOutcome.Done done:
                Done = Said(done.State);
                return Page();
            case RegistrationOutcome.Expired:
                Problem = L["This link has expired: register again to receive a new one."];
                return Page();
            case RegistrationOutcome.Refused refused:
                Problem = string.Join(" ", refused.Reasons.Select(r => RuleMessages.For(r.Code, L, RecordType.Event)));
                return Page();
            default:
                return Unknown();
        }
    }

    private async Task ShowEventAsync(int eventId, CancellationToken cancellationToken)
    {
        var @event = await Registrations.EventAsync(eventId, cancellationToken);
        EventId = eventId;
        EventTitle = @event is null ? null : RegistrationRights.TitleOf(@event);
    }

    private string Said(RegistrationState state) => state == RegistrationState.Waiting
        ? L["Your address is confirmed. The event is full, so you are on the waiting list: we write to you if a place frees."]
        : L["Your address is confirmed and you are registered: the confirmation with the calendar file is on its way to your mailbox."];

    private PageResult Unknown()
    {
        Problem = L["This link is not valid (any more): the registration was cancelled, deleted or never made. Register again from the event's page."];
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
