using System.Globalization;
using System.Text;
using SupplyChain.Resolution;
using SupplyChain.Search;

namespace SupplyChain.Tests.Search;

/// <summary>A generated query: its class, text, the brand it was made from, and the brands that count as right.</summary>
public sealed record GeneratedQuery(string Class, string Text, string Source, string Expected, IReadOnlySet<string> Accepted);

/// <summary>
/// Makes search queries by rule from every brand name and alias we hold (seeded, deterministic): the slips shoppers make
/// on phones, the variants names are written in, and names we do not hold. Rules, per class:
/// <list type="bullet">
/// <item>one-edit classes (insertion, deletion, substitution by a QWERTY neighbour, adjacent transposition, doubled or
///   un-doubled letter) on Latin names of 4+ letters (compact key), at a seeded position;</item>
/// <item>two edits (two of the above, at different places) on names of 8+ letters;</item>
/// <item>joined (spaces out) on names of 2+ words; split (a space in the middle of a word of 6+ letters);</item>
/// <item>plural/possessive (s or 's on the last word), article (drop a leading "The" or add one), company words (add
///   group/holdings/inc/ag/co/corporation/international, or drop one the name ends with);</item>
/// <item>full-width forms, diacritics on vowels, random case; Han/Kana/Hangul aliases as written and full-width.</item>
/// </list>
/// Ambiguity rule (documented in Search/README.md): a query can legitimately mean another brand. When the query's key
/// (or its letters without spaces) is exactly another brand's name or alias, that brand is right too; for the typo
/// classes, any brand whose name is at least as close to the query (edit distance on compact keys) as the source name
/// is right too. Such queries stay in the count and are reported as "ambiguous"; they are never dropped.
/// </summary>
public static class QueryGenerator
{
    public sealed record Name(string Text, string Slug, bool IsAlias);

    static readonly string[] Rows = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
    static readonly string[] CompanyWordsToAdd = ["group", "holdings", "inc", "ag", "co", "corporation", "international"];
    static readonly Dictionary<char, string> Accents = new() { ['a'] = "áàâäã", ['e'] = "éèêë", ['i'] = "íìîï", ['o'] = "óòôöõ", ['u'] = "úùûü", ['c'] = "ç", ['n'] = "ñ" };

    /// <summary>Well-known brands that are not in the bundled data (checked against the index by the caller), and random words.</summary>
    public static readonly string[] WellKnownAbsent =
    [
        "Shein", "Temu", "Primark", "Lululemon", "Decathlon", "Burberry", "Benetton", "Mango", "Asos", "Boohoo", "Walmart", "Target",
        "Ikea", "Lidl", "Aldi", "Rolex", "Tesla", "Patagonia", "Columbia Sportswear", "Timberland", "Vans", "Reebok", "New Balance",
        "Asics", "Under Armour", "Levi's", "Wrangler", "Lee Jeans", "Diesel", "Armani", "Prada", "Gucci", "Chanel", "Hermes",
        "Louis Vuitton", "Dior", "Versace", "Moncler", "Canada Goose", "Arc'teryx", "Salomon", "Birkenstock", "Crocs", "Skechers",
        "Dr. Martens", "Clarks", "Ecco", "Superdry", "Next", "Topshop", "Forever 21", "Old Navy", "Banana Republic", "J.Crew",
        "Hollister", "American Eagle", "Urban Outfitters", "Anthropologie", "Free People", "Everlane", "Allbirds", "Bonobos",
        "Xiaomi", "Oppo", "Vivo", "OnePlus", "Realme", "Nokia", "Motorola", "Garmin", "Fitbit", "Logitech", "Razer", "Corsair",
        "Nintendo", "Ubisoft", "Netflix", "Spotify", "Uber", "Airbnb", "Costco", "Kroger", "Carrefour", "Tesco", "Sainsbury's",
        "Waitrose", "Ocado", "Zalando", "Otto", "Rakuten", "Shopify", "Etsy", "Wayfair", "Nordstrom", "Macy's", "Kohl's",
    ];

    public static List<GeneratedQuery> Generate(IReadOnlyList<Name> names, IReadOnlySet<string> heldKeys, int seed = 20261202)
    {
        var rng = new Random(seed);
        var qs = new List<GeneratedQuery>();
        // Every brand that holds a key (name or alias, by key and by compact key), for the ambiguity rule.
        var byKey = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var n in names)
        {
            var k = NameNormalizer.Key(n.Text);
            foreach (var x in new[] { k, NameNormalizer.Compact(k) })
            {
                if (x.Length == 0) continue;
                if (!byKey.TryGetValue(x, out var set)) byKey[x] = set = [];
                set.Add(n.Slug);
            }
        }
        var compacts = names.Select(n => (Compact: NameNormalizer.Compact(NameNormalizer.Key(n.Text)), n.Slug)).Where(x => x.Compact.Length > 0).Distinct().ToList();

