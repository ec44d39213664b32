using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;
using static SscPortal.Web.Tests.Infrastructure.Organisation;
using static SscPortal.Web.Tests.Infrastructure.Role;

namespace SscPortal.Web.Tests;

public abstract partial class AccessMatrixTests
{
    /// <summary>A draft (or submitted) application of <paramref name="applicant"/> to an open call of G, complete, naming <paramref name="invited"/> as partners not yet confirmed.</summary>
    private static async Task<int> ApplicationOf(AccessWorld w, Actor applicant, bool submitted = false, params Actor[] invited)
    {
        var id = await w.Portal.ApplicationAsync(await w.Portal.CallAsync(w.AgencyG), applicant, submitted);
        if (invited.Length > 0)
            await w.Portal.WithDatabaseAsync(async db =>
            {
                foreach (var partner in invited) db.Add(new ApplicationPartner { ApplicationId = id, OrganisationId = partner.Id, InvitedAt = DateTime.UtcNow });
                return await db.SaveChangesAsync();
            });
        return id;
    }

    private static Dictionary<string, string> Naming(Actor organisation) => new() { ["OrganisationId"] = TestData.Key(organisation.Id) };

    /// <summary>The entries of applications (starting, writing, partners, submitting); made when read, after the shared role lists this file uses.</summary>
    private static Case[] ApplicationCases =>
    [
        new("/calls/{id:int}/apply GET", "apply to G's open call", async w => Get($"/calls/{await w.Portal.CallAsync(w.AgencyG)}/apply"), SignedIn),
        new("/calls/{id:int}/apply GET", "apply to H's draft call", async w => Get($"/calls/{await w.Portal.CallAsync(w.AgencyH, published: false)}/apply"), SeeHidden(AgencyH, unpublished: false)),
        new("/calls/{id:int}/apply GET", "a guessed id", _ => Task.FromResult(Get("/calls/2147483000/apply")), Nobody),
        new("/calls/{id:int}/apply POST", "A starts an application to G's call", async w => Post($"/calls/{await w.Portal.CallAsync(w.AgencyG)}/apply", Naming(w.CsoA)),
            Holders(Permission.ApplyToCalls, CsoA)),
        new("/calls/{id:int}/apply POST", "B (crafted) starts an application to G's call", async w => Post($"/calls/{await w.Portal.CallAsync(w.AgencyG)}/apply", Naming(w.CsoB)),
            Holders(Permission.ApplyToCalls, CsoB)),
        // G's members may apply for G: the page answers, with the rule (an organisation cannot apply to its own call), and saves nothing.
        new("/calls/{id:int}/apply POST", "G applies to its own call", async w => Post($"/calls/{await w.Portal.CallAsync(w.AgencyG)}/apply", Naming(w.AgencyG)),
            Holders(Permission.ApplyToCalls, AgencyG)),
        new("/calls/{id:int}/apply POST", "A applies to H's draft call", async w => Post($"/calls/{await w.Portal.CallAsync(w.AgencyH, published: false)}/apply", Naming(w.CsoA)),
            SeeHidden(AgencyH, unpublished: false)),
        new("/applications/{id:int} GET", "A's draft", async w => Get($"/applications/{await ApplicationOf(w, w.CsoA)}"), Holders(Permission.SeeOwnDrafts, CsoA)),
        new("/applications/{id:int} GET", "A's submitted application to G's call", async w => Get($"/applications/{await ApplicationOf(w, w.CsoA, submitted: true)}"),
            Holders(Permission.SeeOwnDrafts, CsoA) | Holders(Permission.DecideOnApplications, AgencyG)),
        new("/applications/{id:int} GET", "B's draft naming A as partner", async w => Get($"/applications/{await ApplicationOf(w, w.CsoB, false, w.CsoA)}"),
            Holders(Permission.SeeOwnDrafts, CsoB) | Holders(Permission.ApplyToCalls, CsoA)),
        new("/applications/{id:int} GET", "a guessed id", _ => Task.FromResult(Get("/applications/2147483000")), Nobody),
        new("/applications/{id:int}/edit GET", "edit A's draft", async w => Get($"/applications/{await ApplicationOf(w, w.CsoA)}/edit"), Holders(Permission.ApplyToCalls, CsoA)),
        new("/applications/{id:int}/edit GET", "edit A's submitted application", async w => Get($"/applications/{await ApplicationOf(w, w.CsoA, submitted: true)}/edit"), Nobody),
        new("/applications/{id:int}/edit POST", "save A's draft", async w => Post($"/applications/{await ApplicationOf(w, w.CsoA)}/edit",
            new() { ["Input.Title"] = "Matrix application", ["Input.Version"] = "1" }), Holders(Permission.ApplyToCalls, CsoA)),
        new("/applications/{id:int}/edit POST", "save B's draft naming A as partner", async w => Post($"/applications/{await ApplicationOf(w, w.CsoB, false, w.CsoA)}/edit",
            new() { ["Input.Title"] = "Matrix application", ["Input.Version"] = "1" }), Holders(Permission.ApplyToCalls, CsoB)),
        new("/applications/{id:int}/edit POST", "save A's submitted application", async w => Post($"/applications/{await ApplicationOf(w, w.CsoA, submitted: true)}/edit",
            new() { ["Input.Title"] = "Matrix application", ["Input.Version"] = "2" }), Nobody),
        new("/applications/{id:int}/history GET", "history of A's draft", async w => Get($"/applications/{await ApplicationOf(w, w.CsoA)}/history"), Holders(Permission.SeeOwnDrafts, CsoA)),
        new("/applications/{id:int}/history GET", "a guessed id", _ => Task.FromResult(Get("/applications/2147483000/history")), Nobody),
        new("/applications/{id:int} POST InvitePartner", "A names B as partner", async w => Post($"/applications/{await ApplicationOf(w, w.CsoA)}?handler=InvitePartner", Naming(w.CsoB)),
            Holders(Permission.ApplyToCalls, CsoA)),
        new("/applications/{id:int} POST RemovePartner", "A takes G off", async w => Post($"/applications/{await ApplicationOf(w, w.CsoA, false, w.AgencyG)}?handler=RemovePartner", Naming(w.AgencyG)),
            Holders(Permission.ApplyToCalls, CsoA)),
        new("/applications/{id:int} POST ConfirmPartnership", "G confirms its part in B's draft", async w => Post($"/applications/{await ApplicationOf(w, w.CsoB, false, w.AgencyG)}?handler=ConfirmPartnership", Naming(w.AgencyG)),
            Holders(Permission.ApplyToCalls, AgencyG)),
        new("/applications/{id:int} POST ConfirmPartnership", "confirming for H in B's draft (crafted)", async w => Post($"/applications/{await ApplicationOf(w, w.CsoB, false, w.AgencyH)}?handler=ConfirmPartnership", Naming(w.AgencyH)),
            Holders(Permission.ApplyToCalls, AgencyH)),
        new("/applications/{id:int} POST DeclinePartnership", "G declines its part in B's draft", async w => Post($"/applications/{await ApplicationOf(w, w.CsoB, false, w.AgencyG)}?handler=DeclinePartnership", Naming(w.AgencyG)),
            Holders(Permission.ApplyToCalls, AgencyG)),
        new("/applications/{id:int} POST Submit", "A submits its complete draft", async w => Post($"/applications/{await ApplicationOf(w, w.CsoA)}?handler=Submit", AsRendered()),
            Holders(Permission.ApplyToCalls, CsoA)),
        new("/applications/{id:int} POST Submit", "submitting H's draft (crafted)", async w => Post($"/applications/{await ApplicationOf(w, w.AgencyH)}?handler=Submit", AsRendered()),
            Holders(Permission.ApplyToCalls, AgencyH)),
        new("/applications/{id:int} POST Delete", "A deletes its draft", async w => Post($"/applications/{await ApplicationOf(w, w.CsoA)}?handler=Delete", new() { ["confirm"] = "true" }),
            Holders(Permission.ApplyToCalls, CsoA)),
        new("/my/applications GET", "my organisations' applications", _ => Task.FromResult(Get("/my/applications")), SignedIn),
    ];
}
