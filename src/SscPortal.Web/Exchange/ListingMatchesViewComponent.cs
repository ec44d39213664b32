using Microsoft.AspNetCore.Mvc;
using SscPortal.Domain;
using SscPortal.Web.Localization;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Exchange;

/// <summary>
/// "Offers that fit this need" / "Needs this offer could meet" on a listing's page, each with "Why this match" in the
/// reader's language; nothing at all for a listing that is not published and open. <c>&lt;vc:listing-matches id="@id" /&gt;</c>.
/// </summary>
public sealed class ListingMatchesViewComponent(Matches matches, ReferenceData referenceData) : ViewComponent
{
    public sealed record Shown(MatchSuggestions Suggestions, ReferenceData.Snapshot Names, string Language);

    public async Task<IViewComponentResult> InvokeAsync(int id)
    {
        var language = PortalCultures.Current;
        var suggestions = await matches.ForAsync(id, language, Matches.DefaultCount, HttpContext.RequestAborted);
        if (suggestions is null) return Content("");
        return View(new Shown(suggestions, await referenceData.GetAsync(HttpContext.RequestAborted), language));
    }

    /// <summary>The heading for the suggestions of a listing of this kind.</summary>
    public static string Heading(ListingKind kind) => kind switch
    {
        ListingKind.Need => "Offers that fit this need",
        ListingKind.Offer => "Needs this offer could meet",
        _ => "Offers and needs that fit this exchange",
    };

    public static string NoneYet(ListingKind kind) => kind switch
    {
        ListingKind.Need => "No open offer fits this need yet.",
        ListingKind.Offer => "No open need fits this offer yet.",
        _ => "No open offer or need fits this exchange yet.",
    };
}
