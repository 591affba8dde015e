using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SupplyChain.Access;
using SupplyChain.Data;
using SupplyChain.Domain;
using Xunit;

namespace SupplyChain.BrowserTests;

/// <summary>
/// /imports in a real browser, signed in as a researcher: upload, dry-run preview, start, progress bar to done, then
/// the new brand from the home page's search box. Every list uploaded here is MADE UP (file names, header and source
/// title say so); none of it is evidence.
/// </summary>
[Collection("server")]
public sealed partial class ImportPageTests(ServerFixture server) : BrowserTest(server)
{
    static string Manifest(string csv, string title) => $$"""
        {
          "format": "csv",
          "files": ["{{csv}}"],
          "source": { "title": "{{title}}", "publisher": "Made-up Test Publisher", "published": "2024-04-01", "kind": "Report" },
          "entities": { "brand": { "type": { "const": "Brand" }, "name": "MADE_UP brand (invented)" } },
          "claims": [ { "subject": "brand", "predicate": { "const": "NamedIn" }, "object": "$source",
                        "locator": { "template": "row {$line}" }, "evidenceType": { "const": "NgoReport" }, "confidence": { "const": "High" } } ]
        }
        """;

    /// <summary>A manifest and its CSV written to a fresh folder; returns their paths.</summary>
    static (string Manifest, string Csv) WriteUpload(string csvName, string csv, string title)
    {
        var dir = Directory.CreateTempSubdirectory("sc-imports-page-").FullName;
        var csvPath = Path.Combine(dir, csvName);
        File.WriteAllText(csvPath, csv);
        var manifestPath = Path.Combine(dir, "MADE_UP_manifest.json");
        File.WriteAllText(manifestPath, Manifest(csvName, title));
        return (manifestPath, csvPath);
    }

    async Task<IPage> SignedInAsync(IBrowserContext context)
    {
        var key = (await Server.App.Services.GetRequiredService<ApiKeys>().CreateAsync("imports page test", Role.Researcher, "test")).Key;
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.Locator("#key").FillAsync(key);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^[^?]+//[^/]+/$"));
        return page;
    }

    async Task<int> BrandsNamedAsync(string prefix)
    {
        await using var db = Server.App.Services.GetRequiredService<SupplyChainDbFactory>().Create();
        return await db.Brands.CountAsync(b => b.Name.StartsWith(prefix));
    }

