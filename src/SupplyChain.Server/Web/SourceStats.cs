using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;

namespace SupplyChain.Server.Web;

public sealed record Coverage(int Brands, int Facilities, int Claims, int Responses);

/// <summary>Coverage counts for every source at once (the per-source query, done once per page instead of once per row).</summary>
public static class SourceStats
{
    public static async Task<Dictionary<long, Coverage>> AllAsync(SupplyChainDbFactory factory, CancellationToken ct)
    {
        await using var db = factory.Create();
        var rows = await db.Claims.AsNoTracking().Where(c => ClaimStatuses.Shown.Contains(c.Status))
            .Select(c => new { c.SourceId, c.SubjectKind, c.SubjectId, c.ObjectKind, c.ObjectId }).ToListAsync(ct);
        var responses = await db.Responses.AsNoTracking().GroupBy(r => r.SourceId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var result = new Dictionary<long, Coverage>();
        foreach (var g in rows.GroupBy(r => r.SourceId))
        {
            int Distinct(EntityKind k) => g.Where(r => r.SubjectKind == k).Select(r => r.SubjectId)
                .Concat(g.Where(r => r.ObjectKind == k).Select(r => r.ObjectId)).Distinct().Count();
            result[g.Key] = new Coverage(Distinct(EntityKind.Brand), Distinct(EntityKind.Facility), g.Count(), responses.GetValueOrDefault(g.Key));
        }
        foreach (var (id, n) in responses) result.TryAdd(id, new Coverage(0, 0, 0, n));
        return result;
    }

    /// <summary>Brands a source makes claims about, by id.</summary>
    public static async Task<List<long>> BrandIdsAsync(SupplyChainDbFactory factory, long sourceId, CancellationToken ct)
    {
        await using var db = factory.Create();
        var q = db.Claims.AsNoTracking().Where(c => c.SourceId == sourceId && ClaimStatuses.Shown.Contains(c.Status));
        return await q.Where(c => c.SubjectKind == EntityKind.Brand).Select(c => c.SubjectId)
            .Union(q.Where(c => c.ObjectKind == EntityKind.Brand).Select(c => c.ObjectId)).ToListAsync(ct);
    }
}
