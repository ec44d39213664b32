namespace SscPortal.Web.Localization;

/// <summary>The languages content can be written in (DOMAIN.md: es, pt, en, fr), whatever the interface offers.</summary>
public static class PortalLanguages
{
    public static readonly IReadOnlyList<string> Content = ["en", "es", "pt", "fr"];

    public static bool IsContentLanguage(string? code) => code is not null && Content.Contains(code);
}
