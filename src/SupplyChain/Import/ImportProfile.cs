using System.Collections.Concurrent;
using System.Diagnostics;

namespace SupplyChain.Import;

/// <summary>
/// Where an import's time goes, in named sections (Stopwatch ticks), when SUPPLYCHAIN_IMPORT_PROFILE is set: printed to
/// stderr at the end of each manifest. Costs one branch per section otherwise.
/// </summary>
public static class ImportProfile
{
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("SUPPLYCHAIN_IMPORT_PROFILE") is { Length: > 0 };
    static readonly ConcurrentDictionary<string, long> Ticks = new();

    static readonly ConcurrentDictionary<string, long> Bytes = new();
    static readonly ConcurrentDictionary<string, bool> Unknown = new();

    /// <summary>A section's time, and what this thread allocated in it (sections that await may end on another
    /// thread: their bytes are not known, and not shown).</summary>
    public readonly struct Section(string name, long start, long allocated, int thread) : IDisposable
    {
        public void Dispose()
        {
            if (name is null) return;
            var took = Stopwatch.GetTimestamp() - start;
            Ticks.AddOrUpdate(name, static (_, a) => a, static (_, t, a) => t + a, took); // no closure: the profile must not add garbage
            if (Environment.CurrentManagedThreadId != thread) Unknown[name] = true;
            else Bytes.AddOrUpdate(name, static (_, a) => a, static (_, b, a) => b + a, GC.GetAllocatedBytesForCurrentThread() - allocated);
        }
    }

    public static Section Time(string name) =>
        Enabled ? new Section(name, Stopwatch.GetTimestamp(), GC.GetAllocatedBytesForCurrentThread(), Environment.CurrentManagedThreadId) : default;

    static (int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Allocated, long Jitted, TimeSpan Jitting) atLastPrint = Counters();

    // Collections, pauses, allocation, and what the JIT compiled, all process-wide.
    static (int, int, int, TimeSpan, long, long, TimeSpan) Counters() =>
        (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(),
         System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());

    public static void Print(string what)
    {
        if (!Enabled) return;
        var parts = Ticks.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value * 1000.0 / Stopwatch.Frequency:0} ms{(!Unknown.ContainsKey(kv.Key) && Bytes.TryGetValue(kv.Key, out var b) ? $"/{b / 1048576.0:0} MiB" : "")}");
        // Garbage collection since the last print: sections above include the pauses it made them wait.
        var (g0, g1, g2, paused, allocated, jitted, jitting) = Counters();
        var was = atLastPrint;
        atLastPrint = (g0, g1, g2, paused, allocated, jitted, jitting);
        Console.Error.WriteLine($"  [import profile] {what}: {string.Join(", ", parts)}; trigram ids counted {Resolution.EntityCatalog.Counted}, scored {Resolution.EntityCatalog.Scored}; " +
                                $"GC since last: {g0 - was.Gen0}/{g1 - was.Gen1}/{g2 - was.Gen2} collections (gen 0/1/2), {(paused - was.Paused).TotalMilliseconds:0} ms paused, {(allocated - was.Allocated) / 1048576.0:0} MiB allocated; " +
                                // Compiling (every thread, the tiering thread included) competes with the import for the cores.
                                $"JIT since last: {jitted - was.Jitted} methods, {(jitting - was.Jitting).TotalMilliseconds:0} ms");
        Resolution.EntityCatalog.Counted = Resolution.EntityCatalog.Scored = 0;
        Ticks.Clear();
        Bytes.Clear();
        Unknown.Clear();
    }
}
