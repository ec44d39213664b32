using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;
using static SscPortal.Web.Tests.Infrastructure.Organisation;
using static SscPortal.Web.Tests.Infrastructure.Role;

namespace SscPortal.Web.Tests;

public abstract partial class AccessMatrixTests
{
    /// <summary>Who edits an event: the members of its organising organisations while a draft, their admins once public (or staff who edit others' records).</summary>
    private static Who EditEvent(Organisation owner, bool draft) =>
        Holders(draft ? Permission.OrganiseEvents : Permission.PublishOwnRecords, owner) | Platform(Permission.EditOtherOrganisationsRecords);

    private static Dictionary<string, string> EventForm(int ownerId, int version = 0) => new()
    {
        ["Input.OwnerId"] = $"{ownerId}", ["Input.Kind"] = "Webinar", ["Input.Title"] = TestData.Unique("Matrix event"),
        ["Input.Description"] = "A webinar on peer learning between municipalities.", ["Input.Language"] = "en", ["Input.TimeZone"] = "America/Lima",
        ["Input.StartsAt"] = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd'T'09:00", System.Globalization.CultureInfo.InvariantCulture),
        ["Input.EndsAt"] = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd'T'12:00", System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Format"] = "Online", ["Input.OnlineLink"] = "https://meet.example.org/matrix", ["Input.Version"] = $"{version}",
    };

    /// <summary>A published event of the owner that was unpublished (by a moderator, held, if asked).</summary>
    private static async Task<int> UnpublishedEvent(AccessWorld w, Actor owner, bool held = false)
    {
        var id = await w.Portal.EventAsync(owner);
        await w.Portal.WithDatabaseAsync(async db =>
        {
            (await db.Events.FindAsync(id))!.Unpublish("Breaks the terms", byModerator: held);
            return await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>The entries of an event's own pages (/events/{id}, new, edit, history, .ics) and handlers.</summary>
    private static Case[] EventCases =>
    [
        new("/events/{id:int} GET", "A's published event", async w => Get($"/events/{await w.Portal.EventAsync(w.CsoA)}"), Everyone),
        new("/events/{id:int} GET", "G's draft event", async w => Get($"/events/{await w.Portal.EventAsync(w.AgencyG, published: false)}"), SeeHidden(AgencyG, unpublished: false)),
        new("/events/{id:int} GET", "G's draft event naming A as co-organiser (A reads it to answer)",
            async w => Get($"/events/{await w.Portal.EventAsync(w.AgencyG, published: false, coOrganisers: [w.CsoA], confirmed: false)}"),
            SeeHidden(AgencyG, unpublished: false) | Holders(Permission.OrganiseEvents, CsoA)),
        new("/events/{id:int} GET", "G's event a moderator holds", async w => Get($"/events/{await UnpublishedEvent(w, w.AgencyG, held: true)}"), SeeHidden(AgencyG, unpublished: true)),
        new("/events/{id:int} GET", "a guessed id", _ => Task.FromResult(Get("/events/2147483000")), Nobody),
        new("/events/{id:int}.ics GET", "A's published event as iCalendar", async w => Get($"/events/{await w.Portal.EventAsync(w.CsoA)}.ics"), Everyone),
        new("/events/{id:int}.ics GET", "G's draft event as iCalendar", async w => Get($"/events/{await w.Portal.EventAsync(w.AgencyG, published: false)}.ics"), SeeHidden(AgencyG, unpublished: false)),
        new("/events/{id:int}.ics GET", "a guessed id as iCalendar", _ => Task.FromResult(Get("/events/2147483000.ics")), Nobody),
        new("/events/{id:int}/history GET", "history of A's published event", async w => Get($"/events/{await w.Portal.EventAsync(w.CsoA)}/history"), Everyone),
        new("/events/{id:int}/history GET", "history of G's draft event", async w => Get($"/events/{await w.Portal.EventAsync(w.AgencyG, published: false)}/history"), SeeHidden(AgencyG, unpublished: false)),
        new("/events/new GET", "new event form", _ => Task.FromResult(Get("/events/new")), Anywhere(Permission.OrganiseEvents)),
        new("/events/new POST", "new event of A", w => Task.FromResult(Post("/events/new", EventForm(w.CsoA.Id))), Holders(Permission.OrganiseEvents, CsoA)),
        new("/events/new POST", "new event of H (crafted owner)", w => Task.FromResult(Post("/events/new", EventForm(w.AgencyH.Id))), Holders(Permission.OrganiseEvents, AgencyH)),
        new("/events/new POST AddRows", "a session more on the new-event form (saves nothing)", w => Task.FromResult(Post("/events/new?handler=AddRows&add=session", EventForm(w.AgencyG.Id))),
            Anywhere(Permission.OrganiseEvents)),
        new("/events/{id:int}/edit GET", "edit A's draft event", async w => Get($"/events/{await w.Portal.EventAsync(w.CsoA, published: false)}/edit"), EditEvent(CsoA, draft: true)),
        new("/events/{id:int}/edit GET", "edit A's published event", async w => Get($"/events/{await w.Portal.EventAsync(w.CsoA)}/edit"), EditEvent(CsoA, draft: false)),
        new("/events/{id:int}/edit GET", "edit B's draft event G co-organises (confirmed)",
            async w => Get($"/events/{await w.Portal.EventAsync(w.CsoB, published: false, coOrganisers: [w.AgencyG])}/edit"), EditEvent(CsoB, draft: true) | EditEvent(AgencyG, draft: true)),
        new("/events/{id:int}/edit GET", "edit B's draft event G is invited to, not confirmed",
            async w => Get($"/events/{await w.Portal.EventAsync(w.CsoB, published: false, coOrganisers: [w.AgencyG], confirmed: false)}/edit"), EditEvent(CsoB, draft: true)),
        new("/events/{id:int}/edit POST", "save A's draft event", async w => Post($"/events/{await w.Portal.EventAsync(w.CsoA, published: false)}/edit", EventForm(w.CsoA.Id, version: 1)),
            EditEvent(CsoA, draft: true)),
        new("/events/{id:int}/edit POST", "save G's published event", async w => Post($"/events/{await w.Portal.EventAsync(w.AgencyG)}/edit", EventForm(w.AgencyG.Id, version: 1)),
            EditEvent(AgencyG, draft: false)),
        new("/events/{id:int}/edit POST", "save a guessed id", w => Task.FromResult(Post("/events/2147483000/edit", EventForm(w.CsoA.Id, version: 1))), Nobody),
        new("/events/{id:int}/edit POST AddRows", "a question more on A's draft event", async w => Post($"/events/{await w.Portal.EventAsync(w.CsoA, published: false)}/edit?handler=AddRows&add=question", EventForm(w.CsoA.Id, version: 1)),
            EditEvent(CsoA, draft: true)),
        new("/events/{id:int} POST Publish", "publish A's draft event", async w => Post($"/events/{await w.Portal.EventAsync(w.CsoA, published: false)}?handler=Publish", AsRendered()), Holders(Permission.PublishOwnRecords, CsoA)),
        new("/events/{id:int} POST Unpublish", "unpublish G's event", async w => Post($"/events/{await w.Portal.EventAsync(w.AgencyG)}?handler=Unpublish", AsRendered(new() { ["Reason"] = "Matrix" })),
            Holders(Permission.PublishOwnRecords, AgencyG) | Platform(Permission.UnpublishAnyRecord)),
        new("/events/{id:int} POST Release", "lift the hold on G's event", async w => Post($"/events/{await UnpublishedEvent(w, w.AgencyG, held: true)}?handler=Release"), Platform(Permission.UnpublishAnyRecord)),
        new("/events/{id:int} POST Delete", "delete A's draft event", async w => Post($"/events/{await w.Portal.EventAsync(w.CsoA, published: false)}?handler=Delete", new() { ["confirm"] = "true" }),
            Holders(Permission.OrganiseEvents, CsoA)),
        new("/events/{id:int} POST Invite", "A names B a co-organiser of its event", async w => Post($"/events/{await w.Portal.EventAsync(w.CsoA)}?handler=Invite", new() { ["OrganisationId"] = $"{w.CsoB.Id}" }),
            Holders(Permission.OrganiseEvents, CsoA)),
        new("/events/{id:int} POST Remove", "A takes B off its event", async w => Post($"/events/{await w.Portal.EventAsync(w.CsoA, coOrganisers: [w.CsoB], confirmed: false)}?handler=Remove",
            new() { ["OrganisationId"] = $"{w.CsoB.Id}" }), Holders(Permission.OrganiseEvents, CsoA)),
        new("/events/{id:int} POST Confirm", "G confirms it co-organises A's event", async w => Post($"/events/{await w.Portal.EventAsync(w.CsoA, coOrganisers: [w.AgencyG], confirmed: false)}?handler=Confirm",
            new() { ["OrganisationId"] = $"{w.AgencyG.Id}" }), Holders(Permission.OrganiseEvents, AgencyG)),
        new("/events/{id:int} POST Decline", "G declines to co-organise A's event", async w => Post($"/events/{await w.Portal.EventAsync(w.CsoA, coOrganisers: [w.AgencyG], confirmed: false)}?handler=Decline",
            new() { ["OrganisationId"] = $"{w.AgencyG.Id}" }), Holders(Permission.OrganiseEvents, AgencyG)),
    ];
}
