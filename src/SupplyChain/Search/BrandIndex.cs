using SupplyChain.Exposure;
using SupplyChain.Resolution;

namespace SupplyChain.Search;

public enum MatchKind { Exact, Alias, Prefix, Token, Fuzzy }

/// <summary>What a search result shows without touching the database.</summary>
public sealed record BrandCard(long Id, string Name, string Slug, string? Sectors, long? OwnerCompanyId, string? OwnerName,
    BrandStatus Status, int ClaimCount, int SourceCount);

public sealed record BrandHit(BrandCard Brand, double Score, string MatchedName, MatchKind Kind)
{
    /// <summary>A typo-tolerant match: shown labelled, with the name it matched, never as a confident hit.</summary>
    public bool IsWeak => Kind == MatchKind.Fuzzy;
}

/// <summary>
/// The brand lookup, held in memory and rebuilt after imports. Ranks exact name or alias, then prefix, then all
/// query tokens, then typo-tolerant matches. Typos use symmetric deletes (SymSpell): every key and the query each
/// lose up to one character, and shared results are checked by Damerau-Levenshtein distance. That finds one typo
/// in any position (and most two-typo slips) with a hash lookup, where trigram overlap degrades on short names and
/// phonetic codes fail on non-English names. Queries and keys go through the same <see cref="NameNormalizer"/>.
/// </summary>
public sealed class BrandIndex
{
    readonly BrandCard[] cards;
    readonly Dictionary<long, int> byId;
    readonly Dictionary<string, int> bySlug;
    // Every searchable name: the brand's own, its aliases, and its owner's name.
    readonly string[] names;           // display form
    readonly string[] keys;            // NameNormalizer.Key
    readonly int[] nameCard;           // card index
    readonly byte[] nameRole;          // 0 own name, 1 alias, 2 owner
    readonly Dictionary<string, int[]> exact;     // key or compact key → name ids
    readonly (string Key, int Name)[] sortedKeys; // for prefixes (also compact keys)
    readonly Dictionary<string, int[]> shortPrefix; // 1–3 character prefixes → best few name ids, precomputed for typeahead
    readonly Dictionary<string, int[]> tokens;      // token → name ids
    readonly ulong[] deleteHashes;                  // SymSpell deletes, sorted
    readonly int[] deleteNames;

    const int ShortPrefixKeep = 24;

    public int Count => cards.Length;
    public IReadOnlyList<BrandCard> Cards => cards;

