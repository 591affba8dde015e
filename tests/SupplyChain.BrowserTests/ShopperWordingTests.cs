using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SupplyChain.Access;
using SupplyChain.Domain;
using Xunit;

namespace SupplyChain.BrowserTests;

/// <summary>
/// What a shopper reads on a phone (390×844): the words say exactly what the evidence says, and the first screen
/// answers the question (verdict, factory → programme or list, report, latest answer).
/// </summary>
[Collection("server")]
public sealed partial class ShopperWordingTests(ServerFixture server) : BrowserTest(server)
{
    const int Width = 390, Height = 844;

    async Task<(IPage Page, IBrowserContext Context, string Text)> PhonePageAsync(string slug)
    {
        RequireChromium();
        var context = await Server.ContextAsync(Width, Height);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/brands/" + slug);
        Assert.Equal(200, response!.Status);
        var text = await page.Locator("main").InnerTextAsync();
        return (page, context, Regex.Replace(text, @"\s+", " "));
    }

    /// <summary>The common promises: no "Current", never "No evidence", no green badge, the latest answer on the first screen.</summary>
    static async Task CommonAsync(IPage page, string text)
    {
        Assert.DoesNotMatch(CurrentWord(), text);
        Assert.DoesNotContain("No evidence", text, StringComparison.OrdinalIgnoreCase);
        foreach (var colour in await page.Locator(".badge").EvaluateAllAsync<string[]>("els => els.map(e => getComputedStyle(e).backgroundColor)"))
        {
            var rgb = Regex.Matches(colour, @"\d+").Select(m => int.Parse(m.Value)).ToArray();
            Assert.False(rgb[1] > rgb[0] + 20 && rgb[1] > rgb[2] + 20, $"a green badge ({colour})");
        }
        await OnFirstScreenAsync(page, ".verdict .badge");
        await OnFirstScreenAsync(page, ".facts.first dd.latest");
    }

