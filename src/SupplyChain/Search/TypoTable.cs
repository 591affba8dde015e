namespace SupplyChain.Search;

/// <summary>
/// Finds stored strings within one edit (two on long strings) of a query with a few hash lookups (symmetric deletes,
/// SymSpell). A short string (under <see cref="LongLength"/> letters) is stored as itself and with each letter deleted;
/// a query and its one-letter deletions then meet every string one insertion, deletion, substitution or adjacent swap
/// away. A long string is stored as two halves, each as itself and with each letter deleted: two edits leave at least
/// one half within one edit, and that half sits at the start or end of the query within one letter of its length.
/// So two-edit recall on long names costs as much memory as one-edit recall did, instead of a square of it.
/// Lookups return candidates only; the caller checks the real distance.
/// </summary>
public sealed class TypoTable
{
    public const int LongLength = 8;
    /// <summary>Queries longer than this are not typo-matched: no name is that long, and the work grows with length.</summary>
    public const int MaxQueryLength = 48;

    // 32-bit fingerprints, not 64: half the memory (the table is the index's largest part). A collision only adds a
    // candidate, and every candidate is checked by real edit distance, so answers do not change. Only the low 16 bits
    // of each are stored: the directory slot an entry sits in gives its top bits (at least 16 of them), so the two
    // together are the whole 32-bit fingerprint and a lookup compares exactly what it did with the full one.
    readonly ushort[] lows;    // low 16 bits of the fingerprints, in fingerprint order
    // The stored string each fingerprint came from, three bytes each while every id is below 2^24 (16.7 million
    // strings; four bytes beyond): the table's largest array after the fingerprints, ≈ 1.8 MB less at 100k brands.
    readonly byte[] idBytes;
    readonly int idWidth;
    readonly int[] directory;  // top bits of a fingerprint → first position, so a lookup reads a few neighbours, not a binary search
    readonly int shift;

    TypoTable(uint[] hashes, int[] ids)
    {
        idWidth = ids.Length == 0 || ids.Max() < 1 << 24 ? 3 : 4;
        idBytes = new byte[ids.Length * idWidth];
        for (var i = 0; i < ids.Length; i++)
        {
            var b = i * idWidth;
            idBytes[b] = (byte)ids[i]; idBytes[b + 1] = (byte)(ids[i] >> 8); idBytes[b + 2] = (byte)(ids[i] >> 16);
            if (idWidth == 4) idBytes[b + 3] = (byte)(ids[i] >> 24);
        }
        // Four to eight entries per directory slot (rounding the size down, not up: at 1M brands, 18M entries, the
        // directory is 16 MB, not 32): an eighth to a quarter of the memory of one per entry, still one or two cache
        // lines a lookup; never fewer than 16 bits, so the slot and the stored low 16 bits make up the whole fingerprint.
        var bits = Math.Clamp((int)Math.Floor(Math.Log2(Math.Max(2, hashes.Length))) - 2, 16, 24);
        shift = 32 - bits;
        directory = new int[(1 << bits) + 1];
        var at = 0;
        for (var k = 0; k < directory.Length; k++)
        {
            while (at < hashes.Length && (int)(hashes[at] >> shift) < k) at++;
            directory[k] = at;
        }
        lows = new ushort[hashes.Length];
        for (var i = 0; i < hashes.Length; i++) lows[i] = (ushort)hashes[i];
    }

    /// <summary>The sorted 32-bit fingerprints again (for a patch): each entry's slot gives the top bits, the stored value the rest.</summary>
    uint[] Hashes()
    {
        var h = new uint[lows.Length];
        for (var k = 0; k + 1 < directory.Length; k++)
            for (var i = directory[k]; i < directory[k + 1]; i++) h[i] = ((uint)k << shift) | lows[i];
        return h;
    }

    public int Entries => lows.Length;

    /// <summary>The id of entry <paramref name="i"/>.</summary>
    int IdAt(int i)
    {
        var at = i * idWidth;
        var id = idBytes[at] | idBytes[at + 1] << 8 | idBytes[at + 2] << 16;
        return idWidth == 4 ? id | idBytes[at + 3] << 24 : id;
    }

    /// <summary>Every entry's id, in entry order (for a patch).</summary>
    int[] Ids()
    {
        var ids = new int[lows.Length];
        for (var i = 0; i < ids.Length; i++) ids[i] = IdAt(i);
        return ids;
    }

    /// <summary>Builds the table over strings[i] (ids are positions in the list).</summary>
    public static TypoTable Build(IReadOnlyList<string> strings)
    {
        var (hashes, ids) = Hashed(strings, 0);
        Array.Sort(hashes, ids);
        return new TypoTable(hashes, ids);
    }

