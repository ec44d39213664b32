using SscPortal.Domain;

namespace SscPortal.Web.Records;

/// <summary>
/// What a person sees when someone else saved a record while they were editing it: the fields where the saved version
/// (From) and theirs (To) differ, who saved last and when, and where to go to drop their own version.
/// </summary>
public sealed record EditConflict(IReadOnlyList<FieldChange> Fields, string? By, DateTime? At, string DiscardUrl)
{
    public static EditConflict Between(IReadOnlyDictionary<string, string?> saved, IReadOnlyDictionary<string, string?> yours, (string? By, DateTime? At) last, string discardUrl) =>
        new(RecordSnapshot.Diff(saved, yours), last.By, last.At, discardUrl);
}
