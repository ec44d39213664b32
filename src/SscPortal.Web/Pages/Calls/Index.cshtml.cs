using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Caching;
using SscPortal.Web.Calls;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;
using SscPortal.Web.Reference;
using SscPortal.Web.Search;

namespace SscPortal.Web.Pages.Calls;

/// <summary>
/// The calls (issue 19): published calls, open ones first (closing soonest), then upcoming ones, then closed ones (latest
/// deadline first); searched in every language and filtered by facets whose counts follow the current list; paged by number.
/// A filter value that is not understood is said and left out.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class IndexModel(AppDbContext db, ReferenceData referenceData, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int PageSize = 20;
    public const int MaxPage = 1000;
    public const int Clip = 280;

    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "kind")] public string? Kind { get; set; }
    [FromQuery(Name = "status")] public string? Status { get; set; }
    [FromQuery(Name = "orgtype")] public string? OrgType { get; set; }
    [FromQuery(Name = "language")] public string? Language { get; set; }
    [FromQuery(Name = "page")] public string? PageNumber { get; set; }

    public CallFilter Filter { get; private set; } = null!;
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public IReadOnlyList<CallCard> Results { get; private set; } = [];
    public IReadOnlyList<Facet> Facets { get; private set; } = [];
    public int Total { get; private set; }
    public int Number { get; private set; } = 1;
    public bool HasNext { get; private set; }
    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var names = await referenceData.GetAsync(cancellationToken);
        var (filter, values) = CallFilter.Read(Request.Query, names, L);
        Filter = filter;
        Problems = values.Errors.SelectMany(e => e.Value.Select(message => L["{0}: {1} This filter was not applied.", LabelOf(e.Key), message].Value)).ToList();
        if (PageNumber is not null)
        {
            if (int.TryParse(PageNumber, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= MaxPage) Number = number;
            else ModelState.AddModelError("Page", L["This page link is not valid, so the list starts from the beginning."]);
        }
        Now = clock.GetUtcNow().UtcDateTime;
        var query = Filter.Apply(db.Calls.AsNoTracking(), db, Now);
        Total = await query.CountAsync(cancellationToken);
        Facets = await CallSearch.FacetsAsync(Filter, db, Now, L, cancellationToken);
        var (ids, more) = await CallSearch.PageAsync(query, Now, (Number - 1) * PageSize, PageSize, cancellationToken);
        HasNext = more && Number < MaxPage;
        Results = await CallSearch.CardsAsync(db, ids, PortalCultures.Current, cancellationToken);
    }

    private string LabelOf(string parameter) => parameter switch
    {
        "q" => L["Search"],
        "kind" => L["Kind of call"],
        "status" => L["Status"],
        "orgtype" => L["Kind of organisation"],
        "language" => L["Applications accepted in"],
        _ => parameter,
    };

    public static string Clipped(string text)
    {
        if (text.Length <= Clip) return text;
        var cut = text.LastIndexOf(' ', Clip);
        return text[..(cut > Clip / 2 ? cut : Clip)].TrimEnd() + "…";
    }

    public string LinkTo(int number) => Filter.Link("/calls", extra: [("page", number == 1 ? null : number.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
}
