using SscPortal.Domain;
using SscPortal.Web.Import;
using SscPortal.Web.Tests.Infrastructure;
using static SscPortal.Web.Tests.Infrastructure.Organisation;
using static SscPortal.Web.Tests.Infrastructure.Role;

namespace SscPortal.Web.Tests;

public abstract partial class AccessMatrixTests
{
    /// <summary>
    /// An upload of the owner, made by one of its members (the role's account when it is one, else CSO A's member), waiting
    /// for a choice, with one importable activity.
    /// </summary>
    private static Task<int> Upload(AccessWorld w, Actor owner) => w.Portal.WithDatabaseAsync(async db =>
    {
        var uploader = owner.Id == w.AgencyG.Id ? w.UserIds[AgencyMember]! : w.UserIds[CsoMember]!;
        var upload = new IatiImport { OwnerId = owner.Id, UserId = uploader, FileNames = "matrix.xml", CreatedAt = DateTime.UtcNow, ActivityCount = 1, IatiVersion = "2.03" };
        db.IatiImports.Add(upload);
        await db.SaveChangesAsync();
        var identifier = "XM-MATRIX-" + Guid.NewGuid().ToString("N")[..12];
        db.IatiImportActivities.Add(new IatiImportActivity
        {
            ImportId = upload.Id, Position = 1, Line = 3, IatiIdentifier = identifier, Title = "Matrix activity",
            Preview = ImportJson.Write(new ImportedActivity { Identifier = identifier, Title = "Matrix activity", Summary = "Read from a file." }),
        });
        await db.SaveChangesAsync();
        return upload.Id;
    });

    /// <summary>Who may see, import from and set aside an organisation's uploads: its members who may edit its initiatives (no platform role).</summary>
    private static Who Importers(Organisation owner) => Members(Permission.EditOwnInitiatives, owner);

    /// <summary>The entries of IATI import (import helper). A property, not a field (see <see cref="GoodPracticeCases"/>).</summary>
    private static Case[] ImportCases =>
    [
        new("/import/iati GET", "upload form and recent uploads", _ => Task.FromResult(Get("/import/iati")), SignedIn),
        new("/import/iati POST Upload", "upload (no file) for A", w => Task.FromResult(Post("/import/iati?handler=Upload", new() { ["OrganisationId"] = $"{w.CsoA.Id}" })), Importers(CsoA)),
        new("/import/iati POST Upload", "upload (no file) for G", w => Task.FromResult(Post("/import/iati?handler=Upload", new() { ["OrganisationId"] = $"{w.AgencyG.Id}" })), Importers(AgencyG)),
        new("/import/iati POST Upload", "upload (no file) for B (crafted organisation)", w => Task.FromResult(Post("/import/iati?handler=Upload", new() { ["OrganisationId"] = $"{w.CsoB.Id}" })), Importers(CsoB)),
        new("/import/iati/{id:int} GET", "preview of A's upload", async w => Get($"/import/iati/{await Upload(w, w.CsoA)}"), Importers(CsoA)),
        new("/import/iati/{id:int} GET", "preview of G's upload", async w => Get($"/import/iati/{await Upload(w, w.AgencyG)}"), Importers(AgencyG)),
        new("/import/iati/{id:int} GET", "preview of B's upload (crafted id)", async w => Get($"/import/iati/{await Upload(w, w.CsoB)}"), Importers(CsoB)),
        new("/import/iati/{id:int} GET", "a guessed id", _ => Task.FromResult(Get("/import/iati/2147483000")), Nobody),
        new("/import/iati/{id:int} POST Import", "import all of A's upload", async w => Post($"/import/iati/{await Upload(w, w.CsoA)}?handler=Import", new() { ["all"] = "true", ["version"] = "1" }), Importers(CsoA)),
        new("/import/iati/{id:int} POST Import", "import all of G's upload", async w => Post($"/import/iati/{await Upload(w, w.AgencyG)}?handler=Import", new() { ["all"] = "true", ["version"] = "1" }), Importers(AgencyG)),
        new("/import/iati/{id:int} POST Import", "import from B's upload (crafted id)", async w => Post($"/import/iati/{await Upload(w, w.CsoB)}?handler=Import", new() { ["chosen"] = "1", ["version"] = "1" }), Importers(CsoB)),
        new("/import/iati/{id:int} POST Discard", "set A's upload aside", async w => Post($"/import/iati/{await Upload(w, w.CsoA)}?handler=Discard", []), Importers(CsoA)),
        new("/import/iati/{id:int} POST Discard", "set B's upload aside (crafted id)", async w => Post($"/import/iati/{await Upload(w, w.CsoB)}?handler=Discard", []), Importers(CsoB)),
    ];
}
