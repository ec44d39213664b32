using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Import;

/// <summary>
/// Which of the portal's organisations an organisation named in a file is: the one with its IATI identifier, else the one
/// with its name (whatever the capitals). The preview says so, and the import uses the same answer.
/// </summary>
public static class OrganisationMatch
{
    public sealed record Match(int Id, string Name, bool IsVerified);

    /// <summary>One key per organisation as named: its identifier when given, else its name.</summary>
    public static string Key(ImportedOrganisation organisation) =>
        organisation.Ref is { } reference ? "ref:" + reference : "name:" + organisation.Name.Trim().ToLowerInvariant();

    /// <summary>The existing organisations of <paramref name="organisations"/>, by <see cref="Key"/>; looked up in two queries.</summary>
    public static async Task<Dictionary<string, Match>> FindAsync(AppDbContext db, IReadOnlyCollection<ImportedOrganisation> organisations, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Match>(StringComparer.Ordinal);
        if (organisations.Count == 0) return found;
        var refs = organisations.Where(o => o.Ref is not null).Select(o => o.Ref!).Distinct().ToList();
        var byRef = (await db.Actors.AsNoTracking().Where(a => a.IatiIdentifier != null && refs.Contains(a.IatiIdentifier))
            .Select(a => new { a.Id, a.Name, a.IsVerified, a.IatiIdentifier }).ToListAsync(cancellationToken))
            .ToDictionary(a => a.IatiIdentifier!, a => new Match(a.Id, a.Name, a.IsVerified), StringComparer.Ordinal);
        var names = organisations.Where(o => o.Name.Trim().Length > 0).Select(o => o.Name.Trim().ToLowerInvariant()).Distinct().ToList();
        var byName = new Dictionary<string, Match>(StringComparer.Ordinal);
        foreach (var chunk in names.Chunk(200))
#pragma warning disable CA1304, CA1311 // translated to SQL lower(), run by the database, not in .NET's culture
            foreach (var a in await db.Actors.AsNoTracking().Where(a => chunk.Contains(a.Name.ToLower())).OrderBy(a => a.Id)
#pragma warning restore CA1304, CA1311
                         .Select(a => new { a.Id, a.Name, a.IsVerified }).ToListAsync(cancellationToken))
                byName.TryAdd(a.Name.Trim().ToLowerInvariant(), new Match(a.Id, a.Name, a.IsVerified));
        foreach (var organisation in organisations)
        {
            if (organisation.Ref is { } reference && byRef.TryGetValue(reference, out var match)) found[Key(organisation)] = match;
            else if (byName.TryGetValue(organisation.Name.Trim().ToLowerInvariant(), out var named)) found[Key(organisation)] = named;
        }
        return found;
    }

    /// <summary>The portal's kind of organisation for an IATI OrganisationType (the portal numbers its kinds as IATI does where one fits).</summary>
    public static ActorType TypeOf(int? iatiType) => iatiType switch
    {
        10 => ActorType.Government,
        11 => ActorType.LocalGovernment,
        15 => ActorType.OtherPublicSector,
        21 => ActorType.InternationalCso,
        22 => ActorType.NationalCso,
        23 => ActorType.RegionalCso,
        40 => ActorType.Intergovernmental,
        60 => ActorType.Foundation,
        70 or 71 or 72 or 73 => ActorType.PrivateSector,
        80 => ActorType.Academia,
        30 or 24 => ActorType.NationalCso,
        _ => ActorType.OtherPublicSector,
    };
}
