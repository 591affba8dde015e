namespace SupplyChain.Search;

/// <summary>
/// The index's lookup forms in ordinal order, each with the name it belongs to, as two arrays: a (string, int) pair pads
/// to 16 bytes, a reference and an int in two arrays take 12 (at 1M brands ≈ 2.9 million forms: ≈ 12 MB less).
/// Read as pairs, as the array of pairs it replaced was.
/// </summary>
sealed class SortedForms
{
    readonly string[] keys;
    readonly int[] names;

    public SortedForms((string Key, int Name)[] pairs)
    {
        keys = new string[pairs.Length];
        names = new int[pairs.Length];
        for (var i = 0; i < pairs.Length; i++) (keys[i], names[i]) = pairs[i];
    }

    public int Length => keys.Length;

    public (string Key, int Name) this[int i] => (keys[i], names[i]);

    /// <summary>The pairs again, in order (for a patch).</summary>
    public (string Key, int Name)[] ToArray()
    {
        var pairs = new (string, int)[keys.Length];
        for (var i = 0; i < pairs.Length; i++) pairs[i] = (keys[i], names[i]);
        return pairs;
    }
}
