using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Quality;

namespace SscPortal.Web.Pages.DataQuality;

/// <summary>
/// The public data-quality figures (/data-quality), as 360Giving and the Aid Transparency Index publish them: for every
/// organisation with published initiatives, its score, how many records and the share with each kind of problem, over its
/// published initiatives only (drafts never count); sortable; and the documented checks ("How we check").
/// </summary>
[AllowAnonymous]
public class IndexModel(IOptions<QualityOptions> options, ResponseDeadlines deadlines, SscPortal.Web.Caching.CatalogueCache cache) : PageModel
{
    public const int PageSize = 100;

    /// <summary>The kinds of problem shown as columns, beside the shares with a critical finding and with a warning.</summary>
    public static readonly QualityCheck[] Columns =
        [QualityCheck.MissingSectors, QualityCheck.MissingSdgs, QualityCheck.MissingActualEnd, QualityCheck.UntranslatedTitle, QualityCheck.BrokenLink, QualityCheck.LeftOutOfIatiFile];

    public static readonly string[] Sorts = ["score", "records", "name", "critical", "warning", .. Columns.Select(c => c.ToString())];

    public IReadOnlyList<OrganisationQuality> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages { get; private set; }
    public int BrokenAfter => Math.Max(1, options.Value.BrokenAfterFailures);
    public int ResponseDays => deadlines.ResponseDays;

    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public bool Desc { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public async Task OnGetAsync()
    {
        if (Sort is null || !Sorts.Contains(Sort, StringComparer.Ordinal)) Sort = "score";
        // Every published record is checked to make these figures: computed once for all readers (and all sort orders) and kept
        // until content changes or two minutes pass (Caching/CatalogueCache.cs), never once per request.
        // On a scope of its own, so a reader who leaves never ends the computation the others wait for.
        var all = await cache.GetAsync("data-quality:organisations", (services, token) => services.GetRequiredService<QualityReports>().AllAsync(token), HttpContext.RequestAborted);
        IEnumerable<OrganisationQuality> ordered = Sort switch
        {
            "records" => Order(all, o => o.Records),
            "name" => Desc ? all.OrderByDescending(o => o.Name, StringComparer.CurrentCulture) : all.OrderBy(o => o.Name, StringComparer.CurrentCulture),
            "critical" => Order(all, o => o.Share(o.WithCritical)),
            "warning" => Order(all, o => o.Share(o.WithWarning)),
            "score" => Order(all, o => o.Score ?? 0),
            _ => Order(all, o => o.ShareWith(Enum.Parse<QualityCheck>(Sort))),
        };
        Total = all.Count;
        Pages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = ordered.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
    }

    private IOrderedEnumerable<OrganisationQuality> Order(IEnumerable<OrganisationQuality> rows, Func<OrganisationQuality, int> key) =>
        (Desc ? rows.OrderByDescending(key) : rows.OrderBy(key)).ThenBy(o => o.Name, StringComparer.CurrentCulture).ThenBy(o => o.ActorId);

    /// <summary>The address that sorts by the column (the other way round when it is the current sort).</summary>
    public string SortLink(string sort) =>
        $"/data-quality?sort={sort}&desc={(sort == Sort ? !Desc : sort is "records" or "critical" or "warning" || Columns.Any(c => c.ToString() == sort)).ToString().ToLowerInvariant()}";

    /// <summary>How a column is sorted now, for aria-sort.</summary>
    public string AriaSort(string sort) => sort != Sort ? "none" : Desc ? "descending" : "ascending";
}
