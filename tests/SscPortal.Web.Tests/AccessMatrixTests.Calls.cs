using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;
using static SscPortal.Web.Tests.Infrastructure.Organisation;
using static SscPortal.Web.Tests.Infrastructure.Role;

namespace SscPortal.Web.Tests;

public abstract partial class AccessMatrixTests
{
    /// <summary>Who edits a call: its members while a draft, its admins once public (or staff who edit others' records); nobody once applications were submitted.</summary>
    private static Who EditCall(Organisation owner, bool draft) =>
        Holders(draft ? Permission.OpenCalls : Permission.PublishOwnRecords, owner) | Platform(Permission.EditOtherOrganisationsRecords);

    private static Dictionary<string, string> CallForm(int ownerId, int version = 0) => new()
    {
        ["Input.OwnerId"] = $"{ownerId}", ["Input.Kind"] = "Funding", ["Input.Title"] = TestData.Unique("Matrix call"),
        ["Input.Text"] = "Support for peer learning between municipalities.", ["Input.Language"] = "en", ["Input.TimeZone"] = "America/Lima",
        ["Input.OpensAt"] = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'09:00", System.Globalization.CultureInfo.InvariantCulture),
        ["Input.ClosesAt"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd'T'18:00", System.Globalization.CultureInfo.InvariantCulture),
        ["Input.MaxAmount"] = "5000", ["Input.Currency"] = "USD", ["Input.ScaleMax"] = "5",
        ["Input.Criteria[0].Name"] = "Horizontality", ["Input.Criteria[0].Weight"] = "2", ["Input.Version"] = $"{version}",
    };

    /// <summary>A published call of the owner that a moderator unpublished (held, if asked).</summary>
    private static async Task<int> UnpublishedCall(AccessWorld w, Actor owner, bool held = false)
    {
        var id = await w.Portal.CallAsync(owner);
        await w.Portal.WithDatabaseAsync(async db =>
        {
            (await db.Calls.FindAsync(id))!.Unpublish("Breaks the terms", byModerator: held);
            return await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>A published call of A with a submitted application of B.</summary>
    private static async Task<int> CallWithSubmission(AccessWorld w)
    {
        var id = await w.Portal.CallAsync(w.CsoA);
        await w.Portal.ApplicationAsync(id, w.CsoB);
        return id;
    }

    private static string LaterDeadline() =>
        DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd'T'18:00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The entries of calls (/calls, a call's pages and handlers).</summary>
    private static Case[] CallCases =>
    [
        new("/calls GET", "the calls", _ => Task.FromResult(Get("/calls?kind=funding&status=open")), Everyone),
        new("/calls.csv GET", "the calls as CSV", _ => Task.FromResult(Get("/calls.csv?status=open")), Everyone),
        new("/api/v1/calls GET", "published calls", _ => Task.FromResult(Get("/api/v1/calls?limit=5")), Everyone),
        new("/api/v1/calls/{id:int} GET", "A's published call", async w => Get($"/api/v1/calls/{await w.Portal.CallAsync(w.CsoA)}"), Everyone),
        new("/api/v1/calls/{id:int} GET", "A's draft call (the API shows published records only)", async w => Get($"/api/v1/calls/{await w.Portal.CallAsync(w.CsoA, published: false)}"), Nobody),
        new("/feeds/calls.atom GET", "the calls' feed", _ => Task.FromResult(Get("/feeds/calls.atom?kind=network")), Everyone),
        new("/calls/{id:int} GET", "A's published call", async w => Get($"/calls/{await w.Portal.CallAsync(w.CsoA)}"), Everyone),
        new("/calls/{id:int} GET", "G's draft call", async w => Get($"/calls/{await w.Portal.CallAsync(w.AgencyG, published: false)}"), SeeHidden(AgencyG, unpublished: false)),
        new("/calls/{id:int} GET", "G's call a moderator unpublished", async w => Get($"/calls/{await UnpublishedCall(w, w.AgencyG)}"), SeeHidden(AgencyG, unpublished: true)),
        new("/calls/{id:int} GET", "a guessed id", _ => Task.FromResult(Get("/calls/2147483000")), Nobody),
        new("/calls/new GET", "new call form", _ => Task.FromResult(Get("/calls/new")), Anywhere(Permission.OpenCalls)),
        new("/calls/new POST", "new call of A", w => Task.FromResult(Post("/calls/new", CallForm(w.CsoA.Id))), Holders(Permission.OpenCalls, CsoA)),
        new("/calls/new POST", "new call of H (crafted owner)", w => Task.FromResult(Post("/calls/new", CallForm(w.AgencyH.Id))), Holders(Permission.OpenCalls, AgencyH)),
        new("/calls/new POST AddRows", "a question more on the new-call form (saves nothing)", w => Task.FromResult(Post("/calls/new?handler=AddRows&add=question", CallForm(w.AgencyG.Id))), Anywhere(Permission.OpenCalls)),
        new("/calls/{id:int}/edit GET", "edit A's draft call", async w => Get($"/calls/{await w.Portal.CallAsync(w.CsoA, published: false)}/edit"), EditCall(CsoA, draft: true)),
        new("/calls/{id:int}/edit GET", "edit A's published call", async w => Get($"/calls/{await w.Portal.CallAsync(w.CsoA)}/edit"), EditCall(CsoA, draft: false)),
        new("/calls/{id:int}/edit GET", "edit A's call once an application was submitted", async w => Get($"/calls/{await CallWithSubmission(w)}/edit"), Nobody),
        new("/calls/{id:int}/edit POST", "save A's draft call", async w => Post($"/calls/{await w.Portal.CallAsync(w.CsoA, published: false)}/edit", CallForm(w.CsoA.Id, version: 1)), EditCall(CsoA, draft: true)),
        new("/calls/{id:int}/edit POST", "save G's published call", async w => Post($"/calls/{await w.Portal.CallAsync(w.AgencyG)}/edit", CallForm(w.AgencyG.Id, version: 1)), EditCall(AgencyG, draft: false)),
        new("/calls/{id:int}/edit POST", "save a guessed id", w => Task.FromResult(Post("/calls/2147483000/edit", CallForm(w.CsoA.Id, version: 1))), Nobody),
        new("/calls/{id:int}/edit POST AddRows", "a criterion more on A's draft", async w => Post($"/calls/{await w.Portal.CallAsync(w.CsoA, published: false)}/edit?handler=AddRows&add=criterion", CallForm(w.CsoA.Id, version: 1)), EditCall(CsoA, draft: true)),
        new("/calls/{id:int}/history GET", "history of A's published call", async w => Get($"/calls/{await w.Portal.CallAsync(w.CsoA)}/history"), Everyone),
        new("/calls/{id:int}/history GET", "history of G's draft call", async w => Get($"/calls/{await w.Portal.CallAsync(w.AgencyG, published: false)}/history"), SeeHidden(AgencyG, unpublished: false)),
        new("/calls/{id:int} POST Publish", "publish A's draft call", async w => Post($"/calls/{await w.Portal.CallAsync(w.CsoA, published: false)}?handler=Publish", AsRendered()), Holders(Permission.PublishOwnRecords, CsoA)),
        new("/calls/{id:int} POST Unpublish", "unpublish G's call", async w => Post($"/calls/{await w.Portal.CallAsync(w.AgencyG)}?handler=Unpublish", AsRendered(new() { ["Reason"] = "Matrix" })),
            Holders(Permission.PublishOwnRecords, AgencyG) | Platform(Permission.UnpublishAnyRecord)),
        new("/calls/{id:int} POST Release", "lift the hold on G's call", async w => Post($"/calls/{await UnpublishedCall(w, w.AgencyG, held: true)}?handler=Release"), Platform(Permission.UnpublishAnyRecord)),
        new("/calls/{id:int} POST Delete", "delete A's draft call", async w => Post($"/calls/{await w.Portal.CallAsync(w.CsoA, published: false)}?handler=Delete", new() { ["confirm"] = "true" }), Holders(Permission.OpenCalls, CsoA)),
        new("/calls/{id:int} POST Extend", "extend the deadline of A's call", async w => Post($"/calls/{await w.Portal.CallAsync(w.CsoA)}?handler=Extend", new() { ["NewDeadline"] = LaterDeadline() }),
            Holders(Permission.DecideOnApplications, CsoA)),
        new("/calls/{id:int} POST Extend", "extend the deadline of G's call", async w => Post($"/calls/{await w.Portal.CallAsync(w.AgencyG)}?handler=Extend", new() { ["NewDeadline"] = LaterDeadline() }),
            Holders(Permission.DecideOnApplications, AgencyG)),
    ];
}
