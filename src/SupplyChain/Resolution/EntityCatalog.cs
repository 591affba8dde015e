using System.Numerics;
using System.Runtime.InteropServices;
using SupplyChain.Domain;

namespace SupplyChain.Resolution;

/// <summary>The outcome of meeting a name: an existing entity, how well it matched and by which rule.</summary>
public sealed record NameMatch(long Id, string Name, double Score, string Rule, MatchVerdict Verdict);

/// <summary>
/// Names of the entities we hold, indexed for resolution. Exact key, key with qualifiers and same-letters matches
/// are linked without asking (when countries do not disagree); trigram matches are only ever candidates for a
/// reviewer. Merged entities redirect to the entity they were merged into.
/// </summary>
public sealed partial class EntityCatalog
{
    public const double CandidateThreshold = 0.6;

    public sealed record Entry(long Id, string Name, string Key, string KeyQ, string? Country, long? MergedInto, string? Address = null);

    /// <summary>A trigram's posting list (slots, in the order met) and the trigram's number, which scoring compares.</summary>
    sealed class Postings(int number) : List<int>
    {
        public readonly int Number = number;
    }

    sealed class KindIndex
    {
        public readonly Dictionary<long, Entry> Entries = new();
        public readonly Dictionary<string, Ids> ByKey = new(StringComparer.Ordinal);
        public readonly Dictionary<string, Ids> ByCompact = new(StringComparer.Ordinal);
        /// <summary>Trigram (packed, see <see cref="TrigramCodes"/>) → slots of the entities whose keys hold it, and the trigram's number.</summary>
        public readonly Dictionary<ulong, Postings> ByTrigram = new();
        /// <summary>Entities by dense slot number (postings hold slots, so counting runs over an array, not a hash map).</summary>
        public readonly List<long> SlotIds = [];
        public readonly Dictionary<long, int> SlotOf = new();
        /// <summary>Per slot: the entity's country by number, or 0 when it has none or stands merged (then another's counts).</summary>
        public readonly List<short> SlotCountry = [];
        /// <summary>
        /// Countries by number (1 up; 0 in <see cref="SlotCountry"/> is none). Compared by number when counting: a country
        /// string per entity, each its own object from its row, cost a cache miss per comparison.
        /// </summary>
        public readonly Dictionary<string, short> CountryNumbers = new(StringComparer.Ordinal);
        /// <summary>
        /// Per slot: where its keys' trigram numbers start in <see cref="CodePool"/> (-1: not made yet). Made the first
        /// time the entity is scored, forgotten when it gains a name. A catalog of similar names scores an entity many
        /// times, and a few cache lines of one shared array are what scoring costs then (not an entity look-up and a
        /// trigram sort per key, nor an array per entity for the collector to trace: an import into 116k facilities
        /// scored 2.2M candidates and allocated 138 MiB of such arrays).
        /// </summary>
        public readonly List<int> SlotCodesAt = [];
        /// <summary>Per slot, with its keys in the pool: which of 128 buckets its trigram numbers fall in (see <see cref="Sketch"/>).</summary>
        public readonly List<Sketch> SlotSketch = [];
        /// <summary>
        /// Each scored slot's keys (name, name with qualifiers, aliases) as blocks: the slot's block count, then per key
        /// its distinct trigram count, how many of those trigrams are held (all, unless the key is empty), and the held
        /// ones' numbers, sorted. Grows by copying; a reader that took the old array still finds what it looks for there.
        /// </summary>
        public int[] CodePool = new int[1024];
        public int CodePoolUsed;
        /// <summary>Slots are scored from several threads at once (screening on a server); one of them fills the pool at a time.</summary>
        public readonly Lock CodeFill = new();
        /// <summary>The slot whose keys end the pool: a key added to it now can go on the end.</summary>
        public int PoolTail = -1;
        /// <summary>Put each key's numbers in the pool as it is added (see <see cref="NumbersAtAdd"/>).</summary>
        public bool NumbersAtAdd;
        /// <summary>While a bulk load holds postings back (<see cref="HoldPostings"/>): each key's slot and list numbers, in the order added.</summary>
        public HeldPostings? Held;
        /// <summary>Alias keys per entity, so a trigram hit can be scored against the alias that it hit.</summary>
        public readonly Dictionary<long, List<string>> ExtraKeys = new();
        /// <summary>Brands and companies only: token → entities whose key holds it, for the contains rule.</summary>
        public readonly Dictionary<string, Ids> ByToken = new(StringComparer.Ordinal);
        public bool IndexTokens;
        /// <summary>
        /// Whether a posting list may hold one entity twice (names added for an entity after another entity's): then a
        /// count may come from repeats, and trigram counting must read every list in full.
        /// </summary>
        public bool MayRepeat;
        public long LastAdded = long.MinValue;
    }

    /// <summary>
    /// The entities a key leads to, in the order added. Most keys lead to one, which is held without a list: a catalog
    /// of a million facilities holds two million keys, and a list each was most of what loading it allocated.
    /// </summary>
    struct Ids
    {
        long first;
        List<long>? rest; // the second and later
        public int Count { get; private set; }

        public readonly long Last => Count == 1 ? first : rest![^1];

        public void Add(long id)
        {
            if (Count == 0) first = id;
            else (rest ??= []).Add(id);
            Count++;
        }

        public readonly Enumerator GetEnumerator() => new(this);

        public struct Enumerator(Ids ids)
        {
            int at = -1;
            public readonly long Current => at == 0 ? ids.first : ids.rest![at - 1];
            public bool MoveNext() => ++at < ids.Count;
        }
    }

    readonly Dictionary<EntityKind, KindIndex> kinds = new();

