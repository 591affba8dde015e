using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;

namespace SupplyChain.Exposure;

public readonly record struct EntityRef(EntityKind Kind, long Id)
{
    public override string ToString() => $"{Kind}:{Id}";
}

/// <summary>
/// The dates and publisher of a claim's edge: thousands of claims of one source share them, so the graph holds one
/// object per distinct set (<see cref="ClaimGraph.LoadAllAsync"/>) instead of four references per claim.
/// </summary>
public sealed record ClaimDates(string? PeriodFrom, string? PeriodTo, string? SourcePublished, string? SourcePublisher);

/// <summary>The few fields of a claim that paths are built from.</summary>
public sealed record ClaimEdge(long Id, EntityRef Subject, Predicate Predicate, EntityRef Object, Confidence Confidence, ClaimStatus Status, ClaimDates Dates)
{
    public ClaimEdge(long id, EntityRef subject, Predicate predicate, EntityRef obj, Confidence confidence,
        string? periodFrom, string? periodTo, string? sourcePublished, ClaimStatus status, string? sourcePublisher = null)
        : this(id, subject, predicate, obj, confidence, status, new ClaimDates(periodFrom, periodTo, sourcePublished, sourcePublisher)) { }

    public string? PeriodFrom => Dates.PeriodFrom;
    public string? PeriodTo => Dates.PeriodTo;
    public string? SourcePublished => Dates.SourcePublished;
    public string? SourcePublisher => Dates.SourcePublisher;
}

/// <summary>A response reduced to what paths need: who, which stance, about which entities, when.</summary>
public sealed record ResponseEdge(long Id, EntityRef Responder, Stance Stance, string? Date, IReadOnlyList<EntityRef> About, IReadOnlyList<EntityRef> SpeaksFor,
    string ResponderName = "");

/// <summary>Claims and responses indexed by subject and object, for all brands at once (see <see cref="GraphSnapshot"/>).</summary>
public sealed class ClaimGraph
{
    // A graph as loaded holds arrays (≈ 117k keys at 100k brands: a List object each is ≈ 4 MB); a list changed by
    // Add or Remove is a List from then on (see Own).
    readonly Dictionary<EntityRef, IReadOnlyList<ClaimEdge>> bySubject;
    readonly Dictionary<EntityRef, IReadOnlyList<ClaimEdge>> byObject;
    Dictionary<EntityRef, List<ResponseEdge>> responsesBy = new();
    readonly Dictionary<EntityRef, string> baseKeys;
    // The ids held, so a claim is added once and taken out only when held. A graph as loaded has none (its ids are the
    // claims table's primary keys, each read once; at 100k brands the set is ≈ 5 MB): it is made from the lists when a
    // patch first changes a copy.
    HashSet<long>? claimIds;
    // In a copy made for a patch, the lists are shared with the graph copied until one is changed (then copied first).
    readonly HashSet<EntityRef>? ownSubject, ownObject;

    public ClaimGraph()
    {
        bySubject = new(); byObject = new(); baseKeys = new();
    }

    ClaimGraph(ClaimGraph from)
    {
        bySubject = new(from.bySubject); byObject = new(from.byObject); baseKeys = new(from.baseKeys);
        claimIds = from.claimIds is { } ids ? new(ids) : from.IdsInLists();
        responsesBy = from.responsesBy;
        ownSubject = []; ownObject = [];
    }

    /// <summary>A copy to change while readers keep using this graph: dictionaries copied, lists shared until changed.</summary>
    public ClaimGraph CopyForPatch() => new(this);

    /// <summary>Every claim held is in its subject's list.</summary>
    HashSet<long> IdsInLists() => bySubject.Values.SelectMany(l => l).Select(c => c.Id).ToHashSet();

    HashSet<long> ClaimIds => claimIds ??= IdsInLists();

    public void Add(ClaimEdge c)
    {
        if (!c.Status.IsLive() || !PathPredicates.Contains(c.Predicate) || !ClaimIds.Add(c.Id)) return;
        Own(bySubject, ownSubject, c.Subject).Add(c);
        Own(byObject, ownObject, c.Object).Add(c);
    }

