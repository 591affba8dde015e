using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Safety.Attacks;

/// <summary>
/// Issue 18, findings 2, 4 and 6: documents built to make validation or execution explode. Each is refused before any
/// validation rule or resolver runs; "fast" is asserted loosely here (the probe measured seconds to days; the
/// benchmark's adversarial section reports the real figures).
/// </summary>
[Collection("sqlite-server")]
public sealed class GraphQLAttackTests(SqliteSeededServer server)
{
    static readonly TimeSpan Fast = TimeSpan.FromSeconds(2);

    async Task<(HttpStatusCode Status, string Body, TimeSpan Took)> PostAsync(string query, object? variables = null)
    {
        var body = new JsonObject { ["query"] = query, ["variables"] = variables is null ? null : JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(variables)) }.ToJsonString();
        using var req = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        req.Headers.Accept.ParseAdd("application/graphql-response+json");
        var sw = Stopwatch.StartNew();
        using var r = await server.Http.SendAsync(req);
        var text = await r.Content.ReadAsStringAsync();
        return (r.StatusCode, text, sw.Elapsed);
    }

    /// <summary>Fragment i spreads fragment i+1 twice: the naive expansion doubles per level (2^40 at 40).</summary>
    public static string DoublingFragments(int levels)
    {
        var sb = new StringBuilder("query { sources(first: 1) { nodes { ...F0 } } }\n");
        for (var i = 0; i < levels; i++) sb.Append($"fragment F{i} on Source {{ a: title ...F{i + 1} b: title ...F{i + 1} }}\n");
        sb.Append($"fragment F{levels} on Source {{ title }}\n");
        return sb.ToString();
    }

    [Fact]
    public async Task Fragments_that_double_per_level_are_costed_once_each_and_refused_fast()
    {
        var (status, body, took) = await PostAsync(DoublingFragments(40));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("too complex", body);
        Assert.True(took < Fast, $"took {took}");
    }

    [Fact]
    public async Task A_doubling_fragment_in_an_unused_operation_is_refused_too()
    {
        var doc = "query Cheap { __typename }\nquery Costly { sources(first: 1) { nodes { ...F0 } } }\n" + DoublingFragments(30)[(DoublingFragments(30).IndexOf('\n') + 1)..];
        var body = new JsonObject { ["query"] = doc, ["operationName"] = "Cheap" }.ToJsonString();
        using var req = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        req.Headers.Accept.ParseAdd("application/graphql-response+json");
        var sw = Stopwatch.StartNew();
        using var r = await server.Http.SendAsync(req);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("too complex", await r.Content.ReadAsStringAsync());
        Assert.True(sw.Elapsed < Fast, $"took {sw.Elapsed}");
    }

    [Fact]
    public async Task A_chain_of_three_thousand_fragments_is_refused_by_count()
    {
        var sb = new StringBuilder("{ sources(first: 1) { nodes { ...F0 } } }\n");
        for (var i = 0; i < 3000; i++) sb.Append($"fragment F{i} on Source {{ title ...F{i + 1} }}\n");
        sb.Append("fragment F3000 on Source { title }\n");
        var (status, body, took) = await PostAsync(sb.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("3001 fragments; the limit is 100", body);
        Assert.True(took < Fast, $"took {took}");
    }

    [Fact]
    public async Task A_fragment_that_spreads_itself_is_refused_without_recursing_forever()
    {
        var (status, body, _) = await PostAsync("{ sources(first: 1) { nodes { ...A } } } fragment A on Source { title ...B } fragment B on Source { ...A }");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("spreads itself", body);
    }

    [Fact]
    public async Task Twenty_thousand_duplicate_directives_are_refused_with_one_short_error()
    {
        var query = "{ __typename " + string.Concat(Enumerable.Repeat("@include(if: true)", 20_000)) + " }";
        var (status, body, took) = await PostAsync(query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("more than 100 directives", body);
        Assert.True(body.Length < 1000, $"{body.Length} bytes of errors");
        Assert.True(took < Fast, $"took {took}");
    }

    [Fact]
    public async Task Twenty_thousand_copies_of_one_field_are_refused_before_the_overlap_check()
    {
        var (status, body, took) = await PostAsync("{ " + string.Concat(Enumerable.Repeat("__typename ", 20_000)) + "}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("more than 2000 selections", body);
        Assert.True(took < Fast, $"took {took}");
    }

    [Fact]
    public async Task Too_many_variables_are_refused()
    {
        var variables = Enumerable.Range(0, 500).ToDictionary(i => $"v{i}", i => (object)i);
        var (status, body, _) = await PostAsync("{ __typename }", variables);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("500 variables; the limit is 100", body);
        var declared = "query(" + string.Join(", ", Enumerable.Range(0, 150).Select(i => $"$v{i}: Int")) + ") { __typename }";
        var (status2, body2, _) = await PostAsync(declared);
        Assert.Equal(HttpStatusCode.BadRequest, status2);
        Assert.Contains("declares 150 variables", body2);
    }

    [Fact]
    public async Task Errors_are_capped_at_fifty_and_a_summary()
    {
        var query = "{ " + string.Join(" ", Enumerable.Range(0, 300).Select(i => $"f{i}: noSuchField{i}")) + " }";
        var (status, body, _) = await PostAsync(query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = JsonNode.Parse(body)!["errors"]!.AsArray();
        Assert.Equal(51, errors.Count);
        Assert.Equal("... and 250 more errors.", errors[50]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_document_remembered_with_skip_true_is_refused_with_skip_false()
    {
        // The probe's bypass: remembered as valid while the costly branch was skipped, then sent with it included.
        var costly = string.Join("\n", Enumerable.Range(0, 8).Select(i =>
            $"c{i}: searchBrands(query: \"a\", first: 100) @skip(if: $s) {{ brand {{ claims {{ citation quote }} responses {{ summary }} }} }}"));
        var query = "query Q($s: Boolean!) { cheap: __typename\n" + costly + " }";
        var (okStatus, _, _) = await PostAsync(query, new { s = true });
        Assert.Equal(HttpStatusCode.OK, okStatus);
        var (okAgain, _, _) = await PostAsync(query, new { s = true }); // now remembered
        Assert.Equal(HttpStatusCode.OK, okAgain);
        var (status, body, _) = await PostAsync(query, new { s = false });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("too complex", body);
    }

    [Fact]
    public async Task A_negative_page_size_cannot_buy_complexity_back()
    {
        var heavy = string.Join(" ", Enumerable.Range(0, 60).Select(i => $"h{i}: claims(first: 100) {{ nodes {{ id quote summary citation }} }}"));
        var (status, body, _) = await PostAsync("{ " + heavy + " n: searchBrands(query: \"a\", first: -100000000) { brand { claims { id } } } }");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("too complex", body);
    }

    [Fact]
    public async Task Jsonp_is_not_json()
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("""{"query":"{ __typename }"}""", Encoding.UTF8, "application/jsonp") };
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await server.Http.SendAsync(req)).StatusCode);
        using var ok = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("""{"query":"{ __typename }"}""", Encoding.UTF8, "application/json") };
        Assert.Equal(HttpStatusCode.OK, (await server.Http.SendAsync(ok)).StatusCode);
    }
}

