using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using SupplyChain.Data;
using SupplyChain.Import;

namespace SupplyChain.Benchmarks;

/// <summary>
/// Crash safety of import: a 100,000-row import runs as its own process (the server binary's `import` verb) and is
/// SIGKILLed at random moments; after each kill the database must pass its integrity check and hold either the claims
/// it had before or those plus the whole file. Finally the import is run again and must succeed. SQLite, and
/// PostgreSQL when its binaries are installed.
/// </summary>
public static class CrashSuite
{
    interface IEngine : IAsyncDisposable
    {
        string Name { get; }
        string[] ConnectionArgs { get; }
        Task PrepareAsync();          // base state: migrated, real seed imported
        Task ResetAsync();            // work database := base state
        Task<(bool Ok, string Detail, long Claims, long OpenBatches)> CheckAsync();
    }

    public static async Task<int> RunAsync(Options o)
    {
        var rows = o.Int("rows", 100_000);
        var kills = o.Int("kills", 20);
        var engineOpt = o.Str("engine", "both");
        var dir = Path.Combine(o.DataDir, "crash");
        var manifest = SyntheticCsv.Write(dir, rows);
        if (!File.Exists(Repo.ServerDll)) throw new InvalidOperationException($"{Repo.ServerDll} missing: build first");
        var engines = new List<Func<IEngine>>();
        if (engineOpt is "sqlite" or "both") engines.Add(() => new SqliteEngine(dir));
        if (engineOpt is "postgres" or "both")
        {
            if (File.Exists(PgEngine.Bin("initdb"))) engines.Add(() => new PgEngine());
            else Console.Error.WriteLine("crash: PostgreSQL binaries not found, skipping PostgreSQL");
        }
        var report = new Report($"crash:{rows}:{engineOpt}", $"Crash safety: SIGKILL during a {Fmt.Int(rows)}-row import")
            .Line($"`{Path.GetRelativePath(Repo.Root, Repo.ServerDll)} import <SYNTHETIC-benchmark-claims-{rows}.manifest.json>` runs as its own process against a database that holds the real seed; " +
                  $"it is SIGKILLed {kills} times at a random moment (seeded) between 0 and 1.05× the time a full import takes (the faster of two uninterrupted runs). After each kill: the integrity check, the claim count " +
                  "(must be the count before, or before + every row of the file) and unfinished import batches (must be 0). A database left complete is reset to the before state; " +
                  "otherwise the next attempt runs on the database as the kill left it. Finally the import runs to completion and must succeed. `scripts/kill-import.sh` runs this suite.")
            .Line();
        var allOk = true;
        foreach (var make in engines)
        {
            await using var engine = make();
            var (ok, rowsOut, summary) = await RunEngineAsync(engine, manifest, rows, kills, o);
            allOk &= ok;
            report.Line($"### {engine.Name}").Line().Line(summary).Line()
                .Table(["kill", "after s:", "of full import:", "integrity", "claims", "state", "open batches", "verdict"], rowsOut);
        }
        report.Line($"Overall: {(allOk ? "**every kill left a consistent database, and the re-run import succeeded**" : "**FAILED: see the rows marked FAILED above**")}.");
        report.Publish(o);
        return allOk ? 0 : 1;
    }

