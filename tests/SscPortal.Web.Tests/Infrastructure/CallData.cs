using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;

namespace SscPortal.Web.Tests.Infrastructure;

/// <summary>Calls, applications and reviews made for a test, through the portal's own DbContext and the domain's rules.</summary>
public static class CallData
{
    /// <summary>
    /// A call's content: open from <paramref name="opensAt"/> (a day ago) to <paramref name="closesAt"/> (a week ahead), with a
    /// required short question, an optional long one limited to 200 characters, a choice, and two criteria weighted 2 and 1.
    /// </summary>
    public static CallContent Content(string title, CallKind kind = CallKind.Funding, DateTime? opensAt = null, DateTime? closesAt = null,
        IReadOnlyList<ActorType>? eligibleTypes = null, IReadOnlyList<string>? countries = null, IReadOnlyList<string>? regions = null,
        int minPartners = 0, IReadOnlyList<ActorType>? partnerTypes = null, IReadOnlyList<CallQuestion>? questions = null, bool publishScores = false) =>
        new(kind, title, "Local governments of the South apply, with universities and CSOs as partners, for support of South-South projects.", "en",
            eligibleTypes ?? [], countries ?? [], regions ?? [], minPartners, partnerTypes ?? [],
            opensAt ?? DateTime.UtcNow.AddDays(-1), closesAt ?? DateTime.UtcNow.AddDays(7), "America/Montevideo",
            kind == CallKind.Funding ? 10000m : null, kind == CallKind.Funding ? "USD" : null, kind == CallKind.Funding ? 50 : null, ["es", "pt", "en"],
            kind == CallKind.Network ? "South-South Global Thinkers Network" : null, 5, publishScores, [],
            questions ??
            [
                new CallQuestion { Kind = QuestionKind.ShortText, Label = "Project title in Spanish", Required = true },
                new CallQuestion { Kind = QuestionKind.LongText, Label = "What will the partners learn from each other?", MaxLength = 200 },
                new CallQuestion { Kind = QuestionKind.Choice, Label = "Main theme", Choices = ["Governance", "Climate", "Culture"] },
            ],
            [
                new CallCriterion { Name = "Horizontality", Guide = "0: one side teaches; 5: both learn", Weight = 2 },
                new CallCriterion { Name = "Transferability", Guide = "0: not transferable; 5: ready to transfer", Weight = 1 },
            ]);

    /// <summary>A call of <paramref name="owner"/>, published unless <paramref name="published"/> is false (then a draft).</summary>
    public static Task<int> CallAsync(this PortalFactory portal, Actor owner, CallContent? content = null, bool published = true) =>
        portal.WithDatabaseAsync(async db =>
        {
            var call = new CooperationCall { Title = "", Text = "", OwnerId = owner.Id, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            call.Apply(content ?? Content(TestData.Unique("Test call")));
            if (published) call.Publish(DateTime.UtcNow.AddDays(-1) < call.ClosesAt ? DateTime.UtcNow.AddDays(-1) : call.ClosesAt.AddSeconds(-1));
            db.Calls.Add(call);
            await db.SaveChangesAsync();
            return call.Id;
        });

    /// <summary>
    /// An application of <paramref name="applicant"/> to the call, answering every question (the required one, and the choice
    /// with its first option), asking USD 4,000 of USD 10,000; submitted (the clock set inside the call's window) unless asked not to.
    /// </summary>
    public static Task<int> ApplicationAsync(this PortalFactory portal, int callId, Actor applicant, bool submitted = true, string? title = null,
        IReadOnlyList<Actor>? confirmedPartners = null) =>
        portal.WithDatabaseAsync(async db =>
        {
            var call = await db.Calls.Include(c => c.Questions).Include(c => c.Criteria).SingleAsync(c => c.Id == callId);
            var application = new CallApplication { CallId = callId, ApplicantId = applicant.Id, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            var answers = call.Questions.Select(q => new ApplicationAnswer
            {
                QuestionId = q.Id,
                Text = q.Kind switch
                {
                    QuestionKind.Choice => q.Choices[0],
                    QuestionKind.ShortText or QuestionKind.LongText => "Peer learning between two municipalities",
                    _ => null,
                },
                Number = q.Kind is QuestionKind.Number or QuestionKind.Money ? 100 : null,
                Currency = q.Kind == QuestionKind.Money ? "USD" : null,
            }).ToList();
            application.Apply(call, title ?? TestData.Unique("Test application"), "Two cities learn participatory budgeting from each other.", 4000m, 10000m, answers);
            foreach (var partner in confirmedPartners ?? [])
                application.Partners.Add(new ApplicationPartner { OrganisationId = partner.Id, InvitedAt = DateTime.UtcNow, Confirmed = true, ConfirmedAt = DateTime.UtcNow, ConfirmedByUserId = "test-user" });
            if (submitted)
            {
                var country = applicant.CountryCode;
                var at = DateTime.UtcNow < call.ClosesAt ? DateTime.UtcNow : call.ClosesAt.AddSeconds(-1);
                var partnerTypes = (confirmedPartners ?? []).Select(p => p.Type).ToList();
                db.CallApplications.Add(application);
                await db.SaveChangesAsync();
                application.Submit(call, new Applicant(applicant.Id, applicant.Type, country, [], true), partnerTypes, "test-user", at);
            }
            else db.CallApplications.Add(application);
            await db.SaveChangesAsync();
            return application.Id;
        });

    /// <summary>Names <paramref name="userId"/> an active reviewer of the call, for <paramref name="organisation"/>.</summary>
    public static Task<int> ReviewerAsync(this PortalFactory portal, int callId, string userId, Actor organisation) =>
        portal.WithDatabaseAsync(async db =>
        {
            var reviewer = new CallReviewer { CallId = callId, UserId = userId, OrganisationId = organisation.Id, State = ReviewerState.Active, InvitedAt = DateTime.UtcNow, AnsweredAt = DateTime.UtcNow };
            db.CallReviewers.Add(reviewer);
            await db.SaveChangesAsync();
            return reviewer.Id;
        });

    /// <summary>A submitted review by the reviewer, scoring the call's criteria in order with <paramref name="scores"/>.</summary>
    public static Task<int> ReviewAsync(this PortalFactory portal, int reviewerId, int applicationId, params int[] scores) =>
        portal.WithDatabaseAsync(async db =>
        {
            var application = await db.CallApplications.SingleAsync(a => a.Id == applicationId);
            var call = await db.Calls.Include(c => c.Criteria).SingleAsync(c => c.Id == application.CallId);
            var review = Review.Declare(reviewerId, applicationId, conflict: false, null, DateTime.UtcNow);
            review.Score(call, call.Criteria.OrderBy(c => c.Position).Select((c, i) => new ReviewScore { CriterionId = c.Id, Score = scores[i], Comment = "Seen in the proposal." }).ToList());
            review.Submit(call, DateTime.UtcNow);
            db.Reviews.Add(review);
            await db.SaveChangesAsync();
            return review.Id;
        });

    /// <summary>Moves the call's deadline a minute into the past (as if time had passed).</summary>
    public static Task CloseCallAsync(this PortalFactory portal, int callId) =>
        portal.WithDatabaseAsync(async db =>
        {
            var call = await db.Calls.SingleAsync(c => c.Id == callId);
            call.ClosesAt = DateTime.UtcNow.AddMinutes(-1);
            if (call.OpensAt >= call.ClosesAt) call.OpensAt = call.ClosesAt.AddDays(-7);
            await db.SaveChangesAsync();
            return 0;
        });
}
