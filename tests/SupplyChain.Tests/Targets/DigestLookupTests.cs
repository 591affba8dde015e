using SupplyChain.Queries;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Targets;

/// <summary>Pages find a brand's digest through the index's card positions: the very digest a scan by id finds.</summary>
public sealed class DigestLookupTests(SqliteSeededDatabase seeded) : IClassFixture<SqliteSeededDatabase>
{
    [Fact]
    public async Task Every_brand_finds_the_digest_a_scan_by_id_finds()
    {
        var index = await seeded.IndexAsync();
        var all = await new TargetQueries(seeded.Factory).DigestsAsync(index);
        Assert.Equal(index.Cards.Count, all.Count);
        var withEvidence = 0;
        foreach (var card in index.Cards)
        {
            var found = TargetQueries.Find(all, index, card.Id);
            Assert.Equal(all.First(d => d.Card.Id == card.Id), found); // made when read (DigestTable): equal, not the same object
            if (found!.Status != SupplyChain.Exposure.BrandStatus.NoEvidence) withEvidence++;
        }
        Assert.True(withEvidence > 10, $"{withEvidence} brands with evidence");
        Assert.Null(TargetQueries.Find(all, index, -1));
        Assert.Null(TargetQueries.Find(all, index, index.Cards.Max(c => c.Id) + 1));
        // Digests of another index (a list that does not follow this index's cards) find nothing rather than a wrong brand.
        Assert.Null(TargetQueries.Find(all.Skip(1).ToList(), index, index.Cards[0].Id));
    }
}
