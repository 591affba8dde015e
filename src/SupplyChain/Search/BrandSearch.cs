using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;
using SupplyChain.Exposure;

namespace SupplyChain.Search;

/// <summary>Holds the current brand index and rebuilds it from the database after data changes; readers never wait.</summary>
public sealed class BrandSearch(SupplyChainDbFactory factory)
{
    volatile BrandIndex index = BrandIndex.Build([], []);
    readonly SemaphoreSlim rebuilding = new(1, 1);

    public BrandIndex Index => index;

    public IReadOnlyList<BrandHit> Search(string query, int first = 10) => index.Search(query, first);

    public async Task RebuildAsync(CancellationToken ct = default)
    {
        await rebuilding.WaitAsync(ct);
        try { index = await LoadAsync(factory, ct); }
        finally { rebuilding.Release(); }
    }

    public static async Task<BrandIndex> LoadAsync(SupplyChainDbFactory factory, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var brands = await db.Brands.AsNoTracking().Where(b => b.MergedIntoId == null)
            .Select(b => new { b.Id, b.Name, b.Slug, b.Sectors, b.OwnerCompanyId }).ToListAsync(ct);
        var owners = await db.Companies.AsNoTracking().Where(c => db.Brands.Any(b => b.OwnerCompanyId == c.Id))
            .Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var counts = await db.Claims.AsNoTracking()
            .Where(c => c.SubjectKind == EntityKind.Brand && (c.Status == ClaimStatus.Active || c.Status == ClaimStatus.Disputed))
            .GroupBy(c => c.SubjectId)
            .Select(g => new { g.Key, Claims = g.Count(), Sources = g.Select(c => c.SourceId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Key, ct);
        var graph = await ClaimGraph.LoadAllAsync(db, ct);
        var cards = brands.Select(b =>
        {
            counts.TryGetValue(b.Id, out var n);
            return new BrandCard(b.Id, b.Name, b.Slug, b.Sectors, b.OwnerCompanyId,
                b.OwnerCompanyId is { } o ? owners.GetValueOrDefault(o) : null,
                ExposureCalculator.Compute(graph, b.Id).Status, n?.Claims ?? 0, n?.Sources ?? 0);
        }).ToList();
        var aliases = await db.BrandAliases.AsNoTracking().Select(a => new { a.BrandId, a.Name }).ToListAsync(ct);
        return BrandIndex.Build(cards, aliases.Select(a => (a.BrandId, a.Name)));
    }
}
