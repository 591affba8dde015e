using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.GraphQL;

/// <summary>The introspection query that tools send works; introspection has its own bound and lets no data field past the data limits.</summary>
[Collection("sqlite-server")]
public sealed class IntrospectionTests(SqliteSeededServer server)
{
    async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(string query)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(new JsonObject { ["query"] = query }.ToJsonString(), Encoding.UTF8, "application/json") };
        req.Headers.Accept.ParseAdd("application/graphql-response+json");
        var r = await server.Http.SendAsync(req);
        return (r.StatusCode, JsonNode.Parse(await r.Content.ReadAsStringAsync())!);
    }

    /// <summary>Every type the SDL defines, by name.</summary>
    static IReadOnlyList<string> SdlTypeNames() => File.ReadLines(Path.Combine(Repo.Root, "schema", "schema.graphql"))
        .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^(?:type|input|enum|scalar|interface|union) (\w+)"))
        .Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();

    public static TheoryData<string> Texts => new()
    {
        { nameof(IntrospectionQueries.Default) }, { nameof(IntrospectionQueries.WithoutDescriptions) },
        { nameof(IntrospectionQueries.Full) }, { nameof(IntrospectionQueries.FullWithoutDescriptions) },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task The_graphql_js_introspection_query_returns_the_whole_schema(string variant)
    {
        var text = (string)typeof(IntrospectionQueries).GetField(variant)!.GetValue(null)!;
        var (status, body) = await PostAsync(text);
        Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
        Assert.Null(body["errors"]);
        var schema = body["data"]!["__schema"]!;
        Assert.Equal("Query", schema["queryType"]!["name"]!.GetValue<string>());
        Assert.Equal("Mutation", schema["mutationType"]!["name"]!.GetValue<string>());
        var types = schema["types"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToHashSet();
        var sdl = SdlTypeNames();
        Assert.True(sdl.Count > 20, "the SDL lists the schema's types");
        Assert.All(sdl, name => Assert.Contains(name, types));
        Assert.Contains("__Type", types);
        // TypeRef nesting reaches the named type: searchBrands is [BrandHit!]!
        var query = schema["types"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == "Query")!;
        var search = query["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "searchBrands")!["type"]!;
        Assert.Equal("NON_NULL", search["kind"]!.GetValue<string>());
        Assert.Equal("LIST", search["ofType"]!["kind"]!.GetValue<string>());
        Assert.Equal("BrandHit", search["ofType"]!["ofType"]!["ofType"]!["name"]!.GetValue<string>());
        Assert.NotEmpty(schema["directives"]!.AsArray());
        if (variant.StartsWith("Full")) Assert.All(schema["directives"]!.AsArray(), d => Assert.NotNull(d!["isRepeatable"]));
    }

    [Fact]
    public async Task The_introspection_query_works_by_GET_too()
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString(IntrospectionQueries.Default));
        req.Headers.Accept.ParseAdd("application/json");
        var r = await server.Http.SendAsync(req);
        var body = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Null(body["errors"]);
        Assert.NotEmpty(body["data"]!["__schema"]!["types"]!.AsArray());
    }

    [Fact]
    public async Task Data_fields_beside_introspection_still_meet_the_data_depth_limit()
    {
        var deep = "brand(slug: \"nike\") { " + string.Concat(Enumerable.Repeat("owner { brands { ", 7)) + "name" + string.Concat(Enumerable.Repeat(" } }", 7)) + " }";
        var (status, body) = await PostAsync("{ __schema { queryType { name } } " + deep + " }");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("too deep", body["errors"]![0]!["message"]!.GetValue<string>());
        // The standard introspection query with one shallow data field beside it: each part meets its own bound
        // (introspection by the introspection limit, the data field by the data depth rule), so it is answered whole.
        var mixed = IntrospectionQueries.Default.Replace("__schema {", "searchBrands(query: \"nike\") { score } __schema {");
        var (status2, body2) = await PostAsync(mixed);
        Assert.Equal(HttpStatusCode.OK, status2);
        Assert.Null(body2["errors"]);
        Assert.NotEmpty(body2["data"]!["searchBrands"]!.AsArray());
        Assert.NotEmpty(body2["data"]!["__schema"]!["types"]!.AsArray());
    }

    [Fact]
    public async Task Introspection_deeper_or_wider_than_the_standard_query_is_refused()
    {
        var nested = "{ __type(name: \"Query\") { " + string.Concat(Enumerable.Repeat("ofType { ", 30)) + "name" + new string('}', 31) + " }";
        var (status, body) = await PostAsync(nested);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INTROSPECTION_LIMIT", body["errors"]![0]!["extensions"]!["number"]!.GetValue<string>());

        var wide = "{ __schema { " + string.Join(" ", Enumerable.Range(0, 50).Select(i => $"t{i}: types {{ fields {{ name }} }}")) + " } }";
        var (status2, body2) = await PostAsync(wide);
        Assert.Equal(HttpStatusCode.BadRequest, status2);
        Assert.Contains("list fields", body2["errors"]![0]!["message"]!.GetValue<string>());

        var cycle = "query { __schema { types { ...A } } } fragment A on __Type { ofType { ...A } }";
        var (status3, _) = await PostAsync(cycle);
        Assert.Equal(HttpStatusCode.BadRequest, status3);
    }
}
