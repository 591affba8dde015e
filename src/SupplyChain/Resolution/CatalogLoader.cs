using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;

namespace SupplyChain.Resolution;

/// <summary>Loads the names of every brand (with aliases), company, facility and programme into a catalog.</summary>
public static class CatalogLoader
{
    /// <param name="forImport">An import's catalog: it keeps every entity's trigram numbers (see <see cref="EntityCatalog.NumbersAtAdd"/>).</param>
    public static async Task<EntityCatalog> LoadAsync(SupplyChainDb db, CancellationToken ct = default, bool forImport = false)
    {
        var catalog = new EntityCatalog { NumbersAtAdd = forImport };
        // Each kind's tables sized once for the rows that come (a million facilities would otherwise rehash them twenty times).
        var brands = await db.Brands.AsNoTracking().Select(b => new { b.Id, b.Name, b.MergedIntoId }).ToListAsync(ct);
        catalog.Reserve(EntityKind.Brand, brands.Count);
        foreach (var b in brands) catalog.Add(EntityKind.Brand, b.Id, b.Name, null, b.MergedIntoId);
        foreach (var a in await db.BrandAliases.AsNoTracking().Select(a => new { a.BrandId, a.Name }).ToListAsync(ct))
            catalog.AddAlias(EntityKind.Brand, a.BrandId, a.Name);
        var companies = await db.Companies.AsNoTracking().Select(c => new { c.Id, c.Name, c.CountryCode, c.MergedIntoId }).ToListAsync(ct);
        catalog.Reserve(EntityKind.Company, companies.Count);
        foreach (var c in companies) catalog.Add(EntityKind.Company, c.Id, c.Name, c.CountryCode, c.MergedIntoId);
        var facilities = await db.Facilities.AsNoTracking().Select(f => new { f.Id, f.Name, f.NativeName, f.CountryCode, f.MergedIntoId, f.Address }).ToListAsync(ct);
        catalog.Reserve(EntityKind.Facility, facilities.Count);
        using (catalog.HoldPostings(EntityKind.Facility)) // the largest kind by far: its posting lists built in one go
            foreach (var f in facilities)
            {
                catalog.Add(EntityKind.Facility, f.Id, f.Name, f.CountryCode, f.MergedIntoId, f.Address);
                if (!string.IsNullOrEmpty(f.NativeName)) catalog.AddAlias(EntityKind.Facility, f.Id, f.NativeName);
            }
        foreach (var p in await db.Programmes.AsNoTracking().Select(p => new { p.Id, p.Name, p.MergedIntoId }).ToListAsync(ct))
            catalog.Add(EntityKind.Programme, p.Id, p.Name, null, p.MergedIntoId);
        return catalog;
    }
}
