using SscPortal.Web.Caching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using SscPortal.Web.Authorization;
using SscPortal.Domain;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Security;

namespace SscPortal.Web.Pages.Partnerships;

/// <summary>The public list of published partnerships, newest first, with keyset paging.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class IndexModel(AppDbContext db, Rights rights) : PageModel
{
    public const int PageSize = 30;

    /// <summary>Why a signed-in person sees no "Record a partnership" button, so the page can say what they can do instead.</summary>
    public enum CannotRecord { No, WithoutOrganisation, CivilSociety, PlatformStaff }

    /// <summary>Whether the person may record a partnership: the rule /partnerships/new applies (an official organisation of theirs).</summary>
    public bool CanRecord { get; private set; }
    public CannotRecord WhyNot { get; private set; }

    public sealed record Row(int Id, string Title, PartnershipType Type, DateOnly? SignedOn, DateTime PublishedAt, IReadOnlyList<string> Signatories, int InitiativeCount);

    [FromQuery(Name = "after")] public string? After { get; set; }
    public IReadOnlyList<Row> Results { get; private set; } = [];
    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            CanRecord = (await rights.OrganisationsForAsync(id => new PartnershipResource(id), Operations.Edit)).Count > 0;
            WhyNot = CanRecord ? CannotRecord.No
                : (await rights.OrganisationsForAsync(id => new InitiativeResource(id), Operations.Edit)).Count > 0 ? CannotRecord.CivilSociety
                : await rights.MayAsync(Permission.VerifyOrganisations) ? CannotRecord.PlatformStaff
                : CannotRecord.WithoutOrganisation;
        }
        var query = db.Partnerships.AsNoTracking().Where(p => p.Publication == PublicationState.Published);
        if (KeysetCursor.TryDecode(After, out var cursor) && cursor.TryGetTime(out var at))
            query = query.Where(p => p.PublishedAt < at || (p.PublishedAt == at && p.Id < cursor.Id));
        var page = await query.OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id).Take(PageSize + 1)
            .Select(p => new Row(p.Id, p.Title, p.Type, p.SignedOn, p.PublishedAt!.Value,
                p.Signatories.OrderBy(s => s.Actor!.Name).Select(s => s.Actor!.Name).ToList(),
                p.Initiatives.Count(i => i.Initiative!.Publication == PublicationState.Published)))
            .ToListAsync(cancellationToken);
        if (page.Count > PageSize)
        {
            page.RemoveAt(PageSize);
            NextCursor = KeysetCursor.For(page[^1].PublishedAt, page[^1].Id).Encode();
        }
        Results = page;
    }
}
