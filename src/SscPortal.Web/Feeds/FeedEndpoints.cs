using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using SscPortal.Domain;
using SscPortal.Web.Caching;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Data;
using SscPortal.Web.Localization;
using SscPortal.Web.Mail;
using SscPortal.Web.OpenData;
using SscPortal.Web.Reference;
using SscPortal.Web.Search;

namespace SscPortal.Web.Feeds;

/// <summary>
/// Atom feeds of public lists, for anyone to follow in a feed reader without an account: any catalogue search (the
/// catalogue's own filter, <see cref="InitiativeFilter"/>), the assessments (the open data's filters), an organisation
/// (its initiatives, the partnerships it signed, the assessments it wrote or of its initiatives) and a country (its
/// initiatives and their assessments). Published records only, newest change first, at most <see cref="AtomFeed.MaxEntries"/>;
/// in the language the address carries (?culture=, which the pages' links always set). A filter value the catalogue would
/// not apply is a 400 problem naming the parameter, as the JSON API answers (a feed is never silently wider than the page
/// it came from, whose link carries only the values it applied); an unknown organisation or country is the ordinary 404 page. Links are absolute, from Portal:PublicUrl
/// (<see cref="PublicAddress"/>): without it, outside Development, there are no feeds (404, and an error in the log).
/// </summary>
public static partial class FeedEndpoints
{
    public const string InitiativesPath = "/feeds/initiatives.atom";
    public const string AssessmentsPath = "/feeds/assessments.atom";

    /// <summary>The catalogue's parameters, read and checked as the JSON API reads them, then applied by the catalogue's own <see cref="InitiativeFilter"/>.</summary>
    public static readonly ApiQuery InitiativesFeedQuery = new("InitiativesFeed", WithoutPaging(OpenDataEndpoints.InitiativesQuery));

    /// <summary>The assessments API's filters, read and checked by the same <see cref="ApiQuery"/>.</summary>
    public static readonly ApiQuery AssessmentsFeedQuery = new("AssessmentsFeed", WithoutPaging(OpenDataEndpoints.AssessmentsQuery));

