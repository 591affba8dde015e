using Microsoft.AspNetCore.Mvc;
using SupplyChain.Data;
using SupplyChain.Queries;
using SupplyChain.Search;

namespace SupplyChain.Server.Web.Pages.Sources;

public sealed class SourceModel(EvidenceQueries queries, SupplyChainDbFactory factory, BrandSearch search) : WebPage
{
    public const int ClaimsShown = 25;

    public long Id { get; private set; }
    public SourceView? Source { get; private set; }
    public (int Brands, int Facilities, int Claims) Coverage { get; private set; }
    public IReadOnlyList<SourceView> Versions { get; private set; } = [];
    public IReadOnlyList<BrandCard> Brands { get; private set; } = [];
    public Page<ClaimView> Claims { get; private set; } = new([], 0, false, null);
    public IReadOnlyList<ResponseView> Responses { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Id = id;
        Source = await queries.SourceAsync(id, ct);
        if (Source is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Coverage = await queries.CoverageAsync(id, ct);
        Versions = await queries.SourceVersionsAsync(id, ct);
        var index = search.Index;
        Brands = (await SourceStats.BrandIdsAsync(factory, id, ct)).Select(index.ById).OfType<BrandCard>()
            .OrderBy(b => b.Name, StringComparer.OrdinalIgnoreCase).ToList();
        Claims = await queries.ClaimsAsync(new ClaimFilter(SourceId: id), ClaimsShown, null, ct);
        Responses = await queries.ResponsesAsync(null, id, 200, ct);
        return Page();
    }
}
