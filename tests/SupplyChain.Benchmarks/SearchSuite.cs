using System.Diagnostics;
using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using Microsoft.Extensions.DependencyInjection;
using SupplyChain.Search;
using SupplyChain.Server.GraphQL;

namespace SupplyChain.Benchmarks;

/// <summary>
/// The brand-lookup ladder on one generated database, all rungs in the same run and interleaved per round:
/// raw BrandIndex.Search in-process, GraphQL execution in-process (no HTTP), GET /api/brands/search, POST /graphql searchBrands.
/// </summary>
public static class SearchSuite
{
    public static async Task<int> RunAsync(Options o)
    {
        var n = o.Brands;
        var rounds = o.Int("rounds", 3);
        var c1Count = o.Int("requests", 4000);
        var c16Count = o.Int("requests16", 16000);
        var maxRun = TimeSpan.FromSeconds(o.Int("max-seconds", 30));
        var (db, stats) = await Generator.EnsureDbAsync(o, n);
        Console.Error.WriteLine($"search: {db.Label} ({stats.Brands} brands); starting server in-process");
        await using var server = await InProcServer.StartAsync(db);
        var search = server.App.Services.GetRequiredService<BrandSearch>();
        var index = search.Index;
        var work = await Workload.LoadAsync(db.Factory());
        var queries = work.Queries;
        var bodies = queries.Select(work.SearchBody).ToArray();
        var urls = queries.Select(q => server.BaseUrl + Workload.SearchUrl(q)).ToArray();
        var gqlUrl = server.BaseUrl + "/graphql";
        using var http = Client.Create(64);

        // In-process GraphQL execution, without HTTP: what GraphQL.NET itself costs (parse, validate, execute, serialise).
        var executer = server.App.Services.GetRequiredService<IDocumentExecuter<ISchema>>();
        var serializer = server.App.Services.GetRequiredService<IGraphQLTextSerializer>();
        var rules = server.App.Services.GetRequiredService<GraphQLLimits>().Rules();
        var inputs = queries.Select(q => serializer.Deserialize<Inputs>(JsonSerializer.Serialize(new Dictionary<string, object?> { ["q"] = q.Text, ["first"] = q.First }))).ToArray();

        var parsed = GraphQLParser.Parser.Parse(Workload.SearchGql);
        async ValueTask<bool> ExecVariant(int i, bool preParsed, bool validate, bool serialize)
        {
            await using var scope = server.App.Services.CreateAsyncScope();
            var result = await executer.ExecuteAsync(x =>
            {
                x.Query = Workload.SearchGql; x.Variables = inputs[i]; x.RequestServices = scope.ServiceProvider;
                x.ValidationRules = validate ? rules : [];
                if (preParsed) x.Document = parsed;
                x.ThrowOnUnhandledException = false;
            });
            if (serialize)
            {
                using var ms = new MemoryStream();
                await serializer.WriteAsync(ms, result);
            }
            return result.Errors is null or { Count: 0 } && result.Data is not null;
        }
        ValueTask<bool> Exec(int i) => ExecVariant(i, false, true, true);

        var rungs = new (string Name, Func<int, ValueTask<bool>> Op, int Scale)[]
        {
            ("raw index (in-process)", i => ValueTask.FromResult(index.Search(queries[i].Text, queries[i].First) is not null), 10),
            ("GraphQL execution (in-process, no HTTP)", i => Exec(i), 2),
            ("plain JSON GET /api/brands/search", async i =>
            {
                var (s, b) = await Client.GetAsync(http, urls[i]);
                return s == 200 && b.Length > 0 && b[0] == (byte)'[';
            }, 1),
            ("GraphQL POST /graphql searchBrands", async i =>
            {
                var (s, b) = await Client.PostAsync(http, gqlUrl, bodies[i]);
                return Client.GoodGraphQL(s, b);
            }, 1),
        };

        // Same answers on every rung (first 200 queries): slugs in the same order.
        var mismatches = 0;
        for (var i = 0; i < 200; i++)
        {
            var rawSlugs = index.Search(queries[i].Text, queries[i].First).Select(h => h.Brand.Slug).ToList();
            var (_, jb) = await Client.GetAsync(http, urls[i]);
            var jsonSlugs = JsonDocument.Parse(jb).RootElement.EnumerateArray().Select(e => e.GetProperty("slug").GetString()).ToList();
            var (_, gb) = await Client.PostAsync(http, gqlUrl, bodies[i]);
            var gql = JsonDocument.Parse(gb).RootElement.GetProperty("data").GetProperty("searchBrands").EnumerateArray()
                .Select(e => e.GetProperty("brand").GetProperty("slug").GetString()).ToList();
            if (!rawSlugs.SequenceEqual(jsonSlugs) || !rawSlugs.SequenceEqual(gql)) mismatches++;
        }

        // Warm-up: JIT, connection pool, tiered compilation.
        Console.Error.WriteLine("search: warm-up");
        foreach (var (name, op, scale) in rungs)
        {
            await Loop.RunAsync(name, 1, Math.Min(2000 * scale, 20000), maxRun, i => op(i % queries.Count));
            await Loop.RunAsync(name, 16, Math.Min(2000 * scale, 20000), maxRun, i => op(i % queries.Count));
        }

        var results = new List<(int Round, RunResult R)>();
        var perKind = new Dictionary<(string, QueryKind), Latencies>();
        for (var round = 1; round <= rounds; round++)
            foreach (var c in new[] { 1, 16 })
                foreach (var (name, op, scale) in rungs)
                {
                    var count = (c == 1 ? c1Count : c16Count) * scale;
                    var offset = round * 7919;
                    var r = await Loop.RunAsync(name, c, count, maxRun, i => op((i + offset) % queries.Count), c == 1 ? (i, dt, good) =>
                    {
                        if (!good) return;
                        var key = (name, queries[(i + offset) % queries.Count].Kind);
                        Latencies? l;
                        lock (perKind) if (!perKind.TryGetValue(key, out l)) perKind[key] = l = new Latencies();
                        l.Add(dt);
                    } : null);
                    results.Add((round, r));
                    Console.Error.WriteLine($"  round {round} c={c} {name}: p50 {Fmt.Ms(r.P50)} ms p99 {Fmt.Ms(r.P99)} ms {Fmt.N(r.Rps)} req/s ({r.Ok} ok, {r.Failed} failed)");
                }

        RunResult[] Of(string name, int c) => results.Where(x => x.R.Name == name && x.R.Concurrency == c).Select(x => x.R).ToArray();
        double RatioMedian(int c, string a, string b, Func<RunResult, double> f) =>
            Stats.Median(Enumerable.Range(1, rounds).Select(rd =>
                f(results.First(x => x.Round == rd && x.R.Name == a && x.R.Concurrency == c).R) / f(results.First(x => x.Round == rd && x.R.Name == b && x.R.Concurrency == c).R)));

        var raw = rungs[0].Name; var exec = rungs[1].Name; var json = rungs[2].Name; var gqlName = rungs[3].Name;
        var p50Ratio1 = RatioMedian(1, gqlName, raw, r => r.P50);
        var p50Ratio16 = RatioMedian(16, gqlName, raw, r => r.P50);
        var tputRatio16 = RatioMedian(16, gqlName, json, r => r.Rps);
        var tputRatio1 = RatioMedian(1, gqlName, json, r => r.Rps);
        var jsonRatio1 = RatioMedian(1, json, raw, r => r.P50);
        var gqlJson1 = RatioMedian(1, gqlName, json, r => r.P50);
        var gqlP99c16 = Stats.Median(Of(gqlName, 16).Select(r => r.P99));
        var p99Target = n >= 1_000_000 ? 10.0 : 5.0;
        var failures = results.Sum(x => x.R.Failed);

        var report = new Report(db.IsPostgres ? $"search:{n}:postgres" : $"search:{n}", $"Search ladder: {Fmt.Int(stats.Brands)} brands{(db.IsPostgres ? ", PostgreSQL 15" : "")}")
            .Line($"Database: generated ({Fmt.Int(stats.Brands)} brands, {Fmt.Int(stats.Aliases)} synthetic aliases, {Fmt.Int(stats.Claims)} synthetic claims) + the real seed. " +
                  $"Server in this process (Serve.Build/StartAsync, Kestrel on 127.0.0.1, {db.EngineName}, logging at Warning), index built at start in {Fmt.N(server.StartSeconds, "0.0")} s. " +
                  $"One HttpClient (SocketsHttpHandler, 64 connections, HTTP/1.1). Query mix ({queries.Count} queries, cycled): 25% typeahead prefixes of 1–3 characters with first:8, 25% exact brand names, 25% aliases, 25% one-typo names (first:10). " +
                  $"Only 200 responses with data and no `errors` are counted. {rounds} rounds, rungs interleaved within each round; the table gives the median over rounds of each figure, ratios are medians of per-round ratios. " +
                  $"Requests per run: c=1 {Fmt.Int(c1Count)} (raw ×10, in-process GraphQL ×2), c=16 {Fmt.Int(c16Count)} (same multipliers); warm-up before. " +
                  $"Same answers on all rungs for the first 200 queries: {(mismatches == 0 ? "yes" : $"NO, {mismatches} differ")}. Failed requests: {failures}.")
            .Line();
        var rows = new List<string[]>();
        foreach (var c in new[] { 1, 16 })
            foreach (var (name, _, _) in rungs)
            {
                var rs = Of(name, c);
                rows.Add([name, c.ToString(), Fmt.Ms(Stats.Median(rs.Select(r => r.P50))), Fmt.Ms(Stats.Median(rs.Select(r => r.P99))), Fmt.N(Stats.Median(rs.Select(r => r.Rps))),
                    $"{Fmt.Int(rs.Sum(r => r.Ok))}/{Fmt.Int(rs.Sum(r => r.Ok + r.Failed))}", Fmt.N(Stats.Median(rs.Select(r => r.AllocPerOp)) / 1024.0, "0.0"),
                    Fmt.N(Stats.Median(rs.Select(r => r.GcPauseMs * 1000.0 / Math.Max(1, r.Seconds * 1000.0))) , "0.0")]);
            }
        report.Table(["rung", "concurrency", "p50 ms:", "p99 ms:", "req/s:", "counted/sent", "KiB allocated/request (process):", "GC pause ms per s:"], rows);
        report.Line("p50 by query kind at concurrency 1 (ms, all rounds):").Line()
            .Table(["rung", .. Enum.GetValues<QueryKind>().Select(k => k.ToString().ToLowerInvariant() + ":")],
                rungs.Select(r => new[] { r.Name }.Concat(Enum.GetValues<QueryKind>().Select(k => perKind.TryGetValue((r.Name, k), out var l) ? Fmt.Ms(l.PercentileMs(50)) : "–")).ToArray()));
        report.Table(["target", "measured", "verdict"],
        [
            ["GraphQL p50 ≤ 4× raw index p50 (c=1)", Fmt.Ratio(p50Ratio1) + $" (c=16: {Fmt.Ratio(p50Ratio16)}; for scale: plain JSON/raw {Fmt.Ratio(jsonRatio1)}, GraphQL/plain JSON {Fmt.Ratio(gqlJson1)})", Fmt.Verdict(p50Ratio1 <= 4)],
            ["GraphQL throughput ≥ 0.6× plain JSON (c=16)", Fmt.Ratio(tputRatio16) + $" (c=1: {Fmt.Ratio(tputRatio1)})", Fmt.Verdict(tputRatio16 >= 0.6)],
            [$"GraphQL p99 ≤ {p99Target} ms at c=16", Fmt.Ms(gqlP99c16) + " ms", Fmt.Verdict(gqlP99c16 <= p99Target)],
        ]);
        var execP50 = Stats.Median(Of(exec, 1).Select(r => r.P50));
        var jsonP50 = Stats.Median(Of(json, 1).Select(r => r.P50));
        var gqlP50 = Stats.Median(Of(gqlName, 1).Select(r => r.P50));
        var rawP50 = Stats.Median(Of(raw, 1).Select(r => r.P50));
        report.Line($"Where the time goes at c=1 (medians): lookup {Fmt.Ms(rawP50)} ms; GraphQL.NET parse+validate+execute+serialise without HTTP {Fmt.Ms(execP50)} ms " +
                    $"(so GraphQL adds ≈{Fmt.Ms(execP50 - rawP50)} ms to the lookup); HTTP+JSON round trip {Fmt.Ms(jsonP50)} ms; GraphQL over HTTP {Fmt.Ms(gqlP50)} ms " +
                    $"(≈{Fmt.Ms(gqlP50 - jsonP50)} ms more than plain JSON).");
        // GraphQL.NET's in-process cost, step by step (c=1): drop parsing, then validation, then serialisation.
        var variants = new (string Name, bool Parse, bool Validate, bool Serialize)[]
        {
            ("parse + validate + execute + serialise (as served)", false, true, true),
            ("document parsed once (no parse)", true, true, true),
            ("no parse, no validation rules", true, false, true),
            ("no parse, no validation, no serialisation (execute only)", true, false, false),
        };
        var steps = new List<string[]>();
        foreach (var v in variants)
        {
            await Loop.RunAsync("warm", 1, 2000, maxRun, i => ExecVariant(i % queries.Count, v.Parse, v.Validate, v.Serialize));
            var r = await Loop.RunAsync(v.Name, 1, c1Count * 2, maxRun, i => ExecVariant(i % queries.Count, v.Parse, v.Validate, v.Serialize));
            steps.Add([v.Name, Fmt.Ms(r.P50), Fmt.Ms(r.Latency.PercentileMs(90)), Fmt.N(r.AllocPerOp / 1024.0, "0.0")]);
        }
        report.Line().Line("GraphQL.NET 8.8.5 in-process, c=1, the searchBrands query, removing one step at a time (the raw lookup is inside every row):").Line()
            .Table(["variant", "p50 ms:", "p90 ms:", "KiB allocated/request:"], steps);
        report.Publish(o);
        return 0;
    }
}
