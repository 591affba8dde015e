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
    // The claims as loaded, frozen and compact (shared by every copy made for a patch), and the lists of the keys changed
    // since: a key here is read from its list alone (an empty list: no claims left). A graph built by Add has only lists.
    readonly EdgeStore store;
    readonly Dictionary<EntityRef, List<ClaimEdge>> bySubject;
    readonly Dictionary<EntityRef, List<ClaimEdge>> byObject;
    Dictionary<EntityRef, List<ResponseEdge>> responsesBy = new();
    readonly TextByEntity storedBaseKeys;
    readonly Dictionary<EntityRef, string> baseKeys; // set since load
    // The ids held, so a claim is added once and taken out only when held. A graph as loaded has none (its ids are the
    // claims table's primary keys, each read once; at 100k brands the set is ≈ 5 MB): it is made from the lists when a
    // patch first changes a copy.
    HashSet<long>? claimIds;
    // In a copy made for a patch, the lists are shared with the graph copied until one is changed (then copied first).
    readonly HashSet<EntityRef>? ownSubject, ownObject;

    public ClaimGraph() : this(EdgeStore.Empty, TextByEntity.Empty) { }

    ClaimGraph(EdgeStore store, TextByEntity storedBaseKeys)
    {
        this.store = store; this.storedBaseKeys = storedBaseKeys;
        bySubject = new(); byObject = new(); baseKeys = new();
    }

    ClaimGraph(ClaimGraph from)
    {
        store = from.store; storedBaseKeys = from.storedBaseKeys;
        bySubject = new(from.bySubject); byObject = new(from.byObject); baseKeys = new(from.baseKeys);
        claimIds = from.claimIds is { } ids ? new(ids) : from.IdsInLists();
        responsesBy = from.responsesBy;
        ownSubject = []; ownObject = [];
    }

    /// <summary>A copy to change while readers keep using this graph: dictionaries copied, lists shared until changed.</summary>
    public ClaimGraph CopyForPatch() => new(this);

    /// <summary>Every claim held is in its subject's list.</summary>
    HashSet<long> IdsInLists() => Subjects().SelectMany(s => s.Claims).Select(c => c.Id).ToHashSet();

    HashSet<long> ClaimIds => claimIds ??= IdsInLists();

    /// <summary>
    /// Every subject with claims, and its claims, in the order a dictionary filled claim by claim held them: the store's
    /// subjects by their first claim (a changed one with its list, in the same place), then subjects only changes hold.
    /// </summary>
    IEnumerable<(EntityRef Subject, IReadOnlyList<ClaimEdge> Claims)> Subjects(EntityKind? kind = null)
    {
        foreach (var (subject, claims) in store.Subjects(kind))
            if (!bySubject.TryGetValue(subject, out var changed)) yield return (subject, claims);
            else if (changed.Count > 0) yield return (subject, changed);
        foreach (var (subject, changed) in bySubject)
            if (changed.Count > 0 && (kind is null || subject.Kind == kind) && !store.HoldsSubject(subject)) yield return (subject, changed);
    }

    /// <summary>
    /// A subject's place in <see cref="Subjects"/> order, for ordering a few of them without walking all: the store's
    /// subjects by their first claim, then the rest (<see cref="int.MaxValue"/>, kept in the order given).
    /// </summary>
    public int SubjectRank(EntityRef e) => store.FirstRowOf(e) is var row and >= 0 ? row : int.MaxValue;

    public void Add(ClaimEdge c)
    {
        if (!c.Status.IsLive() || !PathPredicates.Contains(c.Predicate) || !ClaimIds.Add(c.Id)) return;
        Own(bySubject, ownSubject, c.Subject, store.From).Add(c);
        Own(byObject, ownObject, c.Object, store.To).Add(c);
    }

    /// <summary>Takes a claim out (retracted, superseded); its subject and object are where it was added.</summary>
    public void Remove(long claimId, EntityRef subject, EntityRef obj)
    {
        if (!ClaimIds.Remove(claimId)) return;
        Own(bySubject, ownSubject, subject, store.From).RemoveAll(c => c.Id == claimId);
        Own(byObject, ownObject, obj, store.To).RemoveAll(c => c.Id == claimId);
    }

    /// <summary>
    /// The key's list, to change: a List of this graph's own (the store's claims, or a list a patch's copy shares, are
    /// copied first). A list left empty stays, so the store's claims of that key stay hidden.
    /// </summary>
    static List<ClaimEdge> Own(Dictionary<EntityRef, List<ClaimEdge>> map, HashSet<EntityRef>? own, EntityRef key, Func<EntityRef, IReadOnlyList<ClaimEdge>> stored)
    {
        var shared = own is not null && own.Add(key); // first change of this key in a copy: the list is the copied graph's
        if (map.TryGetValue(key, out var held)) return shared ? map[key] = new List<ClaimEdge>(held) : held;
        return map[key] = new List<ClaimEdge>(stored(key));
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
    public string? BaseKey(EntityRef e) => baseKeys.TryGetValue(e, out var key) ? key : storedBaseKeys.Get(e);

    public IReadOnlyList<ClaimEdge> From(EntityRef e) => bySubject.TryGetValue(e, out var l) ? l : store.From(e);
    public IReadOnlyList<ClaimEdge> To(EntityRef e) => byObject.TryGetValue(e, out var l) ? l : store.To(e);
    public IReadOnlyList<ResponseEdge> ResponsesBy(EntityRef e) => responsesBy.TryGetValue(e, out var l) ? l : [];

    /// <summary>Every live claim that a company owns a brand: the only source of "owned by" anywhere.</summary>
    public IEnumerable<(EntityRef Brand, EntityRef Company, ClaimEdge Claim)> BrandOwnership() =>
        Subjects(EntityKind.Brand).SelectMany(s => s.Claims)
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
        // Dates and publishers repeat on every claim of a source: the store holds one object per distinct set.
        var claims = new EdgeStore.Builder();
        var edges = db.Claims.AsNoTracking()
            .Where(c => ClaimStatuses.Live.Contains(c.Status) && PathPredicates.Contains(c.Predicate))
            .Select(c => new ClaimEdge(c.Id, new EntityRef(c.SubjectKind, c.SubjectId), c.Predicate, new EntityRef(c.ObjectKind, c.ObjectId),
                c.Confidence, c.PeriodFrom, c.PeriodTo, c.Source!.Published, c.Status, c.Source.Publisher))
            .AsAsyncEnumerable();
        // Each id once (the primary key), so no set of ids is kept.
        await foreach (var e in edges.WithCancellation(ct))
            if (e.Status.IsLive() && PathPredicates.Contains(e.Predicate)) claims.Add(e);
        // Name keys too, so endings and denials are placed exactly as on a brand page (same status everywhere).
        var keys = new List<(EntityRef, string?)>();
        foreach (var f in await db.Facilities.AsNoTracking().Select(f => new { f.Id, f.NameKey }).ToListAsync(ct))
            keys.Add((new EntityRef(EntityKind.Facility, f.Id), f.NameKey));
        foreach (var c in await db.Companies.AsNoTracking().Select(c => new { c.Id, c.NameKey }).ToListAsync(ct))
            keys.Add((new EntityRef(EntityKind.Company, c.Id), c.NameKey));
        var g = new ClaimGraph(claims.Build(), TextByEntity.Of(keys));
        g.ReplaceResponses(await ResponseEdgesAsync(db, g, ct));
        return g;
    }
}
