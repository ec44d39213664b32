using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;
using static SscPortal.Web.Tests.Infrastructure.Organisation;
using static SscPortal.Web.Tests.Infrastructure.Role;

namespace SscPortal.Web.Tests;

public abstract partial class AccessMatrixTests
{
    private static Who EditPractice(Organisation owner, bool draft) =>
        Holders(draft ? Permission.WriteGoodPractices : Permission.PublishOwnRecords, owner) | Platform(Permission.EditOtherOrganisationsRecords);

    private static Dictionary<string, string> PracticeForm(int ownerId, int version = 0) => new()
    {
        ["Input.OwnerId"] = $"{ownerId}", ["Input.Title"] = TestData.Unique("Matrix good practice"),
        ["Input.Practice"] = "Neighbourhood assemblies decide part of the budget.", ["Input.Language"] = "en", ["Input.Version"] = $"{version}",
    };

    /// <summary>
    /// The entries of good practices and the figures of calls. A property, not a field: field initialisers of the parts of a
    /// partial class run in the order of their files, and this file's would run before <see cref="Everyone"/> is set.
    /// </summary>
    private static Case[] GoodPracticeCases =>
    [
        // Public reads of published good practices (GoodPracticeTests); a draft or a guessed id is a 404.
        new("/good-practices GET", "the good practices", _ => Task.FromResult(Get("/good-practices?theme=governance")), Everyone),
        new("/good-practices.csv GET", "the good practices as CSV", _ => Task.FromResult(Get("/good-practices.csv?country=pe")), Everyone),
        new("/api/v1/good-practices GET", "published good practices", _ => Task.FromResult(Get("/api/v1/good-practices?limit=5")), Everyone),
        new("/api/v1/good-practices/{id:int} GET", "A's published good practice", async w => Get($"/api/v1/good-practices/{await w.Portal.GoodPracticeAsync(w.CsoA)}"), Everyone),
        new("/api/v1/good-practices/{id:int} GET", "A's draft (the API shows published records only)", async w => Get($"/api/v1/good-practices/{await w.Portal.GoodPracticeAsync(w.CsoA, published: false)}"), Nobody),
        new("/api/v1/good-practices/{id:int} GET", "a guessed id", _ => Task.FromResult(Get("/api/v1/good-practices/2147483000")), Nobody),
        new("/feeds/good-practices.atom GET", "the good practices' feed", _ => Task.FromResult(Get("/feeds/good-practices.atom?theme=health")), Everyone),
        // Figures count only calls whose results are published: public.
        new("/calls/figures GET", "calls in figures", _ => Task.FromResult(Get("/calls/figures")), Everyone),

        new("/good-practices/{id:int} GET", "A's published good practice", async w => Get($"/good-practices/{await w.Portal.GoodPracticeAsync(w.CsoA)}"), Everyone),
        new("/good-practices/{id:int} GET", "G's draft", async w => Get($"/good-practices/{await w.Portal.GoodPracticeAsync(w.AgencyG, published: false)}"), SeeHidden(AgencyG, unpublished: false)),
        new("/good-practices/{id:int} GET", "G's good practice a moderator unpublished", async w => Get($"/good-practices/{await w.Portal.GoodPracticeAsync(w.AgencyG, unpublished: true, held: true)}"), SeeHidden(AgencyG, unpublished: true)),
        new("/good-practices/{id:int} GET", "a guessed id", _ => Task.FromResult(Get("/good-practices/2147483000")), Nobody),
        new("/good-practices/new GET", "new good practice form", _ => Task.FromResult(Get("/good-practices/new")), Anywhere(Permission.WriteGoodPractices)),
        new("/good-practices/new POST", "new good practice of A", w => Task.FromResult(Post("/good-practices/new", PracticeForm(w.CsoA.Id))), Holders(Permission.WriteGoodPractices, CsoA)),
        new("/good-practices/new POST", "new good practice of G", w => Task.FromResult(Post("/good-practices/new", PracticeForm(w.AgencyG.Id))), Holders(Permission.WriteGoodPractices, AgencyG)),
        new("/good-practices/new POST", "new good practice of H (crafted owner)", w => Task.FromResult(Post("/good-practices/new", PracticeForm(w.AgencyH.Id))), Holders(Permission.WriteGoodPractices, AgencyH)),
        new("/good-practices/{id:int}/edit GET", "edit A's draft", async w => Get($"/good-practices/{await w.Portal.GoodPracticeAsync(w.CsoA, published: false)}/edit"), EditPractice(CsoA, draft: true)),
        new("/good-practices/{id:int}/edit GET", "edit A's published good practice", async w => Get($"/good-practices/{await w.Portal.GoodPracticeAsync(w.CsoA)}/edit"), EditPractice(CsoA, draft: false)),
        new("/good-practices/{id:int}/edit POST", "save A's draft", async w => Post($"/good-practices/{await w.Portal.GoodPracticeAsync(w.CsoA, published: false)}/edit", PracticeForm(w.CsoA.Id, version: 1)), EditPractice(CsoA, draft: true)),
        new("/good-practices/{id:int}/edit POST", "save G's published good practice", async w => Post($"/good-practices/{await w.Portal.GoodPracticeAsync(w.AgencyG)}/edit", PracticeForm(w.AgencyG.Id, version: 1)), EditPractice(AgencyG, draft: false)),
        new("/good-practices/{id:int}/edit POST", "save a guessed id", w => Task.FromResult(Post("/good-practices/2147483000/edit", PracticeForm(w.CsoA.Id, version: 1))), Nobody),
        new("/good-practices/{id:int}/history GET", "history of A's published good practice", async w => Get($"/good-practices/{await w.Portal.GoodPracticeAsync(w.CsoA)}/history"), Everyone),
        new("/good-practices/{id:int}/history GET", "history of G's draft", async w => Get($"/good-practices/{await w.Portal.GoodPracticeAsync(w.AgencyG, published: false)}/history"), SeeHidden(AgencyG, unpublished: false)),
        new("/good-practices/{id:int} POST Publish", "publish A's draft", async w => Post($"/good-practices/{await w.Portal.GoodPracticeAsync(w.CsoA, published: false)}?handler=Publish", AsRendered()), Holders(Permission.PublishOwnRecords, CsoA)),
        new("/good-practices/{id:int} POST Publish", "publish H's draft", async w => Post($"/good-practices/{await w.Portal.GoodPracticeAsync(w.AgencyH, published: false)}?handler=Publish", AsRendered()), Holders(Permission.PublishOwnRecords, AgencyH)),
        new("/good-practices/{id:int} POST Unpublish", "unpublish G's good practice", async w => Post($"/good-practices/{await w.Portal.GoodPracticeAsync(w.AgencyG)}?handler=Unpublish", AsRendered(new() { ["Reason"] = "Matrix" })),
            Holders(Permission.PublishOwnRecords, AgencyG) | Platform(Permission.UnpublishAnyRecord)),
        new("/good-practices/{id:int} POST Release", "lift the hold on G's good practice", async w => Post($"/good-practices/{await w.Portal.GoodPracticeAsync(w.AgencyG, unpublished: true, held: true)}?handler=Release"), Platform(Permission.UnpublishAnyRecord)),
        new("/good-practices/{id:int} POST Delete", "delete A's draft", async w => Post($"/good-practices/{await w.Portal.GoodPracticeAsync(w.CsoA, published: false)}?handler=Delete", new() { ["confirm"] = "true" }),
            Holders(Permission.WriteGoodPractices, CsoA) | Platform(Permission.EditOtherOrganisationsRecords)),
    ];
}
