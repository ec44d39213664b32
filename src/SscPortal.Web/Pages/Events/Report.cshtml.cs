using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Events;
using SscPortal.Web.Forms;
using SscPortal.Web.Localization;
using SscPortal.Web.Records;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Events;

/// <summary>
/// What came out of an event (<c>/events/{id}/report</c>): whoever may see the event reads the published report and the
/// figures of participation here; the members of its organising organisations (the owner and the co-organisers that
/// confirmed) also write the report — a summary, outcomes and ways forward — once the event has started, save it as a
/// draft, publish it and withdraw it, and add its documents, presentations and photos through the files. The report is
/// saved through the event's one save path (<see cref="RecordSaver"/>): checked against the version the form was opened
/// at, written into the event's history and the audit log.
/// </summary>
[AllowAnonymous]
public class ReportModel(AppDbContext db, Rights rights, RecordSaver saver, History history, IStringLocalizer<SharedResource> L) : PageModel
{
    public const string SaveDraft = "draft";
    public const string Publish = "publish";

    public sealed class InputModel
    {
        public string? Summary { get; set; }
        public string? Outcomes { get; set; }
        public int Version { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    /// <summary>The version the withdraw button was shown with.</summary>
    [BindProperty(Name = "Version")] public int? SeenVersion { get; set; }

    public EventReport Report { get; private set; } = null!;
    public bool IsOrganiser { get; private set; }
    public bool HasStarted { get; private set; }
    public EditConflict? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (IsOrganiser) Input = new InputModel { Summary = Report.Summary, Outcomes = Report.Outcomes, Version = Report.Version };
        return Page();
    }

    /// <summary>Saves the report as a draft (<c>act=draft</c>) or publishes it (<c>act=publish</c>; a published report stays published when changed).</summary>
    public async Task<IActionResult> OnPostAsync(int id, string? act, CancellationToken cancellationToken)
    {
        var @event = await saver.LoadAsync(VersionedRecords.Event, id, cancellationToken);
        if (await RefusedAsync(@event, id) is { } refused) return refused;
        var publish = act == Publish;
        var wasPublished = @event!.ReportPublishedAt;
        var before = RecordSaver.Before(VersionedRecords.Event, @event);
        var problems = @event.WriteReport(Input.Summary, Input.Outcomes, publish, saver.Now);
        if (problems.Count > 0)
        {
            // Each message beside its field, said of a report (not of an initiative, as the shared messages say some of them).
            foreach (var field in problems.GroupBy(p => FieldOf(p.Field)))
                ModelState.AddModelError(field.Key, string.Join(" ", field.Select(p => p.Code switch
                {
                    RuleCode.SummaryRequired => L["Write a summary of what happened at the event."].Value,
                    RuleCode.TextTooLong => L["Use at most {0} characters.", CooperationEvent.TextLength].Value,
                    _ => RuleMessages.For(p.Code, L, RecordType.Event),
                }).Distinct()));
            return await AgainAsync(id, cancellationToken);
        }
        var published = wasPublished is null && @event.ReportPublishedAt is not null;
        List<FieldChange> noted = published ? [new(nameof(CooperationEvent.ReportPublishedAt), null, Instant(@event.ReportPublishedAt!.Value))] : [];
        var outcome = await saver.SaveAsync(VersionedRecords.Event, @event, before, Input.Version,
            published ? AuditEventType.EventReportPublished : AuditEventType.EventReportSaved, cancellationToken, auditDetails: @event.Title, noted: noted);
        switch (outcome)
        {
            case EditOutcome.Conflict conflict:
                // Nothing was saved: what they wrote stays in the form, the saved version beside it.
                Conflict = conflict.Sides with { DiscardUrl = $"/events/{id}/report" };
                Input.Version = conflict.SavedVersion;
                ModelState.ShowConflict(L);
                return await AgainAsync(id, cancellationToken);
            case EditOutcome.Gone:
                return NotFound();
            case EditOutcome.Unchanged:
                TempData[PageMessages.Message] = L["Nothing had changed, so nothing was saved."].Value;
                break;
            default:
                TempData[PageMessages.Message] = (published ? L["The report is published: everyone who can see the event reads it on its page."]
                    : @event.ReportPublishedAt is not null ? L["The published report was changed."]
                    : L["The report is saved as a draft: only the event's organisers see it."]).Value;
                break;
        }
        return RedirectToPage(new { id });
    }

    /// <summary>Takes a published report back: it stays as a draft for the organisers.</summary>
    public Task<IActionResult> OnPostWithdrawAsync(int id, CancellationToken cancellationToken) =>
        history.TransitionAsync(async () =>
        {
            var @event = await saver.LoadAsync(VersionedRecords.Event, id, cancellationToken);
            if (await RefusedAsync(@event, id) is { } refused) return refused;
            var outcome = await saver.ChangeAsync(VersionedRecords.Event, @event!, SeenVersion, record =>
            {
                if (record.ReportPublishedAt is not { } was) throw new RuleViolationException(nameof(CooperationEvent.ReportPublishedAt), RuleCode.NotPublished);
                record.WithdrawReport();
                return new StateChange(AuditEventType.EventReportSaved, ChangeKind.Edited, [new(nameof(CooperationEvent.ReportPublishedAt), Instant(was), null)],
                    "Report withdrawn: " + record.Title);
            }, cancellationToken);
            if (outcome is ChangeOutcome.Done)
            {
                TempData[PageMessages.Message] = L["The report was withdrawn: it is a draft again, seen only by the event's organisers."].Value;
                return RedirectToPage(new { id });
            }
            return this.Answer(outcome, id, _ => L["The report is not published, so there was nothing to withdraw."],
                L["The event changed since you opened this page: look at the report again, then withdraw it."]);
        }, () => Overtaken(id));

    /// <summary>An event that is not there or not shown to the person is a 404 (its existence is not told); one they see but may not report on, a 403.</summary>
    private async Task<IActionResult?> RefusedAsync(CooperationEvent? @event, int id)
    {
        if (@event is null)
        {
            await rights.RefuseAsync(AuditTargets.Event, id, Operations.See);
            return NotFound();
        }
        return await rights.RequireAsync(ResourceOf(@event), Operations.WriteReport, AuditTargets.Event, id);
    }

    private static EventResource ResourceOf(CooperationEvent @event) =>
        new(@event.OwnerId, @event.Publication, @event.HeldByModerator,
            @event.CoOrganisers.Where(o => o.State == CoOrganiserState.Confirmed).Select(o => o.ActorId).ToList());

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var report = await EventReport.LoadAsync(db, id, cancellationToken);
        if (report is null || !await rights.MayAsync(report.Rights, Operations.See)) return false;
        Report = report;
        IsOrganiser = await rights.MayAsync(report.Rights, Operations.WriteReport);
        HasStarted = saver.Now >= report.StartsAt;
        return true;
    }

    /// <summary>The page again, as posted (the form keeps what was typed).</summary>
    private async Task<IActionResult> AgainAsync(int id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private RedirectToPageResult Overtaken(int id)
    {
        TempData[PageMessages.Problem] = L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."].Value;
        return RedirectToPage(new { id });
    }

    private static string FieldOf(string field) => field switch
    {
        nameof(CooperationEvent.ReportOutcomes) => "Input.Outcomes",
        _ => "Input.Summary",
    };

    private static string Instant(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
