namespace SscPortal.Web.Forms;

/// <summary>
/// A horizontal bar chart of counts, drawn as SVG on the server (no script, no CDN), with the same figures in a table
/// beside it for screen readers and for copying. A bar may link to the catalogue filtered to it.
/// </summary>
public sealed record BarChart(string Id, string Title, string ValueHeading, IReadOnlyList<BarChart.Bar> Bars)
{
    public sealed record Bar(string Label, int Value, string? Href = null);

    public const int LabelWidth = 260;
    public const int BarWidth = 320;
    public const int RowHeight = 26;
    public int Height => Bars.Count * RowHeight + 8;
    public int Max => Bars.Count == 0 ? 1 : Math.Max(1, Bars.Max(b => b.Value));
    public double Width(int value) => (double)value / Max * BarWidth;

    public static string Shorten(string label) => label.Length <= 40 ? label : label[..39] + "…";
}
