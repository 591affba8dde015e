using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;
using SupplyChain.Data;
using SupplyChain.Live;
using SupplyChain.Search;

namespace SupplyChain.Server.GraphQL;

/// <summary>
/// The rendered JSON of anonymous GraphQL reads, keyed by the exact request (the POST body, or the GET query string:
/// query text, operation name and variables as sent), so a repeated search or brand page skips parsing, validation,
/// execution and serialising. Most of the load is the same few searches and pages asked again and again.
///
/// Nothing is served that a fresh execution would not give: the entries are held per view of the data (the search
/// index instance and the data version it was built from; a refresh starts an empty cache and the old one goes with the
/// old index), and a response that read the database (anything beyond searchBrands' index fields) also records the data
/// version the database held before it ran: a hit first reads that version (one primary-key read) and is only served
/// when it has not moved, so a change by any writer shows on the next request, as without the cache.
///
/// Not cached: requests with credentials (an Authorization header or a signed-in user: what they see depends on their
/// role), request texts over <see cref="MaxRequestBytes"/>, mutations and subscriptions, responses with `errors`, and
/// root fields not listed in <see cref="CacheableRoots"/> (import jobs, review queues and audit are not versioned data).
/// Bounded in bytes (`GraphQL:ResponseCacheMegabytes`, default 24; 0 turns it off); past the bound the least recently
/// used entries make room.
/// </summary>
public sealed class ResponseCache(BrandSearch search, DataRefresh refresh, SupplyChainDbFactory factory, IConfiguration config)
{
    public const int MaxRequestBytes = 4096;

    /// <summary>Root fields whose answers are a function of the versioned data (and the request) alone.</summary>
    static readonly HashSet<string> CacheableRoots = new(StringComparer.Ordinal)
    {
        "searchBrands", "brand", "brands", "claims", "claim", "sources", "source", "responses", "responseRates",
        "matchFacilities", "matchBrands", "matchFacilitiesBatch", "changeLog", "changesSince", "__typename", "__schema", "__type",
    };

    /// <summary>Below searchBrands, the fields read from the index's brand cards only (no database read).</summary>
    static readonly HashSet<string> IndexOnlyFields = new(StringComparer.Ordinal)
    {
        "__typename", "score", "matchedName", "matchKind", "weak", "brand", "id", "name", "slug", "sectors", "status", "statusText", "claimCount", "sourceCount",
    };

    public long CapacityBytes { get; } = Math.Max(0, config.GetValue("GraphQL:ResponseCacheMegabytes", 24.0)) is var mb ? (long)(mb * 1024 * 1024) : 0;
    public bool Enabled => CapacityBytes > 0;

    long hits, misses, stored;
    /// <summary>Requests answered from the cache, looked up and not found (or stale), and responses put in, since start.</summary>
    public (long Hits, long Misses, long Stored) Counts => (Interlocked.Read(ref hits), Interlocked.Read(ref misses), Interlocked.Read(ref stored));

