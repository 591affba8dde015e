using System.Globalization;
using System.Text;
using System.Text.Json;
using SupplyChain.Resolution;

namespace SupplyChain.Benchmarks;

/// <summary>
/// Makes brand-like names from the real names bundled in datasets/: the ASPI brand list and the name-suggestion-index
/// displayNames. Words are cut into a head and a tail (Adi|das, Ni|ke) and recombined (Nidas, Adike), joined with real
/// words (Street, Home) and suffixes. Every name is unique by match key. Deterministic for a given seed.
/// </summary>
public sealed class NameForge
{
    readonly Rng rng;
    readonly string[] heads, tails, words, hanChars;
    readonly HashSet<string> usedKeys = new(StringComparer.Ordinal);
    public int RealNames { get; }

    static readonly string[] Suffixes =
    [
        "Sport", "Studio", "Kids", "Home", "Outlet", "Collection", "Apparel", "Wear", "Originals", "Denim", "Active", "Lab", "Basics",
        "Moda", "Shoes", "Electronics", "Mobile", "Motors", "Group", "Beauty", "Living", "Textiles", "Fashion", "Footwear", "Digital",
        "Co.", "Ltd.", "Inc.", "GmbH", "S.A.",
    ];

    NameForge(Rng rng, string[] heads, string[] tails, string[] words, string[] hanChars, int realNames)
    {
        this.rng = rng; this.heads = heads; this.tails = tails; this.words = words; this.hanChars = hanChars; RealNames = realNames;
    }

    public static IReadOnlyList<string> RealBrandNames()
    {
        var names = new List<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(Repo.Datasets, "aspi-uyghurs-for-sale-brands"), "*.txt").Order(StringComparer.Ordinal))
            names.AddRange(File.ReadAllLines(f).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));
        foreach (var f in Directory.GetFiles(Path.Combine(Repo.Datasets, "nsi-brand-aliases", "data", "brands", "shop"), "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(f));
            foreach (var item in doc.RootElement.GetProperty("items").EnumerateArray())
                if (item.TryGetProperty("displayName", out var dn) && dn.GetString() is { Length: > 0 } s) names.Add(s);
        }
        return names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    public static NameForge FromDatasets(Rng rng)
    {
        var real = RealBrandNames();
        var heads = new SortedSet<string>(StringComparer.Ordinal);
        var tails = new SortedSet<string>(StringComparer.Ordinal);
        var words = new SortedSet<string>(StringComparer.Ordinal);
        var han = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in real)
            foreach (var w in name.Split([' ', '-', '/', ',', '.', '(', ')', '&', '\''], StringSplitOptions.RemoveEmptyEntries))
            {
                if (w.Any(c => c >= '\u4e00' && c <= '\u9fff'))
                {
                    foreach (var c in w.Where(c => c >= '\u4e00' && c <= '\u9fff')) han.Add(c.ToString());
                    continue;
                }
                if (!w.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z')) continue;
                if (w.Length >= 3) words.Add(char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant());
                if (w.Length < 4) continue;
                var lower = w.ToLowerInvariant();
                var cut = lower.Length / 2;
                heads.Add(lower[..cut]);
                tails.Add(lower[cut..]);
            }
        return new NameForge(rng, heads.ToArray(), tails.ToArray(), words.ToArray(), han.ToArray(), real.Count);
    }

    public int Heads => heads.Length;
    public int Tails => tails.Length;
    public int Words => words.Length;

    string Morph()
    {
        var w = rng.Pick(heads) + rng.Pick(tails);
        if (rng.Chance(0.15)) w += rng.Pick(tails);
        return char.ToUpperInvariant(w[0]) + w[1..];
    }

    string Candidate(string style)
    {
        var r = rng.NextDouble();
        switch (style)
        {
            case "company":
                return $"{Morph()} {rng.Pick(["Holdings", "Group", "Industries", "Trading", "International", "Brands", "Retail"])} {rng.Pick(["Co., Ltd.", "Inc.", "Ltd.", "AG", "S.A.", "plc"])}";
            case "facility":
                return $"{Morph()} {rng.Pick(["Garment", "Textile", "Shoes", "Electronics", "Knitting", "Apparel", "Components", "Leather"])} {rng.Pick(["Co., Ltd.", "Factory", "Manufacturing Co."])}"
                       + (rng.Chance(0.3) ? $" ({Morph()} plant)" : "");
        }
        if (r < 0.35) return $"{Morph()} {rng.Pick(Suffixes)}";
        if (r < 0.55) return $"{Morph()} {rng.Pick(words)}";
        if (r < 0.70) return $"{rng.Pick(words)} {Morph()}";
        if (r < 0.80) return $"{Morph()} & {Morph()}";
        if (r < 0.90) return Morph();
        if (r < 0.95 && hanChars.Length > 0)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < 2 + rng.Next(3); i++) sb.Append(rng.Pick(hanChars));
            return sb.ToString();
        }
        return $"{Morph()}{rng.Pick(tails)} {rng.Pick(Suffixes)}";
    }

    /// <summary>A name whose match key no earlier name of this forge has.</summary>
    public string Next(string style = "brand")
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var n = Candidate(style);
            if (usedKeys.Add(NameNormalizer.Key(n))) return n;
        }
        for (var k = 2; ; k++)
        {
            var n = $"{Candidate(style)} {k.ToString(CultureInfo.InvariantCulture)}";
            if (usedKeys.Add(NameNormalizer.Key(n))) return n;
        }
    }

    /// <summary>Reserve keys that exist already (the real seed) so synthetic names never equal them.</summary>
    public void Reserve(IEnumerable<string> keys) { foreach (var k in keys) usedKeys.Add(k); }
}
