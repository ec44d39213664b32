using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace SscPortal.Web.Authorization;

/// <summary>
/// The operations a page asks about a record ("may this reader <c>Publish</c> this initiative?"). Each kind of record has
/// one authorization handler (<see cref="RecordRightsHandlers"/>) that answers them from the access table and the reader's
/// memberships; pages ask <see cref="Microsoft.AspNetCore.Authorization.IAuthorizationService"/> through <see cref="Rights"/>.
/// </summary>
public static class Operations
{
    /// <summary>Read the record (published records are public; drafts and unpublished ones are not).</summary>
    public static readonly OperationAuthorizationRequirement See = new() { Name = nameof(See) };
    /// <summary>See who changed the record (people's addresses in its history).</summary>
    public static readonly OperationAuthorizationRequirement SeePeople = new() { Name = nameof(SeePeople) };
    /// <summary>Create or change the record (a new record is a draft of its owner).</summary>
    public static readonly OperationAuthorizationRequirement Edit = new() { Name = nameof(Edit) };
    /// <summary>
    /// See an initiative's locations as recorded, however sensitive its setting: whoever may edit it (in any state). Everyone
    /// else sees them at region level at most when it works in a sensitive setting (<see cref="Domain.SafeLocations"/>).
    /// </summary>
    public static readonly OperationAuthorizationRequirement SeePreciseLocations = new() { Name = nameof(SeePreciseLocations) };
    /// <summary>Delete a draft.</summary>
    public static readonly OperationAuthorizationRequirement Delete = new() { Name = nameof(Delete) };
    public static readonly OperationAuthorizationRequirement Publish = new() { Name = nameof(Publish) };
    public static readonly OperationAuthorizationRequirement Unpublish = new() { Name = nameof(Unpublish) };
    /// <summary>Lift a moderator's hold on a record.</summary>
    public static readonly OperationAuthorizationRequirement Release = new() { Name = nameof(Release) };
    /// <summary>Start a new revision of a published assessment.</summary>
    public static readonly OperationAuthorizationRequirement Revise = new() { Name = nameof(Revise) };
    /// <summary>Publish a response to an assessment, for an organisation.</summary>
    public static readonly OperationAuthorizationRequirement Respond = new() { Name = nameof(Respond) };
    /// <summary>Offer a complete draft assessment to the initiative's official parties for factual comment.</summary>
    public static readonly OperationAuthorizationRequirement OfferForComment = new() { Name = nameof(OfferForComment) };
    /// <summary>Comment, for an organisation, on a draft assessment offered to it (while the window is open).</summary>
    public static readonly OperationAuthorizationRequirement Comment = new() { Name = nameof(Comment) };
    /// <summary>Read every comment on an assessment, those for the assessor only among them.</summary>
    public static readonly OperationAuthorizationRequirement ReadComments = new() { Name = nameof(ReadComments) };
    /// <summary>Answer a recommendation addressed to an organisation, and post progress on it.</summary>
    public static readonly OperationAuthorizationRequirement AnswerRecommendation = new() { Name = nameof(AnswerRecommendation) };
    /// <summary>Post the assessor's view of a party's answer or progress on a recommendation.</summary>
    public static readonly OperationAuthorizationRequirement PostAssessorView = new() { Name = nameof(PostAssessorView) };
    /// <summary>Hide a statement on an assessment (a response, a comment, an answer, an update, a view), with a reason; never edit it.</summary>
    public static readonly OperationAuthorizationRequirement HideStatement = new() { Name = nameof(HideStatement) };
    /// <summary>Add a file or testimony to a record (for the organisation that would own it).</summary>
    public static readonly OperationAuthorizationRequirement AddEvidence = new() { Name = nameof(AddEvidence) };
    /// <summary>Decide about a file's found metadata and publish it, discard it, or replace it with a new version.</summary>
    public static readonly OperationAuthorizationRequirement ManageEvidence = new() { Name = nameof(ManageEvidence) };
    /// <summary>Report a file or testimony to the moderators.</summary>
    public static readonly OperationAuthorizationRequirement Report = new() { Name = nameof(Report) };
    /// <summary>Hide a file with a reason (its bytes are kept, never changed).</summary>
    public static readonly OperationAuthorizationRequirement Hide = new() { Name = nameof(Hide) };
    /// <summary>Say "we are interested" in another organisation's open offer or need, for an organisation, starting a conversation.</summary>
    public static readonly OperationAuthorizationRequirement ExpressInterest = new() { Name = nameof(ExpressInterest) };
    /// <summary>Write in a conversation, for one of its two organisations, and end it (agreed, declined, withdrawn).</summary>
    public static readonly OperationAuthorizationRequirement Converse = new() { Name = nameof(Converse) };
    /// <summary>Move a call's deadline later (the one change once applications were submitted; applicants are told).</summary>
    public static readonly OperationAuthorizationRequirement ExtendDeadline = new() { Name = nameof(ExtendDeadline) };
    /// <summary>Name and remove a call's reviewers.</summary>
    public static readonly OperationAuthorizationRequirement ManageReviewers = new() { Name = nameof(ManageReviewers) };
    /// <summary>See every application submitted to a call, the reviewers' scores side by side and the ranking.</summary>
    public static readonly OperationAuthorizationRequirement ReadApplications = new() { Name = nameof(ReadApplications) };
    /// <summary>Record a decision on an application with feedback, publish a call's results and carry selected applications forward.</summary>
    public static readonly OperationAuthorizationRequirement Decide = new() { Name = nameof(Decide) };
    /// <summary>Confirm, for the organisation named, that it is a partner in another organisation's application.</summary>
    public static readonly OperationAuthorizationRequirement ConfirmPartnership = new() { Name = nameof(ConfirmPartnership) };
    /// <summary>Review a submitted application as one of its call's reviewers, having declared no conflict of interest.</summary>
    public static readonly OperationAuthorizationRequirement ReviewApplication = new() { Name = nameof(ReviewApplication) };
    /// <summary>Accept or decline being a call's reviewer (the person invited only).</summary>
    public static readonly OperationAuthorizationRequirement AnswerInvitation = new() { Name = nameof(AnswerInvitation) };
    /// <summary>See an event's registrations with their personal data, export them, message them and mark attendance (organisers only).</summary>
    public static readonly OperationAuthorizationRequirement ManageRegistrations = new() { Name = nameof(ManageRegistrations) };
    /// <summary>Write and publish an event's report, its documents and photos.</summary>
    public static readonly OperationAuthorizationRequirement WriteReport = new() { Name = nameof(WriteReport) };
    /// <summary>Invite and remove an event's co-organisers.</summary>
    public static readonly OperationAuthorizationRequirement ManageOrganisers = new() { Name = nameof(ManageOrganisers) };
    /// <summary>See an organisation's members and decide membership claims.</summary>
    public static readonly OperationAuthorizationRequirement DecideClaims = new() { Name = nameof(DecideClaims) };
    /// <summary>Change members' roles and remove members.</summary>
    public static readonly OperationAuthorizationRequirement ManageMembers = new() { Name = nameof(ManageMembers) };
    /// <summary>Record an organisation's IATI organisation identifier.</summary>
    public static readonly OperationAuthorizationRequirement SetIdentifier = new() { Name = nameof(SetIdentifier) };
}
