using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Domain;
using SscPortal.Web.Data;

namespace SscPortal.BrowserTests.Infrastructure;

/// <summary>Records a flow starts from, made through the portal's own DbContext so that each test has its own.</summary>
public static class Records
{
    private static async Task<T> WithDatabaseAsync<T>(PortalServer portal, Func<AppDbContext, Task<T>> work)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public static Task<int> ActorIdAsync(this PortalServer portal, string name) =>
        WithDatabaseAsync(portal, db => db.Actors.Where(a => a.Name == name).Select(a => a.Id).SingleAsync());

    /// <summary>A published bilateral initiative (Peru to Bolivia) owned by the organisation.</summary>
    public static Task<int> PublishedInitiativeAsync(this PortalServer portal, int ownerId, string title) =>
        WithDatabaseAsync(portal, async db =>
        {
            var now = DateTime.UtcNow;
            var initiative = new Initiative
            {
                Title = title, Summary = "Arranged by a browser test.", Modality = Modality.Bilateral, Instrument = Instrument.Project,
                Status = ActivityStatus.Implementation, OwnerId = ownerId, CreatedAt = now, UpdatedAt = now,
            };
            initiative.Actors.Add(new InitiativeActor { ActorId = ownerId, Role = ActorRole.Lead });
            initiative.Countries.Add(new InitiativeCountry { CountryCode = "PE", Role = CountryRole.Provider });
            initiative.Countries.Add(new InitiativeCountry { CountryCode = "BO", Role = CountryRole.Recipient });
            initiative.Sdgs.Add(new InitiativeSdg { GoalCode = 2, IsPrimary = true });
            initiative.Publish(now);
            db.Initiatives.Add(initiative);
            await db.SaveChangesAsync();
            return initiative.Id;
        });

    /// <summary>A published civil-society assessment of the initiative, every indicator "insufficient information".</summary>
    public static Task<int> PublishedAssessmentAsync(this PortalServer portal, int assessorId, int initiativeId) =>
        CompleteAssessmentAsync(portal, assessorId, initiativeId, publish: true);

    /// <summary>
    /// A civil-society assessment of the initiative, complete (every indicator "insufficient information", justified) but
    /// still a draft: ready to be offered for comment or published.
    /// </summary>
    public static Task<int> CompleteDraftAssessmentAsync(this PortalServer portal, int assessorId, int initiativeId) =>
        CompleteAssessmentAsync(portal, assessorId, initiativeId, publish: false);

    private static Task<int> CompleteAssessmentAsync(PortalServer portal, int assessorId, int initiativeId, bool publish) =>
        WithDatabaseAsync(portal, async db =>
        {
            var framework = await db.AssessmentFrameworks.OrderByDescending(f => f.Version).FirstAsync();
            var now = DateTime.UtcNow;
            var assessment = new Assessment
            {
                InitiativeId = initiativeId, AssessorId = assessorId, FrameworkId = framework.Id, CreatedAt = now, UpdatedAt = now,
                Relationship = AssessorRelationship.Affected, Perspective = AssessmentPerspective.CivilSociety,
                Methods = [AssessmentMethod.DocumentReview], Findings = "Too little was made public to judge.",
            };
            foreach (var indicator in framework.Indicators)
                assessment.Answers.Add(new AssessmentAnswer { IndicatorCode = indicator.Code, Kind = AnswerKind.InsufficientInformation, Justification = "No document was shared." });
            Assert.Empty(assessment.CheckComplete(framework));
            if (publish) assessment.Publish(framework, now);
            db.Assessments.Add(assessment);
            await db.SaveChangesAsync();
            if (!publish) return assessment.Id;
            db.AssessmentScores.AddRange(AssessmentScoring.Rows(framework, assessment.Answers).Select(row => { row.AssessmentId = assessment.Id; return row; }));
            await db.SaveChangesAsync();
            return assessment.Id;
        });

    /// <summary>A recommendation of the assessment addressed to the organisation, answered "accepted" by it with a target date already passed.</summary>
    public static Task<int> OverdueRecommendationAsync(this PortalServer portal, int assessmentId, int addressedToId, string text) =>
        WithDatabaseAsync(portal, async db =>
        {
            var recommendation = new Recommendation
            {
                AssessmentId = assessmentId, Number = 1, Text = text, AddressedToId = addressedToId, Priority = RecommendationPriority.High,
                Status = RecommendationStatus.Accepted, TargetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-5), LastStatementAt = DateTime.UtcNow.AddDays(-40),
            };
            db.Recommendations.Add(recommendation);
            await db.SaveChangesAsync();
            return recommendation.Id;
        });
}

/// <summary>What a test reads back from the portal's database, such as whether a refused form saved anything.</summary>
public static class Saved
{
    /// <summary>How many initiatives, partnerships, organisations, accounts and assessments there are: a refused form changes none.</summary>
    public static async Task<(int Initiatives, int Partnerships, int Organisations, int Accounts, int Assessments)> CountsAsync(this PortalServer portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.Initiatives.CountAsync(), await db.Partnerships.CountAsync(), await db.Actors.CountAsync(),
            await db.Users.CountAsync(), await db.Assessments.CountAsync());
    }
}
