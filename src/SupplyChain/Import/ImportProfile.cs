using System.Collections.Concurrent;
using System.Diagnostics;

namespace SupplyChain.Import;

/// <summary>
/// Where an import's time goes, in named sections (Stopwatch ticks), when SUPPLYCHAIN_IMPORT_PROFILE is set: printed to
/// stderr at the end of each manifest. Costs one branch per section otherwise.
/// </summary>
public static class ImportProfile
{
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("SUPPLYCHAIN_IMPORT_PROFILE") is { Length: > 0 };
    static readonly ConcurrentDictionary<string, long> Ticks = new();

    public readonly struct Section(string name, long start) : IDisposable
    {
        public void Dispose()
        {
            if (name is null) return;
            var took = Stopwatch.GetTimestamp() - start;
            Ticks.AddOrUpdate(name, took, (_, t) => t + took);
        }
    }

    public static Section Time(string name) => Enabled ? new Section(name, Stopwatch.GetTimestamp()) : default;

    public static void Print(string what)
    {
        if (!Enabled) return;
        var parts = Ticks.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value * 1000.0 / Stopwatch.Frequency:0} ms");
        Console.Error.WriteLine($"  [import profile] {what}: {string.Join(", ", parts)}; trigram ids counted {Resolution.EntityCatalog.Counted}, scored {Resolution.EntityCatalog.Scored}");
        Resolution.EntityCatalog.Counted = Resolution.EntityCatalog.Scored = 0;
        Ticks.Clear();
    }
}
