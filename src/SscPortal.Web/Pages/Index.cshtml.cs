using SscPortal.Web.Reference;
using SscPortal.Web.Caching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;

namespace SscPortal.Web.Pages;

/// <summary>The home page: what the portal is, how much it holds, and the latest published initiatives.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class IndexModel(AppDbContext db, ReferenceData referenceData) : PageModel
{
    public int InitiativeCount { get; private set; }
    public int CountryCount { get; private set; }
    public int ActorCount { get; private set; }
    public IReadOnlyList<InitiativeCard> Latest { get; private set; } = [];
    public ReferenceData.Snapshot Names { get; private set; } = null!;

    /// <summary>An administrator on a portal with no verified organisation yet is led to /admin/start (never an anonymous reader: the page stays cacheable).</summary>
    public bool LeadToStart { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var published = db.Initiatives.AsNoTracking().Published();
        InitiativeCount = await published.CountAsync(cancellationToken);
        CountryCount = await published.SelectMany(i => i.Countries).Select(c => c.CountryCode).Distinct().CountAsync(cancellationToken);
        ActorCount = await published.SelectMany(i => i.Actors).Select(a => a.ActorId).Distinct().CountAsync(cancellationToken);
        Latest = await published.OrderByDescending(i => i.PublishedAt).ThenByDescending(i => i.Id).Take(6).ToCards(Localization.PortalCultures.Current).ToListAsync(cancellationToken);
        Names = await referenceData.GetAsync(cancellationToken);
        LeadToStart = Authorization.PlatformPermissions.Holds(User, Domain.Permission.CreateOrganisations) && await Admin.StartModel.IsFreshAsync(db, cancellationToken);
    }
}
