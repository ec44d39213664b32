using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SscPortal.Web.Forms;

/// <summary>
/// Searchable pickers: a text field whose suggestion list (a datalist) fills in the id of the organisation or
/// initiative whose name was typed. When what comes back is not an id (a name typed but not picked, or anything else),
/// the model binder leaves the id empty; these keep the text exactly as typed, to show it again, and put a message
/// that says what to do next to that field instead of the binder's generic one.
/// </summary>
public static class Pickers
{
    /// <summary>Says "choose from the list" for each picker (by its ModelState key) whose text could not be read as an id.</summary>
    public static void ExplainUnpicked(this ModelStateDictionary modelState, Func<string, bool> isPicker, string message)
    {
        foreach (var (key, entry) in modelState)
        {
            if (entry is null || !isPicker(key) || entry.Errors.Count == 0 || string.IsNullOrEmpty(entry.AttemptedValue)) continue;
            entry.Errors.Clear();
            entry.Errors.Add(message);
        }
    }

    /// <summary>What a picker shows: the text as typed when it could not be read, otherwise the id.</summary>
    public static string? Shown(this ModelStateDictionary modelState, string key, int? id) =>
        modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 && entry.AttemptedValue is { } typed
            ? typed
            : id is { } value ? Text(value) : null;

    /// <summary>"true" for a field with an error (aria-invalid), otherwise nothing, so that the attribute is left out.</summary>
    public static string? Invalid(this ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? "true" : null;

    /// <summary>Whether a picker's text is empty or an id (what the suggestion list fills in).</summary>
    public static bool IsBlankOrId(string? text) => string.IsNullOrWhiteSpace(text) || Id(text) is not null;

    /// <summary>The id a picker's text stands for, if it is one.</summary>
    public static int? Id(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    /// <summary>The ids among pickers' texts, in order (blank and unreadable rows left out).</summary>
    public static List<int> Ids(IEnumerable<string?> texts) => texts.Select(Id).OfType<int>().ToList();

    /// <summary>How a picker shows an id.</summary>
    public static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);
}
