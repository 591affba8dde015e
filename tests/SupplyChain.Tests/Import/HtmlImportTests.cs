using Microsoft.EntityFrameworkCore;
using SupplyChain.Domain;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Import;

public abstract class HtmlImportTests(Engine engine)
{
    // MADE-UP TEST FIXTURE: an invented NGO report page. Its factories, brands and findings are not real.
    const string TablePage = """
        <!doctype html><html><head><title>MADE-UP TEST FIXTURE report</title><script>alert('x')</script><style>td{color:red}</style></head>
        <body><p>MADE-UP TEST FIXTURE: nothing here is real.</p>
        <h2 id="intro">Introduction</h2><p>Some words.</p>
        <h2 id="factories">Factories and the brands they supply</h2>
        <table id="t1">
          <thead><tr><th>Factory</th><th>Country</th><th colspan="2">Brands</th></tr></thead>
          <tbody>
            <tr><td rowspan="2">Made-up Shoe Factory No. 1</td><td rowspan="2">China</td><td>Made-up Brand Alpha</td><td>Made-up Brand Beta</td></tr>
            <tr><td onclick="steal()">Made-up Brand Gamma</td><td></td></tr>
            <tr><td>Made-up Glove Plant</td><td>VN</td><td>Made-up Brand Alpha</td><td></td></tr>
          </tbody>
        </table>
        <h3>Other table</h3><table><tr><th>Unrelated</th></tr><tr><td>x</td></tr></table>
        </body></html>
        """;

    static string TableManifest(string file) => $$"""
        {
          "format": "html-tables",
          "files": ["{{file}}"],
          "html": { "requireColumns": ["Factory", "Brands"] },
          "source": { "title": "MADE-UP TEST FIXTURE report", "publisher": "Made-up NGO", "published": "2024-02-01", "kind": "Report" },
          "entities": {
            "factory": { "type": { "const": "Facility" }, "name": "Factory", "country": "Country" },
            "brand": { "type": { "const": "Brand" }, "name": "Brands" }
          },
          "claims": [ { "subject": "brand", "predicate": { "const": "SourcesFrom" }, "object": "factory",
                        "evidenceType": { "const": "NgoReport" }, "confidence": { "const": "Medium" } } ]
        }
        """;

    [SkippableFact]
    public async Task A_table_of_factories_and_brands_imports_with_section_table_and_row_locators()
    {
        var f = await ImportFixture.CreateAsync(engine);
        f.Write("MADE_UP_report.html", TablePage);
        var report = await f.Runner.ImportAsync(f.Write("manifest.json", TableManifest("MADE_UP_report.html")));
        Assert.True(report.Succeeded, report.Summary());
        await using var db = f.Factory.Create();
        var claims = await db.Claims.ToListAsync();
        var brands = await db.Brands.Select(b => b.Name).ToListAsync();
        // "Brands" spans two columns; the header reads as one column name, the first of its cells is the value.
        Assert.Contains("Made-up Brand Alpha", brands);
        Assert.Contains("Made-up Brand Gamma", brands); // the rowspan carried the factory down to this row
        var gamma = await db.Brands.SingleAsync(b => b.Name == "Made-up Brand Gamma");
        var claim = Assert.Single(claims, c => c.SubjectId == gamma.Id);
        Assert.Contains("section 'Factories and the brands they supply'", claim.Locator);
        Assert.Contains("table 1", claim.Locator);
        Assert.Contains("row 2", claim.Locator);
        var factory = await db.Facilities.SingleAsync(x => x.Id == claim.ObjectId);
        Assert.Equal("Made-up Shoe Factory No. 1", factory.Name);
        Assert.Equal("CN", factory.CountryCode);
        var text = string.Join(" ", (await db.Claims.Select(c => c.Locator + c.Quote).ToListAsync()).Concat(brands));
        Assert.DoesNotContain("alert", text);
        Assert.DoesNotContain("steal", text);
    }

    [SkippableFact]
    public async Task Paragraphs_naming_known_brands_become_proposed_claims_with_quote_and_heading()
    {
        TestDatabase.SkipUnlessAvailable(engine);
        var f = await ImportFixture.CreateAsync(engine);
        f.Write("MADE_UP_list.csv", ImportFixture.Header + "Made-up Brand Alpha,Made-up Factory,China,1 Road,supplies,1\nGap,Made-up Factory,China,1 Road,supplies,2\n");
        Assert.True((await f.Runner.ImportAsync(f.FacilityManifest("MADE_UP_list.csv"))).Succeeded);
        f.Write("MADE_UP_prose.html", """
            <html><body><p>MADE-UP TEST FIXTURE: invented prose.</p>
            <h2 id="findings">Findings</h2>
            <p>Workers said the factory supplied MADE-UP BRAND ALPHA until 2019.<script>document.write('Made-up Brand Alpha')</script></p>
            <p>There is a gap in the records for this period.</p>
            <ul><li>Gap was named by one worker.</li></ul>
            </body></html>
            """);
        var manifest = f.Write("prose.json", """
            { "format": "html-prose", "files": ["MADE_UP_prose.html"],
              "html": { "prose": { "find": ["Brand"], "predicate": "NamedIn", "evidenceType": "NgoReport", "confidence": "Medium" } },
              "source": { "title": "MADE-UP TEST FIXTURE prose report", "publisher": "Made-up NGO", "published": "2024-03", "kind": "Report" } }
            """);
        var report = await f.Runner.ImportAsync(manifest);
        Assert.True(report.Succeeded, report.Summary());
        await using var db = f.Factory.Create();
        var proposed = await db.Claims.Where(c => c.Status == ClaimStatus.Proposed).ToListAsync();
        Assert.Equal(2, proposed.Count); // Alpha, and "Gap" written as a name; "a gap in the records" is not Gap
        var alpha = await db.Brands.SingleAsync(b => b.Name == "Made-up Brand Alpha");
        var claim = Assert.Single(proposed, c => c.SubjectId == alpha.Id);
        Assert.Contains("section 'Findings'", claim.Locator);
        Assert.Contains("supplied MADE-UP BRAND ALPHA until 2019", claim.Quote);
        Assert.DoesNotContain("document.write", claim.Quote);
        Assert.Equal(Predicate.NamedIn, claim.Predicate);
    }
}

public sealed class HtmlImportTests_Sqlite() : HtmlImportTests(Engine.Sqlite);
public sealed class HtmlImportTests_Postgres() : HtmlImportTests(Engine.Postgres);
