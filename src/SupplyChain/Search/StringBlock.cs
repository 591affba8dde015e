using System.Runtime.InteropServices;
using System.Text;

namespace SupplyChain.Search;

/// <summary>
/// The index's lookup strings (keys, compact and core forms, tokens, typo texts) held once each in one byte array with
/// an array of starts, read by int id as spans: a string object costs 22 bytes of header and length and two bytes a
/// character, a reference to it eight more. A string whose characters are all Latin-1 (nearly every key: the fold takes
/// accents off) takes one byte a character; any other (a CJK name) two, as UTF-16. Comparisons are ordinal, as
/// <see cref="string.CompareOrdinal(string, string)"/> on the strings would be. Read-only once built; a patch builds a
/// longer copy (<see cref="Builder(StringBlock)"/>), so ids held stay valid in it.
/// </summary>
public sealed class StringBlock
{
    readonly byte[] data;
    readonly int[] starts; // string i: data[Start(i)..Start(i + 1)]; the top bit of starts[i] set: stored as UTF-16

    public static readonly StringBlock Empty = new([], [0]);

    StringBlock(byte[] data, int[] starts) { this.data = data; this.starts = starts; }

    public int Count => starts.Length - 1;

    int Start(int id) => starts[id] & int.MaxValue;
    bool Wide(int id) => starts[id] < 0;
    ReadOnlySpan<byte> Bytes(int id) => data.AsSpan(Start(id), Start(id + 1) - Start(id));

    /// <summary>Characters in string <paramref name="id"/>.</summary>
    public int Length(int id) => Wide(id) ? (Start(id + 1) - Start(id)) / 2 : Start(id + 1) - Start(id);

    /// <summary>The characters of a string: read in place when stored as UTF-16, else widened into <paramref name="scratch"/> (or a new array when it is too short).</summary>
    public ReadOnlySpan<char> Chars(int id, Span<char> scratch)
    {
        var bytes = Bytes(id);
        if (Wide(id)) return MemoryMarshal.Cast<byte, char>(bytes);
        if (scratch.Length < bytes.Length) scratch = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++) scratch[i] = (char)bytes[i];
        return scratch[..bytes.Length];
    }

    /// <summary>String <paramref name="id"/> as a new string (only for what a caller keeps or shows).</summary>
    public string ToString(int id) => Wide(id) ? new string(MemoryMarshal.Cast<byte, char>(Bytes(id))) : Encoding.Latin1.GetString(Bytes(id));

    /// <summary>Ordinal equality of string <paramref name="id"/> and <paramref name="s"/>.</summary>
    public bool Equals(int id, ReadOnlySpan<char> s)
    {
        var bytes = Bytes(id);
        if (Wide(id)) return MemoryMarshal.Cast<byte, char>(bytes).SequenceEqual(s);
        if (bytes.Length != s.Length) return false;
        for (var i = 0; i < bytes.Length; i++) if (bytes[i] != s[i]) return false;
        return true;
    }

    /// <summary>Ordinal order of string <paramref name="id"/> against <paramref name="s"/>: the sign of <see cref="string.CompareOrdinal(string, string)"/>.</summary>
    public int Compare(int id, ReadOnlySpan<char> s)
    {
        var bytes = Bytes(id);
        if (Wide(id)) return Math.Sign(MemoryMarshal.Cast<byte, char>(bytes).SequenceCompareTo(s));
        var n = Math.Min(bytes.Length, s.Length);
        for (var i = 0; i < n; i++)
            if (bytes[i] != s[i]) return bytes[i] < s[i] ? -1 : 1;
        return bytes.Length.CompareTo(s.Length);
    }

    /// <summary>Ordinal order of two held strings.</summary>
    public int Compare(int a, int b)
    {
        if (!Wide(a) && !Wide(b)) return Math.Sign(Bytes(a).SequenceCompareTo(Bytes(b))); // Latin-1 bytes sort as their characters
        Span<char> scratch = stackalloc char[128];
        return Compare(a, Chars(b, scratch));
    }

    /// <summary>Whether string <paramref name="id"/> starts with <paramref name="prefix"/> (ordinal).</summary>
    public bool StartsWith(int id, ReadOnlySpan<char> prefix)
    {
        var bytes = Bytes(id);
        if (Wide(id)) return MemoryMarshal.Cast<byte, char>(bytes).StartsWith(prefix);
        if (bytes.Length < prefix.Length) return false;
        for (var i = 0; i < prefix.Length; i++) if (bytes[i] != prefix[i]) return false;
        return true;
    }

    /// <summary>The hash a span of the same characters gets from <see cref="Hash(ReadOnlySpan{char})"/>.</summary>
    public int Hash(int id)
    {
        Span<char> scratch = stackalloc char[128];
        return Hash(Chars(id, scratch));
    }

    public static int Hash(ReadOnlySpan<char> s) => string.GetHashCode(s) & int.MaxValue;

    /// <summary>Some held strings as a list of strings, each made when read (for builds that take strings).</summary>
    public IReadOnlyList<string> Strings(IReadOnlyList<int> ids) => new View(this, ids);

    sealed class View(StringBlock block, IReadOnlyList<int> ids) : IReadOnlyList<string>
    {
        public string this[int index] => block.ToString(ids[index]);
        public int Count => ids.Count;
        public IEnumerator<string> GetEnumerator() { for (var i = 0; i < ids.Count; i++) yield return this[i]; }
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// Adds strings and gives their ids; a string added twice gets the id it got the first time (strings of the block
    /// it started from are not looked at: an equal string added again gets a new id, equal in every comparison).
    /// </summary>
    public sealed class Builder
    {
        byte[] data;
        int length;
        readonly List<int> starts;
        readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);

        public Builder() { data = new byte[1024]; starts = []; }

        /// <summary>A builder holding every string of <paramref name="from"/> under the same ids.</summary>
        public Builder(StringBlock from)
        {
            length = from.Start(from.Count);
            data = new byte[Math.Max(1024, length + length / 64)];
            from.data.AsSpan(0, length).CopyTo(data);
            starts = new List<int>(from.starts.Length + 64);
            for (var i = 0; i < from.Count; i++) starts.Add(from.starts[i]);
        }

        public int Count => starts.Count;

        public int Add(string s)
        {
            if (ids.TryGetValue(s, out var held)) return held;
            var wide = false;
            foreach (var c in s) if (c > 0xFF) { wide = true; break; }
            var bytes = wide ? s.Length * 2 : s.Length;
            if (length + bytes > data.Length) Array.Resize(ref data, Math.Max(data.Length * 2, length + bytes));
            if (wide) MemoryMarshal.AsBytes(s.AsSpan()).CopyTo(data.AsSpan(length));
            else for (var i = 0; i < s.Length; i++) data[length + i] = (byte)s[i];
            var id = starts.Count;
            starts.Add(wide ? length | int.MinValue : length);
            length += bytes;
            if (length < 0) throw new InvalidOperationException("string block over 2 GB");
            ids[s] = id;
            return id;
        }

        /// <summary>The id a string was given by <see cref="Add"/> in this builder.</summary>
        public int IdOf(string s) => ids[s];

        public StringBlock Build()
        {
            var s = new int[starts.Count + 1];
            starts.CopyTo(s);
            s[^1] = length;
            return new StringBlock(data.AsSpan(0, length).ToArray(), s);
        }
    }
}
