namespace SscPortal.BrowserTests.Infrastructure;

/// <summary>
/// One running portal and one headless Chromium, shared by the tests of a class; each test opens its own browser
/// context (its own cookies), so tests never see each other's sign-ins.
/// </summary>
public sealed class BrowserSuite : IAsyncLifetime
{
    /// <summary>Debian's Chromium by default (Playwright cannot download its own browsers here); SSC_CHROMIUM overrides it.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("SSC_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>
    /// How long a step may take before it fails: generous, because CI runs these tests on two cores alongside the web
    /// tests, where a page with axe-core checks can take many seconds. SSC_BROWSER_TIMEOUT (seconds) overrides it.
    /// </summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("SSC_BROWSER_TIMEOUT"), out var seconds) && seconds > 0 ? seconds : 45);

    private IPlaywright? _playwright;

    public PortalServer Portal { get; } = new();
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ChromiumPath}. Install it (sudo apt-get install -y chromium) " +
                "or set SSC_CHROMIUM to the path of a Chromium or Chrome executable.");
        BaseAddress = Portal.BaseAddress;
        // Starting the host migrates and seeds the database; wait until it says it is ready.
        using var client = new HttpClient { BaseAddress = BaseAddress };
        (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();

        // Web-first assertions (Expect) wait 5 s by default: as long as any other step instead.
        Assertions.SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    /// <summary>A fresh browser context and page for one test, sized and driven as the mode says.</summary>
    public async Task<Visit> VisitAsync(Mode mode, ITestOutputHelper output, bool javaScript = true)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString().TrimEnd('/'),
            AcceptDownloads = true,
            Locale = "en-GB",
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        };
        if (mode == Mode.Phone)
        {
            options.ViewportSize = new ViewportSize { Width = 375, Height = 812 };
            options.IsMobile = true;
            options.HasTouch = true;
            options.DeviceScaleFactor = 2;
        }
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Timeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        return new Visit(context, page, mode, output, javaScript);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Portal.DisposeAsync();
    }
}

/// <summary>How a test drives the browser: a mouse on a desktop screen, a finger on a 375 px phone, or the keyboard alone.</summary>
public enum Mode { Desktop, Phone, Keyboard }
