using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Exposure;
using SupplyChain.Search;
using Microsoft.Extensions.DependencyInjection;

namespace SupplyChain.Benchmarks;

/// <summary>Every brand's exposure status (BrandSearch.LoadAsync) and the brand page budget (GraphQL brand query; GET /brands/{slug} if it exists).</summary>
public static class ExposureSuite
{
    public static async Task<int> RunAsync(Options o)
    {
        var n = o.Brands;
        var (bench, stats) = await Generator.EnsureDbAsync(o, n);
        var factory = bench.Factory();

        // 1. The whole index with every brand's status, three times; and its parts.
        var loads = new List<double>();
        BrandIndex? index = null;
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            index = await BrandSearch.LoadAsync(factory);
            loads.Add(sw.Elapsed.TotalSeconds);
            Console.Error.WriteLine($"  LoadAsync run {i + 1}: {sw.Elapsed.TotalSeconds:0.00} s ({index.Count} brands)");
        }
        double graphSeconds, computeSeconds;
        await using (var db = factory.Create())
        {
            var sw = Stopwatch.StartNew();
            var graph = await ClaimGraph.LoadAllAsync(db);
            graphSeconds = sw.Elapsed.TotalSeconds;
            var ids = await db.Brands.AsNoTracking().Select(b => b.Id).ToListAsync();
            sw.Restart();
            foreach (var id in ids) ExposureCalculator.Compute(graph, id);
            computeSeconds = sw.Elapsed.TotalSeconds;
        }
        var byStatus = index!.Cards.GroupBy(c => c.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} {Fmt.Int(g.Count())}");

        // 2. The brand page over GraphQL, and the web page if there is one.
        await using var server = await InProcServer.StartAsync(bench);
        var work = await Workload.LoadAsync(factory);
        using var http = Client.Create(64);
        var url = server.BaseUrl + "/graphql";
        var bodies = work.Slugs.Select(work.BrandBody).ToArray();
        var errors = 0;
        async ValueTask<bool> Page(int i)
        {
            var (s, b) = await Client.PostAsync(http, url, bodies[i % bodies.Length]);
            if (s == 200 && Client.HasErrors(b)) Interlocked.Increment(ref errors);
            return Client.GoodGraphQL(s, b);
        }
        await Loop.RunAsync("warm-up", 4, 1000, TimeSpan.FromSeconds(60), Page);
        errors = 0;
        var c1 = await Loop.RunAsync("brand c=1", 1, o.Int("page-requests", 2000), TimeSpan.FromSeconds(60), Page);
        var c16 = await Loop.RunAsync("brand c=16", 16, o.Int("page-requests", 2000) * 2, TimeSpan.FromSeconds(60), Page);
        Console.Error.WriteLine($"  brand GraphQL c=1 p50 {Fmt.Ms(c1.P50)} p99 {Fmt.Ms(c1.P99)}; c=16 p50 {Fmt.Ms(c16.P50)} p99 {Fmt.Ms(c16.P99)}");

        // Where a page's time goes: the three EvidenceQueries calls its fields make, one at a time, in-process.
        var queries = new SupplyChain.Queries.EvidenceQueries(factory);
        var served = server.App.Services.GetRequiredService<BrandSearch>().Index;
        var snapshot = GraphSnapshot.Of(served);
        var cards = work.Slugs.Take(300).Select(s => served.BySlug(s)).OfType<BrandCard>().ToList();
        var parts = new List<(string Name, Latencies L)>();
        foreach (var (name, call) in new (string, Func<BrandCard, Task>)[]
                 {
                     ("EvidenceQueries.ClaimsAboutAsync (claims)", c => queries.ClaimsAboutAsync(SupplyChain.Domain.EntityKind.Brand, c.Id)),
                     ("EvidenceQueries.ExposureAsync (exposure)", c => queries.ExposureAsync(snapshot, c.Id)),
                     ("EvidenceQueries.ResponsesForBrandAsync (responses)", c => queries.ResponsesForBrandAsync(snapshot, c.Id)),
                 })
        {
            var l = new Latencies();
            foreach (var c in cards) await call(c); // warm
            foreach (var c in cards) { var t0 = Stopwatch.GetTimestamp(); await call(c); l.Add(Stopwatch.GetTimestamp() - t0); }
            parts.Add((name, l));
        }

