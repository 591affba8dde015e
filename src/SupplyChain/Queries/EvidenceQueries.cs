using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SupplyChain.Data;
using SupplyChain.Domain;
using SupplyChain.Exposure;

namespace SupplyChain.Queries;

public sealed record ClaimFilter(Predicate? Predicate = null, long? SourceId = null, string? Country = null, long? ProgrammeId = null,
    ClaimStatus? Status = null, string? PeriodFrom = null, string? PeriodTo = null, EntityKind? SubjectKind = null, long? SubjectId = null);

public sealed record BrandFilter(long? NamedIn = null, string? Sector = null, string? NameContains = null);

/// <summary>
/// The read side, shared by GraphQL, the web pages and the exports. Each call opens its own context, so callers
/// that run in parallel (GraphQL resolvers) never share one.
/// </summary>
public sealed class EvidenceQueries(SupplyChainDbFactory factory)
{
    // Compiled once per instance (one instance per database provider), so a first brand page skips EF's per-call
    // query-cache lookup over this large expression; the rows come in the order the claims query gives them, as before.
    readonly Func<SupplyChainDb, EntityKind, long, bool, IAsyncEnumerable<ClaimRow>> claimsAbout = EF.CompileAsyncQuery(
        WithRows((SupplyChainDb db, EntityKind kind, long id, bool includeProposed) => db.Claims
            .Where(c => (c.SubjectKind == kind && c.SubjectId == id) || (c.ObjectKind == kind && c.ObjectId == id))
            .Where(c => includeProposed || ClaimStatuses.Listed.Contains(c.Status))));

    // The unfiltered claims list, a page after a cursor (what the claims page and a full export read), compiled likewise.
    readonly Func<SupplyChainDb, long, int, IAsyncEnumerable<ClaimRow>> listedAfter = EF.CompileAsyncQuery(
        WithRows((SupplyChainDb db, long after, int take) => db.Claims
            .Where(c => ClaimStatuses.Listed.Contains(c.Status) && c.Id > after).OrderBy(c => c.Id).Take(take)));

    public async Task<BrandView?> BrandAsync(string slug, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var brand = await db.Brands.AsNoTracking().Include(b => b.Aliases).FirstOrDefaultAsync(b => b.Slug == slug, ct);
        for (var hops = 0; brand?.MergedIntoId is { } to && hops < 10; hops++) // a merged brand's old slug redirects
            brand = await db.Brands.AsNoTracking().Include(b => b.Aliases).FirstOrDefaultAsync(b => b.Id == to, ct);
        return brand is null ? null : ToView(brand);
    }

    public async Task<BrandView?> BrandByIdAsync(long id, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var brand = await db.Brands.AsNoTracking().Include(b => b.Aliases).FirstOrDefaultAsync(b => b.Id == id, ct);
        return brand is null ? null : ToView(brand);
    }

    static BrandView ToView(Brand b) => new(b.Id, b.Name, b.Slug, b.Sectors, b.WikidataQid,
        b.Aliases.OrderBy(a => a.Name).Select(a => new AliasView(a.Name, a.Language, a.Script, a.Kind)).ToList());

