using SupplyChain.Domain;
using SupplyChain.Resolution;

namespace SupplyChain.Import;

/// <summary>
/// Finds the names of entities we hold inside a paragraph, by their match keys, longest name first. A one-word name
/// must be written with a capital (or in a non-Latin script) so "a gap in the data" does not name Gap.
/// </summary>
public sealed class ProseNameFinder
{
    const int MaxTokens = 8;
    readonly Dictionary<string, (EntityKind Kind, long Id, string Name)> byKey = new(StringComparer.Ordinal);

    public static ProseNameFinder For(EntityCatalog catalog, IEnumerable<EntityKind> kinds)
    {
        var f = new ProseNameFinder();
        foreach (var kind in kinds)
            foreach (var (key, id, name) in catalog.Keys(kind))
                if (key.Length >= 2 && NameNormalizer.Tokens(key).Count() <= MaxTokens) f.byKey.TryAdd(key, (kind, id, name));
        return f;
    }

    public IEnumerable<(EntityKind Kind, long Id, string Name)> Find(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var tokens = new List<(string Folded, string Original)>();
        foreach (var w in words)
            foreach (var t in NameNormalizer.Fold(w).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                tokens.Add((t, w));
        var seen = new HashSet<(EntityKind, long)>();
        var used = new bool[tokens.Count];
        for (var n = Math.Min(MaxTokens, tokens.Count); n >= 1; n--)
        for (var i = 0; i + n <= tokens.Count; i++)
        {
            if (Enumerable.Range(i, n).Any(k => used[k])) continue;
            var key = string.Join(' ', tokens.Skip(i).Take(n).Select(t => t.Folded));
            if (!byKey.TryGetValue(key, out var hit)) continue;
            if (n == 1 && !LooksLikeAName(tokens[i].Original)) continue;
            for (var k = i; k < i + n; k++) used[k] = true;
            if (seen.Add((hit.Kind, hit.Id))) yield return hit;
        }
    }

    static bool LooksLikeAName(string word)
    {
        var first = word.FirstOrDefault(char.IsLetterOrDigit);
        return first != default && (char.IsUpper(first) || char.IsDigit(first) || first > '\u024F');
    }
}
