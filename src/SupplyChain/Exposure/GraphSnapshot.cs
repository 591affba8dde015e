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
    public static readonly GraphSnapshot Empty = new(new ClaimGraph(), new Dictionary<long, (string, string?)>());

    // The companies that live ownership claims name (name and country); a brand's owners are read from its claims when
    // asked for, not kept per brand (at 100k brands a list, an owner object and an id array per brand were ≈ 6 MB).
    readonly Dictionary<long, (string Name, string? CountryCode)> companies;
    // Computed on demand and kept for this snapshot only, for at most ExposuresKept brands: past that the cache starts
    // again, so a server read brand by brand for days does not end up holding every brand's paths (a brand dropped is
    // computed again on its next page). A brand's status also travels on its search card.
    public const int ExposuresKept = 4096;
    readonly CappedCache<long, BrandExposure> exposures = new(ExposuresKept);

    /// <summary>Brands whose paths this snapshot holds now (for tests).</summary>
    internal int ExposuresHeld => exposures.Count;

    GraphSnapshot(ClaimGraph graph, Dictionary<long, (string Name, string? CountryCode)> companies)
    {
        Graph = graph;
        this.companies = companies;
    }

    public ClaimGraph Graph { get; }

    /// <summary>The live ownership claims of a brand that name a company held.</summary>
    IEnumerable<ClaimEdge> OwnershipOf(long brandId) =>
        Graph.From(new EntityRef(EntityKind.Brand, brandId)).Where(c => c.Predicate == Predicate.OwnedBy && c.Object.Kind == EntityKind.Company && companies.ContainsKey(c.Object.Id));

    /// <summary>The brand's owners, most-cited first (a source may name a licensee as an owner: every one is kept).</summary>
    public IReadOnlyList<BrandOwner> OwnersOf(long brandId) =>
        OwnershipOf(brandId).GroupBy(c => c.Object.Id)
            .Select(c => new BrandOwner(c.Key, companies[c.Key].Name, companies[c.Key].CountryCode, c.Select(l => l.Id).Order().ToArray()))
            .OrderByDescending(o => o.ClaimIds.Count).ThenBy(o => o.CompanyId).ToArray();

    /// <summary>
    /// The brands a company owns per live ownership claims, in the order of the graph's subjects (the order the owner
    /// lists were once kept in: equal names on a page keep it).
    /// </summary>
    public IEnumerable<long> BrandsOf(long companyId) => !companies.ContainsKey(companyId) ? [] :
        Graph.To(new EntityRef(EntityKind.Company, companyId)).Where(c => c.Predicate == Predicate.OwnedBy && c.Subject.Kind == EntityKind.Brand)
            .Select(c => c.Subject).Distinct().OrderBy(Graph.SubjectRank).Select(b => b.Id).ToList();

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
        var companies = new Dictionary<long, (string, string?)>();
        await AddCompaniesAsync(db, companies, graph.BrandOwnership().Select(l => l.Company.Id), ct);
        return new GraphSnapshot(graph, companies);
    }

    /// <summary>Reads the companies not yet held among those given (names are shared: one string per company).</summary>
    static async Task AddCompaniesAsync(SupplyChainDb db, Dictionary<long, (string Name, string? CountryCode)> into, IEnumerable<long> ids, CancellationToken ct)
    {
        var wanted = ids.Where(id => !into.ContainsKey(id)).Distinct().ToList();
        foreach (var chunk in wanted.Chunk(1000))
            foreach (var c in await db.Companies.AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, c.Name, c.CountryCode }).ToListAsync(ct))
                into[c.Id] = (c.Name, c.CountryCode);
    }

    /// <summary>
    /// The snapshot after a patch of its graph (<see cref="ClaimGraph.CopyForPatch"/>): the companies of the brands
    /// whose ownership claims changed read if not held, every other company as this snapshot holds it.
    /// </summary>
    public async Task<GraphSnapshot> PatchedAsync(SupplyChainDb db, ClaimGraph patched, IReadOnlyCollection<long> ownershipChanged, CancellationToken ct)
    {
        var next = new Dictionary<long, (string Name, string? CountryCode)>(companies);
        var named = ownershipChanged.SelectMany(b => patched.From(new EntityRef(EntityKind.Brand, b)))
            .Where(c => c.Predicate == Predicate.OwnedBy && c.Object.Kind == EntityKind.Company).Select(c => c.Object.Id);
        await AddCompaniesAsync(db, next, named, ct);
        return new GraphSnapshot(patched, next);
    }

    // The snapshot an index was built from travels with it: one volatile read of the index gives both.
    static readonly ConditionalWeakTable<object, GraphSnapshot> ByIndex = new();

    /// <summary>Records that <paramref name="index"/> was built from this snapshot.</summary>
    public void Carry(object index) => ByIndex.AddOrUpdate(index, this);

    /// <summary>The snapshot the index was built from (<see cref="Empty"/> for an index built without one).</summary>
    public static GraphSnapshot Of(object index) => ByIndex.TryGetValue(index, out var s) ? s : Empty;
}
