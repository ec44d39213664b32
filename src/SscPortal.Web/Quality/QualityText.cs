using System.Globalization;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;

namespace SscPortal.Web.Quality;

/// <summary>What each check is called, the rule behind it and what to do, in the reader's language; and where to fix a finding.</summary>
public static class QualityText
{
    public static string Title(QualityCheck check, IStringLocalizer<SharedResource> L) => check switch
    {
        QualityCheck.ActualDateInFuture => L["Actual date in the future"],
        QualityCheck.EndBeforeStart => L["End date before the start date"],
        QualityCheck.CurrencyInvalid => L["Money without a valid currency"],
        QualityCheck.TitleNotWritable => L["Title without readable text"],
        QualityCheck.TranslationLanguageRepeated => L["Two titles in the same language"],
        QualityCheck.SectorCodeInvalid => L["Sector code not in the DAC list"],
        QualityCheck.MissingActualEnd => L["Finished without an actual end date"],
        QualityCheck.MissingSectors => L["No sector"],
        QualityCheck.MissingSdgs => L["No Sustainable Development Goal"],
        QualityCheck.MoneyWithoutPeriod => L["Money without a period"],
        QualityCheck.NoRecipientCountry => L["No recipient country"],
        QualityCheck.LinkMalformed => L["Link that is not a web address"],
        QualityCheck.LeftOutOfIatiFile => L["Left out of the IATI file"],
        QualityCheck.BrokenLink => L["Broken link"],
        QualityCheck.UntranslatedTitle => L["Title in one language only"],
        QualityCheck.AssessmentWithoutResponse => L["Assessment without a response"],
        _ => check.ToString(),
    };

    /// <summary>The rule, as "How we check" states it.</summary>
    public static string Rule(QualityCheck check, IStringLocalizer<SharedResource> L, int brokenAfter, int responseDays) => check switch
    {
        QualityCheck.ActualDateInFuture => L["An actual start or end date is later than today. The IATI Validator refuses actual dates in the future."],
        QualityCheck.EndBeforeStart => L["A planned or actual end date comes before its start date. The IATI Validator refuses it."],
        QualityCheck.CurrencyInvalid => L["A contribution in money has no currency, or one that is not a three-letter ISO 4217 code. Every value in the IATI file must name its currency."],
        QualityCheck.TitleNotWritable => L["A title has no text once the characters an XML file cannot carry are left out. The IATI file would have an empty title."],
        QualityCheck.TranslationLanguageRepeated => L["A translation is in the record's own language, or two are in the same language. IATI allows one text per language."],
        QualityCheck.SectorCodeInvalid => L["A sector is not a five-digit OECD-DAC purpose code, as the IATI sector vocabulary requires."],
        QualityCheck.MissingActualEnd => L["The status is finalisation or closed, but there is no actual end date."],
        QualityCheck.MissingSectors => L["No OECD-DAC sector is given, so data users cannot find the record by sector."],
        QualityCheck.MissingSdgs => L["No Sustainable Development Goal is ticked."],
        QualityCheck.MoneyWithoutPeriod => L["There are contributions in money but no start and end date (planned or actual), so the IATI file cannot give any budget."],
        QualityCheck.NoRecipientCountry => L["No country is recorded as recipient, so the IATI file cannot say where the cooperation goes."],
        QualityCheck.LinkMalformed => L["A link is not a full web address starting with http:// or https://."],
        QualityCheck.LeftOutOfIatiFile => L["The organisation has not recorded its IATI organisation identifier and the portal has no IATI publisher identifier, so the IATI file leaves the record out."],
        QualityCheck.BrokenLink => L["The link checker found the address broken {0} times in a row (an error status, no answer, or not a public address).", brokenAfter],
        QualityCheck.UntranslatedTitle => L["The title is given in its original language only: readers of the portal's other languages see it untranslated. One translation is enough to pass."],
        QualityCheck.AssessmentWithoutResponse => L["A published assessment of the initiative has had no response from any official party {0} days after its publication.", responseDays],
        _ => check.ToString(),
    };

    public static string WhatToDo(QualityCheck check, IStringLocalizer<SharedResource> L) => check switch
    {
        QualityCheck.ActualDateInFuture => L["Correct the actual date, or give it as a planned date."],
        QualityCheck.EndBeforeStart => L["Correct the start or end date."],
        QualityCheck.CurrencyInvalid => L["Give the currency code, such as USD."],
        QualityCheck.TitleNotWritable => L["Write the title again in plain text."],
        QualityCheck.TranslationLanguageRepeated => L["Remove the repeated translation."],
        QualityCheck.SectorCodeInvalid => L["Pick the sector from the list."],
        QualityCheck.MissingActualEnd => L["Add the actual end date"],
        QualityCheck.MissingSectors => L["Add at least one sector."],
        QualityCheck.MissingSdgs => L["Tick the goals the initiative contributes to."],
        QualityCheck.MoneyWithoutPeriod => L["Add the planned start and end dates."],
        QualityCheck.NoRecipientCountry => L["Add the country that receives the cooperation."],
        QualityCheck.LinkMalformed => L["Correct the address of the link."],
        QualityCheck.LeftOutOfIatiFile => L["Record your organisation's IATI identifier."],
        QualityCheck.BrokenLink => L["Correct or remove the link."],
        QualityCheck.UntranslatedTitle => L["Add the title and summary in another language."],
        QualityCheck.AssessmentWithoutResponse => L["If your organisation is a party to it, respond to the assessment."],
        _ => check.ToString(),
    };

    public static string Severity(QualitySeverity severity, IStringLocalizer<SharedResource> L) => severity switch
    {
        QualitySeverity.Critical => L["Critical"],
        QualitySeverity.Warning => L["Warning"],
        _ => L["Info"],
    };

    /// <summary>Where the finding is fixed: the field of the initiative's edit form (its element id), or the page the fix is made on.</summary>
    public static string FixAt(QualityFinding finding, int initiativeId, int ownerId)
    {
        var edit = $"/initiatives/{initiativeId.ToString(CultureInfo.InvariantCulture)}/edit";
        var item = (finding.Item ?? 0).ToString(CultureInfo.InvariantCulture);
        return finding.Check switch
        {
            QualityCheck.LeftOutOfIatiFile => $"/organisations/{ownerId.ToString(CultureInfo.InvariantCulture)}/iati-identifier",
            QualityCheck.AssessmentWithoutResponse => $"/assessments/{item}",
            _ => edit + "#" + Anchor(finding.Field, finding.Check, item),
        };
    }

    /// <summary>The id of the edit form's element for a field (as the tag helpers name it: <c>Input.Links[0].Url</c> is <c>Input_Links_0__Url</c>).</summary>
    public static string Anchor(string field, QualityCheck check, string item) => field switch
    {
        nameof(Initiative.Sectors) => "sector-0",
        nameof(Initiative.Sdgs) => "goal-1",
        nameof(Initiative.Countries) => "Input_Countries_0__Code",
        nameof(Initiative.Translations) => "Input_Translations_0__Title",
        nameof(Initiative.Contributions) => $"Input_Contributions_{item}__Currency",
        _ when field.StartsWith(nameof(Initiative.Links) + "[", StringComparison.Ordinal) => $"Input_Links_{item}__Url",
        nameof(Initiative.Links) => $"Input_Links_{item}__Url",
        _ => "Input_" + field.Replace('.', '_'),
    };
}
