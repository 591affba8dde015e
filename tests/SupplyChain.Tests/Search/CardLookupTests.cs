using SupplyChain.Exposure;
using SupplyChain.Search;
using Xunit;

namespace SupplyChain.Tests.Search;

/// <summary>Card positions by id and slug answer as the two dictionaries filled in card order that they replaced.</summary>
public sealed class CardLookupTests
{
    static BrandCard Card(long id, string slug) => new(id, $"Brand {id}", slug, null, null, null, BrandStatus.NoEvidence, 0, 0);

    [Fact]
    public void Every_card_is_found_by_id_and_slug_and_nothing_else_is()
    {
        var rnd = new Random(14);
        var cards = Enumerable.Range(0, 20_000).Select(i => Card(rnd.NextInt64(1, long.MaxValue), $"brand-{i}-{rnd.Next()}"))
            .Append(Card(0, "")).Append(Card(long.MaxValue, "ünïcødé-雀巢")).Append(Card(-5, "negative")).ToArray();
        // A key held twice (never in the data, but defined): the last card wins, as in a dictionary filled in card order.
        cards = [.. cards, Card(cards[7].Id, "same-id-again"), Card(123, cards[9].Slug)];
        var byId = new Dictionary<long, int>(); var bySlug = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < cards.Length; i++) { byId[cards[i].Id] = i; bySlug[cards[i].Slug] = i; }
        var lookup = new CardLookup(CardTable.Of(cards));
        foreach (var c in cards)
        {
            Assert.Equal(byId[c.Id], lookup.PositionOf(c.Id));
            Assert.Equal(bySlug[c.Slug], lookup.PositionOfSlug(c.Slug));
        }
        for (var i = 0; i < 5_000; i++)
        {
            var id = rnd.NextInt64();
            Assert.Equal(byId.TryGetValue(id, out var at) ? at : -1, lookup.PositionOf(id));
            var slug = $"brand-{i}-x";
            Assert.Equal(bySlug.TryGetValue(slug, out at) ? at : -1, lookup.PositionOfSlug(slug));
        }
        var none = new CardLookup(CardTable.Empty);
        Assert.Equal(-1, none.PositionOf(1));
        Assert.Equal(-1, none.PositionOfSlug("x"));
    }
}
