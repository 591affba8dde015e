namespace SupplyChain.Search;

/// <summary>
/// Where a card stands, by brand id and by slug: two int tables probed linearly over the cards themselves (a slot holds
/// a position + 1, the card's columns give the key to compare), at most half full. At 100k brands ≈ 2 MB where a dictionary for
/// each took ≈ 5 MB (an entry per brand with its key, hash and link). A key held twice answers with its last card, as a
/// dictionary filled in card order did.
/// </summary>
sealed class CardLookup
{
    readonly CardTable cards;
    readonly int[] byId;
    readonly int[] bySlug;
    readonly int mask;

    public CardLookup(CardTable cards)
    {
        this.cards = cards;
        var size = 16;
        while (size < cards.Count * 2) size <<= 1;
        mask = size - 1;
        byId = new int[size];
        bySlug = new int[size];
        for (var i = 0; i < cards.Count; i++)
        {
            var id = cards.Id(i);
            var at = IdHash(id) & mask;
            while (byId[at] != 0 && cards.Id(byId[at] - 1) != id) at = (at + 1) & mask;
            byId[at] = i + 1;
            var slug = cards.Slug(i);
            at = SlugHash(slug) & mask;
            while (bySlug[at] != 0 && !string.Equals(cards.Slug(bySlug[at] - 1), slug, StringComparison.Ordinal)) at = (at + 1) & mask;
            bySlug[at] = i + 1;
        }
    }

    static int IdHash(long id) => (int)(((ulong)id * 0x9E3779B97F4A7C15UL) >> 32);
    static int SlugHash(string slug) => string.GetHashCode(slug.AsSpan());

    /// <summary>The card's position, or −1.</summary>
    public int PositionOf(long id)
    {
        for (var at = IdHash(id) & mask; byId[at] != 0; at = (at + 1) & mask)
            if (cards.Id(byId[at] - 1) == id) return byId[at] - 1;
        return -1;
    }

    /// <summary>The position of the card with this slug, or −1.</summary>
    public int PositionOfSlug(string slug)
    {
        for (var at = SlugHash(slug) & mask; bySlug[at] != 0; at = (at + 1) & mask)
            if (string.Equals(cards.Slug(bySlug[at] - 1), slug, StringComparison.Ordinal)) return bySlug[at] - 1;
        return -1;
    }
}
