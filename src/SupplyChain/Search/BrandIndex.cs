using SupplyChain.Exposure;
using SupplyChain.Resolution;

namespace SupplyChain.Search;

public enum MatchKind { Exact, Alias, Prefix, Token, Fuzzy }

/// <summary>What a search result shows without touching the database.</summary>
public sealed record BrandCard
{
    // Most slugs are the name's own (NameNormalizer.Slug): held only when they differ (a number added to tell two equal
    // names apart, a brand renamed since), made again when read. The slug that differs and the sectors as one object,
    // shared by every card of the same sectors whose slug is the name's own; the owner's id and name as one object shared
    // by the owner's cards; the status in a byte. The index holds no cards (CardTable keeps them as columns): a card is
    // made when read, through the internal constructor, which takes those parts as they are (no slug to compare).
    // Every property is declared here in the order of the constructor's parameters, so printing and JSON see the
    // members in the order they always had (this was a positional record; Deconstruct is kept).
    string name;
    CardText? text;
    CardOwner? owner;
    byte status;

    public BrandCard(long Id, string Name, string Slug, string? Sectors, long? OwnerCompanyId, string? OwnerName,
        BrandStatus Status, int ClaimCount, int SourceCount)
    {
        this.Id = Id;
        name = Name;
        text = CardText.Of(OwnSlug(Slug, Name), Sectors);
        owner = CardOwner.Of(OwnerCompanyId, OwnerName);
        status = checked((byte)Status);
        this.ClaimCount = ClaimCount;
        this.SourceCount = SourceCount;
    }

    /// <summary>A card from parts already held (the index's columns, its shared owner and text objects).</summary>
    internal BrandCard(long id, string name, CardText? text, CardOwner? owner, BrandStatus status, int claimCount, int sourceCount)
    {
        Id = id; this.name = name; this.text = text; this.owner = owner; this.status = checked((byte)status);
        ClaimCount = claimCount; SourceCount = sourceCount;
    }

    public long Id { get; init; }

    public string Name
    {
        get => name;
        init { var kept = Slug; name = value; text = CardText.Of(OwnSlug(kept, value), Sectors); } // renaming keeps the slug
    }

    public string Slug
    {
        get => text?.Slug ?? NameNormalizer.Slug(name);
        init => text = CardText.Of(OwnSlug(value, name), Sectors);
    }

    public string? Sectors { get => text?.Sectors; init => text = CardText.Of(text?.Slug, value); }
    public long? OwnerCompanyId { get => owner?.Id; init => owner = CardOwner.Of(value, OwnerName); }
    public string? OwnerName { get => owner?.Name; init => owner = CardOwner.Of(OwnerCompanyId, value); }
    public BrandStatus Status { get => (BrandStatus)status; init => status = checked((byte)value); }
    public int ClaimCount { get; init; }
    public int SourceCount { get; init; }

    /// <summary>Sets owner id and name at once to an owner object shared with other cards (equal to what the two would make).</summary>
    internal CardOwner? Owner { get => owner; init => owner = value; }

    /// <summary>The slug held (only one that is not the name's own) and the sectors, as one object shared with other cards.</summary>
    internal CardText? Text { get => text; init => text = value; }

    public void Deconstruct(out long Id, out string Name, out string Slug, out string? Sectors, out long? OwnerCompanyId, out string? OwnerName,
        out BrandStatus Status, out int ClaimCount, out int SourceCount)
    {
        Id = this.Id; Name = this.Name; Slug = this.Slug; Sectors = this.Sectors; OwnerCompanyId = this.OwnerCompanyId; OwnerName = this.OwnerName;
        Status = this.Status; ClaimCount = this.ClaimCount; SourceCount = this.SourceCount;
    }

    internal static string? OwnSlug(string slug, string name) => slug == NameNormalizer.Slug(name) ? null : slug;
}

/// <summary>A card's slug when not its name's own, and its sectors; null on a card when both are.</summary>
sealed record CardText(string? Slug, string? Sectors)
{
    public static CardText? Of(string? slug, string? sectors) => slug is null && sectors is null ? null : new CardText(slug, sectors);
}

/// <summary>A card's owner (id and name); null on a card when both are.</summary>
sealed record CardOwner(long? Id, string? Name)
{
    public static CardOwner? Of(long? id, string? name) => id is null && name is null ? null : new CardOwner(id, name);
}

public sealed record BrandHit(BrandCard Brand, double Score, string MatchedName, MatchKind Kind)
{
    /// <summary>A typo-tolerant match: shown labelled, with the name it matched, never as a confident hit.</summary>
    public bool IsWeak => Kind == MatchKind.Fuzzy;
}

