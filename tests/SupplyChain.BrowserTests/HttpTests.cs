using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace SupplyChain.BrowserTests;

/// <summary>Checks that need no browser: page weight, the CSV and JSON exports, encoding of imported text.</summary>
[Collection("server")]
public sealed partial class HttpTests(ServerFixture server)
{
    HttpClient Http => server.Http;

    [Theory]
    [InlineData("/")]
    [InlineData("/search?q=nike")]
    [InlineData("/search?q=a")]
    [InlineData("/brands/nike")]
    [InlineData("/brands/h-and-m")]
    [InlineData("/targets")]
    [InlineData("/targets?print=1")]
    [InlineData("/sources")]
    [InlineData("/sources/1")]
    [InlineData("/sources/2")]
    [InlineData("/explore")]
    [InlineData("/about")]
    public async Task Every_page_with_its_CSS_and_script_weighs_under_100_KB(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        long total = System.Text.Encoding.UTF8.GetByteCount(html);
        var assets = AssetRegex().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Contains(assets, a => a.StartsWith("/site.css"));
        Assert.Contains(assets, a => a.StartsWith("/site.js"));
        foreach (var asset in assets)
        {
            using var r = await Http.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            total += (await r.Content.ReadAsByteArrayAsync()).Length;
        }
        Assert.True(total < 100 * 1024, $"{path} weighs {total / 1024.0:F1} KB with its assets");
    }

    [GeneratedRegex("(?:href|src)=\"(/site\\.(?:css|js)[^\"]*)\"")]
    private static partial Regex AssetRegex();

    [Fact]
    public async Task The_target_CSV_escapes_formula_looking_cells_and_keeps_numbers_as_numbers()
    {
        using var response = await Http.GetAsync("/targets.csv?status=NamedInReport&sort=Name");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("brand,brand_url,owner,parent_company,sectors,status,what_we_know,strength,independent_sources", lines[0]);

        var (header, rows) = Csv.Parse(text);
        var cells = rows.SelectMany(r => r.Values).ToList();
        var brands = rows.Select(r => r["brand"]).ToList();
        Assert.All(rows, r => Assert.Matches("^[0-9]+$", r["independent_sources"]));
        Assert.Equal(header.Length, rows[0].Count);
        // Every formula-looking name is there, and no cell begins with a character a spreadsheet would run.
        foreach (var name in ServerFixture.FormulaNames)
            Assert.Contains(brands, b => b.EndsWith(name, StringComparison.Ordinal) && b.Length > name.Length);
        Assert.DoesNotContain(cells, c => c.Length > 0 && "=+-@\t\r".Contains(c[0]));
        // Numbers are written bare, not quoted as text.
        // (A brand only named in a report has no path, so no strength: the cell before the numbers is empty.)
        Assert.Matches(new Regex("^[^\"]*,NAMED_IN_REPORT,\"?[^\n]*,,[0-9]+,[0-9]+,[0-9]+,[0-9]+,", RegexOptions.Multiline), text);
    }

    [Fact]
    public async Task The_target_CSV_takes_the_same_filters_as_the_page()
    {
        var all = await Http.GetStringAsync("/targets.csv");
        var linked = await Http.GetStringAsync("/targets.csv?status=Linked");
        var nike = Csv.Parse(all.TrimStart('\uFEFF')).Rows.Single(r => r["brand"] == "Nike");
        Assert.Equal(new Uri(server.BaseAddress, "/brands/nike").AbsoluteUri, nike["brand_url"]);
        Assert.Equal("LINK_ENDED", nike["status"]); // Taekwang's transfers reported ended, per Nike
        Assert.Equal("Nike, Inc.", nike["parent_company"]);
        Assert.True(linked.Split('\n').Length < all.Split('\n').Length);
        Assert.DoesNotContain(",NAMED_IN_REPORT,", linked);
        var page = await Http.GetStringAsync("/targets?status=Linked");
        var rows = Regex.Matches(page, "<tr>\\s*<th scope=\"row\">").Count;
        Assert.Equal(rows, linked.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }

    [Fact]
    public async Task Explore_exports_the_filtered_claims_with_provenance_as_CSV_and_JSON()
    {
        var csv = await Http.GetStringAsync("/explore.csv?predicate=ListedOn");
        var (header, rows) = Csv.Parse(csv);
        Assert.Contains("source_url", header);
        Assert.Contains("citation", header);
        var n = rows.Count;
        Assert.All(rows, r => { Assert.Equal("ListedOn", r["predicate"]); Assert.False(string.IsNullOrEmpty(r["source_title"])); });
        Assert.True(n > 0);
        var json = JsonDocument.Parse(await Http.GetStringAsync("/explore.json?predicate=ListedOn"));
        Assert.Equal(n, json.RootElement.GetArrayLength());
        var page = await Http.GetStringAsync("/explore?predicate=ListedOn");
        Assert.Contains($"{n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} claims match", page);

        // A large export streams completely (every claim, not just the first buffer).
        var everything = await Http.GetStringAsync("/explore.csv");
        var total = Regex.Match(await Http.GetStringAsync("/explore"), "([0-9,]+) claims match").Groups[1].Value.Replace(",", "");
        var count = Csv.Parse(everything).Rows.Count;
        Assert.Equal(int.Parse(total), count);
    }

    [Fact]
    public async Task Imported_and_typed_text_is_encoded_never_markup()
    {
        using var brand = await Http.GetAsync("/brands/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        Assert.Equal(HttpStatusCode.NotFound, brand.StatusCode);
        var html = await brand.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Contains("Not in our database", html);

        var search = await Http.GetStringAsync("/search?q=" + Uri.EscapeDataString("<img src=x onerror=alert(1)>"));
        Assert.DoesNotContain("<img src=x", search);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", search);

        // The formula-named brand's page shows its name as text.
        var hits = JsonDocument.Parse(await Http.GetStringAsync("/api/brands/search?q=hyperlink")).RootElement;
        var slug = hits.EnumerateArray().First().GetProperty("slug").GetString();
        var page = await Http.GetStringAsync("/brands/" + slug);
        Assert.Contains("=HYPERLINK(&quot;http://example.invalid&quot;,&quot;click&quot;)", page);

        using var csp = await Http.GetAsync("/");
        Assert.Contains("script-src 'self'", csp.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Unknown_things_say_so_in_careful_words()
    {
        using var claim = await Http.GetAsync("/claims/999999999");
        Assert.Equal(HttpStatusCode.NotFound, claim.StatusCode);
        using var source = await Http.GetAsync("/sources/999999999");
        Assert.Equal(HttpStatusCode.NotFound, source.StatusCode);
        var about = await Http.GetStringAsync("/about");
        foreach (var word in new[] { "LINKED", "LINK_ALLEGED_WEAKLY", "LINK_ENDED", "NAMED_IN_REPORT", "SUPPLIERS_KNOWN", "NO_EVIDENCE", "Not in our database", "High confidence", "Low confidence", "correction" })
            Assert.Contains(word, about);
        foreach (var path in new[] { "/", "/brands/nike", "/brands/lenovo", "/targets", "/about" })
            Assert.DoesNotContain("uses forced labour", (await Http.GetStringAsync(path)).ToLowerInvariant());
    }
}