        var made = new HashSet<(string, string)>();
        void Add(string cls, string text, Name from, bool typo, bool asWritten = false)
        {
            if (text.Length == 0 || (text == from.Text && !asWritten) || !made.Add((cls, text))) return;
            var accepted = new HashSet<string>(StringComparer.Ordinal) { from.Slug };
            var key = NameNormalizer.Key(text);
            foreach (var x in new[] { key, NameNormalizer.Compact(key) })
                if (byKey.TryGetValue(x, out var others)) accepted.UnionWith(others);
            if (typo)
            {
                var q = NameNormalizer.Compact(key);
                var own = TypoTable.Distance(q, NameNormalizer.Compact(NameNormalizer.Key(from.Text)), 3);
                foreach (var (c, slug) in compacts)
                    if (slug != from.Slug && TypoTable.Distance(q, c, own) <= own) accepted.Add(slug);
            }
            qs.Add(new GeneratedQuery(cls, text, from.Text, from.Slug, accepted));
        }

        foreach (var n in names.OrderBy(n => n.Slug, StringComparer.Ordinal).ThenBy(n => n.Text, StringComparer.Ordinal))
        {
            var text = n.Text;
            var lower = text.ToLowerInvariant();
            var latin = text.All(c => c < 0x250);
            var letters = NameNormalizer.Compact(NameNormalizer.Key(text));
            if (!latin)
            {
                Add("script", text, n, false, asWritten: true);
                Add("script-fullwidth", FullWidth(text), n, false);
                continue;
            }
            // Four seeded slips of each kind per name (positions differ; a repeat of the same text counts once).
            for (var round = 0; round < 4; round++)
            {
                if (letters.Length >= 4)
                {
                    Add("insertion", Insert(lower, rng), n, true);
                    Add("deletion", Delete(lower, rng), n, true);
                    Add("substitution", Substitute(lower, rng), n, true);
                    if (Transpose(lower, rng) is { } t) Add("transposition", t, n, true);
                    Add("double-letter", DoubleOrUndouble(lower, rng), n, true);
                }
                if (letters.Length >= 8)
                {
                    // Two edits as optimal string alignment counts them (a swap across a deleted letter is three).
                    var twice = Edit(Edit(lower, rng), rng);
                    var d = TypoTable.Distance(NameNormalizer.Compact(NameNormalizer.Key(twice)), letters, 3);
                    if (d == 2) Add("two-edits", twice, n, true);
                }
            }
            var words = lower.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 2) Add("joined", string.Concat(words), n, false);
            var longWord = words.Select((w, i) => (w, i)).Where(x => x.w.Length >= 6 && x.w.All(char.IsLetter)).ToList();
            if (longWord.Count > 0)
            {
                var (w, i) = longWord[rng.Next(longWord.Count)];
                var cut = 2 + rng.Next(w.Length - 3);
                var split = words.ToArray(); split[i] = w[..cut] + " " + w[cut..];
                Add("split", string.Join(' ', split), n, false);
            }
            if (letters.Length >= 3)
            {
                Add("plural", lower + "s", n, false);
                Add("plural", lower + "'s", n, false);
                Add("article", lower.StartsWith("the ", StringComparison.Ordinal) ? lower[4..] : "the " + lower, n, false);
                var last = words[^1].Trim('.', ',');
                if (BrandIndex.CompanyWords.Contains(last) && words.Length > 1) Add("company-words", string.Join(' ', words[..^1]), n, false);
                foreach (var w in CompanyWordsToAdd.OrderBy(_ => rng.Next()).Take(3)) Add("company-words", lower + " " + w, n, false);
                Add("fullwidth", FullWidth(text), n, false);
                if (Accent(lower, rng) is { } a) Add("diacritics", a, n, false);
                Add("case", RandomCase(text, rng), n, false);
            }
        }

        foreach (var b in WellKnownAbsent)
            if (!heldKeys.Contains(NameNormalizer.Key(b)) && !heldKeys.Contains(NameNormalizer.CompactKey(b)))
                qs.Add(new GeneratedQuery("nomatch-brand", b, b, "", new HashSet<string>()));
        for (var i = 0; i < 150; i++)
        {
            var w = RandomWord(rng);
            // A word that starts a name we hold is typeahead, not a miss: such words are not no-match queries.
            var wk = NameNormalizer.Key(w);
            if (!heldKeys.Any(k => k.StartsWith(wk, StringComparison.Ordinal) || k.StartsWith(NameNormalizer.Compact(wk), StringComparison.Ordinal))) qs.Add(new GeneratedQuery("nomatch-random", w, w, "", new HashSet<string>()));
        }
        return qs;
    }

    static int LetterAt(string s, Random rng)
    {
        var idx = Enumerable.Range(0, s.Length).Where(i => char.IsLetter(s[i])).ToList();
        return idx.Count == 0 ? -1 : idx[rng.Next(idx.Count)];
    }

    static char Neighbour(char c, Random rng)
    {
        foreach (var row in Rows)
        {
            var i = row.IndexOf(char.ToLowerInvariant(c));
            if (i < 0) continue;
            var options = new List<char>();
            if (i > 0) options.Add(row[i - 1]);
            if (i < row.Length - 1) options.Add(row[i + 1]);
            return options[rng.Next(options.Count)];
        }
        return 'e';
    }

    static string Insert(string s, Random rng)
    {
        var i = LetterAt(s, rng);
        if (i < 0) return s;
        // Either the same letter again (a sticky key) or a neighbour of it.
        var c = rng.Next(2) == 0 ? s[i] : Neighbour(s[i], rng);
        return s.Insert(i + rng.Next(2), c.ToString());
    }

    static string Delete(string s, Random rng)
    {
        var i = LetterAt(s, rng);
        return i < 0 ? s : s.Remove(i, 1);
    }

    static string Substitute(string s, Random rng)
    {
        var i = LetterAt(s, rng);
        if (i < 0) return s;
        var c = Neighbour(s[i], rng);
        return c == s[i] ? s : s[..i] + c + s[(i + 1)..];
    }

    static string? Transpose(string s, Random rng)
    {
        var pairs = Enumerable.Range(0, s.Length - 1).Where(i => char.IsLetter(s[i]) && char.IsLetter(s[i + 1]) && s[i] != s[i + 1]).ToList();
        if (pairs.Count == 0) return null;
        var p = pairs[rng.Next(pairs.Count)];
        return s[..p] + s[p + 1] + s[p] + s[(p + 2)..];
    }

    static string DoubleOrUndouble(string s, Random rng)
    {
        var doubles = Enumerable.Range(0, s.Length - 1).Where(i => char.IsLetter(s[i]) && s[i] == s[i + 1]).ToList();
        if (doubles.Count > 0 && rng.Next(2) == 0) return s.Remove(doubles[rng.Next(doubles.Count)], 1); // "hisense" ← "hissense"
        var i = LetterAt(s, rng);
        return i < 0 ? s : s.Insert(i, s[i].ToString());
    }

    static string Edit(string s, Random rng) => rng.Next(4) switch
    {
        0 => Insert(s, rng),
        1 => Delete(s, rng),
        2 => Substitute(s, rng),
        _ => Transpose(s, rng) ?? Substitute(s, rng),
    };

    static string FullWidth(string s) =>
        new(s.Select(c => c is >= '!' and <= '~' ? (char)(c - '!' + '！') : c == ' ' ? '　' : c).ToArray());

    static string? Accent(string s, Random rng)
    {
        var idx = Enumerable.Range(0, s.Length).Where(i => Accents.ContainsKey(s[i])).ToList();
        if (idx.Count == 0) return null;
        var i = idx[rng.Next(idx.Count)];
        var options = Accents[s[i]];
        return s[..i] + options[rng.Next(options.Length)] + s[(i + 1)..];
    }

    static string RandomCase(string s, Random rng) =>
        new(s.Select(c => rng.Next(2) == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)).ToArray());

    static string RandomWord(Random rng)
    {
        const string consonants = "bcdfghjklmnprstvwxz", vowels = "aeiou";
        var sb = new StringBuilder();
        var len = 5 + rng.Next(6);
        for (var i = 0; i < len; i++) sb.Append(i % 2 == 0 ? consonants[rng.Next(consonants.Length)] : vowels[rng.Next(vowels.Length)]);
        var w = sb.ToString();
        return rng.Next(3) == 0 ? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(w) + " " + RandomWordTail(rng) : w;
    }

    static string RandomWordTail(Random rng) => new[] { "Textiles", "Apparel", "Group", "Shoes", "Electronics" }[rng.Next(5)];
}
