using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Access;
using SupplyChain.Data;
using SupplyChain.Domain;
using SupplyChain.Import;
using SupplyChain.Live;
using SupplyChain.Server.GraphQL;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Live;

/// <summary>
/// The GraphQL response cache (Server/GraphQL/ResponseCache.cs): a repeated anonymous read is answered with the same
/// bytes without executing again, and never with anything an execution would not give now: writes show on the next
/// read, credentials and errors are never cached, and the bound holds. The list imported is MADE UP (file and source
/// title say so); none of it is evidence.
/// </summary>
public abstract class ResponseCacheTests(Engine engine)
{
    const string Search = "query($q: String!) { searchBrands(query: $q, first: 5) { score matchKind brand { name slug status } } }";
    const string Page = "query($s: String!) { brand(slug: $s) { name status claims { locator summary } } }";

    static byte[] Body(string query, object? variables = null) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["query"] = query, ["variables"] = variables is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(variables) }.ToJsonString());

    static async Task<(HttpStatusCode Status, string? Type, byte[] Body)> PostAsync(HttpClient http, byte[] body, string? bearer = null, string? accept = null)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(body) };
        req.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (bearer is not null) req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (accept is not null) req.Headers.Accept.ParseAdd(accept);
        using var r = await http.SendAsync(req);
        var bytes = await r.Content.ReadAsByteArrayAsync();
        if (r.Content.Headers.ContentLength is { } length) Assert.Equal(length, bytes.Length);
        return (r.StatusCode, r.Content.Headers.ContentType?.MediaType, bytes);
    }

    static JsonNode Data(byte[] body)
    {
        var json = JsonNode.Parse(body)!;
        Assert.True(json["errors"] is null, json.ToJsonString());
        return json["data"]!;
    }

    static (long Hits, long Misses, long Stored) Counts(OwnServer s) => s.Service<ResponseCache>().Counts;

    static async Task<string> SourcingBrandSlugAsync(SupplyChainDbFactory factory)
    {
        await using var db = factory.Create();
        var brand = await db.Claims.AsNoTracking().OrderBy(c => c.Id)
            .Where(c => c.SubjectKind == EntityKind.Brand && c.Predicate == Predicate.SourcesFrom && c.Status == ClaimStatus.Active).Select(c => c.SubjectId).FirstAsync();
        return await db.Brands.Where(b => b.Id == brand).Select(b => b.Slug).SingleAsync();
    }

    [SkippableFact]
    public async Task A_repeated_anonymous_read_is_answered_from_the_cache_with_the_same_bytes()
    {
        TestDatabase.SkipUnlessAvailable(engine);
        await using var server = await OwnServer.StartAsync(engine, seed: true);
        using var http = server.Client();
        var slug = await SourcingBrandSlugAsync(server.Service<SupplyChainDbFactory>());
        foreach (var body in new[] { Body(Search, new { q = "nikee" }), Body(Page, new { s = slug }) })
        {
            var before = Counts(server);
            var first = await PostAsync(http, body);
            var second = await PostAsync(http, body);
            var spec = await PostAsync(http, body, accept: GraphQLEndpoint.GraphQLResponse);
            Assert.Equal(HttpStatusCode.OK, first.Status);
            Assert.NotEmpty(Data(first.Body).AsObject().First().Value!.ToJsonString());
            Assert.Equal(first.Body, second.Body);
            Assert.Equal(first.Body, spec.Body);
            Assert.Equal("application/json", second.Type);
            Assert.Equal(GraphQLEndpoint.GraphQLResponse, spec.Type); // the media type follows each request's Accept
            var after = Counts(server);
            Assert.Equal(1, after.Stored - before.Stored);
            Assert.Equal(2, after.Hits - before.Hits);
        }
        // GET is keyed by its query string, and answers as POST does.
        var get = "/graphql?query=" + Uri.EscapeDataString("{ searchBrands(query: \"nike\", first: 3) { brand { name } } }");
        var g1 = await http.GetByteArrayAsync(get);
        var hits = Counts(server).Hits;
        Assert.Equal(g1, await http.GetByteArrayAsync(get));
        Assert.Equal(hits + 1, Counts(server).Hits);
    }

    [SkippableFact]
    public async Task A_write_shows_on_the_next_read()
    {
        TestDatabase.SkipUnlessAvailable(engine);
        await using var server = await OwnServer.StartAsync(engine, seed: true);
        using var http = server.Client();
        var factory = server.Service<SupplyChainDbFactory>();
        var slug = await SourcingBrandSlugAsync(factory);
        var page = Body(Page, new { s = slug });
        var before = await PostAsync(http, page);
        Assert.Equal(before.Body, (await PostAsync(http, page)).Body);

        // Another writer adds a claim and moves the data version, as imports and decisions do; this server has not
        // refreshed: the page (read from the database) shows it on the very next read all the same.
        const string locator = "MADE-UP test claim (ResponseCacheTests)";
        await AddClaimAsync(factory, slug, locator);
        var after = Data((await PostAsync(http, page)).Body);
        Assert.Contains(after["brand"]!["claims"]!.AsArray(), c => (string?)c!["locator"] == locator);
        Assert.Equal(Data(before.Body)["brand"]!["claims"]!.AsArray().Count + 1, after["brand"]!["claims"]!.AsArray().Count);
        // Concurrent readers share the version reads; each still sees every change committed before it asked.
        const string second = "MADE-UP second test claim (ResponseCacheTests)";
        await AddClaimAsync(factory, slug, second);
        foreach (var r in await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PostAsync(http, page))))
            Assert.Contains(Data(r.Body)["brand"]!["claims"]!.AsArray(), c => (string?)c!["locator"] == second);

        // An import by another process: search reads the index, so a new brand is found once the change signal's
        // refresh ran, exactly as without the cache.
        var search = Body(Search, new { q = "Zorvalqe Made-up Outfitters" });
        Assert.Empty(Data((await PostAsync(http, search)).Body)["searchBrands"]!.AsArray());
        Assert.Empty(Data((await PostAsync(http, search)).Body)["searchBrands"]!.AsArray());
        var dir = Directory.CreateTempSubdirectory("sc-respcache").FullName;
        try
        {
            var report = await new ImportRunner(factory).ImportAsync(MadeUpWrites.WriteBrandList(dir, "response-cache", "Zorvalqe Made-up Outfitters"), new ImportOptions { Actor = "test" });
            Assert.True(report.Succeeded, report.Summary());
        }
        finally { Directory.Delete(dir, recursive: true); }
        Assert.True(await server.Service<DataRefresh>().RefreshAsync());
        var found = Data((await PostAsync(http, search)).Body)["searchBrands"]!.AsArray();
        Assert.Equal("Zorvalqe Made-up Outfitters", (string?)found.First()!["brand"]!["name"]);
        var newSlug = (string)found.First()!["brand"]!["slug"]!;
        Assert.Equal("NAMED_IN_REPORT", (string?)Data((await PostAsync(http, Body(Page, new { s = newSlug }))).Body)["brand"]!["status"]);

        // A retraction through this server (a reviewer's correction): the next anonymous read has the new status.
        long claimId;
        await using (var db = factory.Create())
            claimId = await db.Claims.Where(c => c.SubjectKind == EntityKind.Brand && db.Brands.Any(b => b.Id == c.SubjectId && b.Slug == newSlug)).Select(c => c.Id).SingleAsync();
        var admin = await server.Service<ApiKeys>().CreateAsync("cache test admin", Role.Admin, "test");
        var retract = await PostAsync(http, Body("mutation($id: ID!) { retractClaim(id: $id, reason: \"made-up test retraction\") { status } }", new { id = claimId }), admin.Key);
        Assert.Equal("RETRACTED", (string?)Data(retract.Body)["retractClaim"]!["status"]);
        Assert.Equal("NO_EVIDENCE", (string?)Data((await PostAsync(http, Body(Page, new { s = newSlug }))).Body)["brand"]!["status"]);
        Assert.Equal("NO_EVIDENCE", (string?)Data((await PostAsync(http, search)).Body)["searchBrands"]![0]!["brand"]!["status"]);
    }

    [SkippableFact]
    public async Task Credentials_errors_mutations_and_long_requests_are_never_cached()
    {
        TestDatabase.SkipUnlessAvailable(engine);
        await using var server = await OwnServer.StartAsync(engine, seed: true);
        using var http = server.Client();
        var reader = await server.Service<ApiKeys>().CreateAsync("cache test reader", Role.Reader, "test");
        var search = Body(Search, new { q = "nike" });
        var start = Counts(server);

        // With credentials: executed every time, never stored, never served from what anonymous requests stored.
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, search, reader.Key)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(http, search, "sc_not-a-key")).Status);
        Assert.Equal(start, Counts(server));
        await PostAsync(http, search); // now stored for anonymous readers
        var stored = Counts(server);
        Assert.Equal(start.Stored + 1, stored.Stored);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, search, reader.Key)).Status);
        Assert.Equal(stored, Counts(server));

        // Errors: a field error (data and errors) and a request error, each sent twice.
        foreach (var failing in new[] { Body("{ searchBrands(query: \"nike\", first: 0) { score } }"), Body("{ noSuchField }") })
            for (var i = 0; i < 2; i++)
                Assert.NotNull(JsonNode.Parse((await PostAsync(http, failing)).Body)!["errors"]);
        // A mutation (refused without credentials) and a body over the cache's bound on request size.
        for (var i = 0; i < 2; i++) await PostAsync(http, Body("mutation($id: ID!) { retractClaim(id: $id, reason: \"x\") { status } }", new { id = 1 }));
        var padded = Body(Search + new string(' ', ResponseCache.MaxRequestBytes), new { q = "nike" });
        for (var i = 0; i < 2; i++) Data((await PostAsync(http, padded)).Body);
        Assert.Equal(stored.Stored, Counts(server).Stored);
        Assert.Equal(stored.Hits, Counts(server).Hits);
    }

    [SkippableFact]
    public async Task The_cache_stays_within_its_bound()
    {
        TestDatabase.SkipUnlessAvailable(engine);
        await using var server = await OwnServer.StartAsync(engine, seed: true, settings: ["--GraphQL:ResponseCacheMegabytes=0.02"]);
        using var http = server.Client();
        var cache = server.Service<ResponseCache>();
        Assert.Equal(20_971, cache.CapacityBytes);
        for (var i = 0; i < 300; i++)
        {
            Data((await PostAsync(http, Body(Search, new { q = $"n{i}" }))).Body);
            Assert.InRange(cache.HeldBytes, 0, cache.CapacityBytes);
        }
        Assert.True(cache.Counts.Stored > 30, $"stored {cache.Counts.Stored}"); // it did keep answers, making room as it went
        Assert.True(cache.HeldBytes > cache.CapacityBytes / 4, $"held {cache.HeldBytes}");

        await using var off = await OwnServer.StartAsync(engine, settings: ["--GraphQL:ResponseCacheMegabytes=0"]);
        using var offHttp = off.Client();
        for (var i = 0; i < 2; i++) Data((await PostAsync(offHttp, Body(Search, new { q = "nike" }))).Body);
        Assert.Equal((0, 0, 0), off.Service<ResponseCache>().Counts);
    }

    [SkippableFact]
    public async Task A_held_answer_overtaken_by_the_deadline_answers_504_with_its_own_length()
    {
        TestDatabase.SkipUnlessAvailable(engine);
        await using var server = await OwnServer.StartAsync(engine, settings: ["--GraphQL:TimeoutSeconds=0.000001"]);
        using var http = server.Client();
        var cache = server.Service<ResponseCache>();
        var body = Body(Search, new { q = "nike" });
        cache.Put(cache.Current(), ResponseCache.KeyOf("POST", body), """{"data":{"searchBrands":[]}}"""u8, -1);
        // The 1 µs deadline can also fire while the body is still being read (a busy machine), before the cache is asked:
        // that too must be a 504 with its own length. Send until one request has been answered from the cache.
        for (var attempt = 0; attempt < 50 && cache.Counts.Hits == 0; attempt++)
        {
            var r = await PostAsync(http, body, accept: GraphQLEndpoint.GraphQLResponse); // PostAsync checks Content-Length against the bytes
            Assert.Equal(HttpStatusCode.GatewayTimeout, r.Status);
            Assert.Contains("longer than", (string?)JsonNode.Parse(r.Body)!["errors"]![0]!["message"]);
        }
        Assert.Equal(1, cache.Counts.Hits);
    }

    /// A MADE-UP copy of one of the brand's supplier claims, committed by "another writer" with the data version moved.
    static async Task AddClaimAsync(SupplyChainDbFactory factory, string slug, string locator)
    {
        await using var db = factory.Create();
        var brandId = await db.Brands.Where(b => b.Slug == slug).Select(b => b.Id).SingleAsync();
        var template = await db.Claims.AsNoTracking().OrderBy(c => c.Id)
            .FirstAsync(c => c.SubjectKind == EntityKind.Brand && c.SubjectId == brandId && c.Predicate == Predicate.SourcesFrom);
        await MadeUpWrites.AddClaimAsync(factory, template, locator);
    }
}

public sealed class ResponseCacheTests_Sqlite() : ResponseCacheTests(Engine.Sqlite);
public sealed class ResponseCacheTests_Postgres() : ResponseCacheTests(Engine.Postgres);
