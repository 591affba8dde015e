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

public abstract class UpgradeTests(Engine engine)
{
    /// <summary>A database made by the first migration, holding data, upgrades to the current schema and keeps its data.</summary>
    [SkippableFact]
    public async Task An_existing_database_upgrades_without_losing_data()
    {
        TestDatabase.SkipUnlessAvailable(engine);
        var factory = new SupplyChainDbFactory(TestDatabase.Create(engine, "upgrade"));
        await using (var db = factory.Create())
        {
            var migrator = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>(db);
            var first = db.Database.GetMigrations().First();
            await migrator.MigrateAsync(first);
            Assert.True(db.Database.GetPendingMigrations().Any(), "this test needs a later migration to upgrade to");
            // Today's importer moves the data version (migration LiveChangeSignal): a scratch counter lets it fill the old database.
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE \"DataVersions\" (\"Id\" integer PRIMARY KEY, \"Version\" bigint NOT NULL, \"ChangedAt\" timestamp with time zone NOT NULL)");
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"DataVersions\" (\"Id\", \"Version\", \"ChangedAt\") VALUES (1, 0, CURRENT_TIMESTAMP)");
        }
        var report = await new SupplyChain.Import.ImportRunner(factory).ImportAsync(Repo.Path("datasets", "aspi-uyghurs-for-sale-brands", "manifest.json"));
        Assert.True(report.Succeeded, report.Summary());
        await using (var scratch = factory.Create()) await scratch.Database.ExecuteSqlRawAsync("DROP TABLE \"DataVersions\"");
        await factory.MigrateAsync();
        await using var after = factory.Create();
        Assert.Empty(after.Database.GetPendingMigrations());
        Assert.Equal(83, await after.Brands.CountAsync());
        Assert.Equal(83, await after.Claims.CountAsync());
    }
}

public sealed class UpgradeTests_Sqlite() : UpgradeTests(Engine.Sqlite);
public sealed class UpgradeTests_Postgres() : UpgradeTests(Engine.Postgres);