/// <summary>Limits that need a server of their own: the response cap, the single deadline, shutdown.</summary>
public sealed class GraphQLDeadlineTests
{
    [Fact]
    public async Task A_response_past_its_cap_is_cut_off()
    {
        await using var server = await OwnServer.StartAsync(settings: ["--GraphQL:MaxResponseBytes=2000"]);
        using var http = server.Client();
        var query = "{ " + string.Join(" ", Enumerable.Range(0, 200).Select(i => $"t{i}: __typename")) + " }";
        var small = await http.PostAsync("/graphql", new StringContent(new JsonObject { ["query"] = "{ __typename }" }.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var r = await http.PostAsync("/graphql", new StringContent(new JsonObject { ["query"] = query }.ToJsonString(), Encoding.UTF8, "application/json"));
            var text = await r.Content.ReadAsStringAsync();
            JsonNode.Parse(text); // a cut-off document never parses
        });
    }

    [Fact]
    public async Task One_deadline_covers_the_whole_request()
    {
        await using var server = await OwnServer.StartAsync(settings: ["--GraphQL:TimeoutSeconds=0.000001"]);
        using var http = server.Client();
        using var req = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("""{"query":"{ sources(first: 5) { nodes { title } } }"}""", Encoding.UTF8, "application/json") };
        req.Headers.Accept.ParseAdd("application/graphql-response+json");
        using var r = await http.SendAsync(req);
        Assert.Equal(HttpStatusCode.GatewayTimeout, r.StatusCode);
        Assert.Contains("longer than", await r.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task The_server_process_stops_promptly_on_SIGTERM()
    {
        Skip.If(OperatingSystem.IsWindows(), "SIGTERM is a Unix signal");
        var port = FreePort();
        var db = Path.Combine(Path.GetTempPath(), $"sigterm-{Guid.NewGuid():N}.db");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "SupplyChain.Server.dll"), "--urls", $"http://127.0.0.1:{port}",
                     "--Seed:Enabled=false", "--ConnectionStrings:SupplyChain=Data Source=" + db, "--Logging:LogLevel:Default=Warning" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var up = Stopwatch.StartNew();
            while (true)
            {
                try { if ((await http.GetAsync("/healthz")).IsSuccessStatusCode) break; }
                catch (HttpRequestException) { }
                Assert.False(process.HasExited, "the server exited at start: " + (process.HasExited ? process.StandardError.ReadToEnd() : ""));
                Assert.True(up.Elapsed < TimeSpan.FromSeconds(180), "the server did not come up in 180 s");
                await Task.Delay(200);
            }
            // A client that never finishes its body keeps a request in flight through the signal.
            using var slow = new System.Net.Sockets.TcpClient("127.0.0.1", port);
            await slow.GetStream().WriteAsync(Encoding.ASCII.GetBytes("POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"query\":"));
            await Task.Delay(300);
            var sw = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) await kill!.WaitForExitAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(cts.Token);
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {sw.Elapsed}");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