        var (pageStatus, _) = await Client.GetAsync(http, server.BaseUrl + "/brands/" + Uri.EscapeDataString(work.Slugs[0]));
        RunResult? web1 = null, web16 = null;
        if (pageStatus == 200)
        {
            async ValueTask<bool> Web(int i) => (await Client.GetAsync(http, server.BaseUrl + "/brands/" + Uri.EscapeDataString(work.Slugs[i % work.Slugs.Count]))).Status == 200;
            await Loop.RunAsync("warm-up", 4, 500, TimeSpan.FromSeconds(60), Web);
            web1 = await Loop.RunAsync("web c=1", 1, 1000, TimeSpan.FromSeconds(60), Web);
            web16 = await Loop.RunAsync("web c=16", 16, 2000, TimeSpan.FromSeconds(60), Web);
        }

        var report = new Report(bench.IsPostgres ? $"exposure:{n}:postgres" : $"exposure:{n}", $"Exposure for every brand, and the brand page: {Fmt.Int(stats.Brands)} brands, {bench.EngineName}")
            .Line($"`BrandSearch.LoadAsync` loads brands, owners, claim counts and the whole claim graph, computes every brand's exposure status and builds the search index " +
                  $"(what the server does at start and after each import). Statuses: {string.Join(", ", byStatus)}.")
            .Line()
            .Table(["step", "seconds:"],
            [
                ["BrandSearch.LoadAsync, run 1 (cold)", Fmt.N(loads[0], "0.00")],
                ["BrandSearch.LoadAsync, runs 2–3", string.Join(" / ", loads.Skip(1).Select(l => Fmt.N(l, "0.00")))],
                ["of which ClaimGraph.LoadAllAsync (all path claims and responses)", Fmt.N(graphSeconds, "0.00")],
                ["of which ExposureCalculator.Compute for every brand", Fmt.N(computeSeconds, "0.00")],
            ])
            .Line($"Brand page over GraphQL (`{Workload.BrandGql}`), {work.Slugs.Count} slugs cycled (a third of them brands with suppliers), in-process server, warm:")
            .Line()
            .Table(["request", "concurrency", "p50 ms:", "p99 ms:", "req/s:", "counted/sent"],
            new[] { c1, c16 }.Select(r => new[] { "GraphQL brand(slug){…}", r.Concurrency.ToString(), Fmt.Ms(r.P50), Fmt.Ms(r.P99), Fmt.N(r.Rps), $"{Fmt.Int(r.Ok)}/{Fmt.Int(r.Ok + r.Failed)}" })
                .Concat(web1 is null ? [["GET /brands/{slug}", "–", "–", "–", "–", $"page not yet available (HTTP {pageStatus})"]]
                    : new[] { web1, web16! }.Select(r => new[] { "GET /brands/{slug}", r.Concurrency.ToString(), Fmt.Ms(r.P50), Fmt.Ms(r.P99), Fmt.N(r.Rps), $"{Fmt.Int(r.Ok)}/{Fmt.Int(r.Ok + r.Failed)}" })));
        report.Line($"Responses with `errors`: {errors}. The page's database work, call by call (in-process, c=1, {cards.Count} brands; GraphQL.NET runs the three in parallel, each on its own context):").Line()
            .Table(["call", "p50 ms:", "p99 ms:"], parts.Select(p => new[] { p.Name, Fmt.Ms(p.L.PercentileMs(50)), Fmt.Ms(p.L.PercentileMs(99)) }));
        report.Publish(o);
        return 0;
    }
}
