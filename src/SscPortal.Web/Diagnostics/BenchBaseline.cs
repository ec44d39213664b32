using SscPortal.Web.Data;
using System.Text.Encodings.Web;
using Npgsql;

namespace SscPortal.Web.Diagnostics;

/// <summary>
/// The benchmark's yardstick (bench/README.md): the catalogue's first 20 rows read with raw Npgsql and written out with no
/// framework around them, as in the TechEmpower "Fortunes" test. Mapped only with Bench:Baseline=true, on PostgreSQL.
/// </summary>
public static class BenchBaseline
{
    private const string Sql =
        "SELECT \"Id\", \"Title\", \"Summary\" FROM \"Initiatives\" WHERE \"Publication\" = 1 ORDER BY \"PublishedAt\" DESC, \"Id\" DESC LIMIT 20";

    public static IEndpointRouteBuilder MapBenchBaseline(this IEndpointRouteBuilder app, string connectionString)
    {
        var source = NpgsqlDataSource.Create(connectionString);
        app.MapGet("/bench/baseline", async (HttpContext context) =>
        {
            var html = new System.Text.StringBuilder("<!DOCTYPE html><html><head><title>Baseline</title></head><body><ol>");
            await using (var command = source.CreateCommand(Sql))
            await using (var reader = await command.ExecuteReaderAsync(context.RequestAborted))
            {
                while (await reader.ReadAsync(context.RequestAborted))
                {
                    html.Append("<li><a href=\"/initiatives/").Append(reader.GetInt32(0)).Append("\">")
                        .Append(HtmlEncoder.Default.Encode(reader.GetString(1))).Append("</a><p>")
                        .Append(HtmlEncoder.Default.Encode(reader.GetString(2))).Append("</p></li>");
                }
            }
            html.Append("</ol></body></html>");
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(html.ToString(), context.RequestAborted);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