    static async Task<(bool Ok, List<string[]> Rows, string Summary)> RunEngineAsync(IEngine engine, string manifest, int rows, int kills, Options o)
    {
        Console.Error.WriteLine($"crash/{engine.Name}: preparing the base database (migrate + seed)");
        await engine.PrepareAsync();
        await engine.ResetAsync();
        var before = (await engine.CheckAsync()).Claims;

        // A full import first: how long it takes, and how many claims "before + the whole file" is.
        // Twice, keeping the faster: the first run on a busy machine can be much slower and would put most kills after the end.
        var full = double.MaxValue;
        (bool Ok, string Detail, long Claims, long OpenBatches) afterCheck = default;
        for (var run = 0; run < 2; run++)
        {
            var sw = Stopwatch.StartNew();
            var (code, output) = await RunImportAsync(engine, manifest, kill: null);
            full = Math.Min(full, sw.Elapsed.TotalSeconds);
            afterCheck = await engine.CheckAsync();
            if (code != 0) throw new InvalidOperationException($"{engine.Name}: the uninterrupted import failed ({code}):\n{output}");
            Console.Error.WriteLine($"  full import {sw.Elapsed.TotalSeconds:0.0} s: claims {before} → {afterCheck.Claims}");
            await engine.ResetAsync();
        }
        var after = afterCheck.Claims;

        var rng = new Rng(Generator.Seed ^ 0xD1E);
        var table = new List<string[]>();
        var ok = afterCheck.Ok && after - before == rows;
        var tally = new Dictionary<string, int>();
        for (var k = 1; k <= kills; k++)
        {
            var delay = rng.NextDouble() * 1.05 * full;
            var (exit, _) = await RunImportAsync(engine, manifest, kill: TimeSpan.FromSeconds(delay));
            var check = await engine.CheckAsync();
            var state = check.Claims == before ? "before" : check.Claims == after ? "before + whole file" : "PARTIAL";
            var good = check.Ok && state != "PARTIAL" && check.OpenBatches == 0;
            ok &= good;
            var how = exit == int.MinValue ? state
                : exit == 0 ? $"{state} (import finished before the kill)"
                : $"{state} (process ended before our SIGKILL with exit {exit}{(exit > 128 ? $", i.e. signal {exit - 128} from elsewhere" : "")})";
            tally[state] = tally.GetValueOrDefault(state) + 1;
            table.Add([k.ToString(CultureInfo.InvariantCulture), Fmt.N(delay, "0.00"), Fmt.N(delay / full * 100, "0") + "%", check.Detail, Fmt.Int(check.Claims), how,
                check.OpenBatches.ToString(CultureInfo.InvariantCulture), good ? "ok" : "**FAILED**"]);
            Console.Error.WriteLine($"  kill {k} at {delay:0.00} s: integrity {check.Detail}, claims {check.Claims} ({how}), open batches {check.OpenBatches}");
            if (check.Claims == after) await engine.ResetAsync();
        }

        // The import after all that: must succeed and leave before + whole file.
        var (finalCode, finalOut) = await RunImportAsync(engine, manifest, kill: null);
        var final = await engine.CheckAsync();
        var finalOk = finalCode == 0 && final.Ok && final.Claims == after;
        ok &= finalOk;
        table.Add(["re-run", "–", "–", final.Detail, Fmt.Int(final.Claims), finalCode == 0 ? "import succeeded" : $"import FAILED ({finalCode}): {finalOut.Split('\n')[0]}",
            final.OpenBatches.ToString(CultureInfo.InvariantCulture), finalOk ? "ok" : "**FAILED**"]);
        var summary = $"Uninterrupted import: {Fmt.N(full, "0.0")} s (faster of two runs, process start to exit), claims {Fmt.Int(before)} → {Fmt.Int(after)}. " +
                      $"After the {kills} kills: {string.Join(", ", tally.Select(t => $"{t.Value}× {t.Key}"))}. Verdict: {(ok ? "**met**" : "**FAILED**")}.";
        return (ok, table, summary);
    }

    /// <summary>Runs the import verb; with <paramref name="kill"/>, SIGKILLs it after that long (exit int.MinValue when it was killed).</summary>
    static async Task<(int Code, string Output)> RunImportAsync(IEngine engine, string manifest, TimeSpan? kill)
    {
        var (code, output, _) = await ProductCli.RunAsync(["import", manifest, .. engine.ConnectionArgs, "--as", "crash-test"], kill: kill);
        return (code, output);
    }

    sealed class SqliteEngine(string dir) : IEngine
    {
        readonly string basePath = Path.Combine(dir, "crash-base.db");
        readonly string workPath = Path.Combine(dir, "crash-work.db");
        public string Name => "SQLite";
        public string[] ConnectionArgs => ["--Database:Provider=Sqlite", $"--ConnectionStrings:SupplyChain=Data Source={workPath}"];

        public async Task PrepareAsync()
        {
            Generator.DeleteDb(basePath);
            var factory = Generator.Factory(basePath);
            await factory.MigrateAsync();
            var r = await new ImportRunner(factory).ImportAsync(Repo.Seed, new ImportOptions { Actor = "crash-seed" });
            if (!r.Succeeded) throw new InvalidOperationException(r.Summary());
            await using (var c = new SqliteConnection($"Data Source={basePath};Pooling=False"))
            {
                await c.OpenAsync();
                await using var cmd = c.CreateCommand();
                cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await cmd.ExecuteNonQueryAsync();
            }
            SqliteConnection.ClearAllPools();
        }

        public Task ResetAsync()
        {
            SqliteConnection.ClearAllPools();
            Generator.DeleteDb(workPath);
            File.Copy(basePath, workPath);
            return Task.CompletedTask;
        }

        public async Task<(bool Ok, string Detail, long Claims, long OpenBatches)> CheckAsync()
        {
            await using var c = new SqliteConnection($"Data Source={workPath};Pooling=False");
            await c.OpenAsync();
            async Task<object?> Scalar(string sql) { await using var cmd = c.CreateCommand(); cmd.CommandText = sql; return await cmd.ExecuteScalarAsync(); }
            var integrity = (string?)await Scalar("PRAGMA integrity_check;") ?? "";
            var fk = await Scalar("SELECT COUNT(*) FROM pragma_foreign_key_check;");
            var claims = Convert.ToInt64(await Scalar("SELECT COUNT(*) FROM \"Claims\";"), CultureInfo.InvariantCulture);
            var open = Convert.ToInt64(await Scalar("SELECT COUNT(*) FROM \"ImportBatches\" WHERE \"FinishedAt\" IS NULL;"), CultureInfo.InvariantCulture);
            var fkCount = Convert.ToInt64(fk, CultureInfo.InvariantCulture);
            var ok = integrity == "ok" && fkCount == 0;
            return (ok, $"integrity_check {integrity}, foreign_key_check {fkCount}", claims, open);
        }

