using Microsoft.Extensions.Localization;
using SscPortal.Domain;

namespace SscPortal.Web.Localization;

/// <summary>What each permission of the access table lets a person do, in the reader's language (/about/access, the access-denied page).</summary>
public static class PermissionLabels
{
    public static string Describe(Permission permission, IStringLocalizer<SharedResource> L) => permission switch
    {
        Permission.SeeOwnDrafts => L["See the organisation's drafts and unpublished records, and who changed them"],
        Permission.EditOwnInitiatives => L["Register initiatives, edit and delete the organisation's drafts"],
        Permission.PublishOwnRecords => L["Publish, unpublish and edit the organisation's published records"],
        Permission.ManageOwnMembers => L["Invite, approve, remove and change the roles of the organisation's members"],
        Permission.SetOrganisationIdentifier => L["Record the organisation's IATI organisation identifier"],
        Permission.RecordPartnerships => L["Record partnerships (agreements between actors)"],
        Permission.WriteAssessments => L["Write people-centred assessments of any published initiative, and revise the organisation's published ones"],
        Permission.WriteSelfAssessments => L["Write and revise self-assessments of initiatives the organisation is an official party to"],
        Permission.PublishAssessments => L["Publish the organisation's assessments"],
        Permission.RespondToAssessments => L["Publish a response to an assessment of the organisation's initiatives"],
        Permission.AnswerRecommendations => L["Answer the recommendations addressed to the organisation, and post progress on them"],
        Permission.PostAssessorViews => L["Post the organisation's view of a party's answer or progress on one of its assessment's recommendations"],
        Permission.AddEvidence => L["Add files and testimonies to the organisation's records, replace files with new versions, and withdraw testimonies"],
        Permission.ReadReportedEvidence => L["Read a restricted file or testimony once it has been reported, to decide whether to hide it"],
        Permission.WriteOffersAndNeeds => L["Write the organisation's offers and needs, and edit and delete its drafts"],
        Permission.ExpressInterest => L["Express interest in another organisation's offer or need, and take part in the organisation's conversations"],
        Permission.ReadReportedConversations => L["Read a conversation once one of its organisations has reported it"],
        Permission.OpenCalls => L["Write the organisation's calls for proposals, good practices or members, and edit and delete its drafts"],
        Permission.ApplyToCalls => L["Apply to other organisations' calls for the organisation, and confirm it as a partner in their applications"],
        Permission.ReviewApplications => L["Review applications to a call one has been named a reviewer of, declaring any conflict of interest"],
        Permission.DecideOnApplications => L["Name reviewers of the organisation's calls, see their scores and decide on applications"],
        Permission.WriteGoodPractices => L["Write and edit the organisation's good practices"],
        Permission.OrganiseEvents => L["Announce the organisation's events, edit those it organises, see their registrations and write their reports"],
        Permission.CommentOnOfferedDrafts => L["Read a draft assessment offered to the organisation for comment, and comment on it while the window is open"],
        Permission.EditOtherOrganisationsRecords => L["Change, hide or delete another organisation's records"],
        Permission.UnpublishAnyRecord => L["Unpublish any record, with a recorded reason (never edit it)"],
        Permission.VerifyOrganisations => L["Verify organisations"],
        Permission.CreateOrganisations => L["Add organisations, verified at once, and invite their first admins"],
        Permission.ApproveAnyMembershipClaim => L["Approve membership claims of any organisation"],
        Permission.ReadAuditLog => L["Read the audit log"],
        Permission.PublishFrameworks => L["Publish new versions of the assessment framework"],
        Permission.ManageUsers => L["Lock accounts, grant platform roles, manage any organisation's members"],
        Permission.ManageMail => L["See the outgoing mail queue and its failures, and retry a failed message"],
        _ => permission.ToString(),
    };
}
