using SscPortal.Web.Reference;
using SscPortal.Web.Caching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Pages.Actors;

/// <summary>The directory of organisations, by name, with how many published initiatives each takes part in.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class IndexModel([FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int PageSize = 30;

    public sealed record Row(int Id, string Name, string? Acronym, ActorType Type, string? CountryCode, string? Scope, bool IsVerified, int InitiativeCount);

    [FromQuery(Name = "type")] public string? Type { get; set; }
    [FromQuery(Name = "after")] public string? After { get; set; }

    public IReadOnlyList<Row> Results { get; private set; } = [];
    public int Total { get; private set; }
    public string? NextCursor { get; private set; }
    public bool IsPastTheEnd { get; private set; }
    public ReferenceData.Snapshot Names { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Names = await referenceData.GetAsync(cancellationToken);
        var query = db.Actors.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Type))
        {
            if (CodeParsing.TryParseName<ActorType>(Type, out var type))
            {
                query = query.Where(a => a.Type == type);
                Type = type.ToUrlValue();
            }
            else
            {
                ModelState.AddModelError(nameof(Type), L["“{0}” is not a kind of organisation. This filter was not applied.", Type.Length > 40 ? Type[..40] + "…" : Type]);
                Type = null;
            }
        }
        Total = await query.CountAsync(cancellationToken);

        if (After is not null)
        {
            if (KeysetCursor.TryDecode(After, out var cursor))
#pragma warning disable CA1309 // Translated to SQL, where the column's collation decides, as it does for ORDER BY.
                query = query.Where(a => string.Compare(a.Name, cursor.SortKey) > 0 || (a.Name == cursor.SortKey && a.Id > cursor.Id));
#pragma warning restore CA1309
            else
            {
                ModelState.AddModelError("Page", L["This page link is not valid, so the list starts from the beginning."]);
                After = null;
            }
        }

        var page = await query.OrderBy(a => a.Name).ThenBy(a => a.Id).Take(PageSize + 1)
            .Select(a => new Row(a.Id, a.Name, a.Acronym, a.Type, a.CountryCode, a.Scope, a.IsVerified,
                a.Initiatives.Where(ia => ia.Initiative!.Publication == PublicationState.Published).Select(ia => ia.InitiativeId).Distinct().Count()))
            .ToListAsync(cancellationToken);
        if (page.Count > PageSize)
        {
            page.RemoveAt(PageSize);
            NextCursor = new KeysetCursor(page[^1].Name, page[^1].Id).Encode();
        }
        Results = page;
        IsPastTheEnd = page.Count == 0 && After is not null && Total > 0;
    }

    public string LinkTo(string? after = null) => Url.Page("/Actors/Index", new { type = Type, after })!;
}
