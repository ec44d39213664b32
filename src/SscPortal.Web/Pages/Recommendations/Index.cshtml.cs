using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Caching;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Reference;
using SscPortal.Web.Search;

namespace SscPortal.Web.Pages.Recommendations;

/// <summary>
/// The public recommendation tracker (issue 16): the recommendations of published assessments (the latest revision, of a
/// published initiative), the newest assessment first and each one's by number, with where each stands; filtered by
/// facets whose counts follow the current list; paged by keyset. A filter value that is not understood is said and left out.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class IndexModel(AppDbContext db, ReferenceData referenceData, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int PageSize = 20;

    /// <summary>How much of a recommendation's text the list shows; its assessment's page has the whole.</summary>
    public const int Clip = 280;

    [FromQuery(Name = "after")] public string? After { get; set; }

    public RecommendationFilter Filter { get; private set; } = null!;
    /// <summary>What was not understood in the address, each with the filter it was for.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public IReadOnlyList<TrackedRecommendation> Results { get; private set; } = [];
    public IReadOnlyList<Facet> Facets { get; private set; } = [];
    public int Total { get; private set; }
    public string? NextCursor { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var names = await referenceData.GetAsync(cancellationToken);
        var (filter, values) = RecommendationFilter.Read(Request.Query, names, L);
        Filter = filter;
        Problems = values.Errors.SelectMany(e => e.Value.Select(message => L["{0}: {1} This filter was not applied.", LabelOf(e.Key), message].Value)).ToList();
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var query = Filter.Apply(db.Recommendations.AsNoTracking(), Today);
        Total = await query.CountAsync(cancellationToken);
        Facets = await RecommendationFacets.CountAsync(Filter, db, Today, names, L, cancellationToken);

        TrackerPosition? after = null;
        if (After is not null)
        {
            if (TrackerPosition.TryDecode(After, out var position)) after = position;
            else
            {
                ModelState.AddModelError("Page", L["This page link is not valid, so the list starts from the beginning."]);
                After = null;
            }
        }
        var page = await RecommendationQueries.ReadAsync(query, after, PageSize + 1, cancellationToken);
        if (page.Count > PageSize)
        {
            page.RemoveAt(PageSize);
            NextCursor = TrackerPosition.Of(page[^1]).ToCursor().Encode();
        }
        Results = page;
    }

    private string LabelOf(string parameter) => parameter switch
    {
        "country" => L["Country"],
        "organisation" => L["Addressed to"],
        "status" => L["Status"],
        "priority" => L["Priority"],
        "principle" => L["Principle"],
        "year" => L["Year published"],
        "overdue" => L["Target date"],
        _ => parameter,
    };

    /// <summary>The text as the list shows it: whole when short, otherwise cut at a word and marked.</summary>
    public static string Clipped(string text)
    {
        if (text.Length <= Clip) return text;
        var cut = text.LastIndexOf(' ', Clip);
        return text[..(cut > Clip / 2 ? cut : Clip)].TrimEnd() + "…";
    }

    /// <summary>A link to this list with the current filters and the given page position.</summary>
    public string LinkTo(string? after = null) => Filter.Link("/recommendations", extra: [("after", after)]);
}
