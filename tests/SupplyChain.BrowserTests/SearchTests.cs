using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace SupplyChain.BrowserTests;

[Collection("server")]
public sealed class SearchTests(ServerFixture server) : BrowserTest(server)
{
    [SkippableFact]
    public async Task Typing_nike_and_picking_the_suggestion_opens_the_brand_page_with_its_citations()
    {
        RequireChromium();
        await using var context = await Server.ContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        var errors = CollectErrors(page);
        await page.GotoAsync("/");
        var box = page.GetByLabel("Brand name");
        await box.PressSequentiallyAsync("nike", new() { Delay = 40 });
        var suggestion = page.GetByRole(AriaRole.Option).Filter(new() { HasText = "Nike" }).First;
        await suggestion.WaitForAsync();
        Assert.Equal("true", await box.GetAttributeAsync("aria-expanded"));
        await ShotAsync(page, "home-typeahead-desktop");
        await suggestion.ClickAsync();
        await ArriveAsync(page, new Regex("/brands/nike$"));

        var main = page.Locator("main");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Nike");
        await Assertions.Expect(main).ToContainTextAsync("Uyghurs for sale");          // the ASPI report, cited
        await Assertions.Expect(main).ToContainTextAsync("QINGDAO TAEKWANG SHOES");    // the supplier on the path
        await Assertions.Expect(main).ToContainTextAsync("Owned by Nike, Inc.");
        await Assertions.Expect(page.Locator(".verdictline")).ToContainTextAsync("supplied by 1 factory reported to have received transferred Uyghur workers");
        // Every step of every path carries at least one citation with a permalink.
        var steps = page.Locator(".path .step");
        Assert.True(await steps.CountAsync() >= 2);
        for (var i = 0; i < await steps.CountAsync(); i++)
            Assert.True(await steps.Nth(i).Locator(".cites a.perma").CountAsync() >= 1, $"step {i} has no citation");
        // The dispute answers the step it is about.
        await Assertions.Expect(page.Locator(".counter").First).ToBeVisibleAsync();
        Assert.DoesNotContain("uses forced labour", (await main.InnerTextAsync()).ToLowerInvariant());
        await ShotAsync(page, "brand-nike-desktop");
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task The_suggestion_list_works_from_the_keyboard()
    {
        RequireChromium();
        await using var context = await Server.ContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Brand name" });
        await box.PressSequentiallyAsync("conver", new() { Delay = 40 });
        // Wait for the answer to the whole word: an earlier answer (to "conv") may be replaced after ArrowDown.
        await page.Locator("[role=listbox][data-q='conver']").WaitForAsync();
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = "Converse" }).WaitForAsync();
        await box.PressAsync("ArrowDown");
        var active = await box.GetAttributeAsync("aria-activedescendant");
        Assert.False(string.IsNullOrEmpty(active));
        Assert.Equal("true", await page.Locator("#" + active).GetAttributeAsync("aria-selected"));
        await box.PressAsync("Escape");
        Assert.Equal("false", await box.GetAttributeAsync("aria-expanded"));
        await box.PressAsync("ArrowDown");
        await box.PressAsync("Enter");
        await ArriveAsync(page, new Regex("/brands/converse$"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Owned by Nike, Inc.");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Other brands of Nike, Inc.");
    }

    [SkippableFact]
    public async Task Without_JavaScript_the_search_form_still_works_by_GET()
    {
        RequireChromium();
        await using var context = await Server.ContextAsync(360, 740, javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var box = page.GetByLabel("Brand name");
        Assert.Null(await box.GetAttributeAsync("role")); // the script did not run: a plain text box
        await box.FillAsync("H&M");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await ArriveAsync(page, new Regex("/search\\?q=H%26M", RegexOptions.IgnoreCase));
        await ShotAsync(page, "search-hm-nojs-phone");
        await page.GetByRole(AriaRole.Link, new() { Name = "H&M", Exact = true }).ClickAsync();
        await ArriveAsync(page, new Regex("/brands/h-and-m$"));
        var main = page.Locator("main");
        // H&M promised (Sep 2020) to phase Huafu out within 12 months: a commitment with its date, not an ending.
        await Assertions.Expect(page.Locator(".verdict .badge")).ToHaveTextAsync("Linked");
        await Assertions.Expect(main).ToContainTextAsync("a commitment to end it, reported by Taipei Times (Sep 2020)");
        await ShotAsync(page, "brand-hm-nojs-phone");
    }

    [SkippableFact]
    public async Task A_nonsense_query_is_not_in_our_database_and_a_typo_is_labelled_as_a_near_spelling()
    {
        RequireChromium();
        await using var context = await Server.ContextAsync(360, 740);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/search?q=qzxwvyk");
        var main = page.Locator("main");
        await Assertions.Expect(main).ToContainTextAsync("“qzxwvyk” is not in our database");
        Assert.DoesNotContain("no evidence", (await main.InnerTextAsync()).ToLowerInvariant());
        await ShotAsync(page, "search-nothing-phone");

        await page.GotoAsync("/search?q=nkie");
        await Assertions.Expect(page.Locator(".near").First).ToContainTextAsync("Near spelling");
        await Assertions.Expect(page.Locator(".near").First).ToContainTextAsync("“Nike”");
        await ShotAsync(page, "search-typo-phone");
    }
}
