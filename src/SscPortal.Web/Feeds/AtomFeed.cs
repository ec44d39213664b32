using System.Globalization;
using System.Text;
using System.Xml;

namespace SscPortal.Web.Feeds;

/// <summary>One record in a feed: its page (a path of the portal), its text, when it last changed and whose it is.</summary>
public sealed record FeedEntry(
    string Path, string Title, string? TitleLanguage, string Summary, string? SummaryLanguage,
    DateTime Updated, DateTime Published, string Author, int AuthorId);

/// <summary>A feed: the address it is read at, the page it follows, its title and at most <see cref="AtomFeed.MaxEntries"/> entries, newest change first.</summary>
public sealed record FeedContent(string SelfPath, string PagePath, string Title, IReadOnlyList<FeedEntry> Entries);

/// <summary>
/// Writes an Atom feed (RFC 4287): id, title, updated, self and alternate links, and per entry id, title, updated,
/// published, alternate link, summary and author. Ids are the absolute addresses of the pages (the feed's own for the
/// feed), made from the portal's public address, so they stay the same as long as the portal's address does.
/// </summary>
public static class AtomFeed
{
    public const int MaxEntries = 50;
    public const string ContentType = "application/atom+xml; charset=utf-8";
    public const string Namespace = "http://www.w3.org/2005/Atom";

    /// <summary>The time a feed without entries says it was updated: fixed, so that an empty feed never looks new.</summary>
    public static readonly DateTime Epoch = DateTime.UnixEpoch;

    /// <summary>The newest change first (then by address, so that equal times keep one order), at most <see cref="MaxEntries"/>.</summary>
    public static IReadOnlyList<FeedEntry> Newest(IEnumerable<FeedEntry> entries) =>
        entries.OrderByDescending(e => e.Updated).ThenBy(e => e.Path, StringComparer.Ordinal).Take(MaxEntries).ToList();

    /// <summary>RFC 3339 in UTC, to the second. Times from the database are UTC (SQLite gives them back without a kind).</summary>
    public static string Time(DateTime time) =>
        DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The later of a record's last change and its publication (a record published without an edit since).</summary>
    public static DateTime LastChange(DateTime updatedAt, DateTime publishedAt) => updatedAt > publishedAt ? updatedAt : publishedAt;

    public static async Task WriteAsync(Stream body, string root, FeedContent feed, string language, string portalName, CancellationToken cancellationToken, string? rights = null)
    {
        var settings = new XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false) };
        await using var xml = XmlWriter.Create(body, settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "feed", Namespace);
        await xml.WriteAttributeStringAsync("xml", "lang", null, language);
        var self = root + feed.SelfPath;
        await Element(xml, "id", self);
        await Element(xml, "title", feed.Title);
        await Element(xml, "updated", Time(feed.Entries.Count > 0 ? feed.Entries.Max(e => e.Updated) : Epoch));
        await Link(xml, "self", "application/atom+xml", self);
        await Link(xml, "alternate", "text/html", root + feed.PagePath);
        // The portal speaks for the feed; each entry names the organisation whose record it is.
        await xml.WriteStartElementAsync(null, "author", Namespace);
        await Element(xml, "name", portalName);
        await Element(xml, "uri", root + "/");
        await xml.WriteEndElementAsync();
        // The licence the data is published under (OpenData/OpenDataLicence.cs).
        if (rights is not null) await Element(xml, "rights", rights);
        foreach (var entry in feed.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = root + entry.Path;
            await xml.WriteStartElementAsync(null, "entry", Namespace);
            await Element(xml, "id", page);
            await Element(xml, "title", entry.Title, entry.TitleLanguage == language ? null : entry.TitleLanguage);
            await Element(xml, "updated", Time(entry.Updated));
            await Element(xml, "published", Time(entry.Published));
            await Link(xml, "alternate", "text/html", page);
            await Element(xml, "summary", entry.Summary, entry.SummaryLanguage == language ? null : entry.SummaryLanguage);
            await xml.WriteStartElementAsync(null, "author", Namespace);
            await Element(xml, "name", entry.Author);
            await Element(xml, "uri", $"{root}/actors/{entry.AuthorId.ToString(CultureInfo.InvariantCulture)}");
            await xml.WriteEndElementAsync();
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }

    private static async Task Element(XmlWriter xml, string name, string text, string? lang = null)
    {
        await xml.WriteStartElementAsync(null, name, Namespace);
        if (lang is not null) await xml.WriteAttributeStringAsync("xml", "lang", null, lang);
        await xml.WriteStringAsync(XmlText(text));
        await xml.WriteEndElementAsync();
    }

    private static async Task Link(XmlWriter xml, string rel, string type, string href)
    {
        await xml.WriteStartElementAsync(null, "link", Namespace);
        await xml.WriteAttributeStringAsync(null, "rel", null, rel);
        await xml.WriteAttributeStringAsync(null, "type", null, type);
        await xml.WriteAttributeStringAsync(null, "href", null, href);
        await xml.WriteEndElementAsync();
    }

    /// <summary>Text as XML 1.0 can carry it: characters it cannot hold (most control characters) are left out, pairs of surrogates kept.</summary>
    public static string XmlText(string text)
    {
        if (text.All(XmlConvert.IsXmlChar)) return text;
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) kept.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                kept.Append(text, i, 2);
                i++;
            }
        }
        return kept.ToString();
    }
}

/// <summary>A page's feed, which the layout links to from its head (<c>ViewData["Feed"]</c>) when feeds are offered.</summary>
public sealed record FeedLink(string Title, string Href);
