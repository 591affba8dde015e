using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SupplyChain.Server;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Safety;

/// <summary>GraphQL and HTTP limits, over the real endpoint (SQLite: they do not depend on the engine).</summary>
[Collection("sqlite-server")]
public sealed class LimitsTests(SqliteSeededServer server)
{
    async Task<(HttpStatusCode Status, string Body, TimeSpan Took)> PostAsync(string body)
    {
        var sw = Stopwatch.StartNew();
        using var req = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        req.Headers.Accept.ParseAdd("application/graphql-response+json");
        var r = await server.Http.SendAsync(req);
        return (r.StatusCode, await r.Content.ReadAsStringAsync(), sw.Elapsed);
    }

    static string Json(string query) => new JsonObject { ["query"] = query }.ToJsonString();

    [Fact]
    public async Task Two_hundred_aliases_of_a_costly_field_are_refused_for_complexity()
    {
        var fields = string.Join(" ", Enumerable.Range(0, 200).Select(i => $"a{i}: searchBrands(query: \"n\", first: 100) {{ brand {{ claims {{ citation }} }} }}"));
        var (status, body, _) = await PostAsync(Json("{ " + fields + " }"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("complexity", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Deep_nesting_is_refused()
    {
        var deep = string.Concat(Enumerable.Repeat("brand(slug: \"nike\") { owner { brands { ", 30)) + "name" + string.Concat(Enumerable.Repeat(" } } }", 30));
        var (status, body, _) = await PostAsync(Json("{ " + deep + " }"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var silly = new string('{', 5000) + new string('}', 5000);
        var (status2, _, _) = await PostAsync(Json(silly));
        Assert.Equal(HttpStatusCode.BadRequest, status2);
        Assert.DoesNotContain(" at ", body);
    }

    [Fact]
    public async Task A_two_megabyte_body_is_413()
    {
        var big = Json("{ searchBrands(query: \"" + new string('x', 2 * 1024 * 1024) + "\") { score } }");
        var (status, body, _) = await PostAsync(big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("larger than", body);
    }

    [Fact]
    public async Task Page_sizes_are_capped()
    {
        var json = await server.GraphQLAsync("{ claims(first: 150) { nodes { id } } }");
        Assert.Equal(100, json["data"]!["claims"]!["nodes"]!.AsArray().Count); // capped at the page size
        var (status, body, _) = await PostAsync(Json("{ claims(first: 100000) { nodes { id } } }"));
        Assert.Equal(HttpStatusCode.BadRequest, status); // asking for a huge page is refused up front, by its cost
        Assert.Contains("too complex", body);
    }

    [Fact]
    public async Task Reads_may_come_from_other_origins()
    {
        using var req = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        req.Headers.Add("Origin", "https://campaign.example");
        req.Headers.Add("Access-Control-Request-Method", "POST");
        req.Headers.Add("Access-Control-Request-Headers", "content-type");
        var r = await server.Http.SendAsync(req);
        Assert.Equal("*", r.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}

public sealed class RateLimitTests
{
    [Fact]
    public async Task Over_the_limit_an_anonymous_client_gets_429_with_Retry_After()
    {
        var db = Path.Combine(Path.GetTempPath(), $"rate-{Guid.NewGuid():N}.db");
        var app = Serve.Build(["--urls=http://127.0.0.1:0", "--Database:Provider=Sqlite", $"--ConnectionStrings:SupplyChain=Data Source={db}",
            "--Seed:Enabled=false", "--RateLimits:AnonymousPerMinute=3", "--Logging:LogLevel:Default=Warning"]);
        await Serve.StartAsync(app);
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var statuses = new List<HttpStatusCode>();
            HttpResponseMessage? last = null;
            for (var i = 0; i < 4; i++)
            {
                last = await http.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ __typename }"));
                statuses.Add(last.StatusCode);
            }
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
            Assert.True(int.Parse(last!.Headers.GetValues("Retry-After").Single()) >= 1);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode); // health checks are not limited
        }
        finally { await app.StopAsync(); await app.DisposeAsync(); }
    }
}

/// <summary>A document that passed every rule once skips only the schema checks next time: cost and roles still apply.</summary>
[Collection("sqlite-server")]
public sealed class RememberedDocumentTests(SqliteSeededServer server)
{
    [Fact]
    public async Task A_remembered_document_is_still_checked_for_cost_and_role_on_every_request()
    {
        const string query = "query Q($first: Int) { claims(first: $first) { nodes { id } } }";
        var ok = await server.GraphQLAsync(query, new { first = 2 });
        Assert.Equal(2, ok["data"]!["claims"]!["nodes"]!.AsArray().Count);
        var again = await server.GraphQLAsync(query, new { first = 100000 }, allowErrors: true); // same text, now too costly
        Assert.Contains("too complex", again["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Null(again["data"]);
    }

    [Fact]
    public async Task A_document_an_admin_ran_is_still_refused_to_an_anonymous_caller()
    {
        var admin = (await server.Service<SupplyChain.Access.ApiKeys>().CreateAsync("remembered-admin", SupplyChain.Domain.Role.Admin, "test")).Key;
        const string query = "{ audit(first: 1) { id } }";
        using var asAdmin = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(new JsonObject { ["query"] = query }.ToJsonString(), Encoding.UTF8, "application/json") };
        asAdmin.Headers.Authorization = new("Bearer", admin);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.SendAsync(asAdmin)).StatusCode);
        var anonymous = await server.Http.PostAsync("/graphql", new StringContent(new JsonObject { ["query"] = query }.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
