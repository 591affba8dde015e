using SupplyChain.Benchmarks;

// Benchmarks, load and crash tests: see BENCHMARKS.md. `-- help` lists the suites.
var o = new Options(args);
try
{
    return o.Suite switch
    {
        "generate" => await GenerateSuite.RunAsync(o),
        "search" => await SearchSuite.RunAsync(o),
        "import" => await ImportSuite.RunAsync(o),
        _ => Help(),
    };
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    Console.Error.WriteLine($"benchmark failed: {e}");
    return 1;
}

static int Help()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project tests/SupplyChain.Benchmarks -- <suite> [options]
          generate   [--brands N] [--fresh]   scale the bundled data to N brands (default 100000) in a SQLite file
        common: --brands N (100000), --data-dir DIR (/tmp/supplychain-bench), --no-write (don't touch BENCHMARKS.md)
        """);
    return 2;
}
