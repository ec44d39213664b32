using Microsoft.Extensions.Localization;
using SscPortal.Domain;

namespace SscPortal.Web.Calls;

/// <summary>How a refused start or submission of an application is stored in the audit log (read back by Localization/AuditText.cs).</summary>
public static class ApplicationRefusals
{
    public static string Detail(string action, int organisationId, IEnumerable<RuleViolation> reasons) =>
        FormattableString.Invariant($"refused={action}; organisation={organisationId}; reasons={string.Join(",", reasons.Select(r => r.Code).Distinct())}");
}

/// <summary>The words applicants read for a call's kind, an application's state, a decision and a kind of question.</summary>
public static class ApplicationLabels
{
    public static LocalizedString Kind(CallKind kind, IStringLocalizer<SharedResource> L) => kind switch
    {
        CallKind.Funding => L["Funding call"],
        CallKind.GoodPractice => L["Call for good practices"],
        _ => L["Call for network members"],
    };

    public static LocalizedString State(ApplicationState state, IStringLocalizer<SharedResource> L) =>
        state == ApplicationState.Submitted ? L["Submitted"] : L["Draft"];

    public static LocalizedString Decision(CallDecision decision, IStringLocalizer<SharedResource> L) => decision switch
    {
        CallDecision.Selected => L["Selected"],
        CallDecision.Reserve => L["On the reserve list"],
        _ => L["Not selected"],
    };

    /// <summary>What a rule says about an application, with the amounts' own wording.</summary>
    public static string Rule(RuleCode code, IStringLocalizer<SharedResource> L) => code switch
    {
        RuleCode.AmountOutOfRange => L["Enter an amount of at least zero and below a trillion."],
        RuleCode.TitleRequired => L["Give the application a title."],
        _ => Localization.RuleMessages.For(code, L, RecordType.CallApplication),
    };
}
