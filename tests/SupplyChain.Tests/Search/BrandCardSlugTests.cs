using System.Text.Json;
using SupplyChain.Exposure;
using SupplyChain.Resolution;
using SupplyChain.Search;
using Xunit;

namespace SupplyChain.Tests.Search;

/// <summary>
/// A card holds its slug only when it is not the name's own (<see cref="NameNormalizer.Slug"/>): every card reads, prints,
/// serialises and compares as the plain record it replaced, renamed and re-slugged copies included.
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
}
