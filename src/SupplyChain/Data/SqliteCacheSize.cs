using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SupplyChain.Data;

/// <summary>
/// Issue 14, memory: SQLite keeps a page cache per connection (2 MB by default, taken as pages are read) and the pool
/// keeps connections open, so a server that served requests on many threads holds a full cache per pooled connection in
/// native memory. Reads need little of it: the operating system's file cache already holds the database, and the
/// search index and digests are in memory. Each new native connection gets <see cref="Kib"/> KiB once, when it is first
/// opened; what is set on it later (the import's larger cache, <c>Import/SqlitePageCache.cs</c>) is left alone.
/// </summary>
sealed class SqliteCacheSize : DbConnectionInterceptor
{
    public const int Kib = 256;
    public static readonly SqliteCacheSize Instance = new();

    // The pool hands the same native handle to later opens: key on it, so a pooled connection is set once.
    static readonly ConditionalWeakTable<object, object> done = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || done.TryGetValue(handle, out _)) return;
        using (var cmd = sqlite.CreateCommand())
        {
            cmd.CommandText = $"PRAGMA cache_size = -{Kib}";
            cmd.ExecuteNonQuery();
        }
        done.AddOrUpdate(handle, handle);
    }
}
