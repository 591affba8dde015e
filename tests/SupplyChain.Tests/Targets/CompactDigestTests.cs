using SupplyChain.Domain;
using SupplyChain.Exposure;
using SupplyChain.Queries;
using SupplyChain.Search;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Targets;

/// <summary>
/// A digest holds its repeated parts in a shared profile and its rare parts in an object that is null when empty
/// (48 bytes a brand instead of 120): every property reads back what it was given, `with` changes only what it names,
/// equality compares the same values as the positional record did, and the computed digests share equal profiles.
/// Values are MADE-UP (invented brands, sources and responses), except in the last test (the bundled data).
/// </summary>
public sealed class CompactDigestTests(SqliteSeededDatabase seeded) : IClassFixture<SqliteSeededDatabase>
{
    static readonly BrandCard MadeUpCard = new(7, "MADE-UP brand", "made-up-brand", "apparel", 3, "MADE-UP owner", BrandStatus.Linked, 4, 2);
    static readonly SourceRef[] MadeUpSources = [new(11, "MADE-UP report", "MADE-UP publisher", "2021-03", SourceKind.Report)];
    static readonly LinkSummary[] MadeUpLinks = [new(new EntityView(EntityKind.Facility, 5, "MADE-UP factory", null, "CN"),
        new EntityView(EntityKind.Facility, 5, "MADE-UP factory", null, "CN"), true, false, null, Confidence.Medium, [])];
    static readonly ResponseBrief[] MadeUpResponses = [new(9, Stance.DeniedLink, "2022-01-02", "MADE-UP responder")];
    static readonly string[] Countries = ["CN", "VN"], Provinces = ["Xinjiang"];
    static readonly BrandCard[] MadeUpOthers = [MadeUpCard with { Id = 8, Name = "MADE-UP sister" }];

    /// <summary>Every value a digest shows, in one comparable tuple (lists by reference, as the record compared them).</summary>
    static object[] Shown(BrandDigest d) =>
    [
        d.Card, d.Status, d.Strength ?? (object)"none", d.IndependentSources, d.Sources, d.NamedIn, d.Links, d.SupplierCount,
        d.SupplierCountries, d.Responses, d.NewestEvidence ?? "none", d.ClaimCount, d.PathPublishers, d.OwnerLinkedThrough, d.SupplierProvinces,
    ];

    static BrandDigest Full(BrandStatus status, Confidence? strength) =>
        new BrandDigest(MadeUpCard, status, strength, 2, MadeUpSources, MadeUpSources, MadeUpLinks, 3, Countries, MadeUpResponses, "2022-01-02", 5)
        { PathPublishers = 4, OwnerLinkedThrough = MadeUpOthers, SupplierProvinces = Provinces };

    [Fact]
    public void Every_property_reads_back_what_it_was_given()
    {
        foreach (var status in Enum.GetValues<BrandStatus>())
            foreach (var strength in new Confidence?[] { null, Confidence.Low, Confidence.Medium, Confidence.High })
            {
                var d = Full(status, strength);
                Assert.Equal<object>([MadeUpCard, status, strength ?? (object)"none", 2, MadeUpSources, MadeUpSources, MadeUpLinks, 3,
                    Countries, MadeUpResponses, "2022-01-02", 5, 4, MadeUpOthers, Provinces], Shown(d));
                Assert.Same(Countries, d.SupplierCountries);
                Assert.Same(Provinces, d.SupplierProvinces);
                Assert.Same(MadeUpResponses[0], d.LatestResponse);
            }
        var empty = new BrandDigest(MadeUpCard, BrandStatus.NoEvidence, null, 0, [], [], [], 0, [], [], null, 0);
        Assert.Equal<object>([MadeUpCard, BrandStatus.NoEvidence, "none", 0, 0, 0, 0, 0, 0, 0, "none", 0, 0, 0, 0],
            Shown(empty).Select(v => v is System.Collections.ICollection c ? c.Count : v));
        Assert.Null(empty.LatestResponse);
    }

