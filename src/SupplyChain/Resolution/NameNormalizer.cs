using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SupplyChain.Resolution;

/// <summary>
/// Turns names as published into comparable keys. Rules: Unicode compatibility folding (full-width forms),
/// lower case, diacritics off, apostrophes dropped ("Carter’s" = "Carters"), "&amp;" read as "and",
/// other punctuation as a space, trailing legal-form words dropped ("Co., Ltd.", "Inc.", "AG", "S.A.", "有限公司").
/// Han and other scripts keep their letters.
/// </summary>
public static partial class NameNormalizer
{
    // Legal-form words, compared after folding. Dropped only at the end of a name, so "Co-op Bank" keeps "co".
    static readonly HashSet<string> LegalForms = new(StringComparer.Ordinal)
    {
        "co", "company", "companies", "corp", "corporation", "inc", "incorporated", "ltd", "limited", "llc", "llp", "lp",
        "plc", "ag", "se", "sa", "s a", "oyj", "asa", "kgaa", "sas", "sarl", "srl", "spa", "gmbh", "kg", "bv", "nv", "oy", "ab", "as", "pte", "pty",
        "kk", "jsc", "pjsc", "tbk", "bhd", "sdn", "sdn bhd", "jv", "cv", "mfg", "mfy", "intl",
    };