    static async Task OnFirstScreenAsync(IPage page, string selector)
    {
        var box = await page.Locator(selector).First.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Y + box.Height <= Height, $"{selector} ends at {box.Y + box.Height:0} px, below the first {Height} px screen");
    }

    /// <summary>Factory → programme or list, and the report, within the first screen.</summary>
    static async Task PathOnFirstScreenAsync(IPage page)
    {
        await OnFirstScreenAsync(page, ".facts.first dd.through li");
        await OnFirstScreenAsync(page, ".facts.first dd.per");
    }

    [SkippableFact]
    public async Task Nike_says_the_Taekwang_link_was_reported_ended_per_Nike_and_when()
    {
        var (page, context, text) = await PhonePageAsync("nike");
        await using var _ = context;
        await page.ScreenshotAsync(new() { Path = Path.Combine(ServerFixture.ScreenshotDir, "brand-nike-phone-390x844.png") });
        await CommonAsync(page, text);
        await PathOnFirstScreenAsync(page);
        Assert.Contains("reported ended per Nike (21 Jul 2020)", text);
        Assert.Contains("Taekwang", await page.Locator(".facts.first dd.through").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Xinjiang labour transfer programme", await page.Locator(".facts.first dd.through").InnerTextAsync());
        Assert.Contains("Acknowledged the supplier; said the transfers stopped", await page.Locator(".facts.first dd.latest").InnerTextAsync());
        Assert.DoesNotContain("Acknowledged the link", text);
    }

    [SkippableFact]
    public async Task HandM_shows_a_commitment_with_its_date_and_no_ending()
    {
        var (page, context, text) = await PhonePageAsync("h-and-m");
        await using var _ = context;
        await CommonAsync(page, text);
        await PathOnFirstScreenAsync(page);
        Assert.Equal("Linked", await page.Locator(".verdict .badge").InnerTextAsync());
        Assert.Contains("a commitment to end it, reported by Taipei Times (Sep 2020)", text);
        Assert.Contains("within 12 months", text);
        Assert.DoesNotContain("reported ended", text);
        Assert.DoesNotContain("Historical", text);
    }

    [SkippableFact]
    public async Task Lenovo_says_no_end_reported_and_how_old_the_evidence_is_with_jargon_explained()
    {
        var (page, context, text) = await PhonePageAsync("lenovo");
        await using var _ = context;
        await CommonAsync(page, text);
        await PathOnFirstScreenAsync(page);
        Assert.Matches(@"no end reported; newest evidence 2020 \(\d+ years? old\)", text);
        var through = page.Locator(".facts.first dd.through");
        Assert.Contains("Hefei Bitland", await through.InnerTextAsync());
        await Assertions.Expect(through.Locator("a.jargon[href='/about#wro']")).ToHaveCountAsync(1);
        await Assertions.Expect(through.Locator("a.jargon[href='/about#entity-list']")).ToHaveCountAsync(1);
        await page.GotoAsync("/about#wro");
        await Assertions.Expect(page.Locator("#wro")).ToContainTextAsync("Withhold Release Order");
    }

    [SkippableFact]
    public async Task Volkswagen_is_named_for_its_supply_chain_and_its_own_later_statements_count()
    {
        var (page, context, text) = await PhonePageAsync("volkswagen");
        await using var _ = context;
        await CommonAsync(page, text);
        await OnFirstScreenAsync(page, ".facts.first dd.per");
        Assert.Contains("for its supply chain; which supplier is not yet in our data", text);
        Assert.Contains("not a clean bill of health", text);
        Assert.Contains("Nov 2024", text); // newest evidence includes its 2024 statement, not only the 2020 report
        Assert.Contains("Xinjiang", await page.Locator(".facts.first dd.latest").InnerTextAsync());
    }

    [SkippableFact]
    public async Task Converse_says_its_owner_is_linked_through_Nike_and_is_not_a_clean_bill()
    {
        var (page, context, text) = await PhonePageAsync("converse");
        await using var _ = context;
        await CommonAsync(page, text);
        Assert.Contains("its owner Nike, Inc. is linked through Nike", text);
        Assert.Contains("not a clean bill of health", text);
        await OnFirstScreenAsync(page, ".verdictline");
    }

    [SkippableFact]
    public async Task Patagonia_with_its_own_statements_on_Xinjiang_is_never_no_evidence()
    {
        var (page, context, text) = await PhonePageAsync("patagonia");
        await using var _ = context;
        await CommonAsync(page, text);
        Assert.Contains("not a clean bill of health", text);
        Assert.Contains("Has made statements on Xinjiang", await page.Locator(".verdict .badge").InnerTextAsync());
        Assert.Contains("Patagonia", await page.Locator(".facts.first dd.latest").InnerTextAsync());
    }

    [SkippableFact]
    public async Task Targets_in_China_include_Lenovo_Apple_and_HandM_and_strength_ranks_linked_paths_first()
    {
        RequireChromium();
        var html = await Server.Http.GetStringAsync("/targets?country=CN");
        foreach (var name in new[] { "Lenovo", "Apple", "H&amp;M" })
            Assert.Contains($">{name}</a>", html);

        var bytes = await Server.Http.GetByteArrayAsync("/targets.csv");
        Assert.True(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), "the CSV starts without a UTF-8 byte order mark");
        var (header, rows) = Csv.Parse(Encoding.UTF8.GetString(bytes.AsSpan(3)));
        Assert.Contains("source_urls", header);
        Assert.Contains("parent_company", header);
        Assert.All(rows, r => Assert.StartsWith("http://", r["brand_url"]));
        Assert.All(rows, r => Assert.Matches("^[A-Z_]*$", r["status"] + r["strength"] + r["latest_response"]));
        int At(string brand) => rows.FindIndex(r => r["brand"] == brand);
        var firstNamedOnly = rows.FindIndex(r => r["status"] == "NAMED_IN_REPORT");
        Assert.True(firstNamedOnly > 0, "no named-only brand in the list");
        Assert.InRange(At("Nike"), 0, firstNamedOnly - 1);
        Assert.InRange(At("Lenovo"), 0, firstNamedOnly - 1);
        Assert.All(rows.Where(r => r["status"] == "NAMED_IN_REPORT"), r => Assert.Equal("", r["strength"]));
        Assert.Contains("https://", rows[At("Lenovo")]["source_urls"]);
    }

    [SkippableFact]
    public async Task The_corrections_form_stores_a_submission_that_appears_in_the_researchers_queue()
    {
        RequireChromium();
        await using var context = await Server.ContextAsync(Width, Height);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/brands/nike");
        await page.GetByRole(AriaRole.Link, new() { Name = "Send a correction or a right of reply" }).ClickAsync();
        await ArriveAsync(page, new Regex("/corrections\\?brand=nike$"));
        Assert.Equal("/brands/nike", await page.GetByLabel("Which page or claim").InputValueAsync());
        var said = "MADE-UP test correction " + Guid.NewGuid().ToString("N")[..8];
        await page.GetByLabel("What is wrong or missing").FillAsync(said);
        await page.GetByLabel("A published source").FillAsync("https://example.invalid/made-up");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Received, reference");

        // A POST without the page's antiforgery token is refused.
        using var forged = await Server.Http.PostAsync("/corrections", new FormUrlEncodedContent(new Dictionary<string, string> { ["Address"] = "/brands/nike", ["Text"] = "forged" }));
        Assert.Equal(400, (int)forged.StatusCode);

        // The researchers' queue lists it; anonymous readers may not see the queue.
        var key = (await Server.App.Services.GetRequiredService<ApiKeys>().CreateAsync("test-corrections", Role.Researcher, "test")).Key;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ corrections(first: 100) { id kind page text evidenceUrl } }"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", key);
        using var answer = await Server.Http.SendAsync(request);
        var json = await answer.Content.ReadAsStringAsync();
        Assert.Contains(said, json);
        Assert.Contains("\"page\":\"/brands/nike\"", json);
        using var anonymous = await Server.Http.PostAsync("/graphql", new StringContent("""{"query":"{ corrections { id } }"}""", Encoding.UTF8, "application/json"));
        Assert.DoesNotContain(said, await anonymous.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"\bCurrent\b")] private static partial Regex CurrentWord();
}
