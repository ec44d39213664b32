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
using SscPortal.Web.Widgets;

namespace SscPortal.Web.Pages.Widgets;

/// <summary>
/// A catalogue search as a widget: the first answers of any question the catalogue understands (its own parameters, read
/// by its own <see cref="InitiativeFilter"/>), and a link to the same search on the portal.
/// </summary>
[AllowAnonymous]
[Embeddable]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class InitiativesModel(AppDbContext db, ReferenceData referenceData, IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>How many initiatives are listed (1–20).</summary>
    [FromQuery(Name = "items")] public string? Items { get; set; }

    public InitiativeFilter Filter { get; private set; } = null!;
    public ReferenceData.Snapshot Names { get; private set; } = null!;
    public IReadOnlyList<InitiativeCard> Results { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Names = await referenceData.GetAsync(cancellationToken);
        Filter = InitiativeFilter.Read(Request.Query, Names, L);
        await Filter.PrepareAsync(db, cancellationToken);
        Total = await Filter.Apply(db.Initiatives.AsNoTracking(), db).CountAsync(cancellationToken);
        Results = await WidgetQueries.FirstAsync(Filter, db, WidgetQueries.Items(Items), cancellationToken);
    }

    /// <summary>The same search on the portal, in the widget's language.</summary>
    public string SeeAll => WidgetQueries.Back(Filter.Link("/initiatives"));
}
