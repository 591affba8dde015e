using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;

namespace SupplyChain.Exposure;

public readonly record struct EntityRef(EntityKind Kind, long Id)
{
    public override string ToString() => $"{Kind}:{Id}";
}

/// <summary>The few fields of a claim that paths are built from.</summary>
public sealed record ClaimEdge(long Id, EntityRef Subject, Predicate Predicate, EntityRef Object, Confidence Confidence,
    string? PeriodFrom, string? PeriodTo, string? SourcePublished, ClaimStatus Status, string? SourcePublisher = null);

/// <summary>A response reduced to what paths need: who, which stance, about which entities, when.</summary>
public sealed record ResponseEdge(long Id, EntityRef Responder, Stance Stance, string? Date, IReadOnlyList<EntityRef> About, IReadOnlyList<EntityRef> SpeaksFor,
    string ResponderName = "");

/// <summary>Claims and responses indexed by subject and object, for all brands at once (see <see cref="GraphSnapshot"/>).</summary>
public sealed class ClaimGraph
{
    readonly Dictionary<EntityRef, List<ClaimEdge>> bySubject = new();
    readonly Dictionary<EntityRef, List<ClaimEdge>> byObject = new();
    readonly Dictionary<EntityRef, List<ResponseEdge>> responsesBy = new();
    readonly Dictionary<EntityRef, string> baseKeys = new();
    readonly HashSet<long> claimIds = new();

    public void Add(ClaimEdge c)
    {
        if (!c.Status.IsLive() || !claimIds.Add(c.Id)) return;
        Push(bySubject, c.Subject, c);
        Push(byObject, c.Object, c);
    }

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

    static readonly Predicate[] PathPredicates =
        [Predicate.SourcesFrom, Predicate.OwnedBy, Predicate.ReceivedTransferredWorkers, Predicate.ListedOn, Predicate.EndedRelationship, Predicate.CommittedToEnd, Predicate.Other, Predicate.NamedIn];

    /// <summary>
    /// Which brands a response speaks for: those it names in a "for" subject, and every brand its responding company owns
    /// per a live ownership claim (the claim is the evidence for that). The one place this rule is written.
    /// </summary>
    static ResponseEdge ToEdge(CompanyResponse r, IReadOnlyDictionary<long, List<long>> brandsOfCompany)
    {
        var speaksFor = r.Subjects.Where(s => s.Role == SubjectRole.For).Select(s => new EntityRef(s.EntityKind, s.EntityId)).ToList();
        if (r.ResponderKind == EntityKind.Company && brandsOfCompany.TryGetValue(r.ResponderId, out var owned))
            speaksFor.AddRange(owned.Select(b => new EntityRef(EntityKind.Brand, b)).Where(b => !speaksFor.Contains(b)));
        return new ResponseEdge(r.Id, new EntityRef(r.ResponderKind, r.ResponderId), r.Stance, r.StatementDate ?? r.Source?.Published,
            r.Subjects.Where(s => s.Role == SubjectRole.About).Select(s => new EntityRef(s.EntityKind, s.EntityId)).ToList(), speaksFor, r.ResponderAsPublished);
    }

    /// <summary>Every claim and response that paths use, for computing all brands' statuses at once.</summary>
    public static async Task<ClaimGraph> LoadAllAsync(SupplyChainDb db, CancellationToken ct = default)
    {
        var g = new ClaimGraph();
        var edges = db.Claims.AsNoTracking()
            .Where(c => ClaimStatuses.Live.Contains(c.Status) && PathPredicates.Contains(c.Predicate))
            .Select(c => new ClaimEdge(c.Id, new EntityRef(c.SubjectKind, c.SubjectId), c.Predicate, new EntityRef(c.ObjectKind, c.ObjectId),
                c.Confidence, c.PeriodFrom, c.PeriodTo, c.Source!.Published, c.Status, c.Source.Publisher))
            .AsAsyncEnumerable();
        await foreach (var e in edges.WithCancellation(ct)) g.Add(e);
        var brandsOfCompany = g.BrandOwnership().GroupBy(o => o.Company.Id)
            .ToDictionary(x => x.Key, x => x.Select(o => o.Brand.Id).Distinct().ToList());
        foreach (var r in await db.Responses.AsNoTracking().Include(r => r.Subjects).Include(r => r.Source).ToListAsync(ct))
            g.Add(ToEdge(r, brandsOfCompany));
        // Name keys too, so endings and denials are placed exactly as on a brand page (same status everywhere).
        foreach (var f in await db.Facilities.AsNoTracking().Select(f => new { f.Id, f.NameKey }).ToListAsync(ct))
            g.SetBaseKey(new EntityRef(EntityKind.Facility, f.Id), f.NameKey);
        foreach (var c in await db.Companies.AsNoTracking().Select(c => new { c.Id, c.NameKey }).ToListAsync(ct))
            g.SetBaseKey(new EntityRef(EntityKind.Company, c.Id), c.NameKey);
        return g;
    }
}
