using Microsoft.EntityFrameworkCore;
using Xunit;

namespace SupplyChain.Tests.Infrastructure;

/// <summary>
/// At a million brands the code asks for lists of ids far past SQLite's 32,766 bound parameters (a 1M-brand server died
/// on "too many SQL variables" at start): a list in a query must go as one parameter.
/// </summary>
public abstract class LongListQueryTests(Engine engine)
{
    [SkippableFact]
    public async Task A_list_of_100000_ids_in_a_query_is_one_parameter()
    {
        TestDatabase.SkipUnlessAvailable(engine);
        var factory = await TestDatabase.CreateMigratedAsync(engine, "longlist");
        var ids = Enumerable.Range(1, 100_000).Select(i => (long)i).ToList();
        await using var db = factory.Create();
        Assert.Equal(0, await db.Brands.CountAsync(b => ids.Contains(b.Id)));
        var names = ids.Select(i => $"name {i}").ToList();
        Assert.Equal(0, await db.Brands.CountAsync(b => names.Contains(b.Name)));
    }
}

public sealed class LongListQueryTests_Sqlite() : LongListQueryTests(Engine.Sqlite);
public sealed class LongListQueryTests_Postgres() : LongListQueryTests(Engine.Postgres);