    private static ApiParameter[] WithoutPaging(ApiQuery query) => query.Parameters.Where(p => p.Name is not ("limit" or "after")).ToArray();

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/feeds").AllowAnonymous().CacheOutput(AnonymousPageCache.PolicyName).ExcludeFromDescription();
        feeds.MapGet("/initiatives.atom", InitiativesAsync).WithMetadata(InitiativesFeedQuery);
        feeds.MapGet("/assessments.atom", AssessmentsAsync).WithMetadata(AssessmentsFeedQuery);
        feeds.MapGet("/organisations/{id:int}.atom", OrganisationAsync);
        feeds.MapGet("/countries/{code:length(2)}.atom", CountryAsync);
        feeds.MapGet("/recommendations.atom", RecommendationsAsync).WithMetadata(RecommendationsFeedQuery);
        MapListings(feeds);
        MapCalls(feeds);
        MapGoodPractices(feeds);
        MapEvents(app, feeds);
        return app;
    }

    // The addresses pages link to in their <head>: each carries the page's language, so the feed reads as the page did.
    public static string InitiativesAddress(InitiativeFilter filter) => filter.Link(InitiativesPath, extra: [("culture", PortalCultures.Current)]);

    public static string AssessmentsAddress(string? country, string? modality, string? perspective, int? assessor) =>
        AssessmentsPath + AssessmentsQueryString(country, modality, perspective, assessor, PortalCultures.Current);

    public static string OrganisationAddress(int id) =>
        $"/feeds/organisations/{id.ToString(CultureInfo.InvariantCulture)}.atom" + QueryString.Create("culture", PortalCultures.Current);

    public static string CountryAddress(string code) => $"/feeds/countries/{code.ToUpperInvariant()}.atom" + QueryString.Create("culture", PortalCultures.Current);

    private static QueryString AssessmentsQueryString(string? country, string? modality, string? perspective, int? assessor, string? culture) =>
        QueryString.Create(new KeyValuePair<string, string?>[]
            {
                new("country", country), new("modality", modality), new("perspective", perspective),
                new("assessor", assessor?.ToString(CultureInfo.InvariantCulture)), new("culture", culture),
            }
            .Where(v => v.Value is not null));

    private static async Task InitiativesAsync(
        HttpContext context, [FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, PublicAddress address, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        if (Root(context, address) is not { } root) return;
        var names = await referenceData.GetAsync(cancellationToken);
        var values = InitiativesFeedQuery.Read(context.Request.Query, names, L);
        if (!values.IsValid)
        {
            await ApiProblems.BadRequest(context.Request, values.Errors, L).ExecuteAsync(context);
            return;
        }
        var filter = await OpenDataEndpoints.CatalogueFilterAsync(values, names, db, L, cancellationToken);
        var language = PortalCultures.Current;
        var entries = await InitiativeEntriesAsync(filter.Apply(db.Initiatives.AsNoTracking(), db), language, cancellationToken);
        var parts = await DescribeAsync(filter, names, db, L, language, cancellationToken);
        var title = parts.Count == 0 ? L["Initiatives"].Value : L["Initiatives: {0}", string.Join(", ", parts)].Value;
        await SendAsync(context, root, new FeedContent(InitiativesAddress(filter), filter.Link("/initiatives"), title, AtomFeed.Newest(entries)), L, cancellationToken);
    }

    private static async Task AssessmentsAsync(
        HttpContext context, [FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, PublicAddress address, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        if (Root(context, address) is not { } root) return;
        var names = await referenceData.GetAsync(cancellationToken);
        var values = AssessmentsFeedQuery.Read(context.Request.Query, names, L);
        if (!values.IsValid)
        {
            await ApiProblems.BadRequest(context.Request, values.Errors, L).ExecuteAsync(context);
            return;
        }
        var language = PortalCultures.Current;
        var entries = await AssessmentEntriesAsync(OpenDataEndpoints.FilterAssessments(db.Assessments.AsNoTracking().CurrentlyPublished(), values), language, L, cancellationToken);
        var parts = new List<string>();
        if (values["country"] is { } countryCode) parts.Add(names.CountryName(countryCode, language));
        if (values.Code<Modality>("modality") is { } chosenModality) parts.Add(L[EnumLabels.For(chosenModality)]);
        if (values.Code<AssessmentPerspective>("perspective") is { } chosenPerspective) parts.Add(L[EnumLabels.For(chosenPerspective)]);
        if (values.Number("assessor") is { } assessorId) parts.Add(await ActorNameAsync(db, assessorId, cancellationToken) ?? $"#{assessorId.ToString(CultureInfo.InvariantCulture)}");
        var title = parts.Count == 0 ? L["Assessments"].Value : L["Assessments: {0}", string.Join(", ", parts)].Value;
        var (country, modality, perspective, assessor) = (values["country"], values["modality"], values["perspective"], values.Number("assessor"));
        var feed = new FeedContent(AssessmentsAddress(country, modality, perspective, assessor),
            "/assessments" + AssessmentsQueryString(country, modality, perspective, assessor, culture: null), title, AtomFeed.Newest(entries));
        await SendAsync(context, root, feed, L, cancellationToken);
    }

    private static async Task OrganisationAsync(
        int id, HttpContext context, [FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, PublicAddress address, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        if (Root(context, address) is not { } root) return;
        if (await ActorNameAsync(db, id, cancellationToken) is not { } name)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var language = PortalCultures.Current;
        var initiatives = Only(await referenceData.GetAsync(cancellationToken), L, "actor", id.ToString(CultureInfo.InvariantCulture)).Apply(db.Initiatives.AsNoTracking(), db);
        var assessments = db.Assessments.AsNoTracking().CurrentlyPublished().Where(a => a.AssessorId == id || a.Initiative!.Actors.Any(x => x.ActorId == id));
        var entries = (await InitiativeEntriesAsync(initiatives, language, cancellationToken))
            .Concat(await PartnershipEntriesAsync(db.Partnerships.AsNoTracking().PublishedSignedBy(id), L, cancellationToken))
            .Concat(await AssessmentEntriesAsync(assessments, language, L, cancellationToken));
        var feed = new FeedContent(OrganisationAddress(id), $"/actors/{id.ToString(CultureInfo.InvariantCulture)}",
            L["{0}: initiatives, partnerships and assessments", name], AtomFeed.Newest(entries));
        await SendAsync(context, root, feed, L, cancellationToken);
    }

    private static async Task CountryAsync(
        string code, HttpContext context, [FromKeyedServices(ReadOnlyDb.Key)] AppDbContext db, ReferenceData referenceData, PublicAddress address, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        if (Root(context, address) is not { } root) return;
        var names = await referenceData.GetAsync(cancellationToken);
        code = code.ToUpperInvariant();
        if (!names.Countries.ContainsKey(code))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var language = PortalCultures.Current;
        var initiatives = Only(names, L, "country", code).Apply(db.Initiatives.AsNoTracking(), db);
        var entries = (await InitiativeEntriesAsync(initiatives, language, cancellationToken))
            .Concat(await AssessmentEntriesAsync(db.Assessments.AsNoTracking().CurrentlyPublished().InCountry(code), language, L, cancellationToken));
        var feed = new FeedContent(CountryAddress(code), $"/countries/{code}", L["{0}: initiatives and assessments", names.CountryName(code, language)], AtomFeed.Newest(entries));
        await SendAsync(context, root, feed, L, cancellationToken);
    }

    /// <summary>The portal's public address, or null after answering 404 (and saying why in the log) when there is none to trust.</summary>
    private static string? Root(HttpContext context, PublicAddress address)
    {
        if (address.Root is { } root) return root;
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FeedEndpoints)).LogError(
            "Portal:PublicUrl is not set, so no feed is offered: a feed's links must be absolute, and the request's Host header is not trusted. Set it to the address people reach the portal at.");
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return null;
    }

    /// <summary>The catalogue's filter with one value, as the catalogue reads it from its address.</summary>
    private static InitiativeFilter Only(ReferenceData.Snapshot names, IStringLocalizer<SharedResource> L, string parameter, string value) =>
        InitiativeFilter.Read(new QueryCollection(new Dictionary<string, StringValues> { [parameter] = value }), names, L);

    private static Task<string?> ActorNameAsync(AppDbContext db, int id, CancellationToken cancellationToken) =>
        db.Actors.AsNoTracking().Where(a => a.Id == id).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken);

    private static async Task SendAsync(HttpContext context, string root, FeedContent feed, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        context.Response.ContentType = AtomFeed.ContentType;
        string portal = L["SSC Portal"];
        var licence = context.RequestServices.GetRequiredService<OpenDataLicence>();
        await AtomFeed.WriteAsync(context.Response.Body, root, feed with { Title = $"{feed.Title} · {portal}" }, PortalCultures.Current, portal, cancellationToken,
            rights: L["Published under {0}: {1}", licence.Name, licence.Url]);
    }

    /// <summary>Initiatives with their title and summary in the reader's language where a translation exists (as the catalogue's cards show them).</summary>
    private static async Task<List<FeedEntry>> InitiativeEntriesAsync(IQueryable<Initiative> initiatives, string language, CancellationToken cancellationToken) =>
        (await initiatives.OrderByDescending(i => i.PublishedAt > i.UpdatedAt ? i.PublishedAt : i.UpdatedAt).ThenByDescending(i => i.Id)
            .Take(AtomFeed.MaxEntries).ToCards(language).ToListAsync(cancellationToken))
        .Select(c => new FeedEntry($"/initiatives/{c.Id.ToString(CultureInfo.InvariantCulture)}", c.Shown.Title, c.Shown.Language, c.Shown.Summary, c.Shown.Language,
            AtomFeed.LastChange(c.UpdatedAt, c.PublishedAt), c.PublishedAt, c.OwnerName, c.OwnerId))
        .ToList();

    /// <summary>Published assessments (a published one is not edited: a new revision is a new entry), by publication.</summary>
    private static async Task<List<FeedEntry>> AssessmentEntriesAsync(
        IQueryable<Assessment> assessments, string language, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var rows = await assessments.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(AtomFeed.MaxEntries)
            .Select(a => new
            {
                a.Id, a.Initiative!.Title,
                // At most one (the key is the initiative and the language), as for the catalogue's cards.
                Translated = a.Initiative.Translations.Where(t => t.Language == language).Select(t => t.Title).ToList(),
                a.AssessorId, AssessorName = a.Assessor!.Name, a.Perspective, a.Revision, PublishedAt = a.PublishedAt!.Value,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new FeedEntry($"/assessments/{r.Id.ToString(CultureInfo.InvariantCulture)}",
                L["Assessment of “{0}” by {1}", r.Translated.Count > 0 ? r.Translated[0] : r.Title, r.AssessorName], null,
                $"{L[EnumLabels.For(r.Perspective)]}, {L["revision {0}", r.Revision]}", null,
                r.PublishedAt, r.PublishedAt, r.AssessorName, r.AssessorId))
            .ToList();
    }

    private static async Task<List<FeedEntry>> PartnershipEntriesAsync(IQueryable<Partnership> partnerships, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        var rows = await partnerships.OrderByDescending(p => p.PublishedAt > p.UpdatedAt ? p.PublishedAt : p.UpdatedAt).ThenByDescending(p => p.Id).Take(AtomFeed.MaxEntries)
            .Select(p => new { p.Id, p.Title, p.Type, p.UpdatedAt, PublishedAt = p.PublishedAt!.Value, p.OwnerId, OwnerName = p.Owner!.Name })
            .ToListAsync(cancellationToken);
        // The title is the partnership's own, in whatever language it was written: no language is claimed for it.
        return rows.Select(r => new FeedEntry($"/partnerships/{r.Id.ToString(CultureInfo.InvariantCulture)}", r.Title, "", L[EnumLabels.For(r.Type)], null,
                AtomFeed.LastChange(r.UpdatedAt, r.PublishedAt), r.PublishedAt, r.OwnerName, r.OwnerId))
            .ToList();
    }

    /// <summary>The catalogue filter in words, for the feed's title: the search, the country and each other value by its name.</summary>
    private static async Task<List<string>> DescribeAsync(
        InitiativeFilter filter, ReferenceData.Snapshot names, AppDbContext db, IStringLocalizer<SharedResource> L, string language, CancellationToken cancellationToken)
    {
        var parts = new List<string>();
        if (filter.Q is { } q) parts.Add($"“{q}”");
        if (filter.Country is { } country)
        {
            var name = names.CountryName(country, language);
            parts.Add(filter.Role switch
            {
                CountryFilterRole.Provider => $"{name} ({L["as a provider"]})",
                CountryFilterRole.Recipient => $"{name} ({L["as a recipient"]})",
                _ => name,
            });
        }
        if (filter.Region is { } region) parts.Add(names.RegionName(region, language));
        if (filter.Modality is { } modality) parts.Add(L[EnumLabels.For(modality)]);
        if (filter.Instrument is { } instrument) parts.Add(L[EnumLabels.For(instrument)]);
        if (filter.Status is { } status) parts.Add(L[EnumLabels.For(status)]);
        if (filter.Category is { } category) parts.Add(names.CategoryName(category, language).Text);
        if (filter.Sdg is { } sdg) parts.Add(names.GoalName(sdg, language));
        if (filter.Actor is { } actor) parts.Add(await ActorNameAsync(db, actor, cancellationToken) ?? $"#{actor.ToString(CultureInfo.InvariantCulture)}");
        if (filter.ActorType is { } actorType) parts.Add(L[EnumLabels.For(actorType)]);
        if (filter.Principle is { } principle) parts.Add(names.PrincipleName(principle, language));
        if (filter.Year is { } year) parts.Add(year.ToString(CultureInfo.InvariantCulture));
        if (filter.Assessed) parts.Add(L["with a published assessment"]);
        return parts;
    }
}
