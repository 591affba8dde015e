using System.Text.Json;
using SupplyChain.Exposure;
using SupplyChain.Resolution;
using SupplyChain.Search;
using Xunit;

namespace SupplyChain.Tests.Search;

/// <summary>
/// A card holds its slug only when it is not the name's own (<see cref="NameNormalizer.Slug"/>), together with its sectors
/// in one object (shared by the cards of the same sectors whose slug is their own), its owner's id and name as one object
/// the owner's cards share, its status in a byte: every card reads, prints, serialises and compares as the
/// plain record it replaced, renamed, re-slugged and re-owned copies included. Values are MADE-UP.
/// </summary>
public sealed class BrandCardSlugTests
{
    sealed record PlainCard(long Id, string Name, string Slug, string? Sectors, long? OwnerCompanyId, string? OwnerName,
        BrandStatus Status, int ClaimCount, int SourceCount);

    static void Same(PlainCard want, BrandCard got)
    {
        Assert.Equal(want.Name, got.Name);
        Assert.Equal(want.Slug, got.Slug);
        Assert.Equal(want.ToString().Replace("PlainCard", "BrandCard"), got.ToString());
        Assert.Equal(JsonSerializer.Serialize(want), JsonSerializer.Serialize(got));
        var (id, name, slug, _, _, _, _, _, _) = got;
        Assert.Equal((want.Id, want.Name, want.Slug), (id, name, slug));
    }

    [Fact]
    public void Cards_read_print_serialise_and_compare_as_the_plain_record()
    {
        var names = new[] { "Victoria’s Secret", "H&M", "雀巢 Nestlé", "", "  ", "Zara", "Made-up Brand (Anhui)" };
        foreach (var n in names)
            foreach (var slug in new[] { NameNormalizer.Slug(n), NameNormalizer.Slug(n) + "-2", "renamed-long-ago", "" })
            {
                var want = new PlainCard(7, n, slug, "apparel", 3, "Owner", BrandStatus.Linked, 4, 2);
                var got = new BrandCard(7, n, slug, "apparel", 3, "Owner", BrandStatus.Linked, 4, 2);
                Same(want, got);
                // Equal cards are equal and hash alike, whichever way their slug is held; a different slug or name is not equal.
                Assert.Equal(got, new BrandCard(7, n, slug, "apparel", 3, "Owner", BrandStatus.Linked, 4, 2));
                Assert.Equal(got.GetHashCode(), new BrandCard(7, n, slug, "apparel", 3, "Owner", BrandStatus.Linked, 4, 2).GetHashCode());
                Assert.NotEqual(got, got with { Slug = slug + "-x" });
                Assert.NotEqual(got, got with { Name = n + " X" });
                // Renamed: the slug stays. Re-slugged: the name stays. Both, in either order.
                Same(want with { Name = "Zephyrine Made-up Textiles" }, got with { Name = "Zephyrine Made-up Textiles" });
                Same(want with { Slug = "zephyrine" }, got with { Slug = "zephyrine" });
                Same(want with { Name = "Zephyrine", Slug = "zephyrine" }, got with { Name = "Zephyrine", Slug = "zephyrine" });
                Same(want with { Slug = "x-3", Name = "Quillon" }, got with { Slug = "x-3", Name = "Quillon" });
                Same(want with { Status = BrandStatus.NoEvidence }, got with { Status = BrandStatus.NoEvidence });
            }
    }

    [Fact]
    public void Owners_read_print_serialise_and_compare_as_the_plain_record()
    {
        foreach (var (ownerId, ownerName) in new (long?, string?)[] { (null, null), (3, "MADE-UP Owner"), (3, null), (null, "MADE-UP Owner"), (0, ""), (long.MaxValue, "MADE-UP Owner") })
            foreach (var status in Enum.GetValues<BrandStatus>())
            {
                var want = new PlainCard(7, "Zara", "zara", null, ownerId, ownerName, status, int.MaxValue, 0);
                var got = new BrandCard(7, "Zara", "zara", null, ownerId, ownerName, status, int.MaxValue, 0);
                Same(want, got);
                Assert.Equal((ownerId, ownerName, status), (got.OwnerCompanyId, got.OwnerName, got.Status));
                // An owner object shared with other cards gives the same card as the two values given one by one.
                var shared = new BrandCard(7, "Zara", "zara", null, null, null, status, int.MaxValue, 0) { Owner = CardOwner.Of(ownerId, ownerName) };
                Same(want, shared);
                Assert.Equal(got, shared);
                Assert.Equal(got.GetHashCode(), shared.GetHashCode());
                Same(want with { OwnerCompanyId = 9 }, got with { OwnerCompanyId = 9 });
                Same(want with { OwnerName = "MADE-UP Other" }, shared with { OwnerName = "MADE-UP Other" });
                Same(want with { OwnerCompanyId = null, OwnerName = null }, shared with { OwnerCompanyId = null, OwnerName = null });
                Same(want with { Status = BrandStatus.Linked, ClaimCount = 1 }, got with { Status = BrandStatus.Linked, ClaimCount = 1 });
                Assert.NotEqual(got, got with { OwnerCompanyId = 4 });
                Assert.NotEqual(got, got with { OwnerName = "MADE-UP Other" });
                Assert.NotEqual(got, got with { Status = status == BrandStatus.Linked ? BrandStatus.NoEvidence : BrandStatus.Linked });
            }
    }

    [Fact]
    public void Sectors_read_print_serialise_and_compare_as_the_plain_record()
    {
        foreach (var sectors in new[] { null, "", "apparel", "apparel; footwear" })
            foreach (var slug in new[] { "zara", "zara-2" })
            {
                var want = new PlainCard(7, "Zara", slug, sectors, null, null, BrandStatus.Linked, 1, 1);
                var got = new BrandCard(7, "Zara", slug, sectors, null, null, BrandStatus.Linked, 1, 1);
                Same(want, got);
                Assert.Equal(sectors, got.Sectors);
                // Sectors changed, the slug stays; renamed or re-slugged, the sectors stay.
                Same(want with { Sectors = "MADE-UP sector" }, got with { Sectors = "MADE-UP sector" });
                Same(want with { Sectors = null }, got with { Sectors = null });
                Same(want with { Name = "Quillon" }, got with { Name = "Quillon" });
                Same(want with { Slug = "zara" }, got with { Slug = "zara" });
                Same(want with { Slug = "zara-3", Sectors = "x" }, got with { Slug = "zara-3", Sectors = "x" });
                Assert.NotEqual(got, got with { Sectors = "MADE-UP sector" });
                // A text object shared with other cards gives the same card as the values given one by one.
                var shared = new BrandCard(7, "Zara", slug, null, null, null, BrandStatus.Linked, 1, 1) with { Text = CardText.Of(got.Text?.Slug, sectors) };
                Same(want, shared);
                Assert.Equal(got, shared);
                Assert.Equal(got.GetHashCode(), shared.GetHashCode());
            }
    }
}
