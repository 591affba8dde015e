using SupplyChain.Search;
using Xunit;

namespace SupplyChain.Tests.Search;

/// <summary>The sorted lookup forms held as two arrays read back as the array of pairs they were made from.</summary>
public sealed class SortedFormsTests
{
    [Fact]
    public void Every_pair_reads_back_in_order()
    {
        var rnd = new Random(7);
        var pairs = Enumerable.Range(0, 5_000).Select(i => ($"k{rnd.Next(1000)}", rnd.Next())).Append(("", 0)).Append(("雀巢", int.MaxValue))
            .OrderBy(p => p.Item1, StringComparer.Ordinal).ThenBy(p => p.Item2).ToArray();
        var forms = new SortedForms(pairs);
        Assert.Equal(pairs.Length, forms.Length);
        for (var i = 0; i < pairs.Length; i++) Assert.Equal(pairs[i], forms[i]);
        Assert.Equal(pairs, forms.ToArray());
        Assert.Equal(0, new SortedForms([]).Length);
    }
}
