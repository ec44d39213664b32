using System.Globalization;
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
using SscPortal.Web.Mail;
using SscPortal.Web.Reference;
using SscPortal.Web.Search;
using SscPortal.Web.Widgets;

namespace SscPortal.Web.Pages.Widgets;

/// <summary>The kinds of widget the generator makes.</summary>
public enum WidgetKind
{
    Search = 1,
    Organisation = 2,
    Country = 3,
    Assessments = 4,
}

/// <summary>
/// The widget generator: a GET form (no script needed) that chooses a widget, its question, language, length and height,
/// and answers with the &lt;iframe&gt; code to copy and a live preview of it. The page itself is never framable.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class IndexModel(AppDbContext db, ReferenceData referenceData, PublicAddress publicAddress, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int DefaultHeight = 420;
    public const int MinHeight = 150;
    public const int MaxHeight = 2000;

    [FromQuery(Name = "kind")] public string? Kind { get; set; }
    [FromQuery(Name = "organisation")] public string? Organisation { get; set; }
    [FromQuery(Name = "initiative")] public string? Initiative { get; set; }
    [FromQuery(Name = "language")] public string? Language { get; set; }
    [FromQuery(Name = "items")] public string? Items { get; set; }
    [FromQuery(Name = "height")] public string? Height { get; set; }

    public WidgetKind Chosen { get; private set; } = WidgetKind.Search;
    public InitiativeFilter Filter { get; private set; } = null!;
    public ReferenceData.Snapshot Names { get; private set; } = null!;
    public string ChosenLanguage { get; private set; } = PortalCultures.Default;
    public int ItemCount { get; private set; } = WidgetQueries.DefaultItems;
    public int HeightPixels { get; private set; } = DefaultHeight;
    public string? OrganisationName { get; private set; }
    public string? InitiativeTitle { get; private set; }

    /// <summary>The widget's address on this portal (for the preview), and the code to copy (absolute address); null while a choice is missing.</summary>
    public string? WidgetPath { get; private set; }
    public string? FrameTitle { get; private set; }
    public string? Code { get; private set; }

    public IReadOnlyDictionary<string, string> Errors => _errors;
    private readonly Dictionary<string, string> _errors = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Names = await referenceData.GetAsync(cancellationToken);
        Filter = InitiativeFilter.Read(Request.Query, Names, L);
        ChosenLanguage = PortalCultures.Current;

        if (!string.IsNullOrWhiteSpace(Kind))
        {
            if (CodeParsing.TryParseName<WidgetKind>(Kind.Trim(), out var kind)) Chosen = kind;
            else _errors["kind"] = L["Choose a kind of widget."];
        }
        if (!string.IsNullOrWhiteSpace(Language))
        {
            if (PortalCultures.IsSupported(Language.Trim().ToLowerInvariant())) ChosenLanguage = Language.Trim().ToLowerInvariant();
            else _errors["language"] = L["Choose one of the portal's languages."];
        }
        if (!string.IsNullOrWhiteSpace(Items))
        {
            if (int.TryParse(Items, NumberStyles.None, CultureInfo.InvariantCulture, out var items) && items is >= 1 and <= WidgetQueries.MaxItems) ItemCount = items;
            else _errors["items"] = L["Enter a number from {0} to {1}.", 1, WidgetQueries.MaxItems];
        }
        if (!string.IsNullOrWhiteSpace(Height))
        {
            if (int.TryParse(Height, NumberStyles.None, CultureInfo.InvariantCulture, out var height) && height is >= MinHeight and <= MaxHeight) HeightPixels = height;
            else _errors["height"] = L["Enter a number from {0} to {1}.", MinHeight, MaxHeight];
        }

        // The choice the kind needs, checked against what is public.
        int? organisation = null, initiative = null;
        if (Organisation is { } organisationText && !string.IsNullOrWhiteSpace(organisationText))
        {
            if (int.TryParse(organisationText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && await db.Actors.AsNoTracking().Where(a => a.Id == id).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken) is { } name)
                (organisation, OrganisationName) = (id, name);
            else if (Chosen == WidgetKind.Organisation) _errors["organisation"] = L["There is no organisation with this number."];
        }
        else if (Chosen == WidgetKind.Organisation) _errors["organisation"] = L["Enter the number of an organisation (open its page and follow “Embed”)."];
        if (Initiative is { } initiativeText && !string.IsNullOrWhiteSpace(initiativeText))
        {
            var language = PortalCultures.Current;
            if (int.TryParse(initiativeText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && await db.Initiatives.AsNoTracking().Published().Where(i => i.Id == id).ToCards(language).SingleOrDefaultAsync(cancellationToken) is { } card)
                (initiative, InitiativeTitle) = (id, card.Shown.Title);
            else if (Chosen == WidgetKind.Assessments) _errors["initiative"] = L["There is no published initiative with this number."];
        }
        else if (Chosen == WidgetKind.Assessments) _errors["initiative"] = L["Enter the number of a published initiative (open its page and follow “Embed”)."];
        if (Chosen == WidgetKind.Country && Filter.Country is null) _errors["country"] = L["Choose a country."];
        if (_errors.Count > 0) return;

        var listed = ItemCount.ToString(CultureInfo.InvariantCulture);
        WidgetPath = Chosen switch
        {
            WidgetKind.Organisation => $"/widgets/organisations/{organisation}?items={listed}&culture={ChosenLanguage}",
            WidgetKind.Country => $"/widgets/countries/{Filter.Country!.ToLowerInvariant()}?items={listed}&culture={ChosenLanguage}",
            WidgetKind.Assessments => $"/widgets/initiatives/{initiative}/assessments?culture={ChosenLanguage}",
            _ => Filter.Link("/widgets/initiatives", null, null, ("items", listed), ("culture", ChosenLanguage)),
        };
        // The frame's title, for screen readers on the site that embeds it: in the widget's language.
        using (PortalCultures.Use(ChosenLanguage))
        {
            FrameTitle = Chosen switch
            {
                WidgetKind.Organisation => L["Initiatives of {0} on the SSC Portal", OrganisationName!],
                WidgetKind.Country => L["{0} on the SSC Portal", Names.CountryName(Filter.Country!, ChosenLanguage)],
                WidgetKind.Assessments => L["Assessments of “{0}” on the SSC Portal", InitiativeTitle!],
                _ => Filter.Q is { } q ? L["Initiatives matching “{0}” on the SSC Portal", q] : L["Initiatives on the SSC Portal"],
            };
        }
        var root = publicAddress.Root ?? $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
        Code = EmbedCode(root + WidgetPath, FrameTitle, HeightPixels);
    }

    /// <summary>The &lt;iframe&gt; element to paste into another site, its attribute values encoded.</summary>
    public static string EmbedCode(string source, string title, int height) =>
        $"<iframe src=\"{Attribute(source)}\" title=\"{Attribute(title)}\" height=\"{height.ToString(CultureInfo.InvariantCulture)}\" loading=\"lazy\" style=\"width: 100%; max-width: 100%; border: 1px solid #d6dbe1;\"></iframe>";

    private static string Attribute(string value) => value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    public string? ErrorFor(string field) => _errors.GetValueOrDefault(field);
}
