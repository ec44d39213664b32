using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;

namespace SscPortal.Web.Pages.Initiatives;

/// <summary>One published initiative: who takes part, where, in which role, towards which goals.</summary>
[AllowAnonymous]
public class DetailsModel(AppDbContext db, ReferenceData referenceData) : PageModel
{
    public sealed record ActorTakingPart(int Id, string Name, string? Acronym, ActorType Type, ActorRole Role);
    public sealed record GoalLink(int Code, bool IsPrimary);

    public sealed record View(
        int Id, string Title, string Summary, string? Description, string Language,
        Modality Modality, Instrument Instrument, ActivityStatus Status,
        DateOnly? ApprovalDate, DateOnly? PlannedStart, DateOnly? PlannedEnd, DateOnly? ActualStart, DateOnly? ActualEnd,
        DateTime PublishedAt, DateTime UpdatedAt, int OwnerId, string OwnerName,
        IReadOnlyList<CountryWithRole> Countries, IReadOnlyList<ActorTakingPart> Actors,
        IReadOnlyList<GoalLink> Goals, IReadOnlyList<string> Sectors);

    public View Initiative { get; private set; } = null!;
    public ReferenceData.Snapshot Names { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var initiative = await db.Initiatives.AsNoTracking().Published()
            .Where(i => i.Id == id)
            .Select(i => new View(
                i.Id, i.Title, i.Summary, i.Description, i.Language, i.Modality, i.Instrument, i.Status,
                i.ApprovalDate, i.PlannedStart, i.PlannedEnd, i.ActualStart, i.ActualEnd,
                i.PublishedAt!.Value, i.UpdatedAt, i.OwnerId, i.Owner!.Name,
                i.Countries.OrderBy(c => c.Role).ThenBy(c => c.CountryCode).Select(c => new CountryWithRole(c.CountryCode, c.Role)).ToList(),
                i.Actors.OrderBy(a => a.Role).ThenBy(a => a.Actor!.Name)
                    .Select(a => new ActorTakingPart(a.ActorId, a.Actor!.Name, a.Actor.Acronym, a.Actor.Type, a.Role)).ToList(),
                i.Sdgs.OrderByDescending(s => s.IsPrimary).ThenBy(s => s.GoalCode).Select(s => new GoalLink(s.GoalCode, s.IsPrimary)).ToList(),
                i.Sectors.OrderBy(s => s.SectorCode).Select(s => s.SectorCode).ToList()))
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken);
        if (initiative is null) return NotFound();

        Initiative = initiative;
        Names = await referenceData.GetAsync(cancellationToken);
        return Page();
    }
}
