using Microsoft.Extensions.Localization;

namespace SscPortal.Web.Import;

/// <summary>What a problem of an uploaded IATI file means, in the reader's language.</summary>
public static class ImportText
{
    public static string For(ImportProblem problem, IStringLocalizer L)
    {
        var text = problem.Code switch
        {
            ImportProblemCode.NotXml => L["This is not an XML file, or its XML is broken."],
            ImportProblemCode.DoctypeRefused => L["The file declares a DOCTYPE (a DTD or entities), which is refused for safety: remove the DOCTYPE line and upload it again."],
            ImportProblemCode.NotActivityFile => L["This is not an IATI activity file: its first element must be iati-activities."],
            ImportProblemCode.UnsupportedVersion => L["Only IATI versions 2.01, 2.02 and 2.03 can be imported."],
            ImportProblemCode.FileTooLarge => L["The files are larger than the import accepts."],
            ImportProblemCode.TooManyActivities => L["The file has more activities than one upload accepts; split it into smaller files."],
            ImportProblemCode.SchemaInvalid => L["Not valid against the IATI schema."],
            ImportProblemCode.IdentifierMissing => L["The activity has no iati-identifier."],
            ImportProblemCode.IdentifierRepeated => L["Another activity of this upload has the same iati-identifier."],
            ImportProblemCode.ReportingOrganisationNotYours => L["The reporting organisation is not the organisation you import for."],
            ImportProblemCode.IdentifierOfAnotherOrganisation => L["An initiative of another organisation already has this iati-identifier."],
            ImportProblemCode.IdentifierNotOfReporter => L["The iati-identifier does not begin with the reporting organisation's identifier (IATI rule 1.1.21)."],
            ImportProblemCode.TitleMissing => L["The activity has no title."],
            ImportProblemCode.UnknownCode => L["A code is not in its IATI code list."],
            ImportProblemCode.TextTooLong => L["A text is longer than the portal keeps."],
            ImportProblemCode.DatesInconsistent => L["The dates do not hold together: an end before its start, or an actual date still in the future."],
            ImportProblemCode.RegionNotRecorded => L["Recipient regions are shown here but not recorded: the portal records countries."],
            ImportProblemCode.LanguageNotKept => L["Texts in a language the portal does not offer are not kept."],
            ImportProblemCode.CurrencySummed => L["Amounts in several currencies were summed per currency."],
            ImportProblemCode.ElementNotKept => L["An element the portal does not record is not kept."],
            ImportProblemCode.SummaryShortened => L["The description was too long for a summary: its first paragraph is the summary, the rest the description."],
            _ => L["A problem of the file."],
        };
        return text.Value;
    }

    /// <summary>The problem with where it is: "Line 12: …", and the element or value it is about.</summary>
    public static string WithLine(ImportProblem problem, IStringLocalizer L) =>
        (problem.Line > 0 ? L["Line {0}:", problem.Line].Value + " " : "") + For(problem, L) + (string.IsNullOrWhiteSpace(problem.Detail) ? "" : $" ({problem.Detail})");
}
