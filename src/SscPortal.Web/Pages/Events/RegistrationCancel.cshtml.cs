using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Events;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Pages.Events;

/// <summary>
/// Cancelling with the link of a registration's mail (/events/registrations/cancel?token=…), without signing in: the page shows
/// the event and a button; only the POST cancels. The registration and its answers are deleted; a place it held goes to the
/// longest waiting person.
/// </summary>
[AllowAnonymous]
public class RegistrationCancelModel(IServiceProvider services, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    public string? EventTitle { get; private set; }
    public int EventId { get; private set; }
    public RegistrationState State { get; private set; }
    public string? Problem { get; private set; }
    public bool Cancelled { get; private set; }

    private Registrations Registrations => Registrations.Of(services);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await FindAsync(cancellationToken) is null ? Unknown() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync(cancellationToken) is not { } registration) return Unknown();
        if (await Registrations.CancelAsync(registration.Id, cancellationToken) is not RegistrationOutcome.Done) return Unknown();
        Cancelled = true;
        return Page();
    }

    private async Task<EventRegistration?> FindAsync(CancellationToken cancellationToken)
    {
        var registration = await Registrations.ByTokenAsync(Token, cancellationToken);
        if (registration is null) return null;
        var @event = await Registrations.EventAsync(registration.EventId, cancellationToken);
        EventId = registration.EventId;
        EventTitle = @event is null ? null : RegistrationRights.TitleOf(@event);
        State = registration.State;
        return registration;
    }

    private PageResult Unknown()
    {
        Problem = L["This link is not valid (any more): the registration was cancelled, deleted or never made."];
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
