// Benchmarks: see README ("Benchmarks") and BENCHMARKS.md.
Console.Error.WriteLine("usage: dotnet run -c Release --project tests/SupplyChain.Benchmarks -- <suite>");
return 2;
