using SscPortal.BrowserTests.Infrastructure;

namespace SscPortal.BrowserTests;

/// <summary>The checks the flows rely on do catch what they look for, so that a passing flow means something.</summary>
public sealed class HarnessTests(BrowserSuite suite, ITestOutputHelper output) : IClassFixture<BrowserSuite>
{
    [Fact]
    public async Task Axe_reports_an_image_without_a_text_alternative_and_a_field_without_a_label()
    {
        await using var visit = await suite.VisitAsync(Mode.Desktop, output);
        await visit.Page.SetContentAsync("<html lang=en><title>t</title><main><img src=data:image/gif;base64,R0lGODlhAQABAAAAACw= ><input type=text></main></html>");
        var ids = (await Axe.RunAsync(visit.Page)).Select(v => v.Id).ToList();
        Assert.Contains("image-alt", ids);
        Assert.Contains("label", ids);
    }

    [Fact]
    public async Task Axe_runs_under_the_portals_content_security_policy()
    {
        await using var visit = await suite.VisitAsync(Mode.Desktop, output);
        var response = await visit.Page.GotoAsync("/");
        Assert.Contains("script-src", (await response!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        await Axe.RunAsync(visit.Page);
        Assert.True(await visit.Page.EvaluateAsync<bool>("() => typeof axe.run === 'function'"));
    }
}
