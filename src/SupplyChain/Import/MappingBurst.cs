using System.Runtime;

namespace SupplyChain.Import;

/// <summary>
/// Reading and mapping a large file allocates a few kilobytes a row within a second, and nearly all of it lives until
/// the rows are written: collections during it find little to free and copy what they find (measured with the server's
/// workstation GC on a 60,000-row list: 450–780 ms mapping, 180–220 ms with no collection). So the mapping of a large
/// file runs in a no-GC region sized from the file, one import at a time. Exceeding the size only ends the region early
/// (the collector then collects as usual); server GC commits the region per heap, which costs more than it saves there,
/// so it is left alone.
/// </summary>
static class MappingBurst
{
    /// <summary>Below this a file maps in a few milliseconds: not worth the collection a region may start with.</summary>
    const long MinFileBytes = 2 << 20;
    const long MaxRegionBytes = 256L << 20;

    static int held; // 1 while an import holds the region

    public static Scope Begin(long fileBytes)
    {
        if (fileBytes < MinFileBytes || GCSettings.IsServerGC || Interlocked.CompareExchange(ref held, 1, 0) != 0) return default;
        try
        {
            // ≈ 25 bytes allocated while mapping per byte of a CSV file (3 KB a row of 120 bytes).
            if (GC.TryStartNoGCRegion(Math.Min(MaxRegionBytes, fileBytes * 25))) return new Scope(true);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException) { } // too large for this heap, or a region already open
        Volatile.Write(ref held, 0);
        return default;
    }

    public readonly struct Scope(bool open) : IDisposable
    {
        public void Dispose()
        {
            if (!open) return;
            try
            {
                if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
            }
            catch (InvalidOperationException) { } // the region ended on its own (its size was exceeded, or something collected)
            finally { Volatile.Write(ref held, 0); }
        }
    }
}
