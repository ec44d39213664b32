using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;

namespace SscPortal.Web.Events;

/// <summary>
/// The registration part of an event's page: places left, full, or the waiting list; for the reader, their own registration
/// (with the online link once registered, and cancel), or the register button, or why not (past, closed, unpublished); for
/// the organisers, the link to the registrations. <c>@await Component.InvokeAsync("EventRegistration", new { eventId = Model.Id })</c>.
/// </summary>
public sealed class EventRegistrationViewComponent(AppDbContext db, Access access, Rights rights, TimeProvider clock) : ViewComponent
{
    public sealed record State(int EventId, int? Capacity, int Registered, bool WaitingList, int Waiting, RuleCode? Refusal, bool SignedIn,
        long? OwnId, RegistrationState? OwnState, string? OnlineLink, bool Organiser, bool DataDeleted)
    {
        public int? PlacesLeft => Capacity is { } capacity ? Math.Max(0, capacity - Registered) : null;
        public bool IsFull => PlacesLeft == 0;
    }

    public async Task<IViewComponentResult> InvokeAsync(int eventId)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var @event = await db.Events.AsNoTracking().Include(e => e.CoOrganisers).SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (@event is null || !await rights.MayAsync(RegistrationRights.ResourceOf(@event), Operations.See)) return Content("");
        var now = clock.GetUtcNow().UtcDateTime;
        var waiting = await db.EventRegistrations.CountAsync(r => r.EventId == eventId && r.State == RegistrationState.Waiting, cancellationToken);
        var own = access.UserId is { } userId
            ? await db.EventRegistrations.AsNoTracking().Where(r => r.EventId == eventId && r.UserId == userId).Select(r => new { r.Id, r.State }).FirstOrDefaultAsync(cancellationToken)
            : null;
        var organiser = await rights.MayAsync(RegistrationRights.ResourceOf(@event), Operations.ManageRegistrations);
        var refusal = @event.RefusesRegistration(now) ?? (@event.IsFull && !@event.WaitingList ? RuleCode.EventFull : null);
        return View(new State(eventId, @event.Capacity, @event.RegisteredCount, @event.WaitingList, waiting, refusal, access.UserId is not null,
            own?.Id, own?.State, own?.State == RegistrationState.Registered || organiser ? @event.OnlineLink : null, organiser, @event.ParticipantDataDeletedAt is not null));
    }
}
