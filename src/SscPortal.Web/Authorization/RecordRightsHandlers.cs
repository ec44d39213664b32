using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using SscPortal.Domain;
using SscPortal.Web.Security;

namespace SscPortal.Web.Authorization;

/// <summary>
/// The rights over one kind of record, answered from the access table (<see cref="AccessTable"/>) and the reader's active
/// memberships (<see cref="Access"/>). One handler per kind of record; a kind's handler is the only place that says
/// which permission an operation on it needs, so the table shown at /about/access is what is enforced.
/// </summary>
public abstract class RecordRightsHandler<TResource>(Access access) : AuthorizationHandler<OperationAuthorizationRequirement, TResource>
{
    protected Access Access => access;

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, TResource resource)
    {
        if (await AllowsAsync(requirement, resource)) context.Succeed(requirement);
    }

    /// <summary>Whether the reader may perform the operation on the record; an operation the kind does not know is refused.</summary>
    protected abstract Task<bool> AllowsAsync(OperationAuthorizationRequirement operation, TResource record);

    /// <summary>Whether an active membership of the organisation grants the permission.</summary>
    protected Task<bool> Member(Permission permission, int organisationId) => access.CanAsync(permission, organisationId);

    /// <summary>Whether the reader's platform role (moderator, administrator) grants the permission.</summary>
    protected bool Platform(Permission permission) => access.CanOnPlatform(permission);

    /// <summary>Published records are public; the others are for the owner's members, and for moderators what is unpublished.</summary>
    protected async Task<bool> SeeAsync(PublicationState publication, int ownerId) =>
        publication == PublicationState.Published
        || await Member(Permission.SeeOwnDrafts, ownerId)
        || (publication == PublicationState.Unpublished && Platform(Permission.UnpublishAnyRecord));

    /// <summary>Who changed a record: its owner's members and those who read the audit log.</summary>
    protected async Task<bool> SeePeopleAsync(int ownerId) =>
        await Member(Permission.SeeOwnDrafts, ownerId) || Platform(Permission.ReadAuditLog);
}

public sealed class InitiativeRightsHandler(Access access) : RecordRightsHandler<InitiativeResource>(access)
{
    protected override async Task<bool> AllowsAsync(OperationAuthorizationRequirement operation, InitiativeResource record) => operation.Name switch
    {
        nameof(Operations.See) => await SeeAsync(record.Publication, record.OwnerId),
        nameof(Operations.SeePeople) => await SeePeopleAsync(record.OwnerId),
        // Members edit their organisation's drafts; once a record is public, changing it is for its admins, who answer for it.
        nameof(Operations.Edit) => await Member(record.Publication == PublicationState.Draft ? Permission.EditOwnInitiatives : Permission.PublishOwnRecords, record.OwnerId)
            || Platform(Permission.EditOtherOrganisationsRecords),
        // The owner's members who may edit its records, drafts or public ones, see its locations as recorded.
        nameof(Operations.SeePreciseLocations) => await Member(Permission.EditOwnInitiatives, record.OwnerId) || await Member(Permission.PublishOwnRecords, record.OwnerId)
            || Platform(Permission.EditOtherOrganisationsRecords),
        // Only drafts are deleted: a rule of the record (it says so), not a right.
        nameof(Operations.Delete) => await Member(Permission.EditOwnInitiatives, record.OwnerId) || Platform(Permission.EditOtherOrganisationsRecords),
        nameof(Operations.Publish) => await Member(Permission.PublishOwnRecords, record.OwnerId),
        nameof(Operations.Unpublish) => await Member(Permission.PublishOwnRecords, record.OwnerId) || Platform(Permission.UnpublishAnyRecord),
        nameof(Operations.Release) => Platform(Permission.UnpublishAnyRecord),
        _ => false,
    };
}

public sealed class PartnershipRightsHandler(Access access) : RecordRightsHandler<PartnershipResource>(access)
{
    protected override async Task<bool> AllowsAsync(OperationAuthorizationRequirement operation, PartnershipResource record) => operation.Name switch
    {
        nameof(Operations.See) => await SeeAsync(record.Publication, record.OwnerId),
        nameof(Operations.SeePeople) => await SeePeopleAsync(record.OwnerId),
        nameof(Operations.Edit) => (await Member(Permission.RecordPartnerships, record.OwnerId)
                && (record.Publication == PublicationState.Draft || await Member(Permission.PublishOwnRecords, record.OwnerId)))
            || Platform(Permission.EditOtherOrganisationsRecords),
        nameof(Operations.Publish) => await PublisherAsync(record.OwnerId),
        nameof(Operations.Unpublish) => await PublisherAsync(record.OwnerId) || Platform(Permission.UnpublishAnyRecord),
        _ => false,
    };

