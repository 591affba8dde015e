using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using SupplyChain.Server.GraphQL;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Safety.Attacks;

/// <summary>
/// Issue 18, finding 4, as a property: whatever the server has remembered about a document, a request runs only when
/// its own cost (for its own variables) is within the limit. Documents mix costly blocks behind @skip/@include on
/// fields, fragment spreads and inline fragments, with page sizes from Int variables; each is sent twice with
/// different variables, so the second request meets a remembered verdict. The expected cost is worked out here in
/// closed form per block, independently of the server's memoised analysis.
/// </summary>
[Collection("sqlite-server")]
public sealed class CachedDocumentPropertyTests(SqliteSeededServer server)
{
    enum Guard { None, Skip, Include }
    enum Place { Field, Spread, InlineFragment }
    sealed record Block(Guard Guard, Place Place);

    /// <summary>`claims(first: n) { nodes { id quote } }`: the connection 1, its nodes n × (1 + 2 leaves).</summary>
    static double BlockCost(int n) => 1 + (1 + Math.Max(1, n) * 2);

    static readonly Gen<Block> Blocks = Gen.Select(Gen.Enum<Guard>(), Gen.Enum<Place>(), (g, p) => new Block(g, p));
    static readonly Gen<(bool[] Flags, int[] Pages)> Variables = Gen.Select(Gen.Bool.Array[6], Gen.Int[1, 4000].Array[6]);

    static (string Query, string Fragments) Document(Block[] blocks)
    {
        var body = new StringBuilder();
        var fragments = new StringBuilder();
        for (var i = 0; i < blocks.Length; i++)
        {
            var b = blocks[i];
            var guard = b.Guard switch { Guard.Skip => $" @skip(if: $f{i})", Guard.Include => $" @include(if: $f{i})", _ => "" };
            var field = $"b{i}: claims(first: $n{i}) {{ nodes {{ id quote }} }}";
            switch (b.Place)
            {
                case Place.Field: body.Append($"b{i}: claims(first: $n{i}){guard} {{ nodes {{ id quote }} }}\n"); break;
                case Place.Spread:
                    body.Append($"...F{i}{guard}\n");
                    fragments.Append($"fragment F{i} on Query {{ ...G{i} }}\nfragment G{i} on Query {{ {field} }}\n"); // nested: memoised
                    break;
                case Place.InlineFragment: body.Append($"... on Query{guard} {{ {field} }}\n"); break;
            }
        }
        var declared = string.Join(", ", Enumerable.Range(0, blocks.Length).SelectMany(i =>
            blocks[i].Guard == Guard.None ? new[] { $"$n{i}: Int!" } : [$"$f{i}: Boolean!", $"$n{i}: Int!"]));
        return ($"query Q({declared}) {{ __typename\n{body}}}\n", fragments.ToString());
    }

    static double ExpectedCost(Block[] blocks, bool[] flags, int[] pages) =>
        1 + blocks.Select((b, i) => b.Guard switch
        {
            Guard.Skip when flags[i] => 0,
            Guard.Include when !flags[i] => 0,
            _ => BlockCost(pages[i]),
        }).Sum();

    async Task<bool> RunsAsync(string document, Block[] blocks, bool[] flags, int[] pages)
    {
        var variables = new JsonObject();
        for (var i = 0; i < blocks.Length; i++)
        {
            if (blocks[i].Guard != Guard.None) variables[$"f{i}"] = flags[i];
            variables[$"n{i}"] = pages[i];
        }
        var body = new JsonObject { ["query"] = document, ["variables"] = variables }.ToJsonString();
        using var r = await server.Http.PostAsync("/graphql", new StringContent(body, Encoding.UTF8, "application/json"));
        var json = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var ran = json["data"] is JsonObject;
        if (!ran) Assert.Contains("too complex", json["errors"]![0]!["message"]!.GetValue<string>());
        return ran;
    }

    [Fact]
    public void A_remembered_document_never_runs_above_the_complexity_limit()
    {
        var limit = server.Service<GraphQLLimits>().MaxComplexity;
        Gen.Select(Blocks.Array[1, 6], Variables, Variables).Sample((blocks, first, second) =>
        {
            var (query, fragments) = Document(blocks);
            var document = query + fragments;
            foreach (var (flags, pages) in new[] { first, first, second })
            {
                var expected = ExpectedCost(blocks, flags, pages);
                var ran = RunsAsync(document, blocks, flags, pages).GetAwaiter().GetResult();
                Assert.True(ran == (expected <= limit), $"cost {expected} (limit {limit}) but ran={ran}:\n{document}");
            }
        }, iter: 40, threads: 1);
    }
}
