using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SupplyChain.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run: initdb into a temp folder, started on a free port with its socket
/// in that folder, removed when the process exits. Runs the server as the postgres user when we are root (initdb
/// refuses root). Absent binaries mean the PostgreSQL variants skip; .ci/run installs them so nothing skips in CI.
/// </summary>
public sealed class PostgresServer
{
    static readonly Lazy<PostgresServer?> Instance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    static int databases;

    public static string? BinDir => Environment.GetEnvironmentVariable("SUPPLYCHAIN_PG_BIN") is { Length: > 0 } configured ? configured
        : Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => System.IO.Path.Combine(d, "bin"))
            .Where(d => File.Exists(System.IO.Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault() : null;

    public static PostgresServer? Shared => Instance.Value;

    public static string? WhyUnavailable { get; private set; }

    readonly string dataDir;
    readonly int port;

    PostgresServer(string dataDir, int port) { this.dataDir = dataDir; this.port = port; }

    /// <summary>A new, empty database on the shared cluster.</summary>
    public string CreateDatabase(string prefix)
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref databases)}".ToLowerInvariant();
        using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        conn.Open();
        using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        cmd.ExecuteNonQuery();
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host={dataDir};Port={port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=40;Timeout=30;Command Timeout=120";

    static PostgresServer? Start()
    {
        var bin = BinDir;
        if (bin is null) { WhyUnavailable = "PostgreSQL binaries not found (apt-get install postgresql)"; return null; }
        var dataDir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sc-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(dataDir);
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", $"postgres:postgres {dataDir}");
        var port = FreePort();
        Pg(bin, asRoot, "initdb", $"-D {dataDir} -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8");
        Pg(bin, asRoot, "pg_ctl", $"-D {dataDir} -o \"-k {dataDir} -p {port} -c listen_addresses='' -c fsync=off -c max_connections=200\" -l {dataDir}/server.log -w start");
        // The test host may be killed rather than exit (vstest ends it at the end of a run), and then ProcessExit never
        // runs: a detached watchdog stops the cluster once this process is gone, so no postgres outlives the tests.
        var stop = asRoot ? $"runuser -u postgres -- {System.IO.Path.Combine(bin, "pg_ctl")}" : System.IO.Path.Combine(bin, "pg_ctl");
        System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("setsid",
            ["sh", "-c", $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 2; done; {stop} -D {dataDir} -m immediate -w stop >/dev/null 2>&1; rm -rf {dataDir}"])
            { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })?.Dispose();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Pg(bin, asRoot, "pg_ctl", $"-D {dataDir} -m immediate -w stop"); Directory.Delete(dataDir, true); } catch { /* best effort at exit */ }
        };
        return new PostgresServer(dataDir, port);
    }

    static void Pg(string bin, bool asRoot, string tool, string args)
    {
        var exe = System.IO.Path.Combine(bin, tool);
        if (asRoot) Run("runuser", $"-u postgres -- {exe} {args}");
        else Run(exe, args);
    }

    static void Run(string file, string args)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) throw new TimeoutException($"{file} {args} did not finish");
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {args} exited {p.ExitCode}: {stderr.Result}{stdout.Result}");
    }

    static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
