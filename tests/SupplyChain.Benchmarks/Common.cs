using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SupplyChain.Benchmarks;

/// <summary>Deterministic RNG (SplitMix64): the same seed gives the same stream on every machine and .NET version.</summary>
public sealed class Rng(ulong seed)
{
    ulong state = seed;

    public ulong NextU64()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>0 ≤ result &lt; n.</summary>
    public int Next(int n) => (int)(NextU64() % (ulong)n);
    public double NextDouble() => (NextU64() >> 11) * (1.0 / (1UL << 53));
    public bool Chance(double p) => NextDouble() < p;
    public T Pick<T>(IReadOnlyList<T> list) => list[Next(list.Count)];
}

/// <summary>Where things are: the repository (found from the working folder), the bench data folder.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "datasets", "seed.json")) && File.Exists(Path.Combine(dir.FullName, "SupplyChain.sln")))
                    return dir.FullName;
        throw new InvalidOperationException("Run from inside the SupplyChain repository (datasets/seed.json not found).");
    }

    public static string Datasets => Path.Combine(Root, "datasets");
    public static string Seed => Path.Combine(Datasets, "seed.json");
    public static string ServerDll => Path.Combine(Root, "src", "SupplyChain.Server", "bin", "Release", "net10.0", "SupplyChain.Server.dll");
    public static string BenchmarksMd => Path.Combine(Root, "BENCHMARKS.md");
}

/// <summary>The product's CLI (`SupplyChain.Server.dll VERB ...`) as its own process, as a user starts it.</summary>
public static class ProductCli
{
    /// <summary>
    /// Runs it to exit (at most <paramref name="limit"/>, 10 minutes by default) and returns its exit code, its output
    /// (stdout then stderr) and the time from start to exit. With <paramref name="kill"/>, SIGKILLs it after that long
    /// instead: exit code int.MinValue and no output when it was killed.
    /// </summary>
    public static async Task<(int Code, string Output, double Seconds)> RunAsync(IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? kill = null, TimeSpan? limit = null)
    {
        if (!File.Exists(Repo.ServerDll)) throw new InvalidOperationException($"{Repo.ServerDll} missing: build the solution in Release first");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Repo.ServerDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(kill ?? limit ?? TimeSpan.FromMinutes(10));
        try { await p.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) when (kill is not null)
        {
            p.Kill(entireProcessTree: true); // SIGKILL
            await p.WaitForExitAsync();
            return (int.MinValue, "", sw.Elapsed.TotalSeconds);
        }
        var seconds = sw.Elapsed.TotalSeconds;
        return (p.ExitCode, await stdout + await stderr, seconds);
    }
}

/// <summary>Latencies in Stopwatch ticks; percentiles by nearest rank.</summary>
public sealed class Latencies
{
    readonly List<long> ticks = new();
    public int Count => ticks.Count;
    public void Add(long t) { lock (ticks) ticks.Add(t); }
    public void AddRange(IEnumerable<long> t) { lock (ticks) ticks.AddRange(t); }

    public double PercentileMs(double p)
    {
        if (ticks.Count == 0) return double.NaN;
        var sorted = ticks.ToArray();
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    public double MaxMs => ticks.Count == 0 ? double.NaN : ticks.Max() * 1000.0 / Stopwatch.Frequency;
}

public static class Fmt
{
    public static string Ms(double ms) => double.IsNaN(ms) ? "–" : ms < 0.1 ? ms.ToString("0.000", CultureInfo.InvariantCulture)
        : ms < 10 ? ms.ToString("0.00", CultureInfo.InvariantCulture) : ms.ToString("0.0", CultureInfo.InvariantCulture);
    public static string N(double v, string f = "0") => double.IsNaN(v) ? "–" : v.ToString(f, CultureInfo.InvariantCulture);
    public static string Int(long v) => v.ToString("#,0", CultureInfo.InvariantCulture);
    public static string Ratio(double v) => double.IsNaN(v) ? "–" : v.ToString("0.00", CultureInfo.InvariantCulture) + "×";
    public static string Verdict(bool met) => met ? "**met**" : "**MISSED**";
}

public static class Stats
{
    /// <summary>The middle value (the mean of the middle two for an even count); NaN when there is none.</summary>
    public static double Median(IEnumerable<double> xs)
    {
        var a = xs.Order().ToArray();
        return a.Length == 0 ? double.NaN : a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2;
    }
}

public static class Net
{
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}

/// <summary>Command-line options: --key value or --key=value; flags without value are "true".</summary>
public sealed class Options
{
    readonly Dictionary<string, string> values = new(StringComparer.OrdinalIgnoreCase);
    public string Suite { get; }
    public string[] Raw { get; }

    public Options(string[] args)
    {
        Raw = args;
        Suite = args.Length > 0 && !args[0].StartsWith("--") ? args[0] : "help";
        for (var i = Suite == "help" && (args.Length == 0 || args[0].StartsWith("--")) ? 0 : 1; i < args.Length; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--")) continue;
            var eq = a.IndexOf('=');
            if (eq > 0) values[a[2..eq]] = a[(eq + 1)..];
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--")) values[a[2..]] = args[++i];
            else values[a[2..]] = "true";
        }
    }

    public string? Get(string key) => values.GetValueOrDefault(key);
    public int Int(string key, int fallback) => values.TryGetValue(key, out var v) ? int.Parse(v.Replace("_", ""), CultureInfo.InvariantCulture) : fallback;
    public double Double(string key, double fallback) => values.TryGetValue(key, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
    public bool Flag(string key) => values.TryGetValue(key, out var v) && v != "false";
    public string Str(string key, string fallback) => values.GetValueOrDefault(key) ?? fallback;

    public int Brands => Int("brands", 100_000);
    public string DataDir => Str("data-dir", Path.Combine(Path.GetTempPath(), "supplychain-bench"));
    /// <summary>Don't touch BENCHMARKS.md.</summary>
    public bool NoWrite => Flag("no-write");
}