    /// <summary>Words that describe a company rather than name it: they never decide a match alone.</summary>
    public static readonly IReadOnlySet<string> CompanyWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "group", "groups", "holding", "holdings", "international", "intl", "inc", "incorporated", "ag", "co", "company",
        "corp", "corporation", "limited", "ltd", "plc", "llc", "gmbh", "sa", "se",
    };

    static readonly string[] HanLegalForms = ["股份有限公司", "有限责任公司", "有限公司", "株式会社", "公司"];

    /// <summary>Folded text: lower case, no diacritics, punctuation as single spaces, &amp; as "and".</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        return System.Text.Ascii.IsValid(text) ? FoldAscii(text) : FoldUnicode(text); // most names are ASCII: the same result without the Unicode passes
    }

    /// <summary>The general fold (any script); <see cref="FoldAscii"/> must agree with it on ASCII text (tested).</summary>
    internal static string FoldUnicode(string text)
    {
        var s = text.Normalize(NormalizationForm.FormKC).Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            var cat = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark) continue;
            if (ch is '\'' or '’' or '‘' or '`' or '´' or 'ʼ' or '＇') continue; // apostrophes join: Carter’s → carters
            if (ch == '&') { sb.Append(" and "); continue; }
            if (char.IsLetterOrDigit(ch)) sb.Append(char.ToLowerInvariant(ch));
            else sb.Append(' ');
        }
        return CollapseSpaces(sb.ToString().Normalize(NormalizationForm.FormC));
    }

    /// <summary><see cref="Fold"/> for ASCII text: normalisation forms leave it as it is, so only the character rules apply.</summary>
    internal static string FoldAscii(string text)
    {
        Span<char> buf = text.Length <= 256 ? stackalloc char[text.Length * 5 + 1] : new char[text.Length * 5 + 1];
        var n = 0;
        var pendingSpace = false;
        void Put(Span<char> b, ref int n, ref bool pending, char c)
        {
            if (c == ' ') { pending = n > 0; return; }
            if (pending) { b[n++] = ' '; pending = false; }
            b[n++] = c;
        }
        foreach (var ch in text)
        {
            if (ch is '\'' or '`') continue; // apostrophes join: Carter's → carters
            if (ch == '&') { Put(buf, ref n, ref pendingSpace, ' '); foreach (var c in "and") Put(buf, ref n, ref pendingSpace, c); Put(buf, ref n, ref pendingSpace, ' '); continue; }
            if (char.IsAsciiLetterOrDigit(ch)) Put(buf, ref n, ref pendingSpace, char.ToLowerInvariant(ch));
            else Put(buf, ref n, ref pendingSpace, ' ');
        }
        return new string(buf[..n]);
    }

    /// <summary>The match key: folded, with parenthesised qualifiers and trailing legal forms removed.</summary>
    public static string Key(string? name)
    {
        // An import asks for the key of one name several times in a row (match, then create and index): the last
        // answer is kept per thread, for that very string object.
        var memo = lastKey;
        if (memo is not null && name is not null && ReferenceEquals(memo.Value.Name, name)) return memo.Value.Key;
        var key = StripLegalForms(Fold(WithoutParentheses(name)));
        if (name is not null) lastKey = (name, key);
        return key;
    }

    [ThreadStatic] static (string Name, string Key)? lastKey;
    /// <summary>What <see cref="ParenRegex"/> needs to match at all.</summary>
    static readonly System.Buffers.SearchValues<char> OpeningBrackets = System.Buffers.SearchValues.Create("(（[");
    [ThreadStatic] static (string Name, string Key)? lastKeyQ;

    /// <summary>Key that keeps what stood in parentheses: "Regina Miracle (Shenzhen) Ltd." → "regina miracle shenzhen".</summary>
    public static string KeyWithQualifiers(string? name)
    {
        var memo = lastKeyQ;
        if (memo is not null && name is not null && ReferenceEquals(memo.Value.Name, name)) return memo.Value.Key;
        // With no opening bracket there is nothing to keep: the key itself (Fold drops the spaces Trim would).
        if (lastKey is { } k && name is not null && ReferenceEquals(k.Name, name) && name.AsSpan().IndexOfAny(OpeningBrackets) < 0) return k.Key;
        var key = StripLegalForms(Fold(name));
        if (name is not null) lastKeyQ = (name, key);
        return key;
    }

    /// <summary>Key without spaces and without "and": "H &amp; M", "H and M", "HM" all give "hm".</summary>
    public static string CompactKey(string? name) => Compact(Key(name));

    public static string Compact(string key)
    {
        Span<char> buf = key.Length <= 256 ? stackalloc char[key.Length] : new char[key.Length];
        return new string(buf[..Compact(key, buf)]);
    }

    /// <summary>
    /// <see cref="Compact(string)"/> written into a buffer at least as long as the key; its length. The words of the
    /// key, "and" left out, joined, by spans: a match only looks it up, so it need not become a string.
    /// </summary>
    public static int Compact(ReadOnlySpan<char> key, Span<char> into)
    {
        var n = 0;
        foreach (var range in key.Split(' '))
        {
            var word = key[range];
            if (word.Length == 0 || word.SequenceEqual("and")) continue;
            word.CopyTo(into[n..]);
            n += word.Length;
        }
        return n;
    }

    /// <summary>The text inside parentheses ("Qingdao Taekwang Shoes Co. (Laixi)" → ["Laixi"]).</summary>
    public static IReadOnlyList<string> Qualifiers(string? name)
    {
        if (string.IsNullOrEmpty(name)) return [];
        return ParenRegex().Matches(name).Select(m => m.Groups[1].Value.Trim()).Where(q => q.Length > 0).ToList();
    }

    public static string WithoutParentheses(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "";
        var stripped = (name.AsSpan().IndexOfAny(OpeningBrackets) < 0 ? name : ParenRegex().Replace(name, " ")).Trim();
        return stripped.Length == 0 ? name : stripped; // a name that is all parentheses keeps its text
    }

    static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> LegalFormBySpan = LegalForms.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The words of a folded name joined by single spaces, less trailing legal forms. By spans: this runs twice for
    /// every name an import meets, and only the answer is allocated (none when it is the text itself).
    /// </summary>
    public static string StripLegalForms(string folded)
    {
        var s = folded;
        foreach (var han in HanLegalForms)
            if (s.EndsWith(han, StringComparison.Ordinal) && s.Length > han.Length) { s = s[..^han.Length].TrimEnd(); break; }
        var text = s.AsSpan();
        Span<Range> words = text.Length <= 512 ? stackalloc Range[text.Length / 2 + 1] : new Range[text.Length / 2 + 1];
        var count = 0;
        foreach (var r in text.Split(' '))
            if (text[r].Length > 0) words[count++] = r;
        while (count > 1)
        {
            if (LegalFormBySpan.Contains(text[words[count - 1]])) { count--; continue; }
            // "S.A." folds to "s a": two one-letter tokens
            if (count > 2 && IsTwoWordLegalForm(text[words[count - 2]], text[words[count - 1]])) { count -= 2; continue; }
            break;
        }
        // "Co" "Ltd" glued as "coltd" ("Co.Ltd") is common in supplier lists
        var cutLast = 0;
        if (count > 1 && text[words[count - 1]] is "coltd" or "coinc") count--;
        else if (count >= 1 && text[words[count - 1]].EndsWith("coltd", StringComparison.Ordinal) && text[words[count - 1]].Length > 5) cutLast = 5;
        if (count == 0) return "";
        var length = -1;
        for (var i = 0; i < count; i++) length += 1 + text[words[i]].Length;
        length -= cutLast;
        // Already single-spaced and nothing dropped: the text itself.
        if (cutLast == 0 && words[0].Start.Value == 0 && length == text.Length) return s;
        Span<char> into = length <= 512 ? stackalloc char[length] : new char[length];
        var n = 0;
        for (var i = 0; i < count; i++)
        {
            if (i > 0) into[n++] = ' ';
            var w = text[words[i]];
            if (i == count - 1) w = w[..^cutLast];
            w.CopyTo(into[n..]);
            n += w.Length;
        }
        return new string(into);
    }

    static bool IsTwoWordLegalForm(ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        Span<char> both = first.Length + second.Length < 64 ? stackalloc char[first.Length + 1 + second.Length] : new char[first.Length + 1 + second.Length];
        first.CopyTo(both);
        both[first.Length] = ' ';
        second.CopyTo(both[(first.Length + 1)..]);
        return LegalFormBySpan.Contains(both);
    }

    /// <summary>URL-safe slug for brand pages: "Victoria’s Secret" → "victorias-secret"; Han names keep their letters.</summary>
    public static string Slug(string name)
    {
        var folded = Fold(name);
        var slug = string.Join('-', folded.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "brand" : slug;
    }

    public static IEnumerable<string> Tokens(string key) => key.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    static string CollapseSpaces(string s) => SpacesRegex().Replace(s, " ").Trim();

    [GeneratedRegex(@"\s+")] private static partial Regex SpacesRegex();
    [GeneratedRegex(@"[\(（\[]([^\)）\]]*)[\)）\]]")] private static partial Regex ParenRegex();
}
