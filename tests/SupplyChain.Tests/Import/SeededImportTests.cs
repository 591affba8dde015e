using Microsoft.EntityFrameworkCore;
using SupplyChain.Domain;
using SupplyChain.Import;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Import;

/// <summary>What the bundled datasets look like after import: the checks on real data.</summary>
public abstract class SeededImportTests(SeededDatabase data)
{
    [SkippableFact]
    public async Task Every_bundled_dataset_imported_through_its_manifest()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        await using var db = data.Factory.Create();
        var files = await db.ImportBatches.Select(b => b.FileName).ToListAsync();
        foreach (var expected in new[] { "brands_krapuul_transcription.txt", "Nike.xls", "claims.csv", "responses.csv", "clothes.json" })
            Assert.Contains(expected, files);
        // Open Supply Hub's fixture lists (placeholder names, no real brand link) are test data, never seeded evidence.
        Assert.DoesNotContain("open-supply-hub-lists", await File.ReadAllTextAsync(Repo.Seed));
        Assert.DoesNotContain(data.SeedReport.Files, f => f.File.Contains("open-supply-hub-lists"));
    }

    /// <summary>The Open Supply Hub fixture lists, imported by the tests that use them (idempotent: the second call changes nothing).</summary>
    async Task ImportOpenSupplyHubFixturesAsync()
    {
        var report = await data.Runner.ImportAsync(Repo.Path("datasets", "open-supply-hub-lists", "manifest.json"), new ImportOptions { Actor = "osh-test" });
        Assert.True(report.Succeeded, report.Summary());
    }

    [SkippableFact]
    public async Task Open_Supply_Hub_countries_collapse_to_ISO_codes()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        await ImportOpenSupplyHubFixturesAsync();
        await using var db = data.Factory.Create();
        var oshSources = await db.Sources.Where(s => s.Publisher == "Open Supply Hub").Select(s => s.Id).ToListAsync();
        var facilityIds = await db.Claims.Where(c => oshSources.Contains(c.SourceId) && c.SubjectKind == EntityKind.Facility).Select(c => c.SubjectId).Distinct().ToListAsync();
        var codes = await db.Facilities.Where(f => facilityIds.Contains(f.Id)).Select(f => f.CountryCode).ToListAsync();
        Assert.True(codes.Count > 800);
        Assert.All(codes, c => Assert.Matches("^[A-Z]{2}$", c ?? ""));
        Assert.Contains("CN", codes);
        Assert.Contains("VN", codes);
        var urls = await db.Sources.Where(s => oshSources.Contains(s.Id)).Select(s => s.Url).ToListAsync();
        Assert.All(urls, u => { Assert.DoesNotContain(" ", u); Assert.True(Uri.IsWellFormedUriString(u, UriKind.Absolute), u); });
    }

    [SkippableFact]
    public async Task Regina_Miracle_in_both_lists_is_one_facility_or_a_pending_candidate()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        await ImportOpenSupplyHubFixturesAsync();
        await using var db = data.Factory.Create();
        var shenzhen = await db.Facilities.Where(f => f.NameKey.StartsWith("regina miracle intimate apparel")).ToListAsync();
        if (shenzhen.Count > 1)
        {
            var ids = shenzhen.Select(f => f.Id).ToList();
            Assert.True(await db.MatchCandidates.AnyAsync(m => ids.Contains(m.IncomingId) && ids.Contains(m.ExistingId) && m.Status == MatchStatus.Pending),
                "two Regina Miracle facilities with no review candidate between them");
        }
        var nike = shenzhen.Single(f => f.Name == "REGINA MIRACLE INTIMATE APPAREL SHENZHEN LIMITED");
        var sources = await db.Claims.Where(c => c.ObjectKind == EntityKind.Facility && c.ObjectId == nike.Id || c.SubjectKind == EntityKind.Facility && c.SubjectId == nike.Id)
            .Select(c => c.Source!.Publisher).Distinct().ToListAsync();
        Assert.Contains("Nike, Inc.", sources);
        Assert.Contains("Open Supply Hub", sources); // the Open Supply Hub row found Nike's facility
    }

    [SkippableFact]
    public async Task NSI_adds_aliases_to_brands_we_hold_and_creates_none()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        await using var db = data.Factory.Create();
        var nsiBatches = await db.ImportBatches.Where(b => b.FileName.EndsWith(".json") && !b.FileName.StartsWith("facilitychecker")).ToListAsync();
        Assert.All(nsiBatches, b => Assert.Equal(0, b.EntitiesCreated));
        var adidas = await db.Brands.Include(b => b.Aliases).SingleAsync(b => b.Slug == "adidas");
        Assert.Contains(adidas.Aliases, a => a.Name == "Adidas Originals"); // an alias of adidas, not another company
        Assert.DoesNotContain(await db.Brands.Select(b => b.Name).ToListAsync(), n => n == "Adidas Originals");
        var liNing = await db.Brands.Include(b => b.Aliases).SingleAsync(b => b.Slug == "li-ning");
        Assert.Contains(liNing.Aliases, a => a.Name == "李宁" && a.Script == "Hani");
    }

    [SkippableFact]
    public async Task Reimporting_the_seed_changes_nothing()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        await using var db = data.Factory.Create();
        var before = (await db.Claims.CountAsync(), await db.Brands.CountAsync(), await db.Facilities.CountAsync(), await db.Responses.CountAsync());
        var report = await data.Runner.ImportAsync(Repo.Seed, new ImportOptions());
        Assert.True(report.Succeeded);
        Assert.All(report.Files, f => Assert.True(f.AlreadyImported, f.File));
        Assert.Equal(before, (await db.Claims.CountAsync(), await db.Brands.CountAsync(), await db.Facilities.CountAsync(), await db.Responses.CountAsync()));
    }

    [SkippableFact]
    public async Task The_Nike_CSV_conversion_resolves_to_the_facilities_of_the_published_workbook()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        var report = await data.Runner.ImportAsync(Repo.Path("datasets", "nike-factory-list", "manifest.csv.json"), new ImportOptions { DryRun = true });
        Assert.True(report.Succeeded, report.Summary());
        var file = Assert.Single(report.Files);
        Assert.Equal(498, file.RowsRead);
        Assert.Equal(0, file.EntitiesCreated); // every factory and brand of the CSV is the XLS's
    }
}

public sealed class SeededImportTests_Sqlite(SqliteSeededDatabase d) : SeededImportTests(d), IClassFixture<SqliteSeededDatabase>;
public sealed class SeededImportTests_Postgres(PostgresSeededDatabase d) : SeededImportTests(d), IClassFixture<PostgresSeededDatabase>;
