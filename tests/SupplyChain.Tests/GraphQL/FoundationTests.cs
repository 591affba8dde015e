using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.GraphQL;

/// <summary>The foundation's "done when", through the real HTTP endpoint, on each engine.</summary>
public abstract class FoundationTests(SeededServer server)
{
    [SkippableFact]
    public async Task Search_for_nike_returns_Nike_first_with_ASPI_and_Taekwang_citations()
    {
        var json = await server.GraphQLAsync("""
            { searchBrands(query: "nike") { score matchKind brand { name slug
                claims { predicate object { name } source { title publisher } citation } } } }
            """);
        var first = json["data"]!["searchBrands"]![0]!;
        Assert.Equal("Nike", first["brand"]!["name"]!.GetValue<string>());
        Assert.Equal("EXACT", first["matchKind"]!.GetValue<string>());
        var claims = first["brand"]!["claims"]!.AsArray();
        Assert.Contains(claims, c => c!["predicate"]!.GetValue<string>() == "NAMED_IN"
            && c["source"]!["title"]!.GetValue<string>().StartsWith("Uyghurs for sale", StringComparison.OrdinalIgnoreCase)
            && c["citation"]!.GetValue<string>().Contains("Xu, V. X. et al. (2020)"));
        Assert.Contains(claims, c => c!["predicate"]!.GetValue<string>() == "SOURCES_FROM"
            && c["object"]!["name"]!.GetValue<string>() == "QINGDAO TAEKWANG SHOES CO., LTD"
            && c["source"]!["publisher"]!.GetValue<string>() == "Nike, Inc.");
    }

