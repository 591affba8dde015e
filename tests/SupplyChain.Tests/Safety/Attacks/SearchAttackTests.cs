using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SupplyChain.Search;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Safety.Attacks;

/// <summary>
/// Issue 18, finding 3: a long search query made the fuzzy matcher build every one-letter deletion (400 KB grew the
/// server past 13 GB). Every entry point refuses or cuts long queries; memory allocated per attack stays small.
/// </summary>
[Collection("sqlite-server")]
public sealed class SearchAttackTests(SqliteSeededServer server)
{
    // Whole-process allocation while one attack request runs (other test classes run alongside): the probe saw 13 GB.
    const long FlatBytes = 256L * 1024 * 1024;

    static async Task<(T Result, long Allocated, TimeSpan Took)> MeasureAsync<T>(Func<Task<T>> attack)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        var result = await attack();
        return (result, GC.GetTotalAllocatedBytes(precise: true) - before, sw.Elapsed);
    }

    [Fact]
    public async Task SearchBrands_with_a_400_KB_query_is_refused_fast_with_flat_memory()
    {
        var body = new JsonObject { ["query"] = "query($q: String!) { searchBrands(query: $q) { score } }", ["variables"] = new JsonObject { ["q"] = new string('n', 400_000) } }.ToJsonString();
        var (text, allocated, took) = await MeasureAsync(async () =>
            await (await server.Http.PostAsync("/graphql", new StringContent(body, Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync());
        Assert.Contains("'query' is longer than 200 characters", JsonNode.Parse(text)!["errors"]![0]!["message"]!.GetValue<string>());
        Assert.True(allocated < FlatBytes, $"{allocated / 1024 / 1024} MB allocated");
        Assert.True(took < TimeSpan.FromSeconds(2), $"took {took}");
    }

    [Fact]
    public async Task The_json_api_refuses_a_7000_character_query()
    {
        var (response, allocated, took) = await MeasureAsync(() => server.Http.GetAsync("/api/brands/search?q=" + new string('x', 7000)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("longer than 200", await response.Content.ReadAsStringAsync());
        Assert.True(allocated < FlatBytes, $"{allocated / 1024 / 1024} MB allocated");
        Assert.True(took < TimeSpan.FromSeconds(2), $"took {took}");
    }

    [Fact]
    public async Task The_search_page_cuts_a_long_query()
    {
        await server.Http.GetAsync("/search?q=nike"); // first render loads the digests: not the attack's cost
        var (response, allocated, _) = await MeasureAsync(() => server.Http.GetAsync("/search?q=" + new string('z', 6000)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(allocated < FlatBytes, $"{allocated / 1024 / 1024} MB allocated");
    }

    [Fact]
    public async Task Screening_names_longer_than_the_cap_are_refused()
    {
        var json = await server.GraphQLAsync("query($n: String!) { matchBrands(name: $n) { score } }", new { n = new string('q', 5000) }, allowErrors: true);
        Assert.Contains("longer than 300", json["errors"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_index_itself_bounds_the_work_for_a_huge_query()
    {
        var index = server.Service<BrandSearch>().Index;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var hits = index.Search(new string('a', 400_000) + "nike");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.NotNull(hits);
        Assert.True(allocated < FlatBytes, $"{allocated / 1024 / 1024} MB allocated");
    }
}
