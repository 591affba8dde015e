using SupplyChain.Search;
using Xunit;

namespace SupplyChain.Tests.Search;

/// <summary>
/// The string block answers as the strings it holds: equality, ordinal order, prefixes, length, the text and the hash a
/// span gets, for generated names in ASCII, Latin-1 and beyond (CJK, Cyrillic, surrogate pairs), held in one byte or two.
/// </summary>
public sealed class StringBlockTests
{
    static readonly string[] Pieces = ["a", "b", "z", "nike", "co", " ", "é", "ü", "ß", "ÿ", "雀", "巢", "ж", "д", "😀", "ﬁ", "\u00ff", "\u0100", "0", "~"];

    /// <summary>Made-up names: ASCII mostly, some Latin-1 letters, some characters beyond it.</summary>
    public static IEnumerable<string> Names(Random rnd, int count)
    {
        for (var i = 0; i < count; i++)
            yield return string.Concat(Enumerable.Range(0, rnd.Next(0, 7)).Select(_ => Pieces[rnd.Next(rnd.Next(3) == 0 ? Pieces.Length : 6)]));
    }

    [Fact]
    public void Every_string_reads_back_and_compares_as_the_string_does()
    {
        var rnd = new Random(14);
        var names = Names(rnd, 2_000).Append("").Append(new string('é', 300)).Append(new string('雀', 200)).ToArray();
        var builder = new StringBlock.Builder();
        var ids = names.Select(builder.Add).ToArray();
        var block = builder.Build();
        Assert.Equal(names.Distinct(StringComparer.Ordinal).Count(), block.Count); // held once each
        Span<char> scratch = stackalloc char[16];
        for (var i = 0; i < names.Length; i++)
        {
            var s = names[i];
            Assert.Equal(s, block.ToString(ids[i]));
            Assert.Equal(s.Length, block.Length(ids[i]));
            Assert.Equal(s, block.Chars(ids[i], scratch).ToString());
            Assert.Equal(StringBlock.Hash(s), block.Hash(ids[i]));
            Assert.Equal(ids[i], builder.IdOf(s));
            var other = names[rnd.Next(names.Length)];
            Assert.Equal(s == other, block.Equals(ids[i], other));
            Assert.Equal(Math.Sign(string.CompareOrdinal(s, other)), block.Compare(ids[i], other));
            Assert.Equal(Math.Sign(string.CompareOrdinal(s, other)), block.Compare(ids[i], builder.IdOf(other)));
            var prefix = other[..rnd.Next(other.Length + 1)];
            Assert.Equal(s.StartsWith(prefix, StringComparison.Ordinal), block.StartsWith(ids[i], prefix));
            Assert.True(block.StartsWith(ids[i], s.AsSpan(0, rnd.Next(s.Length + 1))));
        }
        var order = Enumerable.Range(0, block.Count).ToArray();
        Array.Sort(order, block.Compare);
        Assert.Equal(names.Distinct().Order(StringComparer.Ordinal), order.Select(block.ToString));
    }

    [Fact]
    public void A_block_grown_from_another_keeps_its_ids()
    {
        var first = new StringBlock.Builder();
        var a = first.Add("nestlé"); var b = first.Add("雀巢");
        var old = first.Build();
        var next = new StringBlock.Builder(old);
        var c = next.Add("zara");
        var grown = next.Build();
        Assert.Equal(("nestlé", "雀巢", "zara"), (grown.ToString(a), grown.ToString(b), grown.ToString(c)));
        Assert.Equal(2, old.Count); // the old block is not changed
        Assert.Equal(3, grown.Count);
    }

    [Fact]
    public void A_posting_map_over_the_block_finds_keys_as_a_dictionary_does()
    {
        var rnd = new Random(3);
        var names = Names(rnd, 3_000).ToArray();
        var lists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (!lists.TryGetValue(names[i], out var l)) lists[names[i]] = l = [];
            l.Add(i);
        }
        var map = PostingMap.Build(lists);
        foreach (var probe in names.Concat(Names(new Random(4), 3_000)))
        {
            var want = probe.Length > 0 && lists.TryGetValue(probe, out var l) ? l.Distinct().Order().ToArray() : [];
            Assert.Equal(want, map[probe].ToArray());
            Assert.Equal(want.Length > 0, map.ContainsKey(probe));
        }
    }
}
