using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SscPortal.Domain;
using SscPortal.Web.Data;
using SscPortal.Web.Mail;

namespace SscPortal.Web.OpenData;

/// <summary>
/// <c>/data.json</c>: the portal's datasets as a DCAT-US catalogue (Project Open Data metadata schema 1.1, the "data.json" that
/// data portals such as CKAN and data.gov harvest), with the non-federal profile's fields: per dataset its title, description,
/// keywords, when it last changed (the newest change among its published records), publisher, contact, identifier, access level,
/// licence, landing page and its distributions (CSV, IATI XML, JSON API, Atom, iCalendar), and one dataset per organisation that
/// publishes its own IATI file (<c>/export/iati/{id}.xml</c>). Its links are absolute, made from <c>Portal:PublicUrl</c>: without a
/// trusted address there is no catalogue (404), as with the feeds. Contact: <c>OpenData:ContactName</c> and <c>OpenData:ContactEmail</c>.
/// </summary>
public static class DataCatalogue
{
    public const string ConformsTo = "https://project-open-data.cio.gov/v1.1/schema";
    public const string Context = "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld";
    public const string DescribedBy = "https://project-open-data.cio.gov/v1.1/schema/catalog.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public sealed record Catalog(
        [property: JsonPropertyName("@context")] string ContextUrl,
        [property: JsonPropertyName("@id")] string Id,
        [property: JsonPropertyName("@type")] string Type,
        [property: JsonPropertyName("conformsTo")] string ConformsTo,
        [property: JsonPropertyName("describedBy")] string DescribedBy,
        [property: JsonPropertyName("dataset")] IReadOnlyList<Dataset> Datasets);

    public sealed record Dataset(
        [property: JsonPropertyName("@type")] string Type,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("description")] string Description,
        [property: JsonPropertyName("keyword")] IReadOnlyList<string> Keywords,
        [property: JsonPropertyName("modified")] string? Modified,
        [property: JsonPropertyName("publisher")] Organization Publisher,
        [property: JsonPropertyName("contactPoint")] Contact ContactPoint,
        [property: JsonPropertyName("identifier")] string Identifier,
        [property: JsonPropertyName("accessLevel")] string AccessLevel,
        [property: JsonPropertyName("license")] string License,
        [property: JsonPropertyName("rights")] string? Rights,
        [property: JsonPropertyName("landingPage")] string LandingPage,
        [property: JsonPropertyName("language")] IReadOnlyList<string> Language,
        [property: JsonPropertyName("accrualPeriodicity")] string AccrualPeriodicity,
        [property: JsonPropertyName("distribution")] IReadOnlyList<Distribution> Distributions,
        [property: JsonPropertyName("conformsTo")] string? Standard = null,
        [property: JsonPropertyName("describedBy")] string? Dictionary = null);

    public sealed record Organization(
        [property: JsonPropertyName("@type")] string Type,
        [property: JsonPropertyName("name")] string Name);

    public sealed record Contact(
        [property: JsonPropertyName("@type")] string Type,
        [property: JsonPropertyName("fn")] string Name,
        [property: JsonPropertyName("hasEmail")] string? Email);

    public sealed record Distribution(
        [property: JsonPropertyName("@type")] string Type,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("mediaType")] string MediaType,
        [property: JsonPropertyName("downloadURL")] string? DownloadUrl = null,
        [property: JsonPropertyName("accessURL")] string? AccessUrl = null,
        [property: JsonPropertyName("conformsTo")] string? Standard = null,
        [property: JsonPropertyName("describedBy")] string? Dictionary = null);

    private const string IatiStandard = "https://iatistandard.org/en/iati-standard/203/";
    private const string Csv = "text/csv";
    private const string JsonApi = "application/json";
    private const string Atom = "application/atom+xml";

    public static async Task WriteAsync(HttpContext context, [FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, PublicAddress address, OpenDataLicence licence, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (address.Root is not { } root)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DataCatalogue)).LogError(
                "Portal:PublicUrl is not set, so /data.json is not offered: its links must be absolute, and the request's Host header is not trusted.");
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var catalog = await BuildAsync(db, root, licence, configuration, cancellationToken);
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, catalog, Json, cancellationToken);
    }

    public static async Task<Catalog> BuildAsync(AppDbContext db, string root, OpenDataLicence licence, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var publisher = new Organization("org:Organization", configuration["OpenData:PublisherName"] is { Length: > 0 } p ? p
            : configuration["Iati:PublisherName"] is { Length: > 0 } iati ? iati : "SSC Portal");
        var email = configuration["OpenData:ContactEmail"]?.Trim();
        var contact = new Contact("vcard:Contact", configuration["OpenData:ContactName"] is { Length: > 0 } n ? n : $"{publisher.Name}: open data",
            email is { Length: > 3 } && System.Net.Mail.MailAddress.TryCreate(email, out var parsed) && parsed.Host.Contains('.', StringComparison.Ordinal) ? "mailto:" + parsed.Address : null);
        string[] languages = ["en", "es", "pt", "fr"];
        var rights = $"Published under {licence.Name}. Personal data is never included.";

        // The newest change among each kind's published records: one small statement per kind.
        var initiatives = await db.Initiatives.Where(i => i.Publication == PublicationState.Published).MaxAsync(i => (DateTime?)i.UpdatedAt, cancellationToken);
        var assessments = await db.Assessments.Where(a => a.Publication == PublicationState.Published).MaxAsync(a => (DateTime?)a.UpdatedAt, cancellationToken);
        var listings = await db.Listings.Where(l => l.Publication == PublicationState.Published).MaxAsync(l => (DateTime?)l.UpdatedAt, cancellationToken);
        var calls = await db.Calls.Where(c => c.Publication == PublicationState.Published).MaxAsync(c => (DateTime?)c.UpdatedAt, cancellationToken);
        var practices = await db.GoodPractices.Where(g => g.Publication == PublicationState.Published).MaxAsync(g => (DateTime?)g.UpdatedAt, cancellationToken);
        var events = await db.Events.Where(e => e.Publication == PublicationState.Published).MaxAsync(e => (DateTime?)e.UpdatedAt, cancellationToken);
        var organisations = await db.Actors.Where(a => a.IsVerified).MaxAsync(a => (DateTime?)a.CreatedAt, cancellationToken);
        // Organisations that report their own initiatives under their IATI identifier: each has a file to register.
        var reporters = await db.Actors.AsNoTracking().Where(a => a.IsVerified && a.IatiIdentifier != null)
            .Select(a => new
            {
                a.Id, a.Name, a.IatiIdentifier,
                Modified = db.Initiatives.Where(i => i.OwnerId == a.Id && i.Publication == PublicationState.Published).Max(i => (DateTime?)i.UpdatedAt),
            })
            .Where(a => a.Modified != null).OrderBy(a => a.Id).ToListAsync(cancellationToken);

        Dataset Set(string id, string title, string description, string[] keywords, DateTime? modified, string landing, params Distribution[] distributions) =>
            new("dcat:Dataset", title, description, keywords, Time(modified), publisher, contact, $"{root}/data.json#{id}", "public", licence.Url, rights,
                root + landing, languages, "R/PT1H", distributions);
        Distribution Download(string title, string format, string mediaType, string path, string? standard = null) =>
            new("dcat:Distribution", title, format, mediaType, DownloadUrl: root + path, Standard: standard);
        Distribution Api(string title, string path) =>
            new("dcat:Distribution", title, "API", JsonApi, AccessUrl: root + path, Dictionary: root + "/openapi/v1.json");

        var datasets = new List<Dataset>
        {
            Set("initiatives", "South-South cooperation initiatives",
                "Published initiatives of South-South and triangular cooperation: who takes part and in what role, countries, sectors, SDGs, dates, status, money and in-kind contributions, locations as the public may see them.",
                ["south-south cooperation", "triangular cooperation", "development cooperation", "iati", "sdg"], initiatives, "/initiatives",
                Download("Initiatives (CSV)", "CSV", Csv, "/export/initiatives.csv"),
                Download("Initiatives (IATI activity file, 2.03)", "IATI XML", "application/xml", "/export/iati/activities.xml", IatiStandard),
                Api("Initiatives (JSON API)", "/api/v1/initiatives"),
                Download("New and changed initiatives (Atom)", "Atom", Atom, "/feeds/initiatives.atom")),
            Set("assessments", "People-centred assessments of South-South cooperation",
                "Published assessments of initiatives against the principles of South-South cooperation, with their scores by dimension, the official parties' responses and their recommendations.",
                ["assessment", "accountability", "civil society", "south-south cooperation"], assessments, "/assessments",
                Api("Assessments (JSON API)", "/api/v1/assessments"),
                Download("New assessments (Atom)", "Atom", Atom, "/feeds/assessments.atom")),
            Set("recommendations", "Recommendations and their follow-up",
                "The recommendations of published assessments, to whom each is addressed, and where each stands: answers, commitments and reported progress.",
                ["recommendations", "accountability", "follow-up"], assessments, "/recommendations",
                Download("Recommendations (CSV)", "CSV", Csv, "/recommendations.csv"),
                Api("Recommendations (JSON API)", "/api/v1/recommendations"),
                Download("Recommendations (Atom)", "Atom", Atom, "/feeds/recommendations.atom")),
            Set("testimonies", "Testimonies shown with their givers' consent",
                "Testimonies in published assessments whose givers consented to their being shown publicly, while that consent lasts.",
                ["testimonies", "evidence", "people-centred"], assessments, "/assessments",
                Download("Testimonies (CSV)", "CSV", Csv, "/export/testimonies.csv"),
                Api("Testimonies (JSON API)", "/api/v1/testimonies")),
            Set("exchange", "Offers and needs of cooperation",
                "What organisations offer to share and what they need, published to find partners for South-South cooperation.",
                ["offers", "needs", "partnerships", "knowledge exchange"], listings, "/exchange",
                Download("Offers and needs (CSV)", "CSV", Csv, "/exchange.csv"),
                Api("Offers and needs (JSON API)", "/api/v1/listings"),
                Download("Offers and needs (Atom)", "Atom", Atom, "/feeds/exchange.atom")),
            Set("calls", "Calls for proposals, good practices and networks",
                "Open and closed calls, their eligibility, deadlines and published results.",
                ["calls for proposals", "funding", "good practices"], calls, "/calls",
                Download("Calls (CSV)", "CSV", Csv, "/calls.csv"),
                Api("Calls (JSON API)", "/api/v1/calls"),
                Download("Calls (Atom)", "Atom", Atom, "/feeds/calls.atom")),
            Set("good-practices", "Good practices of South-South cooperation",
                "Good practices documented by the organisations that carried them out.",
                ["good practices", "lessons", "south-south cooperation"], practices, "/good-practices",
                Download("Good practices (CSV)", "CSV", Csv, "/good-practices.csv"),
                Api("Good practices (JSON API)", "/api/v1/good-practices"),
                Download("Good practices (Atom)", "Atom", Atom, "/feeds/good-practices.atom")),
            Set("events", "Events of South-South cooperation",
                "Seminars, side events, panels, workshops, webinars and exchange visits, with their programmes and published reports; never their participants.",
                ["events", "seminars", "south-south cooperation"], events, "/events",
                Download("Events (CSV)", "CSV", Csv, "/events.csv"),
                Api("Events (JSON API)", "/api/v1/events"),
                Download("Events (iCalendar)", "iCalendar", "text/calendar", "/events.ics"),
                Download("Events (Atom)", "Atom", Atom, "/feeds/events.atom")),
            Set("organisations", "Organisations taking part in South-South cooperation",
                "Verified organisations: governments and their agencies, intergovernmental organisations, civil-society organisations, networks, academia.",
                ["organisations", "actors", "civil society", "government"], organisations, "/actors",
                Api("Organisations (JSON API)", "/api/v1/actors")),
        };
        foreach (var reporter in reporters)
        {
            var id = reporter.Id.ToString(CultureInfo.InvariantCulture);
            datasets.Add(Set($"iati-{id}", $"IATI activities of {reporter.Name}",
                $"The initiatives {reporter.Name} publishes on the SSC Portal, reported under its IATI organisation identifier {reporter.IatiIdentifier}, as an IATI 2.03 activity file to register with the IATI Registry.",
                ["iati", "south-south cooperation", reporter.IatiIdentifier!], reporter.Modified, $"/actors/{id}",
                Download($"IATI activity file of {reporter.Name}", "IATI XML", "application/xml", $"/export/iati/{id}.xml", IatiStandard)));
        }
        return new Catalog(Context, root + "/data.json", "dcat:Catalog", ConformsTo, DescribedBy, datasets);
    }

    /// <summary>ISO 8601 in UTC to the second, or null (no published record yet: the field is left out).</summary>
    private static string? Time(DateTime? utc) =>
        utc is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : null;
}
