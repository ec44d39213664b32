using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using SscPortal.Web.Caching;
using SscPortal.Web.Calls;
using SscPortal.Web.Data;
using SscPortal.Web.Reference;

namespace SscPortal.Web.Pages.Calls;

/// <summary>
/// Calls in figures (<c>/calls/figures</c>): across the calls whose results are published, applications submitted and
/// selected and the success rate by world region and by kind of organisation of the applicant; then, for one of those calls
/// (<c>?call=id</c>, the latest results by default), applications by country, kind of organisation and partner mix. Open
/// calls and calls still being decided are never counted: their applications are private.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public class FiguresModel(AppDbContext db, ReferenceData referenceData) : PageModel
{
    [FromQuery(Name = "call")] public string? CallParameter { get; set; }

    public IReadOnlyList<CallFigures.DecidedCall> Calls { get; private set; } = [];
    public CallFigures.Overview Overview { get; private set; } = null!;
    public CallFigures.DecidedCall? Chosen { get; private set; }
    public CallFigures.OfCall? OfChosen { get; private set; }
    public ReferenceData.Snapshot Names { get; private set; } = null!;
    /// <summary>A call was asked for that is not one whose results are published (or not a call at all).</summary>
    public bool UnknownCall { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Names = await referenceData.GetAsync(cancellationToken);
        Calls = await CallFigures.DecidedCallsAsync(db, cancellationToken);
        Overview = await CallFigures.OverviewAsync(db, Names, cancellationToken);
        if (!string.IsNullOrWhiteSpace(CallParameter))
        {
            Chosen = int.TryParse(CallParameter, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                ? Calls.FirstOrDefault(c => c.Id == id) : null;
            UnknownCall = Chosen is null;
        }
        Chosen ??= Calls.Count > 0 ? Calls[0] : null;
        if (Chosen is not null) OfChosen = await CallFigures.OfCallAsync(db, Chosen.Id, cancellationToken);
    }

    public static string PartnerMixLabel(PartnerMix mix) => mix switch
    {
        PartnerMix.CivilSociety => "With civil-society partners",
        PartnerMix.Official => "With official partners",
        PartnerMix.Both => "With both civil-society and official partners",
        PartnerMix.OtherOnly => "With other partners only (private sector)",
        _ => "No partner",
    };
}
