using SupplyChain.Search;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Search;

/// <summary>
/// A loaded index's cards of one owner share one owner object, cards of the same sectors whose slug is their own share
/// one text object, and every card reads the owner the snapshot gives and the sectors and slug the database holds (bundled data).
/// </summary>
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

    [Fact]
    public async Task Cards_of_the_same_sectors_share_one_text_and_read_the_database()
    {
        var index = await seeded.IndexAsync();
        await using var db = seeded.Factory.Create();
        var held = db.Brands.Where(b => b.MergedIntoId == null).Select(b => new { b.Id, b.Slug, b.Sectors }).ToDictionary(b => b.Id);
        Assert.All(index.Cards, c => Assert.Equal((held[c.Id].Slug, held[c.Id].Sectors), (c.Slug, c.Sectors)));
        var plain = index.Cards.Where(c => c.Text is { Slug: null }).ToList();
        Assert.Contains(plain.GroupBy(c => c.Sectors), g => g.Count() > 1);
        foreach (var group in plain.GroupBy(c => c.Sectors))
            Assert.All(group, c => Assert.Same(group.First().Text, c.Text));
    }
}
