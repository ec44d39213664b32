using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;
using static SscPortal.Web.Tests.Infrastructure.Role;

namespace SscPortal.Web.Tests;

/// <summary>
/// The access matrix: every page and handler the portal exposes, tried by every kind of user against real
/// records of their own organisation, of another organisation of the same kind, and of the other kind,
/// with the outcome the access table promises. A page or handler without an entry here fails the test.
/// </summary>
public abstract class AccessMatrixTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    /// <summary>One attempt: what to set up (fresh for each role), the request, and who may.</summary>
    private sealed record Case(string Endpoint, string Description, Func<AccessWorld, Task<Request>> Arrange, Role[] Allowed);

    private sealed record Request(HttpMethod Method, string Url, Dictionary<string, string>? Form = null);

    private static readonly Role[] Everyone = Enum.GetValues<Role>();
    private static readonly Role[] SignedIn = Everyone.Where(r => r != Anonymous).ToArray();
    private static readonly Role[] Nobody = [];
    private static readonly Role[] Editors = [CsoMember, CsoAdmin, AgencyMember, AgencyAdmin];

    private static Request Get(string url) => new(HttpMethod.Get, url);
    private static Request Post(string url, Dictionary<string, string>? form = null) => new(HttpMethod.Post, url, form ?? []);

    /// <summary>A publish or unpublish form as the record's page renders it: with the version shown (records the tests make are at version 1).</summary>
    private static Dictionary<string, string> AsRendered(Dictionary<string, string>? form = null)
    {
        form ??= [];
        form["Version"] = "1";
        return form;
    }

    private static Dictionary<string, string> InitiativeForm(int? ownerId = null)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.Title"] = "Edited through the access matrix", ["Input.Summary"] = "A summary.", ["Input.Language"] = "en",
            ["Input.Modality"] = "Bilateral", ["Input.Instrument"] = "Project", ["Input.Status"] = "Implementation",
            ["Input.Countries[0].Code"] = "PE", ["Input.Countries[0].Role"] = "Provider",
            ["Input.Countries[1].Code"] = "BO", ["Input.Countries[1].Role"] = "Recipient",
        };
        if (ownerId is { } id) form["Input.OwnerId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return form;
    }

    private static Dictionary<string, string> PartnershipForm(int ownerId, int otherId, int? version = null)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.OwnerId"] = $"{ownerId}", ["Input.Title"] = "Matrix agreement", ["Input.Type"] = "FrameworkAgreement",
            ["Input.Signatories[0]"] = $"{ownerId}", ["Input.Signatories[1]"] = $"{otherId}",
        };
        if (version is { } v) form["Input.Version"] = $"{v}";
        return form;
    }

    private static Task<int> Draft(AccessWorld w, Actor owner) => w.Portal.InitiativeAsync(owner, "PE", "BO", publishedAt: null);
    private static Task<int> Published(AccessWorld w, Actor owner) => w.Portal.InitiativeAsync(owner, "PE", "BO", DateTime.UtcNow.AddMinutes(-1));

    private static async Task<int> Held(AccessWorld w, Actor owner)
    {
        var id = await Published(w, owner);
        await w.Portal.WithDatabaseAsync(async db =>
        {
            (await db.Initiatives.FindAsync(id))!.Unpublish("Breaks the terms", byModerator: true);
            return await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>A complete assessment by the organisation of a published initiative of G (so G is a party), published or a draft.</summary>
    private static async Task<int> Assessed(AccessWorld w, Actor assessor, bool published) =>
        await w.Portal.AssessmentAsync(assessor, await Published(w, w.AgencyG), published ? DateTime.UtcNow.AddMinutes(-1) : null);

    private static async Task<int> ClaimId(AccessWorld w, Actor organisation, MembershipStatus status, MembershipRole role)
    {
        var userId = await w.Portal.MemberAsync(organisation, role, status);
        return await w.Portal.WithDatabaseAsync(db => db.Memberships.Where(m => m.UserId == userId).Select(m => m.Id).SingleAsync());
    }

    private static async Task<int> UnverifiedOrganisation(AccessWorld w) =>
        await w.Portal.WithDatabaseAsync(async db =>
        {
            var actor = new Actor { Name = TestData.Unique("Proposed organisation"), Type = ActorType.NationalCso, IsVerified = false, CreatedAt = DateTime.UtcNow };
            db.Actors.Add(actor);
            await db.SaveChangesAsync();
            return actor.Id;
        });

    private static async Task<string> Victim(AccessWorld w) => await w.Portal.MemberAsync(null, MembershipRole.Member, MembershipStatus.Active);

    private static readonly Case[] Cases =
    [
        // Public pages.
        new("/ GET", "home", _ => Task.FromResult(Get("/")), Everyone),
        new("/initiatives GET", "catalogue", _ => Task.FromResult(Get("/initiatives")), Everyone),
        new("/actors GET", "directory", _ => Task.FromResult(Get("/actors")), Everyone),
        new("/actors/{id:int} GET", "an organisation", w => Task.FromResult(Get($"/actors/{w.AgencyG.Id}")), Everyone),
        new("/about/access GET", "the access table", _ => Task.FromResult(Get("/about/access")), Everyone),
        new("/language GET", "choose a language", _ => Task.FromResult(Get("/language?culture=es&returnUrl=%2F")), Everyone),
        new("/error GET", "error page asked for directly", _ => Task.FromResult(Get("/error")), Nobody),
        new("/error POST", "error page posted to directly", _ => Task.FromResult(Post("/error")), Nobody),
        new("/status/{code:int} GET", "status page asked for directly", _ => Task.FromResult(Get("/status/404")), Nobody),
        new("/status/{code:int} POST", "status page posted to directly", _ => Task.FromResult(Post("/status/404")), Nobody),

        // Account pages: open to all (signing in again, or registering another account, is not a privilege).
        new("/account/login GET", "sign-in form", _ => Task.FromResult(Get("/account/login")), Everyone),
        new("/account/login POST", "sign in with nothing", _ => Task.FromResult(Post("/account/login")), Everyone),
        new("/account/register GET", "registration form", _ => Task.FromResult(Get("/account/register")), Everyone),
        new("/account/register POST", "register with nothing", _ => Task.FromResult(Post("/account/register")), Everyone),
        new("/account/register-confirmation GET", "after registering", _ => Task.FromResult(Get("/account/register-confirmation")), Everyone),
        new("/account/confirm-email GET", "a confirmation link", _ => Task.FromResult(Get("/account/confirm-email")), Everyone),
        new("/account/confirm-email POST", "confirm with nothing", _ => Task.FromResult(Post("/account/confirm-email")), Everyone),
        new("/account/forgot-password GET", "forgotten password form", _ => Task.FromResult(Get("/account/forgot-password")), Everyone),
        new("/account/forgot-password POST", "forgotten password with nothing", _ => Task.FromResult(Post("/account/forgot-password")), Everyone),
        new("/account/forgot-password-confirmation GET", "after asking for a reset", _ => Task.FromResult(Get("/account/forgot-password-confirmation")), Everyone),
        new("/account/reset-password GET", "a reset link", _ => Task.FromResult(Get("/account/reset-password")), Everyone),
        new("/account/reset-password POST", "reset with nothing", _ => Task.FromResult(Post("/account/reset-password")), Everyone),
        new("/account/reset-password-confirmation GET", "after resetting", _ => Task.FromResult(Get("/account/reset-password-confirmation")), Everyone),
        new("/account/access-denied GET", "the refusal page", _ => Task.FromResult(Get("/account/access-denied")), Nobody),
        new("/account/logout GET", "sign-out link (changes nothing)", _ => Task.FromResult(Get("/account/logout")), Everyone),
        new("/account/logout POST", "sign out", _ => Task.FromResult(Post("/account/logout")), Everyone),

        // My organisations.
        new("/account/organisations GET", "my organisations", _ => Task.FromResult(Get("/account/organisations")), SignedIn),
        new("/account/organisations POST Claim", "ask to join B", w => Task.FromResult(Post("/account/organisations?handler=Claim", new() { ["actorId"] = $"{w.CsoB.Id}" })), SignedIn),
        new("/account/organisations POST Propose", "propose an organisation", _ => Task.FromResult(Post("/account/organisations?handler=Propose",
            new() { ["Proposal.Name"] = TestData.Unique("Proposed"), ["Proposal.Type"] = "NationalCso" })), SignedIn),

        // Initiatives: seeing drafts, editing, publishing.
        new("/initiatives/{id:int} GET", "A's published record", async w => Get($"/initiatives/{await Published(w, w.CsoA)}"), Everyone),
        new("/initiatives/{id:int} GET", "A's draft", async w => Get($"/initiatives/{await Draft(w, w.CsoA)}"), [CsoMember, CsoAdmin]),
        new("/initiatives/{id:int} GET", "B's draft (another CSO)", async w => Get($"/initiatives/{await Draft(w, w.CsoB)}"), Nobody),
        new("/initiatives/{id:int} GET", "G's draft", async w => Get($"/initiatives/{await Draft(w, w.AgencyG)}"), [AgencyMember, AgencyAdmin]),
        new("/initiatives/{id:int}/history GET", "history of A's published record", async w => Get($"/initiatives/{await Published(w, w.CsoA)}/history"), Everyone),
        new("/initiatives/{id:int}/history GET", "history of G's draft", async w => Get($"/initiatives/{await Draft(w, w.AgencyG)}/history"), [AgencyMember, AgencyAdmin]),
        new("/initiatives/{id:int}/history GET", "history of B's draft", async w => Get($"/initiatives/{await Draft(w, w.CsoB)}/history"), Nobody),
        new("/initiatives/{id:int} POST Delete", "delete A's draft", async w => Post($"/initiatives/{await Draft(w, w.CsoA)}?handler=Delete"), [CsoMember, CsoAdmin]),
        new("/initiatives/{id:int} POST Delete", "delete G's draft", async w => Post($"/initiatives/{await Draft(w, w.AgencyG)}?handler=Delete"), [AgencyMember, AgencyAdmin]),
        new("/initiatives/{id:int} POST Delete", "delete B's draft", async w => Post($"/initiatives/{await Draft(w, w.CsoB)}?handler=Delete"), Nobody),
        new("/my GET", "my work", _ => Task.FromResult(Get("/my")), SignedIn),
        new("/my/spreadsheet GET", "spreadsheet page", _ => Task.FromResult(Get("/my/spreadsheet")), SignedIn),
        new("/my/spreadsheet GET Download", "A's spreadsheet", w => Task.FromResult(Get($"/my/spreadsheet?handler=Download&organisationId={w.CsoA.Id}")), [CsoMember, CsoAdmin]),
        new("/my/spreadsheet GET Download", "G's spreadsheet", w => Task.FromResult(Get($"/my/spreadsheet?handler=Download&organisationId={w.AgencyG.Id}")), [AgencyMember, AgencyAdmin]),
        new("/my/spreadsheet POST Upload", "upload (no file) for B", w => Task.FromResult(Post("/my/spreadsheet?handler=Upload", new() { ["OrganisationId"] = $"{w.CsoB.Id}" })), Nobody),
        new("/my/spreadsheet POST Upload", "upload (no file) for A", w => Task.FromResult(Post("/my/spreadsheet?handler=Upload", new() { ["OrganisationId"] = $"{w.CsoA.Id}" })), [CsoMember, CsoAdmin]),
        new("/initiatives/new GET", "new initiative form", _ => Task.FromResult(Get("/initiatives/new")), Editors),
        new("/initiatives/new POST", "new initiative owned by A", w => Task.FromResult(Post("/initiatives/new", InitiativeForm(w.CsoA.Id))), [CsoMember, CsoAdmin]),
        new("/initiatives/new POST", "new initiative owned by G", w => Task.FromResult(Post("/initiatives/new", InitiativeForm(w.AgencyG.Id))), [AgencyMember, AgencyAdmin]),
        new("/initiatives/new POST", "new initiative owned by B (crafted owner)", w => Task.FromResult(Post("/initiatives/new", InitiativeForm(w.CsoB.Id))), Nobody),
        new("/initiatives/new POST AddRows", "more rows on a new initiative", w => Task.FromResult(Post("/initiatives/new?handler=AddRows", InitiativeForm(w.CsoA.Id))), Editors),
        new("/initiatives/{id:int}/edit POST AddRows", "more rows on A's draft", async w => Post($"/initiatives/{await Draft(w, w.CsoA)}/edit?handler=AddRows", InitiativeForm()), [CsoMember, CsoAdmin]),
        new("/initiatives/{id:int}/edit POST AddRows", "more rows on B's draft", async w => Post($"/initiatives/{await Draft(w, w.CsoB)}/edit?handler=AddRows", InitiativeForm()), Nobody),
        new("/initiatives/{id:int}/edit GET", "edit A's published record", async w => Get($"/initiatives/{await Published(w, w.CsoA)}/edit"), [CsoAdmin]),
        new("/initiatives/{id:int}/edit GET", "edit A's draft", async w => Get($"/initiatives/{await Draft(w, w.CsoA)}/edit"), [CsoMember, CsoAdmin]),
        new("/initiatives/{id:int}/edit GET", "edit G's published record", async w => Get($"/initiatives/{await Published(w, w.AgencyG)}/edit"), [AgencyAdmin]),
        new("/initiatives/{id:int}/edit GET", "edit B's published record", async w => Get($"/initiatives/{await Published(w, w.CsoB)}/edit"), Nobody),
        new("/initiatives/{id:int}/edit POST", "save A's draft", async w => Post($"/initiatives/{await Draft(w, w.CsoA)}/edit", InitiativeForm()), [CsoMember, CsoAdmin]),
        new("/initiatives/{id:int}/edit POST", "save G's published record", async w => Post($"/initiatives/{await Published(w, w.AgencyG)}/edit", InitiativeForm()), [AgencyAdmin]),
        new("/initiatives/{id:int}/edit POST", "save B's published record", async w => Post($"/initiatives/{await Published(w, w.CsoB)}/edit", InitiativeForm()), Nobody),
        new("/initiatives/{id:int} POST Publish", "publish A's draft", async w => Post($"/initiatives/{await Draft(w, w.CsoA)}?handler=Publish", AsRendered()), [CsoAdmin]),
        new("/initiatives/{id:int} POST Publish", "publish G's draft", async w => Post($"/initiatives/{await Draft(w, w.AgencyG)}?handler=Publish", AsRendered()), [AgencyAdmin]),
        new("/initiatives/{id:int} POST Publish", "publish B's draft", async w => Post($"/initiatives/{await Draft(w, w.CsoB)}?handler=Publish", AsRendered()), Nobody),
        new("/initiatives/{id:int} POST Unpublish", "unpublish A's record", async w => Post($"/initiatives/{await Published(w, w.CsoA)}?handler=Unpublish", AsRendered(new() { ["Reason"] = "Matrix" })), [CsoAdmin, Moderator]),
        new("/initiatives/{id:int} POST Unpublish", "unpublish G's record", async w => Post($"/initiatives/{await Published(w, w.AgencyG)}?handler=Unpublish", AsRendered(new() { ["Reason"] = "Matrix" })), [AgencyAdmin, Moderator]),
        new("/initiatives/{id:int} POST Unpublish", "unpublish B's record", async w => Post($"/initiatives/{await Published(w, w.CsoB)}?handler=Unpublish", AsRendered(new() { ["Reason"] = "Matrix" })), [Moderator]),

        new("/initiatives/{id:int} POST Release", "lift the hold on A's record a moderator unpublished", async w => Post($"/initiatives/{await Held(w, w.CsoA)}?handler=Release"), [Moderator]),
        new("/initiatives/{id:int} POST Release", "lift the hold on G's record a moderator unpublished", async w => Post($"/initiatives/{await Held(w, w.AgencyG)}?handler=Release"), [Moderator]),

        // Partnerships: recorded by official organisations only.
        new("/partnerships GET", "partnership list", _ => Task.FromResult(Get("/partnerships")), Everyone),
        new("/partnerships/{id:int} GET", "G's published partnership", async w => Get($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyG, w.CsoA, DateTime.UtcNow)}"), Everyone),
        new("/partnerships/{id:int} GET", "G's draft partnership", async w => Get($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyG, w.CsoA, null)}"), [AgencyMember, AgencyAdmin]),
        new("/partnerships/new GET", "new partnership form", _ => Task.FromResult(Get("/partnerships/new")), [AgencyMember, AgencyAdmin]),
        new("/partnerships/new POST", "new partnership owned by G", w => Task.FromResult(Post("/partnerships/new", PartnershipForm(w.AgencyG.Id, w.CsoB.Id))), [AgencyMember, AgencyAdmin]),
        new("/partnerships/new POST", "new partnership owned by A (a CSO)", w => Task.FromResult(Post("/partnerships/new", PartnershipForm(w.CsoA.Id, w.CsoB.Id))), Nobody),
        new("/partnerships/{id:int}/edit GET", "edit G's draft partnership", async w => Get($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyG, w.CsoA, null)}/edit"), [AgencyMember, AgencyAdmin]),
        new("/partnerships/{id:int}/edit GET", "edit G's published partnership", async w => Get($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyG, w.CsoA, DateTime.UtcNow)}/edit"), [AgencyAdmin]),
        new("/partnerships/{id:int}/edit POST", "save G's draft partnership", async w => Post($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyG, w.CsoA, null)}/edit", PartnershipForm(w.AgencyG.Id, w.CsoA.Id, version: 1)), [AgencyMember, AgencyAdmin]),
        new("/partnerships/{id:int}/history GET", "history of G's published partnership", async w => Get($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyG, w.CsoA, DateTime.UtcNow)}/history"), Everyone),
        new("/partnerships/{id:int}/history GET", "history of G's draft partnership", async w => Get($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyG, w.CsoA, null)}/history"), [AgencyMember, AgencyAdmin]),
        new("/partnerships/{id:int} POST Publish", "publish G's draft partnership", async w => Post($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyG, w.CsoA, null)}?handler=Publish", AsRendered()), [AgencyAdmin]),
        new("/partnerships/{id:int} POST Unpublish", "unpublish G's partnership", async w => Post($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyG, w.CsoA, DateTime.UtcNow)}?handler=Unpublish", AsRendered(new() { ["Reason"] = "Matrix" })), [AgencyAdmin, Moderator]),

        // Principles, assessments and their comparisons.
        new("/stats GET", "figures with filters", _ => Task.FromResult(Get("/stats?modality=triangular")), Everyone),
        new("/map GET", "the map", _ => Task.FromResult(Get("/map?as=recipient")), Everyone),
        new("/principles GET", "the principles", _ => Task.FromResult(Get("/principles")), Everyone),
        new("/principles/{code} GET", "one principle", _ => Task.FromResult(Get("/principles/national-ownership")), Everyone),
        new("/countries/{code:length(2)} GET", "a country's scores", _ => Task.FromResult(Get("/countries/pe")), Everyone),
        new("/assessments GET", "published assessments", _ => Task.FromResult(Get("/assessments?dimension=results&min=0&max=4")), Everyone),
        new("/assessments/{id:int} GET", "A's published assessment", async w => Get($"/assessments/{await Assessed(w, w.CsoA, published: true)}"), Everyone),
        new("/assessments/{id:int} GET", "A's draft assessment", async w => Get($"/assessments/{await Assessed(w, w.CsoA, published: false)}"), [CsoMember, CsoAdmin]),
        new("/assessments/{id:int} GET", "G's draft self-assessment", async w => Get($"/assessments/{await Assessed(w, w.AgencyG, published: false)}"), [AgencyMember, AgencyAdmin]),
        new("/assessments/{id:int}/history GET", "history of A's published assessment", async w => Get($"/assessments/{await Assessed(w, w.CsoA, published: true)}/history"), Everyone),
        new("/assessments/{id:int}/history GET", "history of A's draft assessment", async w => Get($"/assessments/{await Assessed(w, w.CsoA, published: false)}/history"), [CsoMember, CsoAdmin]),
        new("/assessments/{id:int}/edit GET", "continue A's draft", async w => Get($"/assessments/{await Assessed(w, w.CsoA, published: false)}/edit"), [CsoMember, CsoAdmin]),
        new("/assessments/{id:int}/edit GET", "edit A's published assessment", async w => Get($"/assessments/{await Assessed(w, w.CsoA, published: true)}/edit"), Nobody),
        new("/assessments/{id:int}/edit POST", "save A's draft", async w => Post($"/assessments/{await Assessed(w, w.CsoA, published: false)}/edit",
            new() { ["Input.Version"] = "1", ["Input.Findings"] = "Edited through the access matrix." }), [CsoMember, CsoAdmin]),
        new("/assessments/{id:int}/edit POST", "save G's draft self-assessment", async w => Post($"/assessments/{await Assessed(w, w.AgencyG, published: false)}/edit",
            new() { ["Input.Version"] = "1", ["Input.Findings"] = "Edited through the access matrix." }), [AgencyMember, AgencyAdmin]),
        new("/assessments/{id:int}/edit POST AddRows", "more rows on A's draft", async w => Post($"/assessments/{await Assessed(w, w.CsoA, published: false)}/edit?handler=AddRows"), [CsoMember, CsoAdmin]),
        new("/initiatives/{initiativeid:int}/assess GET", "assess G's published initiative", async w => Get($"/initiatives/{await Published(w, w.AgencyG)}/assess"), Editors),
        new("/initiatives/{initiativeid:int}/assess GET", "assess B's published initiative (G is no party)", async w => Get($"/initiatives/{await Published(w, w.CsoB)}/assess"), [CsoMember, CsoAdmin]),
        new("/initiatives/{initiativeid:int}/assess GET", "assess G's draft initiative", async w => Get($"/initiatives/{await Draft(w, w.AgencyG)}/assess"), Nobody),
        new("/initiatives/{initiativeid:int}/assess POST", "start an assessment for A", async w => Post($"/initiatives/{await Published(w, w.AgencyG)}/assess",
            new() { ["Input.AssessorId"] = $"{w.CsoA.Id}", ["Input.Relationship"] = "Independent" }), [CsoMember, CsoAdmin]),
        new("/initiatives/{initiativeid:int}/assess POST", "start a self-assessment for G", async w => Post($"/initiatives/{await Published(w, w.AgencyG)}/assess",
            new() { ["Input.AssessorId"] = $"{w.AgencyG.Id}" }), [AgencyMember, AgencyAdmin]),
        new("/initiatives/{initiativeid:int}/assess POST", "start an assessment for B (crafted)", async w => Post($"/initiatives/{await Published(w, w.AgencyG)}/assess",
            new() { ["Input.AssessorId"] = $"{w.CsoB.Id}" }), Nobody),
        new("/initiatives/{initiativeid:int}/assess POST AddRows", "more rows on a new assessment", async w => Post($"/initiatives/{await Published(w, w.AgencyG)}/assess?handler=AddRows"), Editors),
        new("/assessments/{id:int} POST Publish", "publish A's complete draft", async w => Post($"/assessments/{await Assessed(w, w.CsoA, published: false)}?handler=Publish", AsRendered()), [CsoAdmin]),
        new("/assessments/{id:int} POST Publish", "publish G's complete self-assessment", async w => Post($"/assessments/{await Assessed(w, w.AgencyG, published: false)}?handler=Publish", AsRendered()), [AgencyAdmin]),
        new("/assessments/{id:int} POST Revise", "revise A's published assessment", async w => Post($"/assessments/{await Assessed(w, w.CsoA, published: true)}?handler=Revise"), [CsoMember, CsoAdmin]),
        new("/assessments/{id:int} POST Unpublish", "unpublish A's assessment", async w => Post($"/assessments/{await Assessed(w, w.CsoA, published: true)}?handler=Unpublish", AsRendered(new() { ["Reason"] = "Matrix" })), [Moderator]),
        new("/assessments/{id:int} POST Respond", "G answers A's assessment of G's initiative", async w => Post($"/assessments/{await Assessed(w, w.CsoA, published: true)}?handler=Respond",
            new() { ["ResponderId"] = $"{w.AgencyG.Id}", ["ResponseText"] = "Our answer." }), [AgencyAdmin]),
        new("/assessments/{id:int} POST Respond", "A answers its own assessment (not a party)", async w => Post($"/assessments/{await Assessed(w, w.CsoA, published: true)}?handler=Respond",
            new() { ["ResponderId"] = $"{w.CsoA.Id}", ["ResponseText"] = "Our answer." }), Nobody),
        new("/assessments/{id:int} POST Delete", "delete A's draft assessment", async w => Post($"/assessments/{await Assessed(w, w.CsoA, published: false)}?handler=Delete"), [CsoMember, CsoAdmin]),
        new("/admin/frameworks GET", "framework versions", _ => Task.FromResult(Get("/admin/frameworks")), [Administrator]),
        new("/admin/frameworks POST", "publish a framework version (empty)", _ => Task.FromResult(Post("/admin/frameworks", new() { ["Text"] = "" })), [Administrator]),

        // Organisation members.
        new("/organisations/{id:int}/members GET", "A's members", w => Task.FromResult(Get($"/organisations/{w.CsoA.Id}/members")), [CsoAdmin, Moderator, Administrator]),
        new("/organisations/{id:int}/members GET", "G's members", w => Task.FromResult(Get($"/organisations/{w.AgencyG.Id}/members")), [AgencyAdmin, Moderator, Administrator]),
        new("/organisations/{id:int}/members POST Approve", "approve a claim on A", async w => Post($"/organisations/{w.CsoA.Id}/members?handler=Approve",
            new() { ["membershipId"] = $"{await ClaimId(w, w.CsoA, MembershipStatus.Pending, MembershipRole.Member)}" }), [CsoAdmin, Moderator, Administrator]),
        new("/organisations/{id:int}/members POST Approve", "approve a claim on G through A's page (crafted)", async w => Post($"/organisations/{w.CsoA.Id}/members?handler=Approve",
            new() { ["membershipId"] = $"{await ClaimId(w, w.AgencyG, MembershipStatus.Pending, MembershipRole.Member)}" }), Nobody),
        new("/organisations/{id:int}/members POST Reject", "reject a claim on G", async w => Post($"/organisations/{w.AgencyG.Id}/members?handler=Reject",
            new() { ["membershipId"] = $"{await ClaimId(w, w.AgencyG, MembershipStatus.Pending, MembershipRole.Member)}" }), [AgencyAdmin, Moderator, Administrator]),
        new("/organisations/{id:int}/members POST ChangeRole", "make an A member admin", async w => Post($"/organisations/{w.CsoA.Id}/members?handler=ChangeRole",
            new() { ["membershipId"] = $"{await ClaimId(w, w.CsoA, MembershipStatus.Active, MembershipRole.Member)}", ["role"] = "OrganisationAdmin" }), [CsoAdmin, Administrator]),
        new("/organisations/{id:int}/members POST Remove", "remove a G member", async w => Post($"/organisations/{w.AgencyG.Id}/members?handler=Remove",
            new() { ["membershipId"] = $"{await ClaimId(w, w.AgencyG, MembershipStatus.Active, MembershipRole.Member)}", ["confirm"] = "true" }), [AgencyAdmin, Administrator]),

        // An organisation's IATI organisation identifier.
        new("/organisations/{id:int}/iati-identifier GET", "A's IATI identifier", w => Task.FromResult(Get($"/organisations/{w.CsoA.Id}/iati-identifier")), [CsoAdmin, Moderator, Administrator]),
        new("/organisations/{id:int}/iati-identifier POST", "record G's IATI identifier", _ => Task.FromResult(Post($"/organisations/{_.AgencyG.Id}/iati-identifier",
            new() { ["Input.IatiIdentifier"] = $"XI-IATI-M{Guid.NewGuid():N}" })), [AgencyAdmin, Moderator, Administrator]),

        // Platform administration.
        new("/admin GET", "moderation queue", _ => Task.FromResult(Get("/admin")), [Moderator, Administrator]),
        new("/admin POST Verify", "verify an organisation", async w => Post("/admin?handler=Verify", new() { ["actorId"] = $"{await UnverifiedOrganisation(w)}" }), [Moderator, Administrator]),
        new("/admin POST Reject", "reject a proposed organisation", async w => Post("/admin?handler=Reject", new() { ["actorId"] = $"{await UnverifiedOrganisation(w)}" }), [Moderator, Administrator]),
        new("/admin/audit GET", "audit log", _ => Task.FromResult(Get("/admin/audit")), [Moderator, Administrator]),
        new("/admin/users GET", "users", _ => Task.FromResult(Get("/admin/users")), [Administrator]),
        new("/admin/users POST Lock", "lock an account", async w => Post("/admin/users?handler=Lock", new() { ["userId"] = await Victim(w) }), [Administrator]),
        new("/admin/users POST Unlock", "unlock an account", async w => Post("/admin/users?handler=Unlock", new() { ["userId"] = await Victim(w) }), [Administrator]),
        new("/admin/users POST Grant", "make someone a moderator", async w => Post("/admin/users?handler=Grant", new() { ["userId"] = await Victim(w), ["role"] = "Moderator" }), [Administrator]),
        new("/admin/users POST Revoke", "take a role away", async w => Post("/admin/users?handler=Revoke", new() { ["userId"] = await Victim(w), ["role"] = "Moderator" }), [Administrator]),
    ];

    private List<string> DiscoverEndpoints() => EndpointDiscovery.Discover(Portal);

    [Fact]
    public void Every_page_and_handler_has_an_entry_in_the_access_matrix()
    {
        var covered = Cases.Select(c => c.Endpoint).ToHashSet();

        var missing = DiscoverEndpoints().Where(e => !covered.Contains(e)).ToList();
        var stale = covered.Where(c => !DiscoverEndpoints().Contains(c)).ToList();

        Assert.True(missing.Count == 0, "Pages or handlers without an access-matrix entry: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Access-matrix entries for pages or handlers that no longer exist: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Every_role_gets_exactly_what_the_access_table_promises_on_every_page_and_handler()
    {
        await using var world = await AccessWorld.CreateAsync(Portal);
        var wrong = new List<string>();
        foreach (var @case in Cases)
        {
            foreach (var role in Everyone)
            {
                var request = await @case.Arrange(world);
                var (client, token) = await world.ClientAsync(role);
                using var message = new HttpRequestMessage(request.Method, new Uri(request.Url, UriKind.Relative));
                if (request.Form is { } form) message.Content = new FormUrlEncodedContent(form.Append(new("__RequestVerificationToken", token)));
                using var response = await client.SendAsync(message);
                var allowed = AccessWorld.IsAllowed(response);
                if (allowed != @case.Allowed.Contains(role))
                    wrong.Add($"{role} on {@case.Endpoint} ({@case.Description}): {(allowed ? "allowed" : "refused")} with {(int)response.StatusCode}, expected {(allowed ? "refused" : "allowed")}");
                // Signing out or in again changes the client; start the next role's attempts afresh.
                if (@case.Endpoint.StartsWith("/account/logout POST", StringComparison.Ordinal) || @case.Endpoint.StartsWith("/account/login POST", StringComparison.Ordinal))
                    await world.ForgetClientAsync(role);
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}

[Collection(SqliteSuite.Name)]
public sealed class AccessMatrixOnSqlite(SqlitePortalFixture fixture) : AccessMatrixTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class AccessMatrixOnPostgres(PostgresPortalFixture fixture) : AccessMatrixTests(fixture);
