using SscPortal.Web.Catalogue;
using SscPortal.Web.Reference;
using SscPortal.Web.Search;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;

namespace SscPortal.Web.OpenData;

/// <summary>How the value of an API query parameter is written.</summary>
public enum ApiValueKind
{
    /// <summary>Free text, up to <see cref="ApiParameter.MaxLength"/> characters.</summary>
    Text,
    /// <summary>A whole number from <see cref="ApiParameter.Minimum"/> to <see cref="ApiParameter.Maximum"/>.</summary>
    WholeNumber,
    /// <summary>One of a code list (<see cref="ApiParameter.Allowed"/>), in any case.</summary>
    Code,
    /// <summary>The opaque position a <c>next</c> link carries.</summary>
    Cursor,
}

/// <summary>
/// One query parameter of the JSON API, described once: <see cref="ApiQuery"/> reads requests with it and
/// <see cref="ApiDocument"/> writes it into /openapi/v1.json, so what the document says is what the API accepts.
/// </summary>
public sealed record ApiParameter(string Name, ApiValueKind Kind, string Description)
{
    /// <summary>Longest text accepted.</summary>
    public int MaxLength { get; init; }
    public long Minimum { get; init; }
    public long Maximum { get; init; }
    /// <summary>Code lists: the values accepted, as they are written (case does not matter when reading).</summary>
    public Func<ReferenceData.Snapshot, IReadOnlyList<string>>? Allowed { get; init; }
    /// <summary>Code lists: the name of the list's schema in the document (null: the values are listed in the parameter itself).</summary>
    public string? SchemaName { get; init; }
    /// <summary>Code lists whose codes are numbers (SDGs): documented as integers.</summary>
    public bool NumericCodes { get; init; }
    /// <summary>Cursors: whether a decoded cursor belongs to this list.</summary>
    public Func<KeysetCursor, bool>? CursorCheck { get; init; }
    /// <summary>What to say about a bad value, when the kind's general message is not the most helpful.</summary>
    public Func<IStringLocalizer<SharedResource>, string, string>? Message { get; init; }

    public static ApiParameter Text(string name, int maxLength, string description) =>
        new(name, ApiValueKind.Text, description) { MaxLength = maxLength };

    public static ApiParameter WholeNumber(string name, long minimum, long maximum, string description) =>
        new(name, ApiValueKind.WholeNumber, description) { Minimum = minimum, Maximum = maximum };

    /// <summary>A code of an enumeration, written as its name in lower case (as the catalogue's links write it).</summary>
    public static ApiParameter Code<TEnum>(string name, string schemaName, string description) where TEnum : struct, Enum
    {
        IReadOnlyList<string> values = Enum.GetValues<TEnum>().Select(v => v.ToUrlValue()).Distinct().ToList();
        return new(name, ApiValueKind.Code, description) { Allowed = _ => values, SchemaName = schemaName };
    }

    /// <summary>A code of a list held in the reference data (countries, regions, SDGs...).</summary>
    public static ApiParameter Code(string name, string? schemaName, Func<ReferenceData.Snapshot, IReadOnlyList<string>> allowed, string description) =>
        new(name, ApiValueKind.Code, description) { Allowed = allowed, SchemaName = schemaName };

    public static ApiParameter Cursor(string name, Func<KeysetCursor, bool> check, string description) =>
        new(name, ApiValueKind.Cursor, description) { CursorCheck = check };
}

/// <summary>
/// The query parameters of one API operation and their checking, in one place: every parameter is read as text and
/// checked here, so a bad value (a word for a number, a number too large for any integer, an unknown code, a tampered
/// cursor, a parameter given twice) is a 400 problem naming the parameter, the same in every environment; codes are
/// read in any case and given back as the lists write them. The endpoint binds no query parameter itself.
/// </summary>
public sealed class ApiQuery(string operationId, params ApiParameter[] parameters)
{
    /// <summary>Codes lists up to this long are spelled out in the message; longer ones are referred to the document.</summary>
    public const int ListedValues = 20;

    public string OperationId { get; } = operationId;
    public IReadOnlyList<ApiParameter> Parameters { get; } = parameters;

    public ApiQueryValues Read(IQueryCollection query, ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L)
    {
        var result = new ApiQueryValues(this);
        foreach (var parameter in Parameters)
        {
            var given = query[parameter.Name];
            if (given.Count == 0) continue;
            if (given.Count > 1)
            {
                result.AddError(parameter.Name, L["Give this parameter once."]);
                continue;
            }
            var text = given[0]?.Trim();
            // An empty value is no value: a form or a link template may send "country=".
            if (string.IsNullOrEmpty(text)) continue;
            if (Check(parameter, text, names, L, out var value, out var problem)) result.Set(parameter, value);
            else result.AddError(parameter.Name, problem);
        }
        return result;
    }

