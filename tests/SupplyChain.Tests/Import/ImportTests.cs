using Microsoft.EntityFrameworkCore;
using SupplyChain.Domain;
using SupplyChain.Import;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Import;

public abstract class ImportTests(Engine engine)
{
    static async Task<(int Claims, int Brands, int Facilities, int Batches, int Sources)> CountsAsync(ImportFixture f)
    {
        await using var db = f.Factory.Create();
        return (await db.Claims.CountAsync(), await db.Brands.CountAsync(), await db.Facilities.CountAsync(), await db.ImportBatches.CountAsync(), await db.Sources.CountAsync());
    }

    [SkippableFact]
    public async Task Import_of_same_file_twice_changes_nothing()
    {
        var f = await ImportFixture.CreateAsync(engine);
        f.Write("MADE_UP_suppliers.csv", ImportFixture.Header +
            "Made-up Brand A,Made-up Factory One Co. Ltd,China,1 Road,supplies,3\n" +
            "Made-up Brand B,Made-up Factory Two,CN,2 Road,supplies,4\n");
        var manifest = f.FacilityManifest("MADE_UP_suppliers.csv");
        var first = await f.Runner.ImportAsync(manifest);
        Assert.True(first.Succeeded, first.Summary());
        var before = await CountsAsync(f);
        Assert.Equal((2, 2, 2, 1, 1), before);

        var second = await f.Runner.ImportAsync(manifest);
        Assert.True(second.Succeeded);
        Assert.True(Assert.Single(second.Files).AlreadyImported);
        Assert.Contains("already imported", second.Summary());
        Assert.Equal(before, await CountsAsync(f));
    }

    [SkippableFact]
    public async Task Malformed_csv_is_refused_with_every_error_and_its_line_and_nothing_is_written()
    {
        var f = await ImportFixture.CreateAsync(engine);
        f.Write("MADE_UP_bad.csv", ImportFixture.Header +
            "Made-up Brand A,Factory A,China,1 Road,supplies,3\n" +     // line 2: fine
            "Made-up Brand B,Factory B,Atlantis,2 Road,supplies,4\n" +  // line 3: unknown country
            "Made-up Brand C,Factory C,China,3 Road,buys-from,5\n" +    // line 4: predicate word not in the map
            "Made-up Brand D,Factory D,China,4 Road\n");               // line 5: too few fields
        var report = await f.Runner.ImportAsync(f.FacilityManifest("MADE_UP_bad.csv"));
        Assert.False(report.Succeeded);
        var lines = report.Errors.Select(e => e.Line).ToList();
        Assert.Contains(3, lines);
        Assert.Contains(4, lines);
        Assert.Contains(5, lines);
        Assert.Contains(report.Errors, e => e.Line == 3 && e.Column == 3 && e.Reason.Contains("Atlantis"));
        Assert.All(report.Errors, e => Assert.Equal("MADE_UP_bad.csv", e.File));
        Assert.Contains("nothing was written", report.Summary());
        Assert.Equal((0, 0, 0, 0, 0), await CountsAsync(f));
    }

    [SkippableFact]
    public async Task An_unterminated_quote_is_an_error_at_its_line_not_a_swallowed_file()
    {
        var f = await ImportFixture.CreateAsync(engine);
        f.Write("MADE_UP_quote.csv", ImportFixture.Header +
            "Made-up Brand A,Factory A,China,1 Road,supplies,3\n" +
            "Made-up Brand B,\"Factory B,China,2 Road,supplies,4\n" +  // line 3 opens a quote that never closes
            "Made-up Brand C,Factory C,China,3 Road,supplies,5\n");
        var report = await f.Runner.ImportAsync(f.FacilityManifest("MADE_UP_quote.csv"));
        Assert.False(report.Succeeded);
        Assert.Contains(report.Errors, e => e.Line == 3 && e.Reason.Contains("quote"));
        Assert.Equal(0, (await CountsAsync(f)).Claims);
    }

    [SkippableFact]
    public async Task Invalid_utf8_and_a_missing_column_are_named()
    {
        var f = await ImportFixture.CreateAsync(engine);
        var bytes = System.Text.Encoding.UTF8.GetBytes(ImportFixture.Header + "Made-up Brand A,Factory A,China,1 Road,supplies,3\nMade-up Brand B,Fact").Concat(new byte[] { 0xC3, 0x28 })
            .Concat(System.Text.Encoding.UTF8.GetBytes("ory,China,2 Road,supplies,4\n")).ToArray();
        f.WriteBytes("MADE_UP_latin.csv", bytes);
        var bad = await f.Runner.ImportAsync(f.FacilityManifest("MADE_UP_latin.csv"));
        Assert.Contains(bad.Errors, e => e.Line == 3 && e.Reason.Contains("UTF-8"));

        var g = await ImportFixture.CreateAsync(engine);
        g.Write("MADE_UP_nocol.csv", "brand,factory,country,address,page\nMade-up Brand A,Factory A,China,1 Road,3\n");
        var missing = await g.Runner.ImportAsync(g.FacilityManifest("MADE_UP_nocol.csv"));
        Assert.Contains(missing.Errors, e => e.Reason.Contains("'relation'"));
        Assert.Equal(0, (await CountsAsync(g)).Claims);
    }

