using System.Globalization;
using System.Text;

namespace SscPortal.Domain;

/// <summary>
/// Text as search compares it: lower case, without accents ("Educación" and "educacion", "cooperação" and "cooperacao"
/// are the same), control characters as spaces. Used for what is stored to search in and for what people type.
/// </summary>
public static class SearchText
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            folded.Append(char.IsControl(c) ? ' ' : char.ToLowerInvariant(c));
        }
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }
}
