using SscPortal.Web.Calls;
using SscPortal.Web.Records;
using SscPortal.Web.Diagnostics;
using SscPortal.Web.Reference;
using SscPortal.Web.Caching;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Serilog;
using SscPortal.Web;
using SscPortal.Web.Accounts;
using SscPortal.Web.Authorization;
using SscPortal.Web.Commands;
using SscPortal.Web.Data;
using SscPortal.Web.Data.Seed;
using SscPortal.Web.Events;
using SscPortal.Web.Evidence;
using SscPortal.Web.Exchange;
using SscPortal.Web.Feeds;
using SscPortal.Web.Localization;
using SscPortal.Web.Logging;
using SscPortal.Web.Mail;
using SscPortal.Web.Notifications;
using SscPortal.Web.OpenData;
using SscPortal.Web.Search;
using SscPortal.Web.Security;

// The container's health check (docker-compose.yml): asks the running portal, before anything of this one is built.
if (args is ["health-check", ..])
    return await HealthCheckCommand.RunAsync(args, Console.Out);

var builder = WebApplication.CreateBuilder(args);

// Logging: structured, one line per request, with the trace id the error page shows.
builder.Services.AddSerilog((services, log) => log
    .ReadFrom.Configuration(builder.Configuration)
    .ReadFrom.Services(services)
    .Enrich.FromLogContext()
    .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {TraceId}{NewLine}{Exception}",
        formatProvider: System.Globalization.CultureInfo.InvariantCulture));

// Data: SQLite by default, PostgreSQL by configuration; migrated and seeded on start.
builder.Services.AddPortalDatabase(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddScoped<ReferenceDataSeeder>();
builder.Services.AddScoped<DemoDataSeeder>();
builder.Services.AddSingleton<DatabaseInitializer>();
builder.Services.AddHostedService(services => services.GetRequiredService<DatabaseInitializer>());
builder.Services.AddSingleton<ReferenceData>();
builder.Services.AddSingleton(TimeProvider.System);

// Sign-in and antiforgery keys live in the database: a restart or a second instance keeps everyone signed in.
// With DataProtection:CertificatePath they are encrypted at rest with that certificate (Security/KeyProtection.cs).
builder.Services.AddDataProtection().PersistKeysToDbContext<AppDbContext>().SetApplicationName("SscPortal")
    .ProtectKeysAtRest(builder.Configuration, builder.Environment);

// Accounts: ASP.NET Core Identity with the password and lockout rules in AccountSetup.
builder.Services.AddPortalAccounts(builder.Configuration);
builder.Services.AddPortalRateLimits(builder.Configuration);
// Mail: written to the outbox with the change that causes it, delivered by a background sender over SMTP or to a pickup folder (Mail/).
builder.Services.AddPortalMail(builder.Configuration);
// Notifications: who is told of what, in the portal's bell and by mail or a daily digest, by their preferences (Notifications/).
builder.Services.AddPortalNotifications(builder.Configuration);
// Evidence: files on the local disk or in an S3-compatible store, checked from their content and stripped of hidden metadata;
// testimonies shown only as their givers consented; a cleanup of what failed uploads leave (Evidence/).
builder.Services.AddPortalEvidence(builder.Configuration);
// Offers and needs: suggested matches with their reasons, conversations about them, and the initiatives they start (Exchange/).
builder.Services.AddPortalExchange();
builder.Services.AddPortalReviews();
builder.Services.AddPortalApplications();
// Events: registration with a waiting list, mail with calendar files, and the deletion of participants' data after the event (Events/).
builder.Services.AddPortalRegistrations(builder.Configuration);
// IATI import: uploads, their preview and import as drafts, the cleanup of old uploads (Import/).
builder.Services.AddPortalImport(builder.Configuration);
// Data quality: the checks, /my/quality and /data-quality, and the link checker (Quality/).
builder.Services.AddPortalQuality(builder.Configuration);
// A request may carry the largest file allowed (Files:MaxMegabytes) and its form; Kestrel's own limit is about 28 MB.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize =
    Math.Max(30_000_000L, (builder.Configuration.GetValue("Files:MaxMegabytes", 25) + 2) * 1024L * 1024L));
