using System.Globalization;

namespace SscPortal.Web.Graphics;

/// <summary>
/// A bar chart of averages on the 0–4 scale, drawn as SVG on the server (no script, no CDN): one bar per row, with how
/// many answers each rests on. The page shows the same figures as a table beside it for screen readers.
/// </summary>
/// <remarks>
/// The chart takes the whole width of its column at any screen size while its text keeps the page's size: it has no
/// viewBox, so it is not scaled; positions along the scale are percentages of its width and heights are pixels. Each
/// label sits on its own line above its bar, and the gridlines are drawn only beside the bars, never across a label.
/// </remarks>
public sealed record ScoreChart(string Id, string Title, IReadOnlyList<ScoreChart.Row> Rows)
{
    public sealed record Row(string Label, decimal? Average, int Scored);

    /// <summary>How much of the width the scale takes, in per cent; the rest keeps room for the value after the longest bar.</summary>
    public const double ScalePercent = 76;
    public const int RowHeight = 42;
    public const int Top = 22;
    /// <summary>Where a row's bar band starts and ends, below its label and clear of its descenders (pixels from the top of the row).</summary>
    public const int BandTop = 20, BandBottom = 37;
    /// <summary>A row's label sits on its baseline; its bar, and the value after the bar, below it inside the band.</summary>
    public const int LabelBaseline = 14, BarTop = 21, BarHeight = 14, ValueBaseline = 33;
    public int Height => Top + Rows.Count * RowHeight + 4;

    /// <summary>Where a score falls along the width, as an SVG percentage such as "38%".</summary>
    public static string X(decimal score) => Percent((double)score / Domain.AssessmentFramework.HighestScore * ScalePercent);

    /// <summary>A bar's length: at least a sliver, so that a 0 average still shows where it is.</summary>
    public static string Width(decimal score) => Percent(Math.Max(0.4, (double)score / Domain.AssessmentFramework.HighestScore * ScalePercent));

    private static string Percent(double value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Shorten(string label) => label.Length <= 46 ? label : label[..45] + "…";
}
