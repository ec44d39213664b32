using System.Text.Json;
using System.Text.Json.Serialization;

namespace SscPortal.Web.Import;

/// <summary>How an activity's preview and problems are kept as JSON in <see cref="Domain.IatiImportActivity"/>.</summary>
public static class ImportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Read<T>(string? json) where T : class => json is null ? null : JsonSerializer.Deserialize<T>(json, Options);

    public static IReadOnlyList<ImportProblem> Problems(string? json) => Read<List<ImportProblem>>(json) ?? [];
}
