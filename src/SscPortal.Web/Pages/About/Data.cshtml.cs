using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using SscPortal.Web.Caching;
using SscPortal.Web.Data;
using SscPortal.Web.OpenData;

namespace SscPortal.Web.Pages.About;

/// <summary>
/// The portal's open data in one place: the licence, the catalogue of datasets (/data.json), every export, feed and API, the
/// organisations' own IATI files and how to register one with the IATI Registry.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class DataModel(AppDbContext db, OpenDataLicence licence) : PageModel
{
    public sealed record Reporter(int Id, string Name, string Identifier);

    public OpenDataLicence Licence => licence;

    /// <summary>Organisations with their own IATI file: verified, with an identifier and at least one published initiative.</summary>
    public IReadOnlyList<Reporter> Reporters { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Reporters = await db.Actors.AsNoTracking()
            .Where(a => a.IsVerified && a.IatiIdentifier != null && db.Initiatives.Any(i => i.OwnerId == a.Id && i.Publication == Domain.PublicationState.Published))
            .OrderBy(a => a.Name).ThenBy(a => a.Id).Take(200)
            .Select(a => new Reporter(a.Id, a.Name, a.IatiIdentifier!)).ToListAsync(cancellationToken);
    }
}