    /// <summary>
    /// Every claim about an entity (as subject or object), newest source first; retracted ones are kept, labelled.
    /// A brand's shown claims (what every brand page reads) are kept for the data version the database holds (see <see cref="CacheAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<ClaimView>> ClaimsAboutAsync(EntityKind kind, long id, bool includeProposed = false, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        if (kind != EntityKind.Brand || includeProposed) return await LoadClaimsAboutAsync(db, kind, id, includeProposed, ct);
        return await CachedAsync(db, (Cached.BrandClaims, id), () => LoadClaimsAboutAsync(db, kind, id, includeProposed, ct), l => Math.Max(1, l.Count), ct);
    }

    async Task<IReadOnlyList<ClaimView>> LoadClaimsAboutAsync(SupplyChainDb db, EntityKind kind, long id, bool includeProposed, CancellationToken ct)
    {
        return await ViewsOfAsync(claimsAbout(db, kind, id, includeProposed), ct);
    }

    public async Task<ClaimView?> ClaimAsync(long id, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var c = await db.Claims.AsNoTracking().Include(x => x.Source).FirstOrDefaultAsync(x => x.Id == id, ct);
        return c is null ? null : (await ViewsAsync(db, [c], ct))[0];
    }

    public async Task<IReadOnlyList<ClaimView>> ClaimsByIdAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        return await ViewsAsync(db, await db.Claims.AsNoTracking().Include(c => c.Source).Where(c => ids.Contains(c.Id)).ToListAsync(ct), ct);
    }

    /// <param name="withCount">Counting every matching claim scans them all: done only when the caller shows the total.</param>
    public async Task<Page<ClaimView>> ClaimsAsync(ClaimFilter f, int first, long? after, CancellationToken ct = default, bool withCount = true)
    {
        await using var db = factory.Create();
        var q = db.Claims.AsNoTracking().AsQueryable();
        q = f.Status is { } st ? q.Where(c => c.Status == st) : q.Where(c => ClaimStatuses.Listed.Contains(c.Status));
        if (f.Predicate is { } p) q = q.Where(c => c.Predicate == p);
        if (f.SourceId is { } s) q = q.Where(c => c.SourceId == s);
        if (f.SubjectKind is { } sk) q = q.Where(c => c.SubjectKind == sk);
        if (f.SubjectId is { } sid) q = q.Where(c => c.SubjectId == sid);
        if (f.ProgrammeId is { } pid) q = q.Where(c => c.ObjectKind == EntityKind.Programme && c.ObjectId == pid);
        if (f.Country is { } country)
        {
            var code = Resolution.CountryCodes.Normalize(country) ?? country.ToUpperInvariant();
            q = q.Where(c => (c.SubjectKind == EntityKind.Facility && db.Facilities.Any(x => x.Id == c.SubjectId && x.CountryCode == code))
                          || (c.ObjectKind == EntityKind.Facility && db.Facilities.Any(x => x.Id == c.ObjectId && x.CountryCode == code))
                          || (c.SubjectKind == EntityKind.Company && db.Companies.Any(x => x.Id == c.SubjectId && x.CountryCode == code))
                          || (c.ObjectKind == EntityKind.Company && db.Companies.Any(x => x.Id == c.ObjectId && x.CountryCode == code)));
        }
        // Periods are stored as published ("2020", "2020-07"); text order is date order for these forms.
        if (f.PeriodFrom is { } from) q = q.Where(c => c.PeriodTo == null || string.Compare(c.PeriodTo, from) >= 0);
        if (f.PeriodTo is { } to) q = q.Where(c => c.PeriodFrom == null || string.Compare(c.PeriodFrom, to) <= 0);
        var total = withCount ? await CachedAsync(db, (Cached.ClaimCount, f), () => q.CountAsync(ct), _ => 1, ct) : -1;
        List<ClaimView> items;
        bool more;
        if (f == new ClaimFilter()) // the unfiltered list (claims page, full export): one compiled statement
        {
            items = await ViewsOfAsync(listedAfter(db, after ?? long.MinValue, first + 1), ct);
            more = items.Count > first;
            if (more) items.RemoveAt(first);
        }
        else
        {
            if (after is { } a) q = q.Where(c => c.Id > a);
            var rows = await q.OrderBy(c => c.Id).Take(first + 1).Include(c => c.Source).ToListAsync(ct);
            more = rows.Count > first;
            items = await ViewsAsync(db, rows.Take(first).ToList(), ct);
        }
        return new Page<ClaimView>(items, total, more, items.Count > 0 ? items[^1].Id.ToString() : null);
    }

    public async Task<Page<BrandView>> BrandsAsync(BrandFilter f, int first, long? after, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var q = db.Brands.AsNoTracking().Where(b => b.MergedIntoId == null);
        if (f.NamedIn is { } src)
        {
            // Named in that source or in any version of it.
            var versions = await SourceVersionIdsAsync(db, src, ct);
            q = q.Where(b => db.Claims.Any(c => c.SubjectKind == EntityKind.Brand && c.SubjectId == b.Id && c.Predicate == Predicate.NamedIn
                && c.ObjectKind == EntityKind.Source && versions.Contains(c.ObjectId) && ClaimStatuses.OnRecord.Contains(c.Status)));
        }
        if (f.Sector is { } sector) q = q.Where(b => b.Sectors != null && b.Sectors.Contains(sector.ToLower()));
        if (f.NameContains is { } nc) { var key = Resolution.NameNormalizer.Key(nc); q = q.Where(b => b.NameKey.Contains(key)); }
        var total = await CachedAsync(db, (Cached.BrandCount, f), () => q.CountAsync(ct), _ => 1, ct);
        if (after is { } a) q = q.Where(b => b.Id > a);
        var rows = await q.OrderBy(b => b.Id).Take(first + 1).Include(b => b.Aliases).ToListAsync(ct);
        var items = rows.Take(first).Select(ToView).ToList();
        return new Page<BrandView>(items, total, rows.Count > first, items.Count > 0 ? items[^1].Id.ToString() : null);
    }

    static async Task<List<long>> SourceVersionIdsAsync(SupplyChainDb db, long sourceId, CancellationToken ct)
    {
        var all = await db.Sources.AsNoTracking().Select(s => new { s.Id, s.SupersedesId }).ToListAsync(ct);
        var ids = new HashSet<long> { sourceId };
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var s in all)
                if ((ids.Contains(s.Id) && s.SupersedesId is { } older && ids.Add(older)) || (s.SupersedesId is { } o && ids.Contains(o) && ids.Add(s.Id)))
                    changed = true;
        }
        return ids.ToList();
    }

    public async Task<Page<SourceView>> SourcesAsync(int first, long? after, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var q = db.Sources.AsNoTracking();
        var total = await q.CountAsync(ct);
        if (after is { } a) q = q.Where(s => s.Id > a);
        var rows = await q.OrderBy(s => s.Id).Take(first + 1).ToListAsync(ct);
        var items = rows.Take(first).Select(SourceView.From).ToList();
        return new Page<SourceView>(items, total, rows.Count > first, items.Count > 0 ? items[^1].Id.ToString() : null);
    }

    /// <summary>
    /// Sources that are evidence: they back a claim we show or a response we hold. A brand registry that only adds
    /// other names, or a source all of whose claims were retracted, is not counted.
    /// </summary>
    public async Task<int> EvidenceSourceCountAsync(CancellationToken ct = default)
    {
        await using var db = factory.Create();
        return await db.Sources.AsNoTracking().CountAsync(s =>
            db.Claims.Any(c => c.SourceId == s.Id && ClaimStatuses.Live.Contains(c.Status))
            || db.Responses.Any(r => r.SourceId == s.Id), ct);
    }

    public async Task<SourceView?> SourceAsync(long id, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var s = await db.Sources.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return s is null ? null : SourceView.From(s);
    }

    /// <summary>How many brands, facilities and claims a source covers (what a Sources page shows).</summary>
    public async Task<(int Brands, int Facilities, int Claims)> CoverageAsync(long sourceId, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var q = db.Claims.AsNoTracking().Where(c => c.SourceId == sourceId && ClaimStatuses.Shown.Contains(c.Status));
        var brands = await q.Where(c => c.SubjectKind == EntityKind.Brand).Select(c => c.SubjectId)
            .Union(q.Where(c => c.ObjectKind == EntityKind.Brand).Select(c => c.ObjectId)).CountAsync(ct);
        var facilities = await q.Where(c => c.SubjectKind == EntityKind.Facility).Select(c => c.SubjectId)
            .Union(q.Where(c => c.ObjectKind == EntityKind.Facility).Select(c => c.ObjectId)).CountAsync(ct);
        return (brands, facilities, await q.CountAsync(ct));
    }

    public async Task<IReadOnlyList<SourceView>> SourceVersionsAsync(long sourceId, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var ids = await SourceVersionIdsAsync(db, sourceId, ct);
        return (await db.Sources.AsNoTracking().Where(s => ids.Contains(s.Id)).OrderBy(s => s.Id).ToListAsync(ct)).Select(SourceView.From).ToList();
    }

    // Exposure views per brand and snapshot: a new snapshot (the data changed) starts afresh, and so does one that has
    // held GraphSnapshot.ExposuresKept brands (a server read brand by brand must not keep every brand's view).
    readonly ConditionalWeakTable<GraphSnapshot, CappedCache<long, Task<ExposureView>>> exposures = new();

    /// <summary>
    /// At most this many claim views (plus one entry per count) are kept for the current data version: memory stays
    /// flat however many brands are read; a brand dropped from the cache is loaded again on its next page.
    /// </summary>
    public const int CachedClaimViews = 50_000;

    enum Cached { BrandClaims, ClaimCount, BrandCount }

    // What brand pages and listings read, for one data version. Counting every matching claim scans them all (at 1M
    // brands, 1.6M rows per claims page); a brand's claims take several queries per page. Both change only when the data
    // does, and every change moves DataVersion in its own transaction (imports, merges, decisions, retractions).
    sealed record Views(long Version, MemoryCache Cache);
    Views views = new(-1, NewCache());

    static MemoryCache NewCache() => new(new MemoryCacheOptions { SizeLimit = CachedClaimViews });

    /// <summary>
    /// The cache for the data version the database holds now (one primary-key read), or null when a newer one is
    /// already in use (this read raced a change: load without caching). The version is read before the data, so what
    /// is put under version v was read at v or later, never earlier: any process sees a change on its next page.
    /// </summary>
    async Task<MemoryCache?> CacheAsync(SupplyChainDb db, CancellationToken ct)
    {
        var version = await Live.DataVersion.CurrentAsync(db, ct);
        var held = Volatile.Read(ref views);
        if (held.Version == version) return held.Cache;
        if (held.Version > version) return null;
        // Older views are dropped, not disposed: a reader that began under them may still put into them, and nobody reads them again.
        var fresh = new Views(version, NewCache());
        return Interlocked.CompareExchange(ref views, fresh, held) == held ? fresh.Cache : (await CacheAsync(db, ct));
    }

    /// <summary>The change signal saw the data move: forget every view of the old data now rather than on the next read.</summary>
    public void Invalidate()
    {
        exposures.Clear();
        Volatile.Write(ref views, new Views(-1, NewCache()));
    }

    /// <summary>What is held under <paramref name="key"/> for the current data version, else loaded and kept (sized for the cache's bound).</summary>
    async Task<T> CachedAsync<T>(SupplyChainDb db, object key, Func<Task<T>> load, Func<T, int> size, CancellationToken ct)
    {
        var cache = await CacheAsync(db, ct);
        if (cache is not null && cache.TryGetValue(key, out T? held)) return held!;
        var loaded = await load();
        cache?.Set(key, loaded, new MemoryCacheEntryOptions { Size = size(loaded) });
        return loaded;
    }

    /// <summary>A brand's paths and counter-evidence as the snapshot computes them, with every claim's citation.</summary>
    public async Task<ExposureView> ExposureAsync(GraphSnapshot snapshot, long brandId, CancellationToken ct = default)
    {
        var views = exposures.GetValue(snapshot, _ => new(GraphSnapshot.ExposuresKept));
        var task = views.GetOrAdd(brandId, id => ComputeExposureAsync(snapshot.Exposure(id), CancellationToken.None));
        try { return await task.WaitAsync(ct); }
        catch when (task.IsFaulted) { views.Remove(brandId); throw; }
    }

    async Task<ExposureView> ComputeExposureAsync(BrandExposure exposure, CancellationToken ct)
    {
        await using var db = factory.Create();
        var claimIds = exposure.Paths.SelectMany(p => p.Steps.SelectMany(s => s.Claims).Concat(p.EndingClaims).Concat(p.CommitmentClaims))
            .Concat(exposure.Counter.SelectMany(c => c.Claims)).Select(c => c.Id).ToHashSet();
        var responseIds = exposure.Paths.SelectMany(p => p.EndingResponses.Concat(p.CommitmentResponses))
            .Concat(exposure.Counter.SelectMany(c => c.Responses)).Select(r => r.Id).ToHashSet();
        var claims = (await ViewsAsync(db, await db.Claims.AsNoTracking().Include(c => c.Source).Where(c => claimIds.Contains(c.Id)).ToListAsync(ct), ct))
            .ToDictionary(c => c.Id);
        var responses = (await ResponseViewsAsync(db, db.Responses.Where(r => responseIds.Contains(r.Id)), ct)).ToDictionary(r => r.Id);
        var refs = exposure.Paths.SelectMany(p => p.Steps.SelectMany(s => new[] { s.From, s.To }))
            .Concat(exposure.Counter.SelectMany(c => new[] { c.StepFrom, c.StepTo })).ToHashSet();
        var names = await NamesAsync(db, refs, ct);
        return new ExposureView(exposure.Status,
            exposure.Paths.Select(p => new PathView(
                p.Steps.Select(s => new StepView(names[s.From], names[s.To], s.Predicate, s.Reversed, s.Confidence, s.Claims.Select(c => claims[c.Id]).ToList())).ToList(),
                p.Strength, p.Ended, p.EndedNote, p.Period, p.EndingClaims.Select(c => claims[c.Id]).ToList(), p.EndingResponses.Select(r => responses[r.Id]).ToList())
            {
                Facts = p, CommitmentClaims = p.CommitmentClaims.Select(c => claims[c.Id]).ToList(),
                CommitmentResponses = p.CommitmentResponses.Select(r => responses[r.Id]).ToList(),
            }).ToList(),
            exposure.Counter.Select(c => new CounterView(names[c.StepFrom], names[c.StepTo], c.Claims.Select(x => claims[x.Id]).ToList(),
                c.Responses.Select(r => responses[r.Id]).ToList())).ToList());
    }

    /// <summary>A brand's responses: its own, its owners', and a parent's that speak for it (the snapshot's one rule); in date order.</summary>
    public async Task<IReadOnlyList<ResponseView>> ResponsesForBrandAsync(GraphSnapshot snapshot, long brandId, CancellationToken ct = default)
    {
        var ids = snapshot.ResponsesFor(brandId).Select(r => r.Id).ToList();
        if (ids.Count == 0) return [];
        await using var db = factory.Create();
        return (await ResponseViewsAsync(db, db.Responses.Where(r => ids.Contains(r.Id)), ct)).OrderBy(r => r.Date ?? "9999").ThenBy(r => r.Id).ToList();
    }

    public async Task<IReadOnlyList<ResponseView>> ResponsesAsync(Stance? stance, long? sourceId, int first, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var q = db.Responses.AsQueryable();
        if (stance is { } s) q = q.Where(r => r.Stance == s);
        if (sourceId is { } src) q = q.Where(r => r.SourceId == src);
        return (await ResponseViewsAsync(db, q.OrderBy(r => r.Id).Take(first), ct));
    }

    /// <summary>Of the brands a source names, how many answered (any response we hold), by stance.</summary>
    public async Task<IReadOnlyList<ResponseRate>> ResponseRatesAsync(GraphSnapshot snapshot, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var named = await db.Claims.AsNoTracking().Where(c => c.Predicate == Predicate.NamedIn && c.SubjectKind == EntityKind.Brand && c.ObjectKind == EntityKind.Source
                && ClaimStatuses.Live.Contains(c.Status))
            .Select(c => new { Source = c.ObjectId, Brand = c.SubjectId }).Distinct().ToListAsync(ct);
        var sources = await db.Sources.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var result = new List<ResponseRate>();
        foreach (var group in named.GroupBy(n => n.Source))
        {
            var byStance = new Dictionary<Stance, int>();
            var answered = 0;
            foreach (var brand in group.Select(g => g.Brand).Distinct())
            {
                var mine = snapshot.ResponsesFor(brand);
                if (mine.Count == 0) continue;
                answered++;
                foreach (var st in mine.Select(r => r.Stance).Distinct()) byStance[st] = byStance.GetValueOrDefault(st) + 1;
            }
            result.Add(new ResponseRate(SourceView.From(sources[group.Key]), group.Select(g => g.Brand).Distinct().Count(), answered, byStance));
        }
        return result;
    }

    async Task<List<ResponseView>> ResponseViewsAsync(SupplyChainDb db, IQueryable<CompanyResponse> q, CancellationToken ct)
    {
        var rows = await q.AsNoTracking().Include(r => r.Source).Include(r => r.Subjects).ToListAsync(ct);
        var refs = rows.SelectMany(r => r.Subjects.Select(s => new EntityRef(s.EntityKind, s.EntityId)).Append(new EntityRef(r.ResponderKind, r.ResponderId))).ToHashSet();
        var names = await NamesAsync(db, refs, ct);
        return rows.Select(r => new ResponseView(r.Id, names[new EntityRef(r.ResponderKind, r.ResponderId)], r.ResponderAsPublished, r.AboutAsPublished,
            r.Subjects.Where(s => s.Role == SubjectRole.About).Select(s => names[new EntityRef(s.EntityKind, s.EntityId)]).ToList(),
            r.Subjects.Where(s => s.Role == SubjectRole.For).Select(s => names[new EntityRef(s.EntityKind, s.EntityId)]).ToList(),
            r.Stance, r.StatementDate, r.Summary, r.Url, SourceView.From(r.Source!), r.Locator, r.ExternalId)).ToList();
    }

    async Task<List<ClaimView>> ViewsAsync(SupplyChainDb db, List<Claim> claims, CancellationToken ct)
    {
        var names = await NamesAsync(db, claims.SelectMany(c => new[] { new EntityRef(c.SubjectKind, c.SubjectId), new EntityRef(c.ObjectKind, c.ObjectId) }).ToHashSet(), ct);
        return claims.Select(c => new ClaimView(c.Id, names[new EntityRef(c.SubjectKind, c.SubjectId)], c.SubjectAsPublished, c.Predicate,
            names[new EntityRef(c.ObjectKind, c.ObjectId)], c.ObjectAsPublished, SourceView.From(c.Source!), c.LocatorPage, c.Locator, c.Quote, c.Summary,
            c.EvidenceType, c.Confidence, c.PeriodFrom, c.PeriodTo, c.Status, c.StatusReason, c.StatusChangedAt, c.ExternalId, c.ImportBatchId)).ToList();
    }

    /// <summary>
    /// One claim view per claim in one statement: the claim, its source and both ends' names (a primary-key subquery
    /// per end, chosen by kind), where <see cref="ViewsAsync"/> reads the claims with their sources and then names per kind.
    /// </summary>
    static readonly Expression<Func<SupplyChainDb, Claim, ClaimRow>> RowOf = (db, c) => new ClaimRow
    {
        Id = c.Id, SubjectKind = c.SubjectKind, SubjectId = c.SubjectId, SubjectAsPublished = c.SubjectAsPublished, Predicate = c.Predicate,
        ObjectKind = c.ObjectKind, ObjectId = c.ObjectId, ObjectAsPublished = c.ObjectAsPublished,
        SourceId = c.Source!.Id, SourceTitle = c.Source.Title, SourcePublisher = c.Source.Publisher, SourceAuthors = c.Source.Authors,
        SourcePublished = c.Source.Published, SourceVersion = c.Source.Version, SourceUrl = c.Source.Url, SourceArchivedUrl = c.Source.ArchivedUrl,
        SourceSha256 = c.Source.Sha256, SourceKind = c.Source.Kind, SourceVia = c.Source.Via, SourceSupersedesId = c.Source.SupersedesId,
        LocatorPage = c.LocatorPage, Locator = c.Locator, Quote = c.Quote, Summary = c.Summary, EvidenceType = c.EvidenceType,
        Confidence = c.Confidence, PeriodFrom = c.PeriodFrom, PeriodTo = c.PeriodTo, Status = c.Status, StatusReason = c.StatusReason,
        StatusChangedAt = c.StatusChangedAt, ExternalId = c.ExternalId, ImportBatchId = c.ImportBatchId,
        SubjectName = c.SubjectKind == EntityKind.Brand ? db.Brands.Where(e => e.Id == c.SubjectId).Select(e => e.Name).FirstOrDefault()
            : c.SubjectKind == EntityKind.Company ? db.Companies.Where(e => e.Id == c.SubjectId).Select(e => e.Name).FirstOrDefault()
            : c.SubjectKind == EntityKind.Facility ? db.Facilities.Where(e => e.Id == c.SubjectId).Select(e => e.Name).FirstOrDefault()
            : c.SubjectKind == EntityKind.Programme ? db.Programmes.Where(e => e.Id == c.SubjectId).Select(e => e.Name).FirstOrDefault()
            : c.SubjectKind == EntityKind.Source ? db.Sources.Where(e => e.Id == c.SubjectId).Select(e => e.Title).FirstOrDefault()
            : null,
        SubjectSlug = c.SubjectKind == EntityKind.Brand ? db.Brands.Where(e => e.Id == c.SubjectId).Select(e => e.Slug).FirstOrDefault() : null,
        SubjectCountry = c.SubjectKind == EntityKind.Company ? db.Companies.Where(e => e.Id == c.SubjectId).Select(e => e.CountryCode).FirstOrDefault()
            : c.SubjectKind == EntityKind.Facility ? db.Facilities.Where(e => e.Id == c.SubjectId).Select(e => e.CountryCode).FirstOrDefault()
            : null,
        ObjectName = c.ObjectKind == EntityKind.Brand ? db.Brands.Where(e => e.Id == c.ObjectId).Select(e => e.Name).FirstOrDefault()
            : c.ObjectKind == EntityKind.Company ? db.Companies.Where(e => e.Id == c.ObjectId).Select(e => e.Name).FirstOrDefault()
            : c.ObjectKind == EntityKind.Facility ? db.Facilities.Where(e => e.Id == c.ObjectId).Select(e => e.Name).FirstOrDefault()
            : c.ObjectKind == EntityKind.Programme ? db.Programmes.Where(e => e.Id == c.ObjectId).Select(e => e.Name).FirstOrDefault()
            : c.ObjectKind == EntityKind.Source ? db.Sources.Where(e => e.Id == c.ObjectId).Select(e => e.Title).FirstOrDefault()
            : null,
        ObjectSlug = c.ObjectKind == EntityKind.Brand ? db.Brands.Where(e => e.Id == c.ObjectId).Select(e => e.Slug).FirstOrDefault() : null,
        ObjectCountry = c.ObjectKind == EntityKind.Company ? db.Companies.Where(e => e.Id == c.ObjectId).Select(e => e.CountryCode).FirstOrDefault()
            : c.ObjectKind == EntityKind.Facility ? db.Facilities.Where(e => e.Id == c.ObjectId).Select(e => e.CountryCode).FirstOrDefault()
            : null,
    };

    static async Task<List<ClaimView>> ViewsOfAsync(IAsyncEnumerable<ClaimRow> rows, CancellationToken ct)
    {
        var views = new List<ClaimView>();
        await foreach (var row in rows.WithCancellation(ct)) views.Add(row.View());
        return views;
    }

    /// <summary>Appends <c>.Select(c => RowOf(db, c))</c> to a claims query written against the context <c>db</c> (the lambda's first parameter).</summary>
    static Expression<Func<SupplyChainDb, T1, T2, T3, IQueryable<ClaimRow>>> WithRows<T1, T2, T3>(Expression<Func<SupplyChainDb, T1, T2, T3, IQueryable<Claim>>> claims) =>
        Expression.Lambda<Func<SupplyChainDb, T1, T2, T3, IQueryable<ClaimRow>>>(SelectRows(claims), claims.Parameters);

    static Expression<Func<SupplyChainDb, T1, T2, IQueryable<ClaimRow>>> WithRows<T1, T2>(Expression<Func<SupplyChainDb, T1, T2, IQueryable<Claim>>> claims) =>
        Expression.Lambda<Func<SupplyChainDb, T1, T2, IQueryable<ClaimRow>>>(SelectRows(claims), claims.Parameters);

    static MethodCallExpression SelectRows(LambdaExpression claims)
    {
        var row = Expression.Lambda<Func<Claim, ClaimRow>>(new Replace(RowOf.Parameters[0], claims.Parameters[0]).Visit(RowOf.Body), RowOf.Parameters[1]);
        return Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(Claim), typeof(ClaimRow)], claims.Body, Expression.Quote(row));
    }

    sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>One claim as <see cref="RowOf"/> reads it: the claim, its source's columns, and both ends' names.</summary>
    sealed class ClaimRow
    {
        public long Id { get; init; }
        public EntityKind SubjectKind { get; init; }
        public long SubjectId { get; init; }
        public string? SubjectAsPublished { get; init; }
        public Predicate Predicate { get; init; }
        public EntityKind ObjectKind { get; init; }
        public long ObjectId { get; init; }
        public string? ObjectAsPublished { get; init; }
        public long SourceId { get; init; }
        public string SourceTitle { get; init; } = "";
        public string? SourcePublisher { get; init; }
        public string? SourceAuthors { get; init; }
        public string? SourcePublished { get; init; }
        public string? SourceVersion { get; init; }
        public string? SourceUrl { get; init; }
        public string? SourceArchivedUrl { get; init; }
        public string? SourceSha256 { get; init; }
        public SourceKind SourceKind { get; init; }
        public string? SourceVia { get; init; }
        public long? SourceSupersedesId { get; init; }
        public string? LocatorPage { get; init; }
        public string? Locator { get; init; }
        public string? Quote { get; init; }
        public string? Summary { get; init; }
        public EvidenceType EvidenceType { get; init; }
        public Confidence Confidence { get; init; }
        public string? PeriodFrom { get; init; }
        public string? PeriodTo { get; init; }
        public ClaimStatus Status { get; init; }
        public string? StatusReason { get; init; }
        public DateTime? StatusChangedAt { get; init; }
        public string? ExternalId { get; init; }
        public long? ImportBatchId { get; init; }
        public string? SubjectName { get; init; }
        public string? SubjectSlug { get; init; }
        public string? SubjectCountry { get; init; }
        public string? ObjectName { get; init; }
        public string? ObjectSlug { get; init; }
        public string? ObjectCountry { get; init; }

        public ClaimView View() => new(Id, End(SubjectKind, SubjectId, SubjectName, SubjectSlug, SubjectCountry), SubjectAsPublished, Predicate,
            End(ObjectKind, ObjectId, ObjectName, ObjectSlug, ObjectCountry), ObjectAsPublished,
            new SourceView(SourceId, SourceTitle, SourcePublisher, SourceAuthors, SourcePublished, SourceVersion, SourceUrl, SourceArchivedUrl, SourceSha256,
                SourceKind, SourceVia, SourceSupersedesId),
            LocatorPage, Locator, Quote, Summary, EvidenceType, Confidence, PeriodFrom, PeriodTo, Status, StatusReason, StatusChangedAt, ExternalId, ImportBatchId);

        // As NamesAsync names them, a missing entity included.
        static EntityView End(EntityKind kind, long id, string? name, string? slug, string? country) =>
            name is null ? NotFound(kind, id) : new EntityView(kind, id, name, slug, country);
    }

    /// <summary>
    /// The claims a response answers: those linking its responder (or a brand it speaks for) to what it is about, and
    /// those about the suppliers it names (the transfer or listing it may be answering).
    /// </summary>
    public async Task<IReadOnlyList<ClaimView>> ClaimsAnsweredAsync(long responseId, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var r = await db.Responses.AsNoTracking().Include(x => x.Subjects).FirstOrDefaultAsync(x => x.Id == responseId, ct);
        if (r is null) return [];
        var parties = r.Subjects.Where(s => s.Role == SubjectRole.For).Select(s => (s.EntityKind, s.EntityId)).Append((r.ResponderKind, r.ResponderId)).ToList();
        var about = r.Subjects.Where(s => s.Role == SubjectRole.About).Select(s => (s.EntityKind, s.EntityId)).ToList();
        if (about.Count == 0) return [];
        var aboutIds = about.Select(a => a.EntityId).ToList();
        var candidates = await db.Claims.AsNoTracking().Include(c => c.Source)
            .Where(c => ClaimStatuses.Listed.Contains(c.Status) && (aboutIds.Contains(c.ObjectId) || aboutIds.Contains(c.SubjectId))).ToListAsync(ct);
        var answered = candidates.Where(c =>
            (about.Contains((c.ObjectKind, c.ObjectId)) && parties.Contains((c.SubjectKind, c.SubjectId)))
            || (about.Contains((c.SubjectKind, c.SubjectId)) && c.Predicate is Predicate.ReceivedTransferredWorkers or Predicate.ListedOn)).ToList();
        return await ViewsAsync(db, answered, ct);
    }

    /// <summary>The public change log: claims added (by import) and retracted (with reason), newest first.</summary>
    public async Task<IReadOnlyList<ClaimChange>> ChangeLogAsync(int first, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var retracted = await db.Claims.AsNoTracking().Where(c => c.Status == ClaimStatus.Retracted && c.StatusChangedAt != null)
            .OrderByDescending(c => c.StatusChangedAt).Take(first)
            .Select(c => new ClaimChange(c.StatusChangedAt!.Value, "RETRACTED", c.Id, c.SubjectAsPublished + " " + c.Predicate + " " + c.ObjectAsPublished, c.StatusReason))
            .ToListAsync(ct);
        var added = await (from c in db.Claims.AsNoTracking()
                           join b in db.ImportBatches.AsNoTracking() on c.ImportBatchId equals b.Id
                           where ClaimStatuses.Shown.Contains(c.Status) && b.FinishedAt != null
                           orderby c.Id descending
                           select new ClaimChange(b.FinishedAt!.Value, "ADDED", c.Id, c.SubjectAsPublished + " " + c.Predicate + " " + c.ObjectAsPublished, "imported from " + b.FileName))
            .Take(first).ToListAsync(ct);
        return retracted.Concat(added).OrderByDescending(c => c.At).ThenByDescending(c => c.ClaimId).Take(first).ToList();
    }

    /// <summary>Names for entity references, in one query per kind.</summary>
    public static async Task<Dictionary<EntityRef, EntityView>> NamesAsync(SupplyChainDb db, IReadOnlyCollection<EntityRef> refs, CancellationToken ct)
    {
        var result = new Dictionary<EntityRef, EntityView>();
        List<long> Ids(EntityKind k) => refs.Where(r => r.Kind == k).Select(r => r.Id).Distinct().ToList();
        var b = Ids(EntityKind.Brand);
        if (b.Count > 0) foreach (var x in await db.Brands.AsNoTracking().Where(e => b.Contains(e.Id)).Select(e => new { e.Id, e.Name, e.Slug }).ToListAsync(ct))
            result[new EntityRef(EntityKind.Brand, x.Id)] = new EntityView(EntityKind.Brand, x.Id, x.Name, x.Slug, null);
        var c = Ids(EntityKind.Company);
        if (c.Count > 0) foreach (var x in await db.Companies.AsNoTracking().Where(e => c.Contains(e.Id)).Select(e => new { e.Id, e.Name, e.CountryCode }).ToListAsync(ct))
            result[new EntityRef(EntityKind.Company, x.Id)] = new EntityView(EntityKind.Company, x.Id, x.Name, null, x.CountryCode);
        var f = Ids(EntityKind.Facility);
        if (f.Count > 0) foreach (var x in await db.Facilities.AsNoTracking().Where(e => f.Contains(e.Id)).Select(e => new { e.Id, e.Name, e.CountryCode }).ToListAsync(ct))
            result[new EntityRef(EntityKind.Facility, x.Id)] = new EntityView(EntityKind.Facility, x.Id, x.Name, null, x.CountryCode);
        var p = Ids(EntityKind.Programme);
        if (p.Count > 0) foreach (var x in await db.Programmes.AsNoTracking().Where(e => p.Contains(e.Id)).Select(e => new { e.Id, e.Name }).ToListAsync(ct))
            result[new EntityRef(EntityKind.Programme, x.Id)] = new EntityView(EntityKind.Programme, x.Id, x.Name, null, null);
        var s = Ids(EntityKind.Source);
        if (s.Count > 0) foreach (var x in await db.Sources.AsNoTracking().Where(e => s.Contains(e.Id)).Select(e => new { e.Id, e.Title }).ToListAsync(ct))
            result[new EntityRef(EntityKind.Source, x.Id)] = new EntityView(EntityKind.Source, x.Id, x.Title, null, null);
        foreach (var r in refs) result.TryAdd(r, NotFound(r.Kind, r.Id));
        return result;
    }

    /// <summary>What a claim shows for an end that is no longer held.</summary>
    static EntityView NotFound(EntityKind kind, long id) => new(kind, id, $"({kind} {id} not found)", null, null);
}