    private async Task<bool> PublisherAsync(int ownerId) =>
        await Member(Permission.RecordPartnerships, ownerId) && await Member(Permission.PublishOwnRecords, ownerId);
}

/// <summary>
/// Civil society assesses any published initiative; an official organisation only those it is a party to (a
/// self-assessment); only official parties answer. A draft is its organisation's alone, except for the parties it was
/// offered to for comment, while the window is open.
/// </summary>
public sealed class AssessmentRightsHandler(Access access, OfficialParties parties, CommentWindows windows) : RecordRightsHandler<AssessmentResource>(access)
{
    protected override async Task<bool> AllowsAsync(OperationAuthorizationRequirement operation, AssessmentResource record) => operation.Name switch
    {
        nameof(Operations.See) => record.Publication == PublicationState.Published
            ? record.InitiativePublished || await Member(Permission.SeeOwnDrafts, record.AssessorId) || Platform(Permission.UnpublishAnyRecord)
            : await SeeAsync(record.Publication, record.AssessorId)
              || (record.Publication == PublicationState.Draft && await OfferedToReaderAsync(record.Id)),
        nameof(Operations.SeePeople) => await SeePeopleAsync(record.AssessorId),
        nameof(Operations.Edit) => record.Publication == PublicationState.Draft && await WriterAsync(record),
        // Only drafts are deleted: a rule of the record (it says so), not a right.
        nameof(Operations.Delete) => await WriterAsync(record),
        nameof(Operations.Revise) => record.Publication == PublicationState.Published && await WriterAsync(record),
        nameof(Operations.Publish) => await Member(Permission.PublishAssessments, record.AssessorId),
        nameof(Operations.Unpublish) => Platform(Permission.UnpublishAnyRecord),
        // Whether the draft is complete and not yet offered are rules of the record (the page says so), not rights.
        nameof(Operations.OfferForComment) => record.Publication == PublicationState.Draft && await Member(Permission.PublishAssessments, record.AssessorId),
        nameof(Operations.ReadComments) => await Member(Permission.SeeOwnDrafts, record.AssessorId),
        // Any statement on it (response, comment, answer, update, view): hidden with a reason, never edited.
        nameof(Operations.HideStatement) => Platform(Permission.UnpublishAnyRecord),
        _ => false,
    };

    /// <summary>Whether the reader is a member, with the right to comment, of a party the draft is offered to now.</summary>
    private async Task<bool> OfferedToReaderAsync(int id)
    {
        if (id == 0) return false;
        foreach (var party in await windows.OpenPartiesAsync(id))
            if (await Member(Permission.CommentOnOfferedDrafts, party)) return true;
        return false;
    }

    private async Task<bool> WriterAsync(AssessmentResource record) =>
        await Member(Permission.WriteAssessments, record.AssessorId)
        || (await Member(Permission.WriteSelfAssessments, record.AssessorId) && await parties.IsOfficialPartyAsync(record.InitiativeId, record.AssessorId));
}

public sealed class ResponseRightsHandler(Access access, OfficialParties parties) : RecordRightsHandler<ResponseResource>(access)
{
    protected override async Task<bool> AllowsAsync(OperationAuthorizationRequirement operation, ResponseResource record) => operation.Name switch
    {
        nameof(Operations.Respond) => await Member(Permission.RespondToAssessments, record.ResponderId)
            && await parties.IsOfficialPartyAsync(record.InitiativeId, record.ResponderId),
        _ => false,
    };
}

/// <summary>
/// Only the addressed party's admins answer a recommendation and post its progress; only the assessor's admins post the
/// assessor's view; both only on the current revision of a published assessment.
/// </summary>
public sealed class RecommendationRightsHandler(Access access) : RecordRightsHandler<RecommendationResource>(access)
{
    protected override async Task<bool> AllowsAsync(OperationAuthorizationRequirement operation, RecommendationResource record) => operation.Name switch
    {
        // Pages ask only after the assessment itself may be read; its recommendations are said of only while it is the current publication.
        nameof(Operations.See) => record.Current,
        nameof(Operations.AnswerRecommendation) => record.Current && await Member(Permission.AnswerRecommendations, record.AddressedToId),
        nameof(Operations.PostAssessorView) => record.Current && await Member(Permission.PostAssessorViews, record.AssessorId),
        _ => false,
    };
}

