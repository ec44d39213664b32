using System.Text;
using SscPortal.Domain;
using SscPortal.Web.Import;

namespace SscPortal.Web.Tests.Import;

/// <summary>
/// The IATI reader on hand-made files (Import/Files): every mapped element in IATI 2.03, and in 2.02 and 2.01 together, per-activity errors with
/// their lines while the valid activities stay importable, duplicate identifiers, and files refused whole (DOCTYPE, external
/// entities, billion laughs, not XML, another XML, another version, too large) with the right problem and never a hang.
/// </summary>
public sealed class IatiImportFileTests
{
    public const string Owner = "XI-IATI-EXAMPLE";

    public static ImportContext Context(string? ownerIdentifier = Owner, long maxCharacters = ImportContext.DefaultMaxCharacters) => new()
    {
        OwnerId = 7, OwnerName = "Agencia de Ejemplo", OwnerIatiIdentifier = ownerIdentifier,
        Countries = new HashSet<string> { "PE", "BO", "PY", "MZ", "BR", "DE", "CL", "SV" },
        Sectors = new HashSet<string> { "31161", "11220", "12240", "74020" },
        Currencies = new HashSet<string> { "USD", "PEN", "EUR", "BRL" },
        Goals = Enumerable.Range(1, 17).ToHashSet(),
        Targets = new HashSet<string> { "2.3", "5.1", "3.2", "4.1" },
        Today = new DateOnly(2026, 12, 3),
        MaxCharacters = maxCharacters,
    };

    public static async Task<List<ReadActivity>> ReadAsync(Stream file, ImportContext context, int first = 1)
    {
        var read = new List<ReadActivity>();
        await foreach (var activity in IatiFileReader.ReadAsync(file, context, first, TestContext.Current.CancellationToken)) read.Add(activity);
        return read;
    }

    private static async Task<List<ReadActivity>> ReadFileAsync(string name, ImportContext? context = null)
    {
        await using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Import", "Files", name));
        return await ReadAsync(file, context ?? Context());
    }

