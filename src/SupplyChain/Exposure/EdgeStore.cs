using System.Runtime.InteropServices;
using System.Text;
using SupplyChain.Domain;

namespace SupplyChain.Exposure;

/// <summary>
/// The claims of a <see cref="ClaimGraph"/> as loaded, frozen: one 32-byte row per claim in a single array (no object
/// and no reference per claim, so the GC neither allocates nor walks 160,000 of them at 100k brands) and two adjacency
/// tables, by subject and by object: sorted entity keys, each with its run of rows in load order. A
/// <see cref="ClaimEdge"/> is made when a list is asked for (a page or a status computation reads a few dozen); as
/// objects in dictionaries of arrays the same claims took ≈ 26 MB at 100k brands, as rows and tables ≈ 8 MB.
/// </summary>
sealed class EdgeStore
{
    public static readonly EdgeStore Empty = new([], [], Adjacency.Empty, Adjacency.Empty);

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    struct Row
    {
        public long Id;
        public ulong Subject, Object;
        public int Dates;
        public byte Predicate, Confidence, Status;
    }

    readonly Row[] rows;
    readonly ClaimDates[] dates; // one per distinct set (thousands of claims of one source share one)
    readonly Adjacency bySubject, byObject;

    EdgeStore(Row[] rows, ClaimDates[] dates, Adjacency bySubject, Adjacency byObject)
    {
        this.rows = rows; this.dates = dates; this.bySubject = bySubject; this.byObject = byObject;
    }

    public int Count => rows.Length;

    /// <summary>An entity as one number: its kind in the top byte, its id below (ids are database keys, 0 ≤ id &lt; 2^56).</summary>
    public static ulong Key(EntityRef e)
    {
        if (e.Id < 0 || e.Id >= 1L << 56 || (int)e.Kind is < 0 or > 255)
            throw new NotSupportedException($"{e} cannot be held in the compact claim store (ids are database keys, 0 ≤ id < 2^56).");
        return ((ulong)(byte)e.Kind << 56) | (ulong)e.Id;
    }

    static EntityRef Ref(ulong key) => new((EntityKind)(byte)(key >> 56), (long)(key & ((1UL << 56) - 1)));

    ClaimEdge Edge(int row)
    {
        ref readonly var r = ref rows[row];
        return new ClaimEdge(r.Id, Ref(r.Subject), (Predicate)r.Predicate, Ref(r.Object), (Confidence)r.Confidence, (ClaimStatus)r.Status, dates[r.Dates]);
    }

    /// <summary>The claims whose subject is <paramref name="e"/>, in load order, as new objects (empty when none).</summary>
    public IReadOnlyList<ClaimEdge> From(EntityRef e) => Edges(bySubject, e);

    /// <summary>The claims whose object is <paramref name="e"/>, in load order, as new objects (empty when none).</summary>
    public IReadOnlyList<ClaimEdge> To(EntityRef e) => Edges(byObject, e);

    IReadOnlyList<ClaimEdge> Edges(Adjacency side, EntityRef e)
    {
        if (side.Keys.Length == 0 || e.Id < 0 || e.Id >= 1L << 56) return [];
        var (start, end) = side.RangeOf(Key(e));
        if (start == end) return [];
        var list = new ClaimEdge[end - start];
        for (var i = start; i < end; i++) list[i - start] = Edge(side.Rows[i]);
        return list;
    }

    /// <summary>Whether any claim has <paramref name="e"/> as its subject.</summary>
    public bool HoldsSubject(EntityRef e) => e.Id >= 0 && e.Id < 1L << 56 && bySubject.RangeOf(Key(e)) is var (start, end) && end > start;

    /// <summary>
    /// Where a subject first comes in load order (its first claim's row; −1 when not held): the order a dictionary
    /// filled claim by claim enumerated its subjects in, which ties between equal names are still broken by.
    /// </summary>
    public int FirstRowOf(EntityRef e) =>
        e.Id >= 0 && e.Id < 1L << 56 && bySubject.RangeOf(Key(e)) is var (start, end) && end > start ? bySubject.Rows[start] : -1;

    /// <summary>Every subject held, in the order of its first claim, with its claims (the subjects of one kind, when given).</summary>
    public IEnumerable<(EntityRef Subject, IReadOnlyList<ClaimEdge> Claims)> Subjects(EntityKind? kind = null)
    {
        var order = new List<(int FirstRow, int Key)>();
        for (var k = 0; k < bySubject.Keys.Length; k++)
            if (kind is not { } only || Ref(bySubject.Keys[k]).Kind == only) order.Add((bySubject.Rows[bySubject.Starts[k]], k));
        order.Sort();
        foreach (var (_, k) in order)
        {
            var list = new ClaimEdge[bySubject.Starts[k + 1] - bySubject.Starts[k]];
            for (var i = 0; i < list.Length; i++) list[i] = Edge(bySubject.Rows[bySubject.Starts[k] + i]);
            yield return (Ref(bySubject.Keys[k]), list);
        }
    }