    [SkippableFact]
    public async Task Files_over_the_manifests_limits_are_refused_before_anything_is_written()
    {
        var f = await ImportFixture.CreateAsync(engine);
        f.Write("MADE_UP_many.csv", ImportFixture.Header + string.Concat(Enumerable.Range(0, 30).Select(i => $"Made-up Brand {i},Made-up Factory {i},China,{i} Road,supplies,{i}\n")));
        var manifest = f.FacilityManifest("MADE_UP_many.csv");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"format\": \"csv\",", "\"format\": \"csv\", \"limits\": { \"maxRows\": 10, \"maxFieldChars\": 12 },"));
        var report = await f.Runner.ImportAsync(manifest);
        Assert.False(report.Succeeded);
        Assert.Contains(report.Errors, e => e.Reason.Contains("more than 10 rows"));
        Assert.Contains(report.Errors, e => e.Reason.Contains("limit is 12") && e.Column == 2);
        Assert.Equal((0, 0, 0, 0, 0), await CountsAsync(f));
    }

    [SkippableFact]
    public async Task A_dry_run_reports_what_it_would_do_and_writes_nothing()
    {
        var f = await ImportFixture.CreateAsync(engine);
        f.Write("MADE_UP_suppliers.csv", ImportFixture.Header + "Made-up Brand A,Made-up Factory One,China,1 Road,supplies,3\n");
        var report = await f.Runner.ImportAsync(f.FacilityManifest("MADE_UP_suppliers.csv"), new ImportOptions { DryRun = true });
        Assert.True(report.Succeeded);
        var file = Assert.Single(report.Files);
        Assert.Equal(2, file.EntitiesCreated);
        Assert.Equal(1, file.ClaimsAdded);
        Assert.Contains(file.Created, c => c.Contains("Made-up Factory One"));
        Assert.Contains("dry run", report.Summary());
        Assert.Equal((0, 0, 0, 0, 0), await CountsAsync(f));
    }

    [SkippableFact]
    public async Task A_new_version_of_a_report_retracts_the_claims_it_drops_and_keeps_them()
    {
        var f = await ImportFixture.CreateAsync(engine);
        f.Write("MADE_UP_v1.csv", ImportFixture.Header +
            "Made-up Brand A,Made-up Factory One,China,1 Road,supplies,3\n" +
            "Made-up Brand A,Made-up Factory Two,China,2 Road,supplies,4\n");
        Assert.True((await f.Runner.ImportAsync(f.FacilityManifest("MADE_UP_v1.csv"))).Succeeded);
        f.Write("MADE_UP_v2.csv", ImportFixture.Header + "Made-up Brand A,Made-up Factory One,China,1 Road,supplies,3\n");
        var report = await f.Runner.ImportAsync(f.FacilityManifest("MADE_UP_v2.csv"));
        Assert.True(report.Succeeded, report.Summary());
        Assert.Equal(1, report.Files[0].ClaimsRetracted);

        await using var db = f.Factory.Create();
        var sources = await db.Sources.OrderBy(s => s.Id).ToListAsync();
        Assert.Equal(2, sources.Count);
        Assert.Equal(sources[0].Id, sources[1].SupersedesId);
        var claims = await db.Claims.ToListAsync();
        Assert.Equal(3, claims.Count); // nothing deleted
        var dropped = Assert.Single(claims, c => c.Status == ClaimStatus.Retracted);
        Assert.Contains("absent from version", dropped.StatusReason);
        Assert.NotNull(dropped.StatusChangedAt);
        Assert.Single(claims, c => c.Status == ClaimStatus.Superseded);
        Assert.Single(claims, c => c.Status == ClaimStatus.Active && c.SourceId == sources[1].Id);
    }

    [SkippableFact]
    public async Task Near_names_are_queued_for_review_never_merged_and_exact_variants_match()
    {
        var f = await ImportFixture.CreateAsync(engine);
        f.Write("MADE_UP_names.csv", ImportFixture.Header +
            "Made-up Brand A,Made-up Textile Factory (Shenzhen) Ltd.,China,1 Road,supplies,1\n" +
            "Made-up Brand A,MADE-UP TEXTILE FACTORY SHENZHEN LIMITED,CN,1 Road,supplies,2\n" +   // same factory, other spelling
            "Made-up Brand A,Made-up Textil Factory Shenzen,China,1 Road,supplies,3\n");           // near name: a candidate only
        var report = await f.Runner.ImportAsync(f.FacilityManifest("MADE_UP_names.csv"));
        Assert.True(report.Succeeded, report.Summary());
        await using var db = f.Factory.Create();
        Assert.Equal(2, await db.Facilities.CountAsync());
        var candidate = Assert.Single(await db.MatchCandidates.ToListAsync());
        Assert.Equal(MatchStatus.Pending, candidate.Status);
        Assert.Equal("Made-up Textil Factory Shenzen", candidate.IncomingName);
        Assert.InRange(candidate.Score, 0.6, 0.95);
    }
}

public sealed class ImportTests_Sqlite() : ImportTests(Engine.Sqlite);
public sealed class ImportTests_Postgres() : ImportTests(Engine.Postgres);
