using Microsoft.AspNetCore.Mvc;
using SupplyChain.Data;
using SupplyChain.Queries;
using SupplyChain.Search;

namespace SupplyChain.Server.Web.Pages.Targets;

/// <summary>/targets.csv: the target list with the same query-string filters, formula-looking cells escaped.</summary>
public sealed class TargetsCsvModel(BrandSearch search, SupplyChainDbFactory factory) : WebPage
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var filter = TargetArgs.Parse(Request.Query);
        var rows = TargetQueries.Filter(await new TargetQueries(factory).DigestsAsync(search.Index, ct), filter);
        await Download.SendAsync(Response, "text/csv; charset=utf-8", $"supplychain-targets-{DateTime.UtcNow:yyyy-MM-dd}.csv",
            (stream, token) => TargetQueries.WriteCsvAsync(rows, stream, token, $"{Request.Scheme}://{Request.Host}"), ct);
        return new EmptyResult();
    }
}