    /// <summary>Adds a claim read by <see cref="LoadAllAsync"/>: each id once (the primary key), so no set of ids is kept.</summary>
    void AddLoaded(ClaimEdge c)
    {
        if (!c.Status.IsLive() || !PathPredicates.Contains(c.Predicate)) return;
        Own(bySubject, ownSubject, c.Subject).Add(c);
        Own(byObject, ownObject, c.Object).Add(c);
    }

    /// <summary>Takes a claim out (retracted, superseded); its subject and object are where it was added.</summary>
    public void Remove(long claimId, EntityRef subject, EntityRef obj)
    {
        if (!ClaimIds.Remove(claimId)) return;
        Own(bySubject, ownSubject, subject).RemoveAll(c => c.Id == claimId);
        Own(byObject, ownObject, obj).RemoveAll(c => c.Id == claimId);
        if (bySubject[subject].Count == 0) bySubject.Remove(subject);
        if (byObject[obj].Count == 0) byObject.Remove(obj);
    }

    /// <summary>The key's list, to change: a List of this graph's own (an array, or a list a patch's copy shares, is copied first).</summary>
    static List<ClaimEdge> Own(Dictionary<EntityRef, IReadOnlyList<ClaimEdge>> map, HashSet<EntityRef>? own, EntityRef key)
    {
        if (!map.TryGetValue(key, out var held)) { var fresh = new List<ClaimEdge>(); map[key] = fresh; own?.Add(key); return fresh; }
        var shared = own is not null && own.Add(key); // first change of this key in a copy: the list is the copied graph's
        if (held is List<ClaimEdge> list && !shared) return list;
        var copy = new List<ClaimEdge>(held);
        map[key] = copy;
        return copy;
    }

    /// <summary>Every response edge again (a patch reloads them all: they are few, and ownership decides whom they speak for).</summary>
    public void ReplaceResponses(IEnumerable<ResponseEdge> edges)
    {
        responsesBy = new();
        foreach (var r in edges) Add(r);
    }

    /// <summary>Brands with responses, and the ids of the responses each has (to see whose changed after a patch).</summary>
    public IEnumerable<(long Brand, IEnumerable<long> Responses)> BrandResponses() =>
        responsesBy.Where(kv => kv.Key.Kind == EntityKind.Brand).Select(kv => (kv.Key.Id, kv.Value.Select(r => r.Id)));

    public void Add(ResponseEdge r)
    {
        Push(responsesBy, r.Responder, r);
        foreach (var brand in r.SpeaksFor) Push(responsesBy, brand, r);
    }

    /// <summary>Name key without qualifiers, to place a denial about "Huafu (Anhui factory)" beside the step to "Huafu Fashion Co.".</summary>
    public void SetBaseKey(EntityRef e, string key) => baseKeys[e] = key;
    public string? BaseKey(EntityRef e) => baseKeys.GetValueOrDefault(e);

    public IReadOnlyList<ClaimEdge> From(EntityRef e) => bySubject.TryGetValue(e, out var l) ? l : [];
    public IReadOnlyList<ClaimEdge> To(EntityRef e) => byObject.TryGetValue(e, out var l) ? l : [];
    public IReadOnlyList<ResponseEdge> ResponsesBy(EntityRef e) => responsesBy.TryGetValue(e, out var l) ? l : [];

    /// <summary>Every live claim that a company owns a brand: the only source of "owned by" anywhere.</summary>
    public IEnumerable<(EntityRef Brand, EntityRef Company, ClaimEdge Claim)> BrandOwnership() =>
        bySubject.Where(kv => kv.Key.Kind == EntityKind.Brand).SelectMany(kv => kv.Value)
            .Where(c => c.Predicate == Predicate.OwnedBy && c.Object.Kind == EntityKind.Company).Select(c => (c.Subject, c.Object, c));

    static void Push<T>(Dictionary<EntityRef, List<T>> map, EntityRef key, T value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }

    public static readonly Predicate[] PathPredicates =
        [Predicate.SourcesFrom, Predicate.OwnedBy, Predicate.ReceivedTransferredWorkers, Predicate.ListedOn, Predicate.EndedRelationship, Predicate.CommittedToEnd, Predicate.Other, Predicate.NamedIn];

