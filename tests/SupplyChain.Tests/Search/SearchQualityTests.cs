using SupplyChain.Search;
using SupplyChain.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SupplyChain.Tests.Search;

public abstract class SearchQualityTests(SeededDatabase data, ITestOutputHelper output)
{
    static List<(string Category, string Query, string Expected)> Queries() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Search", "labelled-queries.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t')).Select(p => (p[0], p[1], p.Length > 2 ? p[2] : "")).ToList();

    [SkippableFact]
    public async Task Top1_accuracy_on_the_labelled_queries_is_at_least_95_percent_and_no_match_is_never_confident()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        var index = await data.IndexAsync();
        var queries = Queries();
        Assert.True(queries.Count >= 200, $"only {queries.Count} labelled queries");
        var misses = new List<string>();
        var confidentOnNoMatch = new List<string>();
        var byCategory = new Dictionary<string, (int Right, int All)>();
        foreach (var (category, query, expected) in queries)
        {
            var hits = index.Search(query, 8);
            bool right;
            if (expected.Length == 0)
            {
                var confident = hits.FirstOrDefault(h => !h.IsWeak);
                if (confident is not null) confidentOnNoMatch.Add($"{query} → {confident.Brand.Name} ({confident.Kind})");
                right = confident is null;
            }
            else
            {
                right = hits.Count > 0 && hits[0].Brand.Slug == expected;
                if (!right) misses.Add($"[{category}] {query} → {(hits.Count > 0 ? $"{hits[0].Brand.Slug} ({hits[0].Kind})" : "nothing")}, expected {expected}");
            }
            var (r, a) = byCategory.GetValueOrDefault(category);
            byCategory[category] = (r + (right ? 1 : 0), a + 1);
        }
        foreach (var (c, (r, a)) in byCategory.OrderBy(x => x.Key)) output.WriteLine($"{c,-8} {r}/{a} ({100.0 * r / a:0.0}%)");
        foreach (var m in misses) output.WriteLine("miss: " + m);
        var answerable = queries.Count(q => q.Expected.Length > 0);
        var accuracy = 1.0 - (double)misses.Count / answerable;
        output.WriteLine($"top-1 accuracy {accuracy:P1} on {answerable} queries with an answer; {queries.Count - answerable} no-match queries");
        Assert.Empty(confidentOnNoMatch);
        Assert.True(accuracy >= 0.95, $"top-1 accuracy {accuracy:P1} < 95%:\n" + string.Join("\n", misses));
    }

    [SkippableFact]
    public async Task A_parent_company_search_lists_its_brands()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        var index = await data.IndexAsync();
        var hits = index.Search("Nike, Inc.", 8);
        Assert.Equal("nike", hits[0].Brand.Slug);
        Assert.Contains(hits, h => h.Brand.Slug == "converse" && h.MatchedName.Contains("Nike, Inc."));
    }

    [SkippableFact]
    public async Task A_weak_match_is_labelled_with_the_name_it_matched()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        var index = await data.IndexAsync();
        var hit = index.Search("volkswagn", 3)[0];
        Assert.Equal("volkswagen", hit.Brand.Slug);
        Assert.Equal(MatchKind.Fuzzy, hit.Kind);
        Assert.True(hit.IsWeak);
        Assert.Equal("Volkswagen", hit.MatchedName);
        Assert.True(hit.Score <= 0.6);
    }

    [SkippableFact]
    public async Task Typeahead_prefixes_of_one_to_three_letters_answer_from_the_precomputed_lists()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        var index = await data.IndexAsync();
        Assert.Equal("nike", index.Search("n", 8).First().Brand.Slug);   // among n-brands, the linked one with most evidence first
        Assert.Contains(index.Search("ni", 8), h => h.Brand.Slug == "nike");
        Assert.Equal(8, index.Search("s", 8).Count);
    }
}

public sealed class SearchQualityTests_Sqlite(SqliteSeededDatabase d, ITestOutputHelper o) : SearchQualityTests(d, o), IClassFixture<SqliteSeededDatabase>;
public sealed class SearchQualityTests_Postgres(PostgresSeededDatabase d, ITestOutputHelper o) : SearchQualityTests(d, o), IClassFixture<PostgresSeededDatabase>;