/// <summary>
/// The brand lookup, held in memory and rebuilt after imports. Ranks exact name or alias, then the same name with a
/// leading article, company words (group, holdings, inc, …) or a stray plural/possessive s taken off, then prefix,
/// then every query token (weighed by how rare each token is across names, so "group" never decides a match), then
/// typo-tolerant matches. Typos go through <see cref="TypoTable"/> (symmetric deletes: one edit on any name, two on
/// names of eight letters or more), checked by real edit distance. Queries and keys go through the same
/// <see cref="NameNormalizer"/>; a query is cut to <see cref="MaxQueryChars"/> characters before any work.
/// </summary>
public sealed class BrandIndex
{
    /// <summary>The longest query text looked at; the entry points cap length too, but the index is safe on its own.</summary>
    public const int MaxQueryChars = 200;
    public const int MaxQueryLength = MaxQueryChars; // the entry points (GraphQL, JSON API, page) refuse or cut at this length

    /// <summary>Words that describe a company rather than name it: they never decide a match alone.</summary>
    public static IReadOnlySet<string> CompanyWords => NameNormalizer.CompanyWords;

    readonly CardTable cards;         // the cards as columns (a card is made when read)
    readonly CardLookup lookup;        // card positions by id and by slug
    // Every searchable name: the brand's own, its aliases, and its owner's name. A name taken out by a patch keeps its
    // slot (ids stay stable) but is removed from every lookup structure below.
    // Display forms: a brand's own name and its owner's are read from its card (at 1M brands ≈ 1.35 million
    // references less); only aliases are held, by name id (ascending), as text in the block below (a string made
    // when an alias is shown).
    readonly int[] aliasIds;
    readonly int[] aliasNames;
    // The lookup forms below (keys, exact, core and compact forms, tokens, sorted forms, typo texts) are held once each in
    // one block and referred to by id: at 1M brands they were ≈ 4 million string objects and ≈ 8 million references.
    readonly StringBlock strings;
    readonly int[] keys;               // NameNormalizer.Key, by id in strings (−1: taken out by a patch)
    readonly int[] nameCard;           // card index
    readonly NameRole[] nameRole;
    readonly PostingMap exact;     // key or compact key → name ids
    readonly PostingMap core;      // key without leading "the" and company words (and its compact form) → name ids
    readonly SortedForms sortedKeys; // for prefixes (also compact keys)
    readonly Dictionary<string, int[]> shortPrefix; // 1–3 character prefixes → best few name ids, precomputed for typeahead
    readonly PostingMap tokens;      // token → name ids (sorted)
    readonly TypoTable typos;
    readonly int[] typoText;                        // compact forms the typo table holds (ids in strings)
    readonly int[] typoName;                        // … and the name each belongs to
    readonly int liveNames;                         // names in the structures (a patch may leave empty slots)

    const int ShortPrefixKeep = 24;

    public int Count => cards.Count;
    /// <summary>The cards, in index order; each made when read (loops over every card read the columns they need).</summary>
    public CardTable Cards => cards;

    /// <summary>Every lookup form of one name: what the build and a patch both index it under.</summary>
    /// <summary>Which of a brand's names an index entry is: found through an alias or its owner ranks below its own name.</summary>
    enum NameRole : byte { Own, Alias, Owner }

    sealed record NameForms(string Key, List<string> Exact, List<string> Core, List<string> Tokens, List<string> Sorted, List<string> Typo);

    static NameForms FormsOf(string name, NameRole role)
    {
        var key = NameNormalizer.Key(name);
        var compact = NameNormalizer.Compact(key);
        var exactKeys = new List<string>(3);
        void Exact(string k) { if (k.Length > 0) exactKeys.Add(k); }
        Exact(key);
        if (compact != key) Exact(compact);
        // Joined as typed, legal form and "and" included: "japandisplayinc", "cartersbabiesandkids".
        var folded = NameNormalizer.Fold(NameNormalizer.WithoutParentheses(name));
        var joined = folded.Replace(" ", "", StringComparison.Ordinal);
        if (joined != compact) Exact(joined);
        var sorted = new List<string>(2) { key };
        if (compact != key) sorted.Add(compact);
        var tokenList = NameNormalizer.Tokens(key).Where(t => t.Length > 0).ToList();
        var coreKey = Core(key);
        var coreCompact = NameNormalizer.Compact(coreKey);
        var coreKeys = new List<string>(2);
        if (coreKey != key && coreCompact.Length >= 3)
        {
            if (coreKey.Length > 0) coreKeys.Add(coreKey);
            if (coreCompact != coreKey) coreKeys.Add(coreCompact);
        }
        var typo = new List<string>(3);
        if (role != NameRole.Owner && compact.Length >= 3)
        {
            typo.Add(compact);
            // A typo in a legal form ("Japan Display Innc.") keeps the form: match against the name as written too.
            var foldedCompact = NameNormalizer.Compact(folded);
            if (foldedCompact != compact) typo.Add(foldedCompact);
            if (coreKey != key && coreCompact.Length >= 3) typo.Add(coreCompact);
        }
        return new NameForms(key, exactKeys, coreKeys, tokenList, sorted, typo);
    }

