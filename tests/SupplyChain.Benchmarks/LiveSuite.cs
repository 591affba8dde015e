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

        await using var server = await InProcServer.StartAsync(dbPath);
        var refresh = server.App.Services.GetRequiredService<DataRefresh>();
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
        // One full refresh (index with every status, exposure/match caches cleared, target digests warmed), three times.
        var refreshes = new List<double>();
        var loads = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            await refresh.RefreshAsync(force: true);
            await refresh.DigestsWarmed;
            refreshes.Add(sw.Elapsed.TotalSeconds);
            loads.Add(refresh.LastRebuild.TotalSeconds);
            Console.Error.WriteLine($"  refresh {i + 1}: index {refresh.LastRebuild.TotalSeconds:0.00} s, with target digests {sw.Elapsed.TotalSeconds:0.00} s");
        }

        // Commit to visible: a writer that is not the server imports a one-brand made-up list; poll /api/brands/search.
        var writer = new ImportRunner(Generator.Factory(dbPath));
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var visible = new List<double>();
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
            Console.Error.WriteLine($"  import {i + 1}: visible after {sw.Elapsed.TotalSeconds:0.00} s");
        }

        static double P(List<double> v, double q) { var s = v.Order().ToList(); return s[Math.Min(s.Count - 1, (int)Math.Ceiling(q * s.Count) - 1)]; }
        var report = new Report($"live:{n}", $"Live refresh at {Fmt.Int(n)} brands (SQLite)")
            .Line($"Machine: {Report.Machine()}.").Line()
            .Table(["measure", "p50", "p99 / max"],
            [
                ["raw lookup (BrandIndex.Search, 6-letter prefix), ms", Fmt.Ms(P(lookups, 0.5)), Fmt.Ms(P(lookups, 0.99))],
                ["refresh: index rebuild with every status, s", Fmt.N(P(loads, 0.5), "0.00"), Fmt.N(loads.Max(), "0.00")],
                ["refresh incl. target digests, s", Fmt.N(P(refreshes, 0.5), "0.00"), Fmt.N(refreshes.Max(), "0.00")],
                [$"commit → visible in search, {imports} imports by another writer (poll 1 s), s", Fmt.N(P(visible, 0.5), "0.00"), Fmt.N(P(visible, 0.99), "0.00")],
            ]);
        report.Publish(o);
        return 0;
    }
}