/// <summary>A party comments on a draft offered to it, while the window is open; nobody else does.</summary>
public sealed class CommentRightsHandler(Access access, CommentWindows windows) : RecordRightsHandler<CommentResource>(access)
{
    protected override async Task<bool> AllowsAsync(OperationAuthorizationRequirement operation, CommentResource record) => operation.Name switch
    {
        nameof(Operations.Comment) => (await windows.OpenPartiesAsync(record.AssessmentId)).Contains(record.CommenterId)
            && await Member(Permission.CommentOnOfferedDrafts, record.CommenterId),
        _ => false,
    };
}

/// <summary>
/// Only members of the organisation that owns a record add or replace its files and testimonies; restricted ones are read only
/// by those they name; moderators hide any, and read a restricted one only once it was reported.
/// </summary>
public sealed class EvidenceRightsHandler(Access access, CommentWindows windows) : RecordRightsHandler<EvidenceResource>(access)
{
    protected override async Task<bool> AllowsAsync(OperationAuthorizationRequirement operation, EvidenceResource item) => operation.Name switch
    {
        nameof(Operations.See) => await ReadsAsync(item),
        nameof(Operations.AddEvidence) => await Member(Permission.AddEvidence, item.OrganisationId),
        nameof(Operations.ManageEvidence) => await Member(Permission.AddEvidence, item.OrganisationId),
        nameof(Operations.Report) => !item.AwaitingReview && Access.UserId is not null && await ReadsAsync(item),
        nameof(Operations.Hide) => !item.AwaitingReview && Platform(Permission.UnpublishAnyRecord),
        _ => false,
    };

    private async Task<bool> ReadsAsync(EvidenceResource item)
    {
        if (await Member(Permission.SeeOwnDrafts, item.OrganisationId)) return true;
        if (item.AwaitingReview) return false;
        if (item.Visibility == EvidenceVisibility.Public) return true;
        if (item.Reported && Platform(Permission.ReadReportedEvidence)) return true;
        if (item.Visibility != EvidenceVisibility.Parties || item.AssessmentId is not { } assessment) return false;
        var open = item.PartiesAlways ? item.Parties ?? [] : await windows.OpenPartiesAsync(assessment);
        foreach (var party in (item.Parties ?? []).Where(open.Contains))
            if (await Member(Permission.CommentOnOfferedDrafts, party)) return true;
        return false;
    }
}

/// <summary>
/// Members of any verified organisation with editing rights write its offers and needs; its admins publish them; moderators
/// unpublish any with a reason.
/// </summary>
public sealed class ListingRightsHandler(Access access) : RecordRightsHandler<ListingResource>(access)
{
    protected override async Task<bool> AllowsAsync(OperationAuthorizationRequirement operation, ListingResource record) => operation.Name switch
    {
        nameof(Operations.See) => await SeeAsync(record.Publication, record.OwnerId),
        nameof(Operations.SeePeople) => await SeePeopleAsync(record.OwnerId),
        // Members write their organisation's drafts; once public, changing it is for its admins, who answer for it.
        nameof(Operations.Edit) => await Member(record.Publication == PublicationState.Draft ? Permission.WriteOffersAndNeeds : Permission.PublishOwnRecords, record.OwnerId)
            || Platform(Permission.EditOtherOrganisationsRecords),
        // Only drafts are deleted: a rule of the record (it says so), not a right.
        nameof(Operations.Delete) => await Member(Permission.WriteOffersAndNeeds, record.OwnerId) || Platform(Permission.EditOtherOrganisationsRecords),
        nameof(Operations.Publish) => await Member(Permission.PublishOwnRecords, record.OwnerId),
        nameof(Operations.Unpublish) => await Member(Permission.PublishOwnRecords, record.OwnerId) || Platform(Permission.UnpublishAnyRecord),
        nameof(Operations.Release) => Platform(Permission.UnpublishAnyRecord),
        _ => false,
    };
}

