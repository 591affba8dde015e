using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SupplyChain.Data;
using SupplyChain.Import;

namespace SupplyChain.Benchmarks;

/// <summary>
/// Issue 14, item 1: a made-up supplier list of similar names (SupplierList) through the Open Supply Hub manifest into
/// a database holding the real seed, end to end (read, map, resolve, write; one transaction), on SQLite and PostgreSQL.
/// Side by side in one run: dry run, full import, the same file again (must change nothing), twice the rows, and the
/// same list into a database already holding many facilities (a preloaded list of other made-up factories).
/// </summary>
public static class SupplierImportSuite
{
    public interface IEngine : IAsyncDisposable
    {
        string Name { get; }
        Task PrepareAsync();                          // base: migrated, real seed imported
        Task<SupplyChainDbFactory> FreshAsync(string name); // a copy of the base
        Task<SupplyChainDbFactory> CopyAsync(string name, string from); // a copy of another work database
        Task<string> SizeAsync(string name);
        string[] CliArgs(string name);                // the server CLI's arguments for that copy
    }

    public static async Task<int> RunAsync(Options o)
    {
        var rows = o.Int("rows", 60_000);
        var preload = o.Int("preload", 1_000_000);
        var engineOpt = o.Str("engine", "both");
        // Only the full import of the list (no dry run, repeat, 2x or preload): quick trials, and a clean peak RSS.
        var onlyFull = o.Flag("only-full");
        // Without the product's CLI row (a cold process): quicker trials of the in-process import.
        var noCli = o.Flag("no-cli");
        // Timing rounds for the ratios: the full import, twice the rows and the preloaded import, again and again, each
        // into a fresh copy; verdicts are on the medians. One round's ratio moved 1.97–2.76× on this shared machine.
        var rounds = Math.Max(1, o.Int("rounds", 3));
        var dir = Path.Combine(o.DataDir, "supplier");
        var list = SupplierList.Write(dir, rows);
        var list2 = onlyFull ? null : SupplierList.Write(dir, rows * 2);
        var big = preload > 0 && !onlyFull ? SupplierList.Write(dir, preload, salt: 1) : null;

        var report = new Report($"supplier-import:{rows}:{engineOpt}{(onlyFull ? ":only-full" : "")}", $"Scale (issue 14): importing a {Fmt.Int(rows)}-row supplier list of similar names{(onlyFull ? " (full import only)" : "")}")
            .Line($"A made-up list in the Open Supply Hub layout (`{Path.GetFileName(list).Replace(".manifest.json", ".csv")}`: country, name, address, sector, lat, lng; " +
                  "names recombine real brand morphemes with Textile/Garment/Knitting and Co., Ltd./Factory; 3% of rows repeat an earlier factory, 2% drop a letter of one) " +
                  "through a copy of `datasets/open-supply-hub-lists/manifest.json` whose title and URL say SYNTHETIC. Each import is `ImportRunner.ImportAsync` (read, map, resolve, write, one transaction) " +
                  "into a copy of a database holding the real seed. Times are wall-clock in this process, after a warm-up import of another " +
                  "60,000-row made-up list into a throwaway copy (code compiled and tiered up, as in a server that has imported before; " +
                  "\"methods compiled\" counts what the JIT still compiled during each import). The CLI row is `SupplyChain.Server.dll import` " +
                  "as its own process, from process start to exit, with the server's runtime settings (workstation GC).")
            .Line();
        var targets = new List<string[]>();
        var engines = new List<Func<IEngine>>();
        if (engineOpt is "sqlite" or "both") engines.Add(() => new SqliteEngine(dir));
        if (engineOpt is "postgres" or "both") engines.Add(() => new PgEngine());
        foreach (var make in engines)
        {
            await using var engine = make();
            Console.Error.WriteLine($"supplier-import/{engine.Name}: base database (migrate + seed)");
            await engine.PrepareAsync();
            var table = new List<string[]>();
            async Task<(double Seconds, ImportReport Report, double Cpu, long Jitted)> Import(SupplyChainDbFactory f, string manifest, bool dry = false)
            {
                var sw = Stopwatch.StartNew();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
                var r = await new ImportRunner(f).ImportAsync(manifest, new ImportOptions { Actor = "benchmark", DryRun = dry });
                var s = sw.Elapsed.TotalSeconds;
                cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                jitted = System.Runtime.JitInfo.GetCompiledMethodCount() - jitted;
                if (!r.Succeeded) throw new InvalidOperationException(r.Summary());
                Console.Error.WriteLine($"  {Path.GetFileName(manifest)}{(dry ? " (dry run)" : "")}: {s:0.00} s, {r.Files.Sum(x => x.RowsRead) / s:0} rows/s, CPU {cpu.TotalSeconds:0.00} s, {jitted} methods compiled; " +
                                        $"created {r.Files.Sum(x => x.EntitiesCreated)}, matched {r.Files.Sum(x => x.EntitiesMatched)}, queued {r.Files.Sum(x => x.CandidatesQueued)}, claims {r.Files.Sum(x => x.ClaimsAdded)}");
                return (s, r, cpu.TotalSeconds, jitted);
            }
            // CPU: this process's processor time during the import (all threads); on a shared machine it moves less than the wall clock.
            string[] Row(string what, int n, (double Seconds, ImportReport Report, double Cpu, long Jitted) run)
            {
                var files = run.Report.Files;
                return [what, Fmt.Int(n), Fmt.N(run.Seconds, "0.00"), Fmt.N(run.Cpu, "0.00"), Fmt.Int((long)(n / run.Seconds)), Fmt.Int(files.Sum(x => x.EntitiesCreated)),
                        Fmt.Int(files.Sum(x => x.EntitiesMatched)), Fmt.Int(files.Sum(x => x.CandidatesQueued)), Fmt.Int(files.Sum(x => x.ClaimsAdded)), Fmt.Int(run.Jitted)];
            }

            // Warm-up: a server that has imported before runs compiled, tiered-up code. Without this the timed import
            // compiled 3,000–6,600 methods (tier-up of the per-chunk EF Core and Npgsql paths: 1.5–5 s of JIT on two
            // shared cores), measuring the JIT rather than the import. Another made-up 60,000-row list, imported three
            // times into a fresh throwaway copy, is 45 chunks of 4,000 rows: every per-chunk method passes the tier-up
            // threshold (30 counted calls). One such import (15 chunks) left 190–1,037 methods, up to 0.6 s of JIT, to the
            // timed import. What is left is counted in the table ("methods compiled"). The cold process is measured on
            // its own: the product's CLI row.
            Console.Error.WriteLine("  warm-up:");
            var warmList = SupplierList.Write(dir, 60_000, salt: 2);
            for (var round = 0; round < 3; round++) await Import(await engine.FreshAsync("warm"), warmList);
            await JitSettledAsync();
            var f1 = await engine.FreshAsync("one");
            long Claims(SupplyChainDbFactory f) { using var db = f.Create(); return db.Claims.LongCount(); }
            var before = Claims(f1);
            if (!onlyFull)
            {
                var dry = await Import(f1, list, dry: true);
                table.Add(Row("dry run", rows, dry));
                if (before != Claims(f1)) throw new InvalidOperationException("dry run wrote");
            }
            var full = await Import(f1, list);
            table.Add(Row("full import", rows, full));
            var after = Claims(f1);
            if (!noCli)
            {
                var cli = await CliImportAsync(engine, list);
                if (cli.Claims != after) throw new InvalidOperationException($"the CLI's import holds {cli.Claims} claims, the in-process import {after}");
                table.Add([$"the same, by the product's CLI (a cold process, its runtime settings; {cli.Detail})", Fmt.Int(rows), Fmt.N(cli.Seconds, "0.00"), "–",
                           Fmt.Int((long)(rows / cli.Seconds)), "", "", "", Fmt.Int(after - before), "–"]);
            }
            if (onlyFull)
            {
                var peak = PeakRssMiB();
                Console.Error.WriteLine($"  peak RSS of this process so far: {peak:0} MiB");
                report.Line($"### {engine.Name}").Line()
                    .Table(["import", "rows", "seconds:", "CPU s:", "rows/s:", "created:", "matched:", "queued:", "claims added:", "methods compiled:"], table)
                    .Line($"Claims before {Fmt.Int(before)}, after {Fmt.Int(after)}. Peak RSS of the benchmark process after it: {peak:0} MiB (VmHWM).").Line();
                targets.Add([$"{engine.Name}: ≥ 20,000 rows/s end to end ({Fmt.Int(rows)} rows)", $"{Fmt.Int((long)(rows / full.Seconds))} rows/s ({full.Seconds:0.00} s)", Fmt.Verdict(rows / full.Seconds >= 20_000)]);
                continue;
            }
            var again = await Import(f1, list);
            table.Add(Row("same file again (changes nothing)", rows, again));
            if (Claims(f1) != after) throw new InvalidOperationException("re-import changed the claim count");
            var size1 = await engine.SizeAsync("one");

            var f2 = await engine.FreshAsync("two");
            var twice = await Import(f2, list2!);
            table.Add(Row("twice the rows", rows * 2, twice));

            double? preloadedSeconds = null;
            string held = "";
            if (big is not null)
            {
                // The preloaded database is kept as it is; each import of the list goes into a copy of it.
                var pre = await Import(await engine.FreshAsync("bigbase"), big);
                table.Add(Row($"preload: {Fmt.Int(preload)} other made-up factories", preload, pre));
                var f3 = await engine.CopyAsync("big", "bigbase");
                await using (var db = f3.Create()) held = Fmt.Int(await db.Facilities.LongCountAsync());
                var into = await Import(f3, list);
                preloadedSeconds = into.Seconds;
                table.Add(Row($"the list into a database holding {held} facilities", rows, into));
            }
            report.Line($"### {engine.Name}").Line()
                .Table(["import", "rows", "seconds:", "CPU s:", "rows/s:", "created:", "matched:", "queued:", "claims added:", "methods compiled:"], table)
                .Line($"Database after the {Fmt.Int(rows)}-row import: {size1}. Claims before {Fmt.Int(before)}, after {Fmt.Int(after)}; the second run of the same file added none.").Line();

            // Rounds: the table above is round 1; each further round imports the list, twice the rows and the list into
            // the preloaded database again, each into a fresh copy, in that order. A round's ratios are side by side
            // (seconds apart); the verdicts take the median over rounds, so one noisy import does not decide them.
            var perRound = new List<(double Full, double Twice, double? Into)> { (full.Seconds, twice.Seconds, preloadedSeconds) };
            for (var round = 2; round <= rounds; round++)
            {
                Console.Error.WriteLine($"  round {round} of {rounds}:");
                var f = (await Import(await engine.FreshAsync("one"), list)).Seconds;
                var t = (await Import(await engine.FreshAsync("two"), list2!)).Seconds;
                double? i = big is null ? null : (await Import(await engine.CopyAsync("big", "bigbase"), list)).Seconds;
                perRound.Add((f, t, i));
            }
            report.Line($"Rounds (round 1 is the table above; seconds each, and the round's own ratios):").Line()
                .Table(["round", "list s:", "twice the rows s:", "ratio:", $"into {held} facilities s:", "ratio:"],
                    perRound.Select((r, k) => new[] { (k + 1).ToString(CultureInfo.InvariantCulture), Fmt.N(r.Full, "0.00"), Fmt.N(r.Twice, "0.00"), Fmt.Ratio(r.Twice / r.Full),
                        r.Into is { } x ? Fmt.N(x, "0.00") : "–", r.Into is { } y ? Fmt.Ratio(y / r.Full) : "–" }).ToList()).Line();
            // "; median of 3 rounds, 1.90–2.10 s" after a figure; nothing for one round.
            static string Spread(double[] xs, string unit) =>
                xs.Length == 1 ? "" : $"; median of {xs.Length} rounds, {Fmt.N(xs.Min(), "0.00")}{unit}–{Fmt.N(xs.Max(), "0.00")}{unit}";
            var fulls = perRound.Select(r => r.Full).ToArray();
            var fullSeconds = Stats.Median(fulls);
            var rate = rows / fullSeconds;
            targets.Add([$"{engine.Name}: ≥ 20,000 rows/s end to end ({Fmt.Int(rows)} rows)", $"{Fmt.Int((long)rate)} rows/s ({fullSeconds:0.00} s{Spread(fulls, " s")})", Fmt.Verdict(rate >= 20_000)]);
            var lins = perRound.Select(r => r.Twice / r.Full).ToArray();
            var lin = Stats.Median(lins);
            targets.Add([$"{engine.Name}: twice the rows ≤ 2.3× the time", $"{Fmt.Ratio(lin)}{Spread(lins, "×")}", Fmt.Verdict(lin <= 2.3)]);
            if (preloadedSeconds is not null)
            {
                var intos = perRound.Select(r => r.Into!.Value / r.Full).ToArray();
                var slower = Stats.Median(intos);
                targets.Add([$"{engine.Name}: into a database holding {held} facilities ≤ 2× slower", $"{Fmt.Ratio(slower)}{Spread(intos, "×")}", Fmt.Verdict(slower <= 2)]);
            }
        }
        report.Table(["target", "measured", "verdict"], targets);
        report.Publish(o);
        return 0;
    }

