using System.Globalization;
using System.Text.Json;

namespace SscPortal.BrowserTests.Infrastructure;

/// <summary>
/// One person's visit: a browser context and its page, driven with a mouse (desktop), a finger (phone) or the keyboard
/// alone, checking each page it reaches with axe-core and watching for any script a form's input might smuggle in.
/// </summary>
public sealed class Visit : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _dialogs = [];
    private readonly List<string> _blockedScripts = [];

    public Visit(IBrowserContext context, IPage page, Mode mode, ITestOutputHelper output, bool javaScript = true)
    {
        JavaScript = javaScript;
        _context = context;
        Page = page;
        Mode = mode;
        Output = output;
        // An alert, confirm or prompt nobody asked for is a sign that input ran as script.
        page.Dialog += (_, dialog) => { lock (_dialogs) _dialogs.Add($"{dialog.Type}: {dialog.Message}"); _ = dialog.DismissAsync(); };
        // The Content-Security-Policy blocking an inline script or handler means markup from input reached the page.
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                lock (_blockedScripts) _blockedScripts.Add(message.Text);
        };
    }

    public IPage Page { get; }
    public Mode Mode { get; }
    /// <summary>Whether the page may run script; without it, the page is only looked at, never evaluated.</summary>
    public bool JavaScript { get; }
    public ITestOutputHelper Output { get; }

    /// <summary>Whether each page reached is checked with axe-core (the keyboard run sees the same pages as the desktop one).</summary>
    public bool CheckAccessibility { get; set; } = true;

    /// <summary>The one address a test types: the home page. Everything else is reached by following links and buttons.</summary>
    public async Task StartAtHomeAsync()
    {
        await Page.GotoAsync("/");
        await CheckPageAsync();
    }

    /// <summary>Follows a link or presses a button that loads a new page, then checks that page.</summary>
    public async Task FollowAsync(ILocator target)
    {
        var navigated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnNavigated(object? sender, IFrame frame) { if (frame == Page.MainFrame) navigated.TrySetResult(); }
        Page.FrameNavigated += OnNavigated;
        try
        {
            await ActivateAsync(target);
            try
            {
                await navigated.Task.WaitAsync(BrowserSuite.Timeout, TestContext.Current.CancellationToken);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"Activating {target} on {Page.Url} loaded no page.");
            }
        }
        finally
        {
            Page.FrameNavigated -= OnNavigated;
        }
        await LoadedAsync();
        Output.WriteLine($"{Mode}: {Page.Url}");
        await CheckPageAsync();
    }

    /// <summary>
    /// Waits until the new page has loaded: its load event, or else the network idle (every request, stylesheets included,
    /// finished). On a busy machine Chromium's load event for a page that arrived right after a redirect was twice not
    /// reported to Playwright at all, although the page and all it needs had arrived; the idle network says the same.
    /// </summary>
    private async Task LoadedAsync()
    {
        var load = Page.WaitForLoadStateAsync(LoadState.Load);
        var idle = Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var first = await Task.WhenAny(load, idle);
        var other = first == load ? idle : load;
        // The other wait still runs to its own end; what it says then no longer matters.
        _ = other.ContinueWith(t => t.Exception, TaskScheduler.Default);
        if (first.IsFaulted) await other;
        else await first;
    }

    /// <summary>Clicks, taps or (keyboard) tabs to the element and presses Enter.</summary>
    public async Task ActivateAsync(ILocator target)
    {
        switch (Mode)
        {
            case Mode.Desktop: await target.ClickAsync(); break;
            case Mode.Phone: await target.TapAsync(); break;
            default:
                await TabToAsync(target);
                await Page.Keyboard.PressAsync("Enter");
                break;
        }
    }

    public async Task FillAsync(ILocator field, string text)
    {
        if (Mode != Mode.Keyboard)
        {
            await field.FillAsync(text);
            return;
        }
        await TabToAsync(field);
        await Page.Keyboard.PressAsync("ControlOrMeta+A");
        await Page.Keyboard.PressAsync("Delete");
        // Long text goes in as one input event (as a paste would); short text is typed key by key.
        if (text.Length > 40) await Page.Keyboard.InsertTextAsync(text);
        else await Page.Keyboard.TypeAsync(text);
        Assert.Equal(text, await field.InputValueAsync());
    }

    /// <summary>
    /// Enters a date in an input of type date. Its value is always yyyy-MM-dd, which a mouse or a finger's browser takes
    /// as it is. From the keyboard the digits are typed into the field's parts, whose order is the browser's own (not the
    /// page's locale: a Chromium without British resources shows month/day/year), so each order is tried in turn,
    /// Shift+Tab going back to the first part between tries.
    /// </summary>
    public async Task FillDateAsync(ILocator field, DateOnly date)
    {
        var value = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (Mode != Mode.Keyboard)
        {
            await field.FillAsync(value);
            Assert.Equal(value, await field.InputValueAsync());
            return;
        }
        await TabToAsync(field);
        string[] orders = ["ddMMyyyy", "MMddyyyy", "yyyyMMdd"];
        var typed = new List<string>();
        foreach (var order in orders)
        {
            await Page.Keyboard.TypeAsync(date.ToString(order, CultureInfo.InvariantCulture));
            var now = await field.InputValueAsync();
            if (now == value) return;
            typed.Add($"{order} gave \"{now}\"");
            // Typing the last part leaves the focus there; two Shift+Tabs go back to the first of the three.
            for (var i = 0; i < 2; i++) await Page.Keyboard.PressAsync("Shift+Tab");
        }
        Assert.Fail($"Typing {value} into the date field in any order failed: {string.Join("; ", typed)}.");
    }

    /// <summary>Chooses the option whose visible text is <paramref name="label"/>.</summary>
    public async Task SelectAsync(ILocator select, string label)
    {
        if (Mode != Mode.Keyboard)
        {
            await select.SelectOptionAsync(new SelectOptionValue { Label = label });
            return;
        }
        await TabToAsync(select);
        var labels = await select.Locator("option").AllInnerTextsAsync();
        var wanted = labels.Select(l => l.Trim()).ToList().IndexOf(label);
        Assert.True(wanted >= 0, $"No option \"{label}\" in the list: {string.Join(", ", labels)}");
        var current = await select.EvaluateAsync<int>("s => s.selectedIndex");
        var key = wanted > current ? "ArrowDown" : "ArrowUp";
        for (var i = 0; i < Math.Abs(wanted - current); i++) await Page.Keyboard.PressAsync(key);
        Assert.Equal(wanted, await select.EvaluateAsync<int>("s => s.selectedIndex"));
    }

    /// <summary>Ticks a checkbox or chooses a radio button.</summary>
    public async Task CheckAsync(ILocator box)
    {
        if (await box.IsCheckedAsync()) return;
        switch (Mode)
        {
            case Mode.Desktop: await box.CheckAsync(); break;
            case Mode.Phone: await box.TapAsync(); break;
            default:
                if (await box.GetAttributeAsync("type") == "radio")
                {
                    // Tab enters a radio group once; the arrow keys move within it and choose.
                    var name = await box.GetAttributeAsync("name");
                    await TabToAsync(Page.Locator($"input[type=radio][name=\"{name}\"]:not([disabled])"), anyOf: true);
                    for (var i = 0; i < 50 && !await box.IsCheckedAsync(); i++) await Page.Keyboard.PressAsync("ArrowDown");
                }
                else
                {
                    await TabToAsync(box);
                    await Page.Keyboard.PressAsync("Space");
                }
                break;
        }
        Assert.True(await box.IsCheckedAsync(), "The box did not become ticked.");
    }

    /// <summary>
    /// Presses Tab until the element has the focus (failing if it never does: unreachable, or focus trapped elsewhere),
    /// then checks that the focus can be seen.
    /// </summary>
    public async Task TabToAsync(ILocator target, bool anyOf = false)
    {
        await target.First.ScrollIntoViewIfNeededAsync();
        const string isFocused = "(elements) => elements.some(e => e === document.activeElement)";
        for (var presses = 0; presses < 1500; presses++)
        {
            if (await target.EvaluateAllAsync<bool>(isFocused))
            {
                await AssertFocusVisibleAsync();
                return;
            }
            await Page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"Tab never reached {target} on {Page.Url}: it is out of the tab order, or focus is trapped.");
    }

    /// <summary>The focused element shows a focus indicator: an outline or a box shadow while it matches :focus-visible.</summary>
    public async Task AssertFocusVisibleAsync()
    {
        var focus = await Page.EvaluateAsync<JsonElement>("""
            () => {
              const e = document.activeElement;
              if (!e || e === document.body) return { ok: false, what: 'nothing focused' };
              const s = getComputedStyle(e);
              const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
              const shadow = s.boxShadow && s.boxShadow !== 'none';
              return { ok: e.matches(':focus-visible') && (outline || shadow),
                       what: e.outerHTML.slice(0, 160) + ' outline: ' + s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor + '; box-shadow: ' + s.boxShadow };
            }
            """);
        Assert.True(focus.GetProperty("ok").GetBoolean(), $"The keyboard focus cannot be seen on {Page.Url}: {focus.GetProperty("what").GetString()}");
    }

    /// <summary>Runs the checks every page reached must pass.</summary>
    public async Task CheckPageAsync()
    {
        if (!JavaScript) return;
        if (Mode == Mode.Phone) await AssertNoSidewaysScrollingAsync();
        if (CheckAccessibility && Mode != Mode.Keyboard) await Axe.AssertNoSeriousViolationsAsync(Page, Output);
        await AssertNoScriptRanAsync();
    }

    /// <summary>At a phone's width the page reflows into one column: nothing makes the whole page scroll sideways (WCAG 1.4.10).</summary>
    public async Task AssertNoSidewaysScrollingAsync()
    {
        var overflow = await Page.EvaluateAsync<JsonElement>("""
            () => {
              const width = document.documentElement.clientWidth;
              const wide = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1 && !e.closest('[hidden], .visually-hidden, .skip-link') && !(e.parentElement && e.parentElement.closest('.table-scroll')))
                .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= width + 1)
                .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '') + ' (right edge ' + Math.round(e.getBoundingClientRect().right) + ')');
              return { scroll: document.documentElement.scrollWidth, width, wide };
            }
            """);
        var scroll = overflow.GetProperty("scroll").GetInt32();
        var width = overflow.GetProperty("width").GetInt32();
        Assert.True(scroll <= width + 1,
            $"At {width} px, {Page.Url} is {scroll} px wide and scrolls sideways; widest: {string.Join(", ", overflow.GetProperty("wide").EnumerateArray().Select(e => e.GetString()))}");
    }

    /// <summary>No dialog opened, the CSP blocked nothing, and no element that script payloads would create is in the page.</summary>
    public async Task AssertNoScriptRanAsync()
    {
        lock (_dialogs) Assert.True(_dialogs.Count == 0, "A dialog opened: " + string.Join("; ", _dialogs));
        lock (_blockedScripts) Assert.True(_blockedScripts.Count == 0, "The Content-Security-Policy blocked script: " + string.Join("; ", _blockedScripts));
        var injected = await Page.EvaluateAsync<int>(
            "() => (window.__sscInjected ? 1 : 0) + document.querySelectorAll('img[src=\"x\"], script:not([src])').length");
        Assert.True(injected == 0, $"Markup from input became part of {Page.Url}.");
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
