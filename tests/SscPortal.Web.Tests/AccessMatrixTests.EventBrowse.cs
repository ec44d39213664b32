using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;
using static SscPortal.Web.Tests.Infrastructure.Organisation;
using static SscPortal.Web.Tests.Infrastructure.Role;

namespace SscPortal.Web.Tests;

public abstract partial class AccessMatrixTests
{
    /// <summary>The entries of events: listing, feeds, API (browse helper). A property, not a field (see <see cref="GoodPracticeCases"/>).</summary>
    private static Case[] EventBrowseCases =>
    [
        new("/events GET", "the events", _ => Task.FromResult(Get("/events?kind=seminar&online=yes")), Everyone),
        new("/events GET", "the past events", _ => Task.FromResult(Get("/events?when=past")), Everyone),
        new("/events GET", "the events' calendar", _ => Task.FromResult(Get("/events?view=calendar&month=2026-12")), Everyone),
        new("/events.ics GET", "the events as an iCalendar feed", _ => Task.FromResult(Get("/events.ics?country=uy")), Everyone),
        new("/events.csv GET", "the events as CSV", _ => Task.FromResult(Get("/events.csv?when=past")), Everyone),
        new("/feeds/events.atom GET", "the events' feed", _ => Task.FromResult(Get("/feeds/events.atom?kind=panel")), Everyone),
        new("/api/v1/events GET", "published events", _ => Task.FromResult(Get("/api/v1/events?limit=5")), Everyone),
        new("/api/v1/events/{id:int} GET", "A's published event", async w => Get($"/api/v1/events/{await w.Portal.EventAsync(w.CsoA)}"), Everyone),
        new("/api/v1/events/{id:int} GET", "A's draft event (the API shows published events only)", async w => Get($"/api/v1/events/{await w.Portal.EventAsync(w.CsoA, published: false)}"), Nobody),
    ];
}
