using SscPortal.Domain;

namespace SscPortal.Domain.Tests;

public class AccessTableTests
{
    [Fact]
    public void Every_permission_has_exactly_one_row() =>
        Assert.Equal(Enum.GetValues<Permission>().Order(), AccessTable.Rules.Select(r => r.Permission).Order());

    [Theory]
    [InlineData(ActorType.NationalCso, OrganisationKind.CivilSociety)]
    [InlineData(ActorType.InternationalCso, OrganisationKind.CivilSociety)]
    [InlineData(ActorType.RegionalCso, OrganisationKind.CivilSociety)]
    [InlineData(ActorType.Academia, OrganisationKind.CivilSociety)]
    [InlineData(ActorType.Government, OrganisationKind.Official)]
    [InlineData(ActorType.LocalGovernment, OrganisationKind.Official)]
    [InlineData(ActorType.OtherPublicSector, OrganisationKind.Official)]
    [InlineData(ActorType.Intergovernmental, OrganisationKind.Official)]
    [InlineData(ActorType.PrivateSector, OrganisationKind.NoEditingRights)]
    public void Organisation_types_map_to_the_rights_they_carry(ActorType type, OrganisationKind kind) =>
        Assert.Equal(kind, AccessTable.KindOf(type));

    [Fact]
    public void Members_edit_their_organisations_initiatives_and_only_organisation_admins_publish_them()
    {
        foreach (var type in new[] { ActorType.NationalCso, ActorType.Government })
        {
            Assert.True(AccessTable.Grants(type, MembershipRole.Member, Permission.EditOwnInitiatives));
            Assert.False(AccessTable.Grants(type, MembershipRole.Member, Permission.PublishOwnRecords));
            Assert.True(AccessTable.Grants(type, MembershipRole.OrganisationAdmin, Permission.PublishOwnRecords));
            Assert.True(AccessTable.Grants(type, MembershipRole.OrganisationAdmin, Permission.ManageOwnMembers));
        }
    }

    [Fact]
    public void Civil_society_assesses_and_governments_publish_partnerships_and_answer()
    {
        Assert.True(AccessTable.Grants(ActorType.NationalCso, MembershipRole.Member, Permission.WriteAssessments));
        Assert.False(AccessTable.Grants(ActorType.Government, MembershipRole.OrganisationAdmin, Permission.WriteAssessments));
        Assert.True(AccessTable.Grants(ActorType.Government, MembershipRole.Member, Permission.RecordPartnerships));
        Assert.False(AccessTable.Grants(ActorType.NationalCso, MembershipRole.OrganisationAdmin, Permission.RecordPartnerships));
        Assert.True(AccessTable.Grants(ActorType.Intergovernmental, MembershipRole.OrganisationAdmin, Permission.RespondToAssessments));
        Assert.False(AccessTable.Grants(ActorType.InternationalCso, MembershipRole.OrganisationAdmin, Permission.RespondToAssessments));
        Assert.True(AccessTable.Grants(ActorType.LocalGovernment, MembershipRole.Member, Permission.WriteSelfAssessments));
        Assert.False(AccessTable.Grants(ActorType.Academia, MembershipRole.OrganisationAdmin, Permission.WriteSelfAssessments));
        Assert.False(AccessTable.Grants(ActorType.NationalCso, MembershipRole.Member, Permission.PublishAssessments));
        Assert.True(AccessTable.Grants(ActorType.NationalCso, MembershipRole.OrganisationAdmin, Permission.PublishAssessments));
        Assert.False(AccessTable.Grants(PlatformRole.Moderator, Permission.WriteAssessments));
    }

    [Fact]
    public void Nobody_may_edit_another_organisations_records_and_platform_roles_never_edit_content()
    {
        Assert.All(AccessTable.Rules.Where(r => r.Permission == Permission.EditOtherOrganisationsRecords),
            r => Assert.False(r.CivilSocietyMember || r.CivilSocietyAdmin || r.OfficialMember || r.OfficialAdmin || r.Moderator || r.Administrator));
        foreach (var role in Enum.GetValues<PlatformRole>())
        {
            Assert.False(AccessTable.Grants(role, Permission.EditOwnInitiatives));
            Assert.False(AccessTable.Grants(role, Permission.PublishOwnRecords));
        }
        Assert.True(AccessTable.Grants(PlatformRole.Moderator, Permission.UnpublishAnyRecord));
        Assert.True(AccessTable.Grants(PlatformRole.Administrator, Permission.ManageUsers));
        Assert.False(AccessTable.Grants(PlatformRole.Moderator, Permission.ManageUsers));
    }

    [Fact]
    public void Private_sector_members_get_no_editing_rights() =>
        Assert.All(Enum.GetValues<Permission>(), p =>
            Assert.False(AccessTable.Grants(ActorType.PrivateSector, MembershipRole.OrganisationAdmin, p)));
}
