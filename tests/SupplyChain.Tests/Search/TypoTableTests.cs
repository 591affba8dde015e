using SupplyChain.Search;
using Xunit;

namespace SupplyChain.Tests.Search;

/// <summary>
/// The typo table's promise, checked against brute force: every stored string within one edit of a query (two when the
/// stored string is long) is among its candidates, with 32-bit fingerprints, after a build and after a patch.
/// </summary>
public sealed class TypoTableTests
{
    static readonly char[] Letters = "abcdeinorstu".ToCharArray(); // few letters: many near neighbours

    static string Word(Random rng, int min, int max) => new(Enumerable.Range(0, rng.Next(min, max + 1)).Select(_ => Letters[rng.Next(Letters.Length)]).ToArray());

    static string Edit(Random rng, string s)
    {
        var i = rng.Next(s.Length);
        return rng.Next(4) switch
        {
            0 => s.Remove(i, 1),
            1 => s.Insert(i, Letters[rng.Next(Letters.Length)].ToString()),
            2 => s[..i] + Letters[rng.Next(Letters.Length)] + s[(i + 1)..],
            _ when i + 1 < s.Length => s[..i] + s[i + 1] + s[i] + s[(i + 2)..],
            _ => s,
        };
    }

    static void Promise(TypoTable table, IReadOnlyList<string?> stored, IEnumerable<string> queries)
    {
        var checkedPairs = 0;
        foreach (var q in queries)
        {
            var found = new HashSet<int>();
            table.Candidates(q, found, int.MaxValue);
            for (var i = 0; i < stored.Count; i++)
            {
                if (stored[i] is not { } s) continue;
                var max = s.Length >= TypoTable.LongLength ? 2 : 1;
                if (TypoTable.Distance(q, s, max) > max) continue;
                checkedPairs++;
                Assert.True(found.Contains(i), $"'{s}' is within {max} of '{q}' but not a candidate");
            }
        }
        Assert.True(checkedPairs > 100, $"only {checkedPairs} near pairs were checked");
    }

    [Fact]
    public void Every_string_within_the_promised_distance_is_a_candidate_after_a_build_and_after_a_patch()
    {
        var rng = new Random(32);
        var stored = Enumerable.Range(0, 3000).Select(_ => Word(rng, 3, 16)).ToList();
        var queries = Enumerable.Range(0, 600).Select(_ => stored[rng.Next(stored.Count)]).Select(s => rng.Next(3) switch
        {
            0 => Edit(rng, s),
            1 => Edit(rng, Edit(rng, s)),
            _ => s,
        }).Where(q => q.Length > 0).ToList();
        var table = TypoTable.Build(stored);
        Promise(table, stored.ToArray<string?>(), queries);

        // Patch: some strings out, new ones (near the queries) in; ids go on from the end.
        var removed = Enumerable.Range(0, 300).Select(_ => rng.Next(stored.Count)).ToHashSet();
        var added = queries.Take(200).Select(q => Edit(rng, q)).Where(a => a.Length > 0).ToList();
        var patched = table.Patch(removed, added, stored.Count);
        var after = stored.Select((s, i) => removed.Contains(i) ? null : s).Concat(added).ToList();
        Promise(patched, after, queries);
    }

    [Fact]
    public void Ids_read_back_exactly_in_three_bytes_and_in_four_past_two_to_the_24()
    {
        var rng = new Random(24);
        var stored = Enumerable.Range(0, 500).Select(_ => Word(rng, 3, 12)).ToList();
        var table = TypoTable.Build(stored);
        // Every stored string is its own candidate, under its own id (ids up to 499: three bytes each).
        for (var i = 0; i < stored.Count; i++)
        {
            var found = new HashSet<int>();
            table.Candidates(stored[i], found, int.MaxValue);
            Assert.Contains(i, found);
            Assert.All(found, id => Assert.InRange(id, 0, stored.Count - 1));
        }
        // Strings added past 2^24 (four bytes each), and the old ones still under theirs, 2^24 − 1 and 2^24 included.
        foreach (var first in new[] { (1 << 24) - 1, 1 << 24, int.MaxValue - 10 })
        {
            var added = new[] { "zyxwvut", "qqqq", "abcdeinor" };
            var patched = table.Patch(new HashSet<int> { 3 }, added, first);
            for (var a = 0; a < added.Length; a++)
            {
                var found = new HashSet<int>();
                patched.Candidates(added[a], found, int.MaxValue);
                Assert.Contains(first + a, found);
            }
            for (var i = 0; i < stored.Count; i++)
            {
                var found = new HashSet<int>();
                patched.Candidates(stored[i], found, int.MaxValue);
                if (i == 3) Assert.DoesNotContain(3, found); else Assert.Contains(i, found);
            }
        }
    }
}
