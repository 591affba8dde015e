using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Domain;
using SupplyChain.Exposure;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Exposure;

/// <summary>
/// The claim graph as loaded keeps its claims as compact rows (<c>Exposure/EdgeStore.cs</c>) instead of an object per
/// claim in dictionaries of lists. It must answer exactly as a graph holding every claim as an object did: the same
/// claims in the same order for every entity, the same name keys, the same ownership, the same exposure for every
/// brand, before and after a patch. The graph built claim by claim (<see cref="ClaimGraph.Add(ClaimEdge)"/>) keeps
/// them as objects, as the graph did before: it is the reference.
/// </summary>
public abstract class CompactGraphTests(SeededDatabase data)
{
    async Task<(ClaimGraph Compact, ClaimGraph Reference, List<EntityRef> Entities)> BothAsync()
    {
        await using var db = data.Factory.Create();
        var compact = await ClaimGraph.LoadAllAsync(db);
        var reference = new ClaimGraph();
        // The same claims, read by the same query, in the same order.
        foreach (var e in await db.Claims.AsNoTracking()
                     .Where(c => ClaimStatuses.Live.Contains(c.Status) && ClaimGraph.PathPredicates.Contains(c.Predicate))
                     .Select(c => new ClaimEdge(c.Id, new EntityRef(c.SubjectKind, c.SubjectId), c.Predicate, new EntityRef(c.ObjectKind, c.ObjectId),
                         c.Confidence, c.PeriodFrom, c.PeriodTo, c.Source!.Published, c.Status, c.Source.Publisher)).ToListAsync())
            reference.Add(e);
        foreach (var f in await db.Facilities.AsNoTracking().ToListAsync()) reference.SetBaseKey(new EntityRef(EntityKind.Facility, f.Id), f.NameKey);
        foreach (var c in await db.Companies.AsNoTracking().ToListAsync()) reference.SetBaseKey(new EntityRef(EntityKind.Company, c.Id), c.NameKey);
        reference.ReplaceResponses(await ClaimGraph.ResponseEdgesAsync(db, reference, default));

        var entities = new List<EntityRef>();
        entities.AddRange((await db.Brands.Select(b => b.Id).ToListAsync()).Select(id => new EntityRef(EntityKind.Brand, id)));
        entities.AddRange((await db.Companies.Select(b => b.Id).ToListAsync()).Select(id => new EntityRef(EntityKind.Company, id)));
        entities.AddRange((await db.Facilities.Select(b => b.Id).ToListAsync()).Select(id => new EntityRef(EntityKind.Facility, id)));
        entities.AddRange((await db.Programmes.Select(b => b.Id).ToListAsync()).Select(id => new EntityRef(EntityKind.Programme, id)));
        entities.AddRange((await db.Sources.Select(b => b.Id).ToListAsync()).Select(id => new EntityRef(EntityKind.Source, id)));
        entities.Add(new EntityRef(EntityKind.Facility, 987_654_321)); // held by neither
        return (compact, reference, entities);
    }

    static void AssertSame(ClaimGraph compact, ClaimGraph reference, IEnumerable<EntityRef> entities)
    {
        var claims = 0;
        foreach (var e in entities)
        {
            Assert.Equal(reference.From(e), compact.From(e));
            Assert.Equal(reference.To(e), compact.To(e));
            Assert.Equal(reference.BaseKey(e), compact.BaseKey(e));
            Assert.Equal(JsonSerializer.Serialize(reference.ResponsesBy(e)), JsonSerializer.Serialize(compact.ResponsesBy(e))); // lists inside: by value
            claims += reference.From(e).Count;
        }
        Assert.True(claims > 100, $"only {claims} claims compared");
        // In the same order too: the order subjects were first met in (ties between equal names are broken by it).
        static string Owning(ClaimGraph g) => string.Join(";", g.BrandOwnership().Select(o => $"{o.Brand}>{o.Company}#{o.Claim.Id}"));
        Assert.Equal(Owning(reference), Owning(compact));
    }

