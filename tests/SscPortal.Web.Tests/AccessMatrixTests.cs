using SscPortal.Web.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;
using static SscPortal.Web.Tests.Infrastructure.Organisation;
using static SscPortal.Web.Tests.Infrastructure.Role;

namespace SscPortal.Web.Tests;

/// <summary>
/// The access matrix: every endpoint the portal exposes (pages and their handlers, open data, health checks), tried by every
/// kind of user against real records of their own organisation, of another organisation of the same kind, of the other kind,
/// and guessed ids, with the outcome the access table promises. An endpoint without an entry here fails the test.
/// Wherever a permission decides, who may is derived from <see cref="AccessTable"/> (<see cref="Holders"/>, <see cref="Platform"/>
/// and the rules built on them), not written out, so that changing a row of the table changes what is expected here.
/// </summary>
public abstract partial class AccessMatrixTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    /// <summary>One attempt: what to set up (fresh for each role), the request, and who may.</summary>
    private sealed record Case(string Endpoint, string Description, Func<AccessWorld, Task<Request>> Arrange, Who Allowed);

    private sealed record Request(HttpMethod Method, string Url, Dictionary<string, string>? Form = null);

    /// <summary>
    /// Who may: a set of roles, and the permissions of the access table it was derived from (none for a fixed list such as
    /// <see cref="Everyone"/>). <c>|</c> is "either", <c>&amp;</c> is "both".
    /// </summary>
    private sealed record Who(IReadOnlySet<Role> Roles, IReadOnlySet<Permission> From)
    {
        public static implicit operator Who(Role[] roles) => new(roles.ToHashSet(), new HashSet<Permission>());
        public static Who operator |(Who a, Who b) => new(a.Roles.Union(b.Roles).ToHashSet(), a.From.Union(b.From).ToHashSet());
        public static Who operator &(Who a, Who b) => new(a.Roles.Intersect(b.Roles).ToHashSet(), a.From.Union(b.From).ToHashSet());
        public bool Contains(Role role) => Roles.Contains(role);
    }

    private static readonly Role[] Everyone = Enum.GetValues<Role>();
    private static readonly Role[] SignedIn = Everyone.Where(r => r != Anonymous).ToArray();
    private static readonly Role[] Nobody = [];

    /// <summary>The roles whose active membership of the organisation grants the permission (by the kind of organisation and the membership's role).</summary>
    private static Who Members(Permission permission, Organisation organisation) => new(
        Everyone.Where(role => AccessWorld.MembershipOf(role) is { } m && m.Organisation == organisation
                               && AccessTable.Grants(AccessWorld.TypeOf(organisation), m.Role, permission)).ToHashSet(),
        new HashSet<Permission> { permission });

    /// <summary>The platform roles (moderator, administrator) the permission is granted to.</summary>
    private static Who Platform(Permission permission) => new(
        Everyone.Where(role => AccessWorld.PlatformRoleOf(role) is { } platform && AccessTable.Grants(platform, permission)).ToHashSet(),
        new HashSet<Permission> { permission });

    /// <summary>Everyone the table gives the permission over the organisation's records: its members with that right, and the platform roles with it.</summary>
    private static Who Holders(Permission permission, Organisation organisation) => Members(permission, organisation) | Platform(permission);

    /// <summary>Whoever holds the permission over some organisation's records (a form that asks which organisation comes later).</summary>
    private static Who Anywhere(Permission permission) =>
        Enum.GetValues<Organisation>().Select(o => Holders(permission, o)).Aggregate((a, b) => a | b);

    // The rules the portal enforces, stated once from the access table (issue 14).

    /// <summary>A record that is not public: the owner's members who see its drafts, and, once it was unpublished, whoever may unpublish any record.</summary>
    private static Who SeeHidden(Organisation owner, bool unpublished) =>
        Holders(Permission.SeeOwnDrafts, owner) | (unpublished ? Platform(Permission.UnpublishAnyRecord) : Nobody);

    private static Who EditInitiative(Organisation owner, bool draft) =>
        Holders(draft ? Permission.EditOwnInitiatives : Permission.PublishOwnRecords, owner) | Platform(Permission.EditOtherOrganisationsRecords);

    private static Who UnpublishInitiative(Organisation owner) => Holders(Permission.PublishOwnRecords, owner) | Platform(Permission.UnpublishAnyRecord);

    private static Who PublishPartnership(Organisation owner) => Holders(Permission.RecordPartnerships, owner) & Holders(Permission.PublishOwnRecords, owner);

    private static Who EditPartnership(Organisation owner, bool draft) => draft ? Holders(Permission.RecordPartnerships, owner) : PublishPartnership(owner);

    /// <summary>Who writes an assessment for the organisation: any assessor with the right, or an official party of the initiative assessing itself.</summary>
    private static Who WriteAssessment(Organisation assessor, bool party) =>
        Holders(Permission.WriteAssessments, assessor) | (party ? Holders(Permission.WriteSelfAssessments, assessor) : Nobody);

    /// <summary>Who may assess an initiative at all: an assessment for some organisation, the parties' self-assessments among them.</summary>
    private static Who AssessAnything(params Organisation[] parties) =>
        Enum.GetValues<Organisation>().Select(o => WriteAssessment(o, parties.Contains(o))).Aggregate((a, b) => a | b);

    private static Who ManageMembers(Organisation organisation, Permission platform) => Holders(Permission.ManageOwnMembers, organisation) | Platform(platform);

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

    /// <summary>An offer of the owner, published or a draft (the exchange's public reads, issue 18).</summary>
    private static Task<int> ListingOf(AccessWorld w, Actor owner, bool published) => w.Portal.WithDatabaseAsync(async db =>
    {
        var listing = new Listing { Title = "", Description = "", OwnerId = owner.Id, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
        listing.Apply(new ListingContent(ListingKind.Offer, CooperationForm.PeerLearning, "Peer learning offer", "What we learned.", "en", [], ["en"], null, null, null, null,
            DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1), null, ["PE"], [], [], [], [], []));
        if (published) listing.Publish(DateTime.UtcNow);
        db.Listings.Add(listing);
        await db.SaveChangesAsync();
        return listing.Id;
    });

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

    /// <summary>A published initiative its own admin (not a moderator) unpublished.</summary>
    private static async Task<int> Withdrawn(AccessWorld w, Actor owner)
    {
        var id = await Published(w, owner);
        await w.Portal.WithDatabaseAsync(async db =>
        {
            (await db.Initiatives.FindAsync(id))!.Unpublish("Out of date");
            return await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>A published offer of the owner, unpublished by a moderator (held, if asked).</summary>
    private static async Task<int> UnpublishedListing(AccessWorld w, Actor owner, bool held = false)
    {
        var id = await w.Portal.ListingAsync(owner, DateTime.UtcNow.AddMinutes(-1));
        await w.Portal.WithDatabaseAsync(async db =>
        {
            (await db.Listings.FindAsync(id))!.Unpublish("Breaks the terms", byModerator: held);
            return await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>A conversation A started about G's published offer.</summary>
    private static async Task<int> Talk(AccessWorld w, bool agreed = false, bool reported = false) =>
        await w.Portal.ConversationAsync(await w.Portal.ListingAsync(w.AgencyG, DateTime.UtcNow), w.CsoA, agreed, reported);

    private static Who EditListing(Organisation owner, bool draft) =>
        Holders(draft ? Permission.WriteOffersAndNeeds : Permission.PublishOwnRecords, owner) | Platform(Permission.EditOtherOrganisationsRecords);

    private static Dictionary<string, string> ListingForm(int ownerId, int version = 0) => new()
    {
        ["Input.OwnerId"] = $"{ownerId}", ["Input.Kind"] = "Offer", ["Input.Form"] = "StudyVisit", ["Input.Title"] = TestData.Unique("Matrix offer"),
        ["Input.Description"] = "A study visit to our participatory budgeting office.", ["Input.Language"] = "en",
        ["Input.OpenUntil"] = DateTime.UtcNow.AddMonths(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["Input.Version"] = $"{version}",
    };

    /// <summary>A published partnership of the owner with A, unpublished by a moderator.</summary>
    private static async Task<int> UnpublishedPartnership(AccessWorld w, Actor owner)
    {
        var id = await w.Portal.PartnershipAsync(owner, w.CsoA, DateTime.UtcNow.AddMinutes(-1));
        await w.Portal.WithDatabaseAsync(async db =>
        {
            (await db.Partnerships.FindAsync(id))!.Unpublish("Breaks the terms");
            return await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>A file (a small PDF really in the portal's store) on the organisation's published initiative.</summary>
    private static async Task<int> FileOf(AccessWorld w, Actor owner, EvidenceVisibility visibility, bool awaiting = false, bool reported = false)
    {
        var initiative = await Published(w, owner);
        var bytes = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
        var key = SscPortal.Web.Evidence.StorageKeys.New(DateTime.UtcNow);
        await w.Portal.Services.GetRequiredService<SscPortal.Web.Evidence.IFileStore>().PutAsync(key, new MemoryStream(bytes), "application/pdf", CancellationToken.None);
        return await w.Portal.WithDatabaseAsync(async db =>
        {
            var file = new EvidenceFile
            {
                OwnerKind = FileOwnerKind.Initiative, OwnerId = initiative, OrganisationId = owner.Id, FileName = "matrix.pdf", ContentType = "application/pdf",
                Size = bytes.Length, Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), StorageKey = key, UploadedAt = DateTime.UtcNow,
                Visibility = visibility, State = awaiting ? FileState.AwaitingReview : FileState.Published, FoundMetadata = awaiting ? "Author: Matrix" : null,
                ReportedAt = reported ? DateTime.UtcNow : null, ReportReason = reported ? "Matrix" : null,
            };
            db.EvidenceFiles.Add(file);
            await db.SaveChangesAsync();
            return file.Id;
        });
    }

    /// <summary>A file of A's on one of its (draft) assessments, shared with the named party during a comment window.</summary>
    private static async Task<int> AssessmentFileOf(AccessWorld w, int assessment, Actor party)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
        var key = SscPortal.Web.Evidence.StorageKeys.New(DateTime.UtcNow);
        await w.Portal.Services.GetRequiredService<SscPortal.Web.Evidence.IFileStore>().PutAsync(key, new MemoryStream(bytes), "application/pdf", CancellationToken.None);
        return await w.Portal.WithDatabaseAsync(async db =>
        {
            var file = new EvidenceFile
            {
                OwnerKind = FileOwnerKind.Assessment, OwnerId = assessment, OrganisationId = w.CsoA.Id, Section = EvidenceFile.FindingsSection, FileName = "shared.pdf",
                ContentType = "application/pdf", Size = bytes.Length, Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), StorageKey = key,
                UploadedAt = DateTime.UtcNow, Visibility = EvidenceVisibility.Parties,
            };
            file.Parties.Add(new EvidenceFileParty { PartyId = party.Id });
            db.EvidenceFiles.Add(file);
            await db.SaveChangesAsync();
            return file.Id;
        });
    }

    /// <summary>A testimony, restricted to the organisation, in its draft assessment.</summary>
    private static async Task<int> TestimonyOf(AccessWorld w, Actor assessor)
    {
        var assessment = await Assessed(w, assessor, published: false);
        return await w.Portal.WithDatabaseAsync(async db =>
        {
            var testimony = new Testimony { AssessmentId = assessment, Text = "What I saw.", ConsentMethod = ConsentMethod.Written, ConsentGivenOn = DateOnly.FromDateTime(DateTime.UtcNow), CreatedAt = DateTime.UtcNow };
            db.Testimonies.Add(testimony);
            await db.SaveChangesAsync();
            return testimony.Id;
        });
    }

    /// <summary>A published assessment by the organisation, unpublished by a moderator (only moderators unpublish assessments).</summary>
    private static async Task<int> UnpublishedAssessment(AccessWorld w, Actor assessor)
    {
        var id = await Assessed(w, assessor, published: true);
        await w.Portal.WithDatabaseAsync(async db =>
        {
            (await db.Assessments.FindAsync(id))!.Unpublish("Breaks the terms");
            return await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>A complete assessment by the organisation of a published initiative of G (so G is a party), published or a draft.</summary>
    private static async Task<int> Assessed(AccessWorld w, Actor assessor, bool published) =>
        await w.Portal.AssessmentAsync(assessor, await Published(w, w.AgencyG), published ? DateTime.UtcNow.AddMinutes(-1) : null);

    /// <summary>An organisation's self-assessment of an initiative it owns (so it is a party), published or a draft.</summary>
    private static async Task<int> SelfAssessed(AccessWorld w, Actor party, bool published) =>
        await w.Portal.AssessmentAsync(party, await Published(w, party), published ? DateTime.UtcNow.AddMinutes(-1) : null);

    /// <summary>A complete draft of A's assessment of G's initiative, offered for comment to G (or to nobody in the world: H), open or closed.</summary>
    private static async Task<int> Offered(AccessWorld w, Actor to, bool closed = false)
    {
        var initiative = await Published(w, w.AgencyG);
        await w.Portal.WithDatabaseAsync(async db =>
        {
            if (to.Id != w.AgencyG.Id) db.Add(new InitiativeActor { InitiativeId = initiative, ActorId = to.Id, Role = ActorRole.Implementing });
            return await db.SaveChangesAsync();
        });
        var id = await w.Portal.AssessmentAsync(w.CsoA, initiative, publishedAt: null);
        await w.Portal.WithDatabaseAsync(async db =>
        {
            db.CommentWindows.Add(CommentWindow.Open(id, [to.Id], CommentWindow.DefaultDays, DateTime.UtcNow.AddDays(closed ? -20 : 0), null));
            return await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>A's published assessment of G's initiative (H takes part) with one recommendation to G (or H), accepted by it when <paramref name="answered"/>.</summary>
    private static async Task<(int Assessment, int Recommendation, int Statement)> Recommended(AccessWorld w, bool answered, Actor? to = null)
    {
        var initiative = await Published(w, w.AgencyG);
        var addressed = to ?? w.AgencyG;
        var assessment = await w.Portal.AssessmentAsync(w.CsoA, initiative, DateTime.UtcNow.AddMinutes(-1));
        return await w.Portal.WithDatabaseAsync(async db =>
        {
            if (addressed.Id != w.AgencyG.Id) db.Add(new InitiativeActor { InitiativeId = initiative, ActorId = addressed.Id, Role = ActorRole.Implementing });
            var recommendation = new Recommendation { AssessmentId = assessment, Number = 1, Text = "Open the books.", AddressedToId = addressed.Id };
            db.Recommendations.Add(recommendation);
            await db.SaveChangesAsync();
            var statement = 0;
            if (answered)
            {
                var said = recommendation.Answer(addressed.Id, null, RecommendationStatus.Accepted, "We will.", "Publish the books.", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), null, DateTime.UtcNow);
                db.RecommendationStatements.Add(said);
                await db.SaveChangesAsync();
                statement = said.Id;
            }
            return (assessment, recommendation.Id, statement);
        });
    }

    private static Dictionary<string, string> StatementForm(int recommendation, string? status = null) => new()
    {
        ["Statement.RecommendationId"] = $"{recommendation}", ["Statement.Status"] = status ?? "", ["Statement.Text"] = "Matrix statement.",
    };

    private static Dictionary<string, string> CommentForm(Actor commenter) => new()
    {
        ["CommenterId"] = $"{commenter.Id}", ["CommentText"] = "A factual correction.", ["CommentPublic"] = "true", ["CommentIndicator"] = "",
    };

    private static async Task<int> ClaimId(AccessWorld w, Actor organisation, MembershipStatus status, MembershipRole role)
    {
        var userId = await w.Portal.MemberAsync(organisation, role, status);
        return await w.Portal.WithDatabaseAsync(db => db.Memberships.Where(m => m.UserId == userId).Select(m => m.Id).SingleAsync());
    }

    /// <summary>A notification of the CSO member's (only they may mark it).</summary>
    private static async Task<long> NotificationOfCsoMember(AccessWorld w) =>
        await w.Portal.WithDatabaseAsync(async db =>
        {
            var notification = new SscPortal.Web.Notifications.Notification
            {
                UserId = w.UserIds[CsoMember]!, Kind = SscPortal.Web.Notifications.NotificationKind.ResponsePublished, Path = "/assessments", Subject = "Matrix",
                CreatedAt = DateTime.UtcNow, Delivery = SscPortal.Web.Notifications.NotificationDelivery.PortalOnly,
            };
            db.Notifications.Add(notification);
            await db.SaveChangesAsync();
            return notification.Id;
        });

    /// <summary>Something the CSO member follows (only they may stop following it).</summary>
    private static async Task<int> FollowOfCsoMember(AccessWorld w) =>
        await w.Portal.WithDatabaseAsync(async db =>
        {
            var follow = new SscPortal.Web.Notifications.Follow
            {
                UserId = w.UserIds[CsoMember]!, Kind = SscPortal.Web.Notifications.FollowKind.Search, Key = $"q={TestData.Word()}", Label = "Matrix", CreatedAt = DateTime.UtcNow,
            };
            db.Follows.Add(follow);
            await db.SaveChangesAsync();
            return follow.Id;
        });

    /// <summary>The CSO member's unsubscribe link for followed records, as their mail carries it.</summary>
    private static string UnsubscribeLink(AccessWorld w) =>
        w.Portal.Services.GetRequiredService<SscPortal.Web.Notifications.UnsubscribeLinks>().PathFor(w.UserIds[CsoMember]!, SscPortal.Web.Notifications.NotificationKind.Followed);

    private static async Task<long> FailedMail(AccessWorld w) =>
        await w.Portal.WithServicesAsync(async services =>
        {
            var message = services.GetRequiredService<SscPortal.Web.Mail.Outbox>().Add(
                "nobody@invalid.example", SscPortal.Web.Mail.MailKinds.PasswordReset, "en", "Matrix", "<p>Matrix</p>", "Matrix");
            message.Status = SscPortal.Web.Mail.OutboxStatus.Failed;
            message.LastError = "550 (matrix)";
            await services.GetRequiredService<SscPortal.Web.Data.AppDbContext>().SaveChangesAsync();
            return message.Id;
        });

    private static async Task<int> UnverifiedOrganisation(AccessWorld w) =>
        await w.Portal.WithDatabaseAsync(async db =>
        {
            var actor = new Actor { Name = TestData.Unique("Proposed organisation"), Type = ActorType.NationalCso, IsVerified = false, CreatedAt = DateTime.UtcNow };
            db.Actors.Add(actor);
            await db.SaveChangesAsync();
            return actor.Id;
        });

    /// <summary>An open invitation into the organisation, for an address nobody in the world has; its id and the token its mail carried.</summary>
    private static Task<(int Id, string Token)> Invitation(AccessWorld w, Actor organisation) => InvitationTestData.InviteAsync(w.Portal, organisation, w.UserIds[Role.Administrator]!);

    private static async Task<string> Victim(AccessWorld w) => await w.Portal.MemberAsync(null, MembershipRole.Member, MembershipStatus.Active);

    /// <summary>Every case: those here, and those of the calls (AccessMatrixTests.*.cs), read when the tests run.</summary>
    private static Case[] Cases => [.. CoreCases, .. CallCases, .. ApplicationCases, .. ReviewCases, .. GoodPracticeCases, .. EventCases, .. EventBrowseCases, .. RegistrationCases, .. EventReportCases, .. ImportCases, .. QualityCases, .. WidgetsCases, .. RegistryCases];

    private static readonly Case[] CoreCases =
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

        // Open data, the API description and the health checks: public and read-only; drafts and unpublished records never.
        new("/health/live ANY", "is the portal running", _ => Task.FromResult(Get("/health/live")), Everyone),
        new("/health/ready ANY", "is the database there", _ => Task.FromResult(Get("/health/ready")), Everyone),
        new("/openapi/{documentname:regex(^v1$)}.json GET", "the API description", _ => Task.FromResult(Get("/openapi/v1.json")), Everyone),
        new("/export/initiatives.csv GET", "the catalogue as CSV", _ => Task.FromResult(Get("/export/initiatives.csv?country=pe")), Everyone),
        new("/export/iati/activities.xml GET", "the catalogue as IATI activities", _ => Task.FromResult(Get("/export/iati/activities.xml?country=pe")), Everyone),
        new("/api/v1/initiatives GET", "published initiatives", _ => Task.FromResult(Get("/api/v1/initiatives?limit=5")), Everyone),
        new("/api/v1/initiatives/{id:int} GET", "A's published initiative", async w => Get($"/api/v1/initiatives/{await Published(w, w.CsoA)}"), Everyone),
        new("/api/v1/initiatives/{id:int} GET", "A's draft (the API shows published records only)", async w => Get($"/api/v1/initiatives/{await Draft(w, w.CsoA)}"), Nobody),
        new("/api/v1/initiatives/{id:int} GET", "A's record a moderator holds", async w => Get($"/api/v1/initiatives/{await Held(w, w.CsoA)}"), Nobody),
        new("/api/v1/initiatives/{id:int} GET", "a guessed id", _ => Task.FromResult(Get("/api/v1/initiatives/2147483000")), Nobody),
        new("/api/v1/actors GET", "organisations", _ => Task.FromResult(Get("/api/v1/actors?type=government")), Everyone),
        new("/api/v1/assessments GET", "published assessments", _ => Task.FromResult(Get("/api/v1/assessments?limit=5")), Everyone),
        // Atom feeds: public, published records only (FeedTests); an unknown organisation or country is a 404.
        new("/feeds/initiatives.atom GET", "a catalogue search's feed", _ => Task.FromResult(Get("/feeds/initiatives.atom?country=pe")), Everyone),
        new("/feeds/assessments.atom GET", "the assessments' feed", _ => Task.FromResult(Get("/feeds/assessments.atom?perspective=civilsociety")), Everyone),
        new("/feeds/organisations/{id:int}.atom GET", "an organisation's feed", w => Task.FromResult(Get($"/feeds/organisations/{w.CsoA.Id}.atom")), Everyone),
        new("/feeds/organisations/{id:int}.atom GET", "a guessed organisation", _ => Task.FromResult(Get("/feeds/organisations/2147483000.atom")), Nobody),
        new("/feeds/countries/{code:length(2)}.atom GET", "a country's feed", _ => Task.FromResult(Get("/feeds/countries/PE.atom")), Everyone),
        new("/feeds/countries/{code:length(2)}.atom GET", "a country that is not one", _ => Task.FromResult(Get("/feeds/countries/QQ.atom")), Nobody),
        // The recommendation tracker (issue 16) and its exports: public reads of public assessments' recommendations (RecommendationTrackerTests).
        new("/recommendations GET", "the recommendation tracker", _ => Task.FromResult(Get("/recommendations?status=awaiting&overdue=yes")), Everyone),
        new("/recommendations.csv GET", "the tracker as CSV", _ => Task.FromResult(Get("/recommendations.csv?country=pe")), Everyone),
        new("/api/v1/recommendations GET", "the tracker's recommendations", _ => Task.FromResult(Get("/api/v1/recommendations?limit=5")), Everyone),
        new("/export/testimonies.csv GET", "testimonies consented to be public, as CSV", _ => Task.FromResult(Get("/export/testimonies.csv")), Everyone),
        new("/api/v1/testimonies GET", "testimonies consented to be public", _ => Task.FromResult(Get("/api/v1/testimonies?limit=5")), Everyone),
        new("/feeds/recommendations.atom GET", "the tracker's feed", _ => Task.FromResult(Get("/feeds/recommendations.atom?priority=high")), Everyone),
        // The exchange (issue 18): public reads of published offers and needs (ExchangeSearchTests); a draft or a guessed id is a 404.
        new("/exchange GET", "the exchange", _ => Task.FromResult(Get("/exchange?kind=offer&open=yes")), Everyone),
        new("/exchange.csv GET", "the exchange as CSV", _ => Task.FromResult(Get("/exchange.csv?country=pe")), Everyone),
        new("/api/v1/listings GET", "published offers and needs", _ => Task.FromResult(Get("/api/v1/listings?limit=5")), Everyone),
        new("/api/v1/listings/{id:int} GET", "A's published offer", async w => Get($"/api/v1/listings/{await ListingOf(w, w.CsoA, published: true)}"), Everyone),
        new("/api/v1/listings/{id:int} GET", "A's draft offer (the API shows published records only)", async w => Get($"/api/v1/listings/{await ListingOf(w, w.CsoA, published: false)}"), Nobody),
        new("/api/v1/listings/{id:int} GET", "a guessed id", _ => Task.FromResult(Get("/api/v1/listings/2147483000")), Nobody),
        new("/feeds/exchange.atom GET", "the exchange's feed", _ => Task.FromResult(Get("/feeds/exchange.atom?theme=health")), Everyone),

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

        // Initiatives: seeing drafts and unpublished records, editing, publishing.
        new("/initiatives/{id:int} GET", "A's published record", async w => Get($"/initiatives/{await Published(w, w.CsoA)}"), Everyone),
        new("/initiatives/{id:int} GET", "A's draft", async w => Get($"/initiatives/{await Draft(w, w.CsoA)}"), SeeHidden(CsoA, unpublished: false)),
        new("/initiatives/{id:int} GET", "B's draft (another CSO)", async w => Get($"/initiatives/{await Draft(w, w.CsoB)}"), SeeHidden(CsoB, unpublished: false)),
        new("/initiatives/{id:int} GET", "G's draft", async w => Get($"/initiatives/{await Draft(w, w.AgencyG)}"), SeeHidden(AgencyG, unpublished: false)),
        new("/initiatives/{id:int} GET", "A's record a moderator holds", async w => Get($"/initiatives/{await Held(w, w.CsoA)}"), SeeHidden(CsoA, unpublished: true)),
        new("/initiatives/{id:int} GET", "G's record its admin unpublished", async w => Get($"/initiatives/{await Withdrawn(w, w.AgencyG)}"), SeeHidden(AgencyG, unpublished: true)),
        new("/initiatives/{id:int} GET", "a guessed id", _ => Task.FromResult(Get("/initiatives/2147483000")), Nobody),
        new("/initiatives/{id:int}/history GET", "history of A's published record", async w => Get($"/initiatives/{await Published(w, w.CsoA)}/history"), Everyone),
        new("/initiatives/{id:int}/history GET", "history of G's draft", async w => Get($"/initiatives/{await Draft(w, w.AgencyG)}/history"), SeeHidden(AgencyG, unpublished: false)),
        new("/initiatives/{id:int}/history GET", "history of B's draft", async w => Get($"/initiatives/{await Draft(w, w.CsoB)}/history"), SeeHidden(CsoB, unpublished: false)),
        new("/initiatives/{id:int}/history GET", "history of A's record a moderator holds", async w => Get($"/initiatives/{await Held(w, w.CsoA)}/history"), SeeHidden(CsoA, unpublished: true)),
        new("/initiatives/{id:int} POST Delete", "delete A's draft", async w => Post($"/initiatives/{await Draft(w, w.CsoA)}?handler=Delete"), Holders(Permission.EditOwnInitiatives, CsoA)),
        new("/initiatives/{id:int} POST Delete", "delete G's draft", async w => Post($"/initiatives/{await Draft(w, w.AgencyG)}?handler=Delete"), Holders(Permission.EditOwnInitiatives, AgencyG)),
        new("/initiatives/{id:int} POST Delete", "delete B's draft", async w => Post($"/initiatives/{await Draft(w, w.CsoB)}?handler=Delete"), Holders(Permission.EditOwnInitiatives, CsoB)),
        new("/my GET", "my work", _ => Task.FromResult(Get("/my")), SignedIn),
        new("/my/notifications GET", "my notifications", _ => Task.FromResult(Get("/my/notifications")), SignedIn),
        new("/my/notifications POST Read", "mark the CSO member's notification read", async w => Post($"/my/notifications?handler=Read&id={await NotificationOfCsoMember(w)}"), new[] { CsoMember }),
        new("/my/notifications POST Read", "a guessed id", _ => Task.FromResult(Post("/my/notifications?handler=Read&id=9223372036854775000")), Nobody),
        new("/my/notifications POST ReadAll", "mark all mine read", _ => Task.FromResult(Post("/my/notifications?handler=ReadAll")), SignedIn),
        new("/my/settings GET", "my settings", _ => Task.FromResult(Get("/my/settings")), SignedIn),
        new("/my/settings POST", "save my settings", _ => Task.FromResult(Post("/my/settings", new() { ["Language"] = "en" })), SignedIn),
        new("/my/following GET", "what I follow", _ => Task.FromResult(Get("/my/following")), SignedIn),
        new("/my/following POST Follow", "follow a country", _ => Task.FromResult(Post("/my/following?handler=Follow", new() { ["kind"] = "Country", ["key"] = "PE" })), SignedIn),
        new("/my/following POST Remove", "stop the CSO member's follow", async w => Post($"/my/following?handler=Remove&id={await FollowOfCsoMember(w)}"), new[] { CsoMember }),
        new("/my/following POST Remove", "a guessed id", _ => Task.FromResult(Post("/my/following?handler=Remove&id=2147483000")), Nobody),
        new("/unsubscribe/{token} GET", "the CSO member's unsubscribe link (the signed token is the key)", w => Task.FromResult(Get(UnsubscribeLink(w))), Everyone),
        new("/unsubscribe/{token} POST", "one-click unsubscribe with the CSO member's link", w => Task.FromResult(Post(UnsubscribeLink(w))), Everyone),
        new("/my/spreadsheet GET", "spreadsheet page", _ => Task.FromResult(Get("/my/spreadsheet")), SignedIn),
        new("/my/spreadsheet GET Download", "A's spreadsheet", w => Task.FromResult(Get($"/my/spreadsheet?handler=Download&organisationId={w.CsoA.Id}")), Holders(Permission.EditOwnInitiatives, CsoA)),
        new("/my/spreadsheet GET Download", "G's spreadsheet", w => Task.FromResult(Get($"/my/spreadsheet?handler=Download&organisationId={w.AgencyG.Id}")), Holders(Permission.EditOwnInitiatives, AgencyG)),
        new("/my/spreadsheet POST Upload", "upload (no file) for B", w => Task.FromResult(Post("/my/spreadsheet?handler=Upload", new() { ["OrganisationId"] = $"{w.CsoB.Id}" })), Holders(Permission.EditOwnInitiatives, CsoB)),
        new("/my/spreadsheet POST Upload", "upload (no file) for A", w => Task.FromResult(Post("/my/spreadsheet?handler=Upload", new() { ["OrganisationId"] = $"{w.CsoA.Id}" })), Holders(Permission.EditOwnInitiatives, CsoA)),
        new("/initiatives/new GET", "new initiative form", _ => Task.FromResult(Get("/initiatives/new")), Anywhere(Permission.EditOwnInitiatives)),
        new("/initiatives/new POST", "new initiative owned by A", w => Task.FromResult(Post("/initiatives/new", InitiativeForm(w.CsoA.Id))), Holders(Permission.EditOwnInitiatives, CsoA)),
        new("/initiatives/new POST", "new initiative owned by G", w => Task.FromResult(Post("/initiatives/new", InitiativeForm(w.AgencyG.Id))), Holders(Permission.EditOwnInitiatives, AgencyG)),
        new("/initiatives/new POST", "new initiative owned by B (crafted owner)", w => Task.FromResult(Post("/initiatives/new", InitiativeForm(w.CsoB.Id))), Holders(Permission.EditOwnInitiatives, CsoB)),
        new("/initiatives/new POST AddRows", "more rows on a new initiative", w => Task.FromResult(Post("/initiatives/new?handler=AddRows", InitiativeForm(w.CsoA.Id))), Anywhere(Permission.EditOwnInitiatives)),
        new("/initiatives/{id:int}/edit POST AddRows", "more rows on A's draft", async w => Post($"/initiatives/{await Draft(w, w.CsoA)}/edit?handler=AddRows", InitiativeForm()), EditInitiative(CsoA, draft: true)),
        new("/initiatives/{id:int}/edit POST AddRows", "more rows on B's draft", async w => Post($"/initiatives/{await Draft(w, w.CsoB)}/edit?handler=AddRows", InitiativeForm()), EditInitiative(CsoB, draft: true)),
        new("/initiatives/{id:int}/edit GET", "edit A's published record", async w => Get($"/initiatives/{await Published(w, w.CsoA)}/edit"), EditInitiative(CsoA, draft: false)),
        new("/initiatives/{id:int}/edit GET", "edit A's draft", async w => Get($"/initiatives/{await Draft(w, w.CsoA)}/edit"), EditInitiative(CsoA, draft: true)),
        new("/initiatives/{id:int}/edit GET", "edit G's published record", async w => Get($"/initiatives/{await Published(w, w.AgencyG)}/edit"), EditInitiative(AgencyG, draft: false)),
        new("/initiatives/{id:int}/edit GET", "edit B's published record", async w => Get($"/initiatives/{await Published(w, w.CsoB)}/edit"), EditInitiative(CsoB, draft: false)),
        new("/initiatives/{id:int}/edit POST", "save A's draft", async w => Post($"/initiatives/{await Draft(w, w.CsoA)}/edit", InitiativeForm()), EditInitiative(CsoA, draft: true)),
        new("/initiatives/{id:int}/edit POST", "save G's published record", async w => Post($"/initiatives/{await Published(w, w.AgencyG)}/edit", InitiativeForm()), EditInitiative(AgencyG, draft: false)),
        new("/initiatives/{id:int}/edit POST", "save B's published record", async w => Post($"/initiatives/{await Published(w, w.CsoB)}/edit", InitiativeForm()), EditInitiative(CsoB, draft: false)),
        new("/initiatives/{id:int} POST Publish", "publish A's draft", async w => Post($"/initiatives/{await Draft(w, w.CsoA)}?handler=Publish", AsRendered()), Holders(Permission.PublishOwnRecords, CsoA)),
        new("/initiatives/{id:int} POST Publish", "publish G's draft", async w => Post($"/initiatives/{await Draft(w, w.AgencyG)}?handler=Publish", AsRendered()), Holders(Permission.PublishOwnRecords, AgencyG)),
        new("/initiatives/{id:int} POST Publish", "publish B's draft", async w => Post($"/initiatives/{await Draft(w, w.CsoB)}?handler=Publish", AsRendered()), Holders(Permission.PublishOwnRecords, CsoB)),
        new("/initiatives/{id:int} POST Unpublish", "unpublish A's record", async w => Post($"/initiatives/{await Published(w, w.CsoA)}?handler=Unpublish", AsRendered(new() { ["Reason"] = "Matrix" })), UnpublishInitiative(CsoA)),
        new("/initiatives/{id:int} POST Unpublish", "unpublish G's record", async w => Post($"/initiatives/{await Published(w, w.AgencyG)}?handler=Unpublish", AsRendered(new() { ["Reason"] = "Matrix" })), UnpublishInitiative(AgencyG)),
        new("/initiatives/{id:int} POST Unpublish", "unpublish B's record", async w => Post($"/initiatives/{await Published(w, w.CsoB)}?handler=Unpublish", AsRendered(new() { ["Reason"] = "Matrix" })), UnpublishInitiative(CsoB)),

        new("/initiatives/{id:int} POST Release", "lift the hold on A's record a moderator unpublished", async w => Post($"/initiatives/{await Held(w, w.CsoA)}?handler=Release"), Platform(Permission.UnpublishAnyRecord)),
        new("/initiatives/{id:int} POST Release", "lift the hold on G's record a moderator unpublished", async w => Post($"/initiatives/{await Held(w, w.AgencyG)}?handler=Release"), Platform(Permission.UnpublishAnyRecord)),

        // Partnerships: recorded by official organisations only.
        new("/partnerships GET", "partnership list", _ => Task.FromResult(Get("/partnerships")), Everyone),
        new("/partnerships/{id:int} GET", "G's published partnership", async w => Get($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyG, w.CsoA, DateTime.UtcNow)}"), Everyone),
        new("/partnerships/{id:int} GET", "G's draft partnership", async w => Get($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyG, w.CsoA, null)}"), SeeHidden(AgencyG, unpublished: false)),
        new("/partnerships/{id:int} GET", "G's partnership a moderator unpublished", async w => Get($"/partnerships/{await UnpublishedPartnership(w, w.AgencyG)}"), SeeHidden(AgencyG, unpublished: true)),
        new("/partnerships/{id:int} GET", "a guessed id", _ => Task.FromResult(Get("/partnerships/2147483000")), Nobody),
        new("/partnerships/new GET", "new partnership form", _ => Task.FromResult(Get("/partnerships/new")), Anywhere(Permission.RecordPartnerships)),
        new("/partnerships/new POST", "new partnership owned by G", w => Task.FromResult(Post("/partnerships/new", PartnershipForm(w.AgencyG.Id, w.CsoB.Id))), Holders(Permission.RecordPartnerships, AgencyG)),
        new("/partnerships/new POST", "new partnership owned by A (a CSO)", w => Task.FromResult(Post("/partnerships/new", PartnershipForm(w.CsoA.Id, w.CsoB.Id))), Holders(Permission.RecordPartnerships, CsoA)),
        new("/partnerships/{id:int}/edit GET", "edit G's draft partnership", async w => Get($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyG, w.CsoA, null)}/edit"), EditPartnership(AgencyG, draft: true)),
        new("/partnerships/{id:int}/edit GET", "edit G's published partnership", async w => Get($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyG, w.CsoA, DateTime.UtcNow)}/edit"), EditPartnership(AgencyG, draft: false)),
        new("/partnerships/{id:int}/edit POST", "save G's draft partnership", async w => Post($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyG, w.CsoA, null)}/edit", PartnershipForm(w.AgencyG.Id, w.CsoA.Id, version: 1)), EditPartnership(AgencyG, draft: true)),
        new("/partnerships/{id:int}/edit POST", "save G's published partnership", async w => Post($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyG, w.CsoA, DateTime.UtcNow)}/edit", PartnershipForm(w.AgencyG.Id, w.CsoA.Id, version: 1)), EditPartnership(AgencyG, draft: false)),
        new("/partnerships/{id:int}/history GET", "history of G's published partnership", async w => Get($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyG, w.CsoA, DateTime.UtcNow)}/history"), Everyone),
        new("/partnerships/{id:int}/history GET", "history of G's draft partnership", async w => Get($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyG, w.CsoA, null)}/history"), SeeHidden(AgencyG, unpublished: false)),
        new("/partnerships/{id:int}/history GET", "history of G's partnership a moderator unpublished", async w => Get($"/partnerships/{await UnpublishedPartnership(w, w.AgencyG)}/history"), SeeHidden(AgencyG, unpublished: true)),
        new("/partnerships/{id:int} POST Publish", "publish G's draft partnership", async w => Post($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyG, w.CsoA, null)}?handler=Publish", AsRendered()), PublishPartnership(AgencyG)),
        new("/partnerships/{id:int} POST Unpublish", "unpublish G's partnership", async w => Post($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyG, w.CsoA, DateTime.UtcNow)}?handler=Unpublish", AsRendered(new() { ["Reason"] = "Matrix" })),
            PublishPartnership(AgencyG) | Platform(Permission.UnpublishAnyRecord)),

        // Principles, assessments and their comparisons.
        new("/stats GET", "figures with filters", _ => Task.FromResult(Get("/stats?modality=triangular")), Everyone),
        new("/map GET", "the map", _ => Task.FromResult(Get("/map?as=recipient")), Everyone),
        new("/exchange/figures GET", "the exchange in figures", _ => Task.FromResult(Get("/exchange/figures?kind=offer")), Everyone),
        new("/principles GET", "the principles", _ => Task.FromResult(Get("/principles")), Everyone),
        new("/principles/{code} GET", "one principle", _ => Task.FromResult(Get("/principles/national-ownership")), Everyone),
        new("/countries/{code:length(2)} GET", "a country's scores", _ => Task.FromResult(Get("/countries/pe")), Everyone),
        new("/assessments GET", "published assessments", _ => Task.FromResult(Get("/assessments?dimension=results&min=0&max=4")), Everyone),
        new("/assessments/{id:int} GET", "A's published assessment", async w => Get($"/assessments/{await Assessed(w, w.CsoA, published: true)}"), Everyone),
        new("/assessments/{id:int} GET", "A's draft assessment", async w => Get($"/assessments/{await Assessed(w, w.CsoA, published: false)}"), SeeHidden(CsoA, unpublished: false)),
        new("/assessments/{id:int} GET", "G's draft self-assessment", async w => Get($"/assessments/{await Assessed(w, w.AgencyG, published: false)}"), SeeHidden(AgencyG, unpublished: false)),
        new("/assessments/{id:int} GET", "A's assessment a moderator unpublished", async w => Get($"/assessments/{await UnpublishedAssessment(w, w.CsoA)}"), SeeHidden(CsoA, unpublished: true)),
        new("/assessments/{id:int} GET", "a guessed id", _ => Task.FromResult(Get("/assessments/2147483000")), Nobody),
        new("/assessments/{id:int}/history GET", "history of A's published assessment", async w => Get($"/assessments/{await Assessed(w, w.CsoA, published: true)}/history"), Everyone),
        new("/assessments/{id:int}/history GET", "history of A's draft assessment", async w => Get($"/assessments/{await Assessed(w, w.CsoA, published: false)}/history"), SeeHidden(CsoA, unpublished: false)),
        new("/assessments/{id:int}/history GET", "history of A's assessment a moderator unpublished", async w => Get($"/assessments/{await UnpublishedAssessment(w, w.CsoA)}/history"), SeeHidden(CsoA, unpublished: true)),
        new("/assessments/{id:int}/edit GET", "continue A's draft", async w => Get($"/assessments/{await Assessed(w, w.CsoA, published: false)}/edit"), WriteAssessment(CsoA, party: false)),
        // A published assessment never changes, whoever asks: a revision is written instead.
        new("/assessments/{id:int}/edit GET", "edit A's published assessment", async w => Get($"/assessments/{await Assessed(w, w.CsoA, published: true)}/edit"), Nobody),
        new("/assessments/{id:int}/edit POST", "save A's draft", async w => Post($"/assessments/{await Assessed(w, w.CsoA, published: false)}/edit",
            new() { ["Input.Version"] = "1", ["Input.Findings"] = "Edited through the access matrix." }), WriteAssessment(CsoA, party: false)),
        new("/assessments/{id:int}/edit POST", "save G's draft self-assessment", async w => Post($"/assessments/{await Assessed(w, w.AgencyG, published: false)}/edit",
            new() { ["Input.Version"] = "1", ["Input.Findings"] = "Edited through the access matrix." }), WriteAssessment(AgencyG, party: true)),
        new("/assessments/{id:int}/edit POST AddRows", "more rows on A's draft", async w => Post($"/assessments/{await Assessed(w, w.CsoA, published: false)}/edit?handler=AddRows"), WriteAssessment(CsoA, party: false)),
        new("/initiatives/{initiativeid:int}/assess GET", "assess G's published initiative", async w => Get($"/initiatives/{await Published(w, w.AgencyG)}/assess"), AssessAnything(parties: AgencyG)),
        new("/initiatives/{initiativeid:int}/assess GET", "assess B's published initiative (G is no party)", async w => Get($"/initiatives/{await Published(w, w.CsoB)}/assess"), AssessAnything(parties: CsoB)),
        // Only a published initiative is assessed.
        new("/initiatives/{initiativeid:int}/assess GET", "assess G's draft initiative", async w => Get($"/initiatives/{await Draft(w, w.AgencyG)}/assess"), Nobody),
        new("/initiatives/{initiativeid:int}/assess POST", "start an assessment for A", async w => Post($"/initiatives/{await Published(w, w.AgencyG)}/assess",
            new() { ["Input.AssessorId"] = $"{w.CsoA.Id}", ["Input.Relationship"] = "Independent" }), WriteAssessment(CsoA, party: false)),
        new("/initiatives/{initiativeid:int}/assess POST", "start a self-assessment for G", async w => Post($"/initiatives/{await Published(w, w.AgencyG)}/assess",
            new() { ["Input.AssessorId"] = $"{w.AgencyG.Id}" }), WriteAssessment(AgencyG, party: true)),
        new("/initiatives/{initiativeid:int}/assess POST", "start an assessment for B (crafted)", async w => Post($"/initiatives/{await Published(w, w.AgencyG)}/assess",
            new() { ["Input.AssessorId"] = $"{w.CsoB.Id}" }), WriteAssessment(CsoB, party: false)),
        new("/initiatives/{initiativeid:int}/assess POST AddRows", "more rows on a new assessment", async w => Post($"/initiatives/{await Published(w, w.AgencyG)}/assess?handler=AddRows"), AssessAnything(parties: AgencyG)),
        new("/assessments/{id:int} POST Publish", "publish A's complete draft", async w => Post($"/assessments/{await Assessed(w, w.CsoA, published: false)}?handler=Publish", AsRendered()), Holders(Permission.PublishAssessments, CsoA)),
        new("/assessments/{id:int} POST Publish", "publish G's complete self-assessment", async w => Post($"/assessments/{await Assessed(w, w.AgencyG, published: false)}?handler=Publish", AsRendered()), Holders(Permission.PublishAssessments, AgencyG)),
        new("/assessments/{id:int} POST Revise", "revise A's published assessment", async w => Post($"/assessments/{await Assessed(w, w.CsoA, published: true)}?handler=Revise"), WriteAssessment(CsoA, party: false)),
        new("/assessments/{id:int} POST Unpublish", "unpublish A's assessment", async w => Post($"/assessments/{await Assessed(w, w.CsoA, published: true)}?handler=Unpublish", AsRendered(new() { ["Reason"] = "Matrix" })), Platform(Permission.UnpublishAnyRecord)),
        new("/assessments/{id:int} POST Respond", "G answers A's assessment of G's initiative", async w => Post($"/assessments/{await Assessed(w, w.CsoA, published: true)}?handler=Respond",
            new() { ["ResponderId"] = $"{w.AgencyG.Id}", ["ResponseText"] = "Our answer." }), Holders(Permission.RespondToAssessments, AgencyG)),
        // Only a party of the initiative answers an assessment of it: A is not one, whatever its rights.
        new("/assessments/{id:int} POST Respond", "A answers its own assessment (not a party)", async w => Post($"/assessments/{await Assessed(w, w.CsoA, published: true)}?handler=Respond",
            new() { ["ResponderId"] = $"{w.CsoA.Id}", ["ResponseText"] = "Our answer." }), Nobody),
        new("/assessments/{id:int} POST Delete", "delete A's draft assessment", async w => Post($"/assessments/{await Assessed(w, w.CsoA, published: false)}?handler=Delete"), WriteAssessment(CsoA, party: false)),
        new("/admin/frameworks GET", "framework versions", _ => Task.FromResult(Get("/admin/frameworks")), Platform(Permission.PublishFrameworks)),
        new("/admin/frameworks POST", "publish a framework version (empty)", _ => Task.FromResult(Post("/admin/frameworks", new() { ["Text"] = "" })), Platform(Permission.PublishFrameworks)),

        // Organisation members.
        new("/organisations/{id:int}/members GET", "A's members", w => Task.FromResult(Get($"/organisations/{w.CsoA.Id}/members")), ManageMembers(CsoA, Permission.ApproveAnyMembershipClaim)),
        new("/organisations/{id:int}/members GET", "G's members", w => Task.FromResult(Get($"/organisations/{w.AgencyG.Id}/members")), ManageMembers(AgencyG, Permission.ApproveAnyMembershipClaim)),
        new("/organisations/{id:int}/members POST Approve", "approve a claim on A", async w => Post($"/organisations/{w.CsoA.Id}/members?handler=Approve",
            new() { ["membershipId"] = $"{await ClaimId(w, w.CsoA, MembershipStatus.Pending, MembershipRole.Member)}" }), ManageMembers(CsoA, Permission.ApproveAnyMembershipClaim)),
        // A claim is decided on its own organisation's page: through another's, it does not exist.
        new("/organisations/{id:int}/members POST Approve", "approve a claim on G through A's page (crafted)", async w => Post($"/organisations/{w.CsoA.Id}/members?handler=Approve",
            new() { ["membershipId"] = $"{await ClaimId(w, w.AgencyG, MembershipStatus.Pending, MembershipRole.Member)}" }), Nobody),
        new("/organisations/{id:int}/members POST Reject", "reject a claim on G", async w => Post($"/organisations/{w.AgencyG.Id}/members?handler=Reject",
            new() { ["membershipId"] = $"{await ClaimId(w, w.AgencyG, MembershipStatus.Pending, MembershipRole.Member)}" }), ManageMembers(AgencyG, Permission.ApproveAnyMembershipClaim)),
        new("/organisations/{id:int}/members POST ChangeRole", "make an A member admin", async w => Post($"/organisations/{w.CsoA.Id}/members?handler=ChangeRole",
            new() { ["membershipId"] = $"{await ClaimId(w, w.CsoA, MembershipStatus.Active, MembershipRole.Member)}", ["role"] = "OrganisationAdmin" }), ManageMembers(CsoA, Permission.ManageUsers)),
        new("/organisations/{id:int}/members POST Remove", "remove a G member", async w => Post($"/organisations/{w.AgencyG.Id}/members?handler=Remove",
            new() { ["membershipId"] = $"{await ClaimId(w, w.AgencyG, MembershipStatus.Active, MembershipRole.Member)}", ["confirm"] = "true" }), ManageMembers(AgencyG, Permission.ManageUsers)),

        // Invitations: organisation admins invite into their own organisation, administrators into any.
        new("/organisations/{id:int}/members POST Invite", "invite someone into A", w => Task.FromResult(Post($"/organisations/{w.CsoA.Id}/members?handler=Invite",
            new() { ["Invite.Email"] = $"{Guid.NewGuid():N}@invited.example.org", ["Invite.Role"] = "Member" })), ManageMembers(CsoA, Permission.ManageUsers)),
        new("/organisations/{id:int}/members POST Invite", "invite an admin into G", w => Task.FromResult(Post($"/organisations/{w.AgencyG.Id}/members?handler=Invite",
            new() { ["Invite.Email"] = $"{Guid.NewGuid():N}@invited.example.org", ["Invite.Role"] = "OrganisationAdmin" })), ManageMembers(AgencyG, Permission.ManageUsers)),
        new("/organisations/{id:int}/members POST Invite", "invite someone into B (nobody's)", w => Task.FromResult(Post($"/organisations/{w.CsoB.Id}/members?handler=Invite",
            new() { ["Invite.Email"] = $"{Guid.NewGuid():N}@invited.example.org", ["Invite.Role"] = "Member" })), ManageMembers(CsoB, Permission.ManageUsers)),
        new("/organisations/{id:int}/members POST RevokeInvitation", "withdraw an invitation into A", async w => Post($"/organisations/{w.CsoA.Id}/members?handler=RevokeInvitation",
            new() { ["invitationId"] = $"{(await Invitation(w, w.CsoA)).Id}" }), ManageMembers(CsoA, Permission.ManageUsers)),
        // An invitation is withdrawn on its own organisation's page: through another's, it does not exist.
        new("/organisations/{id:int}/members POST RevokeInvitation", "withdraw an invitation into G through A's page (crafted)", async w => Post($"/organisations/{w.CsoA.Id}/members?handler=RevokeInvitation",
            new() { ["invitationId"] = $"{(await Invitation(w, w.AgencyG)).Id}" }), Nobody),
        new("/invitations/accept GET", "an invitation link", async w => Get($"/invitations/accept?token={(await Invitation(w, w.CsoB)).Token}"), Everyone),
        new("/invitations/accept GET", "an altered invitation link", _ => Task.FromResult(Get("/invitations/accept?token=altered")), Everyone),
        // Only the invited address accepts, and nobody in the world has it.
        new("/invitations/accept POST", "accept someone else's invitation", async w => Post("/invitations/accept", new() { ["Token"] = (await Invitation(w, w.CsoB)).Token }), Nobody),

        // An organisation's IATI organisation identifier.
        new("/organisations/{id:int}/iati-identifier GET", "A's IATI identifier", w => Task.FromResult(Get($"/organisations/{w.CsoA.Id}/iati-identifier")), Holders(Permission.SetOrganisationIdentifier, CsoA)),
        new("/organisations/{id:int}/iati-identifier POST", "record G's IATI identifier", w => Task.FromResult(Post($"/organisations/{w.AgencyG.Id}/iati-identifier",
            new() { ["Input.IatiIdentifier"] = $"XI-IATI-M{Guid.NewGuid():N}" })), Holders(Permission.SetOrganisationIdentifier, AgencyG)),

        // One official organisation's attempts on another's records (G's people on H's), and on ids nobody has.
        new("/initiatives/{id:int} GET", "H's draft (another official organisation)", async w => Get($"/initiatives/{await Draft(w, w.AgencyH)}"), SeeHidden(AgencyH, unpublished: false)),
        new("/initiatives/{id:int}/edit GET", "edit H's draft", async w => Get($"/initiatives/{await Draft(w, w.AgencyH)}/edit"), EditInitiative(AgencyH, draft: true)),
        new("/initiatives/{id:int}/edit POST", "save H's published record", async w => Post($"/initiatives/{await Published(w, w.AgencyH)}/edit", InitiativeForm()), EditInitiative(AgencyH, draft: false)),
        new("/initiatives/new POST", "new initiative owned by H (crafted owner)", w => Task.FromResult(Post("/initiatives/new", InitiativeForm(w.AgencyH.Id))), Holders(Permission.EditOwnInitiatives, AgencyH)),
        new("/initiatives/{id:int} POST Publish", "publish H's draft", async w => Post($"/initiatives/{await Draft(w, w.AgencyH)}?handler=Publish", AsRendered()), Holders(Permission.PublishOwnRecords, AgencyH)),
        new("/initiatives/{id:int} POST Unpublish", "unpublish H's record", async w => Post($"/initiatives/{await Published(w, w.AgencyH)}?handler=Unpublish", AsRendered(new() { ["Reason"] = "Matrix" })), UnpublishInitiative(AgencyH)),
        new("/initiatives/{id:int} POST Delete", "delete H's draft", async w => Post($"/initiatives/{await Draft(w, w.AgencyH)}?handler=Delete", new() { ["confirm"] = "true" }), Holders(Permission.EditOwnInitiatives, AgencyH)),
        new("/my/spreadsheet POST Upload", "upload (no file) for H", w => Task.FromResult(Post("/my/spreadsheet?handler=Upload", new() { ["OrganisationId"] = $"{w.AgencyH.Id}" })), Holders(Permission.EditOwnInitiatives, AgencyH)),
        new("/partnerships/{id:int} GET", "H's draft partnership", async w => Get($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyH, w.CsoA, null)}"), SeeHidden(AgencyH, unpublished: false)),
        new("/partnerships/new POST", "new partnership owned by H (crafted owner)", w => Task.FromResult(Post("/partnerships/new", PartnershipForm(w.AgencyH.Id, w.CsoB.Id))), EditPartnership(AgencyH, draft: true)),
        new("/partnerships/{id:int}/edit POST", "save H's draft partnership", async w => Post($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyH, w.CsoA, null)}/edit", PartnershipForm(w.AgencyH.Id, w.CsoA.Id, version: 1)), EditPartnership(AgencyH, draft: true)),
        new("/partnerships/{id:int} POST Publish", "publish H's draft partnership", async w => Post($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyH, w.CsoA, null)}?handler=Publish", AsRendered()), PublishPartnership(AgencyH)),
        new("/partnerships/{id:int} POST Unpublish", "unpublish H's partnership", async w => Post($"/partnerships/{await w.Portal.PartnershipAsync(w.AgencyH, w.CsoA, DateTime.UtcNow)}?handler=Unpublish", AsRendered(new() { ["Reason"] = "Matrix" })),
            PublishPartnership(AgencyH) | Platform(Permission.UnpublishAnyRecord)),
        new("/assessments/{id:int} GET", "H's draft self-assessment", async w => Get($"/assessments/{await SelfAssessed(w, w.AgencyH, published: false)}"), SeeHidden(AgencyH, unpublished: false)),
        new("/assessments/{id:int}/edit POST", "save H's draft self-assessment", async w => Post($"/assessments/{await SelfAssessed(w, w.AgencyH, published: false)}/edit",
            new() { ["Input.Version"] = "1", ["Input.Findings"] = "Edited through the access matrix." }), WriteAssessment(AgencyH, party: true)),
        new("/assessments/{id:int} POST Publish", "publish H's complete self-assessment", async w => Post($"/assessments/{await SelfAssessed(w, w.AgencyH, published: false)}?handler=Publish", AsRendered()), Holders(Permission.PublishAssessments, AgencyH)),
        new("/assessments/{id:int} POST Respond", "G answers A's assessment of H's initiative (G is no party)", async w => Post($"/assessments/{await w.Portal.AssessmentAsync(w.CsoA, await Published(w, w.AgencyH), DateTime.UtcNow.AddMinutes(-1))}?handler=Respond",
            new() { ["ResponderId"] = $"{w.AgencyG.Id}", ["ResponseText"] = "Our answer." }), Nobody),
        new("/initiatives/{initiativeid:int}/assess POST", "start a self-assessment for G of H's initiative (G is no party)", async w => Post($"/initiatives/{await Published(w, w.AgencyH)}/assess",
            new() { ["Input.AssessorId"] = $"{w.AgencyG.Id}" }), WriteAssessment(AgencyG, party: false)),
        new("/organisations/{id:int}/members GET", "H's members", w => Task.FromResult(Get($"/organisations/{w.AgencyH.Id}/members")), ManageMembers(AgencyH, Permission.ApproveAnyMembershipClaim)),
        new("/organisations/{id:int}/members POST Approve", "approve a claim on H", async w => Post($"/organisations/{w.AgencyH.Id}/members?handler=Approve",
            new() { ["membershipId"] = $"{await ClaimId(w, w.AgencyH, MembershipStatus.Pending, MembershipRole.Member)}" }), ManageMembers(AgencyH, Permission.ApproveAnyMembershipClaim)),
        new("/organisations/{id:int}/iati-identifier POST", "record H's IATI identifier", w => Task.FromResult(Post($"/organisations/{w.AgencyH.Id}/iati-identifier",
            new() { ["Input.IatiIdentifier"] = $"XI-IATI-H{Guid.NewGuid():N}" })), Holders(Permission.SetOrganisationIdentifier, AgencyH)),
        new("/initiatives/{id:int}/edit POST", "save a guessed id", _ => Task.FromResult(Post("/initiatives/2147483000/edit", InitiativeForm())), Nobody),
        new("/initiatives/{id:int} POST Publish", "publish a guessed id", _ => Task.FromResult(Post("/initiatives/2147483000?handler=Publish", AsRendered())), Nobody),
        new("/initiatives/{id:int} POST Delete", "delete a guessed id", _ => Task.FromResult(Post("/initiatives/2147483000?handler=Delete", new() { ["confirm"] = "true" })), Nobody),
        new("/partnerships/{id:int}/edit POST", "save a guessed partnership id", _ => Task.FromResult(Post("/partnerships/2147483000/edit", new() { ["Input.Title"] = "Guess", ["Input.Version"] = "1" })), Nobody),
        new("/partnerships/{id:int} POST Unpublish", "unpublish a guessed partnership id", _ => Task.FromResult(Post("/partnerships/2147483000?handler=Unpublish", AsRendered(new() { ["Reason"] = "Matrix" }))), Nobody),
        new("/assessments/{id:int} POST Publish", "publish a guessed assessment id", _ => Task.FromResult(Post("/assessments/2147483000?handler=Publish", AsRendered())), Nobody),
        new("/assessments/{id:int} POST Respond", "respond to a guessed assessment id", w => Task.FromResult(Post("/assessments/2147483000?handler=Respond", new() { ["ResponderId"] = $"{w.AgencyG.Id}", ["ResponseText"] = "Our answer." })), Nobody),
        new("/organisations/{id:int}/members POST Remove", "remove a member of a guessed organisation", _ => Task.FromResult(Post("/organisations/2147483000/members?handler=Remove", new() { ["membershipId"] = "1", ["confirm"] = "true" })), Nobody),

        // A draft offered for comment (issue 16): the assessor's admins offer it; the parties offered to read it and comment while the window is open.
        new("/assessments/{id:int} POST Offer", "offer A's complete draft to G for comment", async w => Post($"/assessments/{await Assessed(w, w.CsoA, published: false)}?handler=Offer",
            new() { ["OfferTo"] = $"{w.AgencyG.Id}", ["Days"] = "14" }), Holders(Permission.PublishAssessments, CsoA)),
        new("/assessments/{id:int} POST Offer", "offer H's complete self-assessment draft", async w => Post($"/assessments/{await SelfAssessed(w, w.AgencyH, published: false)}?handler=Offer",
            new() { ["OfferTo"] = $"{w.AgencyG.Id}", ["Days"] = "14" }), Holders(Permission.PublishAssessments, AgencyH)),
        new("/assessments/{id:int} POST Offer", "offer a guessed assessment id", w => Task.FromResult(Post("/assessments/2147483000?handler=Offer", new() { ["OfferTo"] = $"{w.AgencyG.Id}", ["Days"] = "14" })), Nobody),
        new("/assessments/{id:int} GET", "A's draft offered to G for comment", async w => Get($"/assessments/{await Offered(w, w.AgencyG)}"),
            SeeHidden(CsoA, unpublished: false) | Holders(Permission.CommentOnOfferedDrafts, AgencyG)),
        new("/assessments/{id:int} GET", "A's draft offered to H for comment", async w => Get($"/assessments/{await Offered(w, w.AgencyH)}"),
            SeeHidden(CsoA, unpublished: false) | Holders(Permission.CommentOnOfferedDrafts, AgencyH)),
        new("/assessments/{id:int} GET", "A's draft once G's window closed", async w => Get($"/assessments/{await Offered(w, w.AgencyG, closed: true)}"), SeeHidden(CsoA, unpublished: false)),
        new("/assessments/{id:int} POST Comment", "comment for G on A's draft offered to G", async w => Post($"/assessments/{await Offered(w, w.AgencyG)}?handler=Comment", CommentForm(w.AgencyG)),
            Holders(Permission.CommentOnOfferedDrafts, AgencyG)),
        new("/assessments/{id:int} POST Comment", "comment for H on A's draft offered to H", async w => Post($"/assessments/{await Offered(w, w.AgencyH)}?handler=Comment", CommentForm(w.AgencyH)),
            Holders(Permission.CommentOnOfferedDrafts, AgencyH)),
        new("/assessments/{id:int} POST Comment", "comment for G on A's draft offered to H (crafted)", async w => Post($"/assessments/{await Offered(w, w.AgencyH)}?handler=Comment", CommentForm(w.AgencyG)), Nobody),
        new("/assessments/{id:int} POST Comment", "comment for G once its window closed", async w => Post($"/assessments/{await Offered(w, w.AgencyG, closed: true)}?handler=Comment", CommentForm(w.AgencyG)), Nobody),
        new("/assessments/{id:int} POST Comment", "comment on a guessed assessment id", w => Task.FromResult(Post("/assessments/2147483000?handler=Comment", CommentForm(w.AgencyG))), Nobody),

        // Recommendations (issue 16): the addressed party's admins answer and post progress; the assessor's admins give their view; moderators hide statements.
        new("/assessments/{id:int} POST AnswerRecommendation", "answer A's recommendation to G", async w => { var r = await Recommended(w, answered: false); return Post($"/assessments/{r.Assessment}?handler=AnswerRecommendation", StatementForm(r.Recommendation, "NotAccepted")); }, Holders(Permission.AnswerRecommendations, AgencyG)),
        new("/assessments/{id:int} POST AnswerRecommendation", "answer A's recommendation to H (addressed to nobody in the world)", async w => { var r = await Recommended(w, answered: false, to: w.AgencyH); return Post($"/assessments/{r.Assessment}?handler=AnswerRecommendation", StatementForm(r.Recommendation, "NotAccepted")); }, Holders(Permission.AnswerRecommendations, AgencyH)),
        new("/assessments/{id:int} POST AnswerRecommendation", "answer a recommendation of a guessed assessment id", w => Task.FromResult(Post("/assessments/2147483000?handler=AnswerRecommendation", StatementForm(1, "NotAccepted"))), Nobody),
        new("/assessments/{id:int} POST PostProgress", "progress on A's accepted recommendation to G", async w => { var r = await Recommended(w, answered: true); return Post($"/assessments/{r.Assessment}?handler=PostProgress", StatementForm(r.Recommendation, "InProgress")); }, Holders(Permission.AnswerRecommendations, AgencyG)),
        new("/assessments/{id:int} POST PostProgress", "progress on a guessed assessment id", w => Task.FromResult(Post("/assessments/2147483000?handler=PostProgress", StatementForm(1, "InProgress"))), Nobody),
        new("/assessments/{id:int} POST PostView", "A's view of G's answer", async w => { var r = await Recommended(w, answered: true); return Post($"/assessments/{r.Assessment}?handler=PostView", new(StatementForm(r.Recommendation)) { ["Statement.AboutId"] = $"{r.Statement}", ["Statement.Verdict"] = "Disputes" }); },
            Holders(Permission.PostAssessorViews, CsoA)),
        new("/assessments/{id:int} POST PostView", "a view on a guessed assessment id", w => Task.FromResult(Post("/assessments/2147483000?handler=PostView", StatementForm(1))), Nobody),
        new("/assessments/{id:int} POST HideStatement", "hide G's answer to A's recommendation", async w => { var r = await Recommended(w, answered: true); return Post($"/assessments/{r.Assessment}?handler=HideStatement", new() { ["HideKind"] = "statement", ["HideId"] = $"{r.Statement}", ["Reason"] = "Matrix" }); },
            Platform(Permission.UnpublishAnyRecord)),
        new("/assessments/{id:int} POST HideStatement", "hide on a guessed assessment id", w => Task.FromResult(Post("/assessments/2147483000?handler=HideStatement", new() { ["HideKind"] = "statement", ["HideId"] = "1", ["Reason"] = "Matrix" })), Nobody),

        // Evidence files and testimonies (issue 17): the owning organisation's members add them; restricted ones are read only by those named.
        new("/files/add GET", "add a file to A's draft", async w => Get($"/files/add?to=initiative&id={await Draft(w, w.CsoA)}"), EditInitiative(CsoA, draft: true) & Holders(Permission.AddEvidence, CsoA)),
        new("/files/add GET", "add a file to G's published record", async w => Get($"/files/add?to=initiative&id={await Published(w, w.AgencyG)}"), EditInitiative(AgencyG, draft: false) & Holders(Permission.AddEvidence, AgencyG)),
        new("/files/add GET", "add a file to a guessed record", _ => Task.FromResult(Get("/files/add?to=initiative&id=2147483000")), Nobody),
        new("/files/add POST", "send a file for A's draft", async w => Post($"/files/add?to=initiative&id={await Draft(w, w.CsoA)}"), EditInitiative(CsoA, draft: true) & Holders(Permission.AddEvidence, CsoA)),
        new("/files/add POST", "send a new version of A's public file", async w => Post($"/files/add?replaces={await FileOf(w, w.CsoA, EvidenceVisibility.Public)}"), EditInitiative(CsoA, draft: false) & Holders(Permission.AddEvidence, CsoA)),
        new("/files/{id:int} GET", "A's public file", async w => Get($"/files/{await FileOf(w, w.CsoA, EvidenceVisibility.Public)}"), Everyone),
        new("/files/{id:int} GET", "A's restricted file", async w => Get($"/files/{await FileOf(w, w.CsoA, EvidenceVisibility.Organisation)}"), Holders(Permission.SeeOwnDrafts, CsoA)),
        new("/files/{id:int} GET", "A's reported restricted file", async w => Get($"/files/{await FileOf(w, w.CsoA, EvidenceVisibility.Organisation, reported: true)}"),
            Holders(Permission.SeeOwnDrafts, CsoA) | Platform(Permission.ReadReportedEvidence)),
        new("/files/{id:int} GET", "A's file on its draft offered to G, shared with G", async w => Get($"/files/{await AssessmentFileOf(w, await Offered(w, w.AgencyG), w.AgencyG)}"),
            Holders(Permission.SeeOwnDrafts, CsoA) | Holders(Permission.CommentOnOfferedDrafts, AgencyG)),
        new("/files/{id:int} GET", "A's file shared with G once G's window closed", async w => Get($"/files/{await AssessmentFileOf(w, await Offered(w, w.AgencyG, closed: true), w.AgencyG)}"),
            Holders(Permission.SeeOwnDrafts, CsoA)),
        new("/files/{id:int} GET", "A's file shared with H on a draft offered to G only", async w => Get($"/files/{await AssessmentFileOf(w, await Offered(w, w.AgencyG), w.AgencyH)}"),
            Holders(Permission.SeeOwnDrafts, CsoA)),
        new("/files/{id:int} GET", "a guessed file id", _ => Task.FromResult(Get("/files/2147483000")), Nobody),
        new("/files/{id:int} POST Publish", "publish A's file awaiting review", async w => Post($"/files/{await FileOf(w, w.CsoA, EvidenceVisibility.Public, awaiting: true)}?handler=Publish", new() { ["removeMetadata"] = "false" }),
            Holders(Permission.AddEvidence, CsoA) & EditInitiative(CsoA, draft: false)),
        new("/files/{id:int} POST Discard", "discard A's file awaiting review", async w => Post($"/files/{await FileOf(w, w.CsoA, EvidenceVisibility.Public, awaiting: true)}?handler=Discard"), Holders(Permission.AddEvidence, CsoA)),
        new("/files/{id:int} POST Report", "report A's public file", async w => Post($"/files/{await FileOf(w, w.CsoA, EvidenceVisibility.Public)}?handler=Report", new() { ["Reason"] = "Matrix" }), SignedIn),
        new("/files/{id:int} POST Hide", "hide A's public file", async w => Post($"/files/{await FileOf(w, w.CsoA, EvidenceVisibility.Public)}?handler=Hide", new() { ["Reason"] = "Matrix" }), Platform(Permission.UnpublishAnyRecord)),
        new("/files/{id:int}/download GET", "download A's public file", async w => Get($"/files/{await FileOf(w, w.CsoA, EvidenceVisibility.Public)}/download"), Everyone),
        new("/files/{id:int}/download GET", "download A's restricted file", async w => Get($"/files/{await FileOf(w, w.CsoA, EvidenceVisibility.Organisation)}/download"), Holders(Permission.SeeOwnDrafts, CsoA)),
        new("/files/{id:int}/download GET", "download a guessed file id", _ => Task.FromResult(Get("/files/2147483000/download")), Nobody),
        new("/assessments/{assessmentid:int}/testimonies/new GET", "record a testimony in A's draft", async w => Get($"/assessments/{await Assessed(w, w.CsoA, published: false)}/testimonies/new"),
            WriteAssessment(CsoA, party: false) & Holders(Permission.AddEvidence, CsoA)),
        new("/assessments/{assessmentid:int}/testimonies/new POST", "send a testimony for A's draft", async w => Post($"/assessments/{await Assessed(w, w.CsoA, published: false)}/testimonies/new"),
            WriteAssessment(CsoA, party: false) & Holders(Permission.AddEvidence, CsoA)),
        new("/assessments/{assessmentid:int}/testimonies/new GET", "record a testimony in A's published assessment", async w => Get($"/assessments/{await Assessed(w, w.CsoA, published: true)}/testimonies/new"), Nobody),
        new("/testimonies/{id:int}/withdraw GET", "withdraw a testimony of A's", async w => Get($"/testimonies/{await TestimonyOf(w, w.CsoA)}/withdraw"), Holders(Permission.AddEvidence, CsoA)),
        new("/testimonies/{id:int}/withdraw POST", "withdraw a testimony of A's", async w => Post($"/testimonies/{await TestimonyOf(w, w.CsoA)}/withdraw"), Holders(Permission.AddEvidence, CsoA)),

        // Platform administration.
        new("/admin GET", "moderation queue", _ => Task.FromResult(Get("/admin")), Platform(Permission.VerifyOrganisations)),
        new("/admin POST Verify", "verify an organisation", async w => Post("/admin?handler=Verify", new() { ["actorId"] = $"{await UnverifiedOrganisation(w)}" }), Platform(Permission.VerifyOrganisations)),
        new("/admin POST Reject", "reject a proposed organisation", async w => Post("/admin?handler=Reject", new() { ["actorId"] = $"{await UnverifiedOrganisation(w)}" }), Platform(Permission.VerifyOrganisations)),
        new("/admin/start GET", "add organisations (first run)", _ => Task.FromResult(Get("/admin/start")), Platform(Permission.CreateOrganisations)),
        new("/admin/start POST", "add a verified organisation and invite its admin", _ => Task.FromResult(Post("/admin/start", new()
        {
            ["Organisation.Name"] = TestData.Unique("Added"), ["Organisation.Type"] = "NationalCso", ["FirstAdmin.Email"] = $"{Guid.NewGuid():N}@invited.example.org",
        })), Platform(Permission.CreateOrganisations)),
        new("/admin/audit GET", "audit log", _ => Task.FromResult(Get("/admin/audit")), Platform(Permission.ReadAuditLog)),
        new("/admin/users GET", "users", _ => Task.FromResult(Get("/admin/users")), Platform(Permission.ManageUsers)),
        new("/admin/mail GET", "outgoing mail", _ => Task.FromResult(Get("/admin/mail")), Platform(Permission.ManageMail)),
        new("/admin/mail POST Retry", "retry a failed message", async w => Post("/admin/mail?handler=Retry", new() { ["id"] = $"{await FailedMail(w)}" }), Platform(Permission.ManageMail)),
        new("/admin/users POST Lock", "lock an account", async w => Post("/admin/users?handler=Lock", new() { ["userId"] = await Victim(w) }), Platform(Permission.ManageUsers)),
        new("/admin/users POST Unlock", "unlock an account", async w => Post("/admin/users?handler=Unlock", new() { ["userId"] = await Victim(w) }), Platform(Permission.ManageUsers)),
        new("/admin/users POST Grant", "make someone a moderator", async w => Post("/admin/users?handler=Grant", new() { ["userId"] = await Victim(w), ["role"] = "Moderator" }), Platform(Permission.ManageUsers)),
        new("/admin/users POST Revoke", "take a role away", async w => Post("/admin/users?handler=Revoke", new() { ["userId"] = await Victim(w), ["role"] = "Moderator" }), Platform(Permission.ManageUsers)),
        // Offers and needs (issue 18): members write their organisation's drafts, its admins publish them; another organisation's
        // members say "we are interested"; a conversation is its two organisations' only (moderators read it once reported).
        new("/exchange/{id:int} GET", "A's published offer", async w => Get($"/exchange/{await w.Portal.ListingAsync(w.CsoA, DateTime.UtcNow)}"), Everyone),
        new("/exchange/{id:int} GET", "G's draft need", async w => Get($"/exchange/{await w.Portal.ListingAsync(w.AgencyG, null)}"), SeeHidden(AgencyG, unpublished: false)),
        new("/exchange/{id:int} GET", "G's offer a moderator unpublished", async w => Get($"/exchange/{await UnpublishedListing(w, w.AgencyG)}"), SeeHidden(AgencyG, unpublished: true)),
        new("/exchange/{id:int} GET", "a guessed id", _ => Task.FromResult(Get("/exchange/2147483000")), Nobody),
        new("/exchange/new GET", "new offer or need form", _ => Task.FromResult(Get("/exchange/new")), Anywhere(Permission.WriteOffersAndNeeds)),
        new("/exchange/new POST", "new offer of A", w => Task.FromResult(Post("/exchange/new", ListingForm(w.CsoA.Id))), Holders(Permission.WriteOffersAndNeeds, CsoA)),
        new("/exchange/new POST", "new need of G", w => Task.FromResult(Post("/exchange/new", ListingForm(w.AgencyG.Id))), Holders(Permission.WriteOffersAndNeeds, AgencyG)),
        new("/exchange/new POST", "new need of H (crafted owner)", w => Task.FromResult(Post("/exchange/new", ListingForm(w.AgencyH.Id))), Holders(Permission.WriteOffersAndNeeds, AgencyH)),
        new("/exchange/{id:int}/edit GET", "edit A's draft", async w => Get($"/exchange/{await w.Portal.ListingAsync(w.CsoA, null)}/edit"), EditListing(CsoA, draft: true)),
        new("/exchange/{id:int}/edit GET", "edit A's published offer", async w => Get($"/exchange/{await w.Portal.ListingAsync(w.CsoA, DateTime.UtcNow)}/edit"), EditListing(CsoA, draft: false)),
        new("/exchange/{id:int}/edit POST", "save A's draft", async w => Post($"/exchange/{await w.Portal.ListingAsync(w.CsoA, null)}/edit", ListingForm(w.CsoA.Id, version: 1)), EditListing(CsoA, draft: true)),
        new("/exchange/{id:int}/edit POST", "save G's published offer", async w => Post($"/exchange/{await w.Portal.ListingAsync(w.AgencyG, DateTime.UtcNow)}/edit", ListingForm(w.AgencyG.Id, version: 1)), EditListing(AgencyG, draft: false)),
        new("/exchange/{id:int}/edit POST", "save a guessed id", w => Task.FromResult(Post("/exchange/2147483000/edit", ListingForm(w.CsoA.Id, version: 1))), Nobody),
        new("/exchange/{id:int}/history GET", "history of A's published offer", async w => Get($"/exchange/{await w.Portal.ListingAsync(w.CsoA, DateTime.UtcNow)}/history"), Everyone),
        new("/exchange/{id:int}/history GET", "history of G's draft", async w => Get($"/exchange/{await w.Portal.ListingAsync(w.AgencyG, null)}/history"), SeeHidden(AgencyG, unpublished: false)),
        new("/exchange/{id:int} POST Publish", "publish A's draft", async w => Post($"/exchange/{await w.Portal.ListingAsync(w.CsoA, null)}?handler=Publish", AsRendered()), Holders(Permission.PublishOwnRecords, CsoA)),
        new("/exchange/{id:int} POST Publish", "publish H's draft", async w => Post($"/exchange/{await w.Portal.ListingAsync(w.AgencyH, null)}?handler=Publish", AsRendered()), Holders(Permission.PublishOwnRecords, AgencyH)),
        new("/exchange/{id:int} POST Unpublish", "unpublish G's offer", async w => Post($"/exchange/{await w.Portal.ListingAsync(w.AgencyG, DateTime.UtcNow)}?handler=Unpublish", AsRendered(new() { ["Reason"] = "Matrix" })),
            Holders(Permission.PublishOwnRecords, AgencyG) | Platform(Permission.UnpublishAnyRecord)),
        new("/exchange/{id:int} POST Release", "lift the hold on G's offer", async w => Post($"/exchange/{await UnpublishedListing(w, w.AgencyG, held: true)}?handler=Release"), Platform(Permission.UnpublishAnyRecord)),
        new("/exchange/{id:int} POST Delete", "delete A's draft", async w => Post($"/exchange/{await w.Portal.ListingAsync(w.CsoA, null)}?handler=Delete", new() { ["confirm"] = "true" }), Holders(Permission.WriteOffersAndNeeds, CsoA)),
        new("/exchange/{id:int} POST Interest", "A interested in G's offer", async w => Post($"/exchange/{await w.Portal.ListingAsync(w.AgencyG, DateTime.UtcNow)}?handler=Interest",
            new() { ["Interest.OrganisationId"] = $"{w.CsoA.Id}", ["Interest.Message"] = "We would like to learn from you." }), Holders(Permission.ExpressInterest, CsoA)),
        new("/exchange/{id:int} POST Interest", "B (crafted) interested in G's offer", async w => Post($"/exchange/{await w.Portal.ListingAsync(w.AgencyG, DateTime.UtcNow)}?handler=Interest",
            new() { ["Interest.OrganisationId"] = $"{w.CsoB.Id}", ["Interest.Message"] = "We would like to learn from you." }), Holders(Permission.ExpressInterest, CsoB)),
        new("/exchange/{id:int} POST Interest", "interest in G's draft", async w => Post($"/exchange/{await w.Portal.ListingAsync(w.AgencyG, null)}?handler=Interest",
            new() { ["Interest.OrganisationId"] = $"{w.CsoA.Id}", ["Interest.Message"] = "We would like to learn from you." }), Nobody),
        new("/conversations GET", "my organisations' conversations", _ => Task.FromResult(Get("/conversations")), SignedIn),
        new("/conversations/{id:int} GET", "A's conversation with G", async w => Get($"/conversations/{await Talk(w)}"),
            Holders(Permission.ExpressInterest, CsoA) | Holders(Permission.ExpressInterest, AgencyG)),
        new("/conversations/{id:int} GET", "A's conversation with G, reported", async w => Get($"/conversations/{await Talk(w, reported: true)}"),
            Holders(Permission.ExpressInterest, CsoA) | Holders(Permission.ExpressInterest, AgencyG) | Platform(Permission.ReadReportedConversations)),
        new("/conversations/{id:int} GET", "B's conversation with H", async w => Get($"/conversations/{await w.Portal.ConversationAsync(await w.Portal.ListingAsync(w.AgencyH, DateTime.UtcNow), w.CsoB)}"), Nobody),
        new("/conversations/{id:int} GET", "a guessed id", _ => Task.FromResult(Get("/conversations/2147483000")), Nobody),
        new("/conversations/{id:int} POST Message", "write as A to G", async w => Post($"/conversations/{await Talk(w)}?handler=Message",
            new() { ["OrganisationId"] = $"{w.CsoA.Id}", ["Message"] = "Shall we meet?" }), Holders(Permission.ExpressInterest, CsoA)),
        new("/conversations/{id:int} POST Message", "write as A in a reported conversation", async w => Post($"/conversations/{await Talk(w, reported: true)}?handler=Message",
            new() { ["OrganisationId"] = $"{w.CsoA.Id}", ["Message"] = "Shall we meet?" }), Holders(Permission.ExpressInterest, CsoA)),
        new("/conversations/{id:int} POST Close", "withdraw as A", async w => Post($"/conversations/{await Talk(w)}?handler=Close",
            new() { ["OrganisationId"] = $"{w.CsoA.Id}", ["Outcome"] = "Withdrawn" }), Holders(Permission.ExpressInterest, CsoA)),
        new("/conversations/{id:int} POST Report", "report as G", async w => Post($"/conversations/{await Talk(w)}?handler=Report",
            new() { ["OrganisationId"] = $"{w.AgencyG.Id}", ["Reason"] = "Matrix" }), Holders(Permission.ExpressInterest, AgencyG)),
        new("/conversations/{id:int} POST StartInitiative", "start an initiative as G from an agreement", async w => Post($"/conversations/{await Talk(w, agreed: true)}?handler=StartInitiative",
            new() { ["OrganisationId"] = $"{w.AgencyG.Id}" }), Holders(Permission.ExpressInterest, AgencyG) & Holders(Permission.EditOwnInitiatives, AgencyG)),
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

    /// <summary>A row of the access table that no expectation is derived from gates nothing the matrix tries: it fails here.</summary>
    [Fact]
    public void Every_permission_of_the_access_table_decides_some_entry_of_the_matrix()
    {
        var used = Cases.SelectMany(c => c.Allowed.From).ToHashSet();

        var unused = AccessTable.Rules.Select(r => r.Permission).Where(p => !used.Contains(p)).ToList();

        Assert.True(unused.Count == 0, "Permissions of the access table that no access-matrix entry is derived from: " + string.Join(", ", unused));
        Assert.Equal(Enum.GetValues<Permission>().Order(), AccessTable.Rules.Select(r => r.Permission).Order());
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
                    wrong.Add($"{role} on {@case.Endpoint} ({@case.Description}): {(allowed ? "allowed" : "refused")} with {(int)response.StatusCode}, expected {(allowed ? "refused" : "allowed")}"
                              + (@case.Allowed.From.Count > 0 ? $" (from {string.Join(", ", @case.Allowed.From.Order())})" : ""));
                // Signing out or in again changes the client; start the next role's attempts afresh.
                if (@case.Endpoint.StartsWith("/account/logout POST", StringComparison.Ordinal) || @case.Endpoint.StartsWith("/account/login POST", StringComparison.Ordinal))
                    await world.ForgetClientAsync(role);
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}

[Collection(SqliteSweepSuite.Name)]
public sealed class AccessMatrixOnSqlite(SqlitePortalFixture fixture) : AccessMatrixTests(fixture);

[Collection(PostgresSweepSuite.Name)]
public sealed class AccessMatrixOnPostgres(PostgresPortalFixture fixture) : AccessMatrixTests(fixture);