    /// <summary>Waits until the JIT (the tiering thread included) has compiled nothing for half a second, at most 15 s.</summary>
    static async Task JitSettledAsync()
    {
        var last = System.Runtime.JitInfo.GetCompiledMethodCount();
        var waited = Stopwatch.StartNew();
        for (var quiet = 0; quiet < 2 && waited.Elapsed < TimeSpan.FromSeconds(15); )
        {
            await Task.Delay(250);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
    }

    /// <summary>
    /// The list through `SupplyChain.Server.dll import` into a fresh copy: process start to exit (runtime start, JIT from
    /// cold, migration check, catalog load, import), as a researcher's CLI import runs.
    /// </summary>
    static async Task<(double Seconds, long Claims, string Detail)> CliImportAsync(IEngine engine, string manifest)
    {
        var f = await engine.FreshAsync("cli");
        var (code, output, s) = await ProductCli.RunAsync(["import", manifest, .. engine.CliArgs("cli")], new Dictionary<string, string> { ["Seed__Enabled"] = "false" }, limit: TimeSpan.FromHours(2));
        if (code != 0) throw new InvalidOperationException($"CLI import failed ({code}): {output}");
        // The CLI's own line: "N rows in S s (R rows/s)." — the import alone, inside the process.
        var inside = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Contains(" rows in ", StringComparison.Ordinal)) ?? "";
        Console.Error.WriteLine($"  CLI: {s:0.00} s (process start to exit); {inside}");
        await using var db = f.Create();
        return (s, await db.Claims.LongCountAsync(), $"{s:0.00} s start to exit; it reports {inside.TrimEnd('.')}");
    }

