using System.Collections;
using SupplyChain.Exposure;
using SupplyChain.Resolution;

namespace SupplyChain.Search;

/// <summary>
/// The index's cards as columns: id, name (an id in one <see cref="StringBlock"/>), status, counts, and the shared owner
/// and text objects by number. A <see cref="BrandCard"/> is made when one is read (a search result, a page), and a loop
/// over every card that needs one value reads its column. At a million brands the cards as objects took 64 MB, their
/// array 8 MB and their names ≈ 56 MB as strings; here ≈ 35 bytes a card and the names' bytes.
/// Owner and text objects are held once per distinct value (equal parts of two cards are one object, as
/// BrandSearch pools them). Read-only; <see cref="Patched"/> makes a changed copy for an index patch.
/// </summary>
public sealed class CardTable : IReadOnlyList<BrandCard>
{
    readonly long[] ids;
    readonly StringBlock names;
    readonly int[] nameAt;        // id of the card's name in names
    readonly CardText?[] texts;   // [0] is null: a card with neither a slug of its own nor sectors
    readonly int[] textAt;
    readonly CardOwner?[] owners; // [0] is null: a card without owner
    readonly int[] ownerAt;
    readonly byte[] statuses;
    readonly int[] claimCounts;
    readonly int[] sourceCounts;
    int[]? nameRanks;             // made at the first sort by name (see NameRank)

    public static readonly CardTable Empty = Of([]);

    CardTable(long[] ids, StringBlock names, int[] nameAt, CardText?[] texts, int[] textAt, CardOwner?[] owners, int[] ownerAt,
        byte[] statuses, int[] claimCounts, int[] sourceCounts)
    {
        this.ids = ids; this.names = names; this.nameAt = nameAt; this.texts = texts; this.textAt = textAt; this.owners = owners;
        this.ownerAt = ownerAt; this.statuses = statuses; this.claimCounts = claimCounts; this.sourceCounts = sourceCounts;
    }

    /// <summary>The cards given, in their order.</summary>
    public static CardTable Of(IReadOnlyList<BrandCard> cards)
    {
        var n = cards.Count;
        var table = new CardTable(new long[n], StringBlock.Empty, new int[n], [], new int[n], [], new int[n], new byte[n], new int[n], new int[n]);
        var block = new StringBlock.Builder();
        var parts = new Parts([], []);
        for (var i = 0; i < n; i++) table.Set(i, cards[i], block, parts);
        return table.With(block.Build(), parts);
    }

    /// <summary>
    /// A copy with the cards at some positions replaced and new cards appended after the last; ids and names held
    /// here keep their places (a replaced card's old name stays in the block, unread, until the next build).
    /// </summary>
    public CardTable Patched(IReadOnlyList<(int At, BrandCard Card)> replaced, IReadOnlyList<BrandCard> added)
    {
        if (replaced.Count == 0 && added.Count == 0) return this;
        var n0 = Count;
        var n = n0 + added.Count;
        T[] Copy<T>(T[] a) { var c = new T[n]; Array.Copy(a, c, n0); return c; }
        var table = new CardTable(Copy(ids), names, Copy(nameAt), texts, Copy(textAt), owners, Copy(ownerAt), Copy(statuses), Copy(claimCounts), Copy(sourceCounts));
        var block = new StringBlock.Builder(names);
        // A part equal to one held takes its number, else it is appended; a replaced card's part equal to the one it had keeps its number.
        var parts = new Parts([.. texts], [.. owners]);
        foreach (var (at, card) in replaced) table.Set(at, card, block, parts, keep: true);
        for (var i = 0; i < added.Count; i++) table.Set(n0 + i, added[i], block, parts);
        return table.With(block.Build(), parts);
    }

    /// <summary>Owner and text objects by number, equal ones once (those held before a patch included).</summary>
    sealed class Parts(List<CardText?> texts, List<CardOwner?> owners)
    {
        public readonly List<CardText?> Texts = texts;
        public readonly List<CardOwner?> Owners = owners;
        Dictionary<CardText, int>? textAt;
        Dictionary<CardOwner, int>? ownerAt;

        public int Text(CardText? t) => t is null ? 0 : Number(t, ref textAt, Texts);
        public int Owner(CardOwner? o) => o is null ? 0 : Number(o, ref ownerAt, Owners);

