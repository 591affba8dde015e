using Microsoft.Playwright;
using Xunit;

namespace SupplyChain.BrowserTests;

/// <summary>Shared helpers: skip without Chromium, open a page, save a screenshot.</summary>
public abstract class BrowserTest(ServerFixture server)
{
    protected ServerFixture Server { get; } = server;

    protected static void RequireChromium() =>
        Skip.IfNot(ServerFixture.ChromiumAvailable, $"Chromium is not installed at {ServerFixture.ChromiumPath} (apt-get install chromium)");

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