    /// <summary>
    /// A new table without the entries of <paramref name="remove"/> and with <paramref name="add"/> (ids from
    /// <paramref name="firstId"/> on): one pass over the sorted arrays instead of hashing every string again.
    /// </summary>
    public TypoTable Patch(IReadOnlySet<int> remove, IReadOnlyList<string> add, int firstId)
    {
        if (remove.Count == 0 && add.Count == 0) return this;
        var (h, id) = Hashed(add, firstId);
        Array.Sort(h, id);
        var hashes = Hashes();
        var ids = Ids();
        var keptH = hashes; var keptId = ids;
        if (remove.Count > 0)
        {
            var n = 0;
            keptH = new uint[hashes.Length]; keptId = new int[ids.Length];
            for (var i = 0; i < hashes.Length; i++)
                if (!remove.Contains(ids[i])) { keptH[n] = hashes[i]; keptId[n++] = ids[i]; }
            Array.Resize(ref keptH, n); Array.Resize(ref keptId, n);
        }
        // The added entries are few: place each by binary search and copy the runs between them whole.
        var outH = new uint[keptH.Length + h.Length];
        var outId = new int[outH.Length];
        int from = 0, w = 0;
        for (var b = 0; b < h.Length; b++)
        {
            var at = Array.BinarySearch(keptH, from, keptH.Length - from, h[b]);
            if (at < 0) at = ~at;
            else while (at < keptH.Length && keptH[at] == h[b]) at++; // after equal hashes, as a merge would
            Array.Copy(keptH, from, outH, w, at - from); Array.Copy(keptId, from, outId, w, at - from);
            w += at - from;
            from = at;
            outH[w] = h[b]; outId[w++] = id[b];
        }
        Array.Copy(keptH, from, outH, w, keptH.Length - from); Array.Copy(keptId, from, outId, w, keptH.Length - from);
        return new TypoTable(outH, outId);
    }

    static (uint[] Hashes, int[] Ids) Hashed(IReadOnlyList<string> strings, int firstId)
    {
        var h = new List<uint>(strings.Count * 9);
        var id = new List<int>(strings.Count * 9);
        var mine = new HashSet<uint>();
        for (var n = 0; n < strings.Count; n++)
        {
            var s = strings[n].AsSpan();
            var i = firstId + n;
            mine.Clear();
            void Put(uint x) { if (mine.Add(x)) { h.Add(x); id.Add(i); } }
            if (s.Length < LongLength)
            {
                Put(Hash(0, s, -1));
                for (var d = 0; d < s.Length; d++) Put(Hash(0, s, d));
            }
            else
            {
                var a = s.Length / 2;
                var left = s[..a]; var right = s[a..];
                Put(Hash(LeftTag(a), left, -1));
                for (var d = 0; d < left.Length; d++) Put(Hash(LeftTag(a), left, d));
                Put(Hash(RightTag(right.Length), right, -1));
                for (var d = 0; d < right.Length; d++) Put(Hash(RightTag(right.Length), right, d));
            }
        }
        return (h.ToArray(), id.ToArray());
    }

    /// <summary>Candidate string ids for a query; each is reported once.</summary>
    public void Candidates(string query, HashSet<int> into, int limit)
    {
        var q = query.AsSpan();
        var n = q.Length;
        if (n == 0 || n > MaxQueryLength) return;
        var asked = new HashSet<uint>();
        void Ask(uint hash)
        {
            if (!asked.Add(hash) || into.Count >= limit) return;
            var k = (int)(hash >> shift);
            var low = (ushort)hash;
            for (var i = directory[k]; i < directory[k + 1]; i++)
                if (lows[i] == low) { into.Add(IdAt(i)); if (into.Count >= limit) return; }
        }
        void AskWithDeletes(ulong tag, ReadOnlySpan<char> s)
        {
            Ask(Hash(tag, s, -1));
            for (var d = 0; d < s.Length; d++) Ask(Hash(tag, s, d));
        }

        if (n < LongLength + 2) AskWithDeletes(0, q); // short stored strings (up to LongLength-1) within one edit or so

        if (n >= LongLength - 2)
        {
            // Stored strings of length m within two edits have m in [n-2, n+2]; their halves are m/2 and m - m/2 long.
            var lefts = new SortedSet<int>(); var rights = new SortedSet<int>();
            for (var m = Math.Max(LongLength, n - 2); m <= n + 2; m++) { lefts.Add(m / 2); rights.Add(m - m / 2); }
            foreach (var a in lefts)
                for (var len = a - 1; len <= a + 1; len++)
                    if (len >= 1 && len <= n) AskWithDeletes(LeftTag(a), q[..len]);
            foreach (var b in rights)
                for (var len = b - 1; len <= b + 1; len++)
                    if (len >= 1 && len <= n) AskWithDeletes(RightTag(b), q[(n - len)..]);
        }
    }

    static ulong LeftTag(int half) => 0x1000UL + (ulong)half;
    static ulong RightTag(int half) => 0x2000UL + (ulong)half;

    /// <summary>FNV-1a of the tag and the text without the character at <paramref name="skip"/> (-1: none), its top 32 bits; no allocation.</summary>
    static uint Hash(ulong tag, ReadOnlySpan<char> s, int skip)
    {
        var h = 14695981039346656037UL; // deterministic across runs, unlike string.GetHashCode
        h ^= tag; h *= 1099511628211UL;
        for (var i = 0; i < s.Length; i++)
        {
            if (i == skip) continue;
            h ^= s[i]; h *= 1099511628211UL;
        }
        // Finalise so the top bits (the directory) are well spread.
        h ^= h >> 33; h *= 0xff51afd7ed558ccdUL; h ^= h >> 33;
        return (uint)(h >> 32);
    }

    /// <summary>Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), cut off above max.</summary>
    public static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        if (b.Length > 256) return max + 1;
        Span<int> prev2 = stackalloc int[b.Length + 1];
        Span<int> prev = stackalloc int[b.Length + 1];
        Span<int> cur = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, prev2[j - 2] + 1);
                cur[j] = v;
                if (v < rowMin) rowMin = v;
            }
            if (rowMin > max) return max + 1;
            var t = prev2; prev2 = prev; prev = cur; cur = t;
        }
        return prev[b.Length];
    }
}
