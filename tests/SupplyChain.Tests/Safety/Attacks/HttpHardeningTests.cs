using System.Net;
using System.Text.Json;
using SupplyChain.Import;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Safety.Attacks;

/// <summary>Issue 18, finding 6: rate limits everywhere, failed authentication throttled, proxies, the sign-in page, seed imports.</summary>
public sealed class HttpHardeningTests
{
    [Fact]
    public async Task Pages_and_exports_are_rate_limited_per_client()
    {
        await using var server = await OwnServer.StartAsync(settings: ["--RateLimits:AnonymousPerMinute=3"]);
        using var http = server.Client();
        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { "/about", "/explore.csv", "/signin", "/sources" })
            statuses.Add((await http.GetAsync(path)).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Unknown_keys_and_failed_sign_ins_are_throttled_before_any_lookup()
    {
        await using var server = await OwnServer.StartAsync(settings: ["--RateLimits:FailedAuthPerMinute=2"]);
        using var http = server.Client();
        async Task<HttpStatusCode> BadKeyAsync()
        {
            using var req = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7B__typename%7D");
            req.Headers.Authorization = new("Bearer", "sc_guess-" + Guid.NewGuid().ToString("N"));
            return (await http.SendAsync(req)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await BadKeyAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await BadKeyAsync());
        var locked = await BadKeyAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, locked);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/graphql?query=%7B__typename%7D")).StatusCode); // reading without a key goes on
    }

    [Fact]
    public async Task Behind_a_known_proxy_each_forwarded_client_has_its_own_bucket()
    {
        await using var proxied = await OwnServer.StartAsync(settings: ["--RateLimits:AnonymousPerMinute=2", "--ForwardedHeaders:KnownProxies=127.0.0.1"]);
        using var http = proxied.Client();
        async Task<HttpStatusCode> AsAsync(string client)
        {
            using var req = new HttpRequestMessage(HttpMethod.Get, "/about");
            req.Headers.Add("X-Forwarded-For", client);
            return (await http.SendAsync(req)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await AsAsync("203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await AsAsync("203.0.113.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AsAsync("203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await AsAsync("203.0.113.2")); // another visitor behind the same proxy

        // Without a configured proxy the header is a client's claim and is ignored: one bucket for the connection.
        await using var direct = await OwnServer.StartAsync(settings: ["--RateLimits:AnonymousPerMinute=2"]);
        using var http2 = direct.Client();
        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { "198.51.100.1", "198.51.100.2", "198.51.100.3" })
        {
            using var req = new HttpRequestMessage(HttpMethod.Get, "/about");
            req.Headers.Add("X-Forwarded-For", client);
            statuses.Add((await http2.SendAsync(req)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
    }

    [Fact]
    public async Task The_sign_in_page_uses_the_layout_and_cannot_be_framed()
    {
        // Served from the project folder, as `dotnet run` does, so its static files are there to fetch.
        await using var server = await OwnServer.StartAsync(settings: [$"--contentRoot={Repo.Path("src", "SupplyChain.Server")}"]);
        using var http = server.Client();
        var page = await http.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<nav aria-label=\"Main\">", html); // the shared layout
        var css = System.Text.RegularExpressions.Regex.Match(html, "<link rel=\"stylesheet\" href=\"([^\"]+)\"").Groups[1].Value;
        Assert.True((await http.GetAsync(css)).StatusCode == HttpStatusCode.OK, $"stylesheet '{css}' in {html[..Math.Min(800, html.Length)]}"); // its stylesheet exists
        Assert.Contains("__RequestVerificationToken", html);
    }

    [Fact]
    public async Task A_seed_list_whose_later_manifest_fails_says_exactly_which_manifests_were_kept()
    {
        var dir = Directory.CreateTempSubdirectory("MADE_UP_seed-").FullName;
        try
        {
            foreach (var (name, body) in new[] { ("MADE_UP_good", "MADE_UP Brand Kept\n"), ("MADE_UP_bad", "MADE_UP Brand Never\n") })
            {
                Directory.CreateDirectory(Path.Combine(dir, name));
                File.WriteAllText(Path.Combine(dir, name, "names.txt"), body);
                var files = name == "MADE_UP_bad" ? "\"names.txt\", \"missing.txt\"" : "\"names.txt\"";
                File.WriteAllText(Path.Combine(dir, name, "manifest.json"), $$"""
                    { "format": "list", "files": [{{files}}], "list": { "split": "lines", "column": "name" },
                      "source": { "title": "MADE_UP {{name}}", "publisher": "MADE_UP tests", "published": "2020-01-01", "kind": "Report" },
                      "entities": { "brand": { "type": { "const": "Brand" }, "name": "name" } },
                      "claims": [ { "subject": "brand", "predicate": { "const": "NamedIn" }, "object": "$source",
                        "evidenceType": { "const": "NgoReport" }, "confidence": { "const": "High" } } ] }
                    """);
            }
            var seed = Path.Combine(dir, "seed.json");
            File.WriteAllText(seed, JsonSerializer.Serialize(new { manifests = new[] { "MADE_UP_good/manifest.json", "MADE_UP_bad/manifest.json" } }));
            var factory = await TestDatabase.CreateMigratedAsync(Engine.Sqlite, "seedkept");
            ImportReport report;
            try { report = await new ImportRunner(factory).ImportAsync(seed); }
            catch (ImportException e) { Assert.Fail("the failing manifest should be reported, not thrown: " + e.Message); return; }
            Assert.False(report.Succeeded);
            var summary = report.Summary();
            Assert.DoesNotContain("nothing was written", summary);
            Assert.Contains("in MADE_UP_bad/manifest.json, which wrote nothing", summary);
            Assert.Contains("Kept, because each manifest is its own transaction and they were written before it: MADE_UP_good/manifest.json.", summary);
            await using var db = factory.Create();
            Assert.True(db.Brands.Any(b => b.Name == "MADE_UP Brand Kept"));
            Assert.False(db.Brands.Any(b => b.Name == "MADE_UP Brand Never"));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