    /// <summary>The process's peak resident set (VmHWM in /proc/self/status), MiB; 0 where there is no /proc.</summary>
    static double PeakRssMiB()
    {
        if (!File.Exists("/proc/self/status")) return 0;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    public sealed class SqliteEngine(string dir) : IEngine
    {
        string Base => Path.Combine(dir, "seeded.db");
        string Work(string name) => Path.Combine(dir, $"work-{name}.db");
        public string Name => "SQLite";

        public async Task PrepareAsync()
        {
            if (File.Exists(Base) && File.Exists(Base + ".ok")) return;
            Generator.DeleteDb(Base);
            var f = Generator.Factory(Base);
            await f.MigrateAsync();
            var r = await new ImportRunner(f).ImportAsync(Repo.Seed, new ImportOptions { Actor = "bench-seed" });
            if (!r.Succeeded) throw new InvalidOperationException(r.Summary());
            await using (var db = f.Create()) await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            SqliteConnection.ClearAllPools();
            File.WriteAllText(Base + ".ok", "");
        }

        public Task<SupplyChainDbFactory> FreshAsync(string name) => Task.FromResult(CopyFile(Base, name));

        public async Task<SupplyChainDbFactory> CopyAsync(string name, string from)
        {
            // Everything of `from` in its main file (no WAL beside it), then a plain file copy.
            await using (var db = Generator.Factory(Work(from)).Create()) await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            return CopyFile(Work(from), name);
        }

        SupplyChainDbFactory CopyFile(string source, string name)
        {
            SqliteConnection.ClearAllPools();
            Generator.DeleteDb(Work(name));
            File.Copy(source, Work(name));
            return Generator.Factory(Work(name));
        }

        public Task<string> SizeAsync(string name)
        {
            var bytes = new[] { "", "-wal" }.Select(s => Work(name) + s).Where(File.Exists).Sum(p => new FileInfo(p).Length);
            return Task.FromResult($"{bytes / 1024.0 / 1024.0:0.0} MiB (file + WAL)");
        }

        public string[] CliArgs(string name) => ["--Database:Provider=Sqlite", $"--ConnectionStrings:SupplyChain=Data Source={Work(name)}"];

        public ValueTask DisposeAsync() { SqliteConnection.ClearAllPools(); return ValueTask.CompletedTask; }
    }

    /// <summary>A throwaway PostgreSQL 15 cluster under /tmp; copies are CREATE DATABASE … TEMPLATE.</summary>
    public sealed class PgEngine : IEngine
    {
        public static string Bin(string tool) => $"/usr/lib/postgresql/15/bin/{tool}";
        readonly string dir = Path.Combine("/tmp", $"sc-pg-scale-{Environment.ProcessId}");
        readonly int port = Net.FreePort();
        public string Cs(string db) => $"Host={dir};Port={port};Username=postgres;Database={db};Timeout=30;Command Timeout=0";
        public string Name => "PostgreSQL 15";

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

        public async Task Sql(string db, string sql)
        {
            await using var c = new NpgsqlConnection(Cs(db) + ";Pooling=false");
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand(sql, c);
            await cmd.ExecuteNonQueryAsync();
        }

        public SupplyChainDbFactory Factory(string db) => new(new DatabaseOptions(DatabaseProvider.Postgres, Cs(db)));

        public string[] CliArgs(string name) => ["--Database:Provider=Postgres", $"--ConnectionStrings:SupplyChain={Cs(name)}"];

        public async Task PrepareAsync()
        {
            Directory.CreateDirectory(dir);
            await Run("chown", "postgres:postgres", dir);
            await Run("runuser", "-u", "postgres", "--", Bin("initdb"), "-D", dir, "-A", "trust", "--no-sync");
            await Run("runuser", "-u", "postgres", "--", Bin("pg_ctl"), "-D", dir, "-o", $"-k {dir} -p {port} -c shared_buffers=256MB -c fsync=off -c max_wal_size=4GB",
                "-l", Path.Combine(dir, "server.log"), "-w", "start");
            await Sql("postgres", "CREATE DATABASE scbase");
            var factory = Factory("scbase");
            await factory.MigrateAsync();
            var r = await new ImportRunner(factory).ImportAsync(Repo.Seed, new ImportOptions { Actor = "bench-seed" });
            if (!r.Succeeded) throw new InvalidOperationException(r.Summary());
            NpgsqlConnection.ClearAllPools();
        }

        public Task<SupplyChainDbFactory> FreshAsync(string name) => CopyAsync(name, "scbase");

        public async Task<SupplyChainDbFactory> CopyAsync(string name, string from)
        {
            NpgsqlConnection.ClearAllPools();
            await Sql("postgres", $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            await Sql("postgres", $"CREATE DATABASE {name} TEMPLATE {from}");
            return Factory(name);
        }

        public async Task<string> SizeAsync(string name)
        {
            await using var c = new NpgsqlConnection(Cs(name));
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"SELECT pg_database_size('{name}')", c);
            var bytes = Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            return $"{bytes / 1024.0 / 1024.0:0.0} MiB (pg_database_size)";
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
