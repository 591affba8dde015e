using SupplyChain.Search;
using Xunit;

namespace SupplyChain.Tests.Search;

/// <summary>The sorted lookup forms, held as ids in a string block, in the order and with the prefix runs an ordinal sort of the strings gives.</summary>
public sealed class SortedFormsTests
{
    [Fact]
    public void Forms_sort_dedup_and_find_prefixes_as_ordinal_strings_do()
    {
        var rnd = new Random(7);
        var texts = StringBlockTests.Names(rnd, 3_000).Append("").Append("雀巢").Append("nestlé").Append("nestle").ToArray();
        var pairs = Enumerable.Range(0, 8_000).Select(_ => (texts[rnd.Next(texts.Length)], rnd.Next(500))).ToArray();
        var builder = new StringBlock.Builder();
        var ids = pairs.Select(p => (builder.Add(p.Item1), p.Item2)).ToArray();
        var block = builder.Build();
        var forms = new SortedForms(block, SortedForms.Sorted(block, ids));

        var expected = pairs.Distinct().OrderBy(p => p.Item1, StringComparer.Ordinal).ThenBy(p => p.Item2).ToArray();
        Assert.Equal(expected.Length, forms.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], (block.ToString(forms.Key(i)), forms.Name(i)));
        Assert.Equal(forms.ToArray().Select(p => (block.ToString(p.Key), p.Name)), expected);

        var sortedTexts = expected.Select(p => p.Item1).ToArray();
        foreach (var p in texts.Take(400).SelectMany(t => new[] { t, t[..Math.Min(3, t.Length)], t + "z", t.Length > 1 ? t[..^1] : "" }))
        {
            var lo = forms.LowerBound(p);
            Assert.Equal(sortedTexts.Count(t => string.CompareOrdinal(t, p) < 0), lo);
            var run = 0;
            for (var i = lo; i < forms.Length && forms.StartsWith(i, p); i++) run++;
            Assert.Equal(sortedTexts.Count(t => t.StartsWith(p, StringComparison.Ordinal)), run);
        }
        Assert.Equal(0, new SortedForms(block, []).Length);
    }

    [Fact]
    public void Equal_texts_under_two_ids_are_one_form()
    {
        var builder = new StringBlock.Builder();
        var a = builder.Add("zara");
        var block = new StringBlock.Builder(builder.Build());
        var b = block.Add("zara"); // a patch's builder does not look at the strings it started from
        var strings = block.Build();
        Assert.NotEqual(a, b);
        Assert.Equal([(a, 1)], SortedForms.Sorted(strings, [(a, 1), (b, 1)]));
    }
}
