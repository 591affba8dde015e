using Xunit;
using SupplyChain.Data;

namespace SupplyChain.Tests.Infrastructure;

public enum Engine { Sqlite, Postgres }

/// <summary>Fresh, empty databases on either engine: a temp SQLite file, or a new database on the shared PostgreSQL cluster.</summary>
public static class TestDatabase
{
    public static bool Available(Engine engine) => engine == Engine.Sqlite || PostgresServer.Shared is not null;

    public static DatabaseOptions Create(Engine engine, string prefix = "sc") => engine switch
    {
        Engine.Sqlite => new DatabaseOptions(DatabaseProvider.Sqlite,
            $"Data Source={Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.db")}"),
        Engine.Postgres => new DatabaseOptions(DatabaseProvider.Postgres,
            (PostgresServer.Shared ?? throw new InvalidOperationException(PostgresServer.WhyUnavailable)).CreateDatabase(prefix)),
        _ => throw new ArgumentOutOfRangeException(nameof(engine)),
    };

    public static async Task<SupplyChainDbFactory> CreateMigratedAsync(Engine engine, string prefix = "sc")
    {
        var factory = new SupplyChainDbFactory(Create(engine, prefix));
        await factory.MigrateAsync();
        return factory;
    }

    /// <summary>Skips the calling test when the engine is not installed here (CI installs both).</summary>
    public static void SkipUnlessAvailable(Engine engine) =>
        Skip.IfNot(Available(engine), $"{engine} is not available on this machine: {PostgresServer.WhyUnavailable}");
}
