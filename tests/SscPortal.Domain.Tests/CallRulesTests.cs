using SscPortal.Domain;

namespace SscPortal.Domain.Tests;

/// <summary>A call's own rules, who may apply, what an application lacks, when it may be submitted, and its fingerprint.</summary>
public class CallRulesTests
{
    private static readonly DateTime Opens = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Closes = new(2026, 4, 30, 23, 59, 59, DateTimeKind.Utc);

    private static CooperationCall Call(CallKind kind = CallKind.Funding, IReadOnlyList<ActorType>? types = null, IReadOnlyList<string>? countries = null,
        IReadOnlyList<string>? regions = null, int minPartners = 0, IReadOnlyList<ActorType>? partnerTypes = null, IReadOnlyList<CallQuestion>? questions = null,
        IReadOnlyList<CallCriterion>? criteria = null, string zone = "America/Montevideo", DateTime? closes = null)
    {
        var call = new CooperationCall { Id = 7, Title = "", Text = "", OwnerId = 1 };
        call.Apply(new CallContent(kind, "Call for projects", "Local governments apply with partners.", "en", types ?? [], countries ?? [], regions ?? [],
            minPartners, partnerTypes ?? [], Opens, closes ?? Closes, zone, kind == CallKind.Funding ? 10000m : null, kind == CallKind.Funding ? "usd" : null,
            kind == CallKind.Funding ? 50 : null, ["es", "pt"], kind == CallKind.Network ? "Thinkers network" : null, 5, false, [],
            questions ??
            [
                new CallQuestion { Id = 11, Kind = QuestionKind.ShortText, Label = "Title in Spanish", Required = true },
                new CallQuestion { Id = 12, Kind = QuestionKind.LongText, Label = "What will each side learn?", MaxLength = 20 },
                new CallQuestion { Id = 13, Kind = QuestionKind.Choice, Label = "Theme", Choices = ["Governance", "Climate"] },
                new CallQuestion { Id = 14, Kind = QuestionKind.Money, Label = "Own contribution" },
            ],
            criteria ?? [new CallCriterion { Id = 21, Name = "Horizontality", Weight = 2 }, new CallCriterion { Id = 22, Name = "Feasibility", Weight = 1 }]));
        return call;
    }

    private static readonly Applicant Montevideo = new(2, ActorType.LocalGovernment, "UY", ["america-south"], Verified: true);

    private static CallApplication Complete(CooperationCall call, decimal requested = 4000m, decimal total = 10000m)
    {
        var application = new CallApplication { Id = 3, CallId = call.Id, ApplicantId = Montevideo.Id };
        application.Apply(call, "Participatory budgeting", "Two cities learn from each other.", requested, total,
            [new ApplicationAnswer { QuestionId = 11, Text = "Presupuesto participativo" }, new ApplicationAnswer { QuestionId = 13, Text = "Governance" }]);
        return application;
    }

    [Fact]
    public void A_complete_call_has_no_problems_and_keeps_its_lists_tidy()
    {
        var call = Call(countries: ["uy", "AR", "UY"]);
        Assert.Empty(call.Check());
        Assert.Equal(["AR", "UY"], call.EligibleCountries);
        Assert.Equal("USD", call.Currency);
    }

    [Fact]
    public void A_call_names_each_broken_rule_next_to_its_field()
    {
        var call = Call(zone: "Mars/Olympus", closes: Opens.AddHours(-1),
            questions: [new CallQuestion { Kind = QuestionKind.Choice, Label = "", Choices = ["Only one"] }, new CallQuestion { Kind = QuestionKind.LongText, Label = "Essay", MaxLength = 0 }],
            criteria: [new CallCriterion { Name = "Horizontality", Weight = 0 }]);
        var problems = call.Check().Select(p => (p.Field, p.Code)).ToList();
        Assert.Contains(("TimeZone", RuleCode.UnknownTimeZone), problems);
        Assert.Contains(("ClosesAt", RuleCode.ClosesBeforeOpening), problems);
        Assert.Contains(("Questions[0].Label", RuleCode.QuestionLabelRequired), problems);
        Assert.Contains(("Questions[0].Choices", RuleCode.ChoicesRequired), problems);
        Assert.Contains(("Questions[1].MaxLength", RuleCode.LengthLimitOutOfRange), problems);
        Assert.Contains(("Criteria[0].Weight", RuleCode.WeightOutOfRange), problems);
        Assert.Contains(("Criteria", RuleCode.CriteriaRequired), Call(criteria: []).Check().Select(p => (p.Field, p.Code)));
        Assert.Contains(("NetworkName", RuleCode.NetworkNameRequired), NetworkWithoutName().Check().Select(p => (p.Field, p.Code)));
    }

    private static CooperationCall NetworkWithoutName()
    {
        var call = Call(CallKind.Network);
        call.NetworkName = null;
        return call;
    }

