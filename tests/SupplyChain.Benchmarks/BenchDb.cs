using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SupplyChain.Data;

namespace SupplyChain.Benchmarks;

/// <summary>A generated benchmark database on either engine: what the suites, the in-process server and the server process connect to.</summary>
public sealed record BenchDb(DatabaseProvider Provider, string ConnectionString, string Label)
{
    public bool IsPostgres => Provider == DatabaseProvider.Postgres;
    public string EngineName => IsPostgres ? "PostgreSQL 15" : "SQLite";
    public SupplyChainDbFactory Factory() => new(new DatabaseOptions(Provider, ConnectionString));

    /// <summary>On-disk size: file + WAL for SQLite, pg_database_size for PostgreSQL.</summary>
    public async Task<double> SizeMiBAsync()
    {
        if (!IsPostgres)
        {
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
            return new[] { "", "-wal" }.Select(s => path + s).Where(File.Exists).Sum(p => new FileInfo(p).Length) / 1024.0 / 1024.0;
        }
        await using var c = new NpgsqlConnection(ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT pg_database_size(current_database())", c);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
    }
}

/// <summary>
/// A PostgreSQL 15 cluster kept under the data folder (initdb once, started when not running, left running so the
/// next suite and other engineers reuse the generated data). Benchmark settings: fsync off, 256 MB shared buffers.
/// </summary>
public sealed class BenchPostgres
{
    public static string Bin(string tool) => $"/usr/lib/postgresql/15/bin/{tool}";
    public required string Dir { get; init; }
    public required int Port { get; init; }

    public string Cs(string db) => $"Host={Dir};Port={Port};Username=postgres;Database={db};Timeout=30;Command Timeout=0";

    public static async Task<BenchPostgres> StartAsync(string dir)
    {
        var portFile = Path.Combine(Path.GetDirectoryName(dir)!, "pg.port");
        if (!File.Exists(Path.Combine(dir, "PG_VERSION")))
        {
            Directory.CreateDirectory(dir);
            await Run("chown", "postgres:postgres", dir);
            await Run("runuser", "-u", "postgres", "--", Bin("initdb"), "-D", dir, "-A", "trust", "--no-sync");
            File.WriteAllText(portFile, Net.FreePort().ToString(CultureInfo.InvariantCulture));
        }
        var port = int.Parse(File.ReadAllText(portFile).Trim(), CultureInfo.InvariantCulture);
        var pg = new BenchPostgres { Dir = dir, Port = port };
        if (!await pg.RunningAsync())
            await Run("runuser", "-u", "postgres", "--", Bin("pg_ctl"), "-D", dir, "-o",
                $"-k {dir} -p {port} -c shared_buffers=256MB -c fsync=off -c synchronous_commit=off -c max_wal_size=4GB -c max_connections=300",
                "-l", Path.Combine(dir, "server.log"), "-w", "start");
        return pg;
    }

    async Task<bool> RunningAsync()
    {
        try
        {
            await using var c = new NpgsqlConnection(Cs("postgres") + ";Pooling=false;Timeout=3");
            await c.OpenAsync();
            return true;
        }
        catch (NpgsqlException) { return false; }
        catch (System.Net.Sockets.SocketException) { return false; }
    }

    public async Task SqlAsync(string db, string sql)
    {
        await using var c = new NpgsqlConnection(Cs(db) + ";Pooling=false");
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {output}{await err}");
    }
}
