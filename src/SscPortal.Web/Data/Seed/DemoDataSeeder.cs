using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;

namespace SscPortal.Web.Data.Seed;

/// <summary>
/// Loads <see cref="DemoData"/> and the demonstration accounts (README, "Demonstration accounts") once.
/// Runs in Development, or elsewhere only with Seed:Demo=true.
/// </summary>
public sealed partial class DemoDataSeeder(
    AppDbContext db,
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    TimeProvider clock,
    ILogger<DemoDataSeeder> logger)
{
    public const string Password = "portal-demo-2026";

    public sealed record DemoAccount(string Email, string Description, string? PlatformRole, string? ActorKey, MembershipRole? Role);

    public static readonly DemoAccount[] Accounts =
    [
        new("admin@example.org", "Platform administrator", PlatformRoles.Administrator, null, null),
        new("moderator@example.org", "Moderator", PlatformRoles.Moderator, null, null),
        new("cso.editor@example.org", "CSO editor, member of IBON International", null, "ibon", MembershipRole.Member),
        new("cso.admin@example.org", "CSO organisation admin of IBON International", null, "ibon", MembershipRole.OrganisationAdmin),
        new("agency.officer@example.org", "Government agency officer, organisation admin of APCI (Peru)", null, "apci", MembershipRole.OrganisationAdmin),
        new("network.officer@example.org", "Local-government network officer, organisation admin of Mercociudades (opens calls)", null, "mercociudades", MembershipRole.OrganisationAdmin),
        new("reviewer@example.org", "Researcher, member of the BRICS Policy Center (reviews a call's applications)", null, "bricspc", MembershipRole.Member),
        new("no.organisation@example.org", "Registered user with no organisation", null, null, null),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        // All or nothing: a seed interrupted half-way must not look "done" to the next start.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var actorIds = await SeedActorsAndInitiativesAsync(cancellationToken);
        await SeedAccountsAsync(actorIds, cancellationToken);
        await SeedAssessmentsAsync(actorIds, cancellationToken);
        await SeedPartnershipsAsync(actorIds, cancellationToken);
        await SeedExchangeAsync(actorIds, cancellationToken);
        await SeedCallsAsync(actorIds, cancellationToken);
        await SeedEventsAsync(actorIds, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The demonstration partnerships, published and linked to the initiatives carried out under them; added once, also to
    /// a database seeded before they existed.
    /// </summary>
    private async Task SeedPartnershipsAsync(Dictionary<string, int> actorIds, CancellationToken cancellationToken)
    {
        var titles = DemoData.Partnerships.Select(p => p.Title).ToList();
        if (await db.Partnerships.AnyAsync(p => titles.Contains(p.Title), cancellationToken)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var (seed, index) in DemoData.Partnerships.Select((seed, index) => (seed, index)))
        {
            if (!actorIds.TryGetValue(seed.OwnerKey, out var ownerId) || seed.SignatoryKeys.Any(k => !actorIds.ContainsKey(k))) continue;
            var at = now.AddDays(-10 + index);
            var partnership = new Partnership
            {
                Title = seed.Title, Type = seed.Type, Scope = seed.Scope, SignedOn = seed.SignedOn, StartsOn = seed.StartsOn, EndsOn = seed.EndsOn,
                DocumentUrl = seed.DocumentUrl, OwnerId = ownerId, CreatedAt = at.AddDays(-2), UpdatedAt = at,
            };
            partnership.Signatories.AddRange(seed.SignatoryKeys.Select(k => new PartnershipSignatory { ActorId = actorIds[k] }));
            foreach (var start in seed.InitiativeTitles)
            {
                var initiativeId = await db.Initiatives.Where(i => i.Title.StartsWith(start) && i.Publication == PublicationState.Published)
                    .OrderBy(i => i.Id).Select(i => (int?)i.Id).FirstOrDefaultAsync(cancellationToken);
                if (initiativeId is { } id) partnership.Initiatives.Add(new PartnershipInitiative { InitiativeId = id });
            }
            partnership.Publish(at);
            db.Partnerships.Add(partnership);
            added++;
        }
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Loaded {Count} demonstration partnerships", added);
    }

    private async Task<Dictionary<string, int>> SeedActorsAndInitiativesAsync(CancellationToken cancellationToken)
    {
        var names = DemoData.Actors.Select(a => a.Name).ToList();
        var existing = await db.Actors.Where(a => names.Contains(a.Name)).ToDictionaryAsync(a => a.Name, a => a.Id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (existing.Count > 0)
        {
            // Organisations added to the demonstration after a database was first seeded join it on its next start.
            var missing = DemoData.Actors.Where(a => !existing.ContainsKey(a.Name)).Select(a => NewActor(a, now)).ToList();
            if (missing.Count > 0)
            {
                db.Actors.AddRange(missing);
                await db.SaveChangesAsync(cancellationToken);
                foreach (var actor in missing) existing[actor.Name] = actor.Id;
            }
            return DemoData.Actors.Where(a => existing.ContainsKey(a.Name)).ToDictionary(a => a.Key, a => existing[a.Name]);
        }

        var actors = DemoData.Actors.ToDictionary(a => a.Key, a => NewActor(a, now));
        db.Actors.AddRange(actors.Values);
        await db.SaveChangesAsync(cancellationToken);

        var count = DemoData.Initiatives.Length;
        foreach (var (seed, index) in DemoData.Initiatives.Select((seed, index) => (seed, index)))
        {
            var initiative = Build(seed, actors);
            var publishedAt = PublicationTime(seed, now, index);
            initiative.CreatedAt = initiative.UpdatedAt = publishedAt.AddDays(-3);
            if (seed.Publication != PublicationState.Draft) initiative.Publish(publishedAt);
            if (seed.Publication == PublicationState.Unpublished) initiative.Unpublish(seed.UnpublishedReason ?? "Withdrawn by its owner.");
            db.Initiatives.Add(initiative);
        }
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Loaded {Actors} demonstration actors and {Initiatives} initiatives", actors.Count, count);
        return actors.ToDictionary(a => a.Key, a => a.Value.Id);
    }

    private static Actor NewActor(DemoData.ActorSeed a, DateTime now) => new()
    {
        Name = a.Name, Acronym = a.Acronym, Type = a.Type, CountryCode = a.CountryCode, Scope = a.Scope,
        Website = a.Website, Description = a.Description, IsVerified = a.Verified, IatiIdentifier = a.IatiIdentifier, CreatedAt = now,
    };

    /// <summary>
    /// Records are published a fortnight after their latest milestone (approval, start or end), so the
    /// catalogue's newest-first order reads like a living record; the index keeps times distinct.
    /// </summary>
    private static DateTime PublicationTime(DemoData.InitiativeSeed seed, DateTime now, int index)
    {
        var milestones = new[] { seed.Approval, seed.ActualStart, seed.ActualEnd }.OfType<DateOnly>().ToList();
        var latest = milestones.Count > 0 ? milestones.Max().ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc).AddDays(14) : now.AddDays(-30);
        var ceiling = now.AddHours(-1 - index);
        return (latest < ceiling ? latest : ceiling).AddMinutes(index);
    }

    /// <summary>Turns a seed row into an initiative (also used by tests to check every seed against the rules).</summary>
    public static Initiative Build(DemoData.InitiativeSeed seed, IReadOnlyDictionary<string, Actor> actors)
    {
        var initiative = new Initiative
        {
            Title = seed.Title, Summary = seed.Summary, Description = seed.Description, Language = seed.Language,
            Modality = seed.Modality, Instrument = seed.Instrument, Status = seed.Status,
            ApprovalDate = seed.Approval, PlannedStart = seed.PlannedStart, PlannedEnd = seed.PlannedEnd,
            ActualStart = seed.ActualStart, ActualEnd = seed.ActualEnd,
            Owner = actors[seed.OwnerKey], OwnerId = actors[seed.OwnerKey].Id,
            ThematicAreas = [.. seed.ThematicAreas ?? []], Sensitivity = seed.Sensitivity,
        };
        initiative.Locations.AddRange((seed.Locations ?? []).Select(l => new InitiativeLocation
            { CountryCode = l.CountryCode, Precision = l.Precision, Region = l.Region, Place = l.Place, Latitude = l.Latitude, Longitude = l.Longitude }));
        initiative.Countries.AddRange(seed.Countries.Select(c => new InitiativeCountry { CountryCode = c.Code, Role = c.Role }));
        initiative.Actors.AddRange(seed.Actors.Select(a => new InitiativeActor { Actor = actors[a.ActorKey], ActorId = actors[a.ActorKey].Id, Role = a.Role }));
        initiative.Sdgs.AddRange(seed.Sdgs.Select((goal, i) => new InitiativeSdg { GoalCode = goal, IsPrimary = i == 0 }));
        initiative.Sectors.AddRange(seed.Sectors.Select(code => new InitiativeSector { SectorCode = code }));
        return initiative;
    }

    /// <summary>Demonstration assessments with scores, evidence and a response, once, using the framework's first version.</summary>
    private async Task SeedAssessmentsAsync(Dictionary<string, int> actorIds, CancellationToken cancellationToken)
    {
        if (await db.Assessments.AnyAsync(cancellationToken)) return;
        var framework = await db.AssessmentFrameworks.OrderBy(f => f.Version).FirstAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (seed, index) in DemoData.Assessments.Select((seed, index) => (seed, index)))
        {
            var initiative = await db.Initiatives.Where(i => i.Title.StartsWith(seed.InitiativeTitle)).Select(i => new { i.Id, i.PublishedAt }).FirstOrDefaultAsync(cancellationToken);
            if (initiative?.PublishedAt is null || !actorIds.TryGetValue(seed.AssessorKey, out var assessorId)) continue;
            var official = seed.Relationship == AssessorRelationship.Party;
            var at = now.AddDays(-20 + index);
            var assessment = new Assessment
            {
                InitiativeId = initiative.Id, AssessorId = assessorId, FrameworkId = framework.Id, Relationship = seed.Relationship,
                Perspective = Assessment.PerspectiveOf(official ? OrganisationKind.Official : OrganisationKind.CivilSociety, seed.Relationship),
                Methods = seed.Methods.ToList(), Findings = seed.Findings, Recommendations = seed.Recommendations.Length == 0 ? null : seed.Recommendations,
                ConflictOfInterest = official ? "A party to the initiative assessing its own work." : "None.", CreatedAt = at.AddDays(-10), UpdatedAt = at,
            };
            foreach (var (dimension, d) in framework.Dimensions.Select((dimension, d) => (dimension, d)))
            {
                foreach (var (indicator, i) in dimension.Indicators.Select((indicator, i) => (indicator, i)))
                {
                    var score = seed.DimensionScores[d] is { } s ? Math.Max(0, s - (i == dimension.Indicators.Count - 1 ? 1 : 0)) : (int?)null;
                    assessment.Answers.Add(new AssessmentAnswer
                    {
                        IndicatorCode = indicator.Code, Kind = score is null ? AnswerKind.InsufficientInformation : AnswerKind.Scored, Score = score,
                        Confidence = score is null ? null : Confidence.Medium,
                        Justification = score is null ? "The documents needed to answer were not shared with us." : $"{seed.Evidence}: what rights-holders and documents showed on this question.",
                    });
                    if (score is not null)
                        assessment.Evidence.Add(new AssessmentEvidence { IndicatorCode = indicator.Code, Type = official ? EvidenceType.Document : EvidenceType.Testimony, Description = seed.Evidence });
                }
            }
            assessment.Consultations.Add(new AssessmentConsultation { Group = RightsHolderGroup.Farmers, Women = 14, Men = 9 });
            assessment.Consultations.Add(new AssessmentConsultation { Group = RightsHolderGroup.Youth, Unspecified = 6 });
            if (seed.Published) assessment.Publish(framework, at);
            db.Assessments.Add(assessment);
            await db.SaveChangesAsync(cancellationToken);
            if (!seed.Published) continue;
            db.AssessmentScores.AddRange(AssessmentScoring.Rows(framework, assessment.Answers).Select(row => { row.AssessmentId = assessment.Id; return row; }));
            if (seed.Response is { } text && seed.ResponderKey is { } responder && actorIds.TryGetValue(responder, out var responderId))
                db.AssessmentResponses.Add(new AssessmentResponse { AssessmentId = assessment.Id, ResponderId = responderId, Text = text, PublishedAt = at.AddDays(3) });
            await db.SaveChangesAsync(cancellationToken);
        }
        // A few initiatives say which principles they apply, so that assessments have a claim to test.
        var claims = await db.Initiatives.Where(i => i.Title.StartsWith("Cooperación triangular Perú") || i.Title.StartsWith("Mexico–Germany–Guatemala")).ToListAsync(cancellationToken);
        foreach (var initiative in claims)
            foreach (var code in new[] { "national-ownership", "mutual-benefit", "mutual-accountability" })
                db.Set<InitiativePrinciple>().Add(new InitiativePrinciple { InitiativeId = initiative.Id, PrincipleCode = code });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Loaded {Count} demonstration assessments", DemoData.Assessments.Length);
    }

    private async Task SeedAccountsAsync(Dictionary<string, int> actorIds, CancellationToken cancellationToken)
    {
        foreach (var role in PlatformRoles.All)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)));

        foreach (var account in Accounts)
        {
            if (await users.FindByEmailAsync(account.Email) is not null) continue;
            var user = new ApplicationUser
            {
                UserName = account.Email, Email = account.Email, EmailConfirmed = true,
                DisplayName = account.Description, CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            Check(await users.CreateAsync(user, Password));
            if (account.PlatformRole is { } platformRole) Check(await users.AddToRoleAsync(user, platformRole));
            if (account.ActorKey is { } key && actorIds.TryGetValue(key, out var actorId))
            {
                db.Memberships.Add(new OrganisationMembership
                {
                    UserId = user.Id, ActorId = actorId, Role = account.Role ?? MembershipRole.Member,
                    Status = MembershipStatus.Active, CreatedAt = user.CreatedAt, DecidedAt = user.CreatedAt,
                });
                await db.SaveChangesAsync(cancellationToken);
            }
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Demonstration accounts could not be created: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
