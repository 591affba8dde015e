using SupplyChain.Search;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Search;

/// <summary>A loaded index's cards of one owner share one owner object, and read the owner the snapshot gives (bundled data).</summary>
public sealed class CardOwnerSharingTests(SqliteSeededDatabase seeded) : IClassFixture<SqliteSeededDatabase>
{
    [Fact]
    public async Task Cards_of_one_owner_share_its_owner_object()
    {
        var index = await seeded.IndexAsync();
        var snapshot = SupplyChain.Exposure.GraphSnapshot.Of(index);
        foreach (var card in index.Cards)
        {
            var owner = snapshot.OwnersOf(card.Id).FirstOrDefault();
            Assert.Equal((owner?.CompanyId, owner?.Name), (card.OwnerCompanyId, card.OwnerName));
        }
        var owned = index.Cards.Where(c => c.Owner is not null).ToList();
        var shared = owned.GroupBy(c => c.Owner).Where(g => g.Count() > 1).ToList();
        Assert.NotEmpty(shared); // the bundled data has owners of several brands
        foreach (var group in owned.GroupBy(c => c.Owner))
            Assert.All(group, c => Assert.Same(group.First().Owner, c.Owner));
    }
}
