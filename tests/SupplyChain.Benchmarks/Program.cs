using SupplyChain.Benchmarks;

// Benchmarks, load and crash tests: see BENCHMARKS.md. `-- help` lists the suites.
var o = new Options(args);
try
{
    return o.Suite switch
    {
        "generate" => await GenerateSuite.RunAsync(o),
        "search" => await SearchSuite.RunAsync(o),
        "index-build" => await IndexBuildSuite.RunAsync(o),
        "import" => await ImportSuite.RunAsync(o),
        "supplier-import" => await SupplierImportSuite.RunAsync(o),
        "exposure" => await ExposureSuite.RunAsync(o),
        "load" => await LoadSuite.RunAsync(o),
        "crash" => await CrashSuite.RunAsync(o),
        "live" => await LiveSuite.RunAsync(o),
        "pipeline" => await PipelineSuite.RunAsync(o),
        "scale-out" => await ScaleOutSuite.RunAsync(o),
        "memory" => await MemorySuite.RunAsync(o),
        "all" => await AllAsync(o),
        _ => Help(),
    };
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    Console.Error.WriteLine($"benchmark failed: {e}");
    return 1;
}

// Every suite in turn on the same generated data; crash on SQLite only unless --engine both|postgres.
static async Task<int> AllAsync(Options o)
{
    var sw = System.Diagnostics.Stopwatch.StartNew();
    var failed = 0;
    foreach (var suite in new[] { "generate", "search", "import", "exposure", "load", "crash" })
    {
        Console.Error.WriteLine($"== {suite} ({sw.Elapsed.TotalMinutes:0.0} min so far)");
        var args = new List<string> { suite };
        args.AddRange(o.Raw.Skip(1));
        if (suite == "generate" && !o.Flag("fresh")) args.Add("--reuse");
        if (suite == "crash" && o.Get("engine") is null) args.AddRange(["--engine", "sqlite"]);
        var sub = new Options(args.ToArray());
        var code = suite switch
        {
            "generate" => await GenerateSuite.RunAsync(sub),
            "search" => await SearchSuite.RunAsync(sub),
            "import" => await ImportSuite.RunAsync(sub),
            "exposure" => await ExposureSuite.RunAsync(sub),
            "load" => await LoadSuite.RunAsync(sub),
            _ => await CrashSuite.RunAsync(sub),
        };
        if (code != 0) failed++;
    }
    Console.Error.WriteLine($"== all done in {sw.Elapsed.TotalMinutes:0.0} min; {failed} suite(s) failed");
    return failed == 0 ? 0 : 1;
}

static int Help()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project tests/SupplyChain.Benchmarks -- <suite> [options]
          generate   [--brands N] [--reuse]         scale the bundled data to N brands in a SQLite file (regenerated unless --reuse)
          search     [--rounds 3] [--requests 4000] [--requests16 16000]
                                                   raw index vs in-process GraphQL vs /api/brands/search vs /graphql, c=1 and c=16
          import     [--rows 100000]               synthetic curated-claims CSV: parse+map rows/s and full import rows/s
          supplier-import [--rows 60000] [--preload 1000000] [--engine sqlite|postgres|both] [--only-full] [--no-cli]
                                                   made-up supplier list (Open Supply Hub layout) into the seeded database after a warm-up import:
                                                   dry run, full, the product's CLI (cold process), again, 2x rows, into a big database
          exposure                                 BrandSearch.LoadAsync (every brand's status) and the brand page p50/p99
          load       [--requests 10000] [--concurrency 50] [--soak-seconds 120]
                                                   burst + soak (server RSS) + adversarial requests, server as its own process
          crash      [--engine sqlite|postgres|both] [--kills 20] [--rows 100000]
                                                   SIGKILL a CLI import at random moments, check integrity and counts
          pipeline   [--imports 20]                commit-to-visible in search, SQLite and PostgreSQL side by side, next to the raw lookup
          live       [--imports 20]                refresh cost (index rebuild) next to the raw lookup; commit-to-visible time of imports by another writer
          scale-out  [--engine postgres] [--concurrency 16]  two server processes on one database: search throughput one vs two, RSS, change-signal poll cost
          memory     [--settle 60] [--versus DLL] [--targets-minutes 10] [--smaps DIR] [--heapdump DIR]  server RSS and GC committed after warm-up, this build (and another build, one after the other)
          all        every suite above in turn (crash on SQLite unless --engine is given); ~15 min at 100k
        Suites other than generate reuse the generated database for N when it exists (see --data-dir).
        common: --brands N (100000), --data-dir DIR (/tmp/supplychain-bench), --no-write (don't touch BENCHMARKS.md)
        """);
    return 2;
}