    BrandIndex(CardTable cards, CardLookup lookup, int[] aliasIds, int[] aliasNames, StringBlock strings, int[] keys, int[] nameCard,
        NameRole[] nameRole, PostingMap exact, PostingMap core, SortedForms sortedKeys,
        Dictionary<string, int[]> shortPrefix, PostingMap tokens, TypoTable typos, int[] typoText, int[] typoName)
    {
        this.cards = cards; this.lookup = lookup; this.aliasIds = aliasIds; this.aliasNames = aliasNames; this.strings = strings; this.keys = keys; this.nameCard = nameCard;
        this.nameRole = nameRole; this.exact = exact; this.core = core; this.sortedKeys = sortedKeys; this.shortPrefix = shortPrefix;
        this.tokens = tokens; this.typos = typos; this.typoText = typoText; this.typoName = typoName;
        liveNames = keys.Count(k => k >= 0);
    }

    BrandIndex(CardTable cards, List<(int Card, string Name, NameRole Role)> entries)
    {
        this.cards = cards;
        lookup = new CardLookup(cards);

        var n = entries.Count;
        keys = new int[n]; nameCard = new int[n]; nameRole = new NameRole[n];
        liveNames = n;
        var aliasIdList = new List<int>();
        var aliasNameList = new List<int>();
        var exactLists = new Dictionary<int, List<int>>(n * 2);
        var coreLists = new Dictionary<int, List<int>>();
        var tokenLists = new Dictionary<int, List<int>>();
        var sorted = new List<(int, int)>(n * 2);
        var texts = new List<int>(n);
        var textNames = new List<int>(n);
        // Every form is made as a new string per name and held once in the block (one name's key is another's, a token
        // is a whole key, the typo text equals the joined form); the strings made here are garbage once it is built.
        var block = new StringBlock.Builder();
        for (var i = 0; i < n; i++)
        {
            var (card, name, role) = entries[i];
            nameCard[i] = card; nameRole[i] = role;
            if (role == NameRole.Alias) { aliasIdList.Add(i); aliasNameList.Add(block.Add(name)); }
            var forms = FormsOf(name, role);
            keys[i] = block.Add(forms.Key);
            foreach (var k in forms.Exact) Add(exactLists, block.Add(k), i);
            foreach (var k in forms.Sorted) sorted.Add((block.Add(k), i));
            foreach (var t in forms.Tokens) Add(tokenLists, block.Add(t), i);
            foreach (var k in forms.Core) Add(coreLists, block.Add(k), i);
            foreach (var t in forms.Typo) { texts.Add(block.Add(t)); textNames.Add(i); }
        }
        strings = block.Build();
        aliasIds = [.. aliasIdList];
        aliasNames = [.. aliasNameList];
        exact = PostingMap.Build(strings, exactLists);
        core = PostingMap.Build(strings, coreLists);
        tokens = PostingMap.Build(strings, tokenLists);
        sortedKeys = new SortedForms(strings, SortedForms.Sorted(strings, sorted.ToArray()));
        typoText = texts.ToArray();
        typoName = textNames.ToArray();
        typos = TypoTable.Build(strings.Strings(typoText));

        // Typeahead on one to three characters must not scan a large range: keep the best few per prefix. The keys are
        // sorted, so every prefix is one run of them; each key sits in at most three runs.
        shortPrefix = new Dictionary<string, int[]>(StringComparer.Ordinal);
        Span<char> scratch = stackalloc char[128];
        for (var len = 1; len <= 3; len++)
            for (var i = 0; i < sortedKeys.Length;)
            {
                if (strings.Length(sortedKeys.Key(i)) < len) { i++; continue; }
                var p = strings.Chars(sortedKeys.Key(i), scratch)[..len].ToString();
                var j = i;
                while (j < sortedKeys.Length && sortedKeys.StartsWith(j, p)) j++;
                var top = new List<int>();
                for (var k = i; k < j; k++) if (strings.Length(sortedKeys.Key(k)) >= len) top.Add(sortedKeys.Name(k));
                shortPrefix[p] = top.Distinct().OrderBy(PrefixRank).Take(ShortPrefixKeep).ToArray();
                i = j;
            }
    }

