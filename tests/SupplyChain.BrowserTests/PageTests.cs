using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace SupplyChain.BrowserTests;

[Collection("server")]
public sealed class PageTests(ServerFixture server) : BrowserTest(server)
{
    [SkippableFact]
    public async Task A_claim_permalink_offers_plain_BibTeX_and_RIS_citations_and_copies_them()
    {
        RequireChromium();
        await using var context = await Server.ContextAsync(1280, 900);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = await context.NewPageAsync();
        var errors = CollectErrors(page);
        await page.GotoAsync("/brands/nike");
        await page.Locator(".path .step .cites a.perma").First.ClickAsync();
        await ArriveAsync(page, new Regex("/claims/\\d+$"));
        await Assertions.Expect(page.Locator("#cite-plain-text")).ToContainTextAsync("(20");
        await Assertions.Expect(page.Locator("#cite-bib-text")).ToContainTextAsync("@misc{sc");
        await Assertions.Expect(page.Locator("#cite-ris-text")).ToContainTextAsync("TY  - ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy BibTeX" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy BibTeX" })).ToHaveTextAsync("Copied");
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.StartsWith("@misc{sc", copied);
        await ShotAsync(page, "claim-desktop");
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task The_target_list_filters_and_exports_the_filtered_rows_as_CSV()
    {
        RequireChromium();
        await using var context = await Server.ContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/targets");
        var all = await page.Locator("table.targets tbody tr").CountAsync();
        await page.GetByLabel("Status").SelectOptionAsync("Linked");
        await page.GetByLabel("Sector").SelectOptionAsync("clothes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await ArriveAsync(page, new Regex("^(?=.*status=Linked)(?=.*sector=clothes)"));
        var rows = page.Locator("table.targets tbody tr");
        var names = await rows.Locator("th").AllInnerTextsAsync();
        Assert.Contains(names, n => n.StartsWith("H&M"));
        Assert.DoesNotContain(names, n => n.StartsWith("Lenovo")); // linked, but not in clothes
        Assert.True(names.Count < all, "the filter narrowed nothing");
        foreach (var badge in await rows.Locator(".badge").AllInnerTextsAsync()) Assert.Equal("Linked", badge);
        await ShotAsync(page, "targets-filtered-desktop");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename);
        var path = await download.PathAsync();
        var records = Csv.Parse(await File.ReadAllTextAsync(path)).Rows;
        Assert.Equal(names.Count, records.Count);
        Assert.Contains(records, r => r["brand"] == "H&M" && r["status"] == "LINKED");
        Assert.All(records, r => Assert.Contains("clothes", r["sectors"]));

        await page.GotoAsync("/targets?status=Linked&print=1");
        await Assertions.Expect(page.Locator("header.site nav")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("form.filters")).ToBeHiddenAsync();
        await ShotAsync(page, "targets-print");
    }

    static readonly string[] PhonePages =
    [
        "/", "/search?q=nike", "/search?q=qzxwvyk", "/brands/nike", "/brands/h-and-m", "/brands/lenovo", "/brands/volkswagen", "/brands/converse",
        "/targets", "/targets?print=1", "/sources", "/sources/1", "/sources/2", "/explore", "/explore?predicate=ListedOn", "/about", "/brands/not-a-brand",
    ];

    [SkippableFact]
    public async Task At_360_pixels_no_page_scrolls_sideways()
    {
        RequireChromium();
        await using var context = await Server.ContextAsync(360, 740);
        var page = await context.NewPageAsync();
        var errors = CollectErrors(page);
        var wide = new List<string>();
        foreach (var path in PhonePages.Append(await FirstClaimPathAsync(page)))
        {
            await page.GotoAsync(path);
            var size = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            var (scroll, inner) = (size[0], size[1]);
            if (scroll > inner) wide.Add($"{path}: {scroll}px wide in a {inner}px window");
            await ShotAsync(page, "phone" + Slug(path));
        }
        Assert.Empty(wide);
        Assert.DoesNotContain(errors, e => !e.Contains("404")); // the not-a-brand page answers 404 on purpose
    }

    [SkippableFact]
    public async Task Desktop_screenshots_of_every_page()
    {
        RequireChromium();
        await using var context = await Server.ContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        foreach (var path in new[] { "/", "/search?q=nkie", "/brands/h-and-m", "/brands/lenovo", "/targets", "/sources", "/sources/1", "/explore", "/about" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            await Assertions.Expect(page.Locator("main h1").First).ToBeVisibleAsync();
            await ShotAsync(page, "desktop" + Slug(path));
        }
    }

    [SkippableFact]
    public async Task Keyboard_users_can_skip_to_the_content_and_see_where_focus_is()
    {
        RequireChromium();
        await using var context = await Server.ContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/about");
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        var outline = await skip.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle");
        Assert.NotEqual("none", outline);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main")).ToBeFocusedAsync();
        foreach (var landmark in new[] { "header", "nav", "main", "footer" })
            Assert.Equal(1, await page.Locator("body > " + (landmark == "nav" ? "header nav" : landmark)).CountAsync());
    }

    async Task<string> FirstClaimPathAsync(IPage page)
    {
        await page.GotoAsync("/brands/nike");
        return (await page.Locator("a.perma").First.GetAttributeAsync("href"))!;
    }

    static string Slug(string path) =>
        "-" + (path == "/" ? "home" : new string(path.Trim('/').Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()));
}
