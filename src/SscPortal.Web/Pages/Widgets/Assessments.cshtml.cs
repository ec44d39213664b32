using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Caching;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Pages.Widgets;

/// <summary>
/// An initiative's published assessments as a widget: each perspective with its scores by dimension (never averaged into one
/// figure), and where each official party stands with its right of reply (<see cref="ResponseDeadlines"/>).
/// </summary>
[AllowAnonymous]
[SscPortal.Web.Widgets.Embeddable]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class AssessmentsModel(AppDbContext db, OfficialParties officialParties, ResponseDeadlines deadlines) : PageModel
{
    public sealed record Party(int Id, string Name, ResponseStatus Status);

    public sealed record Row(int Id, AssessmentPerspective Perspective, int AssessorId, string AssessorName, DateTime PublishedAt, IReadOnlyList<int> Responders)
    {
        public IReadOnlyList<AssessmentScore> Scores { get; init; } = [];
        public IReadOnlyList<Party> Parties { get; init; } = [];
    }

    public int Id { get; private set; }
    public TextInLanguage Shown { get; private set; } = null!;
    public IReadOnlyList<Row> Assessments { get; private set; } = [];
    public IReadOnlyList<FrameworkDimension> Dimensions { get; private set; } = [];
    public int ResponseDays => deadlines.ResponseDays;
    public int DaysSince(DateTime at) => deadlines.DaysSince(at);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var language = PortalCultures.Current;
        var initiative = await db.Initiatives.AsNoTracking().Published().Where(i => i.Id == id)
            .Select(i => new { i.Title, i.Summary, i.Language, Translations = i.Translations.Where(t => t.Language == language).Select(t => new TextInLanguage(t.Language, t.Title, t.Summary)).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        if (initiative is null) return NotFound();
        Id = id;
        Shown = initiative.Translations.FirstOrDefault() ?? new TextInLanguage(initiative.Language, initiative.Title, initiative.Summary);

        var rows = await db.Assessments.AsNoTracking().CurrentlyPublished().Where(a => a.InitiativeId == id)
            .OrderBy(a => a.Perspective).ThenBy(a => a.PublishedAt).ThenBy(a => a.Id)
            .Select(a => new Row(a.Id, a.Perspective, a.AssessorId, a.Assessor!.Name, a.PublishedAt!.Value,
                db.AssessmentResponses.Where(r => r.AssessmentId == a.Id).Select(r => r.ResponderId).ToList()))
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var scores = (await db.AssessmentScores.AsNoTracking().Where(s => ids.Contains(s.AssessmentId) && s.Scope == ScoreScope.Dimension).ToListAsync(cancellationToken))
            .ToLookup(s => s.AssessmentId);
        // The official parties owe each assessment a response, its assessor excepted (ResponseDeadlines.PartiesOwingAsync, read once for the initiative).
        var parties = rows.Count == 0 ? [] : await officialParties.OfInitiativeAsync(id, cancellationToken);
        Assessments = rows.Select(r => r with
        {
            Scores = scores[r.Id].ToList(),
            Parties = parties.Where(p => p.Id != r.AssessorId)
                .Select(p => new Party(p.Id, p.Name, deadlines.StatusOf(r.PublishedAt, r.Responders.Contains(p.Id) ? r.PublishedAt : null)))
                .OrderBy(p => p.Status).ThenBy(p => p.Name, StringComparer.CurrentCulture).ToList(),
        }).ToList();
        Dimensions = rows.Count == 0 ? [] : (await db.AssessmentFrameworks.AsNoTracking().OrderByDescending(f => f.Version).FirstAsync(cancellationToken)).Dimensions;
        return Page();
    }
}
