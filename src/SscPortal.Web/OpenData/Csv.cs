using System.Text;

namespace SscPortal.Web.OpenData;

/// <summary>RFC 4180 comma-separated values: fields quoted when they hold a comma, quote or line break.</summary>
public static class Csv
{
    public static string Line(IEnumerable<string?> fields) =>
        string.Join(",", fields.Select(Quote));

    private static string Quote(string? field)
    {
        if (string.IsNullOrEmpty(field)) return "";
        // A leading =, +, -, @, tab or carriage return can make a spreadsheet program run the value as a formula
        // (OWASP, "CSV Injection"): prefix it with an apostrophe so it stays text.
        if (StartsLikeFormula(field)) field = "'" + field;
        return field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    /// <summary>Undoes the formula guard of <see cref="Line"/> on a field read back.</summary>
    public static string Field(string field) =>
        field.Length > 1 && field[0] == '\'' && StartsLikeFormula(field[1..]) ? field[1..] : field;

    /// <summary>Whether a spreadsheet program could read the value as a formula: it begins with =, +, -, @, a tab or a carriage return.</summary>
    public static bool StartsLikeFormula(string field) => field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>Why a text could not be read as CSV.</summary>
    public enum Problem
    {
        /// <summary>More records than were asked for at most.</summary>
        TooManyRecords = 1,
        /// <summary>A quoted field is not closed.</summary>
        UnclosedQuote = 2,
    }

    /// <summary>The records read, or why they could not be (and then no records).</summary>
    public sealed record Reading(List<List<string>> Records, Problem? Problem);

    /// <summary>Reads records; fails with an error once more than <paramref name="maxRecords"/> are found.</summary>
    public static List<List<string>> Parse(string text, int maxRecords)
    {
        var reading = Read(text, maxRecords);
        return reading.Problem is { } problem ? throw new FormatException($"Not readable as CSV: {problem}") : reading.Records;
    }

    /// <summary>Reads records; stops, saying why, once more than <paramref name="maxRecords"/> are found or at a quote never closed.</summary>
    public static Reading Read(string text, int maxRecords)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    record.Add(field.ToString());
                    field.Clear();
                    if (record.Count > 1 || record[0].Length > 0) records.Add(record);
                    if (records.Count > maxRecords) return new([], Problem.TooManyRecords);
                    record = [];
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (quoted) return new([], Problem.UnclosedQuote);
        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }
        return records.Count > maxRecords ? new([], Problem.TooManyRecords) : new(records, null);
    }
}