    [Fact]
    public void With_changes_only_the_property_it_names()
    {
        var d = Full(BrandStatus.Linked, Confidence.High);
        var other = new SourceRef(12, "MADE-UP other report", null, null, SourceKind.Report);
        var changes = new (Func<BrandDigest, BrandDigest> Change, int At, object Value)[]
        {
            (x => x with { Card = MadeUpOthers[0] }, 0, MadeUpOthers[0]),
            (x => x with { Status = BrandStatus.LinkEnded }, 1, BrandStatus.LinkEnded),
            (x => x with { Strength = null }, 2, "none"),
            (x => x with { IndependentSources = 9 }, 3, 9),
            (x => x with { Sources = [other] }, 4, "list"),
            (x => x with { NamedIn = [] }, 5, "list"),
            (x => x with { Links = [] }, 6, "list"),
            (x => x with { SupplierCount = 0 }, 7, 0),
            (x => x with { SupplierCountries = ["BD"] }, 8, "list"),
            (x => x with { Responses = [] }, 9, "list"),
            (x => x with { NewestEvidence = null }, 10, "none"),
            (x => x with { ClaimCount = 1_000_000 }, 11, 1_000_000),
            (x => x with { PathPublishers = 0 }, 12, 0),
            (x => x with { OwnerLinkedThrough = [] }, 13, "list"),
            (x => x with { SupplierProvinces = [] }, 14, "list"),
        };
        var before = Shown(d);
        foreach (var (change, at, value) in changes)
        {
            var after = Shown(change(d));
            for (var i = 0; i < before.Length; i++)
                if (i != at && before[i] is ValueType or string) Assert.Equal(before[i], after[i]);
                else if (i != at) Assert.Same(before[i], after[i]);
                else if (value is "list") Assert.NotSame(before[i], after[i]);
                else Assert.Equal(value, after[i]);
            Assert.NotEqual(d, change(d));
            Assert.Equal<object>(before, Shown(d)); // the digest itself is untouched
        }
        // Taking away the last rare part leaves none: the same as a digest made without them.
        var plain = d with { Links = [], Responses = [], OwnerLinkedThrough = [] };
        Assert.Empty(plain.Links); Assert.Empty(plain.Responses); Assert.Empty(plain.OwnerLinkedThrough);
        Assert.Equal(new BrandDigest(MadeUpCard, BrandStatus.Linked, Confidence.High, 2, MadeUpSources, MadeUpSources, [], 3, d.SupplierCountries, [], "2022-01-02", 5)
            { PathPublishers = 4, SupplierProvinces = d.SupplierProvinces }, plain);
    }

    [Fact]
    public void Digests_made_of_the_same_values_are_equal()
    {
        Assert.Equal(Full(BrandStatus.Linked, Confidence.Low), Full(BrandStatus.Linked, Confidence.Low));
        Assert.Equal(Full(BrandStatus.Linked, Confidence.Low).GetHashCode(), Full(BrandStatus.Linked, Confidence.Low).GetHashCode());
        Assert.NotEqual(Full(BrandStatus.Linked, Confidence.Low), Full(BrandStatus.Linked, null));
        Assert.NotEqual(Full(BrandStatus.Linked, Confidence.Low), Full(BrandStatus.LinkEnded, Confidence.Low));
    }

    [Fact]
    public async Task Computed_digests_share_equal_profiles_and_read_as_made_by_the_public_constructor()
    {
        var index = await seeded.IndexAsync();
        var all = await new TargetQueries(seeded.Factory).DigestsAsync(index);
        Assert.Equal(index.Cards.Count, all.Count);
        foreach (var d in all)
        {
            var remade = new BrandDigest(d.Card, d.Status, d.Strength, d.IndependentSources, d.Sources, d.NamedIn, d.Links, d.SupplierCount,
                d.SupplierCountries, d.Responses, d.NewestEvidence, d.ClaimCount)
            { PathPublishers = d.PathPublishers, OwnerLinkedThrough = d.OwnerLinkedThrough, SupplierProvinces = d.SupplierProvinces };
            Assert.Equal(remade, d);
            Assert.Equal<object>(Shown(remade), Shown(d));
        }
        // Equal profiles are one object, and brands do share them.
        foreach (var group in all.GroupBy(d => d.Profile))
            Assert.All(group, d => Assert.Same(group.First().Profile, d.Profile));
        var distinct = all.Select(d => d.Profile).Distinct(ReferenceEqualityComparer.Instance).Count();
        Assert.True(distinct < all.Count, $"{distinct} profiles for {all.Count} digests");
    }
}
