using System.Globalization;
using Microsoft.Extensions.Localization;

namespace SscPortal.Web.Localization;

/// <summary>
/// A count with its noun ("1 response", "2 responses") in the reader's language. Each such text has two resource keys,
/// its singular ("one") and its plural ("other") form, and the count chooses between them by the CLDR cardinal rule of
/// the language: English and Spanish say "one" for 1 alone; French and (Brazilian) Portuguese for 0 and 1 as well
/// ("0 réponse", "0 resposta").
/// </summary>
public static class Plurals
{
    /// <summary>Whether <paramref name="count"/> takes the singular form in <paramref name="culture"/>.</summary>
    public static bool IsOne(long count, CultureInfo culture) => culture.Name switch
    {
        "pt-PT" => count == 1,
        _ when culture.TwoLetterISOLanguageName is "fr" or "pt" => count is 0 or 1,
        _ => count == 1,
    };

    /// <summary>
    /// The form of <paramref name="one"/> or <paramref name="other"/> that <paramref name="count"/> takes in the current
    /// language, with the count (grouped in thousands) as {0}, or with <paramref name="arguments"/> when a text holds more.
    /// </summary>
    public static LocalizedString Plural(this IStringLocalizer L, long count, string one, string other, params object[] arguments) =>
        L[IsOne(count, CultureInfo.CurrentUICulture) ? one : other, arguments.Length == 0 ? [count.ToString("N0", CultureInfo.CurrentCulture)] : arguments];
}