    static void Add(Dictionary<int, List<int>> map, int key, int value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        if (list.Count == 0 || list[^1] != value) list.Add(value);
    }

    public static BrandIndex Build(IReadOnlyList<BrandCard> brands, IEnumerable<(long BrandId, string Alias)> aliases)
    {
        var index = new Dictionary<long, int>(brands.Count);
        for (var i = 0; i < brands.Count; i++) index[brands[i].Id] = i;
        var entries = new List<(int, string, NameRole)>(brands.Count * 2);
        for (var i = 0; i < brands.Count; i++)
        {
            entries.Add((i, brands[i].Name, NameRole.Own));
            if (brands[i].OwnerName is { } owner) entries.Add((i, owner, NameRole.Owner));
        }
        foreach (var (brandId, alias) in aliases)
            if (index.TryGetValue(brandId, out var i)) entries.Add((i, alias, NameRole.Alias));
        return new BrandIndex(CardTable.Of(brands), entries);
    }

    /// <summary>
    /// A new index equal in every answer to <see cref="Build"/> over the changed data (ties between equal hits are
    /// broken by brand id, so the order of names inside does not show), made by copying this one and changing only
    /// what the cards and aliases given touch: at a million brands a small change costs a few copies of arrays,
    /// not a rebuild. <paramref name="changed"/>: new cards (new brands) and replacements (same id). Brands cannot
    /// be taken out here (a merge rebuilds the index). This index is not changed: readers keep using it until the swap.
    /// </summary>
    public BrandIndex Patch(IReadOnlyCollection<BrandCard> changed, IReadOnlyCollection<(long BrandId, string Alias)> newAliases)
    {
        if (changed.Count == 0 && newAliases.Count == 0) return this;
        var replaced = new List<(int At, BrandCard Card)>();
        var newCards = new List<BrandCard>();
        var addedAt = new Dictionary<long, int>(); // positions of new cards (the lookup is made again over the new cards)
        var removeRoles = new Dictionary<int, List<NameRole>>(); // card → roles whose names are replaced
        var added = new List<(int Card, string Name, NameRole Role)>();
        var rankChanged = new HashSet<int>();
        foreach (var card in changed)
        {
            if (lookup.PositionOf(card.Id) is var at && at >= 0)
            {
                var old = cards[at];
                replaced.Add((at, card));
                if (old.Name != card.Name) { Role(at, NameRole.Own); added.Add((at, card.Name, NameRole.Own)); }
                if (old.OwnerName != card.OwnerName) { Role(at, NameRole.Owner); if (card.OwnerName is { } o) added.Add((at, o, NameRole.Owner)); }
                if (old.Status != card.Status || old.ClaimCount != card.ClaimCount) rankChanged.Add(at);
            }
            else
            {
                at = cards.Count + newCards.Count;
                newCards.Add(card);
                addedAt[card.Id] = at;
                added.Add((at, card.Name, NameRole.Own));
                if (card.OwnerName is { } o) added.Add((at, o, NameRole.Owner));
            }
        }
        void Role(int card, NameRole role) { if (!removeRoles.TryGetValue(card, out var l)) removeRoles[card] = l = []; l.Add(role); }
        foreach (var (brandId, alias) in newAliases)
            if ((addedAt.TryGetValue(brandId, out var a) ? a : lookup.PositionOf(brandId)) is var at && at >= 0) added.Add((at, alias, NameRole.Alias));

        // Names that go: the replaced own or owner names of changed cards.
        var removed = new HashSet<int>();
        if (removeRoles.Count > 0)
            for (var i = 0; i < nameCard.Length; i++)
                if (removeRoles.TryGetValue(nameCard[i], out var roles) && roles.Contains(nameRole[i]) && keys[i] >= 0) removed.Add(i);

        var n0 = nameCard.Length;
        var n = n0 + added.Count;
        // The new forms go after this index's strings in a copy of its block: ids held here stay valid there.
        var block = new StringBlock.Builder(strings);
        var newKeys = new int[n]; var newNameCard = new int[n]; var newNameRole = new NameRole[n];
        Array.Copy(keys, newKeys, n0); Array.Copy(nameCard, newNameCard, n0); Array.Copy(nameRole, newNameRole, n0);
        var newAliasIds = new List<int>(aliasIds); var newAliasNames = new List<int>(aliasNames); // appended ids stay ascending

        var exactEdits = new Dictionary<string, (List<int> Add, HashSet<int> Remove)>(StringComparer.Ordinal);
        var coreEdits = new Dictionary<string, (List<int> Add, HashSet<int> Remove)>(StringComparer.Ordinal);
        var tokenEdits = new Dictionary<string, (List<int> Add, HashSet<int> Remove)>(StringComparer.Ordinal);
        static (List<int> Add, HashSet<int> Remove) Edit(Dictionary<string, (List<int>, HashSet<int>)> edits, string key)
        {
            if (!edits.TryGetValue(key, out var e)) edits[key] = e = ([], []);
            return e;
        }
        var sortedAdd = new List<(int Key, int Name)>();
        var typoRemove = new HashSet<int>();
        var texts = new List<int>();
        var textNames = new List<int>();
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        void Prefixes(string key) { for (var len = 1; len <= Math.Min(3, key.Length); len++) prefixes.Add(key[..len]); }

        foreach (var id in removed)
        {
            var forms = FormsOf(NameOf(id), nameRole[id]);
            foreach (var k in forms.Exact) Edit(exactEdits, k).Remove.Add(id);
            foreach (var k in forms.Core) Edit(coreEdits, k).Remove.Add(id);
            foreach (var t in forms.Tokens) Edit(tokenEdits, t).Remove.Add(id);
            foreach (var k in forms.Sorted) Prefixes(k); // its sorted forms go below (every pair of this name)
            newKeys[id] = -1; // out of every structure; the slot stays so ids are stable
        }
        if (removed.Count > 0)
            for (var t = 0; t < typoName.Length; t++) if (removed.Contains(typoName[t])) typoRemove.Add(t);
        for (var a = 0; a < added.Count; a++)
        {
            var id = n0 + a;
            var (card, name, role) = added[a];
            newNameCard[id] = card; newNameRole[id] = role;
            if (role == NameRole.Alias) { newAliasIds.Add(id); newAliasNames.Add(block.Add(name)); }
            var forms = FormsOf(name, role);
            newKeys[id] = block.Add(forms.Key);
            foreach (var k in forms.Exact) { block.Add(k); Edit(exactEdits, k).Add.Add(id); }
            foreach (var k in forms.Core) { block.Add(k); Edit(coreEdits, k).Add.Add(id); }
            foreach (var t in forms.Tokens) { block.Add(t); Edit(tokenEdits, t).Add.Add(id); }
            foreach (var k in forms.Sorted) { sortedAdd.Add((block.Add(k), id)); Prefixes(k); }
            foreach (var t in forms.Typo) { texts.Add(block.Add(t)); textNames.Add(id); }
        }
        var newStrings = block.Build();
        var newExact = exact.Patched(newStrings, exactEdits, block.IdOf);
        var newCore = core.Patched(newStrings, coreEdits, block.IdOf);
        var newTokens = tokens.Patched(newStrings, tokenEdits, block.IdOf);

        // Sorted keys: drop the removed names' forms, then insert the added (few) by binary search, copying the runs
        // between them whole.
        var held = sortedKeys.ToArray();
        var kept = removed.Count == 0 ? held : held.Where(x => !removed.Contains(x.Name)).ToArray();
        var order = Comparer<(int Key, int Name)>.Create((x, y) => SortedForms.Compare(newStrings, x, y));
        sortedAdd.Sort(order);
        var newSorted = new (int Key, int Name)[kept.Length + sortedAdd.Count];
        int from = 0, w = 0;
        foreach (var x in sortedAdd)
        {
            var at = Array.BinarySearch(kept, from, kept.Length - from, x, order);
            if (at < 0) at = ~at;
            Array.Copy(kept, from, newSorted, w, at - from);
            w += at - from;
            from = at;
            newSorted[w++] = x;
        }
        Array.Copy(kept, from, newSorted, w, kept.Length - from);
        newSorted = SortedForms.Distinct(newStrings, newSorted);

        var t0 = typoText.Length;
        var newTypoText = new int[t0 + texts.Count]; var newTypoName = new int[t0 + texts.Count];
        Array.Copy(typoText, newTypoText, t0); Array.Copy(typoName, newTypoName, t0);
        for (var i = 0; i < texts.Count; i++) { newTypoText[t0 + i] = texts[i]; newTypoName[t0 + i] = textNames[i]; }
        var newTypos = typos.Patch(typoRemove, newStrings.Strings(texts), t0);

        var cardTable = cards.Patched(replaced, newCards);
        var patched = new BrandIndex(cardTable, new CardLookup(cardTable), [.. newAliasIds], [.. newAliasNames], newStrings, newKeys, newNameCard, newNameRole, newExact, newCore,
            new SortedForms(newStrings, newSorted), new Dictionary<string, int[]>(shortPrefix, StringComparer.Ordinal), newTokens, newTypos, newTypoText, newTypoName);
        // Typeahead lists: recompute the prefixes whose members changed rank or went; merge in the new names elsewhere.
        var changedNames = new HashSet<int>(removed);
        if (rankChanged.Count > 0)
            for (var i = 0; i < n0; i++)
                if (rankChanged.Contains(nameCard[i]) && newKeys[i] >= 0 && newStrings.ToString(newKeys[i]) is var k) { changedNames.Add(i); Prefixes(k); if (NameNormalizer.Compact(k) is var c && c != k) Prefixes(c); }
        foreach (var p in prefixes) patched.RefreshShortPrefix(p, changedNames, n0);
        return patched;
    }

