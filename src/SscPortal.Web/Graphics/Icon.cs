using Microsoft.AspNetCore.Html;

namespace SscPortal.Web.Graphics;

/// <summary>One of the portal's own icons (wwwroot/icons.svg), beside a text that says the same: hidden from screen readers.</summary>
public static class Icon
{
    private static readonly HashSet<string> Known = ["search", "download", "globe", "chart", "map", "user", "list", "bell"];

    public static IHtmlContent Of(string name) => Known.Contains(name)
        ? new HtmlString($"<svg class=\"icon\" aria-hidden=\"true\" focusable=\"false\"><use href=\"/icons.svg#{name}\"></use></svg>")
        : throw new ArgumentException($"No icon is called {name}.", nameof(name));
}