        static int Number<T>(T part, ref Dictionary<T, int>? at, List<T?> list) where T : class
        {
            if (list.Count == 0) list.Add(null);
            if (at is null)
            {
                // Made at the first part numbered: a patch that brings none does not index the parts held.
                at = new Dictionary<T, int>(list.Count);
                for (var k = 1; k < list.Count; k++) at.TryAdd(list[k]!, k);
            }
            if (at.TryGetValue(part, out var held)) return held;
            at[part] = list.Count;
            list.Add(part);
            return list.Count - 1;
        }
    }

    void Set(int i, BrandCard card, StringBlock.Builder block, Parts parts, bool keep = false)
    {
        ids[i] = card.Id;
        nameAt[i] = keep && names.Equals(nameAt[i], card.Name) ? nameAt[i] : block.Add(card.Name);
        textAt[i] = keep && Equals(texts[textAt[i]], card.Text) ? textAt[i] : parts.Text(card.Text);
        ownerAt[i] = keep && Equals(owners[ownerAt[i]], card.Owner) ? ownerAt[i] : parts.Owner(card.Owner);
        statuses[i] = checked((byte)card.Status);
        claimCounts[i] = card.ClaimCount;
        sourceCounts[i] = card.SourceCount;
    }

    CardTable With(StringBlock block, Parts parts) =>
        new(ids, block, nameAt, parts.Texts.Count == 0 ? [null] : [.. parts.Texts], textAt,
            parts.Owners.Count == 0 ? [null] : [.. parts.Owners], ownerAt, statuses, claimCounts, sourceCounts);

    public int Count => ids.Length;

    /// <summary>The card at a position, made now (equal to the card given, not the same object).</summary>
    public BrandCard this[int index] => new(ids[index], names.ToString(nameAt[index]), texts[textAt[index]], owners[ownerAt[index]],
        (BrandStatus)statuses[index], claimCounts[index], sourceCounts[index]);

    public long Id(int i) => ids[i];
    public BrandStatus Status(int i) => (BrandStatus)statuses[i];
    public int ClaimCount(int i) => claimCounts[i];
    public string? Sectors(int i) => texts[textAt[i]]?.Sectors;
    public long? OwnerCompanyId(int i) => owners[ownerAt[i]]?.Id;
    public string? OwnerName(int i) => owners[ownerAt[i]]?.Name;

    /// <summary>The card's name as a new string.</summary>
    public string Name(int i) => names.ToString(nameAt[i]);

    /// <summary>The card's name read in place or into <paramref name="scratch"/> (see <see cref="StringBlock.Chars"/>).</summary>
    public ReadOnlySpan<char> NameChars(int i, Span<char> scratch) => names.Chars(nameAt[i], scratch);

    public string Slug(int i) => texts[textAt[i]]?.Slug ?? NameNormalizer.Slug(Name(i));

    /// <summary>Whether the card's name is <paramref name="name"/> (ordinal), without making it.</summary>
    public bool NameIs(int i, string name) => names.Equals(nameAt[i], name);

    /// <summary>
    /// <see cref="StringComparer.OrdinalIgnoreCase"/> order of two cards' names, read in place: the sign the comparer
    /// would give on the two strings.
    /// </summary>
    public int CompareNamesIgnoreCase(int a, int b, Span<char> scratchA, Span<char> scratchB) =>
        NameChars(a, scratchA).CompareTo(NameChars(b, scratchB), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The card's place in <see cref="StringComparer.OrdinalIgnoreCase"/> order of the names (names equal in that order
    /// share one place): ordering cards by it orders them by name, an int compared where a name string was made per card
    /// (the target list sorts 600,000 of them at 1M brands). Made at the first call, once per table: 4 bytes a card.
    /// </summary>
    public int NameRank(int i) => (nameRanks ??= NameRanks())[i];

    int[] NameRanks()
    {
        var order = new int[Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var (a, b) = (new char[128], new char[128]);
        Array.Sort(order, (x, y) => CompareNamesIgnoreCase(x, y, a, b));
        var ranks = new int[Count];
        for (var k = 0; k < order.Length; k++)
            ranks[order[k]] = k > 0 && CompareNamesIgnoreCase(order[k - 1], order[k], a, b) == 0 ? ranks[order[k - 1]] : k;
        return ranks;
    }

    public IEnumerator<BrandCard> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