    private static bool Check(ApiParameter parameter, string text, ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L, out string value, out string problem)
    {
        value = text;
        problem = "";
        var shown = Shorten(text);
        switch (parameter.Kind)
        {
            case ApiValueKind.Text:
                if (text.Length <= parameter.MaxLength) return true;
                problem = L["Use at most {0} characters.", parameter.MaxLength];
                return false;
            case ApiValueKind.WholeNumber:
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    && number >= parameter.Minimum && number <= parameter.Maximum)
                {
                    value = number.ToString(CultureInfo.InvariantCulture);
                    return true;
                }
                problem = parameter.Message?.Invoke(L, shown)
                    ?? L["“{0}” is not a whole number from {1} to {2}.", shown, parameter.Minimum, parameter.Maximum];
                return false;
            case ApiValueKind.Code:
                var allowed = parameter.Allowed!(names);
                if (allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase)) is { } code)
                {
                    value = code;
                    return true;
                }
                problem = parameter.Message?.Invoke(L, shown) ?? (allowed.Count <= ListedValues
                    ? L["“{0}” is not one of the allowed values: {1}.", shown, string.Join(", ", allowed)]
                    : L["“{0}” is not one of the {1} allowed values, which /openapi/v1.json lists for this parameter.", shown, allowed.Count]);
                return false;
            case ApiValueKind.Cursor:
                if (KeysetCursor.TryDecode(text, out var cursor) && parameter.CursorCheck!(cursor)) return true;
                problem = L["This is not the cursor of a “next” link of this list: start without it, or follow “next”."];
                return false;
            default:
                throw new ArgumentOutOfRangeException(nameof(parameter), parameter.Kind, null);
        }
    }

    /// <summary>A value as a message quotes it: short, and without control characters.</summary>
    private static string Shorten(string text)
    {
        var cleaned = new string(text.Select(c => char.IsControl(c) ? '\uFFFD' : c).ToArray());
        return cleaned.Length <= 40 ? cleaned : cleaned[..40] + "…";
    }
}

/// <summary>What <see cref="ApiQuery.Read"/> understood: each parameter's value as the lists write it, or the problems, by parameter.</summary>
public sealed class ApiQueryValues(ApiQuery query)
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    /// <summary>The problems, by parameter name, as a problem's "errors" member writes them.</summary>
    public Dictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    internal void Set(ApiParameter parameter, string value) => _values[parameter.Name] = value;

    internal void AddError(string name, string message)
    {
        if (!_errors.TryGetValue(name, out var messages)) _errors[name] = messages = [];
        messages.Add(message);
    }

    public string? this[string name] => _values.GetValueOrDefault(name);

    public int? Number(string name) => _values.TryGetValue(name, out var v) ? int.Parse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : null;

    public TEnum? Code<TEnum>(string name) where TEnum : struct, Enum =>
        _values.TryGetValue(name, out var v) && CodeParsing.TryParseName<TEnum>(v, out var value) ? value : null;

    public KeysetCursor? Cursor(string name) => _values.TryGetValue(name, out var v) && KeysetCursor.TryDecode(v, out var cursor) ? cursor : null;

    /// <summary>The values as a query collection (for readers such as <see cref="InitiativeFilter"/> that take one).</summary>
    public QueryCollection ToQueryCollection() => new(_values.ToDictionary(v => v.Key, v => new StringValues(v.Value), StringComparer.Ordinal));

    /// <summary>The values read, in the operation's order of parameters (a key for answers kept per question: unknown parameters play no part).</summary>
    public string Canonical => QueryString.Create(query.Parameters
        .Select(p => new KeyValuePair<string, string?>(p.Name, _values.GetValueOrDefault(p.Name))).Where(v => v.Value is not null)).Value ?? "";

    /// <summary>The address of the following page: the same operation with the same values, <paramref name="cursorName"/> set to the cursor.</summary>
    public string Link(string address, string cursorName, KeysetCursor cursor)
    {
        var values = query.Parameters
            .Select(p => new KeyValuePair<string, string?>(p.Name, p.Name == cursorName ? cursor.Encode() : _values.GetValueOrDefault(p.Name)))
            .Where(v => v.Value is not null);
        return address + QueryString.Create(values);
    }
}
