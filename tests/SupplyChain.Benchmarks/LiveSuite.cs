using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SupplyChain.Import;
using SupplyChain.Live;
using SupplyChain.Search;
using Microsoft.Extensions.DependencyInjection;

namespace SupplyChain.Benchmarks;

/// <summary>
/// Issue 11: how long a committed import takes to show in a running server's search (another writer, seen only through
/// the data version the server polls), and what one refresh costs at N brands, next to the raw lookup in the same run.
/// SQLite; the server in this process, the writer a separate ImportRunner on its own connection pool.
/// </summary>
public static class LiveSuite
{
    public static async Task<int> RunAsync(Options o)
    {
        var n = o.Brands;
        var imports = o.Int("imports", 20);
        var (generated, _) = await Generator.EnsureAsync(o, n);
        var dbPath = Path.Combine(o.DataDir, $"live-{n}.db");
        File.Copy(generated, dbPath, overwrite: true); // imports below must not change the shared generated database

        var digests = !o.Flag("no-digests");
        var app = SupplyChain.Server.Serve.Build(InProcServer.Args(dbPath, "http://127.0.0.1:0"));
        var refresh = app.Services.GetRequiredService<DataRefresh>();
        refresh.WarmsTargetLists = digests; // at a million brands the target lists take minutes: --no-digests leaves them to a reader
        var started = Stopwatch.StartNew();
        await SupplyChain.Server.Serve.StartAsync(app);
        await app.StartAsync();
        Console.Error.WriteLine($"  server started (full build) in {started.Elapsed.TotalSeconds:0.0} s");
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        await using var server = new InProcServer { App = app, BaseUrl = address.TrimEnd('/'), StartSeconds = started.Elapsed.TotalSeconds };
        var search = server.App.Services.GetRequiredService<BrandSearch>();

        // Raw lookup in this run, for scale.
        var names = search.Index.Cards.Take(2000).Select(c => c.Name).ToArray();
        var lookups = new List<double>();
        for (var i = 0; i < 20_000; i++)
        {
            var sw = Stopwatch.StartNew();
            search.Search(names[i % names.Length][..Math.Min(6, names[i % names.Length].Length)], 10);
            lookups.Add(sw.Elapsed.TotalMilliseconds);
        }
        // Full refreshes (forced: index with every status, caches cleared), and the target lists warmed after each.
        var fullRuns = o.Int("full-refreshes", 3);
        var refreshes = new List<double>();
        var loads = new List<double>();
        for (var i = 0; i < fullRuns; i++)
        {
            var sw = Stopwatch.StartNew();
            await refresh.RefreshAsync(force: true);
            loads.Add(refresh.LastRebuild.TotalSeconds);
            if (digests) { await refresh.DigestsWarmed; refreshes.Add(sw.Elapsed.TotalSeconds); }
            Console.Error.WriteLine($"  full refresh {i + 1}: index {refresh.LastRebuild.TotalSeconds:0.00} s" + (digests ? $", target lists warmed after {sw.Elapsed.TotalSeconds:0.00} s" : ""));
        }

        // Commit to visible: a writer that is not the server imports a one-brand made-up list; poll /api/brands/search.
        var writer = new ImportRunner(Generator.Factory(dbPath));
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var visible = new List<double>();
        var patches = new List<double>();
        var kinds = new List<string>();
        var dir = Path.Combine(o.DataDir, "live-imports");
        Directory.CreateDirectory(dir);
        for (var i = 0; i < imports; i++)
        {
            var name = $"Zentrivo Benchmark Brand {i:00} {Guid.NewGuid().ToString("N")[..6]}";
            var manifest = Path.Combine(dir, $"SYNTHETIC-live-{i}.manifest.json");
            await File.WriteAllTextAsync(Path.Combine(dir, $"SYNTHETIC-live-{i}.csv"), $"SYNTHETIC brand (benchmark; not evidence)\n{name}\n");
            await File.WriteAllTextAsync(manifest, $$"""
                { "format": "csv", "files": ["SYNTHETIC-live-{{i}}.csv"],
                  "source": { "title": "SYNTHETIC benchmark list {{i}} (not evidence)", "publisher": "Benchmark", "published": "2024-01-01", "kind": "Report" },
                  "entities": { "brand": { "type": { "const": "Brand" }, "name": "SYNTHETIC brand (benchmark; not evidence)" } },
                  "claims": [ { "subject": "brand", "predicate": { "const": "NamedIn" }, "object": "$source", "locator": { "template": "row {$line}" },
                                "evidenceType": { "const": "NgoReport" }, "confidence": { "const": "High" } } ] }
                """);
            var imported = await writer.ImportAsync(manifest, new ImportOptions { Actor = "benchmark" });
            if (!imported.Succeeded) throw new InvalidOperationException(imported.Summary());
            var sw = Stopwatch.StartNew(); // the transaction has committed
            while (sw.Elapsed < TimeSpan.FromMinutes(2))
            {
                var hits = await http.GetFromJsonAsync<JsonArray>($"/api/brands/search?q={Uri.EscapeDataString(name)}&first=1");
                if (hits is [{ } h, ..] && (string?)h["name"] == name) break;
                await Task.Delay(20);
            }
            visible.Add(sw.Elapsed.TotalSeconds);
            // The server's own poll did the refresh: wait for it to be recorded, then read what it did.
            await Task.Delay(100); // the swap comes just before the refresh records its time
            patches.Add(refresh.LastRebuild.TotalSeconds);
            kinds.Add(refresh.LastKind);
            Console.Error.WriteLine($"  import {i + 1}: visible after {sw.Elapsed.TotalSeconds:0.00} s; refresh {refresh.LastKind} {refresh.LastRebuild.TotalSeconds:0.000} s");
        }
        GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
        var managed = GC.GetTotalMemory(true) / 1048576.0;
        var rss = Environment.WorkingSet / 1048576.0;
        Console.Error.WriteLine($"  managed heap after a full collection {managed:0} MiB; process working set {rss:0} MiB (server and benchmark in one process)");

        static double P(List<double> v, double q) { var s = v.Order().ToList(); return s[Math.Min(s.Count - 1, (int)Math.Ceiling(q * s.Count) - 1)]; }
        var patched = kinds.Count(k => k.StartsWith("patch", StringComparison.Ordinal));
        var rows = new List<string[]>
        {
            new[] { "raw lookup (BrandIndex.Search, 6-letter prefix), ms", Fmt.Ms(P(lookups, 0.5)), Fmt.Ms(P(lookups, 0.99)) },
            new[] { $"full rebuild (forced; index with every status), s, {fullRuns} run(s)", Fmt.N(P(loads, 0.5), "0.00"), Fmt.N(loads.Max(), "0.00") },
        };
        if (digests) rows.Add([$"full rebuild, then target lists warmed (after the refresh, outside it), s", Fmt.N(P(refreshes, 0.5), "0.00"), Fmt.N(refreshes.Max(), "0.00")]);
        rows.Add([$"refresh after each import ({patched} of {imports} patched, the rest rebuilt), s", Fmt.N(P(patches, 0.5), "0.000"), Fmt.N(P(patches, 0.99), "0.000")]);
        rows.Add([$"commit → visible in search, {imports} imports by another writer (poll 1 s), s", Fmt.N(P(visible, 0.5), "0.00"), Fmt.N(P(visible, 0.99), "0.00")]);
        var report = new Report($"live:{n}", $"Live refresh at {Fmt.Int(n)} brands (SQLite)")
            .Line($"Machine: {Report.Machine()}.").Line()
            .Line("Each import is a one-brand SYNTHETIC list (a new brand named in a new source) committed by another writer; the server's poll " +
                  "(every 1 s) patches its views with what the import changed (`Live/IncrementalRefresh`), or rebuilds them when it cannot.").Line()
            .Table(["measure", "p50", "p99 / max"], rows.ToArray())
            .Line()
            .Line($"Memory after the runs: managed heap after a full collection {managed:0} MiB, process working set {rss:0} MiB (server and benchmark share the process; " +
                  $"GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, concurrent {(System.Runtime.GCSettings.LatencyMode != System.Runtime.GCLatencyMode.Batch ? "on" : "off")}).");
        report.Publish(o);
        return 0;
    }
}
