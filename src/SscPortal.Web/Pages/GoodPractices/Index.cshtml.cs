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

namespace SscPortal.Web.Pages.GoodPractices;

/// <summary>
/// The good practices (issue 19): the published ones, searched in every language and filtered by facets (theme, country,
/// kind of organisation, call) whose counts follow the current list; newest first when browsing, best match first when
/// searching; paged by keyset. A filter value that is not understood is said and left out.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class IndexModel(AppDbContext db, ReferenceData referenceData, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int PageSize = 20;
    public const int Clip = 280;

    // Declared, though GoodPracticeFilter reads them itself, so that every parameter the page takes is known to the tools that list them.
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "theme")] public string? Theme { get; set; }
    [FromQuery(Name = "country")] public string? Country { get; set; }
    [FromQuery(Name = "orgtype")] public string? OrgType { get; set; }
    [FromQuery(Name = "call")] public string? Call { get; set; }
    [FromQuery(Name = "after")] public string? After { get; set; }

    public GoodPracticeFilter Filter { get; private set; } = null!;
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public IReadOnlyList<GoodPracticeCard> Results { get; private set; } = [];
    public IReadOnlyList<Facet> Facets { get; private set; } = [];
    public int Total { get; private set; }
    public string? NextCursor { get; private set; }
    public ReferenceData.Snapshot Names { get; private set; } = null!;
    public IReadOnlyDictionary<int, string> CallTitles { get; private set; } = new Dictionary<int, string>();

    public bool IsSearch => Filter.Q is not null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Names = await referenceData.GetAsync(cancellationToken);
        var (filter, values) = GoodPracticeFilter.Read(Request.Query, Names, L);
        Filter = filter;
        Problems = values.Errors.SelectMany(e => e.Value.Select(message => L["{0}: {1} This filter was not applied.", LabelOf(e.Key), message].Value)).ToList();
        var query = Filter.Apply(db.GoodPractices.AsNoTracking(), db);
        Total = await query.CountAsync(cancellationToken);
        Facets = await GoodPracticeSearch.FacetsAsync(Filter, db, Names, L, cancellationToken);

        KeysetCursor? after = null;
        if (After is not null)
        {
            if (KeysetCursor.TryDecode(After, out var cursor) && ListingSearch.Fits(cursor, IsSearch)) after = cursor;
            else
            {
                ModelState.AddModelError("Page", L["This page link is not valid, so the list starts from the beginning."]);
                After = null;
            }
        }
        var (ids, next) = await GoodPracticeSearch.PageAsync(query, Filter.Q, db, after, PageSize, cancellationToken);
        Results = await GoodPracticeSearch.CardsAsync(db, ids, cancellationToken);
        NextCursor = next?.Encode();
        var callIds = Results.Select(r => r.CallId).OfType<int>().Distinct().ToList();
        CallTitles = await db.Calls.AsNoTracking().Where(c => callIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Title, cancellationToken);
    }

    private string LabelOf(string parameter) => parameter switch
    {
        "q" => L["Search"],
        "theme" => L["Theme"],
        "country" => L["Country"],
        "orgtype" => L["Kind of organisation"],
        "call" => L["Call"],
        _ => parameter,
    };

    public static string Clipped(string text)
    {
        if (text.Length <= Clip) return text;
        var cut = text.LastIndexOf(' ', Clip);
        return text[..(cut > Clip / 2 ? cut : Clip)].TrimEnd() + "…";
    }

    public string LinkTo(string? after = null) => Filter.Link("/good-practices", extra: [("after", after)]);
}
