using Microsoft.AspNetCore.Mvc;
using SupplyChain.Queries;

namespace SupplyChain.Server.Web.Pages.Explore;

/// <summary>/explore.csv and /explore.json: every claim the filters match, with provenance columns.</summary>
public sealed class ExploreExportModel(EvidenceQueries queries) : WebPage
{
    public async Task<IActionResult> OnGetAsync(string format, CancellationToken ct)
    {
        if (format is not ("csv" or "json")) return NotFound();
        var filter = ExploreArgs.Parse(Request.Query);
        await Download.SendAsync(Response, format == "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
            $"supplychain-claims-{DateTime.UtcNow:yyyy-MM-dd}.{format}", (stream, token) => Exports.WriteClaimsAsync(queries, filter, format, stream, token), ct);
        return new EmptyResult();
    }
}
