using Microsoft.EntityFrameworkCore;
using SupplyChain.Domain;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Import;

/// <summary>The bundled OFAC SDN list (CSV), UK Sanctions List (ODS) and DOL goods list (XML), imported through their manifests.</summary>
public abstract class GovernmentListTests(Engine engine)
{
    static string Sdn => Repo.Path("datasets", "ofac-sdn", "manifest.glomag.json");
    static string Uk => Repo.Path("datasets", "uk-sanctions-list", "manifest.json");

    [SkippableFact]
    public async Task SDN_and_UK_lists_put_XPCC_and_the_Xinjiang_PSB_on_their_lists_with_dates_and_programmes()
    {
        var f = await ImportFixture.CreateAsync(engine);
        var sdn = await f.Runner.ImportAsync(Sdn);
        Assert.True(sdn.Succeeded, sdn.Summary());
        // Every published row is parsed (the 0x1A end-of-file byte is no row); the manifest's filter keeps two programmes.
        var file = Assert.Single(sdn.Files);
        Assert.Equal(14_965, file.RowsRead + file.RowsSkipped);
        Assert.Equal(694, file.RowsRead);
        var uk = await f.Runner.ImportAsync(Uk);
        Assert.True(uk.Succeeded, uk.Summary());
        Assert.Equal(5_302, Assert.Single(uk.Files).RowsRead);

        await using var db = f.Factory.Create();
        var listed = await db.Claims.Where(c => c.Predicate == Predicate.ListedOn).ToListAsync();
        var sources = await db.Sources.ToDictionaryAsync(s => s.Id);
        var xpcc = await db.Companies.SingleAsync(c => c.Name == "XINJIANG PRODUCTION AND CONSTRUCTION CORPS");
        var psb = await db.Companies.SingleAsync(c => c.Name == "XINJIANG PUBLIC SECURITY BUREAU");
        foreach (var (company, entry) in new[] { (xpcc, "entry 29299"), (psb, "entry 29159") })
        {
            var claim = Assert.Single(listed, c => c.SubjectKind == EntityKind.Company && c.SubjectId == company.Id);
            Assert.Equal(entry, claim.Locator);
            Assert.Contains("GLOMAG", claim.Summary);
            Assert.Equal("2024-05-03", sources[claim.SourceId].Published); // sdn.csv has no designation dates: the list's own date
            Assert.Equal(ClaimStatus.Active, claim.Status);
        }
        var ukPsb = await db.Companies.SingleAsync(c => c.Name == "Xinjiang Production and Construction Corps Public Security Bureau");
        var ukClaim = Assert.Single(listed, c => c.SubjectKind == EntityKind.Company && c.SubjectId == ukPsb.Id);
        Assert.Equal("2021-03-22", ukClaim.PeriodFrom);
        Assert.Equal("entry GHR0079", ukClaim.Locator);
        Assert.Contains("Global Human Rights", ukClaim.Summary);
        // The UK's XPCC Public Security Bureau is neither OFAC entity: a reviewer decides, nothing is merged.
        var queued = await db.MatchCandidates.Where(m => m.IncomingId == ukPsb.Id && m.EntityKind == EntityKind.Company).ToListAsync();
        Assert.Contains(queued, m => m.ExistingId == xpcc.Id && m.Status == MatchStatus.Pending);
        Assert.NotEqual(xpcc.Id, ukPsb.Id);
        // Only entities are stored; people, ships and aircraft are not companies.
        Assert.DoesNotContain(await db.Companies.Select(c => c.Name).ToListAsync(), n => n is "CHEN, Quanguo" or "WANG MINGSHAN");
    }

    [SkippableFact]
    public async Task An_empty_refresh_of_the_SDN_list_is_refused_and_nothing_is_retracted()
    {
        var f = await ImportFixture.CreateAsync(engine);
        Assert.True((await f.Runner.ImportAsync(Sdn)).Succeeded);
        await using var db = f.Factory.Create();
        var active = await db.Claims.CountAsync(c => c.Status == ClaimStatus.Active);

        // The scraper's next commit held a 0-byte sdn.csv: the same list, a newer version, no rows.
        var manifest = File.ReadAllText(Sdn).Replace("\"version\": \"2024-05-03\"", "\"version\": \"2024-05-04\"");
        Assert.Contains("2024-05-04", manifest);
        f.Write("sdn_2024-05-03.csv", "");
        var report = await f.Runner.ImportAsync(f.Write("manifest.json", manifest));
        Assert.False(report.Succeeded);
        Assert.Contains(report.Errors, e => e.Reason.Contains("refused") && e.Reason.Contains("0 rows") && e.Reason.Contains("694"));
        Assert.Equal(active, await db.Claims.CountAsync(c => c.Status == ClaimStatus.Active));
        Assert.Equal(0, await db.Claims.CountAsync(c => c.Status == ClaimStatus.Retracted));
        Assert.Equal(1, await db.Sources.CountAsync(s => s.Url == "https://www.treasury.gov/ofac/downloads/sdn.csv"));
    }

    [SkippableFact]
    public async Task The_DOL_goods_list_gives_product_risk_by_country_and_names_no_brand()
    {
        var f = await ImportFixture.CreateAsync(engine);
        var report = await f.Runner.ImportAsync(Repo.Path("datasets", "dol-goods-list", "manifest.json"));
        Assert.True(report.Succeeded, report.Summary());
        await using var db = f.Factory.Create();
        var source = await db.Sources.SingleAsync(s => s.Publisher!.StartsWith("US Department of Labor"));
        var claims = await db.Claims.Where(c => c.SourceId == source.Id).ToListAsync();
        Assert.Equal(467, claims.Count);
        Assert.All(claims, c => Assert.Equal(EntityKind.Programme, c.SubjectKind));
        Assert.Empty(await db.Brands.ToListAsync());
        Assert.Empty(await db.MatchCandidates.ToListAsync()); // "Cotton from China" is no near-duplicate of "Cotton from India"
        string Summary(string good) => Assert.Single(claims, c => c.SubjectAsPublished == good).Summary!;
        Assert.Contains("Child labour: Yes; forced labour: Yes", Summary("Cotton from China"));
        Assert.Contains("forced labour: Yes (input from: China)", Summary("Solar Modules from China").Replace("produced with an input made with forced labour: ", "forced labour: "));
        Assert.Contains("input from: Congo, Democratic Republic of the", Summary("Lithium-Ion Batteries from China"));
    }
}

public sealed class GovernmentListTests_Sqlite() : GovernmentListTests(Engine.Sqlite);
public sealed class GovernmentListTests_Postgres() : GovernmentListTests(Engine.Postgres);
