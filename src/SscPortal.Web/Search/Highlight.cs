using Microsoft.AspNetCore.Html;

namespace SscPortal.Web.Search;

/// <summary>Shows a text with the words of a search marked (accents and case aside); everything in it stays encoded.</summary>
public static class Highlight
{
    public static IHtmlContent Marked(string text, string? q)
    {
        var html = new HtmlContentBuilder();
        if (string.IsNullOrWhiteSpace(q)) return html.Append(text);
        var at = 0;
        foreach (var (start, length) in InitiativeSearch.Highlights(text, q))
        {
            html.Append(text[at..start]).AppendHtml("<mark>").Append(text.Substring(start, length)).AppendHtml("</mark>");
            at = start + length;
        }
        return html.Append(text[at..]);
    }
}
