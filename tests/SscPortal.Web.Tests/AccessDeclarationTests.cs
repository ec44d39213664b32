using Microsoft.AspNetCore.Routing.Patterns;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SscPortal.Web.Tests.Infrastructure;

namespace SscPortal.Web.Tests;

/// <summary>
/// Every endpoint of the running portal — pages and their handlers, the open data, the health checks, the API description,
/// the benchmark baseline when it is mapped — states who may use it, with [AllowAnonymous] / AllowAnonymous() or
/// [Authorize] / RequireAuthorization(). One that says nothing would fall to the fallback policy (a signed-in user,
/// Security/SignedInByDefault.cs); here it fails, so that nobody relies on the fallback without saying so.
/// </summary>
public abstract class AccessDeclarationTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Portal;

    private static List<string> Undeclared(WebApplicationFactory<Program> portal) =>
        EndpointDiscovery.Endpoints(portal)
            .Where(e => e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Endpoint.Metadata.GetMetadata<IAuthorizeData>() is null)
            .Select(e => $"{e.Template} ({e.Endpoint.DisplayName})")
            .ToList();

    [Fact]
    public void Every_endpoint_declares_who_may_use_it()
    {
        var endpoints = EndpointDiscovery.Endpoints(Portal);
        // Pages and minimal APIs are both there, or the test proves nothing about one of them.
        Assert.Contains(endpoints, e => e.Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null);
        Assert.Contains(endpoints, e => e.Template == "/api/v1/initiatives");
        Assert.Contains(endpoints, e => e.Template == "/health/live");

        var undeclared = Undeclared(Portal);
        Assert.True(undeclared.Count == 0, "Endpoints without an access declaration: " + string.Join(", ", undeclared));
    }

    [Fact]
    public async Task The_benchmark_baseline_declares_who_may_use_it_when_it_is_mapped()
    {
        // Mapped with Bench:Baseline and a PostgreSQL connection string; mapping it opens no connection, so any string will do here.
        await using var benchmarked = Portal.WithWebHostBuilder(web =>
        {
            web.UseSetting("Bench:Baseline", "true");
            if (Portal.Provider != SscPortal.Web.Data.DatabaseProvider.Postgres)
                web.UseSetting("ConnectionStrings:Postgres", "Host=127.0.0.1;Database=bench-baseline-is-never-asked");
        });

        Assert.Contains(EndpointDiscovery.Endpoints(benchmarked), e => e.Template == "/bench/baseline");
        var undeclared = Undeclared(benchmarked);
        Assert.True(undeclared.Count == 0, "Endpoints without an access declaration: " + string.Join(", ", undeclared));
    }

    /// <summary>What an endpoint that declares nothing would get: a visitor is refused, a signed-in user let in; a request no endpoint answers passes (it is a 404).</summary>
    [Fact]
    public async Task An_endpoint_that_says_nothing_needs_a_signed_in_user()
    {
        var fallback = await Portal.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();
        Assert.NotNull(fallback);
        using var scope = Portal.Services.CreateScope();
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        var visitor = new ClaimsPrincipal(new ClaimsIdentity());
        var member = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "someone")], "Test"));
        HttpContext Request(bool withEndpoint)
        {
            var context = new DefaultHttpContext();
            if (withEndpoint) context.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/says-nothing"), 0, EndpointMetadataCollection.Empty, "MapPost that says nothing"));
            return context;
        }

        Assert.False((await authorization.AuthorizeAsync(visitor, Request(withEndpoint: true), fallback)).Succeeded);
        Assert.True((await authorization.AuthorizeAsync(member, Request(withEndpoint: true), fallback)).Succeeded);
        Assert.True((await authorization.AuthorizeAsync(visitor, Request(withEndpoint: false), fallback)).Succeeded);
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/admin/no-such-page")]
    [InlineData("/initiatives/12/no-such-page")]
    public async Task An_unknown_address_is_a_404_page_for_a_visitor_not_a_sign_in_prompt(string address)
    {
        using var visitor = Portal.CreateBrowser(followRedirects: false);

        var page = await visitor.GetAsync(address);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, page.Status);
        Assert.StartsWith("text/html", page.Response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("main h1"));
    }

    [Fact]
    public async Task Static_files_and_the_api_description_are_served_to_a_visitor()
    {
        using var visitor = Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        Assert.Equal(System.Net.HttpStatusCode.OK, (await visitor.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await visitor.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        var css = await visitor.GetAsync(new Uri("/css/site.css", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, css.StatusCode);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class AccessDeclarationOnSqlite(SqlitePortalFixture fixture) : AccessDeclarationTests(fixture);

[Collection(PostgresSuite.Name)]
public sealed class AccessDeclarationOnPostgres(PostgresPortalFixture fixture) : AccessDeclarationTests(fixture);
