using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace SupplyChain.BrowserTests;

/// <summary>Shared helpers: skip without Chromium, open a page, save a screenshot.</summary>
public abstract class BrowserTest(ServerFixture server)
{
    protected ServerFixture Server { get; } = server;

    protected static void RequireChromium() =>
        Skip.IfNot(ServerFixture.ChromiumAvailable, $"Chromium is not installed at {ServerFixture.ChromiumPath} (apt-get install chromium)");

    /// <summary>
    /// Waits until the page is at an address matching <paramref name="url"/> and has loaded. Not WaitForURLAsync: it
    /// checks the load state, then subscribes, and can miss a load that fires in between, timing out on a loaded page
    /// (microsoft/playwright-dotnet#3364; it failed CI once). The URL assertion is polled by the browser, and a missed
    /// load is still recorded, so short waits in a loop find it.
    /// </summary>
    protected static async Task ArriveAsync(IPage page, Regex url)
    {
        await Assertions.Expect(page).ToHaveURLAsync(url);
        for (var tries = 1; ; tries++)
        {
            try
            {
                await page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 500 });
                return;
            }
            catch (TimeoutException) when (tries < 30) { }
        }
    }

    protected static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(ServerFixture.ScreenshotDir, name + ".png"), FullPage = true });

    /// <summary>Fails on console errors (a CSP violation or a script error shows up there).</summary>
    protected static List<string> CollectErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        return errors;
    }
}
