using SupplyChain.Exposure;
using SupplyChain.Resolution;
using SupplyChain.Search;
using Xunit;

namespace SupplyChain.Tests.Search;

/// <summary>
/// The index's cards held as columns (<see cref="CardTable"/>) read back as the plain list of cards they were made from:
/// every card equal, printed alike, every column as the card's property, names in ASCII, Latin-1, CJK and emoji (a
/// name of surrogate pairs), renamed, re-owned and added by patches, and the table patched from left as it was. An index
/// patched with such cards answers as one built over them. Names are MADE-UP.
/// </summary>
public sealed class CardTableTests
{
    static readonly string[] Names =
    [
        "Zara", "H&M", "", "  ", "Nestlé", "Ärzte Ohne Grenzen", "Ça va Modes", "ÿ-end", "雀巢", "李宁 Li-Ning", "ユニクロ",
        "Brand 😀", "😀😀", "Ünï 雀巢 😀 mixed", "MADE-UP Quillon", "made-up quillon", "MADE-UP QUILLON", "Σ Sigma", "Ⅻ Twelve",
    ];

    static List<BrandCard> MadeUp(Random rng, int n, int firstId)
    {
        var owners = new[] { (1L, "MADE-UP Owner"), (2L, "雀巢 Holdings"), (3L, "Ünï 😀 Group") };
        var sectors = new string?[] { null, "apparel", "apparel; footwear", "电子" };
        var list = new List<BrandCard>();
        for (var i = 0; i < n; i++)
        {
            var name = Names[rng.Next(Names.Length)] + (rng.Next(3) == 0 ? $" {i}" : "");
            var slug = rng.Next(5) == 0 ? NameNormalizer.Slug(name) + "-2" : NameNormalizer.Slug(name);
            var (ownerId, ownerName) = rng.Next(3) == 0 ? ((long?)null, (string?)null) : owners[rng.Next(owners.Length)];
            list.Add(new BrandCard(firstId + i, name, slug, sectors[rng.Next(sectors.Length)], ownerId, ownerName,
                Enum.GetValues<BrandStatus>()[rng.Next(Enum.GetValues<BrandStatus>().Length)], rng.Next(100), rng.Next(10)));
        }
        return list;
    }

    static void Same(IReadOnlyList<BrandCard> want, CardTable got, Random rng)
    {
        Assert.Equal(want.Count, got.Count);
        Span<char> a = stackalloc char[4], b = stackalloc char[4]; // short scratch: longer names are read past it
        for (var i = 0; i < want.Count; i++)
        {
            var w = want[i];
            Assert.Equal(w, got[i]);
            Assert.Equal(w.ToString(), got[i].ToString());
            Assert.Equal((w.Id, w.Name, w.Slug, w.Sectors, w.OwnerCompanyId, w.OwnerName, w.Status, w.ClaimCount),
                (got.Id(i), got.Name(i), got.Slug(i), got.Sectors(i), got.OwnerCompanyId(i), got.OwnerName(i), got.Status(i), got.ClaimCount(i)));
            Assert.Equal(w.Name, got.NameChars(i, a).ToString());
            Assert.True(got.NameIs(i, w.Name));
            Assert.False(got.NameIs(i, w.Name + "x"));
            var j = rng.Next(want.Count);
            Assert.Equal(Math.Sign(StringComparer.OrdinalIgnoreCase.Compare(w.Name, want[j].Name)), Math.Sign(got.CompareNamesIgnoreCase(i, j, a, b)));
            Assert.Equal(Math.Sign(StringComparer.OrdinalIgnoreCase.Compare(w.Name, want[j].Name)), Math.Sign(got.NameRank(i).CompareTo(got.NameRank(j))));
        }
        Assert.Equal(want, got.ToList());
        // Equal owners and texts are one object across the table's cards.
        foreach (var g in got.Where(c => c.Owner is not null).GroupBy(c => c.Owner)) Assert.All(g, c => Assert.Same(g.First().Owner, c.Owner));
        foreach (var g in got.Where(c => c.Text is not null).GroupBy(c => c.Text)) Assert.All(g, c => Assert.Same(g.First().Text, c.Text));
    }

