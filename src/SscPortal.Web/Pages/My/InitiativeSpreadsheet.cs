using SscPortal.Web.Reference;
using System.Globalization;
using Microsoft.Extensions.Localization;
using SscPortal.Domain;
using SscPortal.Web.Localization;
using SscPortal.Web.Pages.Initiatives;

namespace SscPortal.Web.Pages.My;

/// <summary>
/// One spreadsheet row per initiative, every field of the form: a row is read into the same input the form fills in, so
/// the spreadsheet and the form check and save records in exactly the same way.
/// Lists of codes are separated by semicolons; lists of free text (contributions, locations, links, results) by line breaks
/// within the cell.
/// </summary>
public static class InitiativeSpreadsheet
{
    public static readonly string[] Columns =
    [
        "id", "title", "summary", "description", "objectives", "language", "modality", "instrument", "status", "thematic_areas",
        "approval_date", "planned_start", "planned_end", "actual_start", "actual_end",
        "countries", "actors", "sdgs", "primary_sdg", "sdg_targets", "sectors", "principles",
        "contributions", "rights_holders", "locations", "sensitive_setting", "links", "results", "contact",
        .. PortalLanguages.Content.SelectMany(language => new[] { $"title_{language}", $"summary_{language}" }),
    ];

    private const string Achieved = "[achieved] ";