    /// <summary>Recomputes the typeahead list of one prefix in a patched index (see <see cref="Patch"/>).</summary>
    void RefreshShortPrefix(string p, HashSet<int> changedNames, int firstNew)
    {
        shortPrefix.TryGetValue(p, out var old);
        if (old is not null && !old.Any(changedNames.Contains))
        {
            // Nothing on the list went or moved: the best few are still among the old list and the new names.
            var fresh = new List<int>(old);
            for (var i = sortedKeys.LowerBound(p); i < sortedKeys.Length && sortedKeys.StartsWith(i, p); i++)
                if (sortedKeys.Name(i) >= firstNew || changedNames.Contains(sortedKeys.Name(i))) fresh.Add(sortedKeys.Name(i));
            shortPrefix[p] = fresh.Distinct().OrderBy(PrefixRank).Take(ShortPrefixKeep).ToArray();
            return;
        }
        var top = new List<int>();
        for (var i = sortedKeys.LowerBound(p); i < sortedKeys.Length && sortedKeys.StartsWith(i, p); i++) top.Add(sortedKeys.Name(i));
        if (top.Count == 0) shortPrefix.Remove(p);
        else shortPrefix[p] = top.Distinct().OrderBy(PrefixRank).Take(ShortPrefixKeep).ToArray();
    }