// X-Forwarded-For and -Proto only from the proxies named in configuration (Security/TrustedProxies.cs).
builder.Services.AddTrustedProxies(builder.Configuration);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<Access>();
builder.Services.AddScoped<OfficialParties>();
// The official parties' response period to a published assessment ("Assessments:ResponseDays", 60 by default; Catalogue/ResponseDeadlines.cs).
builder.Services.Configure<SscPortal.Web.Catalogue.AssessmentOptions>(builder.Configuration.GetSection(SscPortal.Web.Catalogue.AssessmentOptions.Section));
builder.Services.AddScoped<SscPortal.Web.Catalogue.ResponseDeadlines>();
builder.Services.AddScoped<CommentWindows>();
builder.Services.AddScoped<AuditLog>();
builder.Services.AddScoped<History>();
builder.Services.AddScoped<SscPortal.Web.Catalogue.LocationsForReader>();
// The one save path for versioned records: version check, history and audit in one transaction, conflicts (Records/RecordSaver.cs).
builder.Services.AddScoped<SscPortal.Web.Records.RecordSaver>();
builder.Services.AddScoped<SscPortal.Web.Forms.SubmitOnce>();
// Public counts and pages over the whole catalogue are kept for two minutes (Caching/CatalogueCache.cs); the cache is bounded.
builder.Services.AddMemoryCache(options => options.SizeLimit = 5_000);
builder.Services.AddSingleton<CatalogueCache>();
// A published record's page as everyone sees it, kept per record and language until the content changes (Caching/RecordPageCache.cs).
builder.Services.AddSingleton<RecordPageCache>();
// What pages read about a signed-in reader (memberships, follows), kept per reader until the content changes; never for a form sent.
builder.Services.AddSingleton<ReaderCache>();
// The catalogue's facet counts: exact in one pass, or estimated for a very large result and counted exactly in the background;
// the whole catalogue's kept in step on write (Search/).
builder.Services.AddPortalSearch();
// Several instances on one PostgreSQL database start their caches afresh together, over LISTEN/NOTIFY (Caching/InstanceSync.cs).
builder.Services.AddPortalInstanceSync(builder.Configuration);
// Whole public pages for anonymous readers, per address and language (Caching/AnonymousPageCache.cs); bounded in size.
builder.Services.AddOutputCache(options =>
{
    options.SizeLimit = 256 * 1024 * 1024;
    options.AddPolicy(AnonymousPageCache.PolicyName, new AnonymousPageCache(builder.Configuration.GetValue("Caching:AnonymousPages", true)));
});

