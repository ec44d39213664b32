using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;

namespace SscPortal.Web.Data.Seed;

public sealed partial class DemoDataSeeder
{
    /// <summary>
    /// The demonstration calls (<see cref="DemoData.Calls"/>) with their applications, reviewers, reviews and decisions, and
    /// the good practices (<see cref="DemoData.GoodPractices"/>), through the same domain rules as anyone's; added once, also
    /// to a database seeded before calls existed. A call with published results carries its selected applications forward:
    /// a funding call's become initiatives (published, so that the results link to them).
    /// </summary>
    private async Task SeedCallsAsync(Dictionary<string, int> actorIds, CancellationToken cancellationToken)
    {
        var titles = DemoData.Calls.Select(c => c.Title).ToList();
        if (await db.Calls.AnyAsync(c => titles.Contains(c.Title), cancellationToken)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var actors = await db.Actors.AsNoTracking().Where(a => actorIds.Values.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var officer = await users.FindByEmailAsync("network.officer@example.org");
        var researcher = await users.FindByEmailAsync("reviewer@example.org");
        var initiatives = await db.Initiatives.Where(i => i.Publication == PublicationState.Published).Select(i => new { i.Id, i.OwnerId }).ToListAsync(cancellationToken);
        var applications = 0;

        foreach (var seed in DemoData.Calls.Where(c => actorIds.ContainsKey(c.OwnerKey)))
        {
            var opensAt = now.AddDays(-seed.OpenedDaysAgo).Date.AddHours(12);
            var closesAt = now.AddDays(seed.ClosesInDays).Date.AddHours(23).AddMinutes(59);
            var call = new CooperationCall { Title = "", Text = "", OwnerId = actorIds[seed.OwnerKey], CreatedAt = opensAt.AddDays(-5), UpdatedAt = opensAt };
            call.Apply(new CallContent(seed.Kind, seed.Title, seed.Text, seed.Language, seed.EligibleTypes, seed.EligibleCountries, [],
                seed.MinPartners, seed.PartnerTypes, opensAt, closesAt, seed.TimeZone, seed.MaxAmount, seed.Currency, seed.MaxSharePercent,
                seed.Languages, seed.NetworkName, seed.ScaleMax, seed.PublishScores, [],
                seed.Questions.Select(q => new CallQuestion { Kind = q.Kind, Label = q.Label, Help = q.Help, Required = q.Required, MaxLength = q.MaxLength, Choices = [.. q.Choices ?? []] }).ToList(),
                seed.Criteria.Select(c => new CallCriterion { Name = c.Name, Weight = c.Weight, Guide = c.Guide }).ToList()));
            if (call.Check() is { Count: > 0 } problems) throw new RuleViolationException(problems);
            call.Publish(opensAt.AddDays(-1));
            db.Calls.Add(call);
            await db.SaveChangesAsync(cancellationToken);

            // The network's officer reviews as a member of the call's organisation; the researcher was invited and accepted.
            CallReviewer? ownReviewer = null, invitedReviewer = null;
            if (seed.Applications.Any(a => a.OfficerScores is not null) && officer is not null && researcher is not null && actorIds.TryGetValue("bricspc", out var bricsId))
            {
                ownReviewer = new CallReviewer { CallId = call.Id, UserId = officer.Id, OrganisationId = call.OwnerId, State = ReviewerState.Active, InvitedAt = opensAt, AnsweredAt = opensAt };
                invitedReviewer = new CallReviewer { CallId = call.Id, UserId = researcher.Id, OrganisationId = bricsId, State = ReviewerState.Active, InvitedAt = opensAt, AnsweredAt = opensAt.AddDays(2) };
                db.CallReviewers.AddRange(ownReviewer, invitedReviewer);
                await db.SaveChangesAsync(cancellationToken);
            }

            var decided = new List<(CallApplication Application, DemoData.ApplicationSeed Seed)>();
            foreach (var (applicationSeed, index) in seed.Applications.Select((a, i) => (a, i)))
            {
                if (!actorIds.TryGetValue(applicationSeed.ApplicantKey, out var applicantId) || applicationSeed.PartnerKeys.Any(k => !actorIds.ContainsKey(k))) continue;
                var applicant = actors[applicantId];
                var startedAt = opensAt.AddDays(3 + index);
                var application = new CallApplication { CallId = call.Id, ApplicantId = applicantId, CreatedAt = startedAt, UpdatedAt = startedAt };
                var ordered = call.Questions.OrderBy(q => q.Position).ToList();
                var answers = applicationSeed.Answers.Select(a => new ApplicationAnswer { QuestionId = ordered[a.Key - 1].Id, Text = a.Value }).ToList();
                if (ordered.FirstOrDefault(q => q.Kind == QuestionKind.Initiative) is { } linked && initiatives.FirstOrDefault(i => i.OwnerId == applicantId) is { } own)
                    answers.Add(new ApplicationAnswer { QuestionId = linked.Id, InitiativeId = own.Id });
                application.Apply(call, applicationSeed.Title, applicationSeed.Summary, applicationSeed.Requested, applicationSeed.TotalCost, answers);
                foreach (var partnerKey in applicationSeed.PartnerKeys)
                    application.Partners.Add(new ApplicationPartner
                    {
                        OrganisationId = actorIds[partnerKey], InvitedAt = startedAt, Confirmed = applicationSeed.Submitted,
                        ConfirmedAt = applicationSeed.Submitted ? startedAt.AddDays(1) : null,
                    });
                db.CallApplications.Add(application);
                await db.SaveChangesAsync(cancellationToken);
                applications++;
                if (!applicationSeed.Submitted) continue;

                var partnerTypes = applicationSeed.PartnerKeys.Select(k => actors[actorIds[k]].Type).ToList();
                application.Submit(call, new Applicant(applicantId, applicant.Type, applicant.CountryCode, [], applicant.IsVerified), partnerTypes, null, startedAt.AddDays(10));
                await db.SaveChangesAsync(cancellationToken);

                var reviewedAt = closesAt.AddDays(3 + index);
                if (ownReviewer is not null && applicationSeed.OfficerScores is { } officerScores)
                    db.Reviews.Add(Scored(call, ownReviewer.Id, application.Id, officerScores, reviewedAt));
                if (invitedReviewer is not null)
                {
                    if (applicationSeed.ResearcherConflict)
                        db.Reviews.Add(Review.Declare(invitedReviewer.Id, application.Id, conflict: true, "I advised one of the partner organisations on this project.", reviewedAt));
                    else if (applicationSeed.ResearcherScores is { } researcherScores)
                        db.Reviews.Add(Scored(call, invitedReviewer.Id, application.Id, researcherScores, reviewedAt.AddHours(5)));
                }
                await db.SaveChangesAsync(cancellationToken);
                if (applicationSeed.Decision is not null) decided.Add((application, applicationSeed));
            }

            if (!seed.ResultsPublished) continue;
            var decidedAt = closesAt.AddDays(20);
            foreach (var (application, applicationSeed) in decided)
                application.Decide(call, applicationSeed.Decision!.Value, applicationSeed.Feedback, decidedAt);
            call.PublishResults(decided.Select(d => d.Application), decidedAt.AddDays(1));
            await db.SaveChangesAsync(cancellationToken);

            foreach (var (application, applicationSeed) in decided.Where(d => d.Seed.Decision == CallDecision.Selected))
            {
                var at = decidedAt.AddDays(3);
                switch (call.Kind)
                {
                    case CallKind.Funding:
                        var initiative = await InitiativeFromApplicationAsync(call, application, applicationSeed, actors, at, cancellationToken);
                        application.Converted(call, initiativeId: initiative.Id);
                        break;
                    case CallKind.Network:
                        db.NetworkMemberships.Add(new NetworkMembership { CallId = call.Id, OrganisationId = application.ApplicantId, ApplicationId = application.Id, Since = at });
                        application.Converted(call, joinedNetwork: true);
                        break;
                }
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        foreach (var (seed, index) in DemoData.GoodPractices.Select((g, i) => (g, i)).Where(x => actorIds.ContainsKey(x.g.OwnerKey)))
        {
            var at = now.AddDays(-30 + index);
            var practice = new GoodPractice { OwnerId = actorIds[seed.OwnerKey], CreatedAt = at.AddDays(-2), UpdatedAt = at };
            practice.Apply(new GoodPracticeContent(seed.Title, seed.Practice, seed.Context, seed.Results, seed.Transferable, seed.TransferableTo, seed.Language,
                seed.Themes, seed.Countries, null));
            practice.Publish(at);
            db.GoodPractices.Add(practice);
        }
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Loaded {Calls} demonstration calls with {Applications} applications, and {Practices} good practices",
            DemoData.Calls.Length, applications, DemoData.GoodPractices.Length);
    }

    private static Review Scored(CooperationCall call, int reviewerId, int applicationId, IReadOnlyList<int> scores, DateTime at)
    {
        var review = Review.Declare(reviewerId, applicationId, conflict: false, null, at);
        review.Score(call, call.Criteria.OrderBy(c => c.Position).Select((c, i) => new ReviewScore
        {
            CriterionId = c.Id, Score = scores[i], Comment = scores[i] >= 4 ? "Clearly shown in the proposal." : "Only partly shown in the proposal.",
        }).ToList());
        review.Submit(call, at);
        return review;
    }

    /// <summary>
    /// The initiative a selected funding application becomes: the applicant leads it with its partners implementing, the
    /// applicant's country and the partners' countries take part both ways (city-to-city learning), the call's contribution and
    /// the local co-financing recorded; published once the project started.
    /// </summary>
    private async Task<Initiative> InitiativeFromApplicationAsync(CooperationCall call, CallApplication application, DemoData.ApplicationSeed seed,
        Dictionary<int, Actor> actors, DateTime at, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(at);
        var parties = new[] { application.ApplicantId }.Concat(application.Partners.Select(p => p.OrganisationId)).ToList();
        var initiative = new Initiative
        {
            Title = application.Title, Summary = application.Summary ?? application.Title, Description = seed.Answers.GetValueOrDefault(1), Language = "en",
            Modality = parties.Select(p => actors[p].CountryCode).OfType<string>().Distinct().Count() >= 3 ? Modality.Regional : Modality.Bilateral, Instrument = Instrument.Project, Status = ActivityStatus.Implementation,
            ApprovalDate = today, PlannedStart = today, PlannedEnd = today.AddMonths(10), ActualStart = today,
            OwnerId = application.ApplicantId, CreatedAt = at, UpdatedAt = at,
        };
        var countries = parties.Select(p => actors[p].CountryCode).OfType<string>().Distinct().ToList();
        initiative.Countries.AddRange(countries.Select(c => new InitiativeCountry { CountryCode = c, Role = CountryRole.Both }));
        initiative.Actors.Add(new InitiativeActor { ActorId = application.ApplicantId, Role = ActorRole.Lead });
        initiative.Actors.AddRange(application.Partners.Select(p => new InitiativeActor { ActorId = p.OrganisationId, Role = ActorRole.Implementing }));
        initiative.Actors.Add(new InitiativeActor { ActorId = call.OwnerId, Role = ActorRole.Funding });
        if (application.RequestedAmount is { } requested)
            initiative.Contributions.Add(new InitiativeContribution { ActorId = call.OwnerId, Kind = ContributionKind.Money, Amount = requested, Currency = call.Currency });
        if (application.TotalCost is { } total && application.RequestedAmount is { } asked && total > asked)
            initiative.Contributions.Add(new InitiativeContribution { ActorId = application.ApplicantId, Kind = ContributionKind.Money, Amount = total - asked, Currency = call.Currency });
        initiative.Sdgs.Add(new InitiativeSdg { GoalCode = 11, IsPrimary = true });
        db.Initiatives.Add(initiative);
        await db.SaveChangesAsync(cancellationToken);
        initiative.Publish(at.AddDays(1));
        return initiative;
    }
}