    [Fact]
    public void Questions_and_criteria_keep_their_ids_when_the_form_names_them_and_others_are_removed()
    {
        var call = Call();
        call.Apply(new CallContent(CallKind.Funding, "Call", "Text", "en", [], [], [], 0, [], Opens, Closes, "UTC", 10000m, "USD", 50, [], null, 5, false, [],
            [new CallQuestion { Id = 13, Kind = QuestionKind.Choice, Label = "Theme (changed)", Choices = ["A", "B"] }, new CallQuestion { Kind = QuestionKind.Number, Label = "New" }],
            [new CallCriterion { Id = 22, Name = "Feasibility", Weight = 3 }]));
        Assert.Equal([13, 0], call.Questions.OrderBy(q => q.Position).Select(q => q.Id));
        Assert.Equal("Theme (changed)", call.Questions.Single(q => q.Id == 13).Label);
        Assert.Equal(22, Assert.Single(call.Criteria).Id);
    }

    [Theory]
    [InlineData(ActorType.LocalGovernment, "UY", true, null)]
    [InlineData(ActorType.NationalCso, "UY", true, RuleCode.KindNotEligible)]
    [InlineData(ActorType.LocalGovernment, "KE", true, RuleCode.PlaceNotEligible)]
    [InlineData(ActorType.LocalGovernment, "UY", false, RuleCode.OrganisationNotVerified)]
    public void Eligibility_is_decided_by_kind_place_and_verification_with_the_reason(ActorType type, string country, bool verified, RuleCode? reason)
    {
        var call = Call(types: [ActorType.LocalGovernment], countries: ["UY", "AR"]);
        var regions = country == "KE" ? new[] { "africa-subsaharan" } : ["america-south"];
        var problems = CallEligibility.Check(call, new Applicant(2, type, country, regions, verified));
        if (reason is null) Assert.Empty(problems);
        else Assert.Equal(reason, Assert.Single(problems).Code);
    }

    [Fact]
    public void A_region_opens_the_call_to_its_countries_and_no_organisation_applies_to_its_own_call()
    {
        var call = Call(regions: ["america-south"]);
        Assert.Empty(CallEligibility.Check(call, Montevideo with { CountryCode = "PY" }));
        Assert.Equal(RuleCode.PlaceNotEligible, Assert.Single(CallEligibility.Check(call, Montevideo with { CountryCode = "KE", Regions = ["africa-subsaharan"] })).Code);
        Assert.Equal(RuleCode.OwnCall, Assert.Single(CallEligibility.Check(Call(), Montevideo with { Id = 1 })).Code);
    }

    [Fact]
    public void What_is_still_missing_names_required_answers_limits_amounts_and_partners()
    {
        var call = Call(minPartners: 1, partnerTypes: [ActorType.Academia]);
        var application = new CallApplication { CallId = call.Id, ApplicantId = 2 };
        application.Apply(call, "", null, 6000m, 10000m,
            [new ApplicationAnswer { QuestionId = 12, Text = new string('x', 21) }, new ApplicationAnswer { QuestionId = 13, Text = "Sport" }, new ApplicationAnswer { QuestionId = 14, Number = 50 }]);
        var missing = application.Missing(call, [ActorType.NationalCso]).Select(p => (p.Field, p.Code)).ToList();
        Assert.Contains(("Title", RuleCode.TitleRequired), missing);
        Assert.Contains(("Answers[11]", RuleCode.AnswerRequired), missing);
        Assert.Contains(("Answers[12]", RuleCode.AnswerTooLong), missing);
        Assert.Contains(("Answers[13]", RuleCode.NotAChoice), missing);
        Assert.Contains(("Answers[14]", RuleCode.AmountNeedsCurrency), missing);
        Assert.Contains(("RequestedAmount", RuleCode.AboveCostShare), missing);
        Assert.Contains(("Partners", RuleCode.PartnerNotEligible), missing);
        Assert.Contains(("Partners", RuleCode.PartnersRequired), application.Missing(call, []).Select(p => (p.Field, p.Code)));
        Assert.Contains(("RequestedAmount", RuleCode.AboveMaximumAmount), Complete(Call(), requested: 12000m, total: 30000m).Missing(Call(), []).Select(p => (p.Field, p.Code)));
        Assert.Empty(Complete(Call()).Missing(Call(), []));
    }

