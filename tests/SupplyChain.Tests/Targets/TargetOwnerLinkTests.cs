using SupplyChain.Domain;
using SupplyChain.Exposure;
using SupplyChain.Queries;
using SupplyChain.Search;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Targets;

/// <summary>
/// "Its owner … is linked through …" on the target list (<see cref="TargetQueries.WithOwnerLinks"/>) gives exactly what
/// the computation it replaced gave (kept here as <see cref="Quadratic"/>: every brand with an owner tested against every
/// linked brand, 350,058 × 68,108 steps at a million brands): same brands, same order, every other figure untouched.
/// On the bundled data, and on MADE-UP digests (invented brands and owners, not evidence).
/// </summary>
public abstract class TargetOwnerLinkTests(SeededDatabase data)
{
    /// <summary>The computation before, as it stood in TargetQueries.ComputeAsync.</summary>
    static BrandDigest[] Quadratic(IReadOnlyList<BrandDigest> result, Func<long, IEnumerable<long>> brandsOf)
    {
        var linked = result.Where(d => d.Links.Count > 0).Select(d => d.Card).ToList();
        return result.Select(d => d.Card.OwnerCompanyId is { } o && brandsOf(o).ToHashSet() is var siblings
            && linked.Where(c => c.Id != d.Card.Id && siblings.Contains(c.Id)).ToArray() is { Length: > 0 } others
            ? d with { OwnerLinkedThrough = others } : d).ToArray();
    }

    static void Same(IReadOnlyList<BrandDigest> expected, IReadOnlyList<BrandDigest> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            // Records compare their lists by reference: both sides come from the same digests, so this is "nothing else changed".
            Assert.Equal(expected[i] with { OwnerLinkedThrough = [] }, actual[i] with { OwnerLinkedThrough = [] });
            Assert.Equal(expected[i].OwnerLinkedThrough, actual[i].OwnerLinkedThrough);
        }
    }

    [SkippableFact]
    public async Task Bundled_data_gives_the_same_owner_links_as_before()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        var index = await data.IndexAsync();
        var snapshot = GraphSnapshot.Of(index);
        var digests = await new TargetQueries(data.Factory).DigestsAsync(index);
        var plain = digests.Select(d => d with { OwnerLinkedThrough = [] }).ToArray();
        var before = Quadratic(plain, snapshot.BrandsOf);
        Same(before, TargetQueries.WithOwnerLinks(plain, snapshot.BrandsOf));
        Same(before.Select(d => d with { OwnerLinkedThrough = [] }).ToArray(), plain);
        Assert.Equal(before.Select(d => d.OwnerLinkedThrough), digests.Select(d => d.OwnerLinkedThrough)); // what the list shows
        Assert.Contains(digests, d => d.OwnerLinkedThrough.Count > 0); // the bundled data has such brands (Converse → Nike)
    }

    [Fact]
    public void Made_up_digests_give_the_same_owner_links_as_before()
    {
        var rng = new Random(20261207);
        var link = new LinkSummary(new EntityView(EntityKind.Facility, 1, "MADE-UP factory", null, null),
            new EntityView(EntityKind.Facility, 1, "MADE-UP factory", null, null), true, false, null, Confidence.High, []);
        for (var trial = 0; trial < 200; trial++)
        {
            var n = rng.Next(0, 300);
            var owners = rng.Next(1, 25);
            // Ids in any order; an owner on a card that no ownership claim names; a brand owned by several companies.
            var ids = Enumerable.Range(1, n).Select(i => (long)i * 7 % 1009 + 1).OrderBy(_ => rng.Next()).ToArray();
            var digests = ids.Select(id =>
            {
                long? owner = rng.Next(5) == 0 ? null : rng.Next(owners + 2);
                var linked = rng.Next(3) == 0;
                var status = linked ? BrandStatus.Linked : BrandStatus.NamedInReport;
                var card = new BrandCard(id, $"MADE-UP brand {id}", $"made-up-brand-{id}", null, owner, owner is null ? null : $"MADE-UP owner {owner}", status, 1, 1);
                return new BrandDigest(card, status, linked ? Confidence.High : null, 1, [], [], linked ? [link] : [], 0, [], [], null, 1);
            }).ToArray();
            // An owner's brands in an order of their own (not the list's), some named twice.
            var brandsOf = digests.SelectMany(d => (d.Card.OwnerCompanyId is { } o && rng.Next(6) > 0 ? [o] : Array.Empty<long>())
                    .Concat(rng.Next(8) == 0 ? [rng.Next(owners)] : []).Select(o => (Owner: o, d.Card.Id)))
                .SelectMany(x => rng.Next(10) == 0 ? [x, x] : new[] { x }).OrderBy(_ => rng.Next())
                .ToLookup(x => x.Owner, x => x.Id);
            IEnumerable<long> BrandsOf(long o) => brandsOf[o];
            Same(Quadratic(digests, BrandsOf), TargetQueries.WithOwnerLinks(digests, BrandsOf));
        }
    }
}

public sealed class TargetOwnerLinkTests_Sqlite(SqliteSeededDatabase d) : TargetOwnerLinkTests(d), IClassFixture<SqliteSeededDatabase>;