    [Fact]
    public void A_table_reads_back_its_cards_and_their_columns()
    {
        var rng = new Random(14);
        foreach (var n in new[] { 0, 1, 2, 300 })
        {
            var cards = MadeUp(rng, n, 1);
            Same(cards, CardTable.Of(cards), rng);
        }
        Same([], CardTable.Empty, rng);
    }

    [Fact]
    public void Patched_tables_read_as_the_plain_list_with_the_same_edits()
    {
        var rng = new Random(15);
        var plain = MadeUp(rng, 200, 1);
        var table = CardTable.Of(plain);
        for (var round = 0; round < 6; round++)
        {
            var before = plain.ToList();
            var replaced = new List<(int, BrandCard)>();
            foreach (var at in Enumerable.Range(0, 25).Select(_ => rng.Next(plain.Count)).Distinct())
            {
                var c = plain[at];
                var edited = rng.Next(5) switch
                {
                    0 => c with { Name = Names[rng.Next(Names.Length)] + " renamed" }, // a rename keeps the slug
                    1 => c with { OwnerCompanyId = 2, OwnerName = "雀巢 Holdings" },
                    2 => c with { Sectors = "MADE-UP 😀 sector", Status = BrandStatus.Linked, ClaimCount = c.ClaimCount + 1 },
                    3 => c with { OwnerCompanyId = null, OwnerName = null, Slug = "made-up-" + at },
                    _ => c with { }, // unchanged
                };
                replaced.Add((at, edited));
                plain[at] = edited;
            }
            var added = MadeUp(rng, rng.Next(0, 6), 10_000 * (round + 1));
            plain.AddRange(added);
            var patched = table.Patched(replaced, added);
            Same(plain, patched, rng);
            Same(before, table, rng); // the table patched from is unchanged
            table = patched;
        }
    }

    [Fact]
    public void An_index_patched_with_renamed_and_new_cards_answers_as_one_built_over_them()
    {
        var rng = new Random(16);
        var cards = MadeUp(rng, 120, 1);
        var aliases = new List<(long, string)> { (3, "MADE-UP 別名"), (5, "Alias 😀") };
        var index = BrandIndex.Build(cards, aliases);
        var changed = new List<BrandCard>
        {
            cards[3] with { Name = "ユニクロ 😀 renamed" }, cards[7] with { Name = "Ärzte renamed", OwnerCompanyId = 9, OwnerName = "MADE-UP 新 Owner" },
            cards[8] with { Status = BrandStatus.Linked, ClaimCount = 500 },
        };
        var added = MadeUp(rng, 4, 5_000);
        var final = cards.ToList();
        final[3] = changed[0]; final[7] = changed[1]; final[8] = changed[2];
        final.AddRange(added);
        var patched = index.Patch([.. changed, .. added], [(5_000, "Added 😀 alias")]);
        var rebuilt = BrandIndex.Build(final, [.. aliases, (5_000, "Added 😀 alias")]);
        Assert.Equal(rebuilt.Cards.OrderBy(c => c.Id).ToList(), patched.Cards.OrderBy(c => c.Id).ToList());
        foreach (var c in final)
        {
            Assert.Equal(c, patched.ById(c.Id));
            Assert.Equal(rebuilt.BySlug(c.Slug), patched.BySlug(c.Slug)); // a slug held twice: the last card, in both
        }
        var queries = final.Select(c => c.Name).Concat(Names).Concat(["renamed", "ユニクロ", "雀巢", "😀", "Added 😀 alias", "MADE-UP 新 Owner", "zar", "arzte"]);
        foreach (var q in queries.Distinct())
            Assert.Equal(rebuilt.Search(q, 20), patched.Search(q, 20));
        Assert.Equal(cards, index.Cards.ToList()); // the index patched from is unchanged
    }
}