    /// <summary>Room for this many more entities of a kind, so loading a large catalog does not grow its tables step by step.</summary>
    public void Reserve(EntityKind kind, int entities)
    {
        var idx = Of(kind);
        idx.Entries.EnsureCapacity(idx.Entries.Count + entities);
        idx.SlotOf.EnsureCapacity(idx.SlotOf.Count + entities);
        idx.ByKey.EnsureCapacity(idx.ByKey.Count + entities);
        idx.ByCompact.EnsureCapacity(idx.ByCompact.Count + entities);
        idx.SlotIds.EnsureCapacity(idx.SlotIds.Count + entities);
        idx.SlotCountry.EnsureCapacity(idx.SlotCountry.Count + entities);
        idx.SlotCodesAt.EnsureCapacity(idx.SlotCodesAt.Count + entities);
        idx.SlotSketch.EnsureCapacity(idx.SlotSketch.Count + entities);
    }

    KindIndex Of(EntityKind kind) => kinds.TryGetValue(kind, out var k) ? k
        : kinds[kind] = new KindIndex { IndexTokens = kind is EntityKind.Brand or EntityKind.Company, NumbersAtAdd = NumbersAtAdd };

    /// <summary>
    /// Keep every entity's trigram numbers from the moment it is added, rather than from the first time it is scored: an
    /// import against a large catalog of similar names scores most of what it holds, and adding a key has its trigrams'
    /// lists in hand, so this saves a trigram look-up per trigram per entity later. It costs ≈ 100 bytes an entity for as
    /// long as the catalog lives: right for an import's catalog, not for the one a server keeps for screening.
    /// </summary>
    public bool NumbersAtAdd { get; init; }

    /// <summary>
    /// Until the returned scope is disposed, names added for a kind leave their slots off its trigram posting lists and
    /// note them instead; disposing appends them, in the order added, as adding them one by one would have. Each list is
    /// then sized once, not grown by doubling (at a million facilities that copied and zeroed ≈ 360 MB and kept the
    /// collector busy), and the appends (a cache miss each, ≈ 45M of them) run on every core, each core on its share of the
    /// lists. For loading a catalog: nothing may match names of that kind while the scope is open.
    /// </summary>
    public IDisposable HoldPostings(EntityKind kind)
    {
        var idx = Of(kind);
        if (idx.Held is not null) throw new InvalidOperationException($"postings of {kind} are held back already");
        idx.Held = new HeldPostings();
        return new Release(() => ReleasePostings(idx));
    }

    sealed class Release(Action release) : IDisposable
    {
        Action? pending = release;
        public void Dispose() => Interlocked.Exchange(ref pending, null)?.Invoke();
    }

    /// <summary>Keys added while postings are held back: per key, its slot, how many lists, their numbers; in blocks, never copied to grow.</summary>
    sealed class HeldPostings
    {
        const int BlockSize = 1 << 20;
        public readonly List<(int[] Items, int Used)> Blocks = [];
        int[] current = [];
        int used;

        public void Add(int slot, ReadOnlySpan<int> numbers)
        {
            if (used + 2 + numbers.Length > current.Length)
            {
                Seal();
                current = new int[Math.Max(BlockSize, 2 + numbers.Length)];
                used = 0;
            }
            current[used] = slot;
            current[used + 1] = numbers.Length;
            numbers.CopyTo(current.AsSpan(used + 2));
            used += 2 + numbers.Length;
        }

        public void Seal()
        {
            if (used > 0) Blocks.Add((current, used));
            current = [];
            used = 0;
        }
    }

