namespace SscPortal.Domain;

/// <summary>Which editing rights a membership of an organisation carries (DOMAIN.md, "Who uses it").</summary>
public enum OrganisationKind
{
    /// <summary>NGOs, trade unions, networks, community and indigenous peoples' organisations, academia, foundations.</summary>
    CivilSociety,
    /// <summary>National and local government, agencies, other public sector bodies, and intergovernmental organisations.</summary>
    Official,
    /// <summary>Private companies: listed as actors, but their members get no editing rights.</summary>
    NoEditingRights,
}

public enum PlatformRole
{
    Moderator,
    Administrator,
}

/// <summary>Everything the portal lets someone do that not everyone may do.</summary>
public enum Permission
{
    SeeOwnDrafts,
    EditOwnInitiatives,
    PublishOwnRecords,
    ManageOwnMembers,
    SetOrganisationIdentifier,
    RecordPartnerships,
    WriteAssessments,
    WriteSelfAssessments,
    PublishAssessments,
    RespondToAssessments,
    CommentOnOfferedDrafts,
    AnswerRecommendations,
    PostAssessorViews,
    AddEvidence,
    ReadReportedEvidence,
    WriteOffersAndNeeds,
    ExpressInterest,
    ReadReportedConversations,
    OpenCalls,
    ApplyToCalls,
    ReviewApplications,
    DecideOnApplications,
    WriteGoodPractices,
    OrganiseEvents,
    EditOtherOrganisationsRecords,
    UnpublishAnyRecord,
    VerifyOrganisations,
    CreateOrganisations,
    ApproveAnyMembershipClaim,
    ReadAuditLog,
    PublishFrameworks,
    ManageUsers,
    ManageMail,
}

/// <summary>One row of the access table: who holds a permission.</summary>
public sealed record AccessRule(
    Permission Permission,
    bool CivilSocietyMember, bool CivilSocietyAdmin,
    bool OfficialMember, bool OfficialAdmin,
    bool Moderator, bool Administrator);

/// <summary>
/// The access table: the one place that says who may do what. Pages ask it; /about/access shows it;
/// the access-matrix test checks every page against it. Membership rights need an active membership.
/// </summary>
public static class AccessTable
{
    public static readonly IReadOnlyList<AccessRule> Rules =
    [
        //                                                        CSO member  CSO admin  official member  official admin  moderator  administrator
        new(Permission.SeeOwnDrafts,                               true,       true,      true,            true,           false,     false),
        new(Permission.EditOwnInitiatives,                         true,       true,      true,            true,           false,     false),
        new(Permission.PublishOwnRecords,                          false,      true,      false,           true,           false,     false),
        new(Permission.ManageOwnMembers,                           false,      true,      false,           true,           false,     false),
        new(Permission.SetOrganisationIdentifier,                  false,      true,      false,           true,           true,      true),
        new(Permission.RecordPartnerships,                         false,      false,     true,            true,           false,     false),
        new(Permission.WriteAssessments,                           true,       true,      false,           false,          false,     false),
        new(Permission.WriteSelfAssessments,                       false,      false,     true,            true,           false,     false),
        new(Permission.PublishAssessments,                         false,      true,      false,           true,           false,     false),
        new(Permission.RespondToAssessments,                       false,      false,     false,           true,           false,     false),
        new(Permission.CommentOnOfferedDrafts,                     false,      false,     true,            true,           false,     false),
        new(Permission.AnswerRecommendations,                      false,      false,     false,           true,           false,     false),
        new(Permission.PostAssessorViews,                          false,      true,      false,           true,           false,     false),
        new(Permission.AddEvidence,                                true,       true,      true,            true,           false,     false),
        new(Permission.ReadReportedEvidence,                       false,      false,     false,           false,          true,      false),
        new(Permission.WriteOffersAndNeeds,                        true,       true,      true,            true,           false,     false),
        new(Permission.ExpressInterest,                            true,       true,      true,            true,           false,     false),
        new(Permission.ReadReportedConversations,                  false,      false,     false,           false,          true,      false),
        new(Permission.OpenCalls,                                  true,       true,      true,            true,           false,     false),
        new(Permission.ApplyToCalls,                               true,       true,      true,            true,           false,     false),
        new(Permission.ReviewApplications,                         true,       true,      true,            true,           false,     false),
        new(Permission.DecideOnApplications,                       false,      true,      false,           true,           false,     false),
        new(Permission.WriteGoodPractices,                         true,       true,      true,            true,           false,     false),
        new(Permission.OrganiseEvents,                             true,       true,      true,            true,           false,     false),
        new(Permission.EditOtherOrganisationsRecords,              false,      false,     false,           false,          false,     false),
        new(Permission.UnpublishAnyRecord,                         false,      false,     false,           false,          true,      false),
        new(Permission.VerifyOrganisations,                        false,      false,     false,           false,          true,      true),
        new(Permission.CreateOrganisations,                        false,      false,     false,           false,          false,     true),
        new(Permission.ApproveAnyMembershipClaim,                  false,      false,     false,           false,          true,      true),
        new(Permission.ReadAuditLog,                               false,      false,     false,           false,          true,      true),
        new(Permission.PublishFrameworks,                          false,      false,     false,           false,          false,     true),
        new(Permission.ManageUsers,                                false,      false,     false,           false,          false,     true),
        new(Permission.ManageMail,                                 false,      false,     false,           false,          false,     true),
    ];

    public static OrganisationKind KindOf(ActorType type) => type switch
    {
        ActorType.Government or ActorType.LocalGovernment or ActorType.OtherPublicSector or ActorType.Intergovernmental => OrganisationKind.Official,
        ActorType.InternationalCso or ActorType.NationalCso or ActorType.RegionalCso or ActorType.Academia or ActorType.Foundation => OrganisationKind.CivilSociety,
        _ => OrganisationKind.NoEditingRights,
    };

    private static AccessRule Rule(Permission permission) => Rules.Single(r => r.Permission == permission);

    /// <summary>Whether an active membership with this role, in an organisation of this type, grants the permission.</summary>
    public static bool Grants(ActorType organisationType, MembershipRole role, Permission permission)
    {
        var rule = Rule(permission);
        return (KindOf(organisationType), role) switch
        {
            (OrganisationKind.CivilSociety, MembershipRole.Member) => rule.CivilSocietyMember,
            (OrganisationKind.CivilSociety, MembershipRole.OrganisationAdmin) => rule.CivilSocietyAdmin,
            (OrganisationKind.Official, MembershipRole.Member) => rule.OfficialMember,
            (OrganisationKind.Official, MembershipRole.OrganisationAdmin) => rule.OfficialAdmin,
            _ => false,
        };
    }

    /// <summary>Whether a platform role grants the permission. Platform roles never carry content editing rights.</summary>
    public static bool Grants(PlatformRole role, Permission permission)
    {
        var rule = Rule(permission);
        return role == PlatformRole.Moderator ? rule.Moderator : rule.Administrator;
    }
}