/// <summary>Another organisation's members say "we are interested" in an open offer or need; never its own.</summary>
public sealed class InterestRightsHandler(Access access) : RecordRightsHandler<InterestResource>(access)
{
    protected override async Task<bool> AllowsAsync(OperationAuthorizationRequirement operation, InterestResource record) => operation.Name switch
    {
        nameof(Operations.ExpressInterest) => record.Open && record.InterestedId != record.OwnerId && await Member(Permission.ExpressInterest, record.InterestedId),
        _ => false,
    };
}

/// <summary>
/// A conversation is read and written by the members of its two organisations only; moderators read it only once one of
/// them reported it, and never write in it.
/// </summary>
public sealed class ConversationRightsHandler(Access access) : RecordRightsHandler<ConversationResource>(access)
{
    protected override async Task<bool> AllowsAsync(OperationAuthorizationRequirement operation, ConversationResource record) => operation.Name switch
    {
        nameof(Operations.See) => await PartyAsync(record) || (record.Reported && Platform(Permission.ReadReportedConversations)),
        nameof(Operations.Converse) or nameof(Operations.Report) => await PartyAsync(record),
        _ => false,
    };

    private async Task<bool> PartyAsync(ConversationResource record) =>
        await Member(Permission.ExpressInterest, record.ListingOwnerId) || await Member(Permission.ExpressInterest, record.InterestedId);
}

/// <summary>
/// Members of any verified organisation with editing rights write its calls; its admins publish them, name reviewers, read the
/// applications and decide. Once an application was submitted the call is not edited, only its deadline extended.
/// </summary>
public sealed class CallRightsHandler(Access access) : RecordRightsHandler<CallResource>(access)
{
    protected override async Task<bool> AllowsAsync(OperationAuthorizationRequirement operation, CallResource record) => operation.Name switch
    {
        nameof(Operations.See) => await SeeAsync(record.Publication, record.OwnerId),
        nameof(Operations.SeePeople) => await SeePeopleAsync(record.OwnerId),
        // Members write their organisation's drafts; once public, its admins; once anyone submitted, nobody (only the deadline moves).
        nameof(Operations.Edit) => !record.HasSubmissions
            && (await Member(record.Publication == PublicationState.Draft ? Permission.OpenCalls : Permission.PublishOwnRecords, record.OwnerId)
                || Platform(Permission.EditOtherOrganisationsRecords)),
        // Only drafts without applications are deleted: a rule of the record (it says so), not a right.
        nameof(Operations.Delete) => await Member(Permission.OpenCalls, record.OwnerId),
        nameof(Operations.Publish) => await Member(Permission.PublishOwnRecords, record.OwnerId),
        nameof(Operations.Unpublish) => await Member(Permission.PublishOwnRecords, record.OwnerId) || Platform(Permission.UnpublishAnyRecord),
        nameof(Operations.Release) => Platform(Permission.UnpublishAnyRecord),
        nameof(Operations.ExtendDeadline) or nameof(Operations.ManageReviewers) or nameof(Operations.ReadApplications) or nameof(Operations.Decide)
            => await Member(Permission.DecideOnApplications, record.OwnerId),
        _ => false,
    };
}

/// <summary>
/// An application is read by its organisation and the partners it names, and once submitted by the call's admins and the
/// call's active reviewers who declared no conflict of interest with it; written only by its organisation while a draft.
/// </summary>
public sealed class ApplicationRightsHandler(Access access, ReviewAssignments assignments) : RecordRightsHandler<ApplicationResource>(access)
{
    protected override async Task<bool> AllowsAsync(OperationAuthorizationRequirement operation, ApplicationResource record) => operation.Name switch
    {
        nameof(Operations.See) => await Member(Permission.SeeOwnDrafts, record.ApplicantId) || await PartnerAsync(record)
            || (record.State == ApplicationState.Submitted && (await Member(Permission.DecideOnApplications, record.CallOwnerId) || await AssignedAsync(record, declared: true))),
        nameof(Operations.SeePeople) => await SeePeopleAsync(record.ApplicantId),
        nameof(Operations.Edit) or nameof(Operations.Delete) => record.State == ApplicationState.Draft && await Member(Permission.ApplyToCalls, record.ApplicantId),
        // Declaring a conflict (or none), scoring and submitting: before declaring, the reviewer sees only the title and the applicant.
        nameof(Operations.ReviewApplication) => record.State == ApplicationState.Submitted && await AssignedAsync(record, declared: false),
        nameof(Operations.Decide) => record.State == ApplicationState.Submitted && await Member(Permission.DecideOnApplications, record.CallOwnerId),
        _ => false,
    };

