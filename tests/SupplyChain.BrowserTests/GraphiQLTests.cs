using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using Xunit;

namespace SupplyChain.BrowserTests;

/// <summary>GraphiQL at /graphql: loads from our origin under the strict CSP, runs the shopper query, sends nothing elsewhere.</summary>
[Collection("server")]
public sealed class GraphiQLTests(ServerFixture server) : BrowserTest(server)
{
    [SkippableFact]
    public async Task GraphiQL_runs_the_shopper_query_and_no_request_leaves_our_origin()
    {
        RequireChromium();
        await using var context = await Server.ContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        var errors = CollectErrors(page);
        var origin = Server.BaseAddress.GetLeftPart(UriPartial.Authority);
        var elsewhere = new List<string>();
        page.Request += (_, r) => { if (!r.Url.StartsWith(origin + "/", StringComparison.Ordinal) && !r.Url.StartsWith("data:")) elsewhere.Add(r.Url); };

        var response = await page.GotoAsync("/graphql");
        Assert.Contains("script-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"]);
        await Assertions.Expect(page.Locator(".graphiql-container")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // Three tabs: shopper, campaigner, researcher; the first is open and holds the README's shopper query.
        await Assertions.Expect(page.Locator(".graphiql-tab")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator(".graphiql-query-editor")).ToContainTextAsync("searchBrands(query: \"nikee\"");
        await page.Locator(".graphiql-execute-button").ClickAsync();
        var result = page.Locator(".result-window");
        await Assertions.Expect(result).ToContainTextAsync("\"searchBrands\"", new() { Timeout = 30_000 });
        await Assertions.Expect(result).Not.ToContainTextAsync("\"errors\"");
        // What GraphiQL shows is what the API answers to the same query.
        var api = System.Text.Json.Nodes.JsonNode.Parse(await (await Server.Http.PostAsync("/graphql", new StringContent(
            """{"query":"{ searchBrands(query: \"nikee\", first: 3) { matchKind matchedName weak brand { name slug status statusText } } }"}""",
            System.Text.Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync())!;
        foreach (var hit in api["data"]!["searchBrands"]!.AsArray())
            await Assertions.Expect(result).ToContainTextAsync($"\"slug\": \"{hit!["brand"]!["slug"]!.GetValue<string>()}\"");
        if (api["data"]!["searchBrands"]!.AsArray().Count == 0) await Assertions.Expect(result).ToContainTextAsync("\"searchBrands\": []");
        // The researcher tab says where an API key goes, and the headers editor is there to take it.
        await page.Locator(".graphiql-tab").Nth(2).ClickAsync();
        await Assertions.Expect(page.Locator(".graphiql-query-editor")).ToContainTextAsync("Authorization");
        await page.GetByRole(AriaRole.Button, new() { Name = "Headers" }).ClickAsync();
        await Assertions.Expect(page.Locator(".graphiql-editor-tool .graphiql-editor").Last).ToBeVisibleAsync();
        await ShotAsync(page, "graphiql");

        Assert.Empty(elsewhere);
        Assert.Empty(errors); // a CSP violation or script error would be here
    }

    [SkippableFact]
    public async Task JSON_clients_still_get_JSON_from_GET_graphql()
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ __typename }"));
        req.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var r = await Server.Http.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.StartsWith("application/json", r.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"__typename\":\"Query\"", await r.Content.ReadAsStringAsync());
    }
}
