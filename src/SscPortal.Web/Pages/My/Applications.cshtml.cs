using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Data;
using SscPortal.Web.Records;

namespace SscPortal.Web.Pages.My;

/// <summary>
/// My organisations' applications to calls (/my/applications): each with its call, state, deadline and how much is still
/// missing; and the requests to be a partner in another organisation's application that wait for my organisations' answer.
/// </summary>
[Authorize]
public class ApplicationsModel(AppDbContext db, Rights rights) : PageModel
{
    public const int Shown = 200;

    public sealed record Row(int Id, string Title, string Organisation, int CallId, string CallTitle, ApplicationState State, DateTime ClosesAt, string TimeZone, int Missing);
    public sealed record PartnerRequest(int ApplicationId, string Title, string Applicant, string Partner, int CallId, string CallTitle, DateTime ClosesAt, string TimeZone);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<PartnerRequest> Requests { get; private set; } = [];
    public bool HasOrganisations { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var readable = (await rights.OrganisationsForAsync(org => new ApplicationResource(0, org, 0), Operations.See)).ToList();
        HasOrganisations = readable.Count > 0;
        var ids = readable.Select(o => o.ActorId).ToList();
        var names = readable.ToDictionary(o => o.ActorId, o => o.ActorName);
        var applications = await db.CallApplications.AsNoTracking().WithEverything().Where(a => ids.Contains(a.ApplicantId))
            .OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id).Take(Shown).ToListAsync(cancellationToken);
        var callIds = applications.Select(a => a.CallId).Distinct().ToList();
        var calls = await db.Calls.AsNoTracking().Include(c => c.Questions).Include(c => c.Translations).Where(c => callIds.Contains(c.Id)).AsSplitQuery()
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var applicationIds = applications.Select(a => a.Id).ToList();
        var confirmed = await db.Set<ApplicationPartner>().AsNoTracking().Where(p => applicationIds.Contains(p.ApplicationId) && p.Confirmed)
            .Select(p => new { p.ApplicationId, p.Organisation!.Type }).ToListAsync(cancellationToken);
        var language = Localization.PortalCultures.Current;
        string TitleOf(CooperationCall call) => call.Translations.FirstOrDefault(t => t.Language == language)?.Title ?? call.Title;
        Rows = applications.Select(a =>
        {
            var call = calls[a.CallId];
            var missing = a.IsSubmitted ? 0 : a.Missing(call, confirmed.Where(p => p.ApplicationId == a.Id).Select(p => p.Type).ToList()).Count;
            return new Row(a.Id, a.Title, names.GetValueOrDefault(a.ApplicantId, ""), a.CallId, TitleOf(call), a.State, call.ClosesAt, call.TimeZone, missing);
        }).ToList();

        // Requests to be a partner, for the organisations the reader may answer for.
        var answering = (await rights.OrganisationsForAsync(org => new PartnerResource(0, org), Operations.ConfirmPartnership)).Select(o => o.ActorId).ToList();
        var waiting = await db.Set<ApplicationPartner>().AsNoTracking()
            .Where(p => answering.Contains(p.OrganisationId) && !p.Confirmed)
            .Join(db.CallApplications.AsNoTracking().Where(a => a.State == ApplicationState.Draft), p => p.ApplicationId, a => a.Id, (p, a) => new
            {
                a.Id, a.Title, Applicant = a.Applicant!.Name, Partner = p.Organisation!.Name, a.CallId, CallTitle = a.Call!.Title, a.Call.ClosesAt, a.Call.TimeZone, p.InvitedAt,
            })
            .OrderByDescending(x => x.InvitedAt).Take(Shown).ToListAsync(cancellationToken);
        Requests = waiting.Select(w => new PartnerRequest(w.Id, w.Title, w.Applicant, w.Partner, w.CallId, w.CallTitle, w.ClosesAt, w.TimeZone)).ToList();
    }
}
