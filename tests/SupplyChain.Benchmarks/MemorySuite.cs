using System.Diagnostics;
using System.Globalization;

namespace SupplyChain.Benchmarks;

/// <summary>
/// Server memory after warm-up (issue 14: RSS ≤ 200 MB at 100k brands, ≤ 400 MB at 1M). Each build (`--versus DLL`
/// first, then this one) runs as its own process, one after the other so neither competes with the other for memory:
/// start, the target lists warmed (the /targets page waits for them), a short mixed warm-up of searches and brand
/// pages, then `--settle` seconds idle. Reported: VmRSS from /proc (median and max of a 10 s window) and the GC's own
/// view (committed bytes and heap size after the last collection) read with `dotnet-counters` when it is installed.
/// </summary>
public static class MemorySuite
{
    public static async Task<int> RunAsync(Options o)
    {
        var n = o.Brands;
        var settle = o.Int("settle", 60);
        var (db, stats) = await Generator.EnsureDbAsync(o, n);
        var work = await Workload.LoadAsync(db.Factory(), queries: 2000, slugs: 500);
        var builds = new List<(string Name, string Dll)>();
        if (o.Get("versus") is { } baseline) builds.Add((o.Str("versus-label", "before"), baseline));
        // `--dll` measures another build (e.g. a copy with a changed runtimeconfig.json) in this build's place.
        builds.Add((o.Str("label", "after (this build)"), o.Str("dll", Repo.ServerDll)));

        var rows = new List<Sample>();
        foreach (var (name, dll) in builds)
        {
            Console.Error.WriteLine($"memory: {name}: starting {dll}");
            using var server = await ServerProcess.StartAsync(db, dll);
            var ready = Stopwatch.StartNew();
            using var http = Client.Create(16);
            // The target lists are warmed in the background after the first build; this page waits for them. At a
            // million brands on a busy machine that can outlast any patience: measure anyway, and say so.
            var warmed = double.NaN;
            using (var lists = new HttpClient { Timeout = TimeSpan.FromMinutes(o.Int("targets-minutes", 10)) })
                try
                {
                    using var r = await lists.GetAsync(server.BaseUrl + "/targets");
                    warmed = ready.Elapsed.TotalSeconds;
                    Console.Error.WriteLine($"  /targets: {(int)r.StatusCode} after {warmed:0.0} s");
                }
                catch (TaskCanceledException) { Console.Error.WriteLine($"  /targets: no answer after {ready.Elapsed.TotalSeconds:0} s; measuring without it"); }
            // Warm-up: the code paths a reader takes (search, brand page) jitted and their caches filled once.
            var bodies = work.Queries.Select(work.SearchBody).Concat(work.Slugs.Select(work.BrandBody)).ToArray();
            var failed = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, bodies.Length), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            {
                var (code, b) = await Client.PostAsync(http, server.BaseUrl + "/graphql", bodies[i], ct);
                if (!Client.GoodGraphQL(code, b)) Interlocked.Increment(ref failed);
            });
            Console.Error.WriteLine($"  warm-up: {bodies.Length} requests, {failed} failed; RSS {server.RssMiB():0} MiB; settling {settle} s");
            await Task.Delay(TimeSpan.FromSeconds(settle));
            var gc = await GcCountersAsync(server.Process.Id);
            var rss = new List<double>();
            for (var s = 0; s < 10; s++) { rss.Add(server.RssMiB()); await Task.Delay(1000); }
            rss.Sort();
            // `--smaps DIR`: keep the process's mappings for a breakdown of RSS by file (scripts/smaps-summary.py).
            if (o.Get("smaps") is { } smapsDir)
            {
                Directory.CreateDirectory(smapsDir);
                var label = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
                // procfs files report size 0: read, don't copy.
                File.WriteAllText(Path.Combine(smapsDir, $"{builds.FindIndex(b => b.Name == name)}-{label}.smaps"), File.ReadAllText($"/proc/{server.Process.Id}/smaps"));
            }
            // `--heapdump DIR`: a dump of the GC heap after the RSS samples, and `dumpheap -stat` of it beside it (types by size).
            if (o.Get("heapdump") is { } dumpDir)
            {
                Directory.CreateDirectory(dumpDir);
                var label = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
                await HeapDumpAsync(server.Process.Id, Path.Combine(dumpDir, $"{builds.FindIndex(b => b.Name == name)}-{label}.dump"));
            }
            var sample = new Sample(name, server.StartSeconds, warmed, rss[rss.Count / 2], rss[^1], gc.Committed, gc.Heap, gc.Fragmentation);
            Console.Error.WriteLine($"  {name}: RSS median {sample.RssMedian:0} MiB (max {sample.RssMax:0}), GC committed {Mib(sample.GcCommitted)}, heap {Mib(sample.GcHeap)}");
            rows.Add(sample);
        }

        var report = new Report($"memory:{n}", $"Server memory after warm-up: {Fmt.Int(stats.Brands)} brands, {db.EngineName}")
            .Line($"Each build as its own process on the same database, one after the other: started, the target lists warmed (`/targets` answered), " +
                  "(\"lists warmed –\": no answer within `--targets-minutes`), " +
                  $"{work.Queries.Count:#,0} searches and {work.Slugs.Count:#,0} brand pages through `/graphql` (8 at a time), then {settle} s idle. " +
                  "RSS is VmRSS from /proc (median and max of 10 samples, one a second); GC figures are `dotnet-counters` (System.Runtime) " +
                  "after the last collection. GC settings are each build's own runtimeconfig.json.")
            .Line()
            .Table(["build", "start s:", "lists warmed s:", "RSS MiB (median):", "RSS MiB (max):", "GC committed MiB:", "GC heap MiB:", "fragmentation MiB:"],
                rows.Select(r => new[] { r.Name, Fmt.N(r.Start, "0.0"), Fmt.N(r.Warmed, "0.0"), Fmt.N(r.RssMedian), Fmt.N(r.RssMax), Mib(r.GcCommitted), Mib(r.GcHeap), Mib(r.GcFragmentation) }));
        if (rows.Count == 2)
            report.Line($"After/before: RSS {Fmt.Ratio(rows[1].RssMedian / rows[0].RssMedian)}, GC committed {Fmt.Ratio(rows[1].GcCommitted / rows[0].GcCommitted)}.").Line();
        var target = n >= 1_000_000 ? 400 : 200;
        report.Table(["target", "measured", "verdict"],
            [[$"RSS ≤ {target} MB at {Fmt.Int(n)} brands", $"{rows[^1].RssMedian:0} MiB ({rows[^1].RssMedian * 1.048576:0} MB)", Fmt.Verdict(rows[^1].RssMedian * 1.048576 <= target)]]);
        report.Publish(o);
        return 0;
    }

    sealed record Sample(string Name, double Start, double Warmed, double RssMedian, double RssMax, double GcCommitted, double GcHeap, double GcFragmentation);

    static string Mib(double bytes) => double.IsNaN(bytes) ? "–" : Fmt.N(bytes / 1024 / 1024);

    /// <summary>`dotnet-dump collect --type Heap`, then its `dumpheap -stat` into FILE.stat.txt (nothing when dotnet-dump is not installed).</summary>
    static async Task HeapDumpAsync(int pid, string file)
    {
        var tool = Tool("dotnet-dump");
        if (tool is null) { Console.Error.WriteLine("  dotnet-dump not found: no heap dump"); return; }
        File.Delete(file);
        await RunAsync(tool, "collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "--type", "Heap", "-o", file);
        File.WriteAllText(file + ".stat.txt", await RunAsync(tool, "analyze", file, "-c", "dumpheap -stat", "-c", "exit"));
        Console.Error.WriteLine($"  heap dump: {file} (types by size: {file}.stat.txt)");
    }

    static async Task<string> RunAsync(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return await output;
    }

    /// <summary>A dotnet global tool by name, from ~/.dotnet/tools or PATH; null when not installed.</summary>
    static string? Tool(string name) =>
        new[] { Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", name) }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)))
            .FirstOrDefault(File.Exists);

    /// <summary>The GC's counters over a few seconds, or NaN when dotnet-counters is not installed (`dotnet tool install -g dotnet-counters`).</summary>
    static async Task<(double Committed, double Heap, double Fragmentation)> GcCountersAsync(int pid)
    {
        var tool = Tool("dotnet-counters");
        if (tool is null) { Console.Error.WriteLine("  dotnet-counters not found: GC figures left out"); return (double.NaN, double.NaN, double.NaN); }
        var csv = Path.Combine(Path.GetTempPath(), $"memory-counters-{pid}.csv");
        File.Delete(csv);
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in new[] { "collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "--counters", "System.Runtime", "--format", "csv", "-o", csv, "--duration", "00:00:00:05" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000)) { p.Kill(); return (double.NaN, double.NaN, double.NaN); }
        await p.WaitForExitAsync();
        if (!File.Exists(csv)) return (double.NaN, double.NaN, double.NaN);
        // Rows: timestamp,provider,counter name,counter type,value. The last value of each counter wins.
        var last = new Dictionary<string, double>();
        foreach (var line in File.ReadLines(csv).Skip(1))
        {
            var cells = line.Split(',');
            if (cells.Length < 5 || !double.TryParse(cells[^1], CultureInfo.InvariantCulture, out var v)) continue;
            last[cells[2]] = v;
        }
        double Sum(string prefix) => last.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(kv => kv.Value) is var s && s > 0 ? s : double.NaN;
        return (Sum("dotnet.gc.last_collection.memory.committed_size"), Sum("dotnet.gc.last_collection.heap.size"), Sum("dotnet.gc.last_collection.heap.fragmentation.size"));
    }
}
