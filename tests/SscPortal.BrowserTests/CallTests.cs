using SscPortal.BrowserTests.Infrastructure;
using SscPortal.Web.Data.Seed;

namespace SscPortal.BrowserTests;

/// <summary>
/// Calls on a phone: a visitor finds the closed Mercociudades-style call through the main navigation and reads its results
/// (the selected projects); a CSO admin opens the open call for good practices and goes from "Apply" to its organisation's
/// application; the network's officer reaches the applications, scores and decisions of its call; the good practices and
/// the figures of calls are reached from the calls' page. Every page is checked with axe-core and for sideways scrolling.
/// </summary>
public sealed class CallTests(BrowserSuite suite, ITestOutputHelper output) : IClassFixture<BrowserSuite>
{
    private static readonly string Funding = DemoData.Calls.Single(c => c.Kind == SscPortal.Domain.CallKind.Funding).Title;
    private static readonly string GoodPractices = DemoData.Calls.Single(c => c.Kind == SscPortal.Domain.CallKind.GoodPractice).Title;

    [Fact]
    public async Task On_a_phone_a_visitor_reads_a_calls_results_an_applicant_reaches_its_application_and_the_caller_its_decisions()
    {
        await using var visit = await suite.VisitAsync(Mode.Phone, output);
        var page = visit.Page;
        await visit.StartAtHomeAsync();

        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Calls", Exact = true }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Calls" })).ToBeVisibleAsync();
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = Funding }).First);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = Funding })).ToBeVisibleAsync();
        var results = page.Locator("section#results");
        await Assertions.Expect(results).ToContainTextAsync("Participatory budgeting between Montevideo and Rosario");
        await Assertions.Expect(results).Not.ToContainTextAsync("Climate adaptation plans of Andean cities");

        // The figures of calls and the good practices, from the calls' page.
        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Calls", Exact = true }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "Calls in figures" }).First);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Calls in figures" })).ToBeVisibleAsync();
        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Good practices" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Good practices" })).ToBeVisibleAsync();

        // IBON's admin opens the call for good practices and goes from "Apply" to its organisation's application.
        await visit.SignInAsync("cso.admin@example.org");
        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Calls", Exact = true }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = GoodPractices }).First);
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "Apply", Exact = true }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = $"Apply to “{GoodPractices}”" })).ToBeVisibleAsync();
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "Open its application" }).First);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Answers" })).ToBeVisibleAsync();
        await visit.SignOutAsync();

        // The network's officer reaches the applications, scores and decisions of its call.
        await visit.SignInAsync("network.officer@example.org");
        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Calls", Exact = true }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = Funding }).First);
        await visit.FollowAsync(page.GetByRole(AriaRole.Region, new() { Name = "Manage this call" }).GetByRole(AriaRole.Link, new() { Name = "Applications and decisions" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Applications, scores and decisions" })).ToBeVisibleAsync();
        await Assertions.Expect(visit.MainContent()).ToContainTextAsync("Participatory budgeting between Montevideo and Rosario");
        await visit.SignOutAsync();
    }
}