    [Fact]
    public void An_application_is_submitted_up_to_the_deadline_second_and_not_one_second_later()
    {
        var call = Call();
        call.Publish(Opens.AddDays(-1));
        var late = Complete(call);
        var refused = Assert.Throws<RuleViolationException>(() => late.Submit(call, Montevideo, [], "user", Closes.AddSeconds(1)));
        Assert.Equal(RuleCode.DeadlinePassed, refused.Code);
        Assert.False(late.IsSubmitted);
        Assert.Equal(RuleCode.CallNotOpen, Assert.Throws<RuleViolationException>(() => Complete(call).Submit(call, Montevideo, [], "user", Opens.AddSeconds(-1))).Code);

        var onTime = Complete(call);
        onTime.Submit(call, Montevideo, [], "user", Closes);
        Assert.True(onTime.IsSubmitted);
        Assert.Matches("^[0-9a-f]{64}$", onTime.Fingerprint!);
        Assert.Equal(RuleCode.ApplicationFrozen, Assert.Throws<RuleViolationException>(() => onTime.Apply(call, "Changed", null, 1m, 2m, [])).Code);
        Assert.Equal(RuleCode.ApplicationFrozen, Assert.Throws<RuleViolationException>(() => onTime.Submit(call, Montevideo, [], "user", Closes)).Code);
    }

    [Fact]
    public void An_ineligible_or_incomplete_application_is_refused_with_every_reason()
    {
        var call = Call(types: [ActorType.LocalGovernment]);
        call.Publish(Opens.AddDays(-1));
        var ineligible = Assert.Throws<RuleViolationException>(() => Complete(call).Submit(call, Montevideo with { Type = ActorType.NationalCso }, [], "user", Opens.AddDays(1)));
        Assert.Equal(RuleCode.KindNotEligible, ineligible.Code);
        var incomplete = new CallApplication { CallId = call.Id, ApplicantId = 2 };
        var refused = Assert.Throws<RuleViolationException>(() => incomplete.Submit(call, Montevideo, [], "user", Opens.AddDays(1)));
        Assert.Contains(refused.Violations, v => v.Code == RuleCode.AnswerRequired);
        Assert.Contains(refused.Violations, v => v.Code == RuleCode.TitleRequired);
    }

    [Fact]
    public void The_fingerprint_depends_on_what_was_submitted_and_nothing_else()
    {
        var call = Call();
        var a = Complete(call);
        var b = Complete(call);
        b.CreatedAt = DateTime.UtcNow;
        Assert.Equal(a.FingerprintOf(call), b.FingerprintOf(call));
        var c = Complete(call, requested: 4001m);
        Assert.NotEqual(a.FingerprintOf(call), c.FingerprintOf(call));
        a.Partners.Add(new ApplicationPartner { OrganisationId = 9, Confirmed = true });
        Assert.NotEqual(b.FingerprintOf(call), a.FingerprintOf(call));
    }

    [Fact]
    public void The_deadline_only_moves_later_and_results_need_every_decision_after_the_deadline()
    {
        var call = Call();
        call.Publish(Opens.AddDays(-1));
        Assert.Equal(RuleCode.ExtensionNotLater, Assert.Throws<RuleViolationException>(() => call.ExtendDeadline(Closes.AddDays(-1), Opens)).Code);
        call.ExtendDeadline(Closes.AddDays(7), Opens);
        Assert.Equal(Closes.AddDays(7), call.ClosesAt);

        var application = Complete(call);
        application.Submit(call, Montevideo, [], "user", Opens.AddDays(1));
        Assert.Equal(RuleCode.CallStillOpen, Assert.Throws<RuleViolationException>(() => application.Decide(call, CallDecision.Selected, null, Opens.AddDays(2))).Code);
        var after = call.ClosesAt.AddDays(1);
        Assert.Equal(RuleCode.UndecidedApplications, Assert.Throws<RuleViolationException>(() => call.PublishResults([application], after)).Code);
        application.Decide(call, CallDecision.Selected, "  Well argued.  ", after);
        Assert.Equal("Well argued.", application.Feedback);
        Assert.Equal(RuleCode.ResultsNotPublished, Assert.Throws<RuleViolationException>(() => application.Converted(call, initiativeId: 5)).Code);
        call.PublishResults([application], after);
        Assert.Equal(RuleCode.ResultsAlreadyPublished, Assert.Throws<RuleViolationException>(() => application.Decide(call, CallDecision.Reserve, null, after)).Code);
        application.Converted(call, initiativeId: 5);
        Assert.Equal(RuleCode.AlreadyConverted, Assert.Throws<RuleViolationException>(() => application.Converted(call, initiativeId: 6)).Code);
    }

    [Fact]
    public void Local_times_are_read_in_the_calls_time_zone()
    {
        Assert.True(CallTimeZones.IsKnown("America/Montevideo"));
        Assert.False(CallTimeZones.IsKnown("Not/AZone"));
        Assert.Equal(new DateTime(2026, 5, 1, 2, 59, 0, DateTimeKind.Utc), CallTimeZones.ToUtc(new DateTime(2026, 4, 30, 23, 59, 0), "America/Montevideo"));
        Assert.Equal(new DateTime(2026, 4, 30, 23, 59, 0), CallTimeZones.ToLocal(new DateTime(2026, 5, 1, 2, 59, 0, DateTimeKind.Utc), "America/Montevideo"));
    }
}