    static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    [SkippableFact]
    public async Task The_compact_graph_answers_as_the_graph_of_objects_for_every_entity_and_every_brand_exposure()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        var (compact, reference, entities) = await BothAsync();
        AssertSame(compact, reference, entities);
        var brands = entities.Where(e => e.Kind == EntityKind.Brand).ToList();
        var linked = 0;
        foreach (var b in brands)
        {
            var want = ExposureCalculator.Compute(reference, b.Id);
            var got = ExposureCalculator.Compute(compact, b.Id);
            Assert.Equal(JsonSerializer.Serialize(want, Json), JsonSerializer.Serialize(got, Json));
            if (want.Paths.Count > 0) linked++;
        }
        Assert.True(linked >= 3, $"only {linked} brands with paths");
    }

    [SkippableFact]
    public async Task A_patched_copy_of_the_compact_graph_answers_as_a_patched_copy_of_the_graph_of_objects()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        var (compact, reference, entities) = await BothAsync();
        var someClaims = entities.SelectMany(reference.From).Where((_, i) => i % 7 == 0).Take(40).ToList();
        Assert.NotEmpty(someClaims);
        var before = entities.Select(e => compact.From(e).Count).ToList();
        var copies = new[] { compact.CopyForPatch(), reference.CopyForPatch() };
        foreach (var g in copies)
        {
            foreach (var c in someClaims) g.Remove(c.Id, c.Subject, c.Object);
            // One taken out comes back changed; one new claim on an entity with none; one whose id is held is not added twice.
            g.Add(someClaims[0] with { Confidence = Confidence.Low });
            g.Add(new ClaimEdge(9_000_001, new EntityRef(EntityKind.Brand, entities.First(e => e.Kind == EntityKind.Brand).Id), Predicate.NamedIn,
                new EntityRef(EntityKind.Source, 1), Confidence.High, "2020", null, "2021-01-01", ClaimStatus.Active, "Made-up publisher"));
            g.Add(someClaims[0]);
            g.SetBaseKey(new EntityRef(EntityKind.Facility, 987_654_321), "made up key");
        }
        AssertSame(copies[0], copies[1], entities);
        // The graphs copied are as they were: readers of the old snapshot see no change.
        Assert.Equal(before, entities.Select(e => compact.From(e).Count).ToList());
        AssertSame(compact, reference, entities);
    }

    [SkippableFact]
    public async Task Owners_and_owned_brands_read_from_claims_equal_the_lists_once_kept_per_brand()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        var (_, reference, entities) = await BothAsync();
        var snapshot = await data.SnapshotAsync();
        // What the snapshot kept before: per brand, its owners grouped from the ownership claims (companies held only),
        // and per company, the brands in the order of that table.
        await using var db = data.Factory.Create();
        var companies = await db.Companies.AsNoTracking().ToDictionaryAsync(c => c.Id, c => (c.Name, c.CountryCode));
        var kept = reference.BrandOwnership().Where(l => companies.ContainsKey(l.Company.Id)).GroupBy(l => l.Brand.Id).ToDictionary(b => b.Key, b => b
            .GroupBy(l => l.Company.Id)
            .Select(c => new BrandOwner(c.Key, companies[c.Key].Name, companies[c.Key].CountryCode, c.Select(l => l.Claim.Id).Order().ToArray()))
            .OrderByDescending(o => o.ClaimIds.Count).ThenBy(o => o.CompanyId).ToArray());
        var brandsOf = kept.SelectMany(kv => kv.Value.Select(o => (o.CompanyId, Brand: kv.Key))).ToLookup(x => x.CompanyId, x => x.Brand);
        var owned = 0;
        foreach (var e in entities)
        {
            if (e.Kind == EntityKind.Brand)
            {
                var want = kept.GetValueOrDefault(e.Id) ?? [];
                Assert.Equal(JsonSerializer.Serialize(want), JsonSerializer.Serialize(snapshot.OwnersOf(e.Id)));
                owned += want.Length > 0 ? 1 : 0;
            }
            if (e.Kind == EntityKind.Company) Assert.Equal(brandsOf[e.Id], snapshot.BrandsOf(e.Id));
        }
        Assert.True(owned >= 5, $"only {owned} brands with owners");
    }

    [SkippableFact]
    public async Task Paths_kept_per_snapshot_are_bounded_and_answer_as_computed_afresh()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        var snapshot = await data.SnapshotAsync();
        var brands = (await data.IndexAsync()).Cards.Select(c => c.Id).ToList();
        // Every held brand, then thousands of ids (no brand: no paths) past the bound, then the held brands again.
        var ids = brands.Concat(Enumerable.Range(1_000_000, GraphSnapshot.ExposuresKept + 500).Select(i => (long)i)).Concat(brands).ToList();
        foreach (var id in ids)
        {
            var want = ExposureCalculator.Compute(snapshot.Graph, id);
            Assert.Equal(JsonSerializer.Serialize(want, Json), JsonSerializer.Serialize(snapshot.Exposure(id), Json));
            Assert.InRange(snapshot.ExposuresHeld, 1, GraphSnapshot.ExposuresKept);
        }
        Assert.Same(snapshot.Exposure(brands[0]), snapshot.Exposure(brands[0])); // held while within the bound
    }
}

public sealed class CompactGraphTests_Sqlite(SqliteSeededDatabase d) : CompactGraphTests(d), IClassFixture<SqliteSeededDatabase>;
public sealed class CompactGraphTests_Postgres(PostgresSeededDatabase d) : CompactGraphTests(d), IClassFixture<PostgresSeededDatabase>;

/// <summary>Entity → text held as one UTF-8 block: every text reads back exactly as given.</summary>
public sealed class TextByEntityTests
{
    [Fact]
    public void Every_text_reads_back_as_given_unicode_lone_surrogates_empty_and_null_included()
    {
        var texts = new (EntityRef, string?)[]
        {
            (new(EntityKind.Facility, 1), "huafu fashion co"),
            (new(EntityKind.Facility, 2), ""),
            (new(EntityKind.Company, 2), "nestlé 雀巢 ﬁne"),
            (new(EntityKind.Company, 3), "lone \ud800 surrogate"),
            (new(EntityKind.Company, 4), null),
            (new(EntityKind.Facility, (1L << 56) - 1), "largest id"),
            (new(EntityKind.Facility, 1), "a later text wins"),
        };
        var held = new Dictionary<EntityRef, string?>();
        foreach (var (e, t) in texts) held[e] = t;
        var block = TextByEntity.Of(texts);
        Assert.Equal(held.Count, block.Count);
        foreach (var (e, t) in held) Assert.Equal(t, block.Get(e));
        Assert.Null(block.Get(new EntityRef(EntityKind.Brand, 1)));
        Assert.Null(block.Get(new EntityRef(EntityKind.Facility, 3)));
        Assert.Null(block.Get(new EntityRef(EntityKind.Facility, -1)));
    }
}