    /// <summary>
    /// The display form of a name: its card's own or owner name, or the alias held. A name a patch took out may read its
    /// card's new name here; it is in no lookup structure, so nothing reads it.
    /// </summary>
    string NameOf(int id) => nameRole[id] switch
    {
        NameRole.Own => cards.Name(nameCard[id]),
        NameRole.Owner => cards.OwnerName(nameCard[id]) ?? "",
        _ => strings.ToString(aliasNames[Array.BinarySearch(aliasIds, id)]),
    };

    public BrandCard? ById(long id) => PositionOf(id) is var i and >= 0 ? cards[i] : null;
    /// <summary>Where a brand stands in <see cref="Cards"/> (what is computed per card, in card order, is found there); −1 if not held.</summary>
    public int PositionOf(long id) => lookup.PositionOf(id);
    public BrandCard? BySlug(string slug) => lookup.PositionOfSlug(slug) is var i and >= 0 ? cards[i] : null;

    /// <summary>A key without a leading "the" and without company words; the key itself when nothing else would remain.</summary>
    public static string Core(string key)
    {
        var t = NameNormalizer.Tokens(key).ToList();
        if (t.Count > 1 && t[0] == "the") t.RemoveAt(0);
        var kept = t.Where(x => !CompanyWords.Contains(x)).ToList();
        if (kept.Count == 0) return string.Join(' ', t);
        return string.Join(' ', kept);
    }

    /// <summary>Weight of a token: rare across names weighs more; company words hardly count.</summary>
    double Weight(string token)
    {
        var df = tokens.CountOf(token);
        var w = Math.Log(1 + (liveNames + 1.0) / (df + 1.0));
        return CompanyWords.Contains(token) || token == "the" || token == "and" ? w * 0.05 : w;
    }

