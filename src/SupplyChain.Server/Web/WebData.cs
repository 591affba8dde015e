using SupplyChain.Data;
using SupplyChain.Queries;
using SupplyChain.Search;

namespace SupplyChain.Server.Web;

/// <summary>What several pages share: the brand digests (cached per search index, so per data version).</summary>
public static class WebData
{
    /// <summary>The digest of a brand by id, through the index (not a table of every digest made per request).</summary>
    public static async Task<Func<long, BrandDigest?>> DigestsAsync(SupplyChainDbFactory factory, BrandIndex index, CancellationToken ct)
    {
        var all = await new TargetQueries(factory).DigestsAsync(index, ct);
        return id => TargetQueries.Find(all, index, id);
    }
}
