using System.Net;
using System.Net.Sockets;
using System.Text;
using SscPortal.BrowserTests.Infrastructure;

namespace SscPortal.BrowserTests;

/// <summary>
/// Embeddable widgets in a real Chromium: a page of another site (another port on loopback, so another origin) frames two
/// widgets (a country's, a catalogue search's) and an ordinary page of the portal; the widgets show, the ordinary page is
/// refused (frame-ancestors 'none').
/// On a phone, a visitor goes from the catalogue's "Embed" link to the generator, makes a country's widget and opens it;
/// the generator (with its live preview) and the widget pass axe-core, and the widget fits a 300 px frame.
/// </summary>
public sealed class WidgetTests(BrowserSuite suite, ITestOutputHelper output) : IClassFixture<BrowserSuite>
{
    [Fact]
    public async Task Another_site_frames_a_widget_but_not_an_ordinary_page_of_the_portal()
    {
        var portal = suite.BaseAddress.ToString().TrimEnd('/');
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Another site</title></head>
            <body><h1>Another site</h1>
            <iframe id="widget" title="A widget of the SSC Portal" src="{portal}/widgets/countries/pe?culture=es" width="300" height="500"></iframe>
            <iframe id="search" title="A search widget of the SSC Portal" src="{portal}/widgets/initiatives?q=agua&amp;culture=pt" width="300" height="500"></iframe>
            <iframe id="ordinary" title="An ordinary page of the SSC Portal" src="{portal}/initiatives" width="300" height="500"></iframe>
            </body></html>
            """;
        await using var site = OtherSite.Start(html);
        Assert.NotEqual(new Uri(portal).Port, site.Address.Port);

        await using var visit = await suite.VisitAsync(Mode.Desktop, output);
        var page = visit.Page;
        var refusals = new List<string>();
        page.Console += (_, message) => { lock (refusals) refusals.Add(message.Text); };
        var ordinaryAnswered = page.WaitForResponseAsync(response => response.Url.StartsWith(portal + "/initiatives", StringComparison.Ordinal));
        await page.GotoAsync(site.Address.ToString());
        await ordinaryAnswered;

        // The widget shows its country, in the language its address asks for.
        var widget = page.FrameLocator("#widget");
        await Assertions.Expect(widget.Locator("h1")).ToHaveTextAsync("Perú");
        await Assertions.Expect(widget.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Assertions.Expect(widget.GetByRole(AriaRole.Link, new() { Name = "Ver todo en el Portal de Cooperación Sur-Sur", Exact = false })).ToBeVisibleAsync();

        // A catalogue search's widget too, in Portuguese, linking back to the same search on the portal.
        var search = page.FrameLocator("#search");
        await Assertions.Expect(search.Locator("html")).ToHaveAttributeAsync("lang", "pt");
        await Assertions.Expect(search.Locator("h1.widget-title")).ToContainTextAsync("agua");
        await Assertions.Expect(search.Locator("h1.widget-title a[target=_blank]")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"/initiatives\?q=agua"));

        // The ordinary page arrived but Chromium refused to show it in the frame: it says so, and the frame holds none of it.
        await AssertEventuallyAsync(() => { lock (refusals) return refusals.Any(r => r.Contains("frame-ancestors 'none'", StringComparison.Ordinal)); },
            () => "Chromium did not refuse the ordinary page: " + string.Join(" | ", refusals));
        var ordinary = await (await page.QuerySelectorAsync("#ordinary"))!.ContentFrameAsync();
        Assert.NotNull(ordinary);
        Assert.DoesNotContain("/initiatives", ordinary.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(portal, ordinary.Url, StringComparison.Ordinal);
        // Chromium's own error page (chrome-error://) stands in its place: none of the portal's page is in the frame.
        await Assertions.Expect(page.FrameLocator("#ordinary").Locator(".site-header, .catalogue")).ToHaveCountAsync(0);
        await Assertions.Expect(page.FrameLocator("#ordinary").GetByRole(AriaRole.Heading, new() { Name = "Initiatives", Exact = true })).ToHaveCountAsync(0);
        Assert.Equal(1, site.Requests);
    }

    [Fact]
    public async Task On_a_phone_a_visitor_makes_a_countrys_widget_from_the_catalogue_and_both_pages_pass_axe()
    {
        await using var visit = await suite.VisitAsync(Mode.Phone, output);
        var page = visit.Page;
        await visit.StartAtHomeAsync();
        await visit.FollowAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Initiatives", Exact = true }));
        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "Embed on your site" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Embed the SSC Portal on your site" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Radio, new() { Name = "A country's initiatives and figures" }).CheckAsync();
        await page.Locator("#country").SelectOptionAsync("PE");
        await page.Locator("#language").SelectOptionAsync("fr");
        await visit.FillAsync(page.Locator("#items"), "3");
        await visit.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "Make the code" }));

        var code = await page.Locator("#embed-code").InputValueAsync();
        Assert.Contains("/widgets/countries/pe?items=3&amp;culture=fr", code, StringComparison.Ordinal);
        Assert.Contains("title=\"", code, StringComparison.Ordinal);
        // The live preview is the widget itself, framed by the generator (same origin).
        await Assertions.Expect(page.FrameLocator("iframe.widget-frame").Locator("h1")).ToHaveTextAsync("Pérou");

        await visit.FollowAsync(visit.MainContent().GetByRole(AriaRole.Link, new() { Name = "Open the widget on its own" }));
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pérou");
        Assert.True(await page.Locator(".widget-list li").CountAsync() is >= 1 and <= 3);
        // A widget is often framed narrower than a phone: at 300 px it still reflows without sideways scrolling.
        await page.SetViewportSizeAsync(300, 600);
        await visit.CheckPageAsync();
    }

    private static async Task AssertEventuallyAsync(Func<bool> condition, Func<string> message)
    {
        var until = DateTime.UtcNow + BrowserSuite.Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > until) Assert.Fail(message());
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Another site: one HTML page on its own loopback port, answered by a bare TCP listener.</summary>
    private sealed class OtherSite : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly byte[] _page;
        private Task _serving = Task.CompletedTask;
        private int _requests;

        private OtherSite(string html) => _page = Encoding.UTF8.GetBytes(html);

        public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        public int Requests => Volatile.Read(ref _requests);

        public static OtherSite Start(string html)
        {
            var site = new OtherSite(html);
            site._listener.Start();
            site._serving = site.ServeAsync();
            return site;
        }

        private async Task ServeAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
                catch (OperationCanceledException) { return; }
                catch (SocketException) { return; }
                using (client)
                {
                    var stream = client.GetStream();
                    var buffer = new byte[8192];
                    var request = new StringBuilder();
                    while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var read = await stream.ReadAsync(buffer, _stop.Token);
                        if (read == 0) break;
                        request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }
                    var isPage = request.ToString().StartsWith("GET / ", StringComparison.Ordinal);
                    if (isPage) Interlocked.Increment(ref _requests);
                    var body = isPage ? _page : [];
                    var head = Encoding.ASCII.GetBytes(
                        $"HTTP/1.1 {(isPage ? "200 OK" : "404 Not Found")}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(head, _stop.Token);
                    await stream.WriteAsync(body, _stop.Token);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try { await _serving; } catch (OperationCanceledException) { /* stopped */ }
            _stop.Dispose();
        }
    }
}
