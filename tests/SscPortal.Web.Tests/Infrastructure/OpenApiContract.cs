using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace SscPortal.Web.Tests.Infrastructure;

/// <summary>
/// The API's own description as the tests' oracle: a response must have a status and media type that /openapi/v1.json
/// documents for its operation, and its body must validate (JSON Schema 2020-12) against the schema documented there.
/// Our own objects are checked strictly: every documented property present, no undocumented one. Problems may carry
/// extension members (RFC 9457) but must have type, title, status, detail and instance.
/// </summary>
public sealed class OpenApiContract(JsonNode document)
{
    private static readonly string[] ProblemSchemas = ["ProblemDetails", "HttpValidationProblemDetails"];

    public JsonNode Document { get; } = document;

    public static async Task<OpenApiContract> LoadAsync(HttpClient client) =>
        new(JsonNode.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!);

    /// <summary>The documented path (template) that answers <paramref name="path"/>.</summary>
    public string TemplateOf(string path)
    {
        var segments = path.Split('/');
        return Document["paths"]!.AsObject().Select(p => p.Key).Single(template =>
        {
            var parts = template.Split('/');
            return parts.Length == segments.Length && parts.Zip(segments).All(x => x.First.StartsWith('{') || string.Equals(x.First, x.Second, StringComparison.OrdinalIgnoreCase));
        });
    }

    /// <summary>Checks the response against the document and gives back its body.</summary>
    public async Task<JsonNode> CheckAsync(HttpResponseMessage response)
    {
        var request = response.RequestMessage!.RequestUri!;
        var template = TemplateOf(request.AbsolutePath);
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var responses = Document["paths"]![template]!["get"]!["responses"]!.AsObject();
        Assert.True(responses.ContainsKey(status), $"{request.PathAndQuery} answered {status}, which /openapi/v1.json does not document (it documents {string.Join(", ", responses.Select(r => r.Key))}).");
        var mediaType = response.Content.Headers.ContentType!.MediaType!;
        var content = responses[status]!["content"]!.AsObject();
        Assert.True(content.ContainsKey(mediaType), $"{request.PathAndQuery} answered {status} as {mediaType}; documented: {string.Join(", ", content.Select(c => c.Key))}.");
        var text = await response.Content.ReadAsStringAsync();
        var results = SchemaFor(content[mediaType]!["schema"]!).Evaluate(JsonDocument.Parse(text).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var problems = results.Details?.Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}")).ToList() ?? [];
        Assert.True(results.IsValid, $"{request.PathAndQuery} ({status}) does not match its documented schema:\n{string.Join("\n", problems.Take(20))}\n{text[..Math.Min(text.Length, 2000)]}");
        return JsonNode.Parse(text)!;
    }

    private JsonSchema SchemaFor(JsonNode responseSchema)
    {
        var definitions = Document["components"]!["schemas"]!.DeepClone().AsObject();
        foreach (var (name, node) in definitions)
        {
            if (node is not JsonObject schema || schema["properties"] is not JsonObject properties) continue;
            if (ProblemSchemas.Contains(name))
            {
                schema["required"] = new JsonArray(["type", "title", "status", "detail", "instance", .. name == "HttpValidationProblemDetails" ? new[] { "errors" } : []]);
                continue;
            }
            schema["required"] = new JsonArray([.. properties.Select(p => (JsonNode)JsonValue.Create(p.Key))]);
            schema["additionalProperties"] = false;
        }
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = definitions,
            ["allOf"] = new JsonArray(responseSchema.DeepClone()),
        };
        var text = root.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text, baseUri: new Uri($"https://ssc-portal.test/schemas/{Guid.NewGuid():N}"));
    }
}
