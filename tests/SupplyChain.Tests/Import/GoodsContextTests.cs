using System.Net;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Domain;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Import;

/// <summary>
/// The seeded US DOL goods list shown on a brand page as context only (issue 16): "US DOL lists cotton from China as
/// produced with forced labour" beside a clothing brand, cited, and never a link, a path or a status change.
/// </summary>
public abstract class GoodsContextTests(SeededServer server)
{
    [SkippableFact]
    public async Task A_clothing_brand_page_shows_DOL_cotton_from_China_as_cited_context_never_as_a_link()
    {
        TestDatabase.SkipUnlessAvailable(server.Engine);
        var html = await server.Http.GetStringAsync("/brands/nike");
        var section = html[html.IndexOf("id=\"goods-context\"", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains("Not a link to Nike.", section);
        // Nike's disclosure lists factories in China: that country's line is marked and comes first.
        Assert.Contains("US DOL lists cotton from China as produced with forced labour (a country where Nike's listed suppliers are)", section);
        Assert.Contains("US DOL lists garments from Vietnam as produced with forced labour", section);
        Assert.DoesNotContain("tomatoes", section, StringComparison.OrdinalIgnoreCase); // outside Nike's sectors
        Assert.Contains("US Department of Labor", section);

        var json = await server.GraphQLAsync("""
            { brand(slug: "nike") { status programmes { name } exposure { steps { to { name } } }
                goodsContext { good country forcedLabour supplierCountry text claim { id predicate subject { name kind } source { publisher } } } } }
            """);
        var brand = json["data"]!["brand"]!;
        var goods = brand["goodsContext"]!.AsArray();
        var cotton = goods.Single(g => (string)g!["good"]! == "Cotton" && (string)g["country"]! == "China")!;
        Assert.True((bool)cotton["forcedLabour"]!);
        Assert.True((bool)cotton["supplierCountry"]!);
        Assert.Equal("LISTED_ON", (string)cotton["claim"]!["predicate"]!);
        Assert.Equal("Cotton from China", (string)cotton["claim"]!["subject"]!["name"]!);
        Assert.StartsWith("US Department of Labor", (string)cotton["claim"]!["source"]!["publisher"]!);
        Assert.Contains($"/claims/{(string)cotton["claim"]!["id"]!}", html);
        // Never a link: no path step and no programme of the brand is a DOL good or the DOL list.
        var reached = brand["programmes"]!.AsArray().Select(p => (string)p!["name"]!)
            .Concat(brand["exposure"]!.AsArray().SelectMany(p => p!["steps"]!.AsArray().Select(s => (string)s!["to"]!["name"]!))).ToList();
        Assert.DoesNotContain(reached, n => n.Contains(" from China") || n.StartsWith("US DOL"));
        await using var db = server.Factory.Create();
        var nike = await db.Brands.SingleAsync(b => b.Slug == "nike");
        var dolSource = await db.Sources.SingleAsync(s => s.Publisher!.StartsWith("US Department of Labor"));
        Assert.False(await db.Claims.AnyAsync(c => c.SourceId == dolSource.Id && (c.SubjectKind == EntityKind.Brand || c.ObjectKind == EntityKind.Brand)));
        Assert.Contains("clothes", nike.Sectors);
    }

    [SkippableFact]
    public async Task A_brand_with_no_matching_sector_gets_no_goods_context()
    {
        TestDatabase.SkipUnlessAvailable(server.Engine);
        string slug;
        await using (var db = server.Factory.Create())
            slug = (await db.Brands.Where(b => b.Sectors == null && b.MergedIntoId == null).OrderBy(b => b.Id).FirstAsync()).Slug;
        using var response = await server.Http.GetAsync($"/brands/{slug}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("goods-context", await response.Content.ReadAsStringAsync());
        var json = await server.GraphQLAsync($$"""{ brand(slug: "{{slug}}") { goodsContext { good } } }""");
        Assert.Empty(json["data"]!["brand"]!["goodsContext"]!.AsArray());
    }
}

[Collection("sqlite-server")] public sealed class GoodsContextTests_Sqlite(SqliteSeededServer s) : GoodsContextTests(s);
[Collection("postgres-server")] public sealed class GoodsContextTests_Postgres(PostgresSeededServer s) : GoodsContextTests(s);
