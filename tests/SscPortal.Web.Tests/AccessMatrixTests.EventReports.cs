using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;
using static SscPortal.Web.Tests.Infrastructure.Organisation;
using static SscPortal.Web.Tests.Infrastructure.Role;

namespace SscPortal.Web.Tests;

public abstract partial class AccessMatrixTests
{
    /// <summary>An event of the owner that took place last week (co-organised by <paramref name="coOrganiser"/>, confirmed or only invited), its report published if asked.</summary>
    private static async Task<int> PastEvent(AccessWorld w, Actor owner, Actor? coOrganiser = null, bool confirmed = true, bool reportPublished = false, bool published = true)
    {
        var id = await w.Portal.EventAsync(owner, EventData.Content(TestData.Unique("Matrix past event"), startsAt: DateTime.UtcNow.Date.AddDays(-7).AddHours(13)),
            published: published, coOrganisers: coOrganiser is null ? null : [coOrganiser], confirmed: confirmed);
        if (reportPublished)
            await w.Portal.WithDatabaseAsync(async db =>
            {
                Assert.Empty((await db.Events.FindAsync(id))!.WriteReport("What we did.", "What comes next.", publish: true, DateTime.UtcNow));
                return await db.SaveChangesAsync();
            });
        return id;
    }

    private static Dictionary<string, string> ReportForm(string act = "draft") => new()
    {
        ["Input.Summary"] = "Written through the access matrix.", ["Input.Outcomes"] = "Ways forward.", ["Input.Version"] = "1", ["act"] = act,
    };

    /// <summary>Who writes an event's report: the members of its organising organisations (the owner and the co-organisers that confirmed).</summary>
    private static Who WriteReport(params Organisation[] organisers) =>
        organisers.Select(o => Members(Permission.OrganiseEvents, o)).Aggregate((a, b) => a | b);

    /// <summary>The entries of events: reports (report helper). A property, not a field (see <see cref="GoodPracticeCases"/>).</summary>
    private static Case[] EventReportCases =>
    [
        new("/events/{id:int}/report GET", "the report of A's past event, published", async w => Get($"/events/{await PastEvent(w, w.CsoA, reportPublished: true)}/report"), Everyone),
        new("/events/{id:int}/report GET", "A's past event without a published report (a page saying so; the form for its organisers)",
            async w => Get($"/events/{await PastEvent(w, w.CsoA)}/report"), Everyone),
        new("/events/{id:int}/report GET", "G's draft event", async w => Get($"/events/{await PastEvent(w, w.AgencyG, published: false)}/report"),
            Members(Permission.SeeOwnDrafts, AgencyG)),
        new("/events/{id:int}/report GET", "a guessed id", _ => Task.FromResult(Get("/events/2147483000/report")), Nobody),
        new("/events/{id:int}/report POST", "save the report of A's past event as a draft", async w => Post($"/events/{await PastEvent(w, w.CsoA)}/report", ReportForm()),
            WriteReport(CsoA)),
        new("/events/{id:int}/report POST", "publish the report of G's past event, co-organised by A (confirmed)",
            async w => Post($"/events/{await PastEvent(w, w.AgencyG, w.CsoA)}/report", ReportForm("publish")), WriteReport(AgencyG, CsoA)),
        new("/events/{id:int}/report POST", "publish the report of G's past event, A only invited as co-organiser",
            async w => Post($"/events/{await PastEvent(w, w.AgencyG, w.CsoA, confirmed: false)}/report", ReportForm("publish")), WriteReport(AgencyG)),
        new("/events/{id:int}/report POST", "the report of G's draft event", async w => Post($"/events/{await PastEvent(w, w.AgencyG, published: false)}/report", ReportForm()),
            WriteReport(AgencyG)),
        new("/events/{id:int}/report POST", "a guessed id", _ => Task.FromResult(Post("/events/2147483000/report", ReportForm())), Nobody),
        new("/events/{id:int}/report POST Withdraw", "withdraw the published report of A's past event",
            async w => Post($"/events/{await PastEvent(w, w.CsoA, reportPublished: true)}/report?handler=Withdraw", AsRendered()), WriteReport(CsoA)),
        new("/events/{id:int}/report POST Withdraw", "withdraw the report of H's past event (crafted)",
            async w => Post($"/events/{await PastEvent(w, w.AgencyH, reportPublished: true)}/report?handler=Withdraw", AsRendered()), WriteReport(AgencyH)),
        new("/events/{id:int}/report POST Withdraw", "a guessed id", _ => Task.FromResult(Post("/events/2147483000/report?handler=Withdraw", AsRendered())), Nobody),
    ];
}
