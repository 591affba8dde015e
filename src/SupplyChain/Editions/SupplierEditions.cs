using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;
using SupplyChain.Exposure;
using SupplyChain.Queries;

namespace SupplyChain.Editions;

/// <summary>Where a supplier relation stands across a yearly list's editions.</summary>
public enum EditionState
{
    /// <summary>Listed in the newest edition we hold.</summary>
    Listed,
    /// <summary>Listed in earlier editions, not in the later ones: an ended relation, kept with its years.</summary>
    NoLongerListed,
    /// <summary>Not listed under this name and address later, but a reviewer has yet to say whether a later edition's
    /// entry (a pending match candidate) is the same supplier: we do not call it ended.</summary>
    PossiblyContinued,
}

/// <summary>A brand's SOURCES_FROM relation with one supplier, read across the editions of one yearly list.</summary>
public sealed record EditionSpan(
    SourceView Series, EntityView Supplier, IReadOnlyList<string> Editions, IReadOnlyList<string> YearsListed,
    IReadOnlyList<string> NotListedIn, EditionState State, IReadOnlyList<ClaimView> Claims, IReadOnlyList<EntityView> PossibleContinuations)
{
    public string FirstListed => YearsListed[0];
    public string LastListed => YearsListed[^1];
}

/// <summary>
/// A supplier list published yearly (Apple's, Nike's) is one source with editions: either one file whose rows carry
/// their edition's year (the claim's period), or versions of one source whose manifest says <c>editions</c>, which
/// then keeps what each earlier edition said instead of retracting it. A supplier present in 2017 and 2018 and absent
/// later is an ended relation with those years, never a deletion. The edition of a claim is its one-year period
/// (period from = period to), else its source's publication year; a list has editions when its supplier claims fall
/// in two or more years.
/// </summary>
public sealed class SupplierEditions(SupplyChainDbFactory factory, EvidenceQueries queries)
{
    public async Task<IReadOnlyList<EditionSpan>> ForBrandAsync(long brandId, CancellationToken ct = default)
    {
        var claims = (await queries.ClaimsAboutAsync(EntityKind.Brand, brandId, ct: ct))
            .Where(c => c.Predicate == Predicate.SourcesFrom && c.Subject.Kind == EntityKind.Brand && c.Subject.Id == brandId && ClaimStatuses.OnRecord.Contains(c.Status))
            .ToList();
        if (claims.Count == 0) return [];

        await using var db = factory.Create();
        var sources = await db.Sources.AsNoTracking().Select(s => new { s.Id, s.SupersedesId, s.Published }).ToDictionaryAsync(s => s.Id, ct);
        long Root(long id)
        {
            for (var hops = 0; hops < 100 && sources.TryGetValue(id, out var s) && s.SupersedesId is { } older; hops++) id = older;
            return id;
        }

        var result = new List<EditionSpan>();
        foreach (var series in claims.GroupBy(c => Root(c.Source.Id)))
        {
            var members = sources.Values.Where(s => Root(s.Id) == series.Key).Select(s => s.Id).ToList();
            // The editions are the years any supplier claim of the list falls in, whoever the buyer.
            var dated = await db.Claims.AsNoTracking()
                .Where(c => members.Contains(c.SourceId) && c.Predicate == Predicate.SourcesFrom && ClaimStatuses.OnRecord.Contains(c.Status))
                .Select(c => new { c.SourceId, c.PeriodFrom, c.PeriodTo }).Distinct().ToListAsync(ct);
            var editions = dated.Select(d => EditionOf(d.PeriodFrom, d.PeriodTo, sources[d.SourceId].Published)).OfType<string>()
                .Distinct().Order(StringComparer.Ordinal).ToList();
            if (editions.Count < 2) continue;
            var newest = series.MaxBy(c => c.Source.Id)!.Source;

            var bySupplier = series.GroupBy(c => c.Object.Ref).ToList();
            var years = bySupplier.ToDictionary(g => g.Key, g => g.Select(c => EditionOf(c.PeriodFrom, c.PeriodTo, c.Source.Published)).OfType<string>()
                .Distinct().Order(StringComparer.Ordinal).ToList());
            var pending = await PendingPairsAsync(db, bySupplier.Select(g => g.Key).Where(r => r.Kind is EntityKind.Facility or EntityKind.Company).ToList(), ct);
            foreach (var g in bySupplier)
            {
                var listed = years[g.Key];
                if (listed.Count == 0) continue;
                var later = editions.Where(e => string.CompareOrdinal(e, listed[^1]) > 0).ToList();
                // A pending candidate pairing this supplier with one the brand sources from in a later edition of the same list.
                var continuations = pending.Where(p => p.A == g.Key || p.B == g.Key).Select(p => p.A == g.Key ? p.B : p.A)
                    .Where(o => years.TryGetValue(o, out var oy) && oy.Any(y => string.CompareOrdinal(y, listed[^1]) > 0))
                    .Select(o => bySupplier.First(x => x.Key == o).First().Object).DistinctBy(o => o.Ref).ToList();
                var state = later.Count == 0 ? EditionState.Listed
                    : continuations.Count > 0 ? EditionState.PossiblyContinued : EditionState.NoLongerListed;
                result.Add(new EditionSpan(newest, g.First().Object, editions, listed, later, state,
                    g.OrderBy(c => c.PeriodFrom).ThenBy(c => c.Id).ToList(), continuations));
            }
        }
        return result.OrderBy(s => s.State == EditionState.Listed).ThenByDescending(s => s.LastListed, StringComparer.Ordinal)
            .ThenBy(s => s.Supplier.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The edition a claim belongs to: its one-year period, else its source's year.</summary>
    public static string? EditionOf(string? from, string? to, string? published)
    {
        if (PartialDate.YearOf(from) is { } f && (to is null || PartialDate.YearOf(to) == f)) return f;
        return PartialDate.YearOf(published);
    }

    static async Task<List<(EntityRef A, EntityRef B)>> PendingPairsAsync(SupplyChainDb db, List<EntityRef> suppliers, CancellationToken ct)
    {
        var result = new List<(EntityRef, EntityRef)>();
        foreach (var kind in suppliers.Select(s => s.Kind).Distinct())
        {
            var ids = suppliers.Where(s => s.Kind == kind).Select(s => s.Id).ToList();
            var rows = await db.MatchCandidates.AsNoTracking()
                .Where(m => m.EntityKind == kind && m.Status == MatchStatus.Pending && (ids.Contains(m.IncomingId) || ids.Contains(m.ExistingId)))
                .Select(m => new { m.IncomingId, m.ExistingId }).ToListAsync(ct);
            result.AddRange(rows.Select(r => (new EntityRef(kind, r.IncomingId), new EntityRef(kind, r.ExistingId))));
        }
        return result;
    }
}
