using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;
using static SscPortal.Web.Tests.Infrastructure.Organisation;
using static SscPortal.Web.Tests.Infrastructure.Role;

namespace SscPortal.Web.Tests;

public abstract partial class AccessMatrixTests
{
    /// <summary>The entries of data quality (quality helper). A property, not a field (see <see cref="GoodPracticeCases"/>).</summary>
    private static Case[] QualityCases =>
    [
        // Every signed-in person may open it: it lists the organisations whose drafts they see (none: says so).
        new("/my/quality GET", "my organisations' data quality", _ => Task.FromResult(Get("/my/quality")), SignedIn),
        new("/my/quality GET", "my organisations' data quality, critical findings of G (crafted organisation: only one's own is shown)",
            w => Task.FromResult(Get($"/my/quality?organisation={w.AgencyG.Id}&severity=Critical")), SignedIn),
        // Public figures over published records only.
        new("/data-quality GET", "data quality by organisation", _ => Task.FromResult(Get("/data-quality?sort=critical&desc=true")), Everyone),
        new("/data-quality/{id:int} GET", "A's public breakdown", async w =>
        {
            await w.Portal.InitiativeAsync(w.CsoA, "PE", "PY", DateTime.UtcNow.AddMinutes(-5));
            return Get($"/data-quality/{w.CsoA.Id}");
        }, Everyone),
        new("/data-quality/{id:int} GET", "G's breakdown while it has drafts only", async w =>
        {
            await w.Portal.InitiativeAsync(w.AgencyG, "PE", "PY", null);
            return Get($"/data-quality/{w.AgencyG.Id}");
        }, Everyone),
        new("/data-quality/{id:int} GET", "a guessed organisation", _ => Task.FromResult(Get("/data-quality/2147483000")), Nobody),
    ];
}