        public ValueTask DisposeAsync() { SqliteConnection.ClearAllPools(); return ValueTask.CompletedTask; }
    }

    /// <summary>A throwaway PostgreSQL 15 cluster with a seeded base database (the pipeline suite uses it too).</summary>
    internal sealed class PgEngine : IEngine
    {
        public string ConnectionString => Cs("sckill");
        public static string Bin(string tool) => $"/usr/lib/postgresql/15/bin/{tool}";
        readonly string dir = Path.Combine("/tmp", $"sc-pg-crash-{Environment.ProcessId}");
        readonly int port = Net.FreePort();
        string Cs(string db) => $"Host={dir};Port={port};Username=postgres;Database={db};Pooling=false;Timeout=30";
        public string Name => "PostgreSQL 15";
        public string[] ConnectionArgs => ["--Database:Provider=Postgres", $"--ConnectionStrings:SupplyChain={Cs("sckill")}"];

        static async Task Run(string file, params string[] args)
        {
            var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            var output = await p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync();
            if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {output}{await err}");
        }

        async Task Sql(string db, string sql)
        {
            await using var c = new NpgsqlConnection(Cs(db));
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand(sql, c);
            await cmd.ExecuteNonQueryAsync();
        }

        public async Task PrepareAsync()
        {
            Directory.CreateDirectory(dir);
            await Run("chown", "postgres:postgres", dir);
            await Run("runuser", "-u", "postgres", "--", Bin("initdb"), "-D", dir, "-A", "trust", "--no-sync");
            await Run("runuser", "-u", "postgres", "--", Bin("pg_ctl"), "-D", dir, "-o", $"-k {dir} -p {port}", "-l", Path.Combine(dir, "server.log"), "-w", "start");
            await Sql("postgres", "CREATE DATABASE scbase");
            var factory = new SupplyChainDbFactory(new DatabaseOptions(DatabaseProvider.Postgres, Cs("scbase")));
            await factory.MigrateAsync();
            var r = await new ImportRunner(factory).ImportAsync(Repo.Seed, new ImportOptions { Actor = "crash-seed" });
            if (!r.Succeeded) throw new InvalidOperationException(r.Summary());
            NpgsqlConnection.ClearAllPools();
        }

        public async Task ResetAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await Sql("postgres", "DROP DATABASE IF EXISTS sckill WITH (FORCE)");
            await Sql("postgres", "CREATE DATABASE sckill TEMPLATE scbase");
        }

        public async Task<(bool Ok, string Detail, long Claims, long OpenBatches)> CheckAsync()
        {
            await using var c = new NpgsqlConnection(Cs("sckill"));
            await c.OpenAsync();
            async Task<object?> Scalar(string sql) { await using var cmd = new NpgsqlCommand(sql, c); return await cmd.ExecuteScalarAsync(); }
            await Scalar("CREATE EXTENSION IF NOT EXISTS amcheck");
            // Every B-tree index checked against its table (heapallindexed), every table's heap verified.
            var badIndexes = 0L;
            var indexes = new List<string>();
            await using (var cmd = new NpgsqlCommand("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.amname = 'btree' AND n.nspname = 'public'", c))
            await using (var rd = await cmd.ExecuteReaderAsync())
                while (await rd.ReadAsync()) indexes.Add(rd.GetString(0));
            foreach (var ix in indexes)
            {
                try { await Scalar($"SELECT bt_index_check('public.\"{ix}\"'::regclass, true)"); }
                catch (PostgresException) { badIndexes++; }
            }
            var heapProblems = Convert.ToInt64(await Scalar("SELECT COALESCE(SUM((SELECT COUNT(*) FROM verify_heapam(c.oid))), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = 'public'"), CultureInfo.InvariantCulture);
            var claims = Convert.ToInt64(await Scalar("SELECT COUNT(*) FROM \"Claims\""), CultureInfo.InvariantCulture);
            var open = Convert.ToInt64(await Scalar("SELECT COUNT(*) FROM \"ImportBatches\" WHERE \"FinishedAt\" IS NULL"), CultureInfo.InvariantCulture);
            return (badIndexes == 0 && heapProblems == 0, $"amcheck: {indexes.Count - badIndexes}/{indexes.Count} indexes ok, {heapProblems} heap problems", claims, open);
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            try { await Run("runuser", "-u", "postgres", "--", Bin("pg_ctl"), "-D", dir, "-m", "fast", "-w", "stop"); }
            catch (InvalidOperationException e) { Console.Error.WriteLine(e.Message); }
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }
}
