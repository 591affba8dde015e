namespace SupplyChain.Search;

/// <summary>
/// Keys → sorted, distinct id lists, stored flat: one dictionary from key to slot, one array of offsets and one of
/// postings (compressed sparse rows), instead of a small array object per key. At 100k brands the index holds about
/// 450,000 such lists, most of one id; as objects they cost a header and a length each, and the GC walks every one.
/// Read-only once built; <see cref="Patched"/> makes a changed copy for an index patch.
/// </summary>
public sealed class PostingMap
{
    readonly KeySlots slots;
    readonly int[] offsets;  // slot s holds postings[offsets[s]..offsets[s + 1]]
    readonly int[] postings;

    public static readonly PostingMap Empty = new(new KeySlots(StringBlock.Empty, []), [0], []);

    PostingMap(KeySlots slots, int[] offsets, int[] postings)
    {
        this.slots = slots; this.offsets = offsets; this.postings = postings;
    }

    /// <summary>Keys in the map (an emptied key is taken out).</summary>
    public int Count => slots.Count;

    /// <summary>Ids posted under all keys together (for tests and sizing).</summary>
    public int TotalPostings => postings.Length;

    /// <summary>The ids under a key, sorted ascending; empty when the key is not held.</summary>
    public ReadOnlySpan<int> this[string key] => slots.TryGetValue(key, out var s) ? postings.AsSpan(offsets[s], offsets[s + 1] - offsets[s]) : [];

    public bool ContainsKey(string key) => slots.ContainsKey(key);

    public bool TryGet(string key, out ReadOnlySpan<int> ids)
    {
        if (!slots.TryGetValue(key, out var s)) { ids = []; return false; }
        ids = postings.AsSpan(offsets[s], offsets[s + 1] - offsets[s]);
        return true;
    }

    /// <summary>How many ids a key holds (0 when not held).</summary>
    public int CountOf(string key) => slots.TryGetValue(key, out var s) ? offsets[s + 1] - offsets[s] : 0;

    /// <summary>Builds the map from lists in any order and with repeats (each list is sorted and made distinct); empty lists and empty keys are left out.</summary>
    public static PostingMap Build(IReadOnlyDictionary<string, List<int>> lists)
    {
        var strings = new StringBlock.Builder();
        var byId = new Dictionary<int, List<int>>(lists.Count);
        foreach (var (k, v) in lists) if (k.Length > 0) byId[strings.Add(k)] = v;
        return Build(strings.Build(), byId);
    }

    /// <summary>As <see cref="Build(IReadOnlyDictionary{string, List{int}})"/>, the keys given by their ids in <paramref name="block"/> (held once each).</summary>
    public static PostingMap Build(StringBlock block, IReadOnlyDictionary<int, List<int>> lists)
    {
        var keys = new List<int>(lists.Count);
        var offsets = new int[lists.Count + 1];
        var total = 0;
        foreach (var (_, v) in lists) total += v.Count;
        var postings = new int[total];
        var at = 0;
        foreach (var (k, v) in lists)
        {
            if (block.Length(k) == 0 || v.Count == 0) continue;
            offsets[keys.Count] = at;
            keys.Add(k);
            at += SortedDistinctInto(v, postings.AsSpan(at));
        }
        Array.Resize(ref postings, at); // repeats dropped
        if (keys.Count + 1 < offsets.Length) Array.Resize(ref offsets, keys.Count + 1);
        offsets[keys.Count] = at;
        return new PostingMap(new KeySlots(block, [.. keys]), offsets, postings);
    }

    static int SortedDistinctInto(List<int> v, Span<int> into)
    {
        var span = into[..v.Count];
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(v).CopyTo(span);
        return SortDistinct(span);
    }

    /// <summary>Sorts the span and moves its distinct values to the front; returns how many there are.</summary>
    static int SortDistinct(Span<int> span)
    {
        span.Sort();
        var w = 0;
        for (var r = 0; r < span.Length; r++)
            if (w == 0 || span[w - 1] != span[r]) span[w++] = span[r];
        return w;
    }

    /// <summary>
    /// A copy with some keys' lists changed: for each key, the ids in Remove taken out and those in Add put in (the
    /// result sorted and distinct; a key left empty is taken out). This map is not changed (readers keep using it).
    /// Cost: one pass over the postings, a copy of the key table.
    /// </summary>
    public PostingMap Patched(IReadOnlyDictionary<string, (List<int> Add, HashSet<int> Remove)> edits)
    {
        if (edits.Count == 0) return this;
        var strings = new StringBlock.Builder(slots.Block);
        foreach (var k in edits.Keys) if (!slots.ContainsKey(k)) strings.Add(k);
        var block = strings.Build();
        return Patched(block, edits, strings.IdOf);
    }

