using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;
using static SscPortal.Web.Tests.Infrastructure.Organisation;
using static SscPortal.Web.Tests.Infrastructure.Role;

namespace SscPortal.Web.Tests;

public abstract partial class AccessMatrixTests
{
    /// <summary>
    /// The entries of embeddable widgets (widget helper): public views of public records, for everyone; a record that is not
    /// public (a draft initiative) or does not exist is a 404 for everyone, signed in or not. A property, not a field (see <see cref="GoodPracticeCases"/>).
    /// </summary>
    private static Case[] WidgetsCases =>
    [
        new("/widgets GET", "the widget generator", _ => Task.FromResult(Get("/widgets?kind=search&q=water&language=es&items=3")), Everyone),
        new("/widgets GET", "the generator for A's organisation", w => Task.FromResult(Get($"/widgets?kind=organisation&organisation={w.CsoA.Id}")), Everyone),
        new("/widgets/initiatives GET", "a search as a widget", _ => Task.FromResult(Get("/widgets/initiatives?q=water&modality=bilateral&items=3&culture=fr")), Everyone),
        new("/widgets/organisations/{id:int} GET", "A's initiatives as a widget", w => Task.FromResult(Get($"/widgets/organisations/{w.CsoA.Id}?culture=es")), Everyone),
        new("/widgets/organisations/{id:int} GET", "a guessed id", _ => Task.FromResult(Get("/widgets/organisations/2147483000")), Nobody),
        new("/widgets/countries/{code:length(2)} GET", "a country as a widget", _ => Task.FromResult(Get("/widgets/countries/pe?items=2")), Everyone),
        new("/widgets/countries/{code:length(2)} GET", "a code that is no country", _ => Task.FromResult(Get("/widgets/countries/qq")), Nobody),
        new("/widgets/initiatives/{id:int}/assessments GET", "the assessments of A's published initiative", async w =>
        {
            var id = await w.Portal.InitiativeAsync(w.CsoA, "UY", "PY", DateTime.UtcNow.AddMinutes(-5));
            await w.Portal.AssessmentAsync(w.CsoB, id, DateTime.UtcNow.AddMinutes(-1));
            return Get($"/widgets/initiatives/{id}/assessments?culture=pt");
        }, Everyone),
        // Even its own members do not see a draft in a widget: widgets show only what the public sees.
        new("/widgets/initiatives/{id:int}/assessments GET", "A's draft initiative", async w => Get($"/widgets/initiatives/{await w.Portal.InitiativeAsync(w.CsoA, "UY", "PY", null)}/assessments"), Nobody),
    ];
}
