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

/// <summary>An organisation's published initiatives as a widget: the catalogue's organisation filter, newest first.</summary>
[AllowAnonymous]
[Embeddable]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class OrganisationModel(AppDbContext db, ReferenceData referenceData, IStringLocalizer<SharedResource> L) : PageModel
{
    [FromQuery(Name = "items")] public string? Items { get; set; }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string? Acronym { get; private set; }
    public InitiativeFilter Filter { get; private set; } = null!;
    public ReferenceData.Snapshot Names { get; private set; } = null!;
    public IReadOnlyList<InitiativeCard> Results { get; private set; } = [];
    public int Total { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        // The organisation's page shows every organisation of the directory; so does its widget.
        var actor = await db.Actors.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Id, a.Name, a.Acronym }).SingleOrDefaultAsync(cancellationToken);
        if (actor is null) return NotFound();
        (Id, Name, Acronym) = (actor.Id, actor.Name, actor.Acronym);
        Names = await referenceData.GetAsync(cancellationToken);
        Filter = WidgetQueries.Filter(Names, L, ("actor", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Total = await Filter.Apply(db.Initiatives.AsNoTracking(), db).CountAsync(cancellationToken);
        Results = await WidgetQueries.FirstAsync(Filter, db, WidgetQueries.Items(Items), cancellationToken);
        return Page();
    }

    public string SeeAll => WidgetQueries.Back(Filter.Link("/initiatives"));
}
