using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.Web.Tests.Infrastructure;

/// <summary>Each test makes its own records, named uniquely, through the portal's own DbContext and services.</summary>
public static class TestData
{
    /// <summary>An id as it appears in URLs and forms.</summary>
    public static string Key(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static Task<Actor> ActorAsync(this PortalFactory portal, ActorType type = ActorType.NationalCso, string? name = null) =>
        portal.WithDatabaseAsync(async db =>
        {
            var actor = new Actor { Name = name ?? Unique("Test organisation"), Type = type, CountryCode = "PE", IsVerified = true, CreatedAt = DateTime.UtcNow };
            db.Actors.Add(actor);
            await db.SaveChangesAsync();
            return actor;
        });

    /// <summary>
    /// A valid bilateral initiative between the two countries, owned by <paramref name="owner"/>;
    /// published at <paramref name="publishedAt"/> unless that is null (then it stays a draft).
    /// </summary>
    public static Task<int> InitiativeAsync(
        this PortalFactory portal, Actor owner, string provider, string recipient, DateTime? publishedAt,
        Modality modality = Modality.Bilateral, ActivityStatus status = ActivityStatus.Implementation, string? title = null, int? id = null) =>
        portal.WithDatabaseAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var initiative = new Initiative
            {
                Id = id ?? 0,
                Title = title ?? Unique("Test initiative"), Summary = "Created by an integration test.",
                Modality = modality, Instrument = Instrument.Project, Status = status,
                OwnerId = owner.Id, CreatedAt = now, UpdatedAt = now,
            };
            initiative.Actors.Add(new InitiativeActor { ActorId = owner.Id, Role = ActorRole.Lead });
            if (modality == Modality.Triangular)
            {
                initiative.Countries.Add(new InitiativeCountry { CountryCode = provider, Role = CountryRole.FirstProvider });
                initiative.Countries.Add(new InitiativeCountry { CountryCode = "DE", Role = CountryRole.SecondProvider });
            }
            else initiative.Countries.Add(new InitiativeCountry { CountryCode = provider, Role = CountryRole.Provider });
            initiative.Countries.Add(new InitiativeCountry { CountryCode = recipient, Role = CountryRole.Recipient });
            if (modality == Modality.Regional)
                initiative.Countries.Add(new InitiativeCountry { CountryCode = "BO", Role = CountryRole.Both });
            initiative.Sdgs.Add(new InitiativeSdg { GoalCode = 2, IsPrimary = true });
            initiative.Sectors.Add(new InitiativeSector { SectorCode = "31161" });
            if (publishedAt is { } at) initiative.Publish(at);
            db.Initiatives.Add(initiative);
            await db.SaveChangesAsync();
            return initiative.Id;
        });

    /// <summary>
    /// On PostgreSQL, an id for a new initiative that puts it in the sample (a multiple of
    /// <see cref="Search.CatalogueFacets.SampleEvery"/>), taken from the initiatives' own sequence so that no other test is
    /// given it; on SQLite (whose counts read the initiatives themselves), none: the database gives one.
    /// </summary>
    public static Task<int?> SampleIdAsync(this PortalFactory portal) => portal.WithDatabaseAsync(async db =>
    {
        if (!db.Database.IsNpgsql()) return (int?)null;
        while (true)
        {
            // Values drawn for this test only (others may draw in between): one of every run of them is a multiple.
            var drawn = await db.Database.SqlQuery<int>($"""
                SELECT nextval(pg_get_serial_sequence('"Initiatives"', 'Id'))::int AS "Value" FROM generate_series(1, {Search.CatalogueFacets.SampleEvery})
                """).ToListAsync();
            if (drawn.FirstOrDefault(n => n % Search.CatalogueFacets.SampleEvery == 0) is var id and > 0) return id;
        }
    });

    /// <summary>A partnership between the owner and another organisation, published at <paramref name="publishedAt"/> unless null.</summary>
    public static Task<int> PartnershipAsync(this PortalFactory portal, Actor owner, Actor other, DateTime? publishedAt, int? initiativeId = null) =>
        portal.WithDatabaseAsync(async db =>
        {
            var partnership = new Partnership { Title = Unique("Test agreement"), Type = PartnershipType.MemorandumOfUnderstanding, OwnerId = owner.Id, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            partnership.Signatories.Add(new PartnershipSignatory { ActorId = owner.Id });
            partnership.Signatories.Add(new PartnershipSignatory { ActorId = other.Id });
            if (initiativeId is { } linked) partnership.Initiatives.Add(new PartnershipInitiative { InitiativeId = linked });
            if (publishedAt is { } at) partnership.Publish(at);
            db.Partnerships.Add(partnership);
            await db.SaveChangesAsync();
            return partnership.Id;
        });

    /// <summary>
    /// An assessment of the initiative by the organisation with the latest framework: complete (every indicator answered
    /// "insufficient information", with a method and findings) or barely begun; published at <paramref name="publishedAt"/> unless null.
    /// </summary>
    public static Task<int> AssessmentAsync(this PortalFactory portal, Actor assessor, int initiativeId, DateTime? publishedAt, bool complete = true) =>
        portal.WithDatabaseAsync(async db =>
        {
            var framework = await db.AssessmentFrameworks.OrderByDescending(f => f.Version).FirstAsync();
            var official = AccessTable.KindOf(assessor.Type) == OrganisationKind.Official;
            var now = DateTime.UtcNow;
            var assessment = new Assessment
            {
                InitiativeId = initiativeId, AssessorId = assessor.Id, FrameworkId = framework.Id, CreatedAt = now, UpdatedAt = now,
                Relationship = official ? AssessorRelationship.Party : AssessorRelationship.Affected,
                Perspective = official ? AssessmentPerspective.SelfAssessment : AssessmentPerspective.CivilSociety,
            };
            foreach (var indicator in complete ? framework.Indicators : framework.Indicators.Take(1))
                assessment.Answers.Add(new AssessmentAnswer { IndicatorCode = indicator.Code, Kind = AnswerKind.InsufficientInformation, Justification = "No document was shared." });
            if (complete)
            {
                assessment.Methods = [AssessmentMethod.DocumentReview];
                assessment.Findings = "Too little was made public to judge.";
            }
            if (publishedAt is { } at) assessment.Publish(framework, at);
            db.Assessments.Add(assessment);
            await db.SaveChangesAsync();
            if (publishedAt is not null)
            {
                db.AssessmentScores.AddRange(AssessmentScoring.Rows(framework, assessment.Answers).Select(row => { row.AssessmentId = assessment.Id; return row; }));
                await db.SaveChangesAsync();
            }
            return assessment.Id;
        });

    /// <summary>A word no other row contains, of letters only (so that stemmers leave it whole): a search of its own for each test.</summary>
    public static string Word() => "zq" + string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + c % 20)));

    /// <summary>A confirmed account with the given password, and no organisation.</summary>
    public static async Task<string> UserAsync(this PortalFactory portal, string password)
    {
        var email = $"{Guid.NewGuid():N}@test.example.org";
        await portal.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            var result = await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTime.UtcNow }, password);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        });
        return email;
    }
}
