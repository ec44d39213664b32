using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;
using static SscPortal.Web.Tests.Infrastructure.Organisation;
using static SscPortal.Web.Tests.Infrastructure.Role;

namespace SscPortal.Web.Tests;

public abstract partial class AccessMatrixTests
{
    /// <summary>A published call of G's (open, or closed a minute ago), with an application of B's submitted to it unless <paramref name="withApplication"/> is false.</summary>
    private static async Task<(int Call, int Application)> CallOfG(AccessWorld w, bool closed = false, bool withApplication = true)
    {
        var call = await w.Portal.CallAsync(w.AgencyG);
        var application = withApplication ? await w.Portal.ApplicationAsync(call, w.CsoB) : 0;
        if (closed) await w.Portal.CloseCallAsync(call);
        return (call, application);
    }

    /// <summary>
    /// B's application to G's call, which the CSO member reviews for A (an active reviewer): not yet declared, declared with no
    /// conflict (a draft review), or declared with a conflict.
    /// </summary>
    private static async Task<int> ReviewedByCsoMember(AccessWorld w, bool declared = false, bool conflict = false)
    {
        var (call, application) = await CallOfG(w);
        var reviewer = await w.Portal.ReviewerAsync(call, w.UserIds[CsoMember]!, w.CsoA);
        if (declared || conflict)
            await w.Portal.WithDatabaseAsync(async db =>
            {
                db.Reviews.Add(Review.Declare(reviewer, application, conflict, null, DateTime.UtcNow));
                return await db.SaveChangesAsync();
            });
        return application;
    }

    /// <summary>The CSO member invited (for A) to review G's call; the invitation's id.</summary>
    private static Task<int> InvitationOfCsoMember(AccessWorld w) => w.Portal.WithDatabaseAsync(async db =>
    {
        var call = await w.Portal.CallAsync(w.AgencyG);
        var reviewer = new CallReviewer { CallId = call, UserId = w.UserIds[CsoMember]!, OrganisationId = w.CsoA.Id, State = ReviewerState.Invited, InvitedAt = DateTime.UtcNow };
        db.CallReviewers.Add(reviewer);
        await db.SaveChangesAsync();
        return reviewer.Id;
    });

