using System.Text;
using Microsoft.EntityFrameworkCore;
using System.Diagnostics;
using Npgsql;
using SupplyChain.Data;
using SupplyChain.Import;
using SupplyChain.Tests.Import;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Safety;

public sealed class FailureTests
{
    /// <summary>The import's connection is killed mid-transaction: a clear error, nothing half-written, reads still served.</summary>
    [SkippableFact]
    public async Task A_lost_database_connection_during_import_ends_with_a_clear_error_and_no_partial_data()
    {
        var f = await ImportFixture.CreateAsync(Engine.Postgres);
        var rows = new StringBuilder(ImportFixture.Header);
        for (var i = 0; i < 12_000; i++) rows.Append($"Made-up Brand {i % 700},Made-up Factory {i},China,{i} Road,supplies,{i}\n");
        f.Write("MADE_UP_big.csv", rows.ToString());
        var manifest = f.FacilityManifest("MADE_UP_big.csv");
        var database = new NpgsqlConnectionStringBuilder(f.Factory.Options.ConnectionString).Database!;

        var import = f.Runner.ImportAsync(manifest);
        // Wait until the import is writing inside its transaction, then terminate its backend.
        await using var admin = new NpgsqlConnection(PostgresServer.Shared!.ConnectionString("postgres"));
        await admin.OpenAsync();
        var killed = 0;
        for (var tries = 0; tries < 400 && killed == 0 && !import.IsCompleted; tries++)
        {
            await Task.Delay(25);
            await using var cmd = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @db AND xact_start IS NOT NULL AND pid <> pg_backend_pid()", admin);
            cmd.Parameters.AddWithValue("db", database);
            killed = Convert.ToInt32(await cmd.ExecuteScalarAsync());
        }
        var report = await import;
        Skip.If(killed == 0, "the import finished before its connection could be terminated");
        Assert.False(report.Succeeded);
        var error = Assert.Single(report.Errors);
        Assert.Contains("database failed during the import", error.Reason);
        Assert.Contains("rolled back", report.Errors[0].Reason);

        NpgsqlConnection.ClearAllPools();
        await using var db = f.Factory.Create();
        Assert.Equal(0, await db.Claims.CountAsync()); // reads are served, and nothing was half-written
        Assert.Equal(0, await db.Facilities.CountAsync());
        Assert.Equal(0, await db.ImportBatches.CountAsync());
        var again = await f.Runner.ImportAsync(manifest);
        Assert.True(again.Succeeded, again.Summary());
        Assert.Equal(12_000, await db.Claims.CountAsync());
    }

    /// <summary>SQLite on a 4 MB filesystem: the import runs out of disk, ends with a clear error, and the database stays whole and readable.</summary>
    [SkippableFact]
    public async Task A_full_disk_during_import_ends_with_a_clear_error_and_no_partial_data()
    {
        var mount = Directory.CreateTempSubdirectory("sc-tinyfs").FullName;
        Skip.IfNot(Run("mount", $"-t tmpfs -o size=4m tmpfs {mount}"), "cannot mount a small tmpfs here (needs root)");
        try
        {
            var factory = new SupplyChainDbFactory(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(mount, "full.db")}"));
            await factory.MigrateAsync();
            var dir = Directory.CreateTempSubdirectory("sc-full").FullName;
            var f = new ImportFixture { Dir = dir, Factory = factory };
            var rows = new StringBuilder(ImportFixture.Header);
            for (var i = 0; i < 40_000; i++) rows.Append($"Made-up Brand {i % 500},Made-up Factory with a long name number {i},China,{i} Long Road of Made-up Town,supplies,{i}\n");
            f.Write("MADE_UP_full.csv", rows.ToString());
            var report = await f.Runner.ImportAsync(f.FacilityManifest("MADE_UP_full.csv"));
            Assert.False(report.Succeeded);
            var error = Assert.Single(report.Errors);
            Assert.Contains("database failed during the import", error.Reason);
            Assert.Contains("full", error.Reason, StringComparison.OrdinalIgnoreCase);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await using var db = factory.Create();
            Assert.Equal(0, await db.Claims.CountAsync()); // reads still served; nothing half-written
            Assert.Equal(0, await db.ImportBatches.CountAsync());
            Assert.Equal("ok", await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync() is [var only] ? only : "?");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Run("umount", mount);
        }
    }

    static bool Run(string file, string args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            p.WaitForExit(30_000);
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }
}
