namespace SscPortal.Web.Forms;

/// <summary>
/// A bar chart of averages on the 0–4 scale, drawn as SVG on the server (no script, no CDN): one bar per row, with how
/// many answers each rests on. The page shows the same figures as a table beside it for screen readers.
/// </summary>
public sealed record ScoreChart(string Id, string Title, IReadOnlyList<ScoreChart.Row> Rows)
{
    public sealed record Row(string Label, decimal? Average, int Scored);

    public const int LabelWidth = 250;
    public const int BarWidth = 340;
    public const int RowHeight = 30;
    public const int Top = 24;
    public int Height => Top + Rows.Count * RowHeight + 8;

    public static double X(decimal score) => LabelWidth + (double)score / Domain.AssessmentFramework.HighestScore * BarWidth;

    public static string Shorten(string label) => label.Length <= 36 ? label : label[..35] + "…";
}
