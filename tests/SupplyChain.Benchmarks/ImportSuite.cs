using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Import;

namespace SupplyChain.Benchmarks;

/// <summary>Rows per second for parse+map only (ImportRunner.ReadAndMap) and for a full import into a fresh SQLite database, same file, same run.</summary>
public static class ImportSuite
{
    public static async Task<int> RunAsync(Options o)
    {
        var rows = o.Int("rows", 100_000);
        var dir = Path.Combine(o.DataDir, "import");
        var manifestPath = SyntheticCsv.Write(dir, rows);
        var manifest = Manifest.Load(manifestPath);
        var file = manifest.ResolveFiles().Single();
        var size = new FileInfo(file).Length / 1024.0 / 1024.0;
        Console.Error.WriteLine($"import: {file} ({size:0.0} MiB)");

        // Parse-only: three runs, the first one cold (JIT).
        var parse = new List<(double Seconds, int Rows, int Errors)>();
        for (var i = 0; i < 3; i++)
        {
            var errors = new List<ImportError>();
            var sw = Stopwatch.StartNew();
            var (drafts, _) = ImportRunner.ReadAndMap(manifest, file, errors);
            parse.Add((sw.Elapsed.TotalSeconds, drafts.Count, errors.Count));
            Console.Error.WriteLine($"  parse+map run {i + 1}: {sw.Elapsed.TotalSeconds:0.00} s, {drafts.Count} rows, {errors.Count} errors");
        }

        // Full import into a fresh, migrated SQLite database (no seed), one transaction.
        var dbPath = Path.Combine(dir, "import-bench.db");
        Generator.DeleteDb(dbPath);
        var factory = Generator.Factory(dbPath);
        await factory.MigrateAsync();
        var total = Stopwatch.StartNew();
        var report = await new ImportRunner(factory).ImportAsync(manifestPath, new ImportOptions { Actor = "benchmark" });
        var importSeconds = total.Elapsed.TotalSeconds;
        if (!report.Succeeded) throw new InvalidOperationException("import failed:\n" + report.Summary());
        int claims, brands, facilities, candidates;
        await using (var db = factory.Create())
        {
            claims = await db.Claims.CountAsync();
            brands = await db.Brands.CountAsync();
            facilities = await db.Facilities.CountAsync();
            candidates = await db.MatchCandidates.CountAsync();
        }
        Console.Error.WriteLine($"  full import: {importSeconds:0.0} s; {claims} claims, {brands} brands, {facilities} facilities, {candidates} match candidates");
        Console.Error.WriteLine(report.Summary().Split('\n').Take(12).Aggregate("", (a, l) => a + "    " + l + "\n"));

        var warm = parse.Skip(1).Min(p => p.Seconds);
        new Report($"import:{rows}", $"Import throughput: {Fmt.Int(rows)} rows")
            .Line($"A made-up file in the curated-claims layout ({Fmt.Int(rows)} rows, {size:0.0} MiB, `SYNTHETIC-benchmark-claims-{rows}.csv` with a SYNTHETIC title line, written to a temp folder with its manifest): " +
                  "60% brand SOURCES_FROM facility, 10% facility RECEIVED_TRANSFERRED_WORKERS programme, 2% LISTED_ON, 10% brand OWNED_BY company, 13% NAMED_IN report, 5% facility OWNED_BY company; 20 row sources. " +
                  "Parse-only is `ImportRunner.ReadAndMap` (CSV read + manifest mapping, no database); full is `ImportRunner.ImportAsync` into a freshly migrated SQLite file (entity resolution, claims, one transaction).")
            .Line()
            .Table(["step", "seconds:", "rows/s:"],
            [
                ["parse+map (first run, cold)", Fmt.N(parse[0].Seconds, "0.00"), Fmt.Int((long)(parse[0].Rows / parse[0].Seconds))],
                ["parse+map (best of 2 warm runs)", Fmt.N(warm, "0.00"), Fmt.Int((long)(parse[0].Rows / warm))],
                ["full import into fresh SQLite", Fmt.N(importSeconds, "0.0"), Fmt.Int((long)(rows / importSeconds))],
            ])
            .Line($"The full import wrote {Fmt.Int(claims)} claims, created {Fmt.Int(brands)} brands and {Fmt.Int(facilities)} facilities, and queued {Fmt.Int(candidates)} match candidates for review " +
                  $"(synthetic names recombine the same morphemes, so near-names are common). Parse errors: {parse[0].Errors}.")
            .Publish(o);
        return 0;
    }
}