    [SkippableFact]
    public async Task A_researcher_previews_starts_and_watches_an_import_then_finds_the_brand_from_the_home_page()
    {
        RequireChromium();
        await using var context = await Server.ContextAsync();
        var page = await SignedInAsync(context);
        var errors = CollectErrors(page);
        var (manifest, csv) = WriteUpload("MADE_UP_page_upload.csv", "MADE_UP brand (invented)\nQuorrelin Made-up Outerwear\nVasketto Made-up Hosiery\n",
            "MADE_UP list for the imports page test (invented names, not evidence)");

        await page.GotoAsync("/imports");
        await page.Locator("#manifest").SetInputFilesAsync(manifest);
        await page.Locator("#files").SetInputFilesAsync(csv);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview (dry run)" }).ClickAsync();
        var preview = page.Locator("section[aria-labelledby=preview]");
        await Assertions.Expect(preview).ToContainTextAsync("ready to import");
        await Assertions.Expect(preview).ToContainTextAsync("would create Brand 'Quorrelin Made-up Outerwear'");
        Assert.Equal(0, await BrandsNamedAsync("Quorrelin")); // the preview wrote nothing
        await ShotAsync(page, "imports-preview");

        await page.GetByRole(AriaRole.Button, new() { Name = "Start the import" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(JobPage(), new() { Timeout = 30_000 });
        // The script polls the job and reloads the page when it ends: the bar stands at 100 and the summary appears.
        await Assertions.Expect(page.Locator("#job-state")).ToHaveTextAsync("SUCCEEDED", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#job-progress")).ToHaveAttributeAsync("value", "100");
        var newBrand = page.Locator("main a", new() { HasText = "Quorrelin Made-up Outerwear" });
        await Assertions.Expect(newBrand).ToHaveAttributeAsync("href", new Regex("^/brands/"));
        await ShotAsync(page, "imports-done");

        // The job is listed with who ran it.
        await page.GotoAsync("/imports");
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync("key:imports page test");

        await page.GotoAsync("/");
        await page.Locator("#q").FillAsync("Quorrelin");
        await page.Locator("#q").PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/search"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Quorrelin Made-up Outerwear");
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task Without_JavaScript_the_job_page_refreshes_itself_until_the_job_ends()
    {
        RequireChromium();
        await using var context = await Server.ContextAsync(javaScript: false);
        var page = await SignedInAsync(context);
        var (manifest, csv) = WriteUpload("MADE_UP_nojs_upload.csv", "MADE_UP brand (invented)\nDrevanto Made-up Scarves\n",
            "MADE_UP list for the no-script imports test (invented names, not evidence)");
        await page.GotoAsync("/imports");
        await page.Locator("#manifest").SetInputFilesAsync(manifest);
        await page.Locator("#files").SetInputFilesAsync(csv);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview (dry run)" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the import" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(JobPage(), new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#job-state")).ToHaveTextAsync("SUCCEEDED", new() { Timeout = 30_000 });
        Assert.Equal(1, await BrandsNamedAsync("Drevanto"));
    }

    [SkippableFact]
    public async Task A_malformed_CSV_is_refused_with_file_and_line_and_nothing_is_written()
    {
        RequireChromium();
        await using var context = await Server.ContextAsync();
        var page = await SignedInAsync(context);
        var (manifest, csv) = WriteUpload("MADE_UP_page_bad.csv", "MADE_UP brand (invented)\nPellastro Made-up Gloves\n\"Pellastro Unclosed Made-up\n",
            "MADE_UP malformed list for the imports page test (invented names, not evidence)");
        await page.GotoAsync("/imports");
        await page.Locator("#manifest").SetInputFilesAsync(manifest);
        await page.Locator("#files").SetInputFilesAsync(csv);
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Preview (dry run)" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(422, response.Status);
        var preview = page.Locator("section[aria-labelledby=preview]");
        await Assertions.Expect(preview).ToContainTextAsync("refused");
        await Assertions.Expect(preview.Locator("ul.errors")).ToContainTextAsync("MADE_UP_page_bad.csv:3");
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Start the import" }).CountAsync()); // nothing to start
        Assert.Equal(0, await BrandsNamedAsync("Pellastro"));
    }

    [SkippableFact]
    public async Task Anonymous_visitors_get_401_and_readers_403()
    {
        RequireChromium();
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Http.GetAsync("/imports")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Http.GetAsync("/imports/1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Http.GetAsync("/imports/1?handler=progress")).StatusCode);
        using var form = new MultipartFormDataContent { { new StringContent("{}"), "manifest", "MADE_UP_manifest.json" } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Http.PostAsync("/imports?handler=Preview", form)).StatusCode);

        // A reader key (readers do not sign in to pages; the key is sent as an API client sends it) is forbidden.
        var readerKey = (await Server.App.Services.GetRequiredService<ApiKeys>().CreateAsync("imports page reader", Role.Reader, "test")).Key;
        using var asReader = new HttpRequestMessage(HttpMethod.Get, "/imports");
        asReader.Headers.Authorization = new("Bearer", readerKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await Server.Http.SendAsync(asReader)).StatusCode);
    }

    [SkippableFact]
    public async Task The_imports_pages_weigh_under_100_KB_with_their_CSS_and_scripts()
    {
        RequireChromium();
        await using var context = await Server.ContextAsync();
        var page = await SignedInAsync(context);
        foreach (var path in new[] { "/imports" })
        {
            var response = await page.APIRequest.GetAsync(path);
            Assert.Equal(200, response.Status);
            var html = await response.TextAsync();
            long total = System.Text.Encoding.UTF8.GetByteCount(html);
            foreach (var asset in Assets().Matches(html).Select(m => m.Groups[1].Value).Distinct())
                total += (await (await page.APIRequest.GetAsync(asset)).BodyAsync()).Length;
            total += (await (await page.APIRequest.GetAsync("/imports.js")).BodyAsync()).Length; // the job page's script
            Assert.True(total < 100 * 1024, $"{path} weighs {total / 1024.0:F1} KB with its assets");
        }
    }

    static Regex JobPage() => new(@"/imports/\d+$");

    [GeneratedRegex("(?:href|src)=\"(/[^\"]+\\.(?:css|js)[^\"]*)\"")] private static partial Regex Assets();
}
