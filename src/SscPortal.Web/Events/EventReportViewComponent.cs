using Microsoft.AspNetCore.Mvc;
using SscPortal.Web.Authorization;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Evidence;
using SscPortal.Web.Localization;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Events;

/// <summary>
/// What came out of an event, on its page: the published report (summary, outcomes and ways forward), its documents,
/// presentations and photos, and the figures of participation (small groups added together). The event's organisers also
/// see a draft report, the exact figures and the link to write the report. Nothing for a reader who may not see the event.
/// <c>@await Component.InvokeAsync("EventReport", new { eventId = Model.Id })</c>.
/// </summary>
public sealed class EventReportViewComponent(AppDbContext db, Rights rights, ReferenceData referenceData, FileLists files, TimeProvider clock) : ViewComponent
{
    public sealed record Shown(EventReport Report, bool IsOrganiser, bool HasStarted, EventFigures.Figures? Figures, bool ExactFigures,
        ReferenceData.Snapshot Names, string Language, bool OnReportPage, FileShelf? Documents);

    /// <param name="onReportPage">Shown on the report page itself (/events/{id}/report): no link to it, no draft (the form shows it).</param>
    public async Task<IViewComponentResult> InvokeAsync(int eventId, bool onReportPage = false)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var report = await EventReport.LoadAsync(db, eventId, cancellationToken);
        if (report is null || !await rights.MayAsync(report.Rights, Operations.See)) return Content("");
        var isOrganiser = await rights.MayAsync(report.Rights, Operations.WriteReport);
        var hasStarted = clock.GetUtcNow().UtcDateTime >= report.StartsAt;
        if (!report.IsPublished && !(isOrganiser && hasStarted)) return Content("");
        // The figures are made public with the report; the organisers see them (exactly) from the start of the event.
        var figures = await EventFigures.OfAsync(db, eventId, report.ParticipantDataDeletedAt is not null, cancellationToken);
        if (!isOrganiser) figures = figures.Public();
        var language = PortalCultures.Current;
        // The event's documents, presentations and photos: those the reader may read, and "Add a file" for those who may add one.
        // (On the event's own page they are listed once, under its documents, not again in the report.)
        var shelf = onReportPage ? (await files.ForAsync(FileOwnerKind.Event, eventId, cancellationToken))?.GetValueOrDefault("") : null;
        if (shelf is { Items.Count: 0, Restricted: 0, MayAdd: false }) shelf = null;
        return View(new Shown(report, isOrganiser, hasStarted, figures.IsEmpty ? null : figures, isOrganiser,
            await referenceData.GetAsync(cancellationToken), language, onReportPage, shelf));
    }
}
