using SupplyChain.Data;
using SupplyChain.Queries;
using SupplyChain.Search;

namespace SupplyChain.Server.Web.Pages;

public sealed record SearchResult(BrandHit Hit, BrandDigest? Digest);

public sealed class SearchModel(BrandSearch search, SupplyChainDbFactory factory) : WebPage
{
    public string? Query { get; private set; }
    public IReadOnlyList<SearchResult> Results { get; private set; } = [];

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        Query = q?.Trim() is { Length: > 0 } t ? (t.Length > BrandIndex.MaxQueryLength ? t[..BrandIndex.MaxQueryLength] : t) : null;
        if (Query is null) return;
        var index = search.Index; // hits and their digests from the same snapshot
        var hits = index.Search(Query, 20);
        if (hits.Count == 0) return;
        var digests = await WebData.DigestsAsync(factory, index, ct);
        Results = hits.Select(h => new SearchResult(h, digests(h.Brand.Id))).ToList();
    }
}
