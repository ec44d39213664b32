using SscPortal.Web.Reference;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SscPortal.Web.Catalogue;

namespace SscPortal.Web.OpenData;

/// <summary>
/// /openapi/v1.json as a client needs it: each operation's query parameters written from the same <see cref="ApiQuery"/>
/// that checks them (types, bounds, and every code list as an enum, so the allowed values can be discovered), the
/// errors as problems, and <c>next</c> as a link.
/// </summary>
public static class ApiDocument
{
    public static OpenApiOptions DescribeOpenData(this OpenApiOptions options)
    {
        options.AddDocumentTransformer(DescribeAsync);
        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = context.JsonTypeInfo.Type;
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(OpenDataEndpoints.Page<>)
                && schema.Properties?.TryGetValue("next", out var next) == true && next is OpenApiSchema link)
            {
                link.Format = "uri";
            }
            return Task.CompletedTask;
        });
        return options;
    }

    private static async Task DescribeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "SSC Portal open data";
        document.Info.Description = "Published South-South cooperation initiatives, organisations and people-centred assessments. Read-only, no account needed. "
            + "Every error is an RFC 9457 problem (application/problem+json); when a parameter is at fault, its errors member names it. "
            + "Codes are read in any case; a value outside a parameter's enum is refused with a 400, never ignored.";
        var names = await context.ApplicationServices.GetRequiredService<ReferenceData>().GetAsync(cancellationToken);
        var queries = context.DescriptionGroups.SelectMany(g => g.Items)
            .SelectMany(d => d.ActionDescriptor.EndpointMetadata.OfType<ApiQuery>())
            .DistinctBy(q => q.OperationId).ToDictionary(q => q.OperationId);
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        DescribeProblems(document.Components.Schemas);
        foreach (var operation in (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            if (operation.OperationId is null || !queries.TryGetValue(operation.OperationId, out var query)) continue;
            operation.Parameters = query.Parameters.Select(p => (IOpenApiParameter)new OpenApiParameter
            {
                Name = p.Name,
                In = ParameterLocation.Query,
                Description = p.Description,
                Schema = SchemaOf(p, names, document),
            }).ToList();
        }
    }

    /// <summary>The problems as this API writes them: every RFC 9457 member is always there, and status is a number.</summary>
    private static void DescribeProblems(IDictionary<string, IOpenApiSchema> schemas)
    {
        foreach (var (name, errors) in new[] { ("ProblemDetails", false), ("HttpValidationProblemDetails", true) })
        {
            if (!schemas.TryGetValue(name, out var found) || found is not OpenApiSchema problem) continue;
            problem.Description = errors
                ? "An RFC 9457 problem whose errors member names each parameter at fault (400), or the parameter that chose a record that does not exist (404)."
                : "An RFC 9457 problem; traceId finds the request in the portal's log.";
            problem.Required = new HashSet<string>(["type", "title", "status", "detail", "instance"]);
            if (errors) problem.Required.Add("errors");
            if (problem.Properties?.TryGetValue("status", out var status) == true && status is OpenApiSchema number)
            {
                number.Type = JsonSchemaType.Integer;
                number.Pattern = null;
            }
        }
    }

    private static IOpenApiSchema SchemaOf(ApiParameter parameter, ReferenceData.Snapshot names, OpenApiDocument document)
    {
        switch (parameter.Kind)
        {
            case ApiValueKind.Text:
                return new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = parameter.MaxLength };
            case ApiValueKind.WholeNumber:
                return new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer, Format = parameter.Maximum <= int.MaxValue ? "int32" : "int64",
                    Minimum = parameter.Minimum.ToString(CultureInfo.InvariantCulture), Maximum = parameter.Maximum.ToString(CultureInfo.InvariantCulture),
                };
            case ApiValueKind.Cursor:
                return new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 400, Pattern = "^[A-Za-z0-9_-]+$" };
            case ApiValueKind.Code:
                var values = parameter.Allowed!(names);
                var list = new OpenApiSchema
                {
                    Type = parameter.NumericCodes ? JsonSchemaType.Integer : JsonSchemaType.String,
                    Enum = values.Select(JsonNode (v) => parameter.NumericCodes ? JsonValue.Create(int.Parse(v, CultureInfo.InvariantCulture)) : JsonValue.Create(v)!).ToList(),
                    Description = parameter.NumericCodes ? null : "Read in any case.",
                };
                if (parameter.SchemaName is not { } name) return list;
                document.Components!.Schemas!.TryAdd(name, list);
                return new OpenApiSchemaReference(name, document);
            default:
                throw new ArgumentOutOfRangeException(nameof(parameter), parameter.Kind, null);
        }
    }
}
