using System.Diagnostics;
using SupplyChain.Data;
using SupplyChain.Queries;
using SupplyChain.Resolution;
using SupplyChain.Search;

namespace SupplyChain.Live;

/// <summary>
/// Everything a server derives from the data in memory (search index with each brand's status and counts, exposure
/// views, the match catalog, target-list digests) is refreshed through here, and only when <see cref="DataVersion"/>
/// moved. A change is patched in (<see cref="IncrementalRefresh"/>) when it can be; otherwise everything is rebuilt.
/// Readers never wait: the new index is made beside the old one and swapped in whole.
/// </summary>
public sealed class DataRefresh(SupplyChainDbFactory factory, BrandSearch search, EvidenceQueries queries, MatchService matches)
{
    readonly SemaphoreSlim refreshing = new(1, 1);
    long seen = -1;
    RefreshMark? mark;
    int warming;

    /// <summary>The data version the current in-memory views were built from (-1 before the first build).</summary>
    public long Version => Interlocked.Read(ref seen);

    /// <summary>How long the last refresh took, and when it finished: for the benchmarks and the logs.</summary>
    public TimeSpan LastRebuild { get; private set; }
    public DateTime? LastRefreshedAt { get; private set; }
    /// <summary>"full" or "patch (N brands, M claims)": what the last refresh did.</summary>
    public string LastKind { get; private set; } = "";
    public bool LastWasPatch { get; private set; }

    /// <summary>Patch in what changed since the last refresh, or rebuild (always, when forced). Returns whether anything was done.</summary>
    public async Task<bool> RefreshAsync(bool force = false, CancellationToken ct = default)
    {
        await refreshing.WaitAsync(ct);
        try
        {
            long current;
            await using (var db = factory.Create()) current = await DataVersion.CurrentAsync(db, ct);
            if (!force && current == Version) return false;
            // Read the version before the data: a change committed meanwhile is either in this build or moves the counter again.
            var sw = Stopwatch.StartNew();
            var patched = !force && mark is not null && Version >= 0
                ? await IncrementalRefresh.TryAsync(factory, search.Index, mark, current, ct) : null;
            if (patched is not null)
            {
                search.Swap(patched.Index);
                mark = patched.Mark;
                LastKind = $"patch ({patched.AffectedBrands} brands, {patched.ChangedClaims} claims; {patched.Phases})";
            }
            else
            {
                await using (var db = factory.Create()) mark = await RefreshMark.ReadAsync(db, current, ct);
                await search.RebuildAsync(ct);
                LastKind = "full";
            }
            LastWasPatch = patched is not null;
            queries.Invalidate();
            matches.Invalidate();
            Interlocked.Exchange(ref seen, current);
            LastRebuild = sw.Elapsed;
            LastRefreshedAt = DateTime.UtcNow;
            if (patched is null) Compact();
        }
        finally { refreshing.Release(); }
        WarmTargetLists(compactAfter: !LastWasPatch);
        return true;
    }

    /// <summary>
    /// Target lists are computed once per index: warm them for the newest index rather than on a reader's request, but
    /// outside the refresh lock, and one warming at a time (a burst of changes warms the last index, not every one).
    /// A reader who asks first computes them itself; the cache keeps one per index.
    /// </summary>
    void WarmTargetLists(bool compactAfter)
    {
        if (!WarmsTargetLists || Interlocked.Exchange(ref warming, 1) == 1) return;
        DigestsWarmed = Task.Run(async () =>
        {
            try
            {
                BrandIndex warmed;
                do
                {
                    warmed = search.Index;
                    try { await new TargetQueries(factory).DigestsAsync(warmed); }
                    catch (Exception) { /* best effort: a reader computes them on demand */ }
                } while (!ReferenceEquals(warmed, search.Index));
                if (compactAfter) Compact();
            }
            finally { Volatile.Write(ref warming, 0); }
        }, CancellationToken.None);
    }

    // After a full build the old index and snapshot have just become garbage, and the build's temporaries with them:
    // one compaction then, and after the target lists' warming (not after a patch: small, frequent, and a full
    // collection pauses readers). Otherwise only when quiet after growth (CompactIfQuiet, from the poll).
    readonly HeapCompaction heap = new();
    void Compact() { lock (heap) heap.Now(); }

    /// <summary>Called on every poll of the change signal: gives the heap back once the server is quiet after a burst.</summary>
    public bool CompactIfQuiet() { lock (heap) return heap.Tick(); }

    /// <summary>Whether a refresh warms the target lists (a benchmark that times refreshes alone turns it off).</summary>
    public bool WarmsTargetLists { get; set; } = true;

    /// <summary>The warming of the target lists for the newest index (for benchmarks that time it).</summary>
    public Task DigestsWarmed { get; private set; } = Task.CompletedTask;
}
