using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Calls;

/// <summary>What a good practice's own rules (<see cref="GoodPractice.Check"/>, publishing) say, in the words of a good practice.</summary>
public static class GoodPracticeMessages
{
    public static string For(RuleViolation violation, IStringLocalizer<SharedResource> L) => violation.Code switch
    {
        RuleCode.TitleRequired => L["Give the good practice a title."],
        RuleCode.DescriptionRequired => L["Describe the practice: what was done, and how."],
        RuleCode.TextTooLong => L["Use at most {0} characters.", violation.Field == nameof(GoodPractice.Title) ? GoodPractice.TitleLength : GoodPractice.TextLength],
        _ => RuleMessages.For(violation.Code, L, RecordType.GoodPractice),
    };
}
