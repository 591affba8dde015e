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

/// <summary>Claims indexed by subject and object. Built for one brand (page) or for all (search index).</summary>
public sealed class ClaimGraph
{
    readonly Dictionary<EntityRef, List<ClaimEdge>> bySubject = new();
    readonly Dictionary<EntityRef, List<ClaimEdge>> byObject = new();
    readonly Dictionary<EntityRef, List<ResponseEdge>> responsesBy = new();
    readonly Dictionary<EntityRef, string> baseKeys = new();
    readonly HashSet<long> claimIds = new();

    public void Add(ClaimEdge c)
    {
        if (c.Status is not (ClaimStatus.Active or ClaimStatus.Disputed) || !claimIds.Add(c.Id)) return;
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

    static void Push<T>(Dictionary<EntityRef, List<T>> map, EntityRef key, T value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }

    static readonly Predicate[] PathPredicates =
        [Predicate.SourcesFrom, Predicate.OwnedBy, Predicate.ReceivedTransferredWorkers, Predicate.ListedOn, Predicate.EndedRelationship, Predicate.CommittedToEnd, Predicate.Other, Predicate.NamedIn];

    /// <summary>Loads what a brand's paths can touch: its claims, its suppliers' claims, and two ownership hops around them.</summary>
    public static async Task<ClaimGraph> LoadForBrandAsync(SupplyChainDb db, long brandId, long? ownerCompanyId, CancellationToken ct = default)
    {
        var g = new ClaimGraph();
        var brand = new EntityRef(EntityKind.Brand, brandId);
        var seen = new HashSet<EntityRef> { brand };
        foreach (var c in await QueryAsync(db, [brand], subjectsOnly: true, ct)) g.Add(c);
        var frontier = g.From(brand).Where(c => c.Predicate is Predicate.SourcesFrom or Predicate.EndedRelationship or Predicate.CommittedToEnd or Predicate.Other)
            .Select(c => c.Object).Where(seen.Add).ToList();
        for (var level = 0; level < 3 && frontier.Count > 0; level++)
        {
            foreach (var c in await QueryAsync(db, frontier, subjectsOnly: false, ct)) g.Add(c);
            frontier = frontier.SelectMany(e => g.From(e).Where(c => c.Predicate == Predicate.OwnedBy).Select(c => c.Object)
                    .Concat(g.To(e).Where(c => c.Predicate == Predicate.OwnedBy).Select(c => c.Subject)))
                .Where(seen.Add).ToList();
        }
        var responders = new List<long> { brandId };
        var rq = db.Responses.AsNoTracking().Include(r => r.Subjects).Include(r => r.Source) // its date, as LoadAllAsync reads it
            .Where(r => (r.ResponderKind == EntityKind.Brand && r.ResponderId == brandId)
                        || r.Subjects.Any(s => s.Role == "for" && s.EntityKind == EntityKind.Brand && s.EntityId == brandId)
                        || (ownerCompanyId != null && r.ResponderKind == EntityKind.Company && r.ResponderId == ownerCompanyId));
        foreach (var r in await rq.ToListAsync(ct)) g.Add(ToEdge(r, brandId, ownerCompanyId));
        await LoadBaseKeysAsync(db, g, seen, ct);
        return g;
    }

    internal static ResponseEdge ToEdge(CompanyResponse r, long? brandId = null, long? ownerCompanyId = null)
    {
        var speaksFor = r.Subjects.Where(s => s.Role == "for").Select(s => new EntityRef(s.EntityKind, s.EntityId)).ToList();
        // A parent's answer reaches the brand it owns (the ownership claim is the evidence for that).
        if (brandId is { } b && ownerCompanyId is { } o && r.ResponderKind == EntityKind.Company && r.ResponderId == o)
            speaksFor.Add(new EntityRef(EntityKind.Brand, b));
        return new ResponseEdge(r.Id, new EntityRef(r.ResponderKind, r.ResponderId), r.Stance, r.StatementDate ?? r.Source?.Published,
            r.Subjects.Where(s => s.Role == "about").Select(s => new EntityRef(s.EntityKind, s.EntityId)).ToList(), speaksFor, r.ResponderAsPublished);
    }

    static async Task<List<ClaimEdge>> QueryAsync(SupplyChainDb db, List<EntityRef> refs, bool subjectsOnly, CancellationToken ct)
    {
        var result = new List<ClaimEdge>();
        foreach (var group in refs.GroupBy(r => r.Kind))
        {
            var kind = group.Key;
            var ids = group.Select(r => r.Id).ToList();
            var q = db.Claims.AsNoTracking().Where(c => c.Status == ClaimStatus.Active || c.Status == ClaimStatus.Disputed);
            q = subjectsOnly
                ? q.Where(c => c.SubjectKind == kind && ids.Contains(c.SubjectId))
                : q.Where(c => (c.SubjectKind == kind && ids.Contains(c.SubjectId)) || (c.ObjectKind == kind && ids.Contains(c.ObjectId)));
            result.AddRange(await q.Where(c => PathPredicates.Contains(c.Predicate))
                .Select(c => new ClaimEdge(c.Id, new EntityRef(c.SubjectKind, c.SubjectId), c.Predicate, new EntityRef(c.ObjectKind, c.ObjectId),
                    c.Confidence, c.PeriodFrom, c.PeriodTo, c.Source!.Published, c.Status, c.Source.Publisher))
                .ToListAsync(ct));
        }
        return result;
    }

    static async Task LoadBaseKeysAsync(SupplyChainDb db, ClaimGraph g, HashSet<EntityRef> refs, CancellationToken ct)
    {
        var facilityIds = refs.Where(r => r.Kind == EntityKind.Facility).Select(r => r.Id).ToList();
        var companyIds = refs.Where(r => r.Kind == EntityKind.Company).Select(r => r.Id).ToList();
        // Also every entity a claim touches from here, so denials about a sibling name can be placed.
        foreach (var e in g.bySubject.Values.SelectMany(l => l).SelectMany(c => new[] { c.Subject, c.Object }))
        {
            if (e.Kind == EntityKind.Facility) facilityIds.Add(e.Id);
            else if (e.Kind == EntityKind.Company) companyIds.Add(e.Id);
        }
        foreach (var f in await db.Facilities.AsNoTracking().Where(f => facilityIds.Contains(f.Id)).Select(f => new { f.Id, f.NameKey }).ToListAsync(ct))
            g.SetBaseKey(new EntityRef(EntityKind.Facility, f.Id), f.NameKey);
        foreach (var c in await db.Companies.AsNoTracking().Where(c => companyIds.Contains(c.Id)).Select(c => new { c.Id, c.NameKey }).ToListAsync(ct))
            g.SetBaseKey(new EntityRef(EntityKind.Company, c.Id), c.NameKey);
    }

    /// <summary>Every claim and response that paths use, for computing all brands' statuses at once.</summary>
    public static async Task<ClaimGraph> LoadAllAsync(SupplyChainDb db, CancellationToken ct = default)
    {
        var g = new ClaimGraph();
        var edges = db.Claims.AsNoTracking()
            .Where(c => (c.Status == ClaimStatus.Active || c.Status == ClaimStatus.Disputed) && PathPredicates.Contains(c.Predicate))
            .Select(c => new ClaimEdge(c.Id, new EntityRef(c.SubjectKind, c.SubjectId), c.Predicate, new EntityRef(c.ObjectKind, c.ObjectId),
                c.Confidence, c.PeriodFrom, c.PeriodTo, c.Source!.Published, c.Status, c.Source.Publisher))
            .AsAsyncEnumerable();
        await foreach (var e in edges.WithCancellation(ct)) g.Add(e);
        var owners = await db.Brands.AsNoTracking().Where(b => b.OwnerCompanyId != null).Select(b => new { b.Id, b.OwnerCompanyId }).ToListAsync(ct);
        var ownedBy = owners.GroupBy(o => o.OwnerCompanyId!.Value).ToDictionary(x => x.Key, x => x.Select(o => o.Id).ToList());
        foreach (var r in await db.Responses.AsNoTracking().Include(r => r.Subjects).Include(r => r.Source).ToListAsync(ct))
        {
            var edge = ToEdge(r);
            if (r.ResponderKind == EntityKind.Company && ownedBy.TryGetValue(r.ResponderId, out var brands))
                edge = edge with { SpeaksFor = edge.SpeaksFor.Concat(brands.Select(b => new EntityRef(EntityKind.Brand, b))).ToList() };
            g.Add(edge);
        }
        // Name keys too, so endings and denials are placed exactly as on a brand page (same status everywhere).
        foreach (var f in await db.Facilities.AsNoTracking().Select(f => new { f.Id, f.NameKey }).ToListAsync(ct))
            g.SetBaseKey(new EntityRef(EntityKind.Facility, f.Id), f.NameKey);
        foreach (var c in await db.Companies.AsNoTracking().Select(c => new { c.Id, c.NameKey }).ToListAsync(ct))
            g.SetBaseKey(new EntityRef(EntityKind.Company, c.Id), c.NameKey);
        return g;
    }
}
