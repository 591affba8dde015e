namespace SupplyChain.Search;

/// <summary>
/// The index's lookup forms in ordinal order, each with the name it belongs to, as two int arrays: the form's id in the
/// index's <see cref="StringBlock"/> and the name (a string reference and an int took 12 bytes and the string its own
/// object; at 1M brands ≈ 2.9 million forms). Forms are compared as spans of the block.
/// </summary>
sealed class SortedForms
{
    readonly int[] keys;
    readonly int[] names;

    /// <summary>From pairs already in order (<see cref="Compare"/>) and without repeats.</summary>
    public SortedForms(StringBlock block, (int Key, int Name)[] pairs)
    {
        Block = block;
        keys = new int[pairs.Length];
        names = new int[pairs.Length];
        for (var i = 0; i < pairs.Length; i++) (keys[i], names[i]) = pairs[i];
    }

    public StringBlock Block { get; }

    public int Length => keys.Length;

    /// <summary>The id of form <paramref name="i"/> in <see cref="Block"/>.</summary>
    public int Key(int i) => keys[i];

    public int Name(int i) => names[i];

    /// <summary>The pairs again, in order (for a patch).</summary>
    public (int Key, int Name)[] ToArray()
    {
        var pairs = new (int, int)[keys.Length];
        for (var i = 0; i < pairs.Length; i++) pairs[i] = (keys[i], names[i]);
        return pairs;
    }

    /// <summary>Ordinal order of the forms' text, then the name: the order the forms are held in.</summary>
    public static int Compare(StringBlock block, (int Key, int Name) x, (int Key, int Name) y)
    {
        var c = x.Key == y.Key ? 0 : block.Compare(x.Key, y.Key);
        return c != 0 ? c : x.Name.CompareTo(y.Name);
    }

    /// <summary>Sorts pairs into held order and drops repeats (equal text and name, whatever the ids).</summary>
    public static (int Key, int Name)[] Sorted(StringBlock block, (int Key, int Name)[] pairs)
    {
        Array.Sort(pairs, (x, y) => Compare(block, x, y));
        return Distinct(block, pairs);
    }

    /// <summary>Pairs in held order without repeats (equal text and name, whatever the ids).</summary>
    public static (int Key, int Name)[] Distinct(StringBlock block, (int Key, int Name)[] pairs)
    {
        var w = 0;
        for (var r = 0; r < pairs.Length; r++)
            if (w == 0 || Compare(block, pairs[w - 1], pairs[r]) != 0) pairs[w++] = pairs[r];
        Array.Resize(ref pairs, w);
        return pairs;
    }

    /// <summary>The first position whose form is not ordinally below <paramref name="p"/>.</summary>
    public int LowerBound(ReadOnlySpan<char> p)
    {
        int lo = 0, hi = keys.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Block.Compare(keys[mid], p) < 0) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    public bool StartsWith(int i, ReadOnlySpan<char> p) => Block.StartsWith(keys[i], p);
}
