using SupplyChain.Data;
using SupplyChain.Queries;
using SupplyChain.Search;

namespace SupplyChain.Server.Web;

/// <summary>What several pages share: the brand digests (cached per search index, so per data version).</summary>
public static class WebData
{
    public static async Task<Dictionary<long, BrandDigest>> DigestsAsync(SupplyChainDbFactory factory, BrandIndex index, CancellationToken ct) =>
        (await new TargetQueries(factory).DigestsAsync(index, ct)).ToDictionary(d => d.Card.Id);
}