    /// <summary>
    /// Which brands a response speaks for: those it names in a "for" subject, and every brand its responding company owns
    /// per a live ownership claim (the claim is the evidence for that). The one place this rule is written.
    /// </summary>
    static ResponseEdge ToEdge(CompanyResponse r, Dictionary<long, List<long>> brandsOfCompany)
    {
        var speaksFor = r.Subjects.Where(s => s.Role == SubjectRole.For).Select(s => new EntityRef(s.EntityKind, s.EntityId)).ToList();
        if (r.ResponderKind == EntityKind.Company && brandsOfCompany.TryGetValue(r.ResponderId, out var owned))
            speaksFor.AddRange(owned.Select(b => new EntityRef(EntityKind.Brand, b)).Where(b => !speaksFor.Contains(b)));
        return new ResponseEdge(r.Id, new EntityRef(r.ResponderKind, r.ResponderId), r.Stance, r.StatementDate ?? r.Source?.Published,
            r.Subjects.Where(s => s.Role == SubjectRole.About).Select(s => new EntityRef(s.EntityKind, s.EntityId)).ToList(), speaksFor, r.ResponderAsPublished);
    }

    /// <summary>Every response as an edge, speaking for the brands its responding company owns per this graph's ownership claims.</summary>
    public static async Task<List<ResponseEdge>> ResponseEdgesAsync(SupplyChainDb db, ClaimGraph g, CancellationToken ct)
    {
        var responses = await db.Responses.AsNoTracking().Include(r => r.Subjects).Include(r => r.Source).ToListAsync(ct);
        var brandsOfCompany = responses.Where(r => r.ResponderKind == EntityKind.Company).Select(r => r.ResponderId).Distinct()
            .ToDictionary(id => id, id => g.To(new EntityRef(EntityKind.Company, id))
                .Where(c => c.Predicate == Predicate.OwnedBy && c.Subject.Kind == EntityKind.Brand).Select(c => c.Subject.Id).Distinct().ToList());
        return responses.Select(r => ToEdge(r, brandsOfCompany)).ToList();
    }

    /// <summary>Every claim and response that paths use, for computing all brands' statuses at once.</summary>
    public static async Task<ClaimGraph> LoadAllAsync(SupplyChainDb db, CancellationToken ct = default)
    {
        var g = new ClaimGraph();
        // Dates and publishers repeat on every claim of a source: one object per distinct set, not one per claim read.
        var pool = new Dictionary<ClaimDates, ClaimDates>();
        ClaimDates Pooled(ClaimDates d) => pool.TryGetValue(d, out var held) ? held : pool[d] = d;
        var edges = db.Claims.AsNoTracking()
            .Where(c => ClaimStatuses.Live.Contains(c.Status) && PathPredicates.Contains(c.Predicate))
            .Select(c => new ClaimEdge(c.Id, new EntityRef(c.SubjectKind, c.SubjectId), c.Predicate, new EntityRef(c.ObjectKind, c.ObjectId),
                c.Confidence, c.PeriodFrom, c.PeriodTo, c.Source!.Published, c.Status, c.Source.Publisher))
            .AsAsyncEnumerable();
        await foreach (var e in edges.WithCancellation(ct))
            g.AddLoaded(e with { Dates = Pooled(e.Dates) });
        g.ReplaceResponses(await ResponseEdgesAsync(db, g, ct));
        // Name keys too, so endings and denials are placed exactly as on a brand page (same status everywhere).
        foreach (var f in await db.Facilities.AsNoTracking().Select(f => new { f.Id, f.NameKey }).ToListAsync(ct))
            g.SetBaseKey(new EntityRef(EntityKind.Facility, f.Id), f.NameKey);
        foreach (var c in await db.Companies.AsNoTracking().Select(c => new { c.Id, c.NameKey }).ToListAsync(ct))
            g.SetBaseKey(new EntityRef(EntityKind.Company, c.Id), c.NameKey);
        // The lists grew by doubling while loading; the graph is kept as long as its index: arrays of the exact length.
        Freeze(g.bySubject);
        Freeze(g.byObject);
        return g;
    }

    static void Freeze(Dictionary<EntityRef, IReadOnlyList<ClaimEdge>> map)
    {
        foreach (var key in map.Keys.ToArray())
            if (map[key] is List<ClaimEdge> list) map[key] = list.ToArray();
    }
}
