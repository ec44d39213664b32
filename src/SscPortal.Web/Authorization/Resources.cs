using SscPortal.Domain;

namespace SscPortal.Web.Authorization;

// What the authorization handlers need to know about a record to answer an operation: read by the page (a small
// projection), never trusted from the form. A new record is described as the draft it will be.

/// <summary>An initiative, or a new one for <paramref name="OwnerId"/> (a draft).</summary>
public sealed record InitiativeResource(int OwnerId, PublicationState Publication = PublicationState.Draft, bool HeldByModerator = false);

/// <summary>A partnership, or a new one for <paramref name="OwnerId"/> (a draft).</summary>
public sealed record PartnershipResource(int OwnerId, PublicationState Publication = PublicationState.Draft);

/// <summary>
/// An assessment by <paramref name="AssessorId"/> of initiative <paramref name="InitiativeId"/>, or a new one (a draft). Its
/// <paramref name="Id"/> (0 for a new one) lets the parties a draft is offered to read it while the comment window is open.
/// </summary>
public sealed record AssessmentResource(int AssessorId, int InitiativeId, PublicationState Publication = PublicationState.Draft, bool InitiativePublished = true, int Id = 0);

/// <summary>A comment on draft assessment <paramref name="AssessmentId"/>, for organisation <paramref name="CommenterId"/>.</summary>
public sealed record CommentResource(int AssessmentId, int CommenterId);

/// <summary>A response to an assessment of initiative <paramref name="InitiativeId"/>, by <paramref name="ResponderId"/>.</summary>
public sealed record ResponseResource(int ResponderId, int InitiativeId);

/// <summary>
/// A recommendation addressed to <paramref name="AddressedToId"/> in an assessment by <paramref name="AssessorId"/>;
/// <paramref name="Current"/> when that assessment is published and not superseded (the only time it is answered).
/// </summary>
public sealed record RecommendationResource(int AddressedToId, int AssessorId, bool Current);

/// <summary>An offer or need, or a new one for <paramref name="OwnerId"/> (a draft).</summary>
public sealed record ListingResource(int OwnerId, PublicationState Publication = PublicationState.Draft, bool HeldByModerator = false);

/// <summary>"We are interested", said for organisation <paramref name="InterestedId"/> in a published offer or need of <paramref name="OwnerId"/>.</summary>
public sealed record InterestResource(int OwnerId, int InterestedId, bool Open);

/// <summary>A private conversation between the organisation that published an offer or need and an interested one.</summary>
public sealed record ConversationResource(int ListingOwnerId, int InterestedId, bool Reported);

/// <summary>A call, or a new one for <paramref name="OwnerId"/> (a draft); <paramref name="HasSubmissions"/> once any application was submitted.</summary>
public sealed record CallResource(int OwnerId, PublicationState Publication = PublicationState.Draft, bool HeldByModerator = false, bool HasSubmissions = false);

/// <summary>
/// An application of <paramref name="ApplicantId"/> to a call of <paramref name="CallOwnerId"/>, or a new one (<paramref name="Id"/> 0,
/// a draft); <paramref name="Partners"/> are the organisations it names as partners, confirmed or not.
/// </summary>
public sealed record ApplicationResource(int Id, int ApplicantId, int CallOwnerId, ApplicationState State = ApplicationState.Draft, IReadOnlyList<int>? Partners = null);

/// <summary>Organisation <paramref name="PartnerId"/> named as a partner in an application of <paramref name="ApplicantId"/>.</summary>
public sealed record PartnerResource(int ApplicantId, int PartnerId);

/// <summary>An invitation to review a call, addressed to <paramref name="UserId"/> as a member of <paramref name="OrganisationId"/>.</summary>
public sealed record ReviewerResource(string UserId, int OrganisationId);

/// <summary>A good practice, or a new one for <paramref name="OwnerId"/> (a draft).</summary>
public sealed record GoodPracticeResource(int OwnerId, PublicationState Publication = PublicationState.Draft, bool HeldByModerator = false);

/// <summary>
/// An event of <paramref name="OwnerId"/>, or a new one (a draft); <paramref name="CoOrganisers"/> are the co-organising
/// organisations that confirmed (an invited one is not an organiser until it does).
/// </summary>
public sealed record EventResource(int OwnerId, PublicationState Publication = PublicationState.Draft, bool HeldByModerator = false, IReadOnlyList<int>? CoOrganisers = null)
{
    public IEnumerable<int> Organisers => CoOrganisers is null ? [OwnerId] : CoOrganisers.Prepend(OwnerId);
}

/// <summary>Organisation <paramref name="ActorId"/> named as a co-organiser of an event of <paramref name="OwnerId"/>.</summary>
public sealed record CoOrganiserResource(int OwnerId, int ActorId);

/// <summary>
/// A registration for an event: the person's own (<paramref name="UserId"/>, null for a visitor, whose links carry a secret instead)
/// and the event's organisers'.
/// </summary>
public sealed record RegistrationResource(string? UserId, EventResource Event);

/// <summary>An organisation, for the operations on its members and its identity.</summary>
public sealed record OrganisationResource(int OrganisationId);

/// <summary>
/// A file or testimony of <paramref name="OrganisationId"/> (or a new one), readable as <paramref name="Visibility"/> says:
/// by everyone who may read its record, by the organisation, or also by the named <paramref name="Parties"/> while a comment
/// window on assessment <paramref name="AssessmentId"/> is open for them. Pages ask only after the record itself may be read.
/// <paramref name="AwaitingReview"/>: uploaded, not yet published by its uploader's organisation. <paramref name="PartiesAlways"/>: the
/// parties read it whether or not a window is open (a testimony whose giver agreed to share it with them).
/// </summary>
public sealed record EvidenceResource(int OrganisationId, EvidenceVisibility Visibility = EvidenceVisibility.Public, IReadOnlyList<int>? Parties = null,
    int? AssessmentId = null, bool Reported = false, bool AwaitingReview = false, bool PartiesAlways = false);

/// <summary>An upload of IATI files (<see cref="Domain.IatiImport"/>): the organisation it imports into and who uploaded it.</summary>
public sealed record ImportResource(int OwnerId, string UserId);
