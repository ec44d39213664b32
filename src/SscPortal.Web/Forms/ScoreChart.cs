namespace SscPortal.Web.Forms;

/// <summary>
/// A bar chart of averages on the 0–4 scale, drawn as SVG on the server (no script, no CDN): one bar per row, with how
/// many answers each rests on. The page shows the same figures as a table beside it for screen readers.
/// </summary>
public sealed record ScoreChart(string Id, string Title, IReadOnlyList<ScoreChart.Row> Rows)
{
    public sealed record Row(string Label, decimal? Average, int Scored);

    // As in BarChart, each label sits above its bar, so that the chart can be narrow and its text legible on a phone.
    public const int ViewWidth = 420;
    public const int BarWidth = 320;
    public const int RowHeight = 40;
    public const int Top = 22;
    public int Height => Top + Rows.Count * RowHeight + 4;

    public static double X(decimal score) => 1 + (double)score / Domain.AssessmentFramework.HighestScore * BarWidth;

    public static string Shorten(string label) => label.Length <= 46 ? label : label[..45] + "…";
}
