using System.Collections;
using SupplyChain.Domain;
using SupplyChain.Exposure;
using SupplyChain.Search;

namespace SupplyChain.Queries;

/// <summary>
/// The digests of an index, one per card in card order, held as columns for as long as the index lives: a profile
/// number, a claim count, status and strength per card (10 bytes), the rare parts only for the cards that have them,
/// the cards themselves read from the index's own list (its CardTable makes each when read). A digest is made when read (48 bytes, gone with the request):
/// held as objects, a million digests and the array of them took 56 MB.
/// </summary>
public sealed class DigestTable : IReadOnlyList<BrandDigest>
{
    readonly IReadOnlyList<BrandCard> cards;
    readonly CardTable? table;     // cards, when they are an index's: a digest read holds its position, not a card
    readonly DigestProfile[] profiles;
    readonly int[] profileAt;
    readonly int[] claimCounts;
    readonly byte[] statuses;
    readonly byte[] strengths;     // Confidence + 1; 0 when none
    readonly int[] rarePositions;  // ascending
    readonly DigestRare[] rares;

    /// <summary>
    /// The digests given, which must be one per card in the order of <paramref name="cards"/> and hold cards equal to
    /// them (the table reads its cards there: a card read is equal to the one given, not the same object).
    /// </summary>
    public DigestTable(IReadOnlyList<BrandCard> cards, IReadOnlyList<BrandDigest> digests)
    {
        if (cards.Count != digests.Count) throw new ArgumentException($"{digests.Count} digests for {cards.Count} cards", nameof(digests));
        this.cards = cards;
        table = cards as CardTable;
        var n = digests.Count;
        profileAt = new int[n]; claimCounts = new int[n]; statuses = new byte[n]; strengths = new byte[n];
        var profileNumbers = new Dictionary<DigestProfile, int>(ReferenceEqualityComparer.Instance);
        var profileList = new List<DigestProfile>();
        var rarePositionList = new List<int>();
        var rareList = new List<DigestRare>();
        for (var i = 0; i < n; i++)
        {
            var d = digests[i];
            if (!d.IsOf(cards, i)) throw new ArgumentException($"digest {i} is not of card {i}", nameof(digests));
            if (!profileNumbers.TryGetValue(d.Profile, out var p)) { profileNumbers[d.Profile] = p = profileList.Count; profileList.Add(d.Profile); }
            profileAt[i] = p;
            claimCounts[i] = d.ClaimCount;
            statuses[i] = checked((byte)d.Status);
            strengths[i] = d.Strength is { } s ? checked((byte)((int)s + 1)) : (byte)0;
            if (d.Rare is { } rare) { rarePositionList.Add(i); rareList.Add(rare); }
        }
        profiles = [.. profileList];
        rarePositions = [.. rarePositionList];
        rares = [.. rareList];
    }

    public int Count => profileAt.Length;

    public BrandDigest this[int index]
    {
        get
        {
            if ((uint)index >= (uint)profileAt.Length) throw new ArgumentOutOfRangeException(nameof(index));
            var r = Array.BinarySearch(rarePositions, index);
            var strength = strengths[index] == 0 ? null : (Confidence?)(strengths[index] - 1);
            var rare = r >= 0 ? rares[r] : null;
            return table is not null
                ? new BrandDigest(table, index, (BrandStatus)statuses[index], strength, profiles[profileAt[index]], rare, claimCounts[index])
                : new BrandDigest(cards[index], (BrandStatus)statuses[index], strength, profiles[profileAt[index]], rare, claimCounts[index]);
        }
    }

    public IEnumerator<BrandDigest> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