    [SkippableFact]
    public async Task Brands_named_in_the_ASPI_report_count_83()
    {
        var sources = await server.GraphQLAsync("{ sources(first: 100) { nodes { id title } } }");
        var aspi = sources["data"]!["sources"]!["nodes"]!.AsArray().Single(s => s!["title"]!.GetValue<string>().StartsWith("Uyghurs for sale", StringComparison.OrdinalIgnoreCase))!;
        var json = await server.GraphQLAsync("query($id: ID!) { brands(filter: { namedIn: $id }, first: 5) { totalCount } }", new { id = aspi["id"]!.GetValue<string>() });
        Assert.Equal(83, json["data"]!["brands"]!["totalCount"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Both_ASPI_transcriptions_resolve_to_the_same_83_brands()
    {
        TestDatabase.SkipUnlessAvailable(server.Engine);
        await using var db = server.Factory.Create();
        var batches = await db.ImportBatches.Where(b => b.FileName.StartsWith("brands_")).OrderBy(b => b.Id).ToListAsync();
        Assert.Equal(2, batches.Count);
        Assert.Equal(83, batches[0].EntitiesCreated);
        Assert.Equal(0, batches[1].EntitiesCreated); // the transcription without apostrophes ("Carters") finds the same brands
        Assert.Equal(83, batches[1].EntitiesMatched);
        Assert.Equal(batches[0].SourceId, batches[1].SourceId);
    }

    [SkippableFact]
    public async Task Apostrophe_and_case_variants_find_the_brand()
    {
        var json = await server.GraphQLAsync("""{ a: searchBrands(query: "victorias secret", first: 1) { brand { name } } b: searchBrands(query: "CARTERS", first: 1) { brand { name } } }""");
        Assert.Equal("Victoria’s Secret", json["data"]!["a"]![0]!["brand"]!["name"]!.GetValue<string>());
        Assert.Equal("Carter’s", json["data"]!["b"]![0]!["brand"]!["name"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Converse_shows_its_owner_with_the_ownership_claims_citation()
    {
        var json = await server.GraphQLAsync("""{ brand(slug: "converse") { owner { name brands { name } } ownershipClaims { citation source { publisher } } } }""");
        var brand = json["data"]!["brand"]!;
        Assert.Equal("Nike, Inc.", brand["owner"]!["name"]!.GetValue<string>());
        Assert.Contains(brand["owner"]!["brands"]!.AsArray(), b => b!["name"]!.GetValue<string>() == "Nike");
        Assert.Contains(brand["ownershipClaims"]!.AsArray(), c => c!["source"]!["publisher"]!.GetValue<string>() == "Nike, Inc.");
    }

    [SkippableFact]
    public async Task WikiRate_ownership_gives_parents_with_citations_and_keeps_both_of_Calvin_Kleins()
    {
        foreach (var (slug, parent) in new[] { ("zara", "Inditex"), ("uniqlo", "Fast Retailing"), ("the-north-face", "VF"), ("tommy-hilfiger", "PVH") })
        {
            var json = await server.GraphQLAsync("query($s: String!) { brand(slug: $s) { owner { name } ownershipClaims { object { name } objectAsPublished citation source { publisher } } } }", new { s = slug });
            var brand = json["data"]!["brand"]!;
            Assert.StartsWith(parent, brand["owner"]!["name"]!.GetValue<string>());
            Assert.Contains(brand["ownershipClaims"]!.AsArray(), c => c!["source"]!["publisher"]!.GetValue<string>().StartsWith("WikiRate")
                && c["objectAsPublished"]!.GetValue<string>().StartsWith(parent) && c["citation"]!.GetValue<string>().Length > 0);
        }
        var ck = await server.GraphQLAsync("""{ brand(slug: "calvin-klein") { ownershipClaims { object { name } summary periodFrom } } }""");
        var owners = ck["data"]!["brand"]!["ownershipClaims"]!.AsArray().Select(c => c!["object"]!["name"]!.GetValue<string>()).Distinct().ToList();
        Assert.Contains(owners, o => o.StartsWith("PVH"));
        Assert.Contains(owners, o => o.StartsWith("Swatch"));
        var owner = await server.GraphQLAsync("""{ brand(slug: "calvin-klein") { owner { name } } }""");
        Assert.StartsWith("PVH", owner["data"]!["brand"]!["owner"]!["name"]!.GetValue<string>()); // named by more claims than the licensee
        Assert.Contains(ck["data"]!["brand"]!["ownershipClaims"]!.AsArray(), c => c!["summary"]!.GetValue<string>().Contains("Swatch") && c["summary"]!.GetValue<string>().Contains("licensing"));
    }

    [SkippableFact]
    public async Task Healthz_answers_200_when_the_database_is_reachable()
    {
        TestDatabase.SkipUnlessAvailable(server.Engine);
        var r = await server.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [SkippableFact]
    public async Task Claims_and_sources_are_cursor_paginated()
    {
        var first = await server.GraphQLAsync("{ claims(first: 2) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }");
        var page = first["data"]!["claims"]!;
        Assert.True(page["totalCount"]!.GetValue<int>() > 100);
        Assert.True(page["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var second = await server.GraphQLAsync("query($after: String) { claims(first: 2, after: $after) { nodes { id } } }",
            new { after = page["pageInfo"]!["endCursor"]!.GetValue<string>() });
        var ids1 = page["nodes"]!.AsArray().Select(n => long.Parse(n!["id"]!.GetValue<string>())).ToList();
        var ids2 = second["data"]!["claims"]!["nodes"]!.AsArray().Select(n => long.Parse(n!["id"]!.GetValue<string>())).ToList();
        Assert.True(ids2.Min() > ids1.Max());
    }

    [SkippableFact]
    public async Task A_query_by_GET_works_and_a_mutation_by_GET_is_405()
    {
        TestDatabase.SkipUnlessAvailable(server.Engine);
        var ok = await server.Http.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ searchBrands(query: \"nike\", first: 1) { brand { name } } }"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("Nike", await ok.Content.ReadAsStringAsync());
        var mutation = await server.Http.GetAsync("/graphql?query=" + Uri.EscapeDataString("mutation { x }"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, mutation.StatusCode);
    }

    [SkippableFact]
    public async Task Request_errors_follow_the_GraphQL_over_HTTP_status_codes()
    {
        TestDatabase.SkipUnlessAvailable(server.Engine);
        async Task<(HttpStatusCode, JsonNode?)> Post(string body, string contentType = "application/json", string accept = "application/graphql-response+json")
        {
            using var req = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, contentType) };
            req.Headers.Accept.ParseAdd(accept);
            var r = await server.Http.SendAsync(req);
            var text = await r.Content.ReadAsStringAsync();
            return (r.StatusCode, text.Length > 0 && text[0] == '{' ? JsonNode.Parse(text) : null);
        }
        var (syntax, syntaxBody) = await Post("""{"query":"{ searchBrands(query: "}""");
        Assert.Equal(HttpStatusCode.BadRequest, syntax);
        Assert.NotNull(syntaxBody!["errors"]);
        var (invalid, _) = await Post("""{"query":"{ noSuchField }"}""");
        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        var (legacy, legacyBody) = await Post("""{"query":"{ noSuchField }"}""", accept: "application/json");
        Assert.Equal(HttpStatusCode.OK, legacy); // legacy clients get 200 with errors
        Assert.NotNull(legacyBody!["errors"]);
        var (batch, batchBody) = await Post("""[{"query":"{ __typename }"}]""");
        Assert.Equal(HttpStatusCode.BadRequest, batch);
        Assert.Contains("Batched", batchBody!["errors"]![0]!["message"]!.GetValue<string>());
        var (media, _) = await Post("query=x", "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, media);
        var (named, namedBody) = await Post("""{"query":"query A { __typename } query B { searchBrands(query:\"nike\", first:1) { brand { name } } }","operationName":"B"}""");
        Assert.Equal(HttpStatusCode.OK, named);
        Assert.Equal("Nike", namedBody!["data"]!["searchBrands"]![0]!["brand"]!["name"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task matchFacilities_screens_a_supplier_name_with_the_import_rules()
    {
        var json = await server.GraphQLAsync("""
            { a: matchFacilities(name: "Qingdao Taekwang Shoes Co. (Laixi)", country: "China") { facility { name countryCode } score verdict rule }
              b: matchFacilities(name: "Nanchang O-Film Technology (Jiangxi)") { facility { name } score verdict } }
            """);
        var a = json["data"]!["a"]![0]!;
        Assert.Equal("QINGDAO TAEKWANG SHOES CO., LTD", a["facility"]!["name"]!.GetValue<string>());
        Assert.Equal("AUTO_MATCH", a["verdict"]!.GetValue<string>());
        Assert.Equal(1.0, a["score"]!.GetValue<double>());
        var b = json["data"]!["b"]!.AsArray();
        // Spelling only (hyphen, case) differs: what an import would link. "Nanchang O-Film Tech" is another name: a candidate.
        Assert.Equal("Nanchang OFILM Technology (Jiangxi)", b[0]!["facility"]!["name"]!.GetValue<string>());
        Assert.Equal("AUTO_MATCH", b[0]!["verdict"]!.GetValue<string>());
        Assert.Contains(b, m => m!["facility"]!["name"]!.GetValue<string>() == "Nanchang O-Film Tech" && m["verdict"]!.GetValue<string>() == "CANDIDATE");
        Assert.All(b, m => Assert.InRange(m!["score"]!.GetValue<double>(), 0, 1));
    }

    [SkippableFact]
    public async Task A_response_is_tied_to_the_claims_it_answers()
    {
        var json = await server.GraphQLAsync("""{ brand(slug: "nike") { responses { externalId answers { predicate subject { name } object { name } } } } }""");
        var rsp1 = json["data"]!["brand"]!["responses"]!.AsArray().Single(r => r!["externalId"]!.GetValue<string>() == "RSP-001")!;
        var answers = rsp1["answers"]!.AsArray();
        Assert.Contains(answers, c => c!["predicate"]!.GetValue<string>() == "SOURCES_FROM" && c["subject"]!["name"]!.GetValue<string>() == "Nike");
        Assert.Contains(answers, c => c!["predicate"]!.GetValue<string>() == "RECEIVED_TRANSFERRED_WORKERS");
    }

    [SkippableFact]
    public async Task Errors_never_carry_stack_traces_or_SQL()
    {
        var json = await server.GraphQLAsync("""{ claims(first: 1, after: "bm90LWEtY3Vyc29y") { totalCount } }""", allowErrors: true);
        var text = json.ToJsonString();
        Assert.NotNull(json["errors"]);
        Assert.DoesNotContain(" at ", text);
        Assert.DoesNotContain("SELECT", text, StringComparison.OrdinalIgnoreCase);
    }
}

[Collection("sqlite-server")] public sealed class FoundationTests_Sqlite(SqliteSeededServer s) : FoundationTests(s);
[Collection("postgres-server")] public sealed class FoundationTests_Postgres(PostgresSeededServer s) : FoundationTests(s);
