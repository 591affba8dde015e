using System.Diagnostics;
using SupplyChain.Data;
using SupplyChain.Queries;
using SupplyChain.Resolution;
using SupplyChain.Search;

namespace SupplyChain.Live;

/// <summary>
/// Everything a server derives from the data in memory (search index with each brand's status and counts, exposure
/// views, the match catalog, target-list digests) is refreshed through here, and only when <see cref="DataVersion"/>
/// moved. Readers never wait: the new index is built beside the old one and swapped in whole.
/// </summary>
public sealed class DataRefresh(SupplyChainDbFactory factory, BrandSearch search, EvidenceQueries queries, MatchService matches)
{
    readonly SemaphoreSlim refreshing = new(1, 1);
    long seen = -1;

    /// <summary>The data version the current in-memory views were built from (-1 before the first build).</summary>
    public long Version => Interlocked.Read(ref seen);

    /// <summary>How long the last rebuild took, and when it finished: for the benchmarks and the logs.</summary>
    public TimeSpan LastRebuild { get; private set; }
    public DateTime? LastRefreshedAt { get; private set; }

    /// <summary>Rebuilds when the counter moved since the last build (or always, when forced). Returns whether it rebuilt.</summary>
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
            await search.RebuildAsync(ct);
            queries.Invalidate();
            matches.Invalidate();
            Interlocked.Exchange(ref seen, current);
            LastRebuild = sw.Elapsed;
            LastRefreshedAt = DateTime.UtcNow;
        }
        finally { refreshing.Release(); }
        // Target lists are computed once per index: warm them now rather than on a reader's request, but outside the
        // lock, so a change committed meanwhile starts its own rebuild at once instead of waiting for them (at 100k
        // brands they took 15 s). A reader who asks first computes them itself; the cache keeps one per index.
        var index = search.Index;
        DigestsWarmed = Task.Run(async () =>
        {
            try { await new TargetQueries(factory).DigestsAsync(index); }
            catch (Exception) { /* best effort: a reader computes them on demand */ }
        }, CancellationToken.None);
        return true;
    }

    /// <summary>The warming of the target lists for the newest index (for benchmarks that time it).</summary>
    public Task DigestsWarmed { get; private set; } = Task.CompletedTask;
}