    private async Task<bool> PartnerAsync(ApplicationResource record)
    {
        foreach (var partner in record.Partners ?? [])
            if (await Member(Permission.ApplyToCalls, partner)) return true;
        return false;
    }

    /// <summary>
    /// An active reviewer of the call, still a member of the organisation they review for, with no conflict declared with it
    /// (and, to read it, having declared none).
    /// </summary>
    private async Task<bool> AssignedAsync(ApplicationResource record, bool declared) =>
        record.Id != 0 && Access.UserId is { } user && await assignments.ReviewerForAsync(user, record.Id) is { } reviewer
        && !reviewer.Conflict && (reviewer.Declared || !declared) && await Member(Permission.ReviewApplications, reviewer.OrganisationId);
}

/// <summary>A named partner organisation's members confirm (or decline) its part in another organisation's application.</summary>
public sealed class PartnerRightsHandler(Access access) : RecordRightsHandler<PartnerResource>(access)
{
    protected override async Task<bool> AllowsAsync(OperationAuthorizationRequirement operation, PartnerResource record) => operation.Name switch
    {
        nameof(Operations.ConfirmPartnership) => record.PartnerId != record.ApplicantId && await Member(Permission.ApplyToCalls, record.PartnerId),
        _ => false,
    };
}

/// <summary>Only the person invited answers an invitation to review, and only while a member of the organisation they were invited for.</summary>
public sealed class ReviewerRightsHandler(Access access) : RecordRightsHandler<ReviewerResource>(access)
{
    protected override async Task<bool> AllowsAsync(OperationAuthorizationRequirement operation, ReviewerResource record) => operation.Name switch
    {
        nameof(Operations.AnswerInvitation) => Access.UserId == record.UserId && await Member(Permission.ReviewApplications, record.OrganisationId),
        _ => false,
    };
}

/// <summary>Members of the organisation write its good practices; its admins publish them; moderators unpublish any with a reason.</summary>
public sealed class GoodPracticeRightsHandler(Access access) : RecordRightsHandler<GoodPracticeResource>(access)
{
    protected override async Task<bool> AllowsAsync(OperationAuthorizationRequirement operation, GoodPracticeResource record) => operation.Name switch
    {
        nameof(Operations.See) => await SeeAsync(record.Publication, record.OwnerId),
        nameof(Operations.SeePeople) => await SeePeopleAsync(record.OwnerId),
        nameof(Operations.Edit) => await Member(record.Publication == PublicationState.Draft ? Permission.WriteGoodPractices : Permission.PublishOwnRecords, record.OwnerId)
            || Platform(Permission.EditOtherOrganisationsRecords),
        nameof(Operations.Delete) => await Member(Permission.WriteGoodPractices, record.OwnerId) || Platform(Permission.EditOtherOrganisationsRecords),
        nameof(Operations.Publish) => await Member(Permission.PublishOwnRecords, record.OwnerId),
        nameof(Operations.Unpublish) => await Member(Permission.PublishOwnRecords, record.OwnerId) || Platform(Permission.UnpublishAnyRecord),
        nameof(Operations.Release) => Platform(Permission.UnpublishAnyRecord),
        _ => false,
    };
}

/// <summary>
/// An event is edited by its organising organisations (the owner and the co-organisers that confirmed): their members while a
/// draft, their admins once public; only they see its registrations. Its owner's admins publish it; moderators unpublish it
/// with a reason.
/// </summary>
public sealed class EventRightsHandler(Access access) : RecordRightsHandler<EventResource>(access)
{
    protected override async Task<bool> AllowsAsync(OperationAuthorizationRequirement operation, EventResource record) => operation.Name switch
    {
        nameof(Operations.See) => record.Publication == PublicationState.Published || await OrganiserAsync(record, Permission.SeeOwnDrafts)
            || (record.Publication == PublicationState.Unpublished && Platform(Permission.UnpublishAnyRecord)),
        nameof(Operations.SeePeople) => await OrganiserAsync(record, Permission.SeeOwnDrafts) || Platform(Permission.ReadAuditLog),
        nameof(Operations.Edit) => await OrganiserAsync(record, record.Publication == PublicationState.Draft ? Permission.OrganiseEvents : Permission.PublishOwnRecords)
            || Platform(Permission.EditOtherOrganisationsRecords),
        // Only drafts are deleted: a rule of the record (it says so), not a right.
        nameof(Operations.Delete) => await Member(Permission.OrganiseEvents, record.OwnerId),
        nameof(Operations.Publish) => await Member(Permission.PublishOwnRecords, record.OwnerId),
        nameof(Operations.Unpublish) => await Member(Permission.PublishOwnRecords, record.OwnerId) || Platform(Permission.UnpublishAnyRecord),
        nameof(Operations.Release) => Platform(Permission.UnpublishAnyRecord),
        nameof(Operations.ManageOrganisers) => await Member(Permission.OrganiseEvents, record.OwnerId),
        nameof(Operations.ManageRegistrations) or nameof(Operations.WriteReport) => await OrganiserAsync(record, Permission.OrganiseEvents),
        _ => false,
    };