    public IReadOnlyList<BrandHit> Search(string query, int first = 10)
    {
        first = Math.Clamp(first, 1, 100);
        if (query.Length > MaxQueryChars) query = query[..MaxQueryChars];
        var key = NameNormalizer.Key(query);
        if (key.Length == 0) return [];
        var compact = NameNormalizer.Compact(key);
        // The best hit so far per card, by name id: the card and the name shown are made only for the hits returned.
        var best = new Dictionary<int, Candidate>();

        void Offer(int name, double score, MatchKind kind)
        {
            var card = nameCard[name];
            if (nameRole[name] == NameRole.Owner) { kind = kind == MatchKind.Exact ? MatchKind.Alias : kind; score -= 0.05; } // found through its owner
            else if (nameRole[name] == NameRole.Alias && kind == MatchKind.Exact) kind = MatchKind.Alias;
            var rounded = Math.Round(score, 3);
            // Two names of one brand scoring the same: the stronger kind, then the first name in ordinal order, so the
            // answer does not depend on the order names sit in the index (a patched index appends them).
            if (!best.TryGetValue(card, out var old) || old.Score < score
                || (old.Score == rounded && (kind < old.Kind || (kind == old.Kind && string.CompareOrdinal(Matched(name), Matched(old.Name)) < 0))))
                best[card] = new Candidate(name, rounded, kind);
        }

        // 1. Exact name, alias or owner, by key or by the same letters without spaces ("hm" = "H&M", "hugoboss").
        foreach (var k in new[] { key, compact }.Distinct())
            foreach (var id in exact[k]) Offer(id, k == key && strings.Equals(keys[id], key) ? 1.0 : 0.97, MatchKind.Exact);

        // 1b. The same name give or take a leading "the", company words or a stray plural/possessive s:
        //     "north face", "bmw group", "victorias secrets". Confident (an alias-level hit), scored below exact.
        var queryCore = Core(key);
        if (best.Count < first)
            foreach (var (form, score) in Forms(key, queryCore))
                foreach (var k in new[] { form, NameNormalizer.Compact(form) }.Distinct())
                {
                    foreach (var id in exact[k]) Offer(id, score, MatchKind.Alias);
                    foreach (var id in core[k]) Offer(id, score - 0.01, MatchKind.Alias);
                }

        // 2. Prefix: "vict" → Victoria's Secret.
        if (best.Count < first)
            foreach (var id in PrefixMatches(key, compact, first * 4))
                Offer(id, 0.9 - 0.3 * Math.Min(1, (strings.Length(keys[id]) - key.Length) / 20.0), MatchKind.Prefix);

        // 3. Every query token is a token of the name: "secret" → Victoria's Secret, "motor saic" → SAIC Motor;
        //    a joined query is split into known tokens first ("ralphlauren" → Polo Ralph Lauren).
        if (best.Count < first)
        {
            var qTokens = NameNormalizer.Tokens(queryCore).Where(t => t != "and").Distinct().ToList();
            if (qTokens.Count == 1 && !tokens.ContainsKey(qTokens[0]) && SplitJoined(qTokens[0]) is { } parts) qTokens = parts;
            if (qTokens.Count > 0 && qTokens.All(tokens.ContainsKey) && !qTokens.All(t => CompanyWords.Contains(t)))
            {
                // The rarest token's names, in order, kept when every other token holds them too (binary search).
                var rarest = qTokens.OrderBy(tokens.CountOf).First();
                var mine = qTokens.Sum(t => Weight(t) * t.Length);
                var taken = 0;
                foreach (var id in tokens[rarest])
                {
                    if (taken == first * 8) break;
                    var everywhere = true;
                    foreach (var t in qTokens) if (tokens[t].BinarySearch(id) < 0) { everywhere = false; break; }
                    if (!everywhere) continue;
                    taken++;
                    var all = NameNormalizer.Tokens(strings.ToString(keys[id])).Sum(t => Weight(t) * t.Length);
                    Offer(id, 0.05 + 0.75 * Math.Min(1, mine / Math.Max(1e-9, all)), MatchKind.Token);
                }
            }
        }

        // 3b. Only some query tokens name a brand ("Inditex Zara"): a weak hit, labelled, never a confident one. A company
        //     word alone never counts ("bmw group" must not find GAC Group through "group").
        if (best.Count == 0)
        {
            var all = NameNormalizer.Tokens(key).Count();
            var qTokens = NameNormalizer.Tokens(key).Where(t => t.Length >= 3 && t != "and" && t != "the" && !CompanyWords.Contains(t) && tokens.ContainsKey(t)).Distinct().ToList();
            foreach (var t in qTokens)
                foreach (var id in tokens[t][..Math.Min(first * 4, tokens.CountOf(t))])
                    if (strings.ToString(keys[id]) is var held && (NameNormalizer.Tokens(held).Count() == 1 || held.Length <= t.Length + 4)) // the token is (nearly) the whole name
                        Offer(id, 0.4 * t.Length / Math.Max(1, compact.Length) * Math.Min(1, 2.0 / all) + 0.1, MatchKind.Fuzzy);
        }

        // 4. Typos: one edit on any name (insertion, deletion, substitution, adjacent swap), two on long names.
        if (!best.Values.Any(h => h.Kind is MatchKind.Exact or MatchKind.Alias) && compact.Length >= 3)
        {
            var found = new HashSet<int>();
            Span<char> scratch = stackalloc char[128];
            var forms = new[] { compact, NameNormalizer.Compact(queryCore) }.Where(f => f.Length >= 3).Distinct().ToList();
            foreach (var q in forms)
            {
                found.Clear();
                typos.Candidates(q, found, 5000);
                foreach (var t in found)
                {
                    // Lengths too far apart are out before the text is read (Distance would say max + 1): at 1M brands a
                    // query checks up to 5,000 candidates, and each text read is a look-up in the block's starts and data.
                    var length = strings.Length(typoText[t]);
                    var max = Math.Min(q.Length, length) <= 4 ? 1 : 2;
                    if (Math.Abs(q.Length - length) > max) continue;
                    var target = strings.Chars(typoText[t], scratch);
                    var dist = TypoTable.Distance(q, target, max);
                    if (dist > max) continue;
                    Offer(typoName[t], 0.6 * (1 - (double)dist / Math.Max(q.Length, target.Length)), MatchKind.Fuzzy);
                }
            }
        }

        // Score, kind, status, claims, name (OrdinalIgnoreCase), id: read from the columns, names in place.
        var ranked = best.ToArray();
        var scratchA = new char[128]; var scratchB = new char[128];
        Array.Sort(ranked, (x, y) =>
        {
            var c = y.Value.Score.CompareTo(x.Value.Score);
            if (c == 0) c = ((int)x.Value.Kind).CompareTo((int)y.Value.Kind);
            if (c == 0) c = ((int)cards.Status(x.Key)).CompareTo((int)cards.Status(y.Key));
            if (c == 0) c = cards.ClaimCount(y.Key).CompareTo(cards.ClaimCount(x.Key));
            if (c == 0) c = cards.CompareNamesIgnoreCase(x.Key, y.Key, scratchA, scratchB);
            if (c == 0) c = cards.Id(x.Key).CompareTo(cards.Id(y.Key));
            return c;
        });
        var hits = new List<BrandHit>(Math.Min(first, ranked.Length));
        foreach (var (card, h) in ranked.Take(first)) hits.Add(new BrandHit(cards[card], h.Score, Matched(h.Name), h.Kind));
        return hits;
    }

