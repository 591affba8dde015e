using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using Xunit;

namespace SupplyChain.Tests.Infrastructure;

/// <summary>Pooled SQLite connections read with a small page cache; a size set on a connection later (the import's) is kept.</summary>
public sealed class SqliteCacheSizeTests
{
    static async Task<long> CacheSizeAsync(DbConnection conn)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA cache_size";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_connection_gets_the_small_cache_and_keeps_a_size_set_on_it_later()
    {
        var factory = new SupplyChainDbFactory(TestDatabase.Create(Engine.Sqlite, "cachesize"));
        await factory.MigrateAsync();
        await using (var db = factory.Create())
        {
            await db.Database.OpenConnectionAsync();
            var conn = db.Database.GetDbConnection();
            Assert.Equal(-SqliteCacheSize.Kib, await CacheSizeAsync(conn));
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "PRAGMA cache_size = -262144";
            await cmd.ExecuteNonQueryAsync();
            // EF closes and opens again between statements outside a transaction: the pool hands back the same native
            // connection, and the size set on it stays (the import restores its own when it is done).
            await db.Database.CloseConnectionAsync();
            await db.Database.OpenConnectionAsync();
            Assert.Equal(-262144, await CacheSizeAsync(conn));
        }
        // Queries read as usual.
        await using var reader = factory.Create();
        Assert.Equal(0, await reader.Brands.CountAsync());
    }
}
