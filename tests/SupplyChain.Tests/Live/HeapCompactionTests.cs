using SupplyChain.Live;
using Xunit;

namespace SupplyChain.Tests.Live;

/// <summary>When a quiet server gives its heap back: only after a quiet spell, and only when it grew since the last compaction.</summary>
public sealed class HeapCompactionTests
{
    const long Mb = 1 << 20;

    [Fact]
    public void Compacts_only_when_quiet_long_enough_and_grown_past_a_twentieth_and_8_MB()
    {
        var quiet = HeapCompaction.QuietFor;
        Assert.True(HeapCompaction.ShouldCompact(quiet, 270 * Mb, 200 * Mb));
        Assert.False(HeapCompaction.ShouldCompact(quiet - TimeSpan.FromSeconds(1), 270 * Mb, 200 * Mb)); // not quiet long enough
        Assert.False(HeapCompaction.ShouldCompact(quiet, 218 * Mb, 200 * Mb));  // 18 MB above: under a twentieth + 8 MB
        Assert.True(HeapCompaction.ShouldCompact(quiet, 219 * Mb, 200 * Mb));
        Assert.False(HeapCompaction.ShouldCompact(quiet, 12 * Mb, 4 * Mb));     // a small heap: the 8 MB floor
        Assert.False(HeapCompaction.ShouldCompact(TimeSpan.FromHours(1), 200 * Mb, 200 * Mb)); // no growth: no repeat while quiet
    }

    [Fact]
    public void A_tick_right_after_a_compaction_does_not_compact_again()
    {
        var heap = new HeapCompaction();
        heap.Now();
        // Straight after a compaction: neither quiet for long nor grown.
        Assert.False(heap.Tick());
    }
}
