using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;
using SupplyChain.Queries;

namespace SupplyChain.Resolution;

public sealed record EntityMatch(EntityView Entity, double Score, MatchVerdict Verdict, string Rule);

/// <summary>
/// Screens names against what we hold with the very rules an import uses (AUTO_MATCH is what an import would link
/// without asking). The catalog is loaded once and reloaded after data changes.
/// </summary>
public sealed class MatchService(SupplyChainDbFactory factory)
{
    volatile EntityCatalog? catalog;
    readonly SemaphoreSlim loading = new(1, 1);

    public void Invalidate() => catalog = null;

    async Task<EntityCatalog> CatalogAsync(CancellationToken ct)
    {
        if (catalog is { } c) return c;
        await loading.WaitAsync(ct);
        try
        {
            if (catalog is { } again) return again;
            await using var db = factory.Create();
            return catalog = await CatalogLoader.LoadAsync(db, ct);
        }
        finally { loading.Release(); }
    }

    public async Task<IReadOnlyList<EntityMatch>> MatchAsync(EntityKind kind, string name, string? address, string? country, int first, CancellationToken ct = default)
    {
        var cat = await CatalogAsync(ct);
        var code = CountryCodes.Normalize(country);
        var matches = cat.Match(kind, name, code, Math.Clamp(first, 1, 50) * 2, address);
        await using var db = factory.Create();
        var ids = matches.Select(m => m.Id).ToList();
        var views = await EvidenceQueries.NamesAsync(db, ids.Select(id => new Exposure.EntityRef(kind, id)).ToList(), ct);
        Dictionary<long, string?> addresses = kind == EntityKind.Facility && address is not null
            ? await db.Facilities.AsNoTracking().Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Address, ct)
            : [];
        return matches
            // The address only orders candidates of similar names; it never turns a candidate into a match.
            .Select(m => (m, addr: addresses.TryGetValue(m.Id, out var a) && a is not null ? EntityCatalog.Similarity(address!, a) : 0))
            .OrderByDescending(x => x.m.Verdict == MatchVerdict.AutoMatch).ThenByDescending(x => x.m.Score + 0.1 * x.addr)
            .Take(first)
            .Select(x => new EntityMatch(views[new Exposure.EntityRef(kind, x.m.Id)], x.m.Score, x.m.Verdict, x.m.Rule)).ToList();
    }
}
