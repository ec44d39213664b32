using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Calls;
using SscPortal.Web.Data;
using SscPortal.Web.Forms;
using SscPortal.Web.Localization;
using SscPortal.Web.Records;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Applications;

/// <summary>
/// Applying to a call (/calls/{id}/apply): the call's title, kind and deadline, and for each of the reader's organisations
/// that may apply, whether it is eligible and why not (read from the registry), with its application if it has one.
/// "Start an application" makes one draft per organisation and call, however often it is pressed.
/// </summary>
[Authorize]
public class ApplyModel(AppDbContext db, Rights rights, RecordSaver saver, SubmitOnce once, AuditLog audit, IServiceProvider services,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record Candidate(int Id, string Name, IReadOnlyList<RuleViolation> Reasons, int? ApplicationId);

    public CooperationCall Call { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public bool IsOpen { get; private set; }
    public bool HasClosed { get; private set; }
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];

    [BindProperty] public int OrganisationId { get; set; }

    private Applying Applying => Applying.Of(services);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var call = await saver.LoadAsync(VersionedRecords.Call, id, cancellationToken, tracked: false);
        if (call is null || !await rights.MayAsync(RightsOf(call), Operations.See)) return false;
        Call = call;
        var language = PortalCultures.Current;
        Title = call.Translations.FirstOrDefault(t => t.Language == language)?.Title ?? call.Title;
        var now = saver.Now;
        IsOpen = call.IsOpenAt(now);
        HasClosed = call.HasClosed(now);
        var organisations = await rights.OrganisationsForAsync(org => new ApplicationResource(0, org, call.OwnerId), Operations.Edit);
        var ids = organisations.Select(o => o.ActorId).ToList();
        var existing = await db.CallApplications.AsNoTracking().Where(a => a.CallId == id && ids.Contains(a.ApplicantId))
            .Select(a => new { a.ApplicantId, a.Id }).ToListAsync(cancellationToken);
        var candidates = new List<Candidate>();
        foreach (var organisation in organisations)
        {
            var applicant = await Applying.ApplicantAsync(organisation.ActorId, cancellationToken);
            candidates.Add(new Candidate(organisation.ActorId, organisation.ActorName, applicant is null ? [] : CallEligibility.Check(call, applicant),
                existing.FirstOrDefault(e => e.ApplicantId == organisation.ActorId)?.Id));
        }
        Candidates = candidates;
        if (OrganisationId == 0) OrganisationId = candidates.FirstOrDefault(c => c.ApplicationId is null && c.Reasons.Count == 0)?.Id ?? 0;
        return true;
    }

    /// <summary>Starts a draft for one of the reader's organisations: refused, with the reason, when the call is not open or the organisation not eligible.</summary>
    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) => once.CreateAsync(() => StartAsync(id, cancellationToken), cancellationToken);

    private async Task<IActionResult> StartAsync(int id, CancellationToken cancellationToken)
    {
        var call = await saver.LoadAsync(VersionedRecords.Call, id, cancellationToken, tracked: false);
        if (call is null || !await rights.MayAsync(RightsOf(call), Operations.See))
        {
            await rights.RefuseAsync(AuditTargets.Call, id, Operations.See);
            return NotFound();
        }
        // Only for an organisation the reader may apply for: another's id, crafted into the form, is refused.
        if (await rights.RequireAsync(new ApplicationResource(0, OrganisationId, call.OwnerId), Operations.Edit, AuditTargets.Application, "new") is { } refused)
            return refused;
        var outcome = await Applying.StartAsync(call, OrganisationId, created => once.Record(Applying.PathOf(created)), cancellationToken);
        switch (outcome)
        {
            case ApplyOutcome.Done done:
                TempData[PageMessages.Message] = L["Your organisation's application was started as a draft: write it, name its partners, then submit it before the deadline."].Value;
                return Redirect($"{Applying.PathOf(done.ApplicationId)}/edit");
            case ApplyOutcome.Exists existing:
                TempData[PageMessages.Message] = L["Your organisation already has an application to this call: here it is."].Value;
                return Redirect(Applying.PathOf(existing.ApplicationId));
            case ApplyOutcome.Refused { Reasons: var reasons }:
                await audit.RecordRefusalAsync(AuditTargets.Call, id, ApplicationRefusals.Detail("apply", OrganisationId, reasons));
                foreach (var reason in reasons) ModelState.AddModelError(nameof(OrganisationId), ApplicationLabels.Rule(reason.Code, L));
                return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
            default:
                TempData[PageMessages.Problem] = L["Someone else changed this record a moment ago, so nothing was changed: check it and try again."].Value;
                return RedirectToPage(new { id });
        }
    }

    private static CallResource RightsOf(CooperationCall call) => new(call.OwnerId, call.Publication, call.HeldByModerator);
}
