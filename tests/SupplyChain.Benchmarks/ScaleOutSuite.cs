using System.Diagnostics;
using SupplyChain.Live;

namespace SupplyChain.Benchmarks;

/// <summary>
/// Two server processes on one database (docs/scaling.md): searchBrands throughput against one server and spread over
/// both at the same total concurrency, each server's memory, and what the change signal costs a server per poll.
/// </summary>
public static class ScaleOutSuite
{
    public static async Task<int> RunAsync(Options o)
    {
        var n = o.Brands;
        var conc = o.Int("concurrency", 16);
        var count = o.Int("requests", 8000);
        var (db, stats) = await Generator.EnsureDbAsync(o, n);
        var work = await Workload.LoadAsync(db.Factory());
        Console.Error.WriteLine($"scale-out: {db.Label}; starting two server processes");
        var startA = Stopwatch.StartNew();
        using var a = await ServerProcess.StartAsync(db);
        var aSeconds = startA.Elapsed.TotalSeconds;
        using var b = await ServerProcess.StartAsync(db);
        var servers = new[] { a, b };
        var bodies = work.Queries.Select(work.SearchBody).ToArray();
        using var http = Client.Create(conc + 8);
        Func<int, ValueTask<bool>> To(Func<int, ServerProcess> pick) => async i =>
        {
            var (s, body) = await Client.PostAsync(http, pick(i).BaseUrl + "/graphql", bodies[i % bodies.Length]);
            return Client.GoodGraphQL(s, body);
        };
        await Loop.RunAsync("warm-up a", conc, 2000, TimeSpan.FromSeconds(60), To(_ => a));
        await Loop.RunAsync("warm-up b", conc, 2000, TimeSpan.FromSeconds(60), To(_ => b));
        var one = new List<RunResult>();
        var two = new List<RunResult>();
        for (var round = 0; round < o.Int("rounds", 3); round++)
        {
            one.Add(await Loop.RunAsync("one server", conc, count, TimeSpan.FromSeconds(90), To(_ => a)));
            two.Add(await Loop.RunAsync("two servers", conc, count, TimeSpan.FromSeconds(90), To(i => servers[i % 2])));
            Console.Error.WriteLine($"  round {round + 1}: one {Fmt.N(one[^1].Rps)} req/s, two {Fmt.N(two[^1].Rps)} req/s");
        }
        static double Median(IEnumerable<double> xs) { var s = xs.Order().ToArray(); return s[s.Length / 2]; }

        // The change signal: each server reads DataVersion once per poll interval. Time that read as a server does it.
        var poll = new Latencies();
        await using (var ctx = db.Factory().Create())
            for (var i = 0; i < 2000; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                await DataVersion.CurrentAsync(ctx, CancellationToken.None);
                if (i >= 100) poll.Add(Stopwatch.GetTimestamp() - t0);
            }

        var ratio = Median(two.Select(r => r.Rps)) / Median(one.Select(r => r.Rps));
        new Report($"scale-out:{n}:{(db.IsPostgres ? "postgres" : "sqlite")}", $"Two servers on one database: {Fmt.Int(stats.Brands)} brands, {db.EngineName}")
            .Line($"Two `SupplyChain.Server` processes on the same {db.EngineName} database, each polling `DataVersion` every second (the default); the first started and built its index in {Fmt.N(aSeconds, "0.0")} s. " +
                  $"searchBrands (the search ladder's mix) at {conc} concurrent, {Fmt.Int(count)} requests per run, all to one server or alternating between both; {one.Count} rounds, medians. " +
                  "Client and both servers share the same 2 cores, so this measures the cost of a second server on one machine, not what a second machine adds.")
            .Line()
            .Table(["servers", "p50 ms:", "p99 ms:", "req/s:"],
            [
                ["one", Fmt.Ms(Median(one.Select(r => r.P50))), Fmt.Ms(Median(one.Select(r => r.P99))), Fmt.N(Median(one.Select(r => r.Rps)))],
                ["two (alternating)", Fmt.Ms(Median(two.Select(r => r.P50))), Fmt.Ms(Median(two.Select(r => r.P99))), Fmt.N(Median(two.Select(r => r.Rps)))],
            ])
            .Line($"Two ÷ one server throughput: {Fmt.Ratio(ratio)}. Server RSS: {a.RssMiB():0} MiB and {b.RssMiB():0} MiB. " +
                  $"The change signal's poll (`DataVersion.CurrentAsync`, one primary-key read), timed from this process: p50 {Fmt.Ms(poll.PercentileMs(50))} ms, p99 {Fmt.Ms(poll.PercentileMs(99))} ms " +
                  "— per server, once a second while nothing changes; a change then costs each server one full rebuild (the start-up time above).")
            .Publish(o);
        return 0;
    }
}