// Every endpoint says who may use it ([AllowAnonymous] or [Authorize] on pages, AllowAnonymous() on minimal APIs); one that
// says nothing needs a signed-in user, by the fallback policy, which lets an unknown address stay a 404 (Security/SignedInByDefault.cs).
// Rights over records and the platform's own operations come from the access table, in one handler per kind of record
// (Authorization/): pages ask IAuthorizationService "may this reader publish this initiative?" and nothing else.
builder.Services.AddAuthorizationBuilder().SetSignedInFallbackPolicy().AddPortalRights();
builder.Services.AddRouting(options => options.LowercaseUrls = true);
builder.Services.AddPortalLocalization();
builder.Services.AddRazorPages(options =>
    {
        options.Conventions.AddPageRoute("/Initiatives/Edit", "initiatives/new");
        options.Conventions.AddPageRoute("/Partnerships/Edit", "partnerships/new");
        options.Conventions.AddPageRoute("/Exchange/Edit", "exchange/new");
        options.Conventions.AddPageRoute("/Assessments/Edit", "initiatives/{initiativeId:int}/assess");
    })
    // A NUL character in a posted form is refused before it is bound (Security/NulCharacterGuard.cs).
    .AddMvcOptions(options => options.Filters.Add<NulCharacterGuard.FormFilter>())
    .AddViewLocalization().AddDataAnnotationsLocalization(options =>
    options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

// Outside Development, browsers are told to use HTTPS only, for a year, on every subdomain.
builder.Services.AddHsts(options =>
{
    options.MaxAge = TimeSpan.FromDays(365);
    options.IncludeSubDomains = true;
});
builder.Services.AddHealthChecks().AddCheck<DatabaseReadinessCheck>("database", tags: ["ready"]);
// The JSON API's description, generated from its endpoints and their parameters (OpenData/ApiDocument.cs); its errors are problems.
builder.Services.AddOpenApi("v1", options => options.DescribeOpenData());
builder.Services.AddApiProblems();
// The licence the portal's data is published under, said on every export, feed and API answer (OpenData/OpenDataLicence.cs).
builder.Services.AddOpenDataLicence(builder.Configuration);

var app = builder.Build();

if (args is ["create-admin", ..])
    return await CreateAdminCommand.RunAsync(app.Services, args, Console.In, Console.Out);
if (args is ["seed-synthetic", ..])
    return await SeedSyntheticCommand.RunAsync(app.Services, args, Console.Out);
if (args is ["recount-facet-keys", ..])
    return await RecountFacetKeysCommand.RunAsync(app.Services, Console.Out);
if (args is ["bench-matches", ..])
    return await BenchMatchesCommand.RunAsync(app.Services, args, Console.Out);

// One log line per request, outermost, so that it records the status the reader was sent (503 during an outage, not the
// 500 an exception would mean before the error page answers it). It writes to this portal's logger, not the static one
// (which the last host started in the process would own).
app.UseSerilogRequestLogging(options =>
{
    options.GetLevel = RequestLogLevel.For;
    options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
});
// Started on plain HTTP with Secure cookies, nobody could sign in: say so in the log (and on the sign-in pages).
app.WarnWhenSignInNeedsHttps();
// Behind a proxy that is not named in configuration, forwarded headers are ignored: say so in the log (Security/TrustedProxies.cs).
app.WarnWhenNoProxyIsTrusted();
// The language first: the error and status pages below re-run the rest of the pipeline without the original query
// string, so a language chosen by ?culture= would otherwise be lost on them (a Spanish reader's 404 in English).
app.UseRequestLocalization();
// The friendly error page in every environment: stack traces go to the log, never to the reader.
// A request the portal cannot read (a body over the limit, too many form fields, a truncated upload) is the client's
// error: 400 or 413 with the friendly status page, not a 500 (Security/UnreadableRequests.cs).
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    ExceptionHandlingPath = "/error",
    StatusCodeSelector = error => UnreadableRequests.StatusFor(error) ?? StatusCodes.Status500InternalServerError,
    SuppressDiagnosticsCallback = context => UnreadableRequests.StatusFor(context.Exception) is not null,
});
app.UseStatusCodePagesWithReExecute("/status/{0}");
// Under /api/ errors are application/problem+json instead of those pages (OpenData/ApiProblems.cs).
app.UseApiProblems();
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseSecurityHeaders();
app.UseOpenDataLicence();
if (app.Configuration.GetValue<bool>("Diagnostics:SqlStatementHeader")) app.UseSqlStatementHeader();
app.UseQueryStringLimit(maxLength: 2048);
app.UseNulCharacterGuard();
app.UseStaticFiles();
app.UseRouting();
app.UseRequestBodyLimits();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseOutputCache();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
app.MapRazorPages();
app.MapOpenData();
// Atom feeds of the catalogue's searches, the assessments, each organisation and each country, for any feed reader (Feeds/).
app.MapFeeds();
// One document, v1: any other name is the ordinary 404 page (the generator's own 404 would echo the name as plain text).
app.MapOpenApi("/openapi/{documentName:regex(^v1$)}.json").AllowAnonymous();
if (app.Configuration.GetValue<bool>("Bench:Baseline") && app.Configuration.GetConnectionString("Postgres") is { Length: > 0 } benchDatabase)
    app.MapBenchBaseline(benchDatabase);

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
