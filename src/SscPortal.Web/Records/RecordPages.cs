using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Forms;
using SscPortal.Web.Localization;

namespace SscPortal.Web.Records;

/// <summary>How a record's pages show what the save path answered: rule messages by their fields, the conflict, the outcome of a change of state.</summary>
public static class RecordPages
{
    /// <summary>
    /// Puts each broken rule next to its field (<paramref name="fieldFor"/> names the form's field for the record's
    /// property); several on one field are said together, once each.
    /// </summary>
    public static void AddViolations(this ModelStateDictionary modelState, IEnumerable<RuleViolation> violations, Func<string, string> fieldFor, IStringLocalizer<SharedResource> L,
        RecordType about = RecordType.Initiative)
    {
        foreach (var field in violations.GroupBy(v => fieldFor(v.Field)))
            modelState.AddModelError(field.Key, string.Join(" ", field.Select(v => RuleMessages.For(v.Code, L, about)).Distinct()));
    }

    /// <summary>
    /// The conflict, shown on the form: the person's input stays, the saved version is shown beside it, and the form
    /// now carries the saved version number (<c>Input.Version</c>), so saving again means "keep mine" knowingly.
    /// </summary>
    public static void ShowConflict(this ModelStateDictionary modelState, IStringLocalizer<SharedResource> L)
    {
        modelState.Remove("Input.Version");
        modelState.AddModelError("", L["Someone else saved this record while you were editing it. Nothing has been overwritten: compare the two versions below, then save yours or reload theirs."]);
    }

    /// <summary>
    /// The record's page again, with a message when the change was not made: the rule it broke, or, when the record is
    /// no longer what the person saw, <paramref name="lookAgain"/>. Null when the attempt lost a race (nothing saved), to be tried again.
    /// </summary>
    public static IActionResult? Answer(this PageModel page, ChangeOutcome outcome, int id, Func<RuleViolationException, string> refused, string lookAgain, string? refusedByDatabase = null)
    {
        switch (outcome)
        {
            case ChangeOutcome.Lost:
                return null;
            case ChangeOutcome.Refused { Violation: var violation }:
                page.TempData[PageMessages.Problem] = refused(violation);
                break;
            case ChangeOutcome.Changed:
                page.TempData[PageMessages.Problem] = lookAgain;
                break;
            case ChangeOutcome.RefusedByDatabase:
                page.TempData[PageMessages.Problem] = refusedByDatabase;
                break;
        }
        return page.RedirectToPage(new { id });
    }
}
