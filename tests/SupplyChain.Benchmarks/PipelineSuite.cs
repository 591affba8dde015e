using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SupplyChain.Data;
using SupplyChain.Import;
using SupplyChain.Search;
using SupplyChain.Server;

namespace SupplyChain.Benchmarks;

/// <summary>
/// Issue 11, the live pipeline: how long an import committed by another writer takes to show in a running server's
/// search, on SQLite and on PostgreSQL in one run, next to the raw lookup measured in the same run. Each engine: the
/// bundled seed, the server in this process polling the data version every second, the writer an ImportRunner with
/// its own connection pool (the server learns of the import only through the database), 20 one-brand SYNTHETIC lists.
/// </summary>
public static class PipelineSuite
{
    public static async Task<int> RunAsync(Options o)
    {
        var imports = o.Int("imports", 20);
        var results = new List<(string Engine, int Brands, List<double> Lookups, List<double> Visible, List<double> Refresh)>();
        Directory.CreateDirectory(o.DataDir);
        var sqlitePath = Path.Combine(o.DataDir, "pipeline.db");
        foreach (var f in new[] { sqlitePath, sqlitePath + "-wal", sqlitePath + "-shm" }) File.Delete(f);
        results.Add(await MeasureAsync("SQLite", new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={sqlitePath}"), imports, o));
        if (File.Exists(CrashSuite.PgEngine.Bin("initdb")))
        {
            await using var pg = new CrashSuite.PgEngine();
            await pg.PrepareAsync();
            await pg.ResetAsync();
            results.Add(await MeasureAsync("PostgreSQL 15", new DatabaseOptions(DatabaseProvider.Postgres, pg.ConnectionString), imports, o));
        }
        else Console.Error.WriteLine("PostgreSQL 15 binaries not found: SQLite only");

        static double P(List<double> v, double q) { var s = v.Order().ToList(); return s[Math.Min(s.Count - 1, (int)Math.Ceiling(q * s.Count) - 1)]; }
        var report = new Report("pipeline", "Live pipeline: commit to visible in search, SQLite and PostgreSQL")
            .Line($"Machine: {Report.Machine()}.").Line()
            .Line($"Each engine: the bundled seed; the server in this process polls the data version every 1 s (`Live:PollMilliseconds`, the default) and rebuilds its views when it moved; " +
                  $"another writer (its own connection pool) imports {imports} one-brand SYNTHETIC lists one after another; after each commit the benchmark polls " +
                  "`/api/brands/search` every 20 ms until the new brand is found. Expected: about half the poll interval plus one refresh.").Line()
            .Table(["engine", "brands", "raw lookup p50 / p99, ms", "refresh (index rebuild) p50 / max, s", $"commit → visible p50, s", "commit → visible p99, s"],
                results.Select(r => new[]
                {
                    r.Engine, Fmt.Int(r.Brands), $"{Fmt.Ms(P(r.Lookups, 0.5))} / {Fmt.Ms(P(r.Lookups, 0.99))}",
                    $"{Fmt.N(P(r.Refresh, 0.5), "0.00")} / {Fmt.N(r.Refresh.Max(), "0.00")}",
                    Fmt.N(P(r.Visible, 0.5), "0.00"), Fmt.N(P(r.Visible, 0.99), "0.00"),
                }));
        report.Publish(o);
        return 0;
    }

    static async Task<(string, int, List<double>, List<double>, List<double>)> MeasureAsync(string engine, DatabaseOptions db, int imports, Options o)
    {
        Console.Error.WriteLine($"{engine}: starting the server (seed import when new)");
        var app = Serve.Build([
            "--urls=http://127.0.0.1:0", $"--Database:Provider={db.Provider}", $"--ConnectionStrings:SupplyChain={db.ConnectionString}",
            $"--Seed:Path={Repo.Seed}", "--Logging:LogLevel:Default=Warning", "--RateLimits:AnonymousPerMinute=100000000", "--Live:PollMilliseconds=1000",
            $"--Imports:Folder={Path.Combine(o.DataDir, "pipeline-imports")}",
        ]);
        await Serve.StartAsync(app);
        await app.StartAsync();
        try
        {
            var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
            var search = app.Services.GetRequiredService<BrandSearch>();
            var refresh = app.Services.GetRequiredService<SupplyChain.Live.DataRefresh>();

            var names = search.Index.Cards.Take(2000).Select(c => c.Name).ToArray();
            var lookups = new List<double>();
            for (var i = 0; i < 20_000; i++)
            {
                var name = names[i % names.Length];
                var sw = Stopwatch.StartNew();
                search.Search(name[..Math.Min(6, name.Length)], 10);
                lookups.Add(sw.Elapsed.TotalMilliseconds);
            }

            var writer = new ImportRunner(new SupplyChainDbFactory(db));
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
            var dir = Path.Combine(o.DataDir, "pipeline-lists", Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            var visible = new List<double>();
            var rebuilds = new List<double>();
            for (var i = 0; i < imports; i++)
            {
                var brand = $"Zentrivo Pipeline Brand {i:00} {Guid.NewGuid().ToString("N")[..6]}";
                var manifest = Path.Combine(dir, $"SYNTHETIC-pipeline-{i}.manifest.json");
                await File.WriteAllTextAsync(Path.Combine(dir, $"SYNTHETIC-pipeline-{i}.csv"), $"SYNTHETIC brand (benchmark; not evidence)\n{brand}\n");
                await File.WriteAllTextAsync(manifest, $$"""
                    { "format": "csv", "files": ["SYNTHETIC-pipeline-{{i}}.csv"],
                      "source": { "title": "SYNTHETIC pipeline benchmark list {{i}} (not evidence)", "publisher": "Benchmark", "published": "2024-01-01", "kind": "Report" },
                      "entities": { "brand": { "type": { "const": "Brand" }, "name": "SYNTHETIC brand (benchmark; not evidence)" } },
                      "claims": [ { "subject": "brand", "predicate": { "const": "NamedIn" }, "object": "$source", "locator": { "template": "row {$line}" },
                                    "evidenceType": { "const": "NgoReport" }, "confidence": { "const": "High" } } ] }
                    """);
                var imported = await writer.ImportAsync(manifest, new ImportOptions { Actor = "benchmark" });
                if (!imported.Succeeded) throw new InvalidOperationException(imported.Summary());
                var sw = Stopwatch.StartNew(); // the writer's transaction has committed
                while (sw.Elapsed < TimeSpan.FromMinutes(2))
                {
                    var hits = await http.GetFromJsonAsync<JsonArray>($"/api/brands/search?q={Uri.EscapeDataString(brand)}&first=1");
                    if (hits is [{ } h, ..] && (string?)h["name"] == brand) break;
                    await Task.Delay(20);
                }
                visible.Add(sw.Elapsed.TotalSeconds);
                rebuilds.Add(refresh.LastRebuild.TotalSeconds);
                Console.Error.WriteLine($"  {engine} import {i + 1}: visible after {sw.Elapsed.TotalSeconds:0.00} s (rebuild {refresh.LastRebuild.TotalSeconds:0.00} s)");
                // Start the next import at a random point of the poll cycle, not in step with it.
                await Task.Delay(Random.Shared.Next(0, 1000));
            }
            return (engine, search.Index.Count, lookups, visible, rebuilds);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