    /// <summary>The entries of one view of the data.</summary>
    public sealed class Generation(BrandIndex index, long version, long capacity)
    {
        internal BrandIndex Index { get; } = index;
        internal long Version { get; } = version;
        internal MemoryCache Entries { get; } = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, capacity), CompactionPercentage = 0.25, TrackStatistics = true });
    }

    /// <summary>A response and the database's data version it was computed at (-1: it read the index only).</summary>
    sealed record Entry(byte[] Body, long DatabaseVersion);

    Generation? current;

    /// <summary>The bytes the current entries are counted at (body, key and a fixed overhead each): for tests and the logs.</summary>
    public long HeldBytes => Volatile.Read(ref current)?.Entries.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <summary>The entries for the view of the data this server serves now; a request pins it at its start.</summary>
    public Generation Current()
    {
        var index = search.Index;
        var version = refresh.Version;
        var held = Volatile.Read(ref current);
        if (held is not null && ReferenceEquals(held.Index, index) && held.Version == version) return held;
        // The old entries are dropped, not disposed: a request that pinned them may still put into them, and nobody reads them again.
        var fresh = new Generation(index, version, CapacityBytes);
        return Interlocked.CompareExchange(ref current, fresh, held) == held ? fresh : Current();
    }

    /// <summary>Whether this request may be answered from, and put into, the cache (before its body is read).</summary>
    public bool Admits(HttpContext http) =>
        Enabled && http.User.Identity?.IsAuthenticated != true && !http.Request.Headers.ContainsKey("Authorization");

    /// <summary>The key of a request: its method and the exact bytes that define it.</summary>
    public static Key KeyOf(string method, ReadOnlySpan<byte> request)
    {
        var bytes = new byte[request.Length + 1];
        bytes[0] = method == HttpMethods.Get ? (byte)'G' : (byte)'P';
        request.CopyTo(bytes.AsSpan(1));
        return new Key(bytes);
    }

    public sealed class Key : IEquatable<Key>
    {
        readonly byte[] bytes;
        readonly int hash;

        internal Key(byte[] bytes)
        {
            this.bytes = bytes;
            var h = new HashCode();
            h.AddBytes(bytes);
            hash = h.ToHashCode();
        }

        public int Length => bytes.Length;
        public bool Equals(Key? other) => other is not null && other.hash == hash && bytes.AsSpan().SequenceEqual(other.bytes);
        public override bool Equals(object? obj) => Equals(obj as Key);
        public override int GetHashCode() => hash;
    }

    /// <summary>The held response for this request, if it is still what an execution would answer now.</summary>
    public async Task<byte[]?> TryGetAsync(Generation generation, Key key, CancellationToken ct)
    {
        if (generation.Entries.TryGetValue(key, out Entry? entry) && entry is not null
            && (entry.DatabaseVersion < 0 || entry.DatabaseVersion == await VersionOrNullAsync(ct)))
        {
            Interlocked.Increment(ref hits);
            return entry.Body;
        }
        Interlocked.Increment(ref misses);
        return null;
    }

    /// <summary>
    /// Whether an operation's answer may be kept, and if so whether it reads the database: null (not cacheable), -1
    /// (index only), or the database's data version now, read before the execution so a change committed during it makes
    /// the entry stale rather than hiding it.
    /// </summary>
    public async Task<long?> BeforeExecutionAsync(GraphQLDocument document, GraphQLOperationDefinition operation, CancellationToken ct)
    {
        if (operation.Operation != OperationType.Query) return null;
        var roots = new List<GraphQLField>();
        var fragments = new HashSet<string>(StringComparer.Ordinal);
        if (!Collect(document, operation.SelectionSet, roots, fragments)) return null;
        if (roots.Any(f => !CacheableRoots.Contains(f.Name.StringValue))) return null;
        var indexOnly = roots.All(f => f.Name.StringValue == "__typename"
            || f.Name.StringValue == "searchBrands" && OnlyIndexFields(document, f.SelectionSet, new HashSet<string>(StringComparer.Ordinal)));
        return indexOnly ? -1 : await VersionOrNullAsync(ct);
    }

    /// <summary>A database that cannot be read now means no caching: the execution reports the failure as it would without the cache.</summary>
    async Task<long?> VersionOrNullAsync(CancellationToken ct)
    {
        try { return await DatabaseVersionAsync(ct); }
        catch (Exception e) when (e is not OperationCanceledException) { return null; }
    }

    /// <summary>Puts a response in (a copy of the bytes written).</summary>
    public void Put(Generation generation, Key key, ReadOnlySpan<byte> body, long databaseVersion)
    {
        var entry = new Entry(body.ToArray(), databaseVersion);
        generation.Entries.Set(key, entry, new MemoryCacheEntryOptions { Size = entry.Body.Length + key.Length + 96 });
        Interlocked.Increment(ref stored);
    }

    /// <summary>One read of the database's data version and when it began.</summary>
    sealed record VersionRead(long Started, Task<long> Version);
    VersionRead? lastRead;

    /// <summary>
    /// The data version the database holds, read after this call began: a change committed before it is seen. Concurrent
    /// requests share reads (one at a time; a request joins the first read that begins after it arrived), so a burst of
    /// held pages costs a few primary-key reads, not one each.
    /// </summary>
    async Task<long> DatabaseVersionAsync(CancellationToken ct)
    {
        var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            var held = Volatile.Read(ref lastRead);
            if (held is not null && held.Started >= arrived) return await held.Version.WaitAsync(ct);
            if (held is not null && !held.Version.IsCompleted)
            {
                // Began before this request: it may miss a change committed since. Wait for it, then join or begin the next.
                try { await held.Version.WaitAsync(ct); } catch (Exception) when (!ct.IsCancellationRequested) { }
                continue;
            }
            var result = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var mine = new VersionRead(System.Diagnostics.Stopwatch.GetTimestamp(), result.Task);
            if (Interlocked.CompareExchange(ref lastRead, mine, held) != held) continue;
            try
            {
                // Not cancelled by this request: others may be waiting on the same read.
                await using var db = factory.Create();
                result.SetResult(await DataVersion.CurrentAsync(db, CancellationToken.None));
            }
            catch (Exception e) { result.SetException(e); }
            return await result.Task.WaitAsync(ct);
        }
    }

    /// <summary>The root fields, through fragments; false when a fragment is missing or repeats (the validation will say why).</summary>
    static bool Collect(GraphQLDocument document, GraphQLSelectionSet? set, List<GraphQLField> roots, HashSet<string> seen)
    {
        foreach (var s in set?.Selections ?? [])
            switch (s)
            {
                case GraphQLField f: roots.Add(f); break;
                case GraphQLInlineFragment i: if (!Collect(document, i.SelectionSet, roots, seen)) return false; break;
                case GraphQLFragmentSpread spread:
                    if (!seen.Add(spread.FragmentName.Name.StringValue) || Fragment(document, spread) is not { } def || !Collect(document, def.SelectionSet, roots, seen)) return false;
                    break;
            }
        return true;
    }

    static bool OnlyIndexFields(GraphQLDocument document, GraphQLSelectionSet? set, HashSet<string> seen)
    {
        foreach (var s in set?.Selections ?? [])
        {
            var ok = s switch
            {
                GraphQLField f => IndexOnlyFields.Contains(f.Name.StringValue) && OnlyIndexFields(document, f.SelectionSet, seen),
                GraphQLInlineFragment i => OnlyIndexFields(document, i.SelectionSet, seen),
                GraphQLFragmentSpread spread => seen.Add(spread.FragmentName.Name.StringValue) && Fragment(document, spread) is { } def
                    && OnlyIndexFields(document, def.SelectionSet, seen),
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }

    static GraphQLFragmentDefinition? Fragment(GraphQLDocument document, GraphQLFragmentSpread spread) =>
        document.Definitions.OfType<GraphQLFragmentDefinition>().FirstOrDefault(d => d.FragmentName.Name.StringValue == spread.FragmentName.Name.StringValue);
}
