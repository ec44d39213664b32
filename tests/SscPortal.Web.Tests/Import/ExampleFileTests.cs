using Microsoft.Extensions.DependencyInjection;
using SscPortal.Web.Import;
using SscPortal.Web.Reference;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// The example file the README offers (docs/samples/iati-activities-example.xml) does what the README says: imported for IBON
/// International under the made-up identifier, two activities are importable and the third is refused for breaking the schema.
/// </summary>
public abstract class ExampleFileTests(PortalFixture fixture)
{
    [Fact]
    public async Task The_readme_s_example_file_has_two_importable_activities_and_one_refused_by_the_schema()
    {
        var names = await fixture.Portal.Services.GetRequiredService<ReferenceData>().GetAsync();
        var context = ImportContext.For(names, 1, "IBON International", "XI-IATI-EXAMPLE-IBON", DateOnly.FromDateTime(DateTime.UtcNow));
        await using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Samples", "iati-activities-example.xml"));
        var read = new List<ReadActivity>();
        await foreach (var activity in IatiFileReader.ReadAsync(file, context, 1, TestContext.Current.CancellationToken)) read.Add(activity);

        Assert.Equal(3, read.Count);
        Assert.All(read.Take(2), a => Assert.Empty(a.Errors));
        Assert.Equal(Domain.Modality.Triangular, read[1].Activity!.Modality);
        Assert.Equal(["KH", "LA"], read[0].Activity!.RecipientCountries!.Order());
        Assert.Equal(ImportProblemCode.SchemaInvalid, Assert.Single(read[2].Errors).Code);
        Assert.Null(read[2].Activity);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class ExampleFileOnSqlite(SqlitePortalFixture fixture) : ExampleFileTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class ExampleFileOnPostgres(PostgresPortalFixture fixture) : ExampleFileTests(fixture);
