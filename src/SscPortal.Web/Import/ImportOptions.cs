namespace SscPortal.Web.Import;

/// <summary>The options section "Import": how large an upload may be and how long an upload's rows are kept.</summary>
public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>The most all the files of one upload may weigh together, in megabytes.</summary>
    public int MaxMegabytes { get; set; } = 50;

    /// <summary>Days an upload (its activities as read, which hold the files' contents) is kept before the cleanup deletes it.</summary>
    public int KeepDays { get; set; } = 30;

    /// <summary>Minutes between two runs of the cleanup.</summary>
    public double CheckMinutes { get; set; } = 60;

    public long MaxBytes => Math.Max(1, MaxMegabytes) * 1024L * 1024L;
}
