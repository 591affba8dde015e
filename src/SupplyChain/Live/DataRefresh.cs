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
            // Target lists are computed once per index: warm them now rather than on a reader's request.
            await new TargetQueries(factory).DigestsAsync(search.Index, ct);
            return true;
        }
        finally { refreshing.Release(); }
    }
}
