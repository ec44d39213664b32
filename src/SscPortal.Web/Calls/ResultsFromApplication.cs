using SscPortal.Domain;

namespace SscPortal.Web.Calls;

/// <summary>
/// What a selected application becomes once the results are published, pre-filled from it and left for its organisation to
/// complete: a draft initiative (funding calls) or a draft good practice (good-practice calls).
/// </summary>
public static class ResultsFromApplication
{
    /// <summary>
    /// A draft initiative of the applicant: the application's title, its summary (as summary and description), the applicant
    /// leading, its confirmed partners implementing, the call's organisation funding with the amount asked for.
    /// </summary>
    public static Initiative Initiative(CooperationCall call, CallApplication application, DateTime now)
    {
        var summary = application.Summary ?? application.Title;
        var initiative = new Initiative
        {
            Title = Clip(application.Title, CallApplication.TitleLength),
            Summary = Clip(summary, 2000),
            Description = application.Summary,
            Language = call.Language,
            Modality = Modality.Bilateral,
            Instrument = Instrument.Project,
            Status = ActivityStatus.Pipeline,
            OwnerId = application.ApplicantId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        initiative.Actors.Add(new InitiativeActor { ActorId = application.ApplicantId, Role = ActorRole.Lead });
        var partners = application.Partners.Where(p => p.Confirmed && p.OrganisationId != application.ApplicantId).Select(p => p.OrganisationId).Distinct().Order().ToList();
        foreach (var partner in partners)
            initiative.Actors.Add(new InitiativeActor { ActorId = partner, Role = ActorRole.Implementing });
        if (call.OwnerId != application.ApplicantId && !partners.Contains(call.OwnerId))
            initiative.Actors.Add(new InitiativeActor { ActorId = call.OwnerId, Role = ActorRole.Funding });
        if (application.RequestedAmount is { } amount && call.Currency is { } currency)
            initiative.Contributions.Add(new InitiativeContribution { ActorId = call.OwnerId, Kind = ContributionKind.Money, Amount = amount, Currency = currency });
        if (partners.Count >= 2) initiative.Modality = Modality.Regional;
        return initiative;
    }

    /// <summary>
    /// A draft good practice of the applicant: the application's title, its summary as the practice, the applicant's country,
    /// the initiative an Initiative question's answer named (if any); linked to the call and the application.
    /// </summary>
    public static GoodPractice GoodPractice(CooperationCall call, CallApplication application, string? countryCode, DateTime now)
    {
        var initiativeQuestion = call.Questions.Where(q => q.Kind == QuestionKind.Initiative).OrderBy(q => q.Position).Select(q => (int?)q.Id).ToList();
        var linked = application.Answers.Where(a => a.InitiativeId is not null && initiativeQuestion.Contains(a.QuestionId))
            .OrderBy(a => initiativeQuestion.IndexOf(a.QuestionId)).Select(a => a.InitiativeId).FirstOrDefault();
        var practice = new GoodPractice { OwnerId = application.ApplicantId, CallId = call.Id, ApplicationId = application.Id, CreatedAt = now, UpdatedAt = now };
        practice.Apply(new GoodPracticeContent(Clip(application.Title, Domain.GoodPractice.TitleLength), Clip(application.Summary ?? application.Title, Domain.GoodPractice.TextLength),
            null, null, null, null, call.Language, [], countryCode is null ? [] : [countryCode], linked));
        return practice;
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