    private static Task<List<ReadActivity>> ReadTextAsync(string xml, ImportContext? context = null) =>
        ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(xml)), context ?? Context());

    [Fact]
    public async Task Every_mapped_element_of_an_iati_2_03_file_becomes_part_of_the_initiative()
    {
        var context = Context();
        var read = await ReadFileAsync("activities-2.03.xml", context);

        Assert.Equal(["2.03"], context.Versions);
        Assert.Equal([1, 2, 3], read.Select(r => r.Position));
        Assert.All(read, r => Assert.Empty(r.Errors));
        var first = read[0];
        Assert.Equal((4, "XI-IATI-EXAMPLE-A1", "Huertos escolares andinos"), (first.Line, first.Identifier, first.Title));
        var a = first.Activity!;
        Assert.Equal("es", a.Language);
        Assert.Equal("Escuelas rurales cultivan sus propios alimentos.", a.Summary);
        Assert.Equal("Con asistencia técnica de dos países y una red regional.", a.Description);
        Assert.Equal("Mejorar la nutrición de 5000 niños.", a.Objectives);
        Assert.Equal([new ImportedTranslation("en", "Andean school gardens", "Rural schools grow their own food."),
                      new ImportedTranslation("fr", "Jardins scolaires andins", "Les écoles rurales cultivent leur propre nourriture.")], a.Translations!);
        Assert.Equal(new ImportedOrganisation(Owner, "Agencia de Ejemplo", 10), a.ReportingOrganisation);
        Assert.Equal([
            new ImportedParticipant(new ImportedOrganisation("XM-DAC-41114", "Fondo Internacional", 40), 1),
            new ImportedParticipant(new ImportedOrganisation(Owner, "Agencia de Ejemplo", 10), 2),
            new ImportedParticipant(new ImportedOrganisation(null, "Red Andina de Huertos", 22), 3),
            new ImportedParticipant(new ImportedOrganisation("BO-NIT-123", "Ministerio de Educación de Bolivia", 10), 4)], a.Participants!);
        Assert.Equal(ActivityStatus.Implementation, a.Status);
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 15), new DateOnly(2026, 12, 31), new DateOnly(2025, 11, 30)),
            (a.PlannedStart, a.ActualStart, a.PlannedEnd, a.ActualEnd));
        Assert.Equal(["PE", "BO"], a.RecipientCountries!);
        Assert.Equal([new ImportedRegion("489", "1", "South America, regional")], a.RecipientRegions!);
        Assert.Equal([
            new ImportedLocation("PE", LocationPrecision.Region, "Cusco", null, null, null),
            new ImportedLocation("BO", LocationPrecision.Municipality, "La Paz", "Achacachi", null, null),
            new ImportedLocation("PE", LocationPrecision.Point, "Puno", "Escuela 501", -15.840221, -70.021881)], a.Locations!);
        Assert.Equal(["31161", "11220"], a.Sectors!);
        Assert.Equal([2, 4, 5], a.SdgGoals!);          // sector vocabulary 7, tag vocabulary 2, and the goal of target 5.1
        Assert.Equal(["2.3", "5.1"], a.SdgTargets!);
        Assert.Equal(Modality.Triangular, a.Modality);
        // Planned disbursements name their providers: summed per provider and currency (value without currency: the
        // activity's default); the budget and the transaction are not counted again.
        Assert.Equal([
            new ImportedContribution(new ImportedOrganisation("XM-DAC-41114", "Fondo Internacional", 40), 100000.50m, "USD", "planned-disbursement"),
            new ImportedContribution(new ImportedOrganisation(Owner, "Agencia de Ejemplo", 10), 250000m, "PEN", "planned-disbursement")], a.Contributions!);
        // The portal's own record link is not a document.
        Assert.Equal([new ImportedLink("https://example.org/docs/huertos.pdf", "Informe de medio término", "application/pdf", "A07")], a.Links!);
        Assert.Equal([
            (ImportProblemCode.LanguageNotKept, "de"), (ImportProblemCode.ElementNotKept, "description type 4"), (ImportProblemCode.RegionNotRecorded, "489"),
            (ImportProblemCode.ElementNotKept, "sector vocabulary 2"), (ImportProblemCode.ElementNotKept, "tag vocabulary 1"), (ImportProblemCode.CurrencySummed, "PEN, USD"),
            (ImportProblemCode.ElementNotKept, "contact-info"), (ImportProblemCode.ElementNotKept, "policy-marker"), (ImportProblemCode.ElementNotKept, "result")],
            first.Warnings.Select(w => (w.Code, w.Detail)).OrderBy(w => w.Code == ImportProblemCode.ElementNotKept && w.Detail is "contact-info" or "policy-marker" or "result").ToList());

        // Commitments (type 11) per provider; the incoming funds that follow them are not counted twice; nor the budget.
        var second = read[1].Activity!;
        Assert.Equal(("en", "Engineers from Peru advise Paraguayan cooperatives.", ""), (second.Language, second.Summary, second.Description));
        Assert.Null(second.Translations);
        Assert.Equal([new ImportedContribution(new ImportedOrganisation("XM-DAC-41114", "Fondo Internacional", null), 20000m, "USD", "transaction")], second.Contributions!);
        Assert.Equal(ActivityStatus.Closed, second.Status);
        Assert.Null(second.Sectors);
        Assert.Null(second.SdgGoals);
        Assert.Null(second.Modality);
        Assert.Null(second.Links);
        Assert.Null(second.Locations);

        // Only budgets: the original ones, per currency, as the reporting organisation's.
        var third = read[2].Activity!;
        Assert.Equal([new ImportedContribution(null, 3000m, "EUR", "budget"), new ImportedContribution(null, 300m, "USD", "budget")], third.Contributions!);
        Assert.Contains(read[2].Warnings, w => w.Code == ImportProblemCode.CurrencySummed);
    }

    [Fact]
    public async Task An_iati_2_02_file_passes_the_2_03_schema_and_is_read_as_its_version_means_it()
    {
        var context = Context();
        var read = Assert.Single(await ReadFileAsync("activities-2.02.xml", context));

        Assert.Equal(["2.02"], context.Versions);
        Assert.Empty(read.Errors);
        var a = read.Activity!;
        Assert.Equal(("pt", "Bancos de leite humano em Moçambique"), (a.Language, a.Title));     // xml:lang of the file
        Assert.Equal("Transferência da tecnologia de bancos de leite humano.", a.Summary);     // description without @type: general
        Assert.Equal(["en", "es"], a.Translations!.Select(t => t.Language));
        Assert.Equal(["12240"], a.Sectors!);                                                   // no vocabulary: DAC 5-digit
        Assert.Equal([3], a.SdgGoals!);
        Assert.Equal(["3.2"], a.SdgTargets!);
        Assert.Null(a.Modality);                                                               // collaboration type 1: not triangular
        Assert.Equal(ActivityStatus.Finalisation, a.Status);
        // An outgoing commitment (type 2) without provider-org is the reporting organisation's; disbursements (3) not money pledged.
        Assert.Equal([new ImportedContribution(null, 1200000m, "BRL", "transaction")], a.Contributions!);
        Assert.Equal(["MZ"], a.RecipientCountries!);
        Assert.Equal([new ImportedLink("https://example.org/docs/bancos-de-leite.pdf", "Relatório do projeto", "application/pdf", "A02")], a.Links!);
        Assert.Contains(read.Warnings, w => w is { Code: ImportProblemCode.ElementNotKept, Detail: "default-flow-type" });
    }

    [Fact]
    public async Task An_iati_2_01_file_gives_the_elements_the_2_02_file_leaves_out()
    {
        var context = Context();
        var read = Assert.Single(await ReadFileAsync("activities-2.01.xml", context));

        Assert.Equal(["2.01"], context.Versions);
        Assert.Empty(read.Errors);
        var a = read.Activity!;
        Assert.Equal(("es", "Gestión del riesgo de desastres en El Salvador"), (a.Language, a.Title));
        Assert.Equal("Fortalecer la protección civil en 20 municipios.", a.Objectives);                 // description type 2
        Assert.Equal(Modality.Triangular, a.Modality);                                                   // collaboration type 8
        Assert.Equal(ActivityStatus.Closed, a.Status);
        Assert.Equal((new DateOnly(2012, 1, 1), new DateOnly(2012, 3, 1), new DateOnly(2014, 12, 31), new DateOnly(2014, 11, 30)),
            (a.PlannedStart, a.ActualStart, a.PlannedEnd, a.ActualEnd));
        Assert.Contains(a.Participants!, p => p.Organisation.Ref == "XM-DAC-5-7" && p.Role == 1);         // funding
        Assert.Equal(["SV"], a.RecipientCountries!);
        Assert.Equal(["289"], a.RecipientRegions!.Select(r => r.Code));
        Assert.Contains(read.Warnings, w => w is { Code: ImportProblemCode.RegionNotRecorded, Detail: "289" });
        Assert.Equal([
            new ImportedLocation("SV", LocationPrecision.Region, "San Miguel", null, null, null),
            new ImportedLocation("SV", LocationPrecision.Point, "San Salvador", "Centro de operaciones", 13.6929, -89.2182)], a.Locations!);
        Assert.Equal(["74020"], a.Sectors!);
        // Planned disbursements without a provider (2.01 could not name one): the reporting organisation's, summed.
        Assert.Equal([new ImportedContribution(null, 200000m, "USD", "planned-disbursement")], a.Contributions!);
        Assert.Equal([new ImportedLink("https://example.org/docs/riesgo.pdf", "Evaluación final", "application/pdf", "A11")], a.Links!);
    }

    [Fact]
    public async Task A_schema_error_refuses_its_activity_with_the_line_and_the_valid_activities_are_still_read()
    {
        var read = await ReadFileAsync("invalid-activities.xml");

        Assert.Equal(["XI-IATI-EXAMPLE-V1", "XI-IATI-EXAMPLE-BAD", "XM-DAC-41114-OTHER", "XI-IATI-EXAMPLE-V1", "XI-IATI-EXAMPLE-V5"], read.Select(r => r.Identifier));
        Assert.Empty(read[0].Errors);
        Assert.NotNull(read[0].Activity);
        Assert.Empty(read[4].Errors);
        Assert.Equal("Valid fifth", read[4].Activity!.Title);

        var broken = read[1];
        Assert.Null(broken.Activity);
        Assert.Equal(15, broken.Line);
        var schema = Assert.Single(broken.Errors);
        Assert.Equal((ImportProblemCode.SchemaInvalid, 22), (schema.Code, schema.Line));
        Assert.Contains("iso-date", schema.Detail, StringComparison.Ordinal);

        var others = read[2];
        Assert.Null(others.Activity);
        var notYours = Assert.Single(others.Errors);
        Assert.Equal((ImportProblemCode.ReportingOrganisationNotYours, 26), (notYours.Code, notYours.Line));
        Assert.Contains("/organisations/7/iati-identifier", notYours.Detail, StringComparison.Ordinal);

        var repeated = read[3];
        Assert.Null(repeated.Activity);
        Assert.Equal([ImportProblemCode.IdentifierRepeated, ImportProblemCode.UnknownCode], repeated.Errors.Select(e => e.Code));
        Assert.Equal("recipient-country QQ", repeated.Errors[1].Detail);
    }

    [Fact]
    public async Task An_identifier_read_in_an_earlier_file_of_the_same_upload_is_refused_as_repeated()
    {
        var context = Context();
        var first = await ReadFileAsync("activities-2.02.xml", context);
        await using var again = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Import", "Files", "activities-2.02.xml"));
        var second = await ReadAsync(again, context, first: 2);

        Assert.NotNull(first[0].Activity);
        var repeated = Assert.Single(second);
        Assert.Equal(2, repeated.Position);
        Assert.Equal(ImportProblemCode.IdentifierRepeated, Assert.Single(repeated.Errors).Code);
        Assert.Equal(2, context.ActivityCount);
    }

    [Fact]
    public async Task An_organisation_without_an_identifier_is_told_where_to_record_it_and_identifiers_of_others_and_bad_texts_are_refused()
    {
        var none = await ReadFileAsync("activities-2.02.xml", Context(ownerIdentifier: null));
        var problem = Assert.Single(none[0].Errors);
        Assert.Equal(ImportProblemCode.ReportingOrganisationNotYours, problem.Code);
        Assert.Contains("has recorded no IATI organisation identifier; record it at /organisations/7/iati-identifier", problem.Detail, StringComparison.Ordinal);

        var read = await ReadTextAsync($"""
            <iati-activities version="2.03"><iati-activity>
              <iati-identifier>XM-DAC-41114-1</iati-identifier>
              <reporting-org ref="{Owner}" type="10"><narrative>Agencia</narrative></reporting-org>
              <title><narrative>{new string('t', 301)}</narrative></title>
              <description><narrative>{new string('s', 1500)} {new string('s', 1500)}</narrative></description>
              <participating-org ref="{Owner}" role="2"/>
              <activity-status code="2"/>
              <activity-date type="1" iso-date="2024-01-01"/><activity-date type="3" iso-date="2023-01-01"/>
              <activity-date type="2" iso-date="2099-01-01"/>
              <sector code="99999"/><tag vocabulary="3" code="99.9"/>
            </iati-activity></iati-activities>
            """);
        var refused = Assert.Single(read);
        Assert.Equal([ImportProblemCode.IdentifierNotOfReporter, ImportProblemCode.TextTooLong, ImportProblemCode.DatesInconsistent,
            ImportProblemCode.DatesInconsistent, ImportProblemCode.UnknownCode, ImportProblemCode.UnknownCode], refused.Errors.Select(e => e.Code));
        // A long first paragraph is shortened into the summary, with a warning, never refused.
        Assert.Contains(refused.Warnings, w => w.Code == ImportProblemCode.SummaryShortened);
    }

    public static TheoryData<string, string, ImportProblemCode> BadFiles => new()
    {
        { "doctype", """<?xml version="1.0"?><!DOCTYPE iati-activities><iati-activities version="2.03"/>""", ImportProblemCode.DoctypeRefused },
        { "external entity (XXE)", """<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><iati-activities version="2.03"><iati-activity><iati-identifier>&x;</iati-identifier></iati-activity></iati-activities>""", ImportProblemCode.DoctypeRefused },
        { "billion laughs", """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><iati-activities version="2.03">&lol9;</iati-activities>""", ImportProblemCode.DoctypeRefused },
        { "not XML", "%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj", ImportProblemCode.NotXml },
        { "empty", "", ImportProblemCode.NotXml },
        { "broken in the middle", """<iati-activities version="2.03"><iati-activity><iati-identifier>X</iati-identifier></iati-activities>""", ImportProblemCode.NotXml },
        { "another XML", """<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Not IATI</title></feed>""", ImportProblemCode.NotActivityFile },
        { "an IATI organisation file", """<iati-organisations version="2.03"><iati-organisation/></iati-organisations>""", ImportProblemCode.NotActivityFile },
        { "IATI 1.05", """<iati-activities version="1.05"><iati-activity/></iati-activities>""", ImportProblemCode.UnsupportedVersion },
        { "no version", """<iati-activities><iati-activity/></iati-activities>""", ImportProblemCode.UnsupportedVersion },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_file_that_cannot_be_read_safely_is_refused_whole_with_its_reason(string kind, string content, ImportProblemCode expected)
    {
        var refused = await Assert.ThrowsAsync<ImportFileException>(() => ReadTextAsync(content));
        Assert.True(expected == refused.Problem.Code, $"{kind}: {refused.Problem.Code} {refused.Problem.Detail}");
    }

    [Fact]
    public async Task A_file_longer_than_the_limit_is_refused_as_too_large_and_too_many_activities_stop_the_reading()
    {
        var file = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Import", "Files", "activities-2.03.xml"), TestContext.Current.CancellationToken);
        var large = await Assert.ThrowsAsync<ImportFileException>(() => ReadTextAsync(file, Context(maxCharacters: 2000)));
        Assert.Equal(ImportProblemCode.FileTooLarge, large.Problem.Code);

        var context = new ImportContext
        {
            OwnerId = 7, OwnerName = "Agencia", OwnerIatiIdentifier = Owner, Countries = new HashSet<string>(), Sectors = new HashSet<string>(),
            Currencies = new HashSet<string>(), Goals = new HashSet<int>(), Targets = new HashSet<string>(), Today = new DateOnly(2026, 1, 1), MaxActivities = 2,
        };
        var many = await Assert.ThrowsAsync<ImportFileException>(() => ReadTextAsync(file, context));
        Assert.Equal(ImportProblemCode.TooManyActivities, many.Problem.Code);
    }
}
