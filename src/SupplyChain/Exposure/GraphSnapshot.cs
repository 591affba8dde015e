using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;

namespace SupplyChain.Exposure;

/// <summary>A company that a brand's live ownership claims name, with those claims (the evidence every "owned by" shows).</summary>
public sealed record BrandOwner(long CompanyId, string Name, string? CountryCode, IReadOnlyList<long> ClaimIds)
{
    public EntityRef Company => new(EntityKind.Company, CompanyId);
}

/// <summary>
/// The one computed view of the evidence: the claim graph, each brand's owners (from its ownership claims only) and
/// each brand's exposure and status. The search index is built from it and carries it (<see cref="Of"/>), so the
/// index, the target lists, GraphQL and both halves of a brand page read the same snapshot; the change signal
/// (<c>Live/DataRefresh</c>) builds the next one.
/// </summary>
public sealed class GraphSnapshot
{
    public static readonly GraphSnapshot Empty = new(new ClaimGraph(), new Dictionary<long, IReadOnlyList<BrandOwner>>());

    readonly Dictionary<long, IReadOnlyList<BrandOwner>> owners;
    readonly Lazy<ILookup<long, long>> brandsOfCompany;
    // Computed on demand and kept for this snapshot only; a brand's status also travels on its search card.
    readonly ConcurrentDictionary<long, BrandExposure> exposures = new();

    GraphSnapshot(ClaimGraph graph, Dictionary<long, IReadOnlyList<BrandOwner>> owners)
    {
        Graph = graph;
        this.owners = owners;
        brandsOfCompany = new(() => owners.SelectMany(kv => kv.Value.Select(o => (o.CompanyId, Brand: kv.Key))).ToLookup(x => x.CompanyId, x => x.Brand));
    }

    public ClaimGraph Graph { get; }

    /// <summary>The brand's owners, most-cited first (a source may name a licensee as an owner: every one is kept).</summary>
    public IReadOnlyList<BrandOwner> OwnersOf(long brandId) => owners.GetValueOrDefault(brandId) ?? [];

    /// <summary>The brands a company owns per live ownership claims.</summary>
    public IEnumerable<long> BrandsOf(long companyId) => brandsOfCompany.Value[companyId];

    /// <summary>The brand's paths and status, computed once per snapshot.</summary>
    public BrandExposure Exposure(long brandId) => exposures.GetOrAdd(brandId, id => ExposureCalculator.Compute(Graph, id));

    /// <summary>The brand's paths and status, taken from what is held or computed without keeping them (a pass over every brand).</summary>
    public BrandExposure ExposureUnkept(long brandId) =>
        exposures.TryGetValue(brandId, out var held) ? held : ExposureCalculator.Compute(Graph, brandId);

    /// <summary>The brand's status, without keeping its paths (building every card must not hold every brand's paths).</summary>
    public BrandStatus StatusOf(long brandId) => ExposureUnkept(brandId).Status;

    /// <summary>Every response that speaks for the brand: its own, those naming it, its owners' (one rule: <see cref="ClaimGraph"/>).</summary>
    public IReadOnlyList<ResponseEdge> ResponsesFor(long brandId) =>
        Graph.ResponsesBy(new EntityRef(EntityKind.Brand, brandId)).DistinctBy(r => r.Id).OrderBy(r => r.Date ?? "9999").ThenBy(r => r.Id).ToList();

    public static async Task<GraphSnapshot> LoadAsync(SupplyChainDbFactory factory, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        return await LoadAsync(db, ct);
    }

    public static async Task<GraphSnapshot> LoadAsync(SupplyChainDb db, CancellationToken ct = default)
    {
        var graph = await ClaimGraph.LoadAllAsync(db, ct);
        return new GraphSnapshot(graph, await OwnersAsync(db, graph, graph.BrandOwnership().ToList(), ct));
    }

    static async Task<Dictionary<long, IReadOnlyList<BrandOwner>>> OwnersAsync(SupplyChainDb db, ClaimGraph graph,
        List<(EntityRef Brand, EntityRef Company, ClaimEdge Claim)> links, CancellationToken ct)
    {
        var companyIds = links.Select(l => l.Company.Id).Distinct().ToList();
        var companies = new Dictionary<long, (string Name, string? CountryCode)>();
        foreach (var chunk in companyIds.Chunk(1000))
            foreach (var c in await db.Companies.AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, c.Name, c.CountryCode }).ToListAsync(ct))
                companies[c.Id] = (c.Name, c.CountryCode);
        return links.Where(l => companies.ContainsKey(l.Company.Id)).GroupBy(l => l.Brand.Id).ToDictionary(b => b.Key, b => (IReadOnlyList<BrandOwner>)b
            .GroupBy(l => l.Company.Id)
            .Select(c => new BrandOwner(c.Key, companies[c.Key].Name, companies[c.Key].CountryCode, c.Select(l => l.Claim.Id).Order().ToArray()))
            .OrderByDescending(o => o.ClaimIds.Count).ThenBy(o => o.CompanyId).ToArray()); // arrays, not lists: kept per brand as long as the snapshot
    }

    /// <summary>
    /// The snapshot after a patch of its graph (<see cref="ClaimGraph.CopyForPatch"/>): owners recomputed for the brands
    /// whose ownership claims changed, every other owner list shared with this snapshot.
    /// </summary>
    public async Task<GraphSnapshot> PatchedAsync(SupplyChainDb db, ClaimGraph patched, IReadOnlyCollection<long> ownershipChanged, CancellationToken ct)
    {
        var next = new Dictionary<long, IReadOnlyList<BrandOwner>>(owners);
        foreach (var b in ownershipChanged) next.Remove(b);
        var links = ownershipChanged.SelectMany(b => patched.From(new EntityRef(EntityKind.Brand, b)))
            .Where(c => c.Predicate == Predicate.OwnedBy && c.Object.Kind == EntityKind.Company).Select(c => (c.Subject, c.Object, c)).ToList();
        foreach (var (brand, list) in await OwnersAsync(db, patched, links, ct)) next[brand] = list;
        return new GraphSnapshot(patched, next);
    }

    // The snapshot an index was built from travels with it: one volatile read of the index gives both.
    static readonly ConditionalWeakTable<object, GraphSnapshot> ByIndex = new();

    /// <summary>Records that <paramref name="index"/> was built from this snapshot.</summary>
    public void Carry(object index) => ByIndex.AddOrUpdate(index, this);

    /// <summary>The snapshot the index was built from (<see cref="Empty"/> for an index built without one).</summary>
    public static GraphSnapshot Of(object index) => ByIndex.TryGetValue(index, out var s) ? s : Empty;
}
