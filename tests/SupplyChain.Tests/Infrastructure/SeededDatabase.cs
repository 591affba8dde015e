using SupplyChain.Data;
using SupplyChain.Import;
using SupplyChain.Queries;
using SupplyChain.Search;
using Xunit;

namespace SupplyChain.Tests.Infrastructure;

/// <summary>A fresh database of one engine with the bundled datasets imported, for tests that may add data of their own.</summary>
public abstract class SeededDatabase(Engine engine) : IAsyncLifetime
{
    public Engine Engine { get; } = engine;
    public SupplyChainDbFactory Factory { get; private set; } = null!;
    public ImportRunner Runner { get; private set; } = null!;
    public EvidenceQueries Queries { get; private set; } = null!;
    public ImportReport SeedReport { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!TestDatabase.Available(Engine)) return;
        Factory = await TestDatabase.CreateMigratedAsync(Engine, "seeddb");
        Runner = new ImportRunner(Factory);
        Queries = new EvidenceQueries(Factory);
        SeedReport = await Runner.ImportAsync(Repo.Seed, new ImportOptions { Actor = "test" });
        Assert.True(SeedReport.Succeeded, SeedReport.Summary());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public async Task<BrandIndex> IndexAsync() => await BrandSearch.LoadAsync(Factory);

    /// <summary>The computed view of the data as it stands (what a server's refresh builds).</summary>
    public Task<SupplyChain.Exposure.GraphSnapshot> SnapshotAsync() => SupplyChain.Exposure.GraphSnapshot.LoadAsync(Factory);
}

public sealed class SqliteSeededDatabase() : SeededDatabase(Engine.Sqlite);
public sealed class PostgresSeededDatabase() : SeededDatabase(Engine.Postgres);