    private static async Task<string> EmailOfNewMember(AccessWorld w, Actor organisation)
    {
        var userId = await w.Portal.MemberAsync(organisation, MembershipRole.Member, MembershipStatus.Active);
        return await w.Portal.WithDatabaseAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync());
    }

    /// <summary>The call's admins: who manage its reviewers, read its applications side by side and decide.</summary>
    private static Who CallAdminsOfG => Holders(Permission.DecideOnApplications, AgencyG);

    /// <summary>The CSO member, as the reviewer they were named: an active member of A with the right to review.</summary>
    private static Who ReviewerOfA => Members(Permission.ReviewApplications, CsoA) & new[] { CsoMember };

    /// <summary>The entries of reviewers, reviews, decisions and results.</summary>
    private static Case[] ReviewCases =>
    [
        new("/calls/{id:int}/reviewers GET", "G's call's reviewers", async w => Get($"/calls/{(await CallOfG(w)).Call}/reviewers"), CallAdminsOfG),
        new("/calls/{id:int}/reviewers GET", "a guessed id", _ => Task.FromResult(Get("/calls/2147483000/reviewers")), Nobody),
        new("/calls/{id:int}/reviewers POST Name", "name a member of H a reviewer of G's call", async w => Post($"/calls/{(await CallOfG(w)).Call}/reviewers?handler=Name",
            new() { ["Email"] = await EmailOfNewMember(w, w.AgencyH) }), CallAdminsOfG),
        new("/calls/{id:int}/reviewers POST Remove", "remove a reviewer of G's call", async w =>
        {
            var (call, _) = await CallOfG(w);
            var reviewer = await w.Portal.ReviewerAsync(call, await w.Portal.MemberAsync(w.AgencyG, MembershipRole.Member, MembershipStatus.Active), w.AgencyG);
            return Post($"/calls/{call}/reviewers?handler=Remove", new() { ["ReviewerId"] = $"{reviewer}" });
        }, CallAdminsOfG),
        new("/calls/{id:int}/applications GET", "G's call's applications side by side", async w => Get($"/calls/{(await CallOfG(w)).Call}/applications"), CallAdminsOfG),
        new("/calls/{id:int}/applications GET", "G's draft call", async w => Get($"/calls/{await w.Portal.CallAsync(w.AgencyG, published: false)}/applications"), CallAdminsOfG),
        new("/calls/{id:int}/applications GET", "a guessed id", _ => Task.FromResult(Get("/calls/2147483000/applications")), Nobody),
        new("/calls/{id:int}/applications POST Decide", "select B's application to G's closed call", async w =>
        {
            var (call, application) = await CallOfG(w, closed: true);
            return Post($"/calls/{call}/applications?handler=Decide", new() { ["ApplicationId"] = $"{application}", ["Decision"] = "Selected", ["Feedback"] = "Well argued.", ["Version"] = "1" });
        }, CallAdminsOfG),
        new("/calls/{id:int}/applications POST Decide", "an application of another call (crafted)", async w =>
        {
            var (call, _) = await CallOfG(w, closed: true);
            var (_, other) = await CallOfG(w, closed: true);
            return Post($"/calls/{call}/applications?handler=Decide", new() { ["ApplicationId"] = $"{other}", ["Decision"] = "Selected", ["Version"] = "1" });
        }, Nobody),
        new("/calls/{id:int}/applications POST Publish", "publish the results of G's closed call", async w =>
            Post($"/calls/{(await CallOfG(w, closed: true, withApplication: false)).Call}/applications?handler=Publish", new() { ["Version"] = "1" }), CallAdminsOfG),
        new("/calls/{id:int}/applications POST CarryForward", "carry G's selected applications forward", async w =>
            Post($"/calls/{(await CallOfG(w, closed: true)).Call}/applications?handler=CarryForward"), CallAdminsOfG),
        new("/my/reviews GET", "my invitations and reviews", _ => Task.FromResult(Get("/my/reviews")), SignedIn),
        new("/my/reviews POST Answer", "accept the CSO member's invitation", async w =>
            Post("/my/reviews?handler=Answer", new() { ["ReviewerId"] = $"{await InvitationOfCsoMember(w)}", ["Accept"] = "true" }), ReviewerOfA),
        new("/my/reviews POST Answer", "a guessed invitation", _ => Task.FromResult(Post("/my/reviews?handler=Answer", new() { ["ReviewerId"] = "2147483000", ["Accept"] = "true" })), Nobody),
        new("/applications/{id:int}/review GET", "an application the CSO member reviews", async w => Get($"/applications/{await ReviewedByCsoMember(w)}/review"), ReviewerOfA),
        new("/applications/{id:int}/review GET", "after declaring no conflict", async w => Get($"/applications/{await ReviewedByCsoMember(w, declared: true)}/review"), ReviewerOfA),
        new("/applications/{id:int}/review GET", "after declaring a conflict", async w => Get($"/applications/{await ReviewedByCsoMember(w, conflict: true)}/review"), Nobody),
        new("/applications/{id:int}/review GET", "an application of a call with no reviewer", async w => Get($"/applications/{(await CallOfG(w)).Application}/review"), Nobody),
        new("/applications/{id:int}/review GET", "a guessed id", _ => Task.FromResult(Get("/applications/2147483000/review")), Nobody),
        new("/applications/{id:int}/review POST Declare", "declare no conflict", async w => Post($"/applications/{await ReviewedByCsoMember(w)}/review?handler=Declare",
            new() { ["Conflict"] = "false" }), ReviewerOfA),
        new("/applications/{id:int}/review POST Save", "save scores", async w => Post($"/applications/{await ReviewedByCsoMember(w, declared: true)}/review?handler=Save",
            new() { ["Version"] = "1" }), ReviewerOfA),
        new("/applications/{id:int}/review POST Submit", "submit (refused on its merits: nothing scored)", async w => Post($"/applications/{await ReviewedByCsoMember(w, declared: true)}/review?handler=Submit",
            new() { ["Version"] = "1" }), ReviewerOfA),
        new("/applications/{id:int}/review POST Submit", "submit with a conflict declared", async w => Post($"/applications/{await ReviewedByCsoMember(w, conflict: true)}/review?handler=Submit",
            new() { ["Version"] = "1" }), Nobody),
        new("/applications/{id:int}/review POST Conflict", "declare a conflict found later", async w => Post($"/applications/{await ReviewedByCsoMember(w, declared: true)}/review?handler=Conflict",
            new() { ["Version"] = "1", ["ConflictNote"] = "I advised the applicant." }), ReviewerOfA),
    ];
}
