using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Web.Caching;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;
using SscPortal.Web.Reference;
using SscPortal.Web.Search;
using SscPortal.Web.Widgets;

namespace SscPortal.Web.Pages.Widgets;

/// <summary>A country's figures (as its page counts them) and its newest published initiatives, as a widget.</summary>
[AllowAnonymous]
[Embeddable]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class CountryModel(AppDbContext db, ReferenceData referenceData, IStringLocalizer<SharedResource> L) : PageModel
{
    [FromQuery(Name = "items")] public string? Items { get; set; }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public CountryFigures Figures { get; private set; } = null!;
    public ReferenceData.Snapshot Names { get; private set; } = null!;
    public InitiativeFilter Filter { get; private set; } = null!;
    public IReadOnlyList<InitiativeCard> Results { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        Names = await referenceData.GetAsync(cancellationToken);
        code = code.ToUpperInvariant();
        if (!Names.Countries.ContainsKey(code)) return NotFound();
        (Code, Name) = (code, Names.CountryName(code, PortalCultures.Current));
        Figures = await CountryFigures.ReadAsync(db, code, cancellationToken);
        Filter = WidgetQueries.Filter(Names, L, ("country", code));
        Results = await WidgetQueries.FirstAsync(Filter, db, WidgetQueries.Items(Items), cancellationToken);
        return Page();
    }

    public static string Link(string pathAndQuery) => WidgetQueries.Back(pathAndQuery);
}
