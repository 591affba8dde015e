using SupplyChain.Queries;
using SupplyChain.Search;

namespace SupplyChain.Server.Web.Pages;

public sealed class IndexModel(BrandSearch search, EvidenceQueries queries) : WebPage
{
    public int BrandCount { get; private set; }
    public int SourceCount { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        BrandCount = search.Index.Count;
        SourceCount = await queries.EvidenceSourceCountAsync(ct);
    }
}
