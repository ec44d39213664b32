using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using SscPortal.Domain;

namespace SscPortal.Web.Localization;

/// <summary>
/// A name from a code list (a DAC sector, an SDG target, a currency…) as a page shows it: in the page's language once it
/// is translated, and until then in English, marked <c>lang="en"</c> so that screen readers pronounce it as English.
/// Written into a page as it is (<c>@name</c>), it wraps itself in <c>&lt;span lang="en"&gt;</c> only when it needs to;
/// where an element cannot hold a span (an <c>&lt;option&gt;</c>, an SVG label), put <see cref="Lang"/> on the element.
/// Anywhere else it is just its text (<see cref="ToString"/>).
/// </summary>
public sealed record ShownName(string Text, string? Lang) : IHtmlContent
{
    /// <summary>The text in the page's language, or its English stand-in marked as English.</summary>
    public static ShownName Of(LocalText name, string pageLanguage) =>
        new(name.In(pageLanguage), name.Has(pageLanguage) ? null : "en");

    /// <summary>Something with no language of its own, such as a code that is not in the list.</summary>
    public static ShownName Neutral(string text) => new(text, null);

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        if (Lang is null)
        {
            encoder.Encode(writer, Text);
            return;
        }
        writer.Write("<span lang=\"");
        encoder.Encode(writer, Lang);
        writer.Write("\">");
        encoder.Encode(writer, Text);
        writer.Write("</span>");
    }

    public override string ToString() => Text;

    /// <summary>
    /// <c> lang="…"</c> when the text needs it, else nothing: for markup Razor writes as plain text, such as an SVG
    /// <c>&lt;text&gt;</c> (written with <c>@:</c>), where Razor would keep an empty attribute.
    /// </summary>
    public static IHtmlContent LangAttribute(string? lang) =>
        lang is null ? HtmlString.Empty : new HtmlString($" lang=\"{HtmlEncoder.Default.Encode(lang)}\"");
}