    readonly record struct Candidate(int Name, double Score, MatchKind Kind);

    /// <summary>The name a hit shows it matched: the name itself, or its owner's marked as such.</summary>
    string Matched(int name) => nameRole[name] == NameRole.Owner ? $"{NameOf(name)} (owner)" : NameOf(name);

    /// <summary>Other readings of the query, each with the score an exact hit on it earns.</summary>
    static IEnumerable<(string Form, double Score)> Forms(string key, string queryCore)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { key };
        var list = new List<(string, double)>();
        void Try(string f, double s) { if (f.Length > 0 && seen.Add(f)) list.Add((f, s)); }
        Try(queryCore, 0.95);
        foreach (var basis in new[] { key, queryCore })
        {
            var t = NameNormalizer.Tokens(basis).ToArray();
            if (t.Length == 0) continue;
            static string Singular(string w) => w.Length >= 4 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) ? w[..^1] : w;
            var lastOnly = t.ToArray(); lastOnly[^1] = Singular(lastOnly[^1]);
            Try(string.Join(' ', lastOnly), 0.93);
            Try(string.Join(' ', t.Select(Singular)), 0.92);
        }
        return list;
    }

    /// <summary>A joined query read as two or three known tokens ("ralphlauren" → ralph, lauren), or null.</summary>
    List<string>? SplitJoined(string word)
    {
        if (word.Length < 6 || word.Length > 40) return null;
        for (var i = 2; i <= word.Length - 2; i++)
        {
            var a = word[..i]; var b = word[i..];
            if (tokens.ContainsKey(a) && tokens.ContainsKey(b)) return [a, b];
        }
        for (var i = 2; i <= word.Length - 4; i++)
            for (var j = i + 2; j <= word.Length - 2; j++)
            {
                var a = word[..i]; var b = word[i..j]; var c = word[j..];
                if (tokens.ContainsKey(a) && tokens.ContainsKey(b) && tokens.ContainsKey(c)) return [a, b, c];
            }
        return null;
    }

    IEnumerable<int> PrefixMatches(string key, string compact, int limit)
    {
        var results = new List<int>();
        foreach (var p in new[] { key, compact }.Distinct())
        {
            if (p.Length <= 3 && shortPrefix.TryGetValue(p, out var top)) { results.AddRange(top); continue; }
            var lo = sortedKeys.LowerBound(p);
            for (var i = lo; i < sortedKeys.Length && i - lo < 400 && sortedKeys.StartsWith(i, p); i++)
                results.Add(sortedKeys.Name(i));
        }
        return results.Where(id => !strings.Equals(keys[id], key)).Distinct().OrderBy(PrefixRank).Take(limit);
    }

    /// <summary>Shorter completions first; among equals, brands with stronger evidence and more claims.</summary>
    (int, int, int, int, long) PrefixRank(int name) =>
        (strings.Length(keys[name]), (int)cards.Status(nameCard[name]), -cards.ClaimCount(nameCard[name]), (int)nameRole[name], cards.Id(nameCard[name]));
}