    private async Task<bool> OrganiserAsync(EventResource record, Permission permission)
    {
        foreach (var organisation in record.Organisers)
            if (await Member(permission, organisation)) return true;
        return false;
    }
}

/// <summary>A named co-organiser's own members confirm (or decline) its part in another organisation's event.</summary>
public sealed class CoOrganiserRightsHandler(Access access) : RecordRightsHandler<CoOrganiserResource>(access)
{
    protected override async Task<bool> AllowsAsync(OperationAuthorizationRequirement operation, CoOrganiserResource record) => operation.Name switch
    {
        nameof(Operations.ConfirmPartnership) => record.ActorId != record.OwnerId && await Member(Permission.OrganiseEvents, record.ActorId),
        _ => false,
    };
}

/// <summary>
/// A registration is the person's own: they see and cancel it (a visitor through the secret link in their mail, checked by the
/// page). The event's organisers see it (its personal data is for them only) but never cancel it for the person.
/// </summary>
public sealed class RegistrationRightsHandler(Access access) : RecordRightsHandler<RegistrationResource>(access)
{
    protected override async Task<bool> AllowsAsync(OperationAuthorizationRequirement operation, RegistrationResource record) => operation.Name switch
    {
        nameof(Operations.See) => Own(record) || await OrganiserAsync(record),
        nameof(Operations.Delete) => Own(record),
        _ => false,
    };

    private bool Own(RegistrationResource record) => record.UserId is not null && Access.UserId == record.UserId;

    /// <summary>As <see cref="EventRightsHandler"/> decides <see cref="Operations.ManageRegistrations"/>.</summary>
    private async Task<bool> OrganiserAsync(RegistrationResource record)
    {
        foreach (var organisation in record.Event.Organisers)
            if (await Member(Permission.OrganiseEvents, organisation)) return true;
        return false;
    }
}

public sealed class OrganisationRightsHandler(Access access) : RecordRightsHandler<OrganisationResource>(access)
{
    protected override async Task<bool> AllowsAsync(OperationAuthorizationRequirement operation, OrganisationResource record) => operation.Name switch
    {
        // Organisations are public.
        nameof(Operations.See) => true,
        nameof(Operations.DecideClaims) => await Member(Permission.ManageOwnMembers, record.OrganisationId) || Platform(Permission.ApproveAnyMembershipClaim),
        nameof(Operations.ManageMembers) => await Member(Permission.ManageOwnMembers, record.OrganisationId) || Platform(Permission.ManageUsers),
        nameof(Operations.SetIdentifier) => await Member(Permission.SetOrganisationIdentifier, record.OrganisationId) || Platform(Permission.SetOrganisationIdentifier),
        _ => false,
    };
}

/// <summary>
/// An IATI upload becomes drafts of its organisation, so it is that organisation's: the members who may edit its initiatives
/// see its preview, import from it and set it aside (row <c>EditOwnInitiatives</c>); nobody else, platform roles included, sees it.
/// </summary>
public sealed class ImportRightsHandler(Access access) : RecordRightsHandler<ImportResource>(access)
{
    protected override async Task<bool> AllowsAsync(OperationAuthorizationRequirement operation, ImportResource record) => operation.Name switch
    {
        nameof(Operations.See) or nameof(Operations.Edit) or nameof(Operations.Delete) => await Member(Permission.EditOwnInitiatives, record.OwnerId),
        _ => false,
    };
}
