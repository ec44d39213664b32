using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Events;
using SscPortal.Web.Localization;
using SscPortal.Web.Mail;
using SscPortal.Web.Records;
using SscPortal.Web.Reference;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Events;

/// <summary>
/// One event as an iCalendar file (/events/{id}.ics, "Add to my calendar"): its start and end in its own time zone (with the
/// zone's definition), where it happens and its address on the portal, in the reader's language. Anyone gets a published
/// event's; its organisers also get a draft's; anything else is a 404. The online link is never in this public file: a
/// registered participant receives their own copy with it by mail.
/// </summary>
[AllowAnonymous]
public class CalendarModel(Rights rights, RecordSaver saver, ReferenceData referenceData, PublicAddress address, IStringLocalizer<SharedResource> L) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var @event = await saver.LoadAsync(VersionedRecords.Event, id, cancellationToken, tracked: false);
        if (@event is null) return NotFound();
        var record = new EventResource(@event.OwnerId, @event.Publication, @event.HeldByModerator,
            @event.CoOrganisers.Where(o => o.State == CoOrganiserState.Confirmed).Select(o => o.ActorId).ToList());
        if (!await rights.MayAsync(record, Operations.See))
        {
            await rights.RefuseAsync(AuditTargets.Event, id, Operations.See);
            return NotFound();
        }
        var names = await referenceData.GetAsync(cancellationToken);
        var entry = EventText.Entry(@event, PortalCultures.Current, names, EventText.PageAddress(id, address, Request), L);
        var text = EventCalendar.Write([entry], EventText.CalendarHost(address, Request));
        return File(Encoding.UTF8.GetBytes(text), EventCalendar.MediaType + "; charset=utf-8", EventText.FileName(id));
    }
}