    BrandIndex(BrandCard[] cards, List<(int Card, string Name, byte Role)> entries)
    {
        this.cards = cards;
        byId = new Dictionary<long, int>(cards.Length);
        bySlug = new Dictionary<string, int>(cards.Length, StringComparer.Ordinal);
        for (var i = 0; i < cards.Length; i++) { byId[cards[i].Id] = i; bySlug[cards[i].Slug] = i; }

        var n = entries.Count;
        names = new string[n]; keys = new string[n]; nameCard = new int[n]; nameRole = new byte[n];
        var exactLists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var tokenLists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var sorted = new List<(string, int)>(n * 2);
        var deletes = new List<(ulong, int)>(n * 8);
        for (var i = 0; i < n; i++)
        {
            var (card, name, role) = entries[i];
            names[i] = name; nameCard[i] = card; nameRole[i] = role;
            var key = keys[i] = NameNormalizer.Key(name);
            var compact = NameNormalizer.Compact(key);
            Add(exactLists, key, i);
            if (compact != key) Add(exactLists, compact, i);
            sorted.Add((key, i));
            if (compact != key) sorted.Add((compact, i));
            foreach (var t in NameNormalizer.Tokens(key)) Add(tokenLists, t, i);
            if (role != 2 && compact.Length >= 3)
                foreach (var d in Deletes(compact)) deletes.Add((Hash(d), i));
        }
        exact = exactLists.ToDictionary(kv => kv.Key, kv => kv.Value.Distinct().ToArray(), StringComparer.Ordinal);
        tokens = tokenLists.ToDictionary(kv => kv.Key, kv => kv.Value.Distinct().ToArray(), StringComparer.Ordinal);
        sortedKeys = sorted.Distinct().OrderBy(x => x.Item1, StringComparer.Ordinal).ThenBy(x => x.Item2).ToArray();
        deletes.Sort((a, b) => a.Item1 != b.Item1 ? a.Item1.CompareTo(b.Item1) : a.Item2.CompareTo(b.Item2));
        deleteHashes = deletes.Select(d => d.Item1).ToArray();
        deleteNames = deletes.Select(d => d.Item2).ToArray();

        // Typeahead on one to three characters must not scan a large range: keep the best few per prefix.
        var buckets = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var (key, name) in sortedKeys)
            for (var len = 1; len <= 3 && len <= key.Length; len++)
                Add(buckets, key[..len], name);
        shortPrefix = buckets.ToDictionary(kv => kv.Key,
            kv => kv.Value.Distinct().OrderBy(PrefixRank).Take(ShortPrefixKeep).ToArray(), StringComparer.Ordinal);
    }

    static void Add(Dictionary<string, List<int>> map, string key, int value)
    {
        if (key.Length == 0) return;
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }

    public static BrandIndex Build(IReadOnlyList<BrandCard> brands, IEnumerable<(long BrandId, string Alias)> aliases)
    {
        var cards = brands.ToArray();
        var index = new Dictionary<long, int>(cards.Length);
        for (var i = 0; i < cards.Length; i++) index[cards[i].Id] = i;
        var entries = new List<(int, string, byte)>(cards.Length * 2);
        for (var i = 0; i < cards.Length; i++)
        {
            entries.Add((i, cards[i].Name, 0));
            if (cards[i].OwnerName is { } owner) entries.Add((i, owner, 2));
        }
        foreach (var (brandId, alias) in aliases)
            if (index.TryGetValue(brandId, out var i)) entries.Add((i, alias, 1));
        return new BrandIndex(cards, entries);
    }

    public BrandCard? ById(long id) => byId.TryGetValue(id, out var i) ? cards[i] : null;
    public BrandCard? BySlug(string slug) => bySlug.TryGetValue(slug, out var i) ? cards[i] : null;

    /// <summary>Brands whose owner is this company.</summary>
    public IEnumerable<BrandCard> OwnedBy(long companyId) => cards.Where(c => c.OwnerCompanyId == companyId);

    /// <summary>Longer queries are cut to this many characters: fuzzy matching's work grows with the length.</summary>
    public const int MaxQueryLength = 200;

    public IReadOnlyList<BrandHit> Search(string query, int first = 10)
    {
        if (query.Length > MaxQueryLength) query = query[..MaxQueryLength]; // bounds the deletion variants below
        first = Math.Clamp(first, 1, 100);
        var key = NameNormalizer.Key(query);
        if (key.Length == 0) return [];
        var compact = NameNormalizer.Compact(key);
        var best = new Dictionary<int, BrandHit>();

        void Offer(int name, double score, MatchKind kind)
        {
            var card = nameCard[name];
            if (nameRole[name] == 2) { kind = kind == MatchKind.Exact ? MatchKind.Alias : kind; score -= 0.05; } // found through its owner
            else if (nameRole[name] == 1 && kind == MatchKind.Exact) kind = MatchKind.Alias;
            var matched = nameRole[name] == 2 ? $"{names[name]} (owner)" : names[name];
            if (!best.TryGetValue(card, out var old) || old.Score < score)
                best[card] = new BrandHit(cards[card], Math.Round(score, 3), matched, kind);
        }

        // 1. Exact name, alias or owner, by key or by the same letters without spaces ("hm" = "H&M").
        foreach (var k in new[] { key, compact }.Distinct())
            if (exact.TryGetValue(k, out var ids))
                foreach (var id in ids) Offer(id, k == key && keys[id] == key ? 1.0 : 0.97, MatchKind.Exact);

        // 2. Prefix: "vict" → Victoria's Secret.
        if (best.Count < first)
            foreach (var id in PrefixMatches(key, compact, first * 4))
                Offer(id, 0.9 - 0.3 * Math.Min(1, (keys[id].Length - key.Length) / 20.0), MatchKind.Prefix);

        // 3. Every query token is a token of the name: "secret" → Victoria's Secret, "motor saic" → SAIC Motor.
        if (best.Count < first)
        {
            var qTokens = NameNormalizer.Tokens(key).Where(t => t != "and").Distinct().ToList();
            if (qTokens.Count > 0 && qTokens.All(tokens.ContainsKey))
            {
                IEnumerable<int> hit = tokens[qTokens.OrderBy(t => tokens[t].Length).First()];
                foreach (var t in qTokens) { var set = tokens[t]; hit = hit.Where(id => Array.BinarySearch(set, id) >= 0); } // lists are sorted by id
                foreach (var id in hit.Take(first * 4))
                    Offer(id, 0.75 * qTokens.Sum(t => t.Length) / Math.Max(1, NameNormalizer.Compact(keys[id]).Length) + 0.05, MatchKind.Token);
            }
        }

        // 3b. Only some query tokens name a brand ("Inditex Zara"): a weak hit, labelled, never a confident one.
        if (best.Count == 0)
        {
            var qTokens = NameNormalizer.Tokens(key).Where(t => t.Length >= 3 && t != "and" && tokens.ContainsKey(t)).Distinct().ToList();
            var all = NameNormalizer.Tokens(key).Count();
            foreach (var t in qTokens)
                foreach (var id in tokens[t].Take(first * 4))
                    if (NameNormalizer.Tokens(keys[id]).Count() == 1 || keys[id].Length <= t.Length + 4) // the token is (nearly) the whole name
                        Offer(id, 0.4 * t.Length / Math.Max(1, NameNormalizer.Compact(key).Length) * Math.Min(1, 2.0 / all) + 0.1, MatchKind.Fuzzy);
        }

        // 4. Typos: one deletion on each side covers insertions, deletions, substitutions and transpositions.
        if (best.Count < first && compact.Length >= 3)
        {
            var maxDistance = compact.Length <= 4 ? 1 : 2;
            var seen = new HashSet<int>();
            foreach (var d in Deletes(compact).Append(compact))
            {
                var h = Hash(d);
                var at = Array.BinarySearch(deleteHashes, h);
                if (at < 0) continue;
                while (at > 0 && deleteHashes[at - 1] == h) at--;
                for (; at < deleteHashes.Length && deleteHashes[at] == h; at++)
                {
                    var id = deleteNames[at];
                    if (!seen.Add(id)) continue;
                    var target = NameNormalizer.Compact(keys[id]);
                    var dist = Distance(compact, target, maxDistance);
                    if (dist > maxDistance) continue;
                    Offer(id, 0.6 * (1 - (double)dist / Math.Max(compact.Length, target.Length)), MatchKind.Fuzzy);
                }
            }
        }

        return best.Values
            .OrderByDescending(h => h.Score).ThenBy(h => h.Kind).ThenBy(h => (int)h.Brand.Status).ThenByDescending(h => h.Brand.ClaimCount)
            .ThenBy(h => h.Brand.Name, StringComparer.OrdinalIgnoreCase).Take(first).ToList();
    }

    IEnumerable<int> PrefixMatches(string key, string compact, int limit)
    {
        var results = new List<int>();
        foreach (var p in new[] { key, compact }.Distinct())
        {
            if (p.Length <= 3 && shortPrefix.TryGetValue(p, out var top)) { results.AddRange(top); continue; }
            var lo = LowerBound(p);
            for (var i = lo; i < sortedKeys.Length && i - lo < 400 && sortedKeys[i].Key.StartsWith(p, StringComparison.Ordinal); i++)
                results.Add(sortedKeys[i].Name);
        }
        return results.Where(id => keys[id] != key).Distinct().OrderBy(PrefixRank).Take(limit);
    }

    /// <summary>Shorter completions first; among equals, brands with stronger evidence and more claims.</summary>
    (int, int, int, int) PrefixRank(int name) => (keys[name].Length, (int)cards[nameCard[name]].Status, -cards[nameCard[name]].ClaimCount, nameRole[name]);

    int LowerBound(string p)
    {
        int lo = 0, hi = sortedKeys.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(sortedKeys[mid].Key, p) < 0) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    static IEnumerable<string> Deletes(string s)
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < s.Length; i++)
        {
            var d = s.Remove(i, 1);
            if (seen.Add(d)) yield return d;
        }
    }

    static ulong Hash(string s)
    {
        var h = 14695981039346656037UL; // FNV-1a: deterministic across runs, unlike string.GetHashCode
        foreach (var ch in s) { h ^= ch; h *= 1099511628211UL; }
        return h;
    }

    /// <summary>Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), cut off early.</summary>
    public static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var rowMin = int.MaxValue;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
                rowMin = Math.Min(rowMin, v);
            }
            if (rowMin > max) return max + 1;
        }
        return d[a.Length, b.Length];
    }
}
