using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SscPortal.BrowserTests.Infrastructure;

/// <summary>
/// axe-core (vendored from npm in Axe/, with its licence), evaluated into the page through the DevTools protocol: the
/// portal's Content-Security-Policy forbids inline script, and the test leaves that policy as it is.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Axe", "axe.min.js")));

    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    public static async Task<IReadOnlyList<Violation>> RunAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.EvaluateAsync(Source.Value);
        var result = await page.EvaluateAsync<JsonElement>("""
            async (tags) => {
              const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                targets: v.nodes.map(n => n.target.join(' ') + (n.failureSummary ? ' — ' + n.failureSummary.replace(/\s+/g, ' ') : ''))
              }));
            }
            """, Tags);
        return result.EnumerateArray().Select(v => new Violation(
            v.GetProperty("id").GetString()!, v.GetProperty("impact").GetString() ?? "unknown", v.GetProperty("help").GetString()!,
            v.GetProperty("helpUrl").GetString()!, v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!).ToList())).ToList();
    }

    /// <summary>Fails when the page has any serious or critical violation, listing each with its elements and help.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, ITestOutputHelper output)
    {
        var violations = await RunAsync(page);
        foreach (var minor in violations.Where(v => v.Impact is not ("serious" or "critical")))
            output.WriteLine($"axe ({minor.Impact}) on {page.Url}: {minor.Id}: {minor.Help} — {string.Join("; ", minor.Targets.Take(3))}");
        var serious = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (serious.Count == 0) return;
        var message = new StringBuilder($"axe-core found {serious.Count} serious or critical WCAG 2.1 A/AA violation(s) on {page.Url}:");
        foreach (var v in serious)
        {
            message.Append(CultureInfo.InvariantCulture, $"\n- {v.Id} ({v.Impact}): {v.Help} <{v.HelpUrl}>");
            foreach (var target in v.Targets.Take(10)) message.Append(CultureInfo.InvariantCulture, $"\n    {target}");
            if (v.Targets.Count > 10) message.Append(CultureInfo.InvariantCulture, $"\n    … and {v.Targets.Count - 10} more");
        }
        Assert.Fail(message.ToString());
    }

    public sealed record Violation(string Id, string Impact, string Help, string HelpUrl, IReadOnlyList<string> Targets);
}
