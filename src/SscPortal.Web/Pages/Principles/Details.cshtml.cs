using SscPortal.Web.Reference;
using SscPortal.Web.Caching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Pages.Principles;

/// <summary>
/// One principle: its definition and source, the initiatives that claim it, and how published assessments scored it,
/// perspective by perspective, with the number of assessments each figure rests on.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class DetailsModel(AppDbContext db, ReferenceData referenceData) : PageModel
{
    public const int Listed = 50;

    public sealed record Scored(int AssessmentId, int InitiativeId, string InitiativeTitle, string InitiativeLanguage, string AssessorName,
        AssessmentPerspective Perspective, double? Average, int Answers);

    public Principle Principle { get; private set; } = null!;
    public int ClaimCount { get; private set; }
    public IReadOnlyList<InitiativeCard> Claims { get; private set; } = [];
    public IReadOnlyList<ScoreDistribution> ByPerspective { get; private set; } = [];
    public IReadOnlyList<Scored> Assessments { get; private set; } = [];
    public ReferenceData.Snapshot Names { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        Names = await referenceData.GetAsync(cancellationToken);
        var principle = Names.Principles.FirstOrDefault(p => p.Code == code);
        if (principle is null) return NotFound();
        Principle = principle;
        var claiming = db.Initiatives.AsNoTracking().Published().Where(i => i.Principles.Any(p => p.PrincipleCode == code));
        ClaimCount = await claiming.CountAsync(cancellationToken);
        Claims = await claiming.OrderByDescending(i => i.PublishedAt).ThenByDescending(i => i.Id).Take(Listed)
            .ToCards(PortalCultures.Current).ToListAsync(cancellationToken);

        var scores = db.AssessmentScores.AsNoTracking().Where(s => s.Scope == ScoreScope.Principle && s.Code == code)
            .Join(db.Assessments.CurrentlyPublished(), s => s.AssessmentId, a => a.Id, (s, a) => new { Score = s, Assessment = a });
        Assessments = await scores.OrderByDescending(x => x.Assessment.PublishedAt).ThenByDescending(x => x.Assessment.Id).Take(Listed)
            .Select(x => new Scored(x.Assessment.Id, x.Assessment.InitiativeId, x.Assessment.Initiative!.Title, x.Assessment.Initiative.Language,
                x.Assessment.Assessor!.Name, x.Assessment.Perspective, x.Score.Average, x.Score.Scored))
            .ToListAsync(cancellationToken);
        ByPerspective = await ScoreDistribution.ByPerspectiveAsync(scores.Select(x => new ScoreDistribution.Point { Perspective = x.Assessment.Perspective, Average = x.Score.Average }), cancellationToken);
        return Page();
    }
}
