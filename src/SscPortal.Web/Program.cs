using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Serilog;
using SscPortal.Web;
using SscPortal.Web.Accounts;
using SscPortal.Web.Catalogue;
using SscPortal.Web.Commands;
using SscPortal.Web.Data;
using SscPortal.Web.Data.Seed;
using SscPortal.Web.Localization;
using SscPortal.Web.OpenData;
using SscPortal.Web.Security;

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
builder.Services.AddDataProtection().PersistKeysToDbContext<AppDbContext>().SetApplicationName("SscPortal");

// Accounts: ASP.NET Core Identity with the password and lockout rules in AccountSetup.
builder.Services.AddPortalAccounts(builder.Configuration);
builder.Services.AddPortalRateLimits(builder.Configuration);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<Access>();
builder.Services.AddScoped<AssessmentRights>();
builder.Services.AddScoped<AuditLog>();
builder.Services.AddScoped<History>();
builder.Services.AddScoped<SscPortal.Web.Forms.SubmitOnce>();
// Public counts and pages over the whole catalogue are kept for two minutes (Catalogue/CatalogueCache.cs); the cache is bounded.
builder.Services.AddMemoryCache(options => options.SizeLimit = 5_000);
builder.Services.AddSingleton<CatalogueCache>();
// Whole public pages for anonymous readers, per address and language (Catalogue/AnonymousPageCache.cs); bounded in size.
builder.Services.AddOutputCache(options =>
{
    options.SizeLimit = 256 * 1024 * 1024;
    options.AddPolicy(AnonymousPageCache.PolicyName, new AnonymousPageCache(builder.Configuration.GetValue("Caching:AnonymousPages", true)));
});

// Pages: every page says who may use it ([AllowAnonymous] or [Authorize]); one that says nothing needs a signed-in user.
// (A folder convention rather than a fallback policy, so an unknown address stays a 404 instead of a sign-in prompt.)
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(Policies.PlatformStaff, policy => policy.RequireRole(PlatformRoles.Moderator, PlatformRoles.Administrator))
    .AddPolicy(Policies.Administrator, policy => policy.RequireRole(PlatformRoles.Administrator));
builder.Services.AddRouting(options => options.LowercaseUrls = true);
builder.Services.AddPortalLocalization();
builder.Services.AddRazorPages(options =>
    {
        options.Conventions.AuthorizeFolder("/");
        options.Conventions.AddPageRoute("/Initiatives/Edit", "initiatives/new");
        options.Conventions.AddPageRoute("/Partnerships/Edit", "partnerships/new");
        options.Conventions.AddPageRoute("/Assessments/Edit", "initiatives/{initiativeId:int}/assess");
    }).AddViewLocalization().AddDataAnnotationsLocalization(options =>
    options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

// Outside Development, browsers are told to use HTTPS only, for a year, on every subdomain.
builder.Services.AddHsts(options =>
{
    options.MaxAge = TimeSpan.FromDays(365);
    options.IncludeSubDomains = true;
});
builder.Services.AddHealthChecks().AddCheck<DatabaseReadinessCheck>("database", tags: ["ready"]);
// The JSON API's description, generated from its endpoints (OpenData/OpenDataEndpoints.cs).
builder.Services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
{
    document.Info.Title = "SSC Portal open data";
    document.Info.Description = "Published South-South cooperation initiatives, organisations and people-centred assessments. Read-only, no account needed.";
    return Task.CompletedTask;
}));

var app = builder.Build();

if (args is ["create-admin", ..])
    return await CreateAdminCommand.RunAsync(app.Services, args, Console.In, Console.Out);
if (args is ["seed-synthetic", ..])
    return await SeedSyntheticCommand.RunAsync(app.Services, args, Console.Out);

// The friendly error page in every environment: stack traces go to the log, never to the reader.
app.UseExceptionHandler("/error");
app.UseStatusCodePagesWithReExecute("/status/{0}");
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseSecurityHeaders();
if (app.Configuration.GetValue<bool>("Diagnostics:SqlStatementHeader")) app.UseSqlStatementHeader();
app.UseQueryStringLimit(maxLength: 2048);
app.UseStaticFiles();
app.UseSerilogRequestLogging();
app.UseRouting();
app.UseRequestLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseOutputCache();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
app.MapRazorPages();
app.MapOpenData();
app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
if (app.Configuration.GetValue<bool>("Bench:Baseline") && app.Configuration.GetConnectionString("Postgres") is { Length: > 0 } benchDatabase)
    app.MapBenchBaseline(benchDatabase);

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
