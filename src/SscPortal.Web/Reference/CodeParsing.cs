namespace SscPortal.Web.Reference;

/// <summary>Reads codes from URLs: names only (never numbers, which Enum.TryParse would accept), any case.</summary>
public static class CodeParsing
{
    public static bool TryParseName<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var name = Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is not null && Enum.TryParse(name, out value);
    }

    /// <summary>The form a code takes in a URL: its name in lower case.</summary>
    public static string ToUrlValue<TEnum>(this TEnum value) where TEnum : struct, Enum =>
        value.ToString().ToLowerInvariant();
}
