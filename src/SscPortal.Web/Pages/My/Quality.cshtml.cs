using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Quality;

namespace SscPortal.Web.Pages.My;

/// <summary>
/// Data quality of my organisations' records (/my/quality): for each organisation whose drafts the reader sees (an active
/// member with SeeOwnDrafts), its score over its published initiatives, and every initiative (drafts too) with its score
/// and what to fix, each linked to the field of the edit form; filtered by severity and organisation.
/// </summary>
[Authorize]
public class QualityModel(QualityReports reports, Rights rights) : PageModel
{
    /// <summary>Records listed per organisation, weakest first; the figures count them all.</summary>
    public const int Shown = 200;

    /// <summary>A record with the findings shown (those of the chosen severity); its score counts all of them.</summary>
    public sealed record Line(RecordQuality Record, IReadOnlyList<QualityFinding> Shown);

    /// <summary>An organisation: its figures, the records with something to fix (at most <see cref="Shown"/>), how many such records, and how many records in all.</summary>
    public sealed record OrganisationSection(OrganisationQuality Figures, IReadOnlyList<Line> Lines, int WithFindings, int Records);

    public IReadOnlyList<OrganisationSection> Organisations { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Choices { get; private set; } = [];
    public bool HasOrganisations { get; private set; }

    [BindProperty(SupportsGet = true)] public QualitySeverity? Severity { get; set; }
    [BindProperty(SupportsGet = true)] public int? Organisation { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Severity is { } s && !Enum.IsDefined(s)) Severity = null;
        var mine = await rights.OrganisationsForAsync(org => new InitiativeResource(org, PublicationState.Draft, false), Operations.See);
        HasOrganisations = mine.Count > 0;
        Choices = mine.Select(m => (m.ActorId, m.ActorName)).DistinctBy(m => m.ActorId).OrderBy(m => m.ActorName, StringComparer.CurrentCulture).ToList();
        if (Organisation is { } chosen && Choices.All(c => c.Id != chosen)) Organisation = null;
        var sections = new List<OrganisationSection>();
        foreach (var (id, _) in Choices.Where(c => Organisation is null || c.Id == Organisation))
        {
            var (figures, records) = await reports.OrganisationAsync(id, publishedOnly: false, cancellationToken);
            var lines = records.Select(r => new Line(r, r.Findings.Where(f => Severity is null || f.Severity == Severity).ToList()))
                .Where(l => l.Shown.Count > 0).ToList();
            sections.Add(new OrganisationSection(figures, lines.Take(Shown).ToList(), lines.Count, records.Count));
        }
        Organisations = sections;
    }
}