    static void ReleasePostings(KindIndex idx)
    {
        var held = idx.Held!;
        idx.Held = null;
        held.Seal();
        var byNumber = new Postings[idx.ByTrigram.Count];
        foreach (var list in idx.ByTrigram.Values) byNumber[list.Number] = list;
        var adds = new int[byNumber.Length];
        foreach (var (items, used) in held.Blocks)
            for (var at = 0; at < used; at += 2 + items[at + 1])
                foreach (var n in items.AsSpan(at + 2, items[at + 1])) adds[n]++;
        foreach (var list in byNumber) list.EnsureCapacity(list.Count + adds[list.Number]); // at most this many: a slot's keys share trigrams
        // Each part appends to the lists whose number it owns, reading every key in order: a list gets its slots in the
        // order they were added, whichever part it falls to.
        var parts = Math.Clamp(Environment.ProcessorCount, 1, 8);
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
        {
            foreach (var (items, used) in held.Blocks)
                for (var at = 0; at < used; at += 2 + items[at + 1])
                {
                    var slot = items[at];
                    foreach (var n in items.AsSpan(at + 2, items[at + 1]))
                        if (n % parts == part && byNumber[n] is var list && (list.Count == 0 || list[^1] != slot)) list.Add(slot);
                }
        });
    }

    public int Count(EntityKind kind) => Of(kind).Entries.Count;

    public Entry? Get(EntityKind kind, long id) => Of(kind).Entries.GetValueOrDefault(id);

    /// <summary>Every key (names and aliases) of a kind with the entity it leads to.</summary>
    public IEnumerable<(string Key, long Id, string Name)> Keys(EntityKind kind)
    {
        var idx = Of(kind);
        foreach (var (key, ids) in idx.ByKey)
            foreach (var id in ids)
            {
                var c = Canonical(kind, id);
                if (idx.Entries.TryGetValue(c, out var e)) yield return (key, c, e.Name);
            }
    }

    public void Add(EntityKind kind, long id, string name, string? country = null, long? mergedInto = null, string? address = null)
    {
        var idx = Of(kind);
        var e = new Entry(id, name, NameNormalizer.Key(name), NameNormalizer.KeyWithQualifiers(name), country, mergedInto, address);
        ref var held = ref CollectionsMarshal.GetValueRefOrAddDefault(idx.Entries, id, out var existed);
        if (existed) idx.MayRepeat = true;
        held = e;
        idx.LastAdded = id;
        ForgetCodes(idx, id);
        AddKey(idx, e.Key, id, e);
        if (e.KeyQ != e.Key) AddKey(idx, e.KeyQ, id, e);
    }

    /// <summary>Another name for an entity we hold (a brand alias, a native-language name).</summary>
    public void AddAlias(EntityKind kind, long id, string alias)
    {
        var idx = Of(kind);
        var key = NameNormalizer.Key(alias);
        if (key.Length == 0) return;
        if (id != idx.LastAdded) idx.MayRepeat = true;
        ForgetCodes(idx, id);
        AddKey(idx, key, id, idx.Entries.GetValueOrDefault(id));
        if (!idx.ExtraKeys.TryGetValue(id, out var list)) idx.ExtraKeys[id] = list = [];
        list.Add(key);
    }

    /// <param name="e">The entity as held now (null: none held yet, as for an alias that came first).</param>
    static void AddKey(KindIndex idx, string key, long id, Entry? e)
    {
        if (key.Length == 0) return;
        Push(idx.ByKey, key, id);
        var compact = NameNormalizer.Compact(key);
        if (compact.Length > 0) Push(idx.ByCompact, compact, id);
        ref var slotAt = ref CollectionsMarshal.GetValueRefOrAddDefault(idx.SlotOf, id, out var seen);
        if (!seen)
        {
            slotAt = idx.SlotIds.Count;
            idx.SlotIds.Add(id);
            idx.SlotCountry.Add(0);
            idx.SlotCodesAt.Add(-1);
            idx.SlotSketch.Add(default);
        }
        var slot = slotAt; // a reference into the table's storage: read before anything else is added there
        idx.SlotCountry[slot] = e is { MergedInto: null, Country: { } country } ? CountryNumber(idx, country) : (short)0;
        var n = key.Length + 1;
        Span<ulong> codes = n <= 256 ? stackalloc ulong[n] : new ulong[n];
        var distinct = FillCodes(key, codes);
        var held = idx.Held;
        Span<int> numbers = idx.NumbersAtAdd || held is not null ? (distinct <= 256 ? stackalloc int[distinct] : new int[distinct]) : default;
        for (var i = 0; i < distinct; i++)
        {
            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(idx.ByTrigram, codes[i], out _);
            list ??= new Postings(idx.ByTrigram.Count - 1); // numbered in the order first held: dense, never reused
            if (held is null && (list.Count == 0 || list[^1] != slot)) list.Add(slot);
            if (numbers.Length > 0) numbers[i] = list.Number;
        }
        held?.Add(slot, numbers);
        if (idx.NumbersAtAdd) PlaceNumbers(idx, slot, fresh: !seen, numbers);
        if (idx.IndexTokens) foreach (var t in NameNormalizer.Tokens(key).Distinct()) Push(idx.ByToken, t, id);
    }

    /// <summary>
    /// A key's numbers onto the end of its slot's keys in the pool: a new slot starts its keys there, and its name with
    /// qualifiers follows at once. Any later key (an alias, a new name) comes after <see cref="ForgetCodes"/>, so that
    /// slot is filled from all its names when next scored; the tail check keeps a slot's keys in one run regardless.
    /// </summary>
    static void PlaceNumbers(KindIndex idx, int slot, bool fresh, Span<int> numbers)
    {
        lock (idx.CodeFill)
        {
            var at = idx.SlotCodesAt[slot];
            var sketch = idx.SlotSketch[slot];
            if (fresh) (at, sketch) = (StartRun(idx, slot), Sketch.Empty);
            else if (at < 0 || idx.PoolTail != slot)
            {
                idx.SlotCodesAt[slot] = -1;
                return;
            }
            AppendKey(idx, at, numbers.Length, numbers, ref sketch); // every trigram of a key just added is held
            Publish(idx, slot, at, sketch);
        }
    }

    /// <summary>A slot's run starts on the end of the pool (the caller holds <c>CodeFill</c>): its key count, 0 so far.</summary>
    static int StartRun(KindIndex idx, int slot)
    {
        Reserve(idx, idx.CodePoolUsed + 1);
        var at = idx.CodePoolUsed++;
        idx.CodePool[at] = 0;
        idx.PoolTail = slot;
        return at;
    }

    /// <summary>
    /// One key on the end of the run at <paramref name="run"/> (which ends the pool): its distinct trigram count, how many
    /// of them are held, the held numbers sorted; the slot's sketch takes it in.
    /// </summary>
    static void AppendKey(KindIndex idx, int run, int distinct, Span<int> held, ref Sketch sketch)
    {
        Reserve(idx, idx.CodePoolUsed + 2 + held.Length);
        var block = idx.CodePool.AsSpan(idx.CodePoolUsed, 2 + held.Length);
        block[0] = distinct;
        block[1] = held.Length;
        held.CopyTo(block[2..]);
        block[2..].Sort();
        idx.CodePoolUsed += block.Length;
        idx.CodePool[run]++;
        sketch = sketch.With(distinct, block[2..]);
    }

    /// <summary>The slot's run and sketch made visible to readers: the sketch first, then where the run starts.</summary>
    static void Publish(KindIndex idx, int slot, int at, Sketch sketch)
    {
        idx.SlotSketch[slot] = sketch;
        Volatile.Write(ref CollectionsMarshal.AsSpan(idx.SlotCodesAt)[slot], at);
    }

    static short CountryNumber(KindIndex idx, string country)
    {
        ref var n = ref CollectionsMarshal.GetValueRefOrAddDefault(idx.CountryNumbers, country, out var known);
        if (!known)
        {
            if (idx.CountryNumbers.Count >= short.MaxValue) throw new InvalidOperationException("more than 32,766 distinct country values in one catalog");
            n = (short)idx.CountryNumbers.Count;
        }
        return n;
    }

    static void ForgetCodes(KindIndex idx, long id)
    {
        if (idx.SlotOf.TryGetValue(id, out var slot)) idx.SlotCodesAt[slot] = -1;
    }

    static void Push(Dictionary<string, Ids> map, string key, long id)
    {
        ref var ids = ref CollectionsMarshal.GetValueRefOrAddDefault(map, key, out _);
        if (ids.Count == 0 || ids.Last != id) ids.Add(id);
    }

    /// <summary>Follows merge redirects to the entity that stands now.</summary>
    public long Canonical(EntityKind kind, long id)
    {
        var idx = Of(kind);
        for (var hops = 0; hops < 20 && idx.Entries.TryGetValue(id, out var e) && e.MergedInto is { } to; hops++) id = to;
        return id;
    }

    /// <summary>
    /// The best matches for a name, best first; exact rules before fuzzy ones. With an address, a same-name entity whose
    /// known address plainly disagrees (the same company's other plant, "Nan Yang Garment" in another town) is only a
    /// candidate, never linked without asking.
    /// </summary>
    public IReadOnlyList<NameMatch> Match(EntityKind kind, string name, string? country = null, int first = 5, string? address = null)
    {
        var idx = Of(kind);
        var key = NameNormalizer.Key(name);
        var keyQ = NameNormalizer.KeyWithQualifiers(name);
        if (key.Length == 0) return [];
        // At most one match per entity, the best score (the first of equal ones); a list, not a hash map: it holds a
        // handful, and this runs once per name of an import.
        var found = new List<NameMatch>();
        int IndexOf(long id)
        {
            for (var i = 0; i < found.Count; i++) if (found[i].Id == id) return i;
            return -1;
        }

        void Consider(long rawId, double score, string rule, bool exact)
        {
            var id = Canonical(kind, rawId);
            if (!idx.Entries.TryGetValue(id, out var e)) return;
            var countriesDisagree = country is not null && e.Country is not null && country != e.Country;
            if (countriesDisagree) { score *= 0.6; rule += "; countries differ"; }
            var addressesDisagree = exact && AddressesDisagree(address, e.Address);
            if (addressesDisagree) { score *= 0.9; rule += "; addresses differ"; }
            var verdict = exact && !countriesDisagree && !addressesDisagree ? MatchVerdict.AutoMatch : MatchVerdict.Candidate;
            if (score < CandidateThreshold) return;
            var at = IndexOf(id);
            if (at < 0) found.Add(new NameMatch(id, e.Name, Math.Round(score, 3), rule, verdict));
            else if (found[at].Score < score) found[at] = new NameMatch(id, e.Name, Math.Round(score, 3), rule, verdict);
        }

        if (idx.ByKey.TryGetValue(key, out var keyIds))
            foreach (var id in keyIds) Consider(id, 1.0, "exact-name", exact: true);
        if (idx.ByKey.TryGetValue(keyQ, out var keyQIds))
            foreach (var id in keyQIds) Consider(id, 0.98, "exact-name-with-qualifier", exact: true);

        Span<char> compact = key.Length <= 256 ? stackalloc char[key.Length] : new char[key.Length];
        if (idx.ByCompact.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(compact[..NameNormalizer.Compact(key, compact)], out var cids))
            foreach (var id in cids) Consider(id, 0.95, "same-letters", exact: true);

        // One name is the other plus more words ("Samsung" / "Samsung Electronics"): the same brand, or a brand and the
        // company that owns it. Only a reviewer can tell, so never more than a candidate.
        if (idx.IndexTokens)
            foreach (var id in ContainsCandidates(idx, key))
                if (IndexOf(Canonical(kind, id)) < 0) Consider(id, 0.7, "one name contains the other (same, or OWNED_BY?)", exact: false);

        if (found.Count < first)
            foreach (var (id, score, _) in TrigramCandidates(idx, key, country, 50))
                if (IndexOf(Canonical(kind, id)) < 0) Consider(id, score, "similar-name", exact: false);

        // Linked first, then by score, then by id: a total order (one match per id), so an unstable sort gives it too.
        found.Sort(static (a, b) =>
        {
            bool linkedA = a.Verdict == MatchVerdict.AutoMatch, linkedB = b.Verdict == MatchVerdict.AutoMatch;
            if (linkedA != linkedB) return linkedA ? -1 : 1;
            var byScore = b.Score.CompareTo(a.Score);
            return byScore != 0 ? byScore : a.Id.CompareTo(b.Id);
        });
        if (found.Count > first) found.RemoveRange(first, found.Count - first);
        return found;
    }

    /// <summary>
    /// Entities whose key is a run of whole words of this key, or whose key has this key as a run of whole words; the
    /// shorter side must be a real name (4+ letters, not only company words) and the longer at most three words more.
    /// </summary>
    static IEnumerable<long> ContainsCandidates(KindIndex idx, string key)
    {
        var mine = NameNormalizer.Tokens(key).ToArray();
        static bool RealName(string[] t) => NameNormalizer.Compact(string.Join(' ', t)).Length >= 4 && t.Any(x => !NameNormalizer.CompanyWords.Contains(x));
        static bool Contains(string[] longer, string[] shorter)
        {
            for (var i = 0; i + shorter.Length <= longer.Length; i++)
                if (longer.AsSpan(i, shorter.Length).SequenceEqual(shorter)) return true;
            return false;
        }
        var result = new HashSet<long>();
        // Shorter held names inside this one.
        for (var len = 1; len < mine.Length; len++)
            for (var i = 0; i + len <= mine.Length; i++)
            {
                var part = mine[i..(i + len)];
                if (RealName(part) && mine.Length - len <= 3 && idx.ByKey.TryGetValue(string.Join(' ', part), out var ids))
                    foreach (var id in ids) result.Add(id);
            }
        // Longer held names around this one, found through this name's rarest word.
        if (RealName(mine))
        {
            var rare = mine.Where(idx.ByToken.ContainsKey).OrderBy(t => idx.ByToken[t].Count).FirstOrDefault();
            if (rare is not null && idx.ByToken[rare].Count <= 200)
                foreach (var id in idx.ByToken[rare])
                {
                    if (!idx.Entries.TryGetValue(id, out var e)) continue;
                    var theirs = NameNormalizer.Tokens(e.Key).ToArray();
                    if (theirs.Length > mine.Length && theirs.Length - mine.Length <= 3 && Contains(theirs, mine)) result.Add(id);
                }
        }
        return result;
    }

    /// <summary>
    /// Blocking: a trigram held by more than this many entities of a kind is no blocking key (a stop-gram, chosen by
    /// document frequency, as stop-words are): reading it would cost a row more the more the catalog holds, and it says
    /// little about which name is meant. Candidates come from the rarest trigrams under this cap, so the work per name
    /// is bounded (at most six lists of this length) however large the catalog grows; Dice still scores every trigram.
    /// The bundled data holds no list this long, so it resolves as before (tested).
    /// </summary>
    public const int StopGramPostings = 1_000;

    /// <summary>Tests: another stop-gram cap (the reference for "resolves as before" is a cap no list reaches).</summary>
    internal int StopGramCap { get; init; } = StopGramPostings;

    [ThreadStatic] static byte[]? countScratch; // all zero between calls; counts stop at 255 (they are compared with at most 6)
    [ThreadStatic] static List<int>? touchedScratch;
    [ThreadStatic] static List<int>? metScratch;
    [ThreadStatic] static int[]? mineScratch;
    [ThreadStatic] static List<(long Id, double Score, int Met)>? scoredScratch;
    [ThreadStatic] static List<List<int>>? readScratch;

    /// <summary>
    /// Dice similarity over trigrams, looked up through the six rarest trigrams of the name that are not stop-grams: an
    /// entity on at least half of those lists is scored. The list is this thread's, good until its next call (a match
    /// reads it at once).
    /// </summary>
    List<(long Id, double Score, int Met)> TrigramCandidates(KindIndex idx, string key, string? country, int limit)
    {
        var scored = scoredScratch ??= [];
        scored.Clear();
        var mine = mineScratch is { } ms && ms.Length >= key.Length + 1 ? ms : mineScratch = new int[Math.Max(256, key.Length + 1)];
        var (rare, need, distinct, held) = BlockingLists(idx, key, mine);
        if (rare.Count < need) return scored;
        // An entity in `need` of the lists is in one of the first (lists - need + 1), the rarest (pigeonhole, when no list
        // holds an entity twice): only those lists add entities; the longer ones only count entities already met. The
        // entities that reach `need`, and the order they are met in, are those of counting every list in full.
        var seeding = idx.MayRepeat || CountEveryList ? rare.Count : rare.Count - need + 1;
        var counts = countScratch is { } cs && cs.Length >= idx.SlotIds.Count ? cs : countScratch = new byte[Math.Max(1024, idx.SlotIds.Count * 2)];
        var touched = touchedScratch ??= [];
        var met = metScratch ??= [];
        met.Clear();
        var counting = Import.ImportProfile.Time("match: trigram counting"); // disposed below, before scoring
        try
        {
            for (var li = 0; li < rare.Count; li++)
            {
                var postings = CollectionsMarshal.AsSpan(rare[li]);
                if (li >= seeding && !idx.MayRepeat)
                    // Only slots met on a seeding list count on: no list holds a slot twice, so a count stays at most
                    // six, and the step is written without a branch (half the slots of a long list are met, half not).
                    foreach (var slot in postings) { var c = counts[slot]; counts[slot] = (byte)(c + ((c + 255) >> 8)); }
                else if (li >= seeding)
                    foreach (var slot in postings) { if (counts[slot] is not (0 or byte.MaxValue)) counts[slot]++; }
                else if (idx.MayRepeat)
                    foreach (var slot in postings)
                    {
                        var c = counts[slot];
                        if (c == 0) touched.Add(slot);
                        if (c != byte.MaxValue) counts[slot] = (byte)(c + 1);
                    }
                else
                {
                    // No list holds a slot twice, so a count stays at most six; written without branches (the first
                    // meeting of a slot is the branch a CPU cannot predict).
                    var at = touched.Count;
                    CollectionsMarshal.SetCount(touched, at + postings.Length);
                    var into = CollectionsMarshal.AsSpan(touched);
                    foreach (var slot in postings)
                    {
                        var c = counts[slot];
                        into[at] = slot;
                        at += c == 0 ? 1 : 0;
                        counts[slot] = (byte)(c + 1);
                    }
                    CollectionsMarshal.SetCount(touched, at);
                }
            }
            // A name in another country is only worth scoring if it could still reach the threshold after the country
            // penalty (x 0.6), which takes Dice 1: the very trigrams of this name, so it is on every list read.
            var countries = CollectionsMarshal.AsSpan(idx.SlotCountry);
            // This name's country by number: -1 when none (every country passes), 0 never matches a held one (none holds it).
            short mineCountry = country is null ? (short)-1 : idx.CountryNumbers.GetValueOrDefault(country, (short)0);
            foreach (var slot in touched)
                if (counts[slot] >= need && (mineCountry < 0 || countries[slot] is var theirs && (theirs == 0 || theirs == mineCountry) || counts[slot] >= rare.Count))
                    met.Add(slot);
            if (Import.ImportProfile.Enabled) { Interlocked.Add(ref Scored, met.Count); Interlocked.Add(ref Counted, touched.Count); }
        }
        finally
        {
            foreach (var slot in touched) counts[slot] = 0;
            touched.Clear();
            counting.Dispose();
        }
        using var scoring = Import.ImportProfile.Time("match: dice");
        // This name's held trigrams by number, sorted (a trigram no entity holds is in no key it is scored against, but it
        // counts in the name's size, so Dice is the same number as over the trigram strings).
        var mineHeld = mine.AsSpan(0, held);
        mineHeld.Sort();
        var buckets = new MineBuckets(mineHeld, ScoreEveryMet);
        // Scores under the threshold are dropped by the caller: leaving them out here changes nothing it keeps (they sort
        // after every score it keeps), and Dice's bound from the two sizes skips most of them without a merge.
        foreach (var slot in met)
            if (BestDice(idx, slot, mineHeld, distinct, buckets) is var score and >= CandidateThreshold) scored.Add((idx.SlotIds[slot], score, scored.Count));
        // Best first; equal scores in the order met (what a stable sort gives: the order is total, so any sort gives it).
        scored.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Met.CompareTo(b.Met));
        if (scored.Count > limit) scored.RemoveRange(limit, scored.Count - limit);
        return scored;
    }

    /// <summary>
    /// The posting lists a name is blocked on, and how many of them an entity must be on: the six rarest of the name's
    /// trigrams that we hold, less the stop-grams among them (read as stop-words are: not part of the query); an
    /// entity on half of the lists read is scored. The list of lists is this thread's, good until its next call. Also
    /// the name's distinct trigram count, and the numbers of those held, into <paramref name="heldNumbers"/> (unsorted).
    /// </summary>
    (List<List<int>> Read, int Need, int Distinct, int Held) BlockingLists(KindIndex idx, string key, Span<int> heldNumbers)
    {
        // The name's distinct trigrams in the order they occur (ties in rarity keep that order).
        var n = key.Length + 1;
        Span<ulong> codes = n <= 256 ? stackalloc ulong[n] : new ulong[n];
        var distinct = 0;
        for (var i = 0; i < n; i++)
        {
            var code = CodeAt(key, i);
            if (!codes[..distinct].Contains(code)) codes[distinct++] = code;
        }
        // The six shortest lists, by insertion (what a stable sort by length then the first six give, without the
        // sort's garbage: this runs once per name): a list goes after every list of its length met before it.
        var read = readScratch ??= new List<List<int>>(7);
        read.Clear();
        var held = 0;
        for (var i = 0; i < distinct; i++)
        {
            if (!idx.ByTrigram.TryGetValue(codes[i], out var l)) continue;
            heldNumbers[held++] = l.Number;
            var at = read.Count;
            while (at > 0 && read[at - 1].Count > l.Count) at--;
            if (at >= 6) continue;
            read.Insert(at, l);
            if (read.Count > 6) read.RemoveAt(6);
        }
        for (var i = read.Count - 1; i >= 0; i--)
            if (read[i].Count > StopGramCap) read.RemoveAt(i);
        return (read, Math.Max(1, read.Count / 2), distinct, held);
    }

    /// <summary>
    /// Tests: whether a name's blocking lists are, list for list and in order, those a stable sort by length, the first
    /// six, less the stop-grams, pick (what <see cref="BlockingLists"/> computed before it kept the six by insertion).
    /// </summary>
    internal bool BlocksAsSorted(EntityKind kind, string name)
    {
        var idx = Of(kind);
        var key = NameNormalizer.Key(name);
        var lists = new List<List<int>>();
        var seen = new List<ulong>();
        for (var i = 0; i < key.Length + 1; i++)
        {
            var code = CodeAt(key, i);
            if (seen.Contains(code)) continue;
            seen.Add(code);
            if (idx.ByTrigram.TryGetValue(code, out var l)) lists.Add(l);
        }
        var sorted = lists.OrderBy(l => l.Count).Take(6).Where(l => l.Count <= StopGramCap).ToList();
        var (read, need, _, _) = BlockingLists(idx, key, new int[key.Length + 1]);
        return read.Count == sorted.Count && read.Zip(sorted).All(p => ReferenceEquals(p.First, p.Second)) && need == Math.Max(1, sorted.Count / 2);
    }

    /// <summary>Tests: how many postings matching this name reads.</summary>
    internal long PostingsRead(EntityKind kind, string name)
    {
        var key = NameNormalizer.Key(name);
        return BlockingLists(Of(kind), key, new int[key.Length + 1]).Read.Sum(l => (long)l.Count);
    }

    /// <summary>Tests: the longest trigram posting list of a kind.</summary>
    internal int LongestPostings(EntityKind kind) => Of(kind).ByTrigram.Values.Select(l => l.Count).DefaultIfEmpty().Max();

    /// <summary>Tests: every trigram posting list of a kind, by trigram, with its number and slots.</summary>
    internal IEnumerable<(ulong Code, int Number, int[] Slots)> PostingsOf(EntityKind kind) =>
        Of(kind).ByTrigram.Select(p => (p.Key, p.Value.Number, p.Value.ToArray()));

    public static long Scored, Counted;

    /// <summary>Tests: count every trigram list in full (the reference the pigeonhole shortcut is checked against).</summary>
    internal bool CountEveryList { get; init; }

    /// <summary>Tests: score every entity met, none ruled out by its sketch (the reference the sketch is checked against).</summary>
    internal bool ScoreEveryMet { get; init; }

    /// <summary>
    /// The best Dice of a name (its held trigram numbers, sorted, and its distinct trigram count) with any key of the entity
    /// in a slot, or 0 when every key stays under the candidate threshold.
    /// </summary>
    static double BestDice(KindIndex idx, int slot, ReadOnlySpan<int> mine, int mineDistinct, in MineBuckets buckets)
    {
        var at = Volatile.Read(ref CollectionsMarshal.AsSpan(idx.SlotCodesAt)[slot]);
        if (at < 0) at = FillSlotCodes(idx, slot);
        if (buckets.RulesOut(idx.SlotSketch[slot], mineDistinct)) return 0; // without reading its keys
        var pool = Volatile.Read(ref idx.CodePool); // read after the slot's place: an array that holds it
        var best = 0.0;
        var keys = pool[at++];
        for (var k = 0; k < keys; k++)
        {
            int distinct = pool[at], held = pool[at + 1];
            best = Math.Max(best, CandidateDice(mine, mineDistinct, pool.AsSpan(at + 2, held), distinct));
            at += 2 + held;
        }
        return best;
    }

    /// <summary>
    /// Which of 128 buckets (a trigram number's low seven bits) an entity's trigram numbers fall in, over all its keys,
    /// and the fewest distinct trigrams of any of its keys. With a name's own count per bucket, it bounds the trigrams
    /// the two can share (only a bucket they both fill can hold a shared one, at most as many as the name has there), so
    /// most entities met on the blocking lists but far from the name are ruled out without reading their keys: the
    /// sketches are a few megabytes read in slot order, the keys a cache miss each.
    /// </summary>
    public readonly struct Sketch(ulong low, ulong high, int fewestDistinct)
    {
        public readonly ulong Low = low, High = high;
        public readonly int FewestDistinct = fewestDistinct;

        /// <summary>The sketch of no keys yet (a run just started).</summary>
        public static readonly Sketch Empty = new(0, 0, int.MaxValue);

        /// <summary>This sketch with one more key: its distinct trigram count and its held numbers.</summary>
        public Sketch With(int distinct, ReadOnlySpan<int> held)
        {
            ulong low = Low, high = High;
            foreach (var n in held)
                if ((n & 64) == 0) low |= 1UL << n; else high |= 1UL << n; // shifts use the low six bits
            return new Sketch(low, high, Math.Min(FewestDistinct, distinct));
        }
    }

    /// <summary>A name's held trigram numbers by bucket, as bitmaps of the buckets holding at least 1, 2, … of them.</summary>
    readonly ref struct MineBuckets
    {
        const int Depth = 8;
        readonly Span<ulong> levels;
        readonly int depth;

        [ThreadStatic] static ulong[]? scratch;

        /// <summary>Good until this thread's next name (it reuses one buffer).</summary>
        public MineBuckets(ReadOnlySpan<int> held, bool off)
        {
            levels = scratch ??= new ulong[2 * Depth];
            levels.Clear();
            if (off) { depth = -1; return; }
            Span<byte> count = stackalloc byte[128];
            foreach (var n in held)
            {
                var c = ++count[n & 127];
                if (c > Depth) { depth = -1; return; } // too many in one bucket to bound this way: rule nothing out
                if ((n & 64) == 0) levels[2 * (c - 1)] |= 1UL << n; else levels[2 * (c - 1) + 1] |= 1UL << n;
                depth = Math.Max(depth, c);
            }
        }

        /// <summary>
        /// Whether no key of the entity can reach the candidate threshold: shared trigrams are at most the name's count in
        /// the buckets the entity fills, and every key has at least the fewest distinct trigrams (a bound, in the same
        /// arithmetic as the score: a key it rules out would score under the threshold).
        /// </summary>
        public bool RulesOut(in Sketch theirs, int mineDistinct)
        {
            if (depth < 0) return false;
            var shared = 0;
            for (var k = 0; k < depth; k++)
                shared += BitOperations.PopCount(levels[2 * k] & theirs.Low) + BitOperations.PopCount(levels[2 * k + 1] & theirs.High);
            var total = mineDistinct + theirs.FewestDistinct;
            return total > 0 && 2.0 * shared / total < CandidateThreshold;
        }
    }

    /// <summary>Puts a slot's keys (name, name with qualifiers if other, aliases) into the pool; returns where they start.</summary>
    static int FillSlotCodes(KindIndex idx, int slot)
    {
        lock (idx.CodeFill)
        {
            var placed = idx.SlotCodesAt[slot];
            if (placed >= 0) return placed;
            var id = idx.SlotIds[slot];
            var e = idx.Entries[id];
            var start = StartRun(idx, slot);
            var sketch = Sketch.Empty;
            void Put(string key)
            {
                var n = key.Length + 1;
                Span<ulong> codes = n <= 256 ? stackalloc ulong[n] : new ulong[n];
                var distinct = FillCodes(key, codes);
                Span<int> numbers = distinct <= 256 ? stackalloc int[distinct] : new int[distinct];
                var held = 0;
                foreach (var code in codes[..distinct])
                    if (idx.ByTrigram.TryGetValue(code, out var l)) numbers[held++] = l.Number;
                AppendKey(idx, start, distinct, numbers[..held], ref sketch);
            }
            Put(e.Key);
            if (e.KeyQ != e.Key) Put(e.KeyQ);
            if (idx.ExtraKeys.TryGetValue(id, out var extra)) foreach (var k in extra) Put(k);
            Publish(idx, slot, start, sketch);
            return start;
        }
    }

    /// <summary>Room in the pool for this many numbers; the old array stays as it was for readers that hold it.</summary>
    static void Reserve(KindIndex idx, int size)
    {
        if (size <= idx.CodePool.Length) return;
        var grown = new int[Math.Max(size, idx.CodePool.Length * 2)];
        idx.CodePool.AsSpan(0, idx.CodePoolUsed).CopyTo(grown);
        Volatile.Write(ref idx.CodePool, grown);
    }

    /// <summary>
    /// Dice over two keys' trigrams, given as the sorted numbers of their held trigrams and their distinct counts; 0
    /// when it stays under the candidate threshold: without merging when even all of the smaller could not reach it
    /// (2·min/(a+b) is the most Dice can be), and as soon as the trigrams left cannot lift it there.
    /// </summary>
    static double CandidateDice(ReadOnlySpan<int> mine, int mineDistinct, ReadOnlySpan<int> theirs, int theirDistinct)
    {
        var total = mineDistinct + theirDistinct;
        if (total == 0) return 0;
        if (2.0 * Math.Min(mineDistinct, theirDistinct) / total < CandidateThreshold) return 0;
        // The fewest shared trigrams that reach the threshold, as the score is computed (no rounding surprise).
        var needed = (int)Math.Ceiling(CandidateThreshold * total / 2);
        while (needed > 0 && 2.0 * (needed - 1) / total >= CandidateThreshold) needed--;
        while (2.0 * needed / total < CandidateThreshold) needed++;
        var common = Common(mine, theirs, needed);
        return common < needed ? 0 : 2.0 * common / total;
    }

    /// <summary>
    /// How many values two sorted distinct arrays share; -1 as soon as the values left cannot bring it to
    /// <paramref name="needed"/> (0: count all).
    /// </summary>
    static int Common<T>(ReadOnlySpan<T> mine, ReadOnlySpan<T> theirs, int needed = 0) where T : struct, IBinaryInteger<T>
    {
        int i = 0, j = 0, common = 0;
        while (i < mine.Length && j < theirs.Length)
        {
            // Without branches: which side moves is what a CPU cannot predict in a merge.
            T a = mine[i], b = theirs[j];
            common += a == b ? 1 : 0;
            i += a <= b ? 1 : 0;
            j += a >= b ? 1 : 0;
            if (common + Math.Min(mine.Length - i, theirs.Length - j) < needed) return -1;
        }
        return common;
    }

    /// <summary>
    /// The distinct trigrams of a key (padded as <see cref="Trigrams"/> pads it), each packed exactly into one number
    /// (three UTF-16 units), sorted: Dice over these equals Dice over the trigram strings, without allocating them.
    /// </summary>
    internal static ulong[] TrigramCodes(string key)
    {
        var n = key.Length + 1; // "  " + key + " " has key.Length + 4 - 2 trigrams
        var codes = new ulong[n];
        var m = FillCodes(key, codes);
        return m == n ? codes : codes[..m];
    }

    /// <summary>The i-th trigram of "  " + key + " ", packed.</summary>
    static ulong CodeAt(string key, int i)
    {
        ulong At(int j) => j < 2 ? ' ' : j - 2 < key.Length ? key[j - 2] : ' ';
        return (At(i) << 32) | (At(i + 1) << 16) | At(i + 2);
    }

    static int FillCodes(string key, Span<ulong> codes)
    {
        var n = key.Length + 1;
        for (var i = 0; i < n; i++) codes[i] = CodeAt(key, i);
        codes[..n].Sort();
        var m = 0;
        for (var i = 0; i < n; i++)
            if (m == 0 || codes[m - 1] != codes[i]) codes[m++] = codes[i];
        return m;
    }

    /// <summary>Dice similarity of a key's trigrams with sorted distinct trigram codes: the same number as <see cref="Dice(HashSet{string}, string)"/>.</summary>
    internal static double Dice(ulong[] mine, string otherKey)
    {
        var n = otherKey.Length + 1;
        Span<ulong> theirs = n <= 256 ? stackalloc ulong[n] : new ulong[n];
        var m = FillCodes(otherKey, theirs);
        if (mine.Length + m == 0) return 0;
        return 2.0 * Common(mine, theirs[..m]) / (mine.Length + m);
    }

    public static double Dice(HashSet<string> a, string otherKey)
    {
        var b = Trigrams(otherKey).ToHashSet();
        if (a.Count + b.Count == 0) return 0;
        var common = a.Count(b.Contains);
        return 2.0 * common / (a.Count + b.Count);
    }

    /// <summary>
    /// Two addresses that both say enough (three words or more after folding) and share almost nothing (trigram
    /// similarity under 0.3), or that both carry numbers, share none of them and are not close (under 0.5): different
    /// places ("27 Phetkasem Rd." and "166-172 Moo 1, Phetkasem Rd."). A short or missing address never disagrees.
    /// </summary>
    public static bool AddressesDisagree(string? a, string? b)
    {
        if (string.IsNullOrWhiteSpace(a) || string.IsNullOrWhiteSpace(b)) return false;
        var fa = NameNormalizer.Fold(a); var fb = NameNormalizer.Fold(b);
        // Folded text is single-spaced: three words or more is two spaces or more.
        if (fa.AsSpan().Count(' ') < 2 || fb.AsSpan().Count(' ') < 2) return false;
        var similarity = Dice(TrigramCodes(fa), fb); // packed codes: the same number as over trigram strings (tested)
        if (similarity < 0.3) return true;
        var na = NumberRegex().Matches(fa).Select(m => m.Value).ToHashSet();
        var nb = NumberRegex().Matches(fb).Select(m => m.Value).ToHashSet();
        return similarity < 0.5 && na.Count > 0 && nb.Count > 0 && !na.Overlaps(nb);
    }

    public static double Similarity(string nameA, string nameB) =>
        Dice(Trigrams(NameNormalizer.Key(nameA)).ToHashSet(), NameNormalizer.Key(nameB));

    public static IEnumerable<string> Trigrams(string key)
    {
        var padded = "  " + key + " ";
        for (var i = 0; i + 3 <= padded.Length; i++) yield return padded.Substring(i, 3);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\d+")] private static partial System.Text.RegularExpressions.Regex NumberRegex();
}
