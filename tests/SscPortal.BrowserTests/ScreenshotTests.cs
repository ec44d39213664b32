using System.Text.RegularExpressions;
using SscPortal.BrowserTests.Infrastructure;

namespace SscPortal.BrowserTests;

/// <summary>
/// Full-page pictures of the main pages at desktop width, in English and in Spanish: into the folder named by
/// SSC_SCREENSHOTS (tools/screenshots.sh writes docs/screenshots/), or a temporary folder that is thrown away.
/// </summary>
public sealed class ScreenshotTests(BrowserSuite suite, ITestOutputHelper output) : IClassFixture<BrowserSuite>
{
    [Fact]
    public async Task The_main_pages_are_photographed_in_English_and_Spanish()
    {
        var target = Environment.GetEnvironmentVariable("SSC_SCREENSHOTS") is { Length: > 0 } folder ? Path.GetFullPath(folder) : null;
        var directory = target ?? Path.Combine(Path.GetTempPath(), "ssc-screenshots-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            foreach (var (language, switcher) in new[] { ("en", (string?)null), ("es", "Español") })
            {
                await using var visit = await suite.VisitAsync(Mode.Desktop, output);
                visit.CheckAccessibility = false;
                var page = visit.Page;
                await visit.StartAtHomeAsync();
                if (switcher is not null)
                    await visit.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = switcher }).Or(page.GetByRole(AriaRole.Link, new() { Name = switcher })));
                await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
                await ShootAsync(page, directory, $"home.{language}.png");

                var nav = page.GetByRole(AriaRole.Navigation).First;
                await visit.FollowAsync(nav.Locator("a[href='/initiatives']"));
                await ShootAsync(page, directory, $"catalogue.{language}.png");
                await visit.FollowAsync(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Cooperación triangular Perú–Alemania–Paraguay") }).First);
                await ShootAsync(page, directory, $"initiative.{language}.png");
                await visit.FollowAsync(page.Locator("a[href^='/assessments/']").First);
                await ShootAsync(page, directory, $"assessment.{language}.png");
                await visit.FollowAsync(nav.Locator("a[href='/stats']"));
                await ShootAsync(page, directory, $"stats.{language}.png");
                await visit.FollowAsync(visit.MainContent().Locator("a[href^='/map']").First);
                await ShootAsync(page, directory, $"map.{language}.png");
            }
            var pictures = Directory.GetFiles(directory, "*.png");
            Assert.Equal(12, pictures.Length);
            foreach (var picture in pictures)
            {
                var bytes = await File.ReadAllBytesAsync(picture, TestContext.Current.CancellationToken);
                Assert.True(bytes.Length > 10_000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', $"{picture} is not a picture of a page.");
                output.WriteLine($"{Path.GetFileName(picture)}: {bytes.Length / 1024:N0} KB");
            }
        }
        finally
        {
            if (target is null) Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The whole page, down to at most 1,800 px, so that the pictures kept in the repository stay small.</summary>
    private static async Task ShootAsync(IPage page, string directory, string name)
    {
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        await page.ScreenshotAsync(new()
        {
            Path = Path.Combine(directory, name), FullPage = true, Animations = ScreenshotAnimations.Disabled,
            Clip = new Clip { X = 0, Y = 0, Width = 1280, Height = Math.Min(height, 1800) },
        });
    }
}