    /// <summary>Builds the store from claims in load order (the order each entity's list keeps).</summary>
    public sealed class Builder
    {
        readonly List<Row> rows = [];
        readonly Dictionary<ClaimDates, int> datesAt = [];
        readonly List<ClaimDates> dates = [];

        public void Add(ClaimEdge c)
        {
            if (!datesAt.TryGetValue(c.Dates, out var d)) { datesAt[c.Dates] = d = dates.Count; dates.Add(c.Dates); }
            rows.Add(new Row
            {
                Id = c.Id, Subject = Key(c.Subject), Object = Key(c.Object), Dates = d,
                Predicate = checked((byte)c.Predicate), Confidence = checked((byte)c.Confidence), Status = checked((byte)c.Status),
            });
        }

        public EdgeStore Build()
        {
            var all = rows.ToArray();
            return new EdgeStore(all, [.. dates], Adjacency.Of(all, r => r.Subject), Adjacency.Of(all, r => r.Object));
        }
    }

    /// <summary>Sorted distinct keys; key k's rows are Rows[Starts[k]..Starts[k + 1]], in load order.</summary>
    sealed class Adjacency(ulong[] keys, int[] starts, int[] rows)
    {
        public static readonly Adjacency Empty = new([], [0], []);
        public ulong[] Keys { get; } = keys;
        public int[] Starts { get; } = starts;
        public int[] Rows { get; } = rows;

        public (int Start, int End) RangeOf(ulong key)
        {
            var k = Array.BinarySearch(Keys, key);
            return k < 0 ? (0, 0) : (Starts[k], Starts[k + 1]);
        }

        public static Adjacency Of(Row[] all, Func<Row, ulong> keyOf)
        {
            // Sorted by key, then by row: each key's rows stay in load order.
            var order = new (ulong Key, int Row)[all.Length];
            for (var i = 0; i < all.Length; i++) order[i] = (keyOf(all[i]), i);
            Array.Sort(order);
            var keys = new List<ulong>();
            var starts = new List<int>();
            var rowsOut = new int[all.Length];
            for (var i = 0; i < order.Length; i++)
            {
                if (i == 0 || order[i].Key != order[i - 1].Key) { keys.Add(order[i].Key); starts.Add(i); }
                rowsOut[i] = order[i].Row;
            }
            starts.Add(order.Length);
            return new Adjacency([.. keys], [.. starts], rowsOut);
        }
    }
}

/// <summary>
/// Entity → text, frozen: sorted entity keys and the texts as one UTF-8 block with offsets, decoded when asked for
/// (a string object per entity costs its header and two bytes a letter; the name keys of 40,000 facilities and
/// companies at 100k brands are ≈ 5 MB as strings in a dictionary, ≈ 1.5 MB here). A text that UTF-8 cannot carry
/// exactly (a lone surrogate) is kept as a string beside the block, so every text reads back as it was given.
/// </summary>
sealed class TextByEntity
{
    public static readonly TextByEntity Empty = new([], [0], [], []);
    static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    readonly ulong[] keys;
    readonly int[] offsets;
    readonly byte[] bytes;
    readonly Dictionary<ulong, string?> odd; // texts UTF-8 cannot hold exactly (and a null, were one given)

    TextByEntity(ulong[] keys, int[] offsets, byte[] bytes, Dictionary<ulong, string?> odd)
    {
        this.keys = keys; this.offsets = offsets; this.bytes = bytes; this.odd = odd;
    }

    public int Count => keys.Length + odd.Count;

    public string? Get(EntityRef e)
    {
        if (e.Id < 0 || e.Id >= 1L << 56) return null;
        var key = EdgeStore.Key(e);
        if (odd.Count > 0 && odd.TryGetValue(key, out var s)) return s;
        var k = Array.BinarySearch(keys, key);
        return k < 0 ? null : Encoding.UTF8.GetString(bytes, offsets[k], offsets[k + 1] - offsets[k]);
    }

    /// <summary>The texts given (a later one for the same entity wins, as in a dictionary).</summary>
    public static TextByEntity Of(IEnumerable<(EntityRef Entity, string? Text)> texts)
    {
        var last = new Dictionary<ulong, string?>();
        foreach (var (e, t) in texts) last[EdgeStore.Key(e)] = t;
        var sorted = last.Keys.Order().ToArray();
        var keys = new List<ulong>(sorted.Length);
        var offsets = new List<int>(sorted.Length + 1);
        var odd = new Dictionary<ulong, string?>();
        var block = new List<byte>();
        foreach (var key in sorted)
        {
            var text = last[key];
            byte[] encoded;
            if (text is null) { odd[key] = null; continue; }
            try { encoded = Strict.GetBytes(text); }
            catch (EncoderFallbackException) { odd[key] = text; continue; }
            keys.Add(key);
            offsets.Add(block.Count);
            block.AddRange(encoded);
        }
        offsets.Add(block.Count);
        return new TextByEntity([.. keys], [.. offsets], [.. block], odd);
    }
}
