namespace SscPortal.Web.Graphics;

/// <summary>
/// A horizontal bar chart of counts, drawn as SVG on the server (no script, no CDN), with the same figures in a table
/// beside it for screen readers and for copying. A bar may link to the catalogue filtered to it.
/// </summary>
public sealed record BarChart(string Id, string Title, string ValueHeading, IReadOnlyList<BarChart.Bar> Bars)
{
    /// <summary>A bar; <paramref name="Lang"/> is "en" when its label is a code-list name not yet translated into the page's language.</summary>
    public sealed record Bar(string Label, int Value, string? Href = null, string? Lang = null);

    // Each label sits above its bar, so that a long name (an SDG, a modality) is not cut short and the chart can stay
    // narrow: drawn 400 units wide, it is shown at about its own size in a column or on a phone, and its text stays legible.
    public const int ViewWidth = 400;
    public const int BarWidth = 340;
    public const int RowHeight = 38;
    public int Height => Bars.Count * RowHeight + 4;
    public int Max => Bars.Count == 0 ? 1 : Math.Max(1, Bars.Max(b => b.Value));
    public double Width(int value) => Math.Max(2, (double)value / Max * BarWidth);

    public static string Shorten(string label) => label.Length <= 46 ? label : label[..45] + "…";
}
