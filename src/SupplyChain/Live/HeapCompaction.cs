using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace SupplyChain.Live;

/// <summary>
/// When the server's heap is given back (issue 14, memory). The GC collects the old generation only when it must, so
/// after a burst of requests a quiet server keeps what the burst left behind (dead cache entries promoted before they
/// died, the budget of the youngest generation): at 100k brands about 80 MB above the data kept. Two moments compact:
/// right after a full rebuild (<see cref="Now"/>, the old index has just died) and once a quiet spell follows growth
/// (<see cref="Tick"/>, called on every poll of the change signal). A compaction pauses readers briefly, so it never
/// runs while the server is busy.
/// </summary>
public sealed class HeapCompaction
{
    /// <summary>Allocating less than this a second counts as quiet (the poll itself allocates a few kilobytes).</summary>
    public const double QuietBytesPerSecond = 1 << 20;
    public static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(10);

    readonly Stopwatch clock = Stopwatch.StartNew();
    long lastAllocated = GC.GetTotalAllocatedBytes();
    TimeSpan lastTick, quietSince;
    long committedAfterLast = GC.GetGCMemoryInfo().TotalCommittedBytes;

    /// <summary>Compact now if the heap grew since the last compaction and nothing much was allocated for a while.</summary>
    public bool Tick()
    {
        var now = clock.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes();
        var rate = (allocated - lastAllocated) / Math.Max(1e-3, (now - lastTick).TotalSeconds);
        lastAllocated = allocated; lastTick = now;
        if (rate >= QuietBytesPerSecond) { quietSince = now; return false; }
        if (!ShouldCompact(now - quietSince, GC.GetGCMemoryInfo().TotalCommittedBytes, committedAfterLast)) return false;
        Now();
        quietSince = clock.Elapsed;
        lastAllocated = GC.GetTotalAllocatedBytes();
        return true;
    }

    /// <summary>
    /// Quiet long enough, and committed memory more than a twentieth (and 8 MB) above what the last compaction left: at
    /// 100k brands a warm-up of a few thousand first-time requests leaves ≈ 23 MB on 164 (a tenth let that stay for good);
    /// at a million brands the step still scales with the heap, so a compaction's pause stays rare.
    /// </summary>
    public static bool ShouldCompact(TimeSpan quiet, long committedNow, long committedAfterLast) =>
        quiet >= QuietFor && committedNow > committedAfterLast + committedAfterLast / 20 + (8 << 20);

    /// <summary>One blocking, compacting, decommitting full collection; what it leaves is the new baseline.</summary>
    public void Now()
    {
        Compact();
        committedAfterLast = GC.GetGCMemoryInfo().TotalCommittedBytes;
    }

    static void Compact()
    {
        // Aggressive: compacts every generation, large objects included, and decommits the freed regions now (a
        // forced collection leaves them committed, to be given back slowly over later collections).
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        TrimNativeHeap();
    }

    static bool noTrim = !OperatingSystem.IsLinux();

    /// <summary>
    /// glibc keeps memory that native code (SQLite, the runtime itself) freed in its arenas rather than giving it back:
    /// at 100k brands ≈ 20 of the ≈ 40 MB it held after warm-up were free (malloc_stats), and trimming took RSS down ≈ 14 MB.
    /// malloc_trim returns those pages; on another C library (musl) or system it is not there and nothing is done.
    /// </summary>
    static void TrimNativeHeap()
    {
        if (noTrim) return;
        try { MallocTrim(0); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { noTrim = true; }
    }

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    static extern int MallocTrim(nuint pad);
}