    public static string?[] Write(Initiative initiative)
    {
        var input = InitiativeInput.From(initiative);
        string Codes<T>(IEnumerable<T> items, Func<T, string> format) => string.Join(";", items.Select(format));
        string Lines<T>(IEnumerable<T> items, Func<T, string> format) => string.Join("\n", items.Select(format));
        var cells = new Dictionary<string, string?>
        {
            ["id"] = Number(initiative.Id), ["title"] = input.Title, ["summary"] = input.Summary, ["description"] = input.Description,
            ["objectives"] = input.Objectives, ["language"] = input.Language, ["modality"] = input.Modality.ToString(),
            ["instrument"] = input.Instrument.ToString(), ["status"] = input.Status.ToString(),
            ["thematic_areas"] = Codes(input.ThematicAreas.Order(), a => a.ToString()),
            ["approval_date"] = Date(input.ApprovalDate), ["planned_start"] = Date(input.PlannedStart), ["planned_end"] = Date(input.PlannedEnd),
            ["actual_start"] = Date(input.ActualStart), ["actual_end"] = Date(input.ActualEnd),
            ["countries"] = Codes(input.Countries, c => $"{c.Code}:{c.Role}"),
            ["actors"] = Codes(input.Actors, a => $"{Number(a.ActorId!.Value)}:{a.Role}"),
            ["sdgs"] = Codes(input.Goals, Number),
            ["primary_sdg"] = input.PrimaryGoal is { } primary ? Number(primary) : null,
            ["sdg_targets"] = Codes(input.Targets, t => t!),
            ["sectors"] = Codes(input.Sectors, s => s!),
            ["principles"] = Codes(input.Principles, p => p),
            ["contributions"] = Lines(input.Contributions, c =>
                $"{Number(c.ActorId!.Value)};{c.Kind};{c.Amount?.ToString("0.##", CultureInfo.InvariantCulture)};{c.Currency};{c.Description}".TrimEnd(';')),
            ["rights_holders"] = Codes(input.RightsHolders.OrderBy(r => r.Group), r => r.Count is { } n ? $"{r.Group}:{Number(n)}" : r.Group.ToString()),
            ["locations"] = Lines(input.Locations, Location),
            ["sensitive_setting"] = input.Sensitivity.ToString(),
            ["links"] = Lines(input.Links, l => $"{l.Url} {l.Title}"),
            ["results"] = Lines(input.Results, r => r.Achieved ? Achieved + r.Text : r.Text!),
            ["contact"] = input.Contact,
        };
        foreach (var translation in input.Translations)
        {
            cells[$"title_{translation.Language}"] = translation.Title;
            cells[$"summary_{translation.Language}"] = translation.Summary;
        }
        return Columns.Select(c => cells.GetValueOrDefault(c) is { Length: > 0 } value ? value : null).ToArray();
    }

    /// <summary>A row read into the form's input; what cannot even be read (a bad date, an unknown role) is reported by column.</summary>
    public static (InitiativeInput Input, List<(string Column, string Message)> Problems) Read(Func<string, string> cell, IStringLocalizer<SharedResource> L)
    {
        var problems = new List<(string Column, string Message)>();
        var input = new InitiativeInput
        {
            Title = Text(cell("title")), Summary = Text(cell("summary")), Description = Text(cell("description")),
            Objectives = Text(cell("objectives")), Contact = Text(cell("contact")), Language = cell("language"),
        };
        TEnum Code<TEnum>(string column, string text) where TEnum : struct, Enum
        {
            if (CodeParsing.TryParseName<TEnum>(text, out var value)) return value;
            problems.Add((column, L["Use one of: {0}", string.Join(", ", Enum.GetNames<TEnum>())]));
            return default;
        }
        DateOnly? Day(string column)
        {
            var value = cell(column);
            if (value.Length == 0) return null;
            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            problems.Add((column, L["Write dates as YYYY-MM-DD, between 1950 and 2100."]));
            return null;
        }
        IEnumerable<string> Items(string column) => cell(column).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        IEnumerable<string> LinesOf(string column) => cell(column).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        int? Whole(string column, string text)
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return number;
            problems.Add((column, L["“{0}” is not a whole number.", text]));
            return null;
        }
        string Format(string example, string part) => L["Write this column as {0} (“{1}” is not valid).", example, part];

        input.Modality = Code<Modality>("modality", cell("modality"));
        input.Instrument = Code<Instrument>("instrument", cell("instrument"));
        input.Status = Code<ActivityStatus>("status", cell("status"));
        input.ThematicAreas = Items("thematic_areas").Select(a => Code<ThematicArea>("thematic_areas", a)).ToList();
        input.ApprovalDate = Day("approval_date");
        input.PlannedStart = Day("planned_start");
        input.PlannedEnd = Day("planned_end");
        input.ActualStart = Day("actual_start");
        input.ActualEnd = Day("actual_end");

        foreach (var part in Items("countries"))
        {
            if (part.Split(':', StringSplitOptions.TrimEntries) is [var code, var role] && CodeParsing.TryParseName<CountryRole>(role, out var countryRole))
                input.Countries.Add(new CountryRow { Code = code, Role = countryRole });
            else problems.Add(("countries", Format("PE:Provider;PY:Recipient", part)));
        }
        foreach (var part in Items("actors"))
        {
            if (part.Split(':', StringSplitOptions.TrimEntries) is [var id, var role] && Whole("actors", id) is { } actorId
                && CodeParsing.TryParseName<ActorRole>(role, out var actorRole))
                input.Actors.Add(new ActorRow { ActorId = actorId, Role = actorRole });
            else problems.Add(("actors", Format("12:Implementing;15:Funding", part)));
        }
        input.Goals = Items("sdgs").Select(g => Whole("sdgs", g)).OfType<int>().ToList();
        if (cell("primary_sdg") is { Length: > 0 } primary) input.PrimaryGoal = Whole("primary_sdg", primary);
        input.Targets = Items("sdg_targets").Select(t => (string?)t).ToList();
        input.Sectors = Items("sectors").Select(s => (string?)s).ToList();
        input.Principles = Items("principles").Select(p => p.ToLowerInvariant()).ToList();
        foreach (var line in LinesOf("contributions"))
        {
            // actor;kind;amount;currency;description — the description may itself hold semicolons.
            var parts = line.Split(';', 5, StringSplitOptions.TrimEntries);
            if (parts.Length >= 2 && Whole("contributions", parts[0]) is { } actorId && CodeParsing.TryParseName<ContributionKind>(parts[1], out var kind))
            {
                decimal? amount = null;
                if (parts.Length > 2 && parts[2].Length > 0)
                {
                    if (decimal.TryParse(parts[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) amount = value;
                    else problems.Add(("contributions", L["Enter an amount above zero and below a trillion."]));
                }
                input.Contributions.Add(new ContributionRow
                {
                    ActorId = actorId, Kind = kind, Amount = amount, Currency = parts.Length > 3 ? Text(parts[3]) : null, Description = parts.Length > 4 ? Text(parts[4]) : null,
                });
            }
            else problems.Add(("contributions", Format("12;Money;50000;USD;Travel of experts", line)));
        }
        foreach (var part in Items("rights_holders"))
        {
            var pieces = part.Split(':', StringSplitOptions.TrimEntries);
            if (pieces.Length <= 2 && CodeParsing.TryParseName<RightsHolderGroup>(pieces[0], out var group))
                input.RightsHolders.Add(new RightsHolderRow { Group = group, Reached = true, Count = pieces.Length == 2 ? Whole("rights_holders", pieces[1]) : null });
            else problems.Add(("rights_holders", Format("Women:120;Youth", part)));
        }
        foreach (var line in LinesOf("locations"))
        {
            if (!line.Contains('|', StringComparison.Ordinal))
            {
                // The older form, "PE" or "PE: Cusco": a country, or a municipality or place in it.
                var pieces = line.Split(':', 2, StringSplitOptions.TrimEntries);
                var place = pieces.Length == 2 ? Text(pieces[1]) : null;
                input.Locations.Add(new LocationRow { CountryCode = pieces[0], Place = place, Precision = place is null ? LocationPrecision.Country : LocationPrecision.Municipality });
                continue;
            }
            // country | precision | region | place | latitude | longitude, the last parts left out when empty.
            var parts = line.Split('|', StringSplitOptions.TrimEntries);
            double? Degrees(int index)
            {
                if (index >= parts.Length || parts[index].Length == 0) return null;
                if (double.TryParse(parts[index], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return value;
                problems.Add(("locations", Format(LocationExample, line)));
                return null;
            }
            if (parts.Length is < 2 or > 6 || !CodeParsing.TryParseName<LocationPrecision>(parts[1], out var precision))
            {
                problems.Add(("locations", Format(LocationExample, line)));
                continue;
            }
            input.Locations.Add(new LocationRow
            {
                CountryCode = parts[0], Precision = precision,
                Region = parts.Length > 2 ? Text(parts[2]) : null, Place = parts.Length > 3 ? Text(parts[3]) : null,
                Latitude = Degrees(4), Longitude = Degrees(5),
            });
        }
        if (cell("sensitive_setting") is { Length: > 0 } sensitivity) input.Sensitivity = Code<SettingSensitivity>("sensitive_setting", sensitivity);
        foreach (var line in LinesOf("links"))
        {
            var pieces = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            input.Links.Add(new LinkRow { Url = pieces[0], Title = pieces.Length == 2 ? pieces[1] : null });
        }
        foreach (var line in LinesOf("results"))
        {
            var achieved = line.StartsWith(Achieved.Trim(), StringComparison.OrdinalIgnoreCase);
            input.Results.Add(new ResultRow { Text = achieved ? line[Achieved.Trim().Length..].Trim() : line, Achieved = achieved });
        }
        foreach (var language in PortalLanguages.Content)
        {
            var translation = new TranslationRow { Language = language, Title = Text(cell($"title_{language}")), Summary = Text(cell($"summary_{language}")) };
            if (translation.IsEmpty) continue;
            if (language == input.Language) problems.Add(($"title_{language}", L["The record is written in this language: put the text in the title and summary columns."]));
            else input.Translations.Add(translation);
        }
        return (input, problems);
    }

    /// <summary>The column a checked field belongs to ("Contributions[2].Amount" → contributions; a translation by its language).</summary>
    public static string ColumnFor(string field, InitiativeInput input)
    {
        var name = field.StartsWith("Input.", StringComparison.Ordinal) ? field["Input.".Length..] : field;
        var root = name.Split('[', '.')[0];
        if (root == nameof(InitiativeInput.Translations))
        {
            var index = int.TryParse(name.Split('[', ']') is [_, var i, ..] ? i : "", CultureInfo.InvariantCulture, out var n) ? n : 0;
            var language = index < input.Translations.Count ? input.Translations[index].Language : "en";
            return name.EndsWith(".Summary", StringComparison.Ordinal) ? $"summary_{language}" : $"title_{language}";
        }
        return root switch
        {
            nameof(InitiativeInput.Goals) or nameof(Initiative.Sdgs) => "sdgs",
            nameof(InitiativeInput.PrimaryGoal) => "primary_sdg",
            nameof(InitiativeInput.Targets) or nameof(Initiative.SdgTargets) => "sdg_targets",
            nameof(InitiativeInput.RightsHolders) => "rights_holders",
            nameof(InitiativeInput.ThematicAreas) => "thematic_areas",
            nameof(InitiativeInput.Sensitivity) => "sensitive_setting",
            nameof(InitiativeInput.ApprovalDate) => "approval_date",
            nameof(InitiativeInput.PlannedStart) => "planned_start",
            nameof(InitiativeInput.PlannedEnd) => "planned_end",
            nameof(InitiativeInput.ActualStart) => "actual_start",
            nameof(InitiativeInput.ActualEnd) => "actual_end",
            _ => root.ToLowerInvariant(),
        };
    }

    private const string LocationExample = "PE | Point | Cusco | Ollantaytambo | -13.2581 | -72.2634";

    /// <summary>A location as one line of its cell: country | precision | region | place | latitude | longitude, empty parts at the end left out.</summary>
    private static string Location(LocationRow l)
    {
        var parts = new List<string> { l.CountryCode!, l.Precision.ToString(), l.Region ?? "", l.Place ?? "",
            l.Latitude?.ToString(CultureInfo.InvariantCulture) ?? "", l.Longitude?.ToString(CultureInfo.InvariantCulture) ?? "" };
        while (parts.Count > 2 && parts[^1].Length == 0) parts.RemoveAt(parts.Count - 1);
        return string.Join(" | ", parts);
    }

    private static string? Text(string value) => value.Length == 0 ? null : value;
    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
