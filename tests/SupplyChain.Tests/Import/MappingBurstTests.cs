using System.Runtime;
using SupplyChain.Import;
using Xunit;

namespace SupplyChain.Tests.Import;

/// <summary>The no-GC region around mapping a large file: one import at a time, and never an error when it ends early.</summary>
/// <summary>The region is the process's: these tests run alone, after the parallel ones (seeding imports large files).</summary>
[CollectionDefinition("GC region", DisableParallelization = true)]
public sealed class GcRegionCollection;

[Collection("GC region")]
public sealed class MappingBurstTests
{
    [Fact]
    public void A_large_file_maps_in_a_region_that_a_second_import_and_an_early_collection_leave_alone()
    {
        if (GCSettings.IsServerGC) return; // the region is only taken with the workstation GC the server runs
        using (MappingBurst.Begin(1 << 20)) Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode); // small: none
        using (MappingBurst.Begin(64L << 20))
        {
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            using (MappingBurst.Begin(64L << 20)) { } // another import meanwhile: no region of its own, and ending it ends nothing
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        }
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        using (MappingBurst.Begin(64L << 20))
        {
            GC.Collect(); // something collects (the server's quiet-time compaction): the region ends early
            Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        } // and ending the scope is not an error
        using (MappingBurst.Begin(64L << 20)) Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode); // free again
    }
}
