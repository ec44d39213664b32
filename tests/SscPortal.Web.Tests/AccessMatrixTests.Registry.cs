using SscPortal.Domain;
using SscPortal.Web.Tests.Infrastructure;
using static SscPortal.Web.Tests.Infrastructure.Organisation;
using static SscPortal.Web.Tests.Infrastructure.Role;

namespace SscPortal.Web.Tests;

public abstract partial class AccessMatrixTests
{
    /// <summary>The entries of registry feeds and per-organisation IATI files (registry helper). A property, not a field (see <see cref="GoodPracticeCases"/>).</summary>
    private static Case[] RegistryCases =>
    [
        new("/about/data GET", "the open-data page", _ => Task.FromResult(Get("/about/data")), Everyone),
        new("/data.json GET", "the catalogue of datasets", _ => Task.FromResult(Get("/data.json")), Everyone),
        new("/export/iati/{organisation:int}.xml GET", "the IATI file of an organisation with an identifier", async w =>
        {
            await w.Portal.WithDatabaseAsync(async db =>
            {
                (await db.Actors.FindAsync(w.AgencyG.Id))!.IatiIdentifier ??= $"XI-IATI-{TestData.Word()}";
                return await db.SaveChangesAsync();
            });
            return Get($"/export/iati/{w.AgencyG.Id}.xml");
        }, Everyone),
        new("/export/iati/{organisation:int}.xml GET", "an organisation without an identifier has no file", w => Task.FromResult(Get($"/export/iati/{w.CsoA.Id}.xml")), Nobody),
        new("/export/iati/{organisation:int}.xml GET", "a guessed organisation", _ => Task.FromResult(Get("/export/iati/2147483000.xml")), Nobody),
    ];
}
