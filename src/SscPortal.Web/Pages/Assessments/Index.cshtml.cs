using SscPortal.Web.Reference;
using SscPortal.Web.Caching;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Pages.Assessments;

/// <summary>
/// Published assessments (the latest revision of each), newest first, filtered by the initiative's country and modality,
/// a dimension's score range, the perspective and the assessor organisation; paged by keyset.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class IndexModel(AppDbContext db, ReferenceData referenceData, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int PageSize = 20;

    [FromQuery(Name = "country")] public string? Country { get; set; }
    [FromQuery(Name = "modality")] public string? Modality { get; set; }
    [FromQuery(Name = "perspective")] public string? Perspective { get; set; }
    [FromQuery(Name = "assessor")] public int? AssessorId { get; set; }
    [FromQuery(Name = "dimension")] public string? Dimension { get; set; }
    [FromQuery(Name = "min")] public string? Min { get; set; }
    [FromQuery(Name = "max")] public string? Max { get; set; }
    [FromQuery(Name = "after")] public string? After { get; set; }

    public sealed record Row(int Id, int InitiativeId, string InitiativeTitle, string InitiativeLanguage, int AssessorId, string AssessorName,
        AssessmentPerspective Perspective, DateTime PublishedAt, int Revision, int ResponseCount);

    public IReadOnlyList<Row> Results { get; private set; } = [];
    public ILookup<int, AssessmentScore> Scores { get; private set; } = Array.Empty<AssessmentScore>().ToLookup(s => s.AssessmentId);
    public int Total { get; private set; }
    public string? NextCursor { get; private set; }
    public bool IsFiltered { get; private set; }
    public IReadOnlyList<FrameworkDimension> Dimensions { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> AssessorOptions { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> CountryOptions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var names = await referenceData.GetAsync(cancellationToken);
        var language = PortalCultures.Current;
        // Dimension codes are shared across framework versions; the latest version names them.
        Dimensions = (await db.AssessmentFrameworks.AsNoTracking().OrderByDescending(f => f.Version).FirstAsync(cancellationToken)).Dimensions;
        var current = db.Assessments.AsNoTracking().CurrentlyPublished();
        var query = ApplyFilters(current, names);
        Total = await query.CountAsync(cancellationToken);

        if (After is not null)
        {
            if (KeysetCursor.TryDecode(After, out var cursor) && cursor.TryGetTime(out var at))
                query = query.Where(a => a.PublishedAt < at || (a.PublishedAt == at && a.Id < cursor.Id));
            else
            {
                ModelState.AddModelError("Page", L["This page link is not valid, so the list starts from the beginning."]);
                After = null;
            }
        }
        var page = await query.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(PageSize + 1)
            .Select(a => new Row(a.Id, a.InitiativeId, a.Initiative!.Title, a.Initiative.Language, a.AssessorId, a.Assessor!.Name, a.Perspective,
                a.PublishedAt!.Value, a.Revision, db.AssessmentResponses.Count(r => r.AssessmentId == a.Id)))
            .ToListAsync(cancellationToken);
        if (page.Count > PageSize)
        {
            page.RemoveAt(PageSize);
            NextCursor = KeysetCursor.For(page[^1].PublishedAt, page[^1].Id).Encode();
        }
        Results = page;
        var ids = page.Select(r => r.Id).ToList();
        Scores = (await db.AssessmentScores.AsNoTracking().Where(s => ids.Contains(s.AssessmentId) && s.Scope == ScoreScope.Dimension).ToListAsync(cancellationToken))
            .ToLookup(s => s.AssessmentId);

        AssessorOptions = (await current.Select(a => new { a.AssessorId, a.Assessor!.Name }).Distinct().ToListAsync(cancellationToken))
            .OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).Select(a => (a.AssessorId, a.Name)).ToList();
        CountryOptions = (await current.SelectMany(a => a.Initiative!.Countries).Select(c => c.CountryCode).Distinct().ToListAsync(cancellationToken))
            .Select(code => (code, names.CountryName(code, language)))
            .OrderBy(c => c.Item2, StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true)).ToList();
    }

    private IQueryable<Assessment> ApplyFilters(IQueryable<Assessment> query, ReferenceData.Snapshot names)
    {
        if (!string.IsNullOrWhiteSpace(Country))
        {
            var code = Country.Trim().ToUpperInvariant();
            if (names.Countries.ContainsKey(code))
            {
                query = query.Where(a => a.Initiative!.Countries.Any(c => c.CountryCode == code));
                (Country, IsFiltered) = (code, true);
            }
            else { ModelState.AddModelError(nameof(Country), L["There is no country with the code “{0}”. This filter was not applied.", Shorten(Country)]); Country = null; }
        }
        if (!string.IsNullOrWhiteSpace(Modality))
        {
            if (CodeParsing.TryParseName<Modality>(Modality, out var modality))
            {
                query = query.Where(a => a.Initiative!.Modality == modality);
                (Modality, IsFiltered) = (modality.ToUrlValue(), true);
            }
            else { ModelState.AddModelError(nameof(Modality), L["“{0}” is not a modality. This filter was not applied.", Shorten(Modality)]); Modality = null; }
        }
        if (!string.IsNullOrWhiteSpace(Perspective))
        {
            if (CodeParsing.TryParseName<AssessmentPerspective>(Perspective, out var perspective))
            {
                query = query.Where(a => a.Perspective == perspective);
                (Perspective, IsFiltered) = (perspective.ToUrlValue(), true);
            }
            else { ModelState.AddModelError(nameof(Perspective), L["“{0}” is not a perspective. This filter was not applied.", Shorten(Perspective)]); Perspective = null; }
        }
        if (AssessorId is { } assessor)
        {
            query = query.Where(a => a.AssessorId == assessor);
            IsFiltered = true;
        }
        if (!string.IsNullOrWhiteSpace(Dimension) || !string.IsNullOrWhiteSpace(Min) || !string.IsNullOrWhiteSpace(Max))
            query = ApplyScoreRange(query);
        return query;
    }

    /// <summary>Assessments whose average on one dimension lies in a range (0–4); an average needs at least one scored answer.</summary>
    private IQueryable<Assessment> ApplyScoreRange(IQueryable<Assessment> query)
    {
        var dimension = Dimensions.FirstOrDefault(d => d.Code == Dimension?.Trim());
        if (dimension is null)
        {
            ModelState.AddModelError(nameof(Dimension), L["Choose a dimension to filter by score."]);
            Dimension = null;
            return query;
        }
        double? Read(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                && value >= AssessmentFramework.LowestScore && value <= AssessmentFramework.HighestScore) return value;
            ModelState.AddModelError(field, L["Enter a score from 0 to 4."]);
            return null;
        }
        var min = Read(Min, nameof(Min)) ?? AssessmentFramework.LowestScore;
        var max = Read(Max, nameof(Max)) ?? AssessmentFramework.HighestScore;
        if (!ModelState.IsValid) { Min = Max = null; return query; }
        if (min > max) (min, max) = (max, min);
        var code = dimension.Code;
        IsFiltered = true;
        return query.Where(a => db.AssessmentScores.Any(s => s.AssessmentId == a.Id && s.Scope == ScoreScope.Dimension && s.Code == code
            && s.Average != null && s.Average >= min && s.Average <= max));
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    public string LinkTo(string? after) =>
        Url.Page("/Assessments/Index", new { country = Country, modality = Modality, perspective = Perspective, assessor = AssessorId, dimension = Dimension, min = Min, max = Max, after })!;
}
