using SscPortal.Web.Reference;
using SscPortal.Web.Caching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;

namespace SscPortal.Web.Pages.Principles;

/// <summary>The principles of South-South cooperation, where each was set down, and how many initiatives claim it.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class IndexModel(AppDbContext db, ReferenceData referenceData) : PageModel
{
    public IReadOnlyList<Principle> Principles { get; private set; } = [];
    public IReadOnlyDictionary<string, int> Claims { get; private set; } = new Dictionary<string, int>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Principles = (await referenceData.GetAsync(cancellationToken)).Principles;
        Claims = await db.Set<InitiativePrinciple>().AsNoTracking()
            .Where(p => db.Initiatives.Any(i => i.Id == p.InitiativeId && i.Publication == PublicationState.Published))
            .GroupBy(p => p.PrincipleCode).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }
}
