using SupplyChain.Queries;

namespace SupplyChain.Server.Cli;

/// <summary>`export [--what claims|brands|targets] [--format csv|json] [--out FILE]`: evidence with provenance columns.</summary>
static class ExportCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Opt(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
        var what = Opt("--what") ?? "claims";
        var format = Opt("--format") ?? "csv";
        var outPath = Opt("--out");
        if (what is not ("claims" or "brands" or "targets") || format is not ("csv" or "json") || (what == "targets" && format != "csv"))
        {
            Console.Error.WriteLine("usage: export [--what claims|brands|targets] [--format csv|json] [--out FILE] (targets: csv)");
            return 2;
        }
        var factory = await CliHost.DatabaseAsync(CliHost.Configuration(args));
        var queries = new EvidenceQueries(factory);
        await using var stream = outPath is null ? Console.OpenStandardOutput() : File.Create(outPath);
        if (what == "claims") await Exports.WriteClaimsAsync(queries, new ClaimFilter(), format, stream, default);
        else if (what == "targets")
        {
            var index = await Search.BrandSearch.LoadAsync(factory);
            await TargetQueries.WriteCsvAsync(TargetQueries.Filter(await new TargetQueries(factory).DigestsAsync(index), new TargetFilter()), stream, default);
        }
        else await Exports.WriteBrandsAsync(await Search.BrandSearch.LoadAsync(factory), format, stream, default);
        if (outPath is not null) Console.Error.WriteLine($"Wrote {outPath}");
        return 0;
    }
}
