using System.Globalization;
using System.Text;

namespace SscPortal.Web.Catalogue;

/// <summary>
/// The position after (or before) a row in a list read with keyset paging: the row's sort key and its id,
/// which together are unique, so pages never repeat or skip a row even while rows are added.
/// Written into links as an opaque token.
/// </summary>
public readonly record struct KeysetCursor(string SortKey, int Id)
{
    public static KeysetCursor For(DateTime utc, int id) => new(utc.Ticks.ToString(CultureInfo.InvariantCulture), id);

    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Id.ToString(CultureInfo.InvariantCulture)}|{SortKey}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string? token, out KeysetCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(token) || token.Length > 400) return false;
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var written)) return false;
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written); }
        catch (DecoderFallbackException) { return false; }
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0 || !int.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return false;
        cursor = new KeysetCursor(text[(bar + 1)..], id);
        return true;
    }

    /// <summary>The sort key read as a UTC time, for lists ordered by date.</summary>
    public bool TryGetTime(out DateTime utc)
    {
        utc = default;
        if (!long.TryParse(SortKey, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) return false;
        utc = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }
}
