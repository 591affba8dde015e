using SupplyChain.Search;
using Xunit;

namespace SupplyChain.Tests.Search;

/// <summary>The flat posting map answers as the dictionary of sorted distinct arrays it replaced, after a build and after patches.</summary>
public sealed class PostingMapTests
{
    static Dictionary<string, int[]> Reference(Dictionary<string, List<int>> lists) =>
        lists.Where(kv => kv.Key.Length > 0 && kv.Value.Count > 0).ToDictionary(kv => kv.Key, kv => kv.Value.Distinct().Order().ToArray(), StringComparer.Ordinal);

    static void Same(Dictionary<string, int[]> expected, PostingMap map, IEnumerable<string> probe)
    {
        Assert.Equal(expected.Count, map.Count);
        foreach (var k in probe)
        {
            var want = expected.GetValueOrDefault(k) ?? [];
            Assert.Equal(want, map[k].ToArray());
            Assert.Equal(want.Length, map.CountOf(k));
            Assert.Equal(expected.ContainsKey(k), map.ContainsKey(k));
            Assert.Equal(expected.ContainsKey(k), map.TryGet(k, out var ids));
            Assert.Equal(want, ids.ToArray());
        }
    }

    [Fact]
    public void Build_sorts_drops_repeats_and_leaves_out_empty_keys_and_lists()
    {
        var lists = new Dictionary<string, List<int>>(StringComparer.Ordinal)
        {
            ["nike"] = [5, 1, 5, 3], ["adidas"] = [2], ["empty"] = [], [""] = [7], ["puma"] = [9, 9, 9],
        };
        var map = PostingMap.Build(lists);
        Same(Reference(lists), map, ["nike", "adidas", "empty", "", "puma", "absent"]);
        Assert.Equal(new[] { 1, 3, 5 }, map["nike"].ToArray());
        Assert.Equal(5, map.TotalPostings); // 1 3 5, 2, 9
        Assert.Equal(0, PostingMap.Empty.Count);
        Assert.True(PostingMap.Empty["x"].IsEmpty);
    }

    [Fact]
    public void Patches_in_a_row_answer_as_the_dictionary_with_the_same_edits_and_leave_the_original_unchanged()
    {
        var rng = new Random(14);
        var keys = Enumerable.Range(0, 300).Select(i => $"k{i}").ToArray();
        var lists = keys.Take(200).ToDictionary(k => k, _ => Enumerable.Range(0, rng.Next(0, 6)).Select(_ => rng.Next(1000)).ToList(), StringComparer.Ordinal);
        var expected = Reference(lists);
        var map = PostingMap.Build(lists);
        Same(expected, map, keys);

        for (var round = 0; round < 25; round++)
        {
            var before = expected.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
            var previous = map;
            var edits = new Dictionary<string, (List<int> Add, HashSet<int> Remove)>(StringComparer.Ordinal);
            for (var e = 0; e < 20; e++)
            {
                var k = keys[rng.Next(keys.Length)];
                if (!edits.TryGetValue(k, out var edit)) edits[k] = edit = ([], []);
                var held = expected.GetValueOrDefault(k) ?? [];
                // Take out some held ids (sometimes all, emptying the key), put in some new ones (some already held).
                foreach (var id in held) if (rng.Next(3) == 0 || round % 5 == 0) edit.Remove.Add(id);
                for (var a = rng.Next(0, 4); a > 0; a--) edit.Add.Add(rng.Next(1000));
            }
            foreach (var (k, (add, remove)) in edits)
            {
                var list = (expected.GetValueOrDefault(k) ?? []).Where(id => !remove.Contains(id)).Concat(add).Distinct().Order().ToArray();
                if (list.Length == 0) expected.Remove(k); else expected[k] = list;
            }
            map = map.Patched(edits);
            Same(expected, map, keys);
            Same(before, previous, keys); // readers of the old map see the old answers
        }
    }

    [Fact]
    public void A_key_emptied_by_one_patch_can_come_back_in_the_next()
    {
        var map = PostingMap.Build(new Dictionary<string, List<int>>(StringComparer.Ordinal) { ["a"] = [1, 2], ["b"] = [3] });
        map = map.Patched(new Dictionary<string, (List<int>, HashSet<int>)>(StringComparer.Ordinal) { ["a"] = ([], [1, 2]) });
        Assert.False(map.ContainsKey("a"));
        Assert.Equal(1, map.Count);
        map = map.Patched(new Dictionary<string, (List<int>, HashSet<int>)>(StringComparer.Ordinal) { ["a"] = ([4], []), ["c"] = ([0, 0], []) });
        Assert.Equal(new[] { 4 }, map["a"].ToArray());
        Assert.Equal(new[] { 0 }, map["c"].ToArray());
        Assert.Equal(new[] { 3 }, map["b"].ToArray());
        Assert.Equal(3, map.Count);
    }

    [Fact]
    public void A_large_map_finds_every_key_and_no_absent_one_after_builds_and_patches()
    {
        // Enough keys that the table's entries carry few tag bits beside the slot number, and long probe runs: a
        // tag that hid a held key, or a slot read from the wrong bits, answers wrongly here.
        var rng = new Random(1414);
        var keys = Enumerable.Range(0, 150_000).Select(i => $"k{i:x}{(char)('a' + i % 26)}").ToArray();
        var lists = keys.Take(120_000).ToDictionary(k => k, _ => new List<int> { rng.Next(1_000_000) }, StringComparer.Ordinal);
        var expected = Reference(lists);
        var map = PostingMap.Build(lists);
        Same(expected, map, keys);
        var edits = keys.Skip(110_000).Take(20_000).ToDictionary(k => k, k => (Add: new List<int> { 7 }, Remove: expected.TryGetValue(k, out var held) ? held.ToHashSet() : []), StringComparer.Ordinal);
        foreach (var k in edits.Keys) expected[k] = [7];
        map = map.Patched(edits);
        Same(expected, map, keys);
    }
}
