using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Authorization;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Reference;
using SscPortal.Web.Search;

namespace SscPortal.Web.Notifications;

/// <summary>
/// Decides who is told what, and tells them: a <see cref="Notification"/> for each person, and a mail (now, in the day's
/// digest, or none) by their <see cref="NotificationPreference"/>. Everything is added to the caller's context, so it is
/// saved in the same transaction as the change it tells of, or not at all. The person who made the change is never told
/// of it. Changes of records reach here from <see cref="Records.History.AddAsync"/>, the one place every change of a
/// record is written; requests (a membership claim, an organisation proposed, a framework published) from their pages.
/// </summary>
public sealed partial class Notices(AppDbContext db, Access access, TimeProvider clock, NotificationMail mail, ReferenceData referenceData, OfficialParties officialParties,
    IStringLocalizer<SharedResource> L)
{
    private readonly HashSet<(string User, string Path)> _told = [];

    /// <summary>Tells each of <paramref name="userIds"/> (but not the person acting, nor anyone told of the same thing already in this change).</summary>
    public Task TellAsync(NotificationKind kind, IEnumerable<string> userIds, string path, string subject, string? detail = null,
        RecordType? about = null, ChangeKind? change = null, CancellationToken cancellationToken = default) =>
        TellEachAsync(kind, userIds, path, subject, detail, about, change, alsoTheActor: false, cancellationToken);

    /// <summary>A receipt: tells each of <paramref name="userIds"/>, the person acting among them (a submitted application's receipt).</summary>
    public Task ReceiptAsync(NotificationKind kind, IEnumerable<string> userIds, string path, string subject, string? detail, RecordType about,
        CancellationToken cancellationToken) =>
        TellEachAsync(kind, userIds, path, subject, detail, about, null, alsoTheActor: true, cancellationToken);

    private async Task TellEachAsync(NotificationKind kind, IEnumerable<string> userIds, string path, string subject, string? detail,
        RecordType? about, ChangeKind? change, bool alsoTheActor, CancellationToken cancellationToken)
    {
        var recipients = userIds.Where(u => (alsoTheActor || u != access.UserId) && !_told.Contains((u, path))).Distinct().ToList();
        if (recipients.Count == 0) return;
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.Kind == kind && recipients.Contains(p.UserId))
            .ToDictionaryAsync(p => p.UserId, p => p.Delivery, cancellationToken);
        var people = await db.Users.AsNoTracking().Where(u => recipients.Contains(u.Id))
            .Select(u => new Recipient(u.Id, u.Email, u.EmailConfirmed, u.Language)).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var person in people)
        {
            var delivery = chosen.TryGetValue(person.Id, out var choice) ? choice : NotificationPreference.Default(kind);
            var notification = new Notification
            {
                UserId = person.Id, Kind = kind, Path = path, Subject = Clip(subject, Notification.SubjectLength),
                Detail = detail is null ? null : Clip(detail, Notification.DetailLength), About = about, Change = change,
                CreatedAt = now, Delivery = delivery,
            };
            db.Notifications.Add(notification);
            _told.Add((person.Id, path));
            // Only a confirmed address is written to: an unconfirmed one may not be the person's.
            if (delivery == NotificationDelivery.Immediately && person.CanReceiveMail) mail.Immediately(person, notification);
        }
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>The active members of the organisations (their admins only, if <paramref name="adminsOnly"/>).</summary>
    public async Task<List<string>> MembersOfAsync(IReadOnlyCollection<int> organisations, bool adminsOnly, CancellationToken cancellationToken) =>
        organisations.Count == 0 ? [] : await db.Memberships.AsNoTracking()
            .Where(m => organisations.Contains(m.ActorId) && m.Status == MembershipStatus.Active && (!adminsOnly || m.Role == MembershipRole.OrganisationAdmin))
            .Select(m => m.UserId).Distinct().ToListAsync(cancellationToken);

    /// <summary>The people who hold a platform permission (moderators verify organisations…).</summary>
    public async Task<List<string>> HoldersOfAsync(Permission permission, CancellationToken cancellationToken)
    {
        var roles = Enum.GetValues<PlatformRole>().Where(r => AccessTable.Grants(r, permission)).Select(PlatformRoles.Name).ToList();
        return await db.UserRoles.AsNoTracking().Join(db.Roles.AsNoTracking(), ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Where(x => roles.Contains(x.Name!)).Select(x => x.UserId).Distinct().ToListAsync(cancellationToken);
    }

    /// <summary>Someone claims membership of an organisation: its admins decide, or the moderators when it has none.</summary>
    public async Task MembershipClaimedAsync(int organisationId, string claimant, CancellationToken cancellationToken)
    {
        var name = await db.Actors.AsNoTracking().Where(a => a.Id == organisationId).Select(a => a.Name).SingleAsync(cancellationToken);
        var deciders = await MembersOfAsync([organisationId], adminsOnly: true, cancellationToken);
        if (deciders.Count == 0) deciders = await HoldersOfAsync(Permission.ApproveAnyMembershipClaim, cancellationToken);
        await TellAsync(NotificationKind.MembershipClaimed, deciders, $"/organisations/{organisationId}/members", name, claimant, cancellationToken: cancellationToken);
    }

    /// <summary>An organisation was proposed: the moderators verify it.</summary>
    public async Task OrganisationProposedAsync(string name, CancellationToken cancellationToken) =>
        await TellAsync(NotificationKind.OrganisationProposed, await HoldersOfAsync(Permission.VerifyOrganisations, cancellationToken), "/admin", name,
            cancellationToken: cancellationToken);

    /// <summary>A new framework version was published: the members of organisations with drafts on an older one learn it.</summary>
    public async Task FrameworkPublishedAsync(int version, CancellationToken cancellationToken)
    {
        var drafting = await db.Assessments.AsNoTracking()
            .Where(a => a.Publication == PublicationState.Draft && a.Framework!.Version < version).Select(a => a.AssessorId).Distinct().ToListAsync(cancellationToken);
        await TellAsync(NotificationKind.FrameworkPublished, await MembersOfAsync(drafting, adminsOnly: false, cancellationToken), "/my",
            version.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
    }

    /// <summary>A draft assessment was offered for comment: the parties' active members learn it, and until when they may comment.</summary>
    public async Task DraftOfferedAsync(int assessmentId, string title, IReadOnlyCollection<int> parties, DateTime closesAt, CancellationToken cancellationToken) =>
        await TellAsync(NotificationKind.DraftOffered, await MembersOfAsync(parties, adminsOnly: false, cancellationToken), $"/assessments/{assessmentId}", title,
            closesAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), RecordType.Assessment, cancellationToken: cancellationToken);

    /// <summary>A party commented on a draft: the assessor organisation's active members learn it, and from whom.</summary>
    public async Task CommentReceivedAsync(int assessmentId, string title, int assessorId, string commenter, CancellationToken cancellationToken) =>
        await TellAsync(NotificationKind.CommentReceived, await MembersOfAsync([assessorId], adminsOnly: false, cancellationToken), $"/assessments/{assessmentId}#comments", title,
            commenter, RecordType.Assessment, cancellationToken: cancellationToken);

    /// <summary>
    /// Something was said of a recommendation: the party's answer or progress reaches the assessor's members; the assessor's
    /// view reaches the addressed party's members. <paramref name="speaker"/> is the organisation that said it.
    /// </summary>
    public async Task RecommendationStatementAsync(int assessmentId, int recommendationId, string title, StatementKind kind, int assessorId, int addressedToId,
        string speaker, CancellationToken cancellationToken)
    {
        var (notification, to) = kind == StatementKind.AssessorView
            ? (NotificationKind.AssessorViewPosted, addressedToId)
            : (NotificationKind.RecommendationAnswered, assessorId);
        await TellAsync(notification, await MembersOfAsync([to], adminsOnly: false, cancellationToken), $"/assessments/{assessmentId}#recommendation-{recommendationId}",
            title, speaker, RecordType.Assessment, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// A record was saved with a change of <paramref name="change"/> (its new state is already in the transaction): tells the
    /// organisations concerned, then the people following anything it matches.
    /// </summary>
    public async Task RecordChangedAsync(RecordType type, int id, ChangeKind change, bool asModerator, CancellationToken cancellationToken = default)
    {
        switch (type)
        {
            case RecordType.Initiative:
                await InitiativeChangedAsync(id, change, asModerator, cancellationToken);
                break;
            case RecordType.Partnership:
                await PartnershipChangedAsync(id, change, asModerator, cancellationToken);
                break;
            case RecordType.Assessment:
                await AssessmentChangedAsync(id, change, asModerator, cancellationToken);
                break;
            case RecordType.Listing:
                await ListingChangedAsync(id, change, asModerator, cancellationToken);
                break;
            case RecordType.Call:
                await CallChangedAsync(id, change, asModerator, cancellationToken);
                break;
            case RecordType.GoodPractice:
                await GoodPracticeChangedAsync(id, change, asModerator, cancellationToken);
                break;
            case RecordType.Event:
                await EventChangedAsync(id, change, asModerator, cancellationToken);
                break;
        }
    }

    private async Task InitiativeChangedAsync(int id, ChangeKind change, bool asModerator, CancellationToken cancellationToken)
    {
        var initiative = await db.Initiatives.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new { i.Title, i.OwnerId, i.Publication, i.UnpublishedReason }).SingleOrDefaultAsync(cancellationToken);
        if (initiative is null) return;
        var path = $"/initiatives/{id}";
        await ModerationAsync(change, asModerator, [initiative.OwnerId], path, initiative.Title, initiative.UnpublishedReason, RecordType.Initiative, cancellationToken);
        if (initiative.Publication == PublicationState.Published && change is ChangeKind.Published or ChangeKind.Edited or ChangeKind.HoldReleased)
            await TellFollowersAsync(await FollowersOfInitiativeAsync(id, cancellationToken), path, initiative.Title, RecordType.Initiative, change, cancellationToken);
    }

    private async Task PartnershipChangedAsync(int id, ChangeKind change, bool asModerator, CancellationToken cancellationToken)
    {
        var partnership = await db.Partnerships.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new
            {
                p.Title, p.OwnerId, p.Publication, p.UnpublishedReason,
                Signatories = p.Signatories.Select(s => s.ActorId).ToList(),
                Initiatives = p.Initiatives.Select(i => i.InitiativeId).ToList(),
            }).SingleOrDefaultAsync(cancellationToken);
        if (partnership is null) return;
        var path = $"/partnerships/{id}";
        await ModerationAsync(change, asModerator, [partnership.OwnerId], path, partnership.Title, partnership.UnpublishedReason, RecordType.Partnership, cancellationToken);
        if (partnership.Publication != PublicationState.Published || change is not (ChangeKind.Published or ChangeKind.Edited or ChangeKind.HoldReleased)) return;
        var organisations = partnership.Signatories.Append(partnership.OwnerId).Select(Key).ToList();
        var initiatives = partnership.Initiatives.Select(Key).ToList();
        var followers = await db.Follows.AsNoTracking()
            .Where(f => (f.Kind == FollowKind.Organisation && organisations.Contains(f.Key)) || (f.Kind == FollowKind.Initiative && initiatives.Contains(f.Key)))
            .Select(f => f.UserId).Distinct().ToListAsync(cancellationToken);
        await TellFollowersAsync(followers, path, partnership.Title, RecordType.Partnership, change, cancellationToken);
    }

    private async Task AssessmentChangedAsync(int id, ChangeKind change, bool asModerator, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new
            {
                a.InitiativeId, a.AssessorId, a.Revision, a.Publication, a.UnpublishedReason, a.SupersededById,
                InitiativePublication = a.Initiative!.Publication,
                Title = a.Initiative!.Title,
            }).SingleOrDefaultAsync(cancellationToken);
        if (assessment is null) return;
        var path = $"/assessments/{id}";
        await ModerationAsync(change, asModerator, [assessment.AssessorId], path, assessment.Title, assessment.UnpublishedReason, RecordType.Assessment, cancellationToken);
        // Nobody outside the assessor is told of an assessment the public cannot read: its initiative must be published too.
        if (assessment.Publication != PublicationState.Published || assessment.InitiativePublication != PublicationState.Published) return;
        switch (change)
        {
            case ChangeKind.Published:
                // The official parties to the initiative learn that civil society (or one of them) assessed it: their right of reply starts here.
                var parties = (await officialParties.OfInitiativeAsync(assessment.InitiativeId, cancellationToken))
                    .Where(p => p.Id != assessment.AssessorId).Select(p => p.Id).ToList();
                await TellAsync(assessment.Revision > 1 ? NotificationKind.AssessmentRevised : NotificationKind.AssessmentPublished,
                    await MembersOfAsync(parties, adminsOnly: false, cancellationToken), path, assessment.Title,
                    about: RecordType.Assessment, change: change, cancellationToken: cancellationToken);
                // The parties it addresses new recommendations to (a revision's carried ones were told of before) answer each.
                var addressed = await db.Recommendations.AsNoTracking().Where(r => r.AssessmentId == id && r.ThreadId == null)
                    .Select(r => r.AddressedToId).Distinct().ToListAsync(cancellationToken);
                await TellAsync(NotificationKind.RecommendationAddressed, await MembersOfAsync(addressed, adminsOnly: false, cancellationToken),
                    $"{path}#recommendations", assessment.Title, about: RecordType.Assessment, cancellationToken: cancellationToken);
                break;
            case ChangeKind.ResponsePublished:
                await TellAsync(NotificationKind.ResponsePublished, await MembersOfAsync([assessment.AssessorId], adminsOnly: false, cancellationToken), path,
                    assessment.Title, about: RecordType.Assessment, change: change, cancellationToken: cancellationToken);
                break;
            default:
                if (change is not ChangeKind.HoldReleased) return;
                break;
        }
        var followers = await FollowersOfInitiativeAsync(assessment.InitiativeId, cancellationToken);
        var assessor = Key(assessment.AssessorId);
        followers.AddRange(await db.Follows.AsNoTracking().Where(f => f.Kind == FollowKind.Organisation && f.Key == assessor).Select(f => f.UserId).ToListAsync(cancellationToken));
        var principles = await db.AssessmentScores.AsNoTracking().Where(s => s.AssessmentId == id && s.Scope == ScoreScope.Principle && s.Scored > 0)
            .Select(s => s.Code).ToListAsync(cancellationToken);
        followers.AddRange(await db.Follows.AsNoTracking().Where(f => f.Kind == FollowKind.Principle && principles.Contains(f.Key)).Select(f => f.UserId).ToListAsync(cancellationToken));
        await TellFollowersAsync(followers, path, assessment.Title, RecordType.Assessment, change, cancellationToken);
    }

    /// <summary>A moderator unpublished (held) or released a record: its organisation's members learn it, with the reason.</summary>
    private async Task ModerationAsync(ChangeKind change, bool asModerator, int[] owners, string path, string title, string? reason, RecordType type, CancellationToken cancellationToken)
    {
        if (change == ChangeKind.Unpublished && asModerator)
            await TellAsync(NotificationKind.RecordHeld, await MembersOfAsync(owners, adminsOnly: false, cancellationToken), path, title, reason, type, change, cancellationToken: cancellationToken);
        else if (change == ChangeKind.HoldReleased)
            await TellAsync(NotificationKind.HoldLifted, await MembersOfAsync(owners, adminsOnly: false, cancellationToken), path, title, null, type, change, cancellationToken: cancellationToken);
    }

    private static string Key(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Who follows the (published) initiative, or something it matches: a country, an organisation, a principle, an SDG, a search.</summary>
    private async Task<List<string>> FollowersOfInitiativeAsync(int id, CancellationToken cancellationToken)
    {
        var facts = await db.Initiatives.AsNoTracking().Where(i => i.Id == id).Select(i => new
        {
            i.OwnerId,
            Countries = i.Countries.Select(c => c.CountryCode).ToList(),
            Actors = i.Actors.Select(a => a.ActorId).ToList(),
            Principles = i.Principles.Select(p => p.PrincipleCode).ToList(),
            Sdgs = i.Sdgs.Select(s => s.GoalCode).ToList(),
        }).SingleAsync(cancellationToken);
        var initiative = Key(id);
        var organisations = facts.Actors.Append(facts.OwnerId).Select(Key).ToList();
        var sdgs = facts.Sdgs.Select(Key).ToList();
        var followers = await db.Follows.AsNoTracking().Where(f =>
                (f.Kind == FollowKind.Initiative && f.Key == initiative)
                || (f.Kind == FollowKind.Country && facts.Countries.Contains(f.Key))
                || (f.Kind == FollowKind.Organisation && organisations.Contains(f.Key))
                || (f.Kind == FollowKind.Principle && facts.Principles.Contains(f.Key))
                || (f.Kind == FollowKind.Sdg && sdgs.Contains(f.Key)))
            .Select(f => f.UserId).Distinct().ToListAsync(cancellationToken);

        // A followed search matches when the catalogue, asked the same question, would list the initiative.
        var searches = await db.Follows.AsNoTracking().Where(f => f.Kind == FollowKind.Search).GroupBy(f => f.Key)
            .Select(g => new { Query = g.Key, Users = g.Select(f => f.UserId).ToList() }).ToListAsync(cancellationToken);
        if (searches.Count == 0) return followers;
        var names = await referenceData.GetAsync(cancellationToken);
        foreach (var search in searches)
        {
            var filter = InitiativeFilter.Read(new QueryCollection(QueryHelpers.ParseQuery(search.Query)), names, L);
            if (await filter.Apply(db.Initiatives.AsNoTracking().Where(i => i.Id == id), db).AnyAsync(cancellationToken)) followers.AddRange(search.Users);
        }
        return followers;
    }

    private Task TellFollowersAsync(IEnumerable<string> followers, string path, string title, RecordType about, ChangeKind change, CancellationToken cancellationToken) =>
        TellAsync(NotificationKind.Followed, followers, path, title, null, about, change, cancellationToken: cancellationToken);

    public sealed record Recipient(string Id, string? Email, bool EmailConfirmed, string Language)
    {
        public bool CanReceiveMail => EmailConfirmed && !string.IsNullOrEmpty(Email);
    }
}
