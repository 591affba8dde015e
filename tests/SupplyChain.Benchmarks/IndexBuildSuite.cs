using System.Diagnostics;
using SupplyChain.Exposure;
using SupplyChain.Resolution;
using SupplyChain.Search;

namespace SupplyChain.Benchmarks;

/// <summary>
/// How long a full BrandIndex rebuild takes, in memory, on generated names (NameForge, seeded) at each size: the part of
/// a refresh the search index itself costs, without the database reads before it. Median of several builds.
/// </summary>
public static class IndexBuildSuite
{
    public static Task<int> RunAsync(Options o)
    {
        var sizes = o.Str("sizes", "100000,1000000").Split(',').Select(s => int.Parse(s.Replace("_", ""), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var builds = o.Int("builds", 3);
        var rows = new List<string[]>();
        foreach (var n in sizes)
        {
            var rng = new Rng(42);
            var forge = NameForge.FromDatasets(rng);
            var statuses = Enum.GetValues<BrandStatus>();
            var cards = new BrandCard[n];
            for (var i = 0; i < n; i++)
            {
                var name = forge.Next();
                cards[i] = new BrandCard(i + 1, name, NameNormalizer.Slug(name) + "-" + i, null, null, null, statuses[rng.Next(statuses.Length)], rng.Next(20), rng.Next(4));
            }
            var aliases = new List<(long, string)>();
            for (var i = 0; i < n; i++) if (rng.Chance(0.23)) aliases.Add((i + 1, forge.Next()));
            var times = new List<double>();
            long bytes = 0;
            BrandIndex? index = null;
            for (var b = 0; b < builds; b++)
            {
                index = null;
                GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
                var before = GC.GetTotalMemory(true);
                var sw = Stopwatch.StartNew();
                index = BrandIndex.Build(cards, aliases);
                times.Add(sw.Elapsed.TotalSeconds);
                bytes = GC.GetTotalMemory(true) - before;
                Console.Error.WriteLine($"index-build: {n} brands, build {b + 1}: {sw.Elapsed.TotalSeconds:0.00} s");
            }
            GC.KeepAlive(index);
            times.Sort();
            rows.Add([Fmt.Int(n), Fmt.Int(aliases.Count), Fmt.N(times[times.Count / 2], "0.00"), Fmt.N(times[0], "0.00"), Fmt.N(bytes / 1048576.0, "0")]);
        }
        new Report("index-build", "Search index build time")
            .Line($"BrandIndex.Build in memory on generated names (NameForge, seed 42; 23% of brands with one alias), {builds} builds per size, after a full GC each. " +
                  "Excludes the database reads a refresh does first (brands, aliases, claim counts, exposure). The machine is shared with five other engineers' builds and tests: expect noise.")
            .Table(["brands", "aliases", "median s:", "best s:", "index MiB (managed):"], rows)
            .Publish(o);
        return Task.FromResult(0);
    }
}
