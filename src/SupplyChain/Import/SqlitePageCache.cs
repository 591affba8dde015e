using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;

namespace SupplyChain.Import;

/// <summary>
/// An import inserts into many b-trees at once (a claim updates six indexes and a unique fingerprint): SQLite's default
/// page cache (2 MB) spills and re-reads their pages. During the import the connection gets a 256 MiB cache (pages are
/// taken only as they are used), and its own size back afterwards, since connections are pooled.
/// </summary>
sealed class SqlitePageCache : IAsyncDisposable
{
    const long ImportKib = 256 * 1024;
    readonly DbConnection connection;
    readonly long previous;

    SqlitePageCache(DbConnection connection, long previous) { this.connection = connection; this.previous = previous; }

    /// <summary>Null on other engines; the connection must be open (the import's transaction holds it).</summary>
    public static async Task<SqlitePageCache?> EnlargeAsync(SupplyChainDb db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return null;
        var conn = db.Database.GetDbConnection();
        var previous = Convert.ToInt64(await ScalarAsync(conn, "PRAGMA cache_size", ct), System.Globalization.CultureInfo.InvariantCulture);
        await ScalarAsync(conn, $"PRAGMA cache_size = -{ImportKib}", ct);
        return new SqlitePageCache(conn, previous);
    }

    static async Task<object?> ScalarAsync(DbConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (connection.State != System.Data.ConnectionState.Open) return;
        try
        {
            await ScalarAsync(connection, $"PRAGMA cache_size = {previous}", CancellationToken.None);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // After a failed import (disk full, connection broken) the import's own error is the one to report: this
            // one must not replace it while it unwinds. The pooled connection keeps the larger cache until it closes.
        }
    }
}
