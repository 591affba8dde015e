using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace SupplyChain.Benchmarks;

/// <summary>
/// Trust-and-safety load test against the server binary as its own process: a bounded burst through /graphql
/// (80% searchBrands, 15% brand detail, 5% claims page), a soak at half the burst's rate reading the server's RSS,
/// and adversarial requests, each timed.
/// </summary>
public static class LoadSuite
{
    enum Kind { Search, Brand, Claims }

    public static async Task<int> RunAsync(Options o)
    {
        var n = o.Brands;
        var total = o.Int("requests", 10_000);
        var conc = o.Int("concurrency", 50);
        var soakSeconds = o.Int("soak-seconds", 120);
        var (db, stats) = await Generator.EnsureDbAsync(o, n);
        if (o.Get("versus") is { } baselineDll) return await VersusAsync(o, db, stats, baselineDll);
        var work = await Workload.LoadAsync(db.Factory());
        Console.Error.WriteLine("load: starting the server process");
        using var server = await ServerProcess.StartAsync(db);
        if (o.Flag("adversarial-only")) return await AdversarialOnlyAsync(o, n, stats.Brands, server, work);
        var url = server.BaseUrl + "/graphql";
        using var http = Client.Create(conc + 8);

        var rng = new Rng(Generator.Seed ^ 0x10AD);
        var kinds = Enumerable.Range(0, Math.Max(total, 200_000)).Select(_ => rng.Next(100) switch { < 80 => Kind.Search, < 95 => Kind.Brand, _ => Kind.Claims }).ToArray();
        var searchBodies = work.Queries.Select(work.SearchBody).ToArray();
        var brandBodies = work.Slugs.Select(work.BrandBody).ToArray();
        var claimBodies = work.ClaimCursors.Select(work.ClaimsBody).ToArray();
        byte[] Body(int i) => kinds[i % kinds.Length] switch
        {
            Kind.Search => searchBodies[i % searchBodies.Length],
            Kind.Brand => brandBodies[i % brandBodies.Length],
            _ => claimBodies[i % claimBodies.Length],
        };
        var non2xx = 0; var withErrors = 0;
        var perKind = Enum.GetValues<Kind>().ToDictionary(k => k, _ => new Latencies());
        async ValueTask<bool> Send(int i)
        {
            var (s, b) = await Client.PostAsync(http, url, Body(i));
            if (s is < 200 or > 299) Interlocked.Increment(ref non2xx);
            else if (Client.HasErrors(b)) Interlocked.Increment(ref withErrors);
            return Client.GoodGraphQL(s, b);
        }
        void Each(int i, long dt, bool good) { if (good) perKind[kinds[i % kinds.Length]].Add(dt); }

        // Warm-up (not counted), then each kind alone at concurrency 1 (its cost without queueing), then the burst.
        await Loop.RunAsync("warm-up", conc, 1000, TimeSpan.FromSeconds(60), Send);
        var alone = new List<string[]>();
        foreach (var (kind, bodies) in new[] { (Kind.Search, searchBodies), (Kind.Brand, brandBodies), (Kind.Claims, claimBodies) })
        {
            var r = await Loop.RunAsync(kind.ToString(), 1, 300, TimeSpan.FromSeconds(60), async i =>
            {
                var (s, b) = await Client.PostAsync(http, url, bodies[i % bodies.Length]);
                return Client.GoodGraphQL(s, b);
            });
            alone.Add([kind.ToString(), "1", Fmt.Ms(r.P50), Fmt.Ms(r.P99), Fmt.N(r.Rps)]);
        }
        // searchBrands and the brand page alone at 16 concurrent (issue 14's 1M table asks for searchBrands at c=16).
        foreach (var (kind, bodies) in new[] { (Kind.Search, searchBodies), (Kind.Brand, brandBodies) })
        {
            var r = await Loop.RunAsync($"{kind} c=16", 16, o.Int("alone16", 4000), TimeSpan.FromSeconds(60), async i =>
            {
                var (s, b) = await Client.PostAsync(http, url, bodies[i % bodies.Length]);
                return Client.GoodGraphQL(s, b);
            });
            alone.Add([kind.ToString(), "16", Fmt.Ms(r.P50), Fmt.Ms(r.P99), Fmt.N(r.Rps)]);
        }
        var dbMiB = await db.SizeMiBAsync();
        non2xx = 0; withErrors = 0;
        var rssBefore = server.RssMiB();
        var burst = await Loop.RunAsync("burst", conc, total, TimeSpan.FromSeconds(o.Int("max-seconds", 180)), Send, Each);
        var burstNon2xx = non2xx; var burstErrors = withErrors;
        Console.Error.WriteLine($"  burst: {burst.Ok} ok, {burst.Failed} failed, p50 {Fmt.Ms(burst.P50)} p99 {Fmt.Ms(burst.P99)} ms, {Fmt.N(burst.Rps)} req/s; non-2xx {non2xx}, errors {withErrors}");

        // Soak: open loop at half the burst's rate, at most `conc` in flight.
        var rate = Math.Max(1, burst.Rps / 2);
        var soakTotal = (int)(rate * soakSeconds);
        non2xx = 0; withErrors = 0;
        var soakLat = new Latencies();
        var samples = new List<(double T, double Rss)>();
        var late = 0;
        using var gate = new SemaphoreSlim(conc);
        var sw = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                samples.Add((sw.Elapsed.TotalSeconds, server.RssMiB()));
                try { await Task.Delay(1000, cts.Token); } catch (TaskCanceledException) { }
            }
        });
        var inflight = new List<Task>();
        var soakOk = 0; var soakFailed = 0;
        for (var k = 0; k < soakTotal && sw.Elapsed.TotalSeconds < soakSeconds + 30; k++)
        {
            var due = TimeSpan.FromSeconds(k / rate);
            var wait = due - sw.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            if (!gate.Wait(0)) { Interlocked.Increment(ref late); await gate.WaitAsync(); }
            var i = 50_000 + k;
            inflight.Add(Task.Run(async () =>
            {
                try
                {
                    var t0 = Stopwatch.GetTimestamp();
                    bool good;
                    try { good = await Send(i); } catch (HttpRequestException) { good = false; }
                    if (good) { soakLat.Add(Stopwatch.GetTimestamp() - t0); Interlocked.Increment(ref soakOk); } else Interlocked.Increment(ref soakFailed);
                }
                finally { gate.Release(); }
            }));
            if (inflight.Count > 5000) { inflight.RemoveAll(t => t.IsCompleted); }
        }
        await Task.WhenAll(inflight);
        var soakElapsed = sw.Elapsed.TotalSeconds;
        cts.Cancel();
        await sampler;
        double RssAround(double from, double to) { var xs = samples.Where(s => s.T >= from && s.T <= to).Select(s => s.Rss).Order().ToArray(); return xs.Length == 0 ? double.NaN : xs[xs.Length / 2]; }
        var warmAt = Math.Min(30, soakSeconds / 4.0);
        var rssWarm = RssAround(warmAt - 5, warmAt + 5);
        var rssEnd = RssAround(soakElapsed - 10, soakElapsed);
        var rssMax = samples.Max(s => s.Rss);
        var growth = (rssEnd - rssWarm) / rssWarm * 100;
        Console.Error.WriteLine($"  soak: {soakOk} ok, {soakFailed} failed in {soakElapsed:0} s at {rate:0} req/s target; RSS warm {rssWarm:0} MiB, end {rssEnd:0} MiB, max {rssMax:0} MiB");

        // Adversarial requests: each sent five times, timed, with the spec media type (4xx for request errors).
        var adversarial = await AdversarialAsync(server.BaseUrl, work);

        var p99Met = burst.P99 < 25;
        var report = new Report(db.IsPostgres ? $"load:{n}:postgres" : $"load:{n}", $"Load test through /graphql: {Fmt.Int(stats.Brands)} brands, {db.EngineName}")
            .Line($"Server: `dotnet {Path.GetRelativePath(Repo.Root, Repo.ServerDll)}` as its own process (GC settings from its project file: workstation, concurrent; logging at Warning, {db.EngineName}), started and index built in {Fmt.N(server.StartSeconds, "0.0")} s. " +
                  $"Client: this process, one HttpClient, {conc} connections, loopback. Mix: 80% searchBrands (the search ladder's query mix), 15% brand detail (`brand(slug){{ claims exposure responses }}`), " +
                  $"5% claims page (`claims(first:20, after:…){{ totalCount nodes{{id citation}} pageInfo{{endCursor}} }}`). 1,000 warm-up requests first (not counted).")
            .Line()
            .Table(["phase", "requests", "non-2xx", "with `errors`", "p50 ms:", "p99 ms:", "max ms:", "req/s:"],
            [
                [$"burst, {conc} concurrent", $"{Fmt.Int(burst.Ok + burst.Failed)}", burstNon2xx.ToString(), burstErrors.ToString(), Fmt.Ms(burst.P50), Fmt.Ms(burst.P99), Fmt.Ms(burst.Latency.MaxMs), Fmt.N(burst.Rps)],
                [$"soak, {soakSeconds} s open loop at {Fmt.N(rate)} req/s", $"{Fmt.Int(soakOk + soakFailed)}", non2xx.ToString(), withErrors.ToString(), Fmt.Ms(soakLat.PercentileMs(50)), Fmt.Ms(soakLat.PercentileMs(99)), Fmt.Ms(soakLat.MaxMs), Fmt.N((soakOk + soakFailed) / soakElapsed)],
            ])
            .Line($"Each kind alone (after warm-up; c=1: 300 requests, c=16: {Fmt.Int(o.Int("alone16", 4000))}): what one request costs before the mix queues it:").Line()
            .Table(["kind", "concurrency", "p50 ms:", "p99 ms:", "req/s:"], alone)
            .Line("Burst latency by request kind:").Line()
            .Table(["kind", "count", "p50 ms:", "p99 ms:"], perKind.Select(kv => new[] { kv.Key.ToString(), Fmt.Int(kv.Value.Count), Fmt.Ms(kv.Value.PercentileMs(50)), Fmt.Ms(kv.Value.PercentileMs(99)) }))
            .Line($"Server memory (VmRSS of the server process from /proc/PID/status, sampled each second): before the burst {rssBefore:0} MiB; soak after warm-up (t≈{warmAt:0} s) {rssWarm:0} MiB; " +
                  $"end of soak {rssEnd:0} MiB; max {rssMax:0} MiB. Soak requests that had to wait for a free connection: {late}. " +
                  $"Database size: {dbMiB:0} MiB ({(db.IsPostgres ? "pg_database_size" : "file + WAL")}).")
            .Line()
            .Table(["target", "measured", "verdict"],
            [
                ["burst p99 < 25 ms (10,000 requests, 50 concurrent)", Fmt.Ms(burst.P99) + " ms", Fmt.Verdict(p99Met)],
                ["no non-2xx, no `errors` under load", $"{burstNon2xx + non2xx} non-2xx, {burstErrors + withErrors} with errors", Fmt.Verdict(burstNon2xx + non2xx + burstErrors + withErrors == 0)],
                ["RSS growth during soak after warm-up < 10%", $"{growth:+0.0;-0.0}%", Fmt.Verdict(growth < 10)],
            ])
            .Line("Adversarial requests (each sent once untimed, then 5 times timed, with `Accept: application/graphql-response+json`; time is the client's, p50 / max of the 5):").Line()
            .Table(["request", "expected", "answered", "ms p50 / max", "message (first 160 chars)", "verdict (< 20 ms, right status, clear message)"], adversarial);
        report.Publish(o);
        return 0;
    }

    /// <summary>
    /// Before/after in one run: the server built from an earlier commit (`--versus DLL`) and this build, both as their own
    /// process on the same database, the same warm-up, then bursts of the same mix alternating between them
    /// (A B, B A, …) so drift in the machine's load falls on both alike.
    ///
    /// The rounds run on through one sequence of requests (round 2 continues where round 1 stopped), and the searches go
    /// through their list in two passes: every search of the first half of the run is new to the server (unless the
    /// same text came up before: short typeahead prefixes do), the second half asks them all again. Each request is
    /// counted as "first" or "repeat" (its exact body sent to that server before, warm-up included), so what a
    /// response cache gains on repeats is shown apart from what a new request costs.
    /// </summary>
    static async Task<int> VersusAsync(Options o, BenchDb db, GeneratedStats stats, string baselineDll)
    {
        var n = o.Brands;
        var total = o.Int("requests", 10_000);
        var conc = o.Int("concurrency", 50);
        var rounds = o.Int("rounds", 3);
        var label = o.Str("versus-label", "before");
        const int warmUp = 2000;
        var rng = new Rng(Generator.Seed ^ 0x10AD);
        var kinds = Enumerable.Range(0, Math.Max(total * rounds + warmUp, 200_000)).Select(_ => rng.Next(100) switch { < 80 => Kind.Search, < 95 => Kind.Brand, _ => Kind.Claims }).ToArray();
        // Each request's place among the requests of its kind: the searches walk their list in order.
        var ordinal = new int[kinds.Length];
        var seenOfKind = new Dictionary<Kind, int> { [Kind.Search] = 0, [Kind.Brand] = 0, [Kind.Claims] = 0 };
        for (var g = 0; g < kinds.Length; g++) ordinal[g] = seenOfKind[kinds[g]]++;
        var measuredSearches = kinds.Take(total * rounds).Count(k => k == Kind.Search);
        var distinct = Math.Max(1, (measuredSearches + 1) / 2); // two passes
        var work = await Workload.LoadAsync(db.Factory(), queries: distinct + warmUp);
        Console.Error.WriteLine($"load: starting {label} ({baselineDll}) and this build");
        using var before = await ServerProcess.StartAsync(db, baselineDll);
        // `--dll` runs another build (e.g. a copy with a changed runtimeconfig.json) in this build's place.
        using var after = await ServerProcess.StartAsync(db, o.Str("dll", Repo.ServerDll));
        var servers = new[] { (Name: label, Server: before), (Name: o.Str("label", "after (this build)"), Server: after) };
        using var http = Client.Create(conc + 8);
        var allSearches = work.Queries.Select(work.SearchBody).ToArray();
        var bodies = new Dictionary<Kind, byte[][]>
        {
            [Kind.Search] = allSearches[..distinct],
            [Kind.Brand] = work.Slugs.Select(work.BrandBody).ToArray(),
            [Kind.Claims] = work.ClaimCursors.Select(work.ClaimsBody).ToArray(),
        };
        var warmSearches = allSearches[distinct..]; // the warm-up's own searches: the measured ones stay new
        // g: the request's place in the whole run (warm-up requests come after the measured ones in the sequence).
        byte[] Body(int g)
        {
            var kind = kinds[g];
            if (kind == Kind.Search && g >= total * rounds) return warmSearches[ordinal[g] % warmSearches.Length];
            var b = bodies[kind];
            return b[ordinal[g] % b.Length];
        }
        var sent = new[] { new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(), new System.Collections.Concurrent.ConcurrentDictionary<string, bool>() };
        var repeat = new bool[2][];
        for (var s = 0; s < 2; s++) repeat[s] = new bool[kinds.Length];
        var bad = new int[2];
        // place: where a measured request is in the run (its first/repeat mark); null for warm-up and the kinds alone.
        Func<int, ValueTask<bool>> Sender(int s, Func<int, byte[]> body, Func<int, int>? place = null) => async i =>
        {
            var bytes = body(i);
            if (!sent[s].TryAdd(System.Text.Encoding.UTF8.GetString(bytes), true) && place is not null) repeat[s][place(i)] = true;
            var (code, b) = await Client.PostAsync(http, servers[s].Server.BaseUrl + "/graphql", bytes);
            var good = Client.GoodGraphQL(code, b);
            if (!good) Interlocked.Increment(ref bad[s]);
            return good;
        };
        for (var s = 0; s < 2; s++) await Loop.RunAsync("warm-up", conc, warmUp, TimeSpan.FromSeconds(120), Sender(s, i => Body(total * rounds + i)));
        var alone = new List<string[]>();
        foreach (var kind in Enum.GetValues<Kind>())
        {
            var row = new List<string> { kind.ToString() };
            for (var s = 0; s < 2; s++)
            {
                var b = kind == Kind.Search ? warmSearches : bodies[kind];
                var r = await Loop.RunAsync($"{kind} alone", 1, 300, TimeSpan.FromSeconds(60), Sender(s, i => b[i % b.Length]));
                row.AddRange([Fmt.Ms(r.P50), Fmt.Ms(r.P99)]);
            }
            alone.Add(row.ToArray());
        }
        bad[0] = bad[1] = 0;
        var bursts = new[] { new List<RunResult>(), new List<RunResult>() };
        Dictionary<Kind, Latencies> ByKind() => Enum.GetValues<Kind>().ToDictionary(k => k, _ => new Latencies());
        var perKind = new[] { ByKind(), ByKind() };
        var firstTime = new[] { ByKind(), ByKind() };
        var repeated = new[] { ByKind(), ByKind() };
        var pooled = new[] { new Latencies(), new Latencies() };
        for (var round = 0; round < rounds; round++)
            foreach (var s in round % 2 == 0 ? new[] { 0, 1 } : [1, 0])
            {
                var from = round * total;
                var r = await Loop.RunAsync($"burst {servers[s].Name}", conc, total, TimeSpan.FromSeconds(o.Int("max-seconds", 180)), Sender(s, i => Body(from + i), i => from + i),
                    (i, dt, good) =>
                    {
                        if (!good) return;
                        var g = from + i;
                        perKind[s][kinds[g]].Add(dt);
                        (repeat[s][g] ? repeated : firstTime)[s][kinds[g]].Add(dt);
                        pooled[s].Add(dt);
                    });
                bursts[s].Add(r);
                Console.Error.WriteLine($"  round {round + 1} {servers[s].Name}: p50 {Fmt.Ms(r.P50)} p99 {Fmt.Ms(r.P99)} ms, {Fmt.N(r.Rps)} req/s, {r.Failed} failed; RSS {servers[s].Server.RssMiB():0} MiB");
            }
        var p99 = bursts.Select(b => Stats.Median(b.Select(r => r.P99))).ToArray();
        var p50 = bursts.Select(b => Stats.Median(b.Select(r => r.P50))).ToArray();
        var rps = bursts.Select(b => Stats.Median(b.Select(r => r.Rps))).ToArray();
        var rss = servers.Select(s => s.Server.RssMiB()).ToArray();
        new Report(db.IsPostgres ? $"load-versus:{n}:postgres" : $"load-versus:{n}", $"Mixed load before/after, 50 connections: {Fmt.Int(stats.Brands)} brands, {db.EngineName}")
            .Line($"Two server processes on the same database ({db.EngineName}, GC settings from each build's project file, logging at Warning): **{label}** = `{baselineDll}`, " +
                  $"**after** = `{Path.GetRelativePath(Repo.Root, Repo.ServerDll)}`. Mix: 80% searchBrands (the search ladder's query mix), 15% brand page " +
                  "(`brand(slug){ name status claims{citation} exposure{…} responses{stance} }`, 1,000 slugs, a third with suppliers), 5% claims page " +
                  $"(`claims(first:20, after:…){{ totalCount nodes{{id citation}} pageInfo{{endCursor}} }}`). 2,000 warm-up requests each (with searches of their own); then {rounds} rounds of " +
                  $"{Fmt.Int(total)} requests at {conc} concurrent per server, alternating which goes first, the rounds continuing one sequence; medians of the rounds. " +
                  $"The {Fmt.Int(measuredSearches)} measured searches go through a list of {Fmt.Int(distinct)} in two passes (the second half of the run repeats the first half's searches); " +
                  "a request is a *repeat* when the same body went to that server before in the run (short typeahead prefixes repeat in the first pass too). Client: this process, one HttpClient, loopback.")
            .Line()
            .Table(["server", "burst p50 ms:", "burst p99 ms:", "req/s:", "p99 of each round, ms", "p99 of all rounds pooled, ms", "failed or `errors`", "RSS after, MiB:"],
                Enumerable.Range(0, 2).Select(s => new[] { servers[s].Name, Fmt.Ms(p50[s]), Fmt.Ms(p99[s]), Fmt.N(rps[s]),
                    string.Join(" / ", bursts[s].Select(r => Fmt.Ms(r.P99))), Fmt.Ms(pooled[s].PercentileMs(99)), bad[s].ToString(), Fmt.N(rss[s]) }))
            .Line("First time and repeated requests, by kind (every round; a response cache answers repeats):").Line()
            .Table(["kind", "first: count", $"{label} p50 / p99 ms", "after p50 / p99 ms", "repeat: count", $"{label} p50 / p99 ms", "after p50 / p99 ms"],
                Enum.GetValues<Kind>().Select(k => new[] { k.ToString(),
                    Fmt.Int(firstTime[1][k].Count), $"{Fmt.Ms(firstTime[0][k].PercentileMs(50))} / {Fmt.Ms(firstTime[0][k].PercentileMs(99))}", $"{Fmt.Ms(firstTime[1][k].PercentileMs(50))} / {Fmt.Ms(firstTime[1][k].PercentileMs(99))}",
                    Fmt.Int(repeated[1][k].Count), $"{Fmt.Ms(repeated[0][k].PercentileMs(50))} / {Fmt.Ms(repeated[0][k].PercentileMs(99))}", $"{Fmt.Ms(repeated[1][k].PercentileMs(50))} / {Fmt.Ms(repeated[1][k].PercentileMs(99))}" }))
            .Line("Burst latency by request kind (every round):").Line()
            .Table(["kind", $"{label} p50 ms:", $"{label} p99 ms:", "after p50 ms:", "after p99 ms:"],
                Enum.GetValues<Kind>().Select(k => new[] { k.ToString(), Fmt.Ms(perKind[0][k].PercentileMs(50)), Fmt.Ms(perKind[0][k].PercentileMs(99)),
                    Fmt.Ms(perKind[1][k].PercentileMs(50)), Fmt.Ms(perKind[1][k].PercentileMs(99)) }))
            .Line("Each kind alone at concurrency 1 (300 requests after warm-up; searches from the warm-up's list, so mostly repeats):").Line()
            .Table(["kind", $"{label} p50 ms:", $"{label} p99 ms:", "after p50 ms:", "after p99 ms:"], alone)
            .Table(["target", "measured", "verdict"],
            [
                [$"mixed load p99 ≤ 25 ms at {conc} connections", $"after {Fmt.Ms(p99[1])} ms ({label} {Fmt.Ms(p99[0])} ms; after ÷ {label} {Fmt.Ratio(p99[1] / p99[0])})", Fmt.Verdict(p99[1] <= 25)],
                ["no failures, no `errors`", $"{label} {bad[0]}, after {bad[1]}", Fmt.Verdict(bad[1] == 0)],
            ])
            .Publish(o);
        return 0;
    }

    /// <summary>Only the adversarial requests (no burst or soak): their own section, `load-adversarial:N`.</summary>
    static async Task<int> AdversarialOnlyAsync(Options o, int n, long brands, ServerProcess server, Workload work)
    {
        var adversarial = await AdversarialAsync(server.BaseUrl, work);
        new Report($"load-adversarial:{n}", $"Adversarial requests against the server process: {Fmt.Int(brands)} brands")
            .Line($"Server: `dotnet {Path.GetRelativePath(Repo.Root, Repo.ServerDll)}` as its own process (SQLite, logging at Warning), the same start-up as the load suite; " +
                  "no burst or soak in this run (`load --adversarial-only`). Includes the attacks of issue 18 (fragment doubling, fragment chains, directive and field floods, " +
                  "the skip-variable cache bypass, long searches, unknown keys, `application/jsonp`). Each sent once untimed, then 5 times timed, with " +
                  "`Accept: application/graphql-response+json`; time is the client's, p50 / max of the 5.")
            .Line()
            .Table(["request", "expected", "answered", "ms p50 / max", "message (first 160 chars)", "verdict (< 20 ms, right status, clear message)"], adversarial)
            .Publish(o);
        return 0;
    }

    static byte[] WithVariables(string query, string variablesJson) =>
        Encoding.UTF8.GetBytes(new System.Text.Json.Nodes.JsonObject { ["query"] = query, ["variables"] = System.Text.Json.Nodes.JsonNode.Parse(variablesJson) }.ToJsonString());

    static async Task<List<string[]>> AdversarialAsync(string baseUrl, Workload work)
    {
        using var http = Client.Create(4);
        var url = baseUrl + "/graphql";
        var slug = work.Slugs[0];
        var aliasClaims = "query { " + string.Join(" ", Enumerable.Range(0, 200).Select(i => $"a{i}: claims(first: 100) {{ totalCount nodes {{ id citation }} }}")) + " }";
        var aliasBrand = "query { " + string.Join(" ", Enumerable.Range(0, 200).Select(i => $"a{i}: brand(slug: \"{slug}\") {{ claims {{ citation }} exposure {{ steps {{ from {{ name }} }} }} }}")) + " }";
        var deep = "query { " + string.Concat(Enumerable.Repeat("brand(slug: \"x\") { owner { brands { ", 1)) + string.Concat(Enumerable.Repeat("a { ", 5000)) + "b" + new string('}', 5000) + " } } } }";
        var big = Encoding.UTF8.GetBytes("{\"query\":\"{ __typename }\",\"variables\":{\"pad\":\"" + new string('x', 2 * 1024 * 1024) + "\"}}");
        var batch = Encoding.UTF8.GetBytes("[{\"query\":\"{ __typename }\"},{\"query\":\"{ __typename }\"}]");
        // Issue 18's attacks.
        var doubling = new StringBuilder("query { sources(first: 1) { nodes { ...F0 } } }\n");
        for (var i = 0; i < 40; i++) doubling.Append($"fragment F{i} on Source {{ a: title ...F{i + 1} b: title ...F{i + 1} }}\n");
        doubling.Append("fragment F40 on Source { title }\n");
        var chain = new StringBuilder("{ sources(first: 1) { nodes { ...F0 } } }\n");
        for (var i = 0; i < 3000; i++) chain.Append($"fragment F{i} on Source {{ title ...F{i + 1} }}\n");
        chain.Append("fragment F3000 on Source { title }\n");
        var directives = "{ __typename " + string.Concat(Enumerable.Repeat("@include(if: true)", 20_000)) + " }";
        var fields = "{ " + string.Concat(Enumerable.Repeat("__typename ", 20_000)) + "}";
        var skippable = "query Q($s: Boolean!) { t: __typename " + string.Join(" ", Enumerable.Range(0, 8).Select(i =>
            $"c{i}: searchBrands(query: \"a\", first: 100) @skip(if: $s) {{ brand {{ claims {{ citation quote }} responses {{ summary }} }} }}")) + " }";
        await Post(http, url, WithVariables(skippable, "{\"s\":true}")); // remembered as valid while the costly part is skipped
        var longSearch = WithVariables("query($q: String!) { searchBrands(query: $q) { score } }", "{\"q\":\"" + new string('n', 400_000) + "\"}");
        var cases = new (string Name, string Expected, Func<Task<(int, byte[])>> Send)[]
        {
            ("fragments doubling per level, 40 levels (1.6 KB)", "400 (complexity)", () => Post(http, url, Client.GraphQLBody(doubling.ToString()))),
            ("chain of 3,000 fragments", "400 (fragment count)", () => Post(http, url, Client.GraphQLBody(chain.ToString()))),
            ("20,000 duplicate directives", "400 (directive count)", () => Post(http, url, Client.GraphQLBody(directives))),
            ("20,000 copies of one field", "400 (selection count)", () => Post(http, url, Client.GraphQLBody(fields))),
            ("remembered with @skip(if:$s) s=true, sent with s=false", "400 (complexity)", () => Post(http, url, WithVariables(skippable, "{\"s\":false}"))),
            ("searchBrands with a 400 KB query", "200 (error: too long)", () => Post(http, url, longSearch)),
            ("/api/brands/search with 7,000 characters", "400", () => Get(http, baseUrl + "/api/brands/search?q=" + new string('x', 7000))),
            ("unknown API key", "401", () => Post(http, url, Client.GraphQLBody("{ __typename }"), bearer: "sc_not-a-key")),
            ("Content-Type: application/jsonp", "415", () => Post(http, url, Client.GraphQLBody("{ __typename }"), contentType: "application/jsonp")),
            ("200 aliases of claims(first:100){totalCount nodes{id citation}}", "400 (complexity)", () => Post(http, url, Client.GraphQLBody(aliasClaims))),
            ("200 aliases of brand(slug){claims exposure}", "400 (complexity)", () => Post(http, url, Client.GraphQLBody(aliasBrand))),
            ("5,000-deep nesting", "400 (depth)", () => Post(http, url, Client.GraphQLBody(deep))),
            ("2 MB body with Content-Length", "413", () => Post(http, url, big)),
            ("2 MB body, chunked (no Content-Length)", "413", () => Post(http, url, big, chunked: true)),
            ("batch (JSON array)", "400", () => Post(http, url, batch)),
            ("mutation over GET", "405", () => Get(http, url + "?query=" + Uri.EscapeDataString("mutation { x }"))),
        };
        var rows = new List<string[]>();
        foreach (var (name, expected, send) in cases)
        {
            var lat = new Latencies();
            var statuses = new List<int>();
            var message = "";
            try { await send(); } catch (HttpRequestException) { } // one untimed first send: JIT of the rejecting path
            for (var i = 0; i < 5; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                int s; byte[] b;
                try { (s, b) = await send(); }
                catch (HttpRequestException e) { (s, b) = (-1, Encoding.UTF8.GetBytes("connection error: " + e.Message)); }
                lat.Add(Stopwatch.GetTimestamp() - t0);
                statuses.Add(s);
                message = Client.Text(b, 160).Replace("|", "\\|").Replace("\n", " ");
            }
            var status = string.Join(",", statuses.Distinct());
            var clear = message.Contains("\"message\":\"", StringComparison.Ordinal);
            var ok = lat.MaxMs < 20 && statuses.Distinct().Count() == 1 && expected.StartsWith(status, StringComparison.Ordinal) && clear;
            Console.Error.WriteLine($"  adversarial {name}: {status} in {Fmt.Ms(lat.PercentileMs(50))}/{Fmt.Ms(lat.MaxMs)} ms: {message}");
            rows.Add([name, expected, status, $"{Fmt.Ms(lat.PercentileMs(50))} / {Fmt.Ms(lat.MaxMs)}", $"`{message}`", Fmt.Verdict(ok)]);
        }
        return rows;
    }

    static async Task<(int, byte[])> Post(HttpClient http, string url, byte[] body, bool chunked = false, string? bearer = null, string contentType = "application/json")
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, url);
        HttpContent content = chunked ? new StreamContent(new NoLengthStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        req.Content = content;
        if (bearer is not null) req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        req.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (chunked) req.Headers.TransferEncodingChunked = true;
        using var resp = await http.SendAsync(req);
        return ((int)resp.StatusCode, await resp.Content.ReadAsByteArrayAsync());
    }

    static async Task<(int, byte[])> Get(HttpClient http, string url)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, url);
        req.Headers.Accept.ParseAdd("application/graphql-response+json");
        using var resp = await http.SendAsync(req);
        return ((int)resp.StatusCode, await resp.Content.ReadAsByteArrayAsync());
    }

    /// <summary>A stream that will not tell its length, so the body goes chunked.</summary>
    sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
