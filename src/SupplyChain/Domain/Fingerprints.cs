using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace SupplyChain.Domain;

/// <summary>The one hash behind every stored identity (claims, responses): 32 hex characters of SHA-256 over the parts.</summary>
public static class Fingerprints
{
    /// <summary>
    /// The parts' text (<c>ToString()</c>, empty for null) joined by U+001F, as UTF-8, hashed; the first 16 bytes in
    /// lower-case hex. Stored fingerprints are compared with new ones (re-imports find their claims again), so the text
    /// must stay exactly this; it is written into buffers rather than joined from strings because an import computes
    /// one per claim.
    /// </summary>
    public static string Of(params ReadOnlySpan<object?> parts)
    {
        var chars = ArrayPool<char>.Shared.Rent(256);
        try
        {
            var n = 0;
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0) Append(ref chars, ref n, "\u001F");
                switch (parts[i])
                {
                    case null: break;
                    case string s: Append(ref chars, ref n, s); break;
                    // Numbers and enums format into the buffer as ToString() gives them (no format, no provider).
                    case ISpanFormattable f:
                        int written;
                        while (!f.TryFormat(chars.AsSpan(n), out written, default, null)) Grow(ref chars, n, chars.Length * 2);
                        n += written;
                        break;
                    case var other: Append(ref chars, ref n, other.ToString() ?? ""); break;
                }
            }
            var text = chars.AsSpan(0, n);
            var size = Encoding.UTF8.GetByteCount(text);
            var rented = size > 1024 ? ArrayPool<byte>.Shared.Rent(size) : null;
            try
            {
                Span<byte> utf8 = rented ?? stackalloc byte[1024];
                var length = Encoding.UTF8.GetBytes(text, utf8);
                Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
                SHA256.HashData(utf8[..length], hash);
                return Convert.ToHexStringLower(hash[..16]);
            }
            finally
            {
                if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    static void Append(ref char[] chars, ref int n, string s)
    {
        if (n + s.Length > chars.Length) Grow(ref chars, n, Math.Max(chars.Length * 2, n + s.Length));
        s.CopyTo(chars.AsSpan(n));
        n += s.Length;
    }

    static void Grow(ref char[] chars, int used, int size)
    {
        var bigger = ArrayPool<char>.Shared.Rent(size);
        chars.AsSpan(0, used).CopyTo(bigger);
        ArrayPool<char>.Shared.Return(chars);
        chars = bigger;
    }
}
