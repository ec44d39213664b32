using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Security;

namespace SscPortal.Web.Catalogue;

/// <summary>
/// Writes a record's history: who changed which fields from what to what, for which organisation, when.
/// Entries are added to the request's DbContext and saved with the change they describe.
/// </summary>
public sealed class History(AppDbContext db, Access access, IHttpContextAccessor http, TimeProvider clock)
{
    public async Task AddAsync(Initiative initiative, ChangeKind kind, List<FieldChange> fields, bool asModerator = false)
    {
        var user = http.HttpContext?.User;
        var organisation = asModerator
            ? "Moderator"
            : (await access.MembershipsAsync()).FirstOrDefault(m => m.ActorId == initiative.OwnerId)?.ActorName;
        db.InitiativeChanges.Add(new InitiativeChange
        {
            InitiativeId = initiative.Id,
            At = clock.GetUtcNow().UtcDateTime,
            Kind = kind,
            UserId = access.UserId,
            UserEmail = user?.Identity?.Name,
            OrganisationName = organisation,
            Fields = fields,
        });
    }
}
