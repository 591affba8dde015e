using SupplyChain.Queries;

namespace SupplyChain.Server.Cli;

/// <summary>
/// `export [--what claims|brands|targets] [--format csv|json] [--out FILE]`: evidence with provenance columns; and for
/// other tools: `--format ftm` (FollowTheMoney JSON lines), `--format csl` (claims' citations as CSL-JSON),
/// `--format changes [--since CURSOR]` (the change feed, JSON lines).
/// </summary>
public static class ExportCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Opt(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
        var what = Opt("--what") ?? "claims";
        var format = Opt("--format") ?? "csv";
        var outPath = Opt("--out");
        if (what is not ("claims" or "brands" or "targets") || format is not ("csv" or "json" or "ftm" or "csl" or "changes")
            || (what == "targets" && format != "csv") || (format == "csl" && what != "claims"))
        {
            Console.Error.WriteLine("usage: export [--what claims|brands|targets] [--format csv|json|ftm|csl|changes] [--since CURSOR] [--out FILE] (targets: csv; csl: claims)");
            return 2;
        }
        await using var services = await CliHost.ServicesAsync(args);
        var factory = services.GetRequiredService<Data.SupplyChainDbFactory>();
        var queries = services.GetRequiredService<EvidenceQueries>();
        await using var stream = outPath is null ? Console.OpenStandardOutput() : File.Create(outPath);
        if (format == "ftm") await FtmExport.WriteAsync(factory, stream, default);
        else if (format == "changes")
        {
            var feed = services.GetRequiredService<ChangeFeed>();
            var cursor = Opt("--since");
            while (true) // every change after the cursor, page by page
            {
                var page = await feed.SinceAsync(cursor, ChangeFeed.MaxPage);
                await ChangeLines.WriteAsync(page, stream, default);
                if (!page.HasNextPage) break;
                cursor = page.EndCursor;
            }
        }
        else if (what == "claims") await Exports.WriteClaimsAsync(queries, new ClaimFilter(), format, stream, default);
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
