using SupplyChain.Domain;
using SupplyChain.Exposure;
using SupplyChain.Queries;
using SupplyChain.Search;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Targets;

/// <summary>
/// Digests held as columns (<see cref="DigestTable"/>) read back, at every position and in order, digests equal to the
/// ones they were made from, sharing the same lists (cards equal: the index's are made when read). MADE-UP digests (invented brands, sources, responses),
/// then the bundled data's.
/// </summary>
public sealed class DigestTableTests(SqliteSeededDatabase seeded) : IClassFixture<SqliteSeededDatabase>
{
    static object[] Shown(BrandDigest d) =>
    [
        d.Card, d.Status, d.Strength ?? (object)"none", d.IndependentSources, d.Sources, d.NamedIn, d.Links, d.SupplierCount,
        d.SupplierCountries, d.Responses, d.NewestEvidence ?? "none", d.ClaimCount, d.PathPublishers, d.OwnerLinkedThrough, d.SupplierProvinces,
    ];

    static void Same(IReadOnlyList<BrandDigest> want, DigestTable got)
    {
        Assert.Equal(want.Count, got.Count);
        for (var i = 0; i < want.Count; i++)
        {
            Assert.Equal(want[i], got[i]);
            var (w, g) = (Shown(want[i]), Shown(got[i]));
            for (var k = 0; k < w.Length; k++)
                if (w[k] is ValueType or string or BrandCard) Assert.Equal(w[k], g[k]); else Assert.Same(w[k], g[k]);
        }
        Assert.Equal(want, got.ToList()); // enumerated in order
    }

    [Fact]
    public void Made_up_digests_read_back_equal_at_every_position()
    {
        var rng = new Random(14);
        var sources = new[] { new SourceRef(1, "MADE-UP report", "MADE-UP publisher", "2020", SourceKind.Report) };
        var countries = new[] { "CN" };
        var link = new LinkSummary(new EntityView(EntityKind.Facility, 1, "MADE-UP factory", null, "CN"),
            new EntityView(EntityKind.Facility, 1, "MADE-UP factory", null, "CN"), true, false, null, Confidence.High, []);
        var response = new ResponseBrief(3, Stance.NoReply, null, "MADE-UP responder");
        foreach (var n in new[] { 0, 1, 2, 57 })
            for (var trial = 0; trial < 20; trial++)
            {
                var cards = Enumerable.Range(0, n).Select(i => new BrandCard(1000 - i, $"MADE-UP brand {i}", $"made-up-brand-{i}", null, null, null,
                    BrandStatus.Linked, i, 0)).ToArray();
                var statuses = Enum.GetValues<BrandStatus>();
                var strengths = new Confidence?[] { null, Confidence.Low, Confidence.Medium, Confidence.High };
                var digests = cards.Select((c, i) =>
                {
                    // Rare parts at the first and last positions too, and never for some runs.
                    var rare = trial % 4 != 0 && (i == 0 || i == n - 1 || rng.Next(3) == 0);
                    var d = new BrandDigest(c, statuses[rng.Next(statuses.Length)], strengths[rng.Next(4)], rng.Next(3), rng.Next(2) == 0 ? [] : sources,
                        [], rare && rng.Next(2) == 0 ? [link] : [], rng.Next(4), rng.Next(2) == 0 ? [] : countries,
                        rare && rng.Next(2) == 0 ? [response] : [], rng.Next(2) == 0 ? null : "2020", rng.Next(int.MaxValue)) { PathPublishers = rng.Next(3) };
                    return rare ? d with { OwnerLinkedThrough = [cards[0]] } : d;
                }).ToArray();
                Same(digests, new DigestTable(cards, digests));
                // Over an index's cards (columns, made when read): the same digests, and each reads its card's columns.
                var table = new DigestTable(CardTable.Of(cards), digests);
                Same(digests, table);
                foreach (var d in table)
                    Assert.Equal((d.Card.Id, d.Card.Name, d.Card.Sectors, d.Card.OwnerCompanyId), (d.CardId, d.CardName, d.CardSectors, d.CardOwnerId));
            }
    }

    [Fact]
    public void Digests_over_an_index_s_cards_read_and_sort_as_over_plain_cards()
    {
        var names = new[] { "MADE-UP Zara", "made-up zara", "Nestlé MADE-UP", "雀巢 MADE-UP", "MADE-UP 😀 Brand", "Ärzte MADE-UP", "MADE-UP ユニクロ" };
        var cards = names.Select((n, i) => new BrandCard(100 + i, n, $"made-up-{i}", i % 2 == 0 ? "apparel; 电子" : null, i % 3 == 0 ? 7 : null,
            i % 3 == 0 ? "MADE-UP 😀 Owner" : null, BrandStatus.Linked, i, 1)).ToArray();
        var digests = cards.Select(c => new BrandDigest(c, BrandStatus.Linked, Confidence.High, 1, [], [], [], 0, [], [], null, 1)).ToArray();
        var table = new DigestTable(CardTable.Of(cards), digests);
        Same(digests, table);
        foreach (var sort in Enum.GetValues<TargetSort>())
        {
            var filter = new TargetFilter(Sort: sort);
            Assert.Equal(TargetQueries.Filter(digests, filter).Select(d => d.Card), TargetQueries.Filter(table, filter).Select(d => d.Card));
        }
        Assert.Equal(TargetQueries.Filter(digests, new TargetFilter(Sector: "电子")), TargetQueries.Filter(table, new TargetFilter(Sector: "电子")));
        Assert.Equal(TargetQueries.SectorsOf(digests), TargetQueries.SectorsOf(table));
    }

    [Fact]
    public void A_table_refuses_digests_that_are_not_its_cards()
    {
        var cards = new[] { new BrandCard(1, "MADE-UP a", "made-up-a", null, null, null, BrandStatus.NoEvidence, 0, 0),
            new BrandCard(2, "MADE-UP b", "made-up-b", null, null, null, BrandStatus.NoEvidence, 0, 0) };
        BrandDigest Of(BrandCard c) => new(c, BrandStatus.NoEvidence, null, 0, [], [], [], 0, [], [], null, 0);
        Assert.Throws<ArgumentException>(() => new DigestTable(cards, [Of(cards[0])]));
        Assert.Throws<ArgumentException>(() => new DigestTable(cards, [Of(cards[1]), Of(cards[0])]));
        Assert.Throws<ArgumentException>(() => new DigestTable(cards, [Of(cards[0]), Of(cards[1] with { ClaimCount = 1 })])); // another card of the same id
        _ = new DigestTable(cards, [Of(cards[0]), Of(cards[1] with { })]); // an equal copy is the card (an index's cards are made when read)
        var table = new DigestTable(cards, [Of(cards[0]), Of(cards[1])]);
        Assert.Throws<ArgumentOutOfRangeException>(() => table[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => table[-1]);
    }

    [Fact]
    public async Task Bundled_digests_read_back_from_the_table_as_computed()
    {
        var index = await seeded.IndexAsync();
        var table = Assert.IsType<DigestTable>(await new TargetQueries(seeded.Factory).DigestsAsync(index));
        var made = table.ToArray(); // made once, then a table over them again
        Assert.Contains(made, d => d.Links.Count > 0);
        Assert.Contains(made, d => d.OwnerLinkedThrough.Count > 0);
        Assert.Contains(made, d => d.Responses.Count > 0);
        Same(made, new DigestTable(index.Cards, made));
        Same(made, table);
    }
}
