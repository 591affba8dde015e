using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using Xunit;

namespace SupplyChain.Tests.Infrastructure;

/// <summary>Each provider's migration history matches the model, so an existing database upgrades without a manual step.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void Every_provider_has_a_migration_for_the_current_model()
    {
        using var sqlite = new SqliteDesignFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerDesignFactory().CreateDbContext([]);
        foreach (DbContext db in new DbContext[] { sqlite, postgres, sqlServer })
            Assert.False(db.Database.HasPendingModelChanges(),
                $"{db.GetType().Name}: the model changed without a migration; add one per provider (see README, Storage)");
    }

    [Fact]
    public void The_sql_server_schema_script_is_generated_into_schema()
    {
        var script = File.ReadAllText(Repo.Path("schema", "sqlserver.sql"));
        Assert.Contains("CREATE TABLE [Claims]", script);
        Assert.Contains("CREATE TABLE \"Claims\"", File.ReadAllText(Repo.Path("schema", "sqlite.sql")));
        Assert.Contains("CREATE TABLE \"Claims\"", File.ReadAllText(Repo.Path("schema", "postgres.sql")));
    }
}
