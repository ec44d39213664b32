using SscPortal.Domain;
using SscPortal.Web.Events;
using SscPortal.Web.Tests.Infrastructure;
using static SscPortal.Web.Tests.Infrastructure.Organisation;
using static SscPortal.Web.Tests.Infrastructure.Role;

namespace SscPortal.Web.Tests;

public abstract partial class AccessMatrixTests
{
    /// <summary>A registration for a published event of A by a visitor, and the secret of its mail links.</summary>
    private static async Task<(int Event, string Secret)> VisitorRegistration(AccessWorld w, RegistrationState state)
    {
        var eventId = await w.Portal.EventAsync(w.CsoA);
        var secret = Registrations.NewSecret();
        await w.Portal.RegistrationAsync(eventId, $"visitor-{Guid.NewGuid():N}@example.org", state: state, tokenHash: Registrations.HashOf(secret));
        return (eventId, secret);
    }

    private static Dictionary<string, string> RegistrationForm() => new()
    {
        ["Input.Name"] = "Matrix participant", ["Input.Email"] = $"matrix-{Guid.NewGuid():N}@example.org", ["Input.CountryCode"] = "AR",
    };

    /// <summary>An event of A (G invited as co-organiser, confirmed or not) with one registration.</summary>
    private static async Task<(int Event, long Registration)> EventWithRegistration(AccessWorld w, bool coOrganiserConfirmed = false)
    {
        var eventId = await w.Portal.EventAsync(w.CsoA, coOrganisers: [w.AgencyG], confirmed: coOrganiserConfirmed);
        return (eventId, await w.Portal.RegistrationAsync(eventId, $"participant-{Guid.NewGuid():N}@example.org"));
    }

    private static Who Organisers(bool coOrganiserConfirmed) =>
        Members(Permission.OrganiseEvents, CsoA) | (coOrganiserConfirmed ? Members(Permission.OrganiseEvents, AgencyG) : Nobody);

    /// <summary>The entries of events: registration (register helper). A property, not a field (see <see cref="GoodPracticeCases"/>).</summary>
    private static Case[] RegistrationCases =>
    [
        new("/events/{id:int}/register GET", "A's published event", async w => Get($"/events/{await w.Portal.EventAsync(w.CsoA)}/register"), Everyone),
        new("/events/{id:int}/register GET", "A's draft event", async w => Get($"/events/{await w.Portal.EventAsync(w.CsoA, published: false)}/register"), SeeHidden(CsoA, unpublished: false)),
        new("/events/{id:int}/register GET", "a guessed id", _ => Task.FromResult(Get("/events/2147483000/register")), Nobody),
        // Anyone may register (a visitor with an address); the page answers each on its merits (a required question unanswered here).
        new("/events/{id:int}/register POST", "register for A's published event", async w => Post($"/events/{await w.Portal.EventAsync(w.CsoA)}/register", RegistrationForm()), Everyone),
        new("/events/{id:int}/register POST", "register for A's draft event", async w => Post($"/events/{await w.Portal.EventAsync(w.CsoA, published: false)}/register", RegistrationForm()),
            SeeHidden(CsoA, unpublished: false)),
        // The mail links: whoever holds the secret (no sign-in).
        new("/events/registrations/confirm GET", "a visitor's confirmation link", async w => Get(Registrations.ConfirmPath((await VisitorRegistration(w, RegistrationState.Unconfirmed)).Secret)), Everyone),
        new("/events/registrations/confirm GET", "a made-up link", _ => Task.FromResult(Get(Registrations.ConfirmPath("made-up"))), Nobody),
        new("/events/registrations/confirm POST", "confirming with the link", async w => Post("/events/registrations/confirm",
            new() { ["Token"] = (await VisitorRegistration(w, RegistrationState.Unconfirmed)).Secret }), Everyone),
        new("/events/registrations/confirm POST", "confirming with a made-up link", _ => Task.FromResult(Post("/events/registrations/confirm", new() { ["Token"] = "made-up" })), Nobody),
        new("/events/registrations/cancel GET", "a registration's cancel link", async w => Get(Registrations.CancelPath((await VisitorRegistration(w, RegistrationState.Registered)).Secret)), Everyone),
        new("/events/registrations/cancel GET", "a made-up link", _ => Task.FromResult(Get(Registrations.CancelPath("made-up"))), Nobody),
        new("/events/registrations/cancel POST", "cancelling with the link", async w => Post("/events/registrations/cancel",
            new() { ["Token"] = (await VisitorRegistration(w, RegistrationState.Registered)).Secret }), Everyone),
        new("/events/registrations/cancel POST", "cancelling with a made-up link", _ => Task.FromResult(Post("/events/registrations/cancel", new() { ["Token"] = "made-up" })), Nobody),
        // Own registrations: each person their own.
        new("/my/registrations GET", "my registrations", _ => Task.FromResult(Get("/my/registrations")), SignedIn),
        new("/my/registrations POST Cancel", "the person without organisation cancels theirs", async w =>
        {
            var eventId = await w.Portal.EventAsync(w.CsoA);
            var id = await w.Portal.RegistrationAsync(eventId, $"own-{Guid.NewGuid():N}@example.org", userId: w.UserIds[NoOrganisation]);
            return Post("/my/registrations?handler=Cancel", new() { ["RegistrationId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }, new[] { NoOrganisation }),
        new("/my/registrations POST Cancel", "a visitor's registration (crafted id)", async w => Post("/my/registrations?handler=Cancel",
            new() { ["RegistrationId"] = (await EventWithRegistration(w)).Registration.ToString(System.Globalization.CultureInfo.InvariantCulture) }), Nobody),
        // The organisers' view of participants: the event's organisers only (a co-organiser once it confirmed).
        new("/events/{id:int}/registrations GET", "registrations of A's event, G invited", async w => Get($"/events/{(await EventWithRegistration(w)).Event}/registrations"), Organisers(false)),
        new("/events/{id:int}/registrations GET", "registrations of A's event, G confirmed", async w => Get($"/events/{(await EventWithRegistration(w, true)).Event}/registrations"), Organisers(true)),
        new("/events/{id:int}/registrations GET", "a guessed id", _ => Task.FromResult(Get("/events/2147483000/registrations")), Nobody),
        new("/events/{id:int}/registrations GET Csv", "CSV of A's event, G invited", async w => Get($"/events/{(await EventWithRegistration(w)).Event}/registrations?handler=Csv"), Organisers(false)),
        new("/events/{id:int}/registrations GET Csv", "CSV of A's event, G confirmed", async w => Get($"/events/{(await EventWithRegistration(w, true)).Event}/registrations?handler=Csv"), Organisers(true)),
        new("/events/{id:int}/registrations POST Message", "message to A's participants", async w => Post($"/events/{(await EventWithRegistration(w)).Event}/registrations?handler=Message",
            new() { ["Subject"] = "Matrix", ["Body"] = "A message." }), Organisers(false)),
        new("/events/{id:int}/registrations POST Attendance", "attendance at A's event", async w =>
        {
            var (eventId, id) = await EventWithRegistration(w, true);
            return Post($"/events/{eventId}/registrations?handler=Attendance", new() { ["RegistrationId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Attended"] = "yes" });
        }, Organisers(true)),
    ];
}
