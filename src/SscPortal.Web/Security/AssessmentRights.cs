using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Security;

/// <summary>
/// Who may do what to assessments, on top of the access table: civil society assesses any published initiative,
/// an official organisation only the initiatives it is a party to (a self-assessment), and only official parties answer.
/// </summary>
public sealed class AssessmentRights(AppDbContext db, Access access)
{
    /// <summary>An organisation the person may assess an initiative for, and whether that would be a self-assessment.</summary>
    public sealed record Assessor(int ActorId, string Name, bool SelfAssessment);

    /// <summary>Whether the organisation is an official party to the initiative: an agency, government or IGO taking part in it or owning it.</summary>
    public async Task<bool> IsOfficialPartyAsync(int initiativeId, int organisationId, CancellationToken cancellationToken = default)
    {
        var type = await db.Actors.AsNoTracking().Where(a => a.Id == organisationId).Select(a => (ActorType?)a.Type).SingleOrDefaultAsync(cancellationToken);
        if (type is null || AccessTable.KindOf(type.Value) != OrganisationKind.Official) return false;
        return await db.Initiatives.AsNoTracking().AnyAsync(i => i.Id == initiativeId
            && (i.OwnerId == organisationId || i.Actors.Any(a => a.ActorId == organisationId)), cancellationToken);
    }

    /// <summary>The person's organisations that may assess this (published) initiative.</summary>
    public async Task<IReadOnlyList<Assessor>> AssessorsForAsync(int initiativeId, CancellationToken cancellationToken = default)
    {
        var assessors = new List<Assessor>();
        foreach (var m in await access.MembershipsAsync())
        {
            if (AccessTable.Grants(m.ActorType, m.Role, Permission.WriteAssessments)) assessors.Add(new(m.ActorId, m.ActorName, false));
            else if (AccessTable.Grants(m.ActorType, m.Role, Permission.WriteSelfAssessments) && await IsOfficialPartyAsync(initiativeId, m.ActorId, cancellationToken))
                assessors.Add(new(m.ActorId, m.ActorName, true));
        }
        return assessors;
    }

    /// <summary>Members of the assessor organisation edit its draft; nobody edits a published or unpublished assessment.</summary>
    public async Task<bool> CanEditAsync(PublicationState publication, int assessorId) =>
        publication == PublicationState.Draft && await IsAssessorMemberAsync(assessorId);

    /// <summary>Whether the person writes assessments for this organisation (the permission depends on its kind).</summary>
    public async Task<bool> IsAssessorMemberAsync(int assessorId) =>
        await access.CanAsync(Permission.WriteAssessments, assessorId) || await access.CanAsync(Permission.WriteSelfAssessments, assessorId);

    /// <summary>Published assessments of published initiatives are public; the rest only for the assessor's members (and moderators, for what they unpublished).</summary>
    public async Task<bool> CanSeeAsync(PublicationState publication, int assessorId, bool initiativePublished) =>
        (publication == PublicationState.Published && initiativePublished)
        || await IsAssessorMemberAsync(assessorId)
        || (publication == PublicationState.Unpublished && access.CanOnPlatform(Permission.UnpublishAnyRecord));

    /// <summary>The person's organisations that may publish a response to an assessment of this initiative.</summary>
    public async Task<IReadOnlyList<Access.ActiveMembership>> RespondersForAsync(int initiativeId, CancellationToken cancellationToken = default)
    {
        var responders = new List<Access.ActiveMembership>();
        foreach (var m in await access.OrganisationsWhereAsync(Permission.RespondToAssessments))
            if (await IsOfficialPartyAsync(initiativeId, m.ActorId, cancellationToken)) responders.Add(m);
        return responders;
    }
}
