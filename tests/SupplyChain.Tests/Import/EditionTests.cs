using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Domain;
using SupplyChain.Editions;
using SupplyChain.Import;
using SupplyChain.Queries;
using SupplyChain.Review;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Import;

/// <summary>
/// A supplier list published yearly is one source with editions (issue 16): a facility listed in 2017 and 2018 and
/// absent later is an ended SOURCES_FROM relation with those years, never a deletion or a retraction.
/// </summary>
public abstract class EditionTests(Engine engine)
{
    static string Editions => Repo.Path("datasets", "apple-supplier-list-editions");

    /// <summary>A copy of the shipped manifest reading only O-Film's and 3M's rows of the real file (the file is
    /// unchanged; `where` picks rows). 3M is in every edition, so the selection keeps all ten editions.</summary>
    static string RealSubset(ImportFixture f)
    {
        File.Copy(Path.Combine(Editions, "apple-supplier-list.csv"), Path.Combine(f.Dir, "apple-supplier-list.csv"), overwrite: true);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Editions, "manifest.json")))!.AsObject();
        manifest.Remove("$schema");
        manifest["where"] = new JsonArray(new JsonObject { ["column"] = "supplier_name", ["pattern"] = @"(?i)\bo-?film\b|^3M\b" });
        return f.Write("manifest.json", manifest.ToJsonString());
    }

    [SkippableFact]
    public async Task Apple_lists_O_Film_in_2017_and_2018_and_not_later_an_ended_relation_with_its_years()
    {
        TestDatabase.SkipUnlessAvailable(engine);
        var f = new ImportFixture { Dir = Directory.CreateTempSubdirectory("sc-editions").FullName, Factory = null! };
        await using var server = await OwnServer.StartAsync(engine);
        var report = await server.Service<ImportRunner>().ImportAsync(RealSubset(f));
        Assert.True(report.Succeeded, report.Summary());
        var file = Assert.Single(report.Files);
        Assert.Equal(107, file.RowsRead); // 3M in every edition, O-Film 2017, 2018 and (as OFILM Group) 2020; Nanofilm is not O-Film

        var editions = server.Service<SupplierEditions>();
        var factory = server.Service<SupplyChain.Data.SupplyChainDbFactory>();
        long appleId;
        await using (var db = factory.Create()) appleId = (await db.Brands.SingleAsync(b => b.Slug == "apple")).Id;
        var spans = await editions.ForBrandAsync(appleId);
        EditionSpan Span(string name) => Assert.Single(spans, s => s.Supplier.Name == name);
        const string Guangzhou2017 = "Shenzhen O-Film Tech Co., Ltd., No 7 Shenzhou Road Science Park of GETDD Guangzhou Guangdong China";
        const string Guangzhou2018 = "O-film Tech Company Limited, No 7 Shenzhou Road Science Park of GETDD Guangzhou Guangdong China";
        Assert.Equal(["2012", "2013", "2014", "2015", "2016", "2017", "2018", "2020", "2021", "2022"], spans[0].Editions);

        // The Guangzhou plant under its 2017 and 2018 names: the same address, two spellings, so a reviewer decides.
        // Until then the 2017 entry is "possibly continued", not ended.
        var early = Span(Guangzhou2017);
        Assert.Equal(EditionState.PossiblyContinued, early.State);
        Assert.Equal(["2017"], early.YearsListed);
        Assert.Contains(early.PossibleContinuations, p => p.Name == Guangzhou2018);
        var late = Span(Guangzhou2018);
        Assert.Equal(EditionState.NoLongerListed, late.State);
        Assert.Equal(["2020", "2021", "2022"], late.NotListedIn);
        // OFILM Group in 2020 (regions only from 2020 on), in neither 2021 nor 2022.
        var group = Span("OFILM Group Company Limited, Jiangxi");
        Assert.Equal((EditionState.NoLongerListed, "2020"), (group.State, group.LastListed));
        Assert.Equal(["2021", "2022"], group.NotListedIn);
        Assert.Contains(spans, s => s.Supplier.Name.StartsWith("3M") && s.State == EditionState.Listed && s.LastListed == "2022");

        // A reviewer says the two Guangzhou entries are one plant: now one relation listed 2017 and 2018, ended after.
        var review = server.Service<ReviewQueue>();
        MatchCandidate candidate;
        await using (var db = factory.Create())
            candidate = await db.MatchCandidates.SingleAsync(m => m.EntityKind == EntityKind.Facility && m.Status == MatchStatus.Pending
                && (m.IncomingName == Guangzhou2017 || m.ExistingName == Guangzhou2017));
        await review.DecideAsync(candidate.Id, MatchDecision.Merge, "test", "same address, 2017 and 2018 spellings");
        spans = await editions.ForBrandAsync(appleId);
        var plant = Assert.Single(spans, s => s.Supplier.Name.EndsWith("No 7 Shenzhou Road Science Park of GETDD Guangzhou Guangdong China"));
        Assert.Equal(EditionState.NoLongerListed, plant.State);
        Assert.Equal(["2017", "2018"], plant.YearsListed);
        Assert.Equal(["2020", "2021", "2022"], plant.NotListedIn);
        Assert.Equal(2, plant.Claims.Count);
        Assert.All(plant.Claims, c => Assert.Equal(ClaimStatus.Active, c.Status)); // nothing retracted or deleted
        Assert.Contains(plant.Claims, c => c.Locator!.StartsWith("2017 edition, row ") && c.PeriodFrom == "2017");

        // The brand page and GraphQL show it as an ended relation with its years, cited.
        using var http = server.Client();
        var html = await http.GetStringAsync("/brands/apple");
        Assert.Contains("Supplier lists across editions", html);
        Assert.Matches($@"Ended</span>\s*listed in\s+<a href=""/claims/{plant.Claims[0].Id}"">2017</a> and\s+<a href=""/claims/{plant.Claims[1].Id}"">2018</a>;\s*not in 2020&#x2013;2022\.", html);
        // GraphQL reads brands from the search index, which follows the database within a poll or two.
        JsonNode json = null!;
        for (var waited = 0; waited < 60 && json?["data"]?["brand"] is null; waited++)
        {
            if (waited > 0) await Task.Delay(500);
            var response = await http.PostAsJsonAsync("/graphql", new
            {
                query = "{ brand(slug: \"apple\") { supplierEditions { supplier { id name } state ended yearsListed notListedIn editions source { title } claims { locator citation } } } }",
            });
            json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Null(json["errors"]);
        }
        var node = json["data"]!["brand"]!["supplierEditions"]!.AsArray().Single(n => (string)n!["supplier"]!["id"]! == plant.Supplier.Id.ToString())!;
        Assert.Equal("NO_LONGER_LISTED", (string)node["state"]!);
        Assert.True((bool)node["ended"]!);
        Assert.Equal(["2017", "2018"], node["yearsListed"]!.AsArray().Select(y => (string)y!));
        Assert.Equal(["2020", "2021", "2022"], node["notListedIn"]!.AsArray().Select(y => (string)y!));
        Assert.Contains("2018 edition, row", (string)node["claims"]![1]!["citation"]!);
    }

    /// <summary>MADE-UP editions as separate files: versions of one source. Without `editions`, a newer version
    /// retracts what it drops (a corrected list); with it, what each edition said stays, and the relation ends.</summary>
    [SkippableFact]
    public async Task Separate_edition_files_keep_what_earlier_editions_said_and_end_the_dropped_relation()
    {
        foreach (var editionsFlag in new[] { true, false })
        {
            var f = await ImportFixture.CreateAsync(engine);
            var files = new Dictionary<string, string[]>
            {
                ["2017"] = ["MADE-UP Harbour Textile Mill", "MADE-UP Ridge Shoe Works"],
                ["2018"] = ["MADE-UP Harbour Textile Mill", "MADE-UP Ridge Shoe Works"],
                ["2019"] = ["MADE-UP Ridge Shoe Works"],
            };
            foreach (var (year, factories) in files)
            {
                // Each edition's file differs (its year column): an identical file would be the same version again.
                f.Write($"MADE_UP_suppliers_{year}.csv", "brand,factory,country,edition\n" + string.Concat(factories.Select(x => $"MADE-UP Brand Edition,{x},China,{year}\n")));
                var manifest = f.Write($"manifest_{year}.json", $$"""
                    {
                      "format": "csv", "files": ["MADE_UP_suppliers_{{year}}.csv"],
                      "source": { "title": "MADE-UP yearly supplier list", "publisher": "Made-up Test Publisher", "published": "{{year}}", "version": "{{year}}",
                                  "url": "https://example.org/MADE-UP-supplier-list", "kind": "SupplierDisclosure", "editions": {{(editionsFlag ? "true" : "false")}} },
                      "entities": {
                        "brand": { "type": { "const": "Brand" }, "name": "brand" },
                        "factory": { "type": { "const": "Facility" }, "name": "factory", "country": "country" }
                      },
                      "claims": [ { "subject": "brand", "predicate": { "const": "SourcesFrom" }, "object": "factory", "locator": { "template": "{{year}} edition, row {$line}" },
                                    "periodFrom": { "const": "{{year}}" }, "periodTo": { "const": "{{year}}" },
                                    "evidenceType": { "const": "CompanyDisclosure" }, "confidence": { "const": "High" } } ]
                    }
                    """);
                var report = await f.Runner.ImportAsync(manifest);
                Assert.True(report.Succeeded, report.Summary());
            }
            await using var db = f.Factory.Create();
            Assert.Equal(3, await db.Sources.CountAsync()); // one source, three versions
            var alpha = await db.Facilities.SingleAsync(x => x.Name == "MADE-UP Harbour Textile Mill");
            var alphaClaims = await db.Claims.Where(c => c.ObjectKind == EntityKind.Facility && c.ObjectId == alpha.Id).ToListAsync();
            var brand = await db.Brands.SingleAsync(b => b.Name == "MADE-UP Brand Edition");
            var spans = await new SupplierEditions(f.Factory, new EvidenceQueries(f.Factory)).ForBrandAsync(brand.Id);
            if (editionsFlag)
            {
                Assert.Equal(2, alphaClaims.Count);
                Assert.All(alphaClaims, c => Assert.Equal(ClaimStatus.Active, c.Status));
                var a = Assert.Single(spans, s => s.Supplier.Id == alpha.Id);
                Assert.Equal((EditionState.NoLongerListed, "2017", "2018"), (a.State, a.FirstListed, a.LastListed));
                Assert.Equal(["2019"], a.NotListedIn);
                Assert.Equal(["2017", "2018", "2019"], a.Editions);
                var b = Assert.Single(spans, s => s.Supplier.Name == "MADE-UP Ridge Shoe Works");
                Assert.Equal((EditionState.Listed, 3), (b.State, b.YearsListed.Count));
            }
            else
            {
                // A list without editions: the 2019 version drops Alpha, so its held claim is retracted (kept, labelled).
                Assert.Contains(alphaClaims, c => c.Status == ClaimStatus.Retracted && c.StatusReason!.Contains("absent from version 2019"));
                Assert.DoesNotContain(spans, s => s.Supplier.Id == alpha.Id && s.State == EditionState.Listed);
            }
        }
    }

    [Fact]
    public void Edition_years_read_in_few_words()
    {
        Assert.Equal("2017 and 2018", EditionText.Years(["2017", "2018"]));
        Assert.Equal("2012–2018 and 2020–2022", EditionText.Years(["2012", "2013", "2014", "2015", "2016", "2017", "2018", "2020", "2021", "2022"]));
        Assert.Equal("2015, 2017 and 2019", EditionText.Years(["2015", "2017", "2019"]));
        Assert.Equal("2017", SupplierEditions.EditionOf("2017", "2017", "2023-09-27"));
        Assert.Equal("2021", SupplierEditions.EditionOf(null, null, "2021-02"));
        Assert.Equal("2021", SupplierEditions.EditionOf("2017", "2019", "2021")); // a span is no edition: the source's year
    }
}

public sealed class EditionTests_Sqlite() : EditionTests(Engine.Sqlite);
public sealed class EditionTests_Postgres() : EditionTests(Engine.Postgres);