    /// <summary>
    /// As <see cref="Patched(IReadOnlyDictionary{string, ValueTuple{List{int}, HashSet{int}}})"/>, in a block that holds
    /// this map's block as its first strings (ids kept); <paramref name="idOf"/> gives a key not held its id in it.
    /// </summary>
    public PostingMap Patched(StringBlock block, IReadOnlyDictionary<string, (List<int> Add, HashSet<int> Remove)> edits, Func<string, int> idOf)
    {
        if (edits.Count == 0) return block == slots.Block ? this : new PostingMap(slots.In(block), offsets, postings);
        var oldSlotCount = offsets.Length - 1;
        var newKeys = new List<int>(slots.Ids);
        var edited = new Dictionary<int, List<int>>(); // slot → its new list (sorted, distinct; may be empty)
        var slotCount = oldSlotCount;
        foreach (var (k, (add, remove)) in edits)
        {
            if (k.Length == 0) continue;
            var held = slots.TryGetValue(k, out var s);
            var list = new List<int>();
            if (held)
                foreach (var id in postings.AsSpan(offsets[s], offsets[s + 1] - offsets[s])) if (!remove.Contains(id)) list.Add(id);
            list.AddRange(add);
            var w = SortDistinct(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
            list.RemoveRange(w, list.Count - w);
            if (held)
            {
                edited[s] = list;
                if (list.Count == 0) newKeys[s] = -1; // the slot stays, empty, until the next full build
            }
            else if (list.Count > 0)
            {
                newKeys.Add(idOf(k));
                edited[slotCount++] = list;
            }
        }
        var newOffsets = new int[slotCount + 1];
        var total = postings.Length;
        foreach (var (slot, list) in edited) total += list.Count - (slot < oldSlotCount ? offsets[slot + 1] - offsets[slot] : 0);
        var newPostings = new int[total];
        var at = 0;
        for (var s = 0; s < slotCount; s++)
        {
            newOffsets[s] = at;
            if (edited.TryGetValue(s, out var list)) { list.CopyTo(newPostings, at); at += list.Count; }
            else
            {
                var len = offsets[s + 1] - offsets[s];
                Array.Copy(postings, offsets[s], newPostings, at, len);
                at += len;
            }
        }
        newOffsets[slotCount] = at;
        return new PostingMap(new KeySlots(block, [.. newKeys]), newOffsets, newPostings);
    }

    /// <summary>
    /// Key → slot, for keys held once each: the keys' ids in a <see cref="StringBlock"/> in slot order and one int array
    /// probed linearly (open addressing, at most two-thirds full), a key compared as a span of the block. About 10–14
    /// bytes a key beside its characters where a string reference, the string's header and a Dictionary entry took
    /// 50 or more; at 100k brands the three maps hold ≈ 430,000 keys. A slot whose id is −1 was emptied by a patch
    /// and is found by no key. Each table entry also keeps the top bits of its key's hash (as many as the slot number
    /// leaves free of 31): a probe whose bits differ is passed over without reading the key (three dependent reads: slot →
    /// id → characters), which is what most probes of a missing key were.
    /// </summary>
    sealed class KeySlots
    {
        readonly int[] ids;       // slot → key id in the block (−1: emptied)
        readonly int[] table;     // hash position → (hash tag << slotBits) | (slot + 1); 0: free
        readonly int mask;
        readonly int slotBits;    // bits that hold slot + 1; the rest of 31 hold the tag

        public KeySlots(StringBlock block, int[] ids)
        {
            Block = block;
            this.ids = ids;
            var size = 4;
            while (size < ids.Length + ids.Length / 2) size <<= 1;
            table = new int[size];
            mask = size - 1;
            slotBits = SlotBits(ids.Length);
            for (var s = 0; s < ids.Length; s++)
            {
                if (ids[s] < 0) continue;
                var hash = block.Hash(ids[s]);
                var at = hash & mask;
                while (table[at] != 0) at = (at + 1) & mask;
                table[at] = Tag(hash) << slotBits | (s + 1);
                Count++;
            }
        }

        KeySlots(StringBlock block, int[] ids, int[] table, int count)
        {
            Block = block; this.ids = ids; this.table = table; mask = table.Length - 1; Count = count; slotBits = SlotBits(ids.Length);
        }

        /// <summary>Bits for slot numbers 1..count.</summary>
        static int SlotBits(int count) => 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)count);

        /// <summary>The hash's top bits that fit beside the slot number (none when the slots take all 31).</summary>
        int Tag(int hash) => slotBits >= 31 ? 0 : hash >> slotBits;

        /// <summary>The same slots over a block that holds this one's strings under the same ids (a patched index's), sharing the arrays.</summary>
        public KeySlots In(StringBlock block) => new(block, ids, table, Count);

        public StringBlock Block { get; }

        public int Count { get; }

        /// <summary>Every slot's key id in slot order (−1 where emptied).</summary>
        public IReadOnlyList<int> Ids => ids;

        public bool TryGetValue(ReadOnlySpan<char> key, out int slot)
        {
            var hash = StringBlock.Hash(key);
            var tag = Tag(hash);
            var slotMask = (1 << slotBits) - 1; // slotBits ≤ 31
            for (var at = hash & mask; table[at] is var entry and not 0; at = (at + 1) & mask)
                if (entry >> slotBits == tag && Block.Equals(ids[(entry & slotMask) - 1], key)) { slot = (entry & slotMask) - 1; return true; }
            slot = -1;
            return false;
        }

        public bool ContainsKey(ReadOnlySpan<char> key) => TryGetValue(key, out _);
    }
}
