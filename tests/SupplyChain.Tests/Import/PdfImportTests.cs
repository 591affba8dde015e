using Microsoft.EntityFrameworkCore;
using SupplyChain.Domain;
using SupplyChain.Import;
using SupplyChain.Tests.Infrastructure;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using Xunit;

namespace SupplyChain.Tests.Import;

/// <summary>Apple's real 2018 supplier list (from ../shared: a test fixture only), read without a database: rows rebuilt from word positions.</summary>
public sealed class ApplePdfRowTests
{
    static readonly string Manifest = Repo.AppleSupplierListManifest();

    static List<SourceRow> Rows()
    {
        var m = SupplyChain.Import.Manifest.Load(Manifest);
        var errors = new List<ImportError>();
        var (rows, _) = ImportRunner.ReadAndMap(m, m.ResolveFiles().Single(), errors);
        Assert.Empty(errors);
        return rows.Select(r => r.Row).ToList();
    }

    [Fact]
    public void Wrapped_names_and_addresses_join_their_rows_and_no_continuation_line_becomes_a_supplier()
    {
        var rows = Rows();
        var suppliers = rows.Select(r => r.Get("Supplier Name")!).ToList();
        Assert.DoesNotContain(suppliers, s => s.StartsWith('&') || s.StartsWith('(') || s is "Co., Ltd." or "Ltd." or "& Systemtechnik AG" or "(Foxconn)");
        Assert.Contains("AT & S Austria Technologie & Systemtechnik AG", suppliers);
        Assert.Contains("Hon Hai Precision Industry Co., Ltd. (Foxconn)", suppliers);
        // Apple's own count of facility rows for this edition (its CSV of the same list has 777).
        Assert.Equal(777, rows.Count);
        Assert.All(rows, r => Assert.Matches(@"^p\. \d+$", r.Locator));
        Assert.All(rows, r => Assert.NotNull(r.Get("country")));
        Assert.DoesNotContain(rows, r => r.Get("Supplier Name")!.Contains("Supplier Responsibility") || r.Get("Address")!.Contains("2018 Supplier List"));
        var wrapped = Assert.Single(rows, r => r.Get("Address")!.StartsWith("No. 58 Chang He Road"));
        Assert.Equal("No. 58 Chang He Road, Yuzui Town, Jiangbei District, Chongqing, China", wrapped.Get("Address"));
    }

    [Fact]
    public void O_Film_is_one_supplier_with_two_facilities_on_its_page()
    {
        var ofilm = Rows().Where(r => r.Get("Supplier Name") == "Shenzhen O-Film Tech Co., Ltd.").ToList();
        Assert.Equal(2, ofilm.Count);
        Assert.Contains(ofilm, r => r.Get("Address")!.Contains("Guangzhou"));
        Assert.Contains(ofilm, r => r.Get("Address")!.Contains("NanChang", StringComparison.OrdinalIgnoreCase));
        Assert.All(ofilm, r => Assert.Equal(ofilm[0].Page, r.Page));
    }
}

public abstract class PdfImportTests(Engine engine)
{
    [SkippableFact]
    public async Task Apple_sources_from_each_facility_cited_to_the_pdf_and_page_and_O_Film_is_one_company()
    {
        var f = await ImportFixture.CreateAsync(engine);
        var manifest = Repo.AppleSupplierListManifest();
        var report = await f.Runner.ImportAsync(manifest);
        Assert.True(report.Succeeded, report.Summary());
        await using var db = f.Factory.Create();
        var apple = await db.Brands.SingleAsync(b => b.Name == "Apple");
        var source = await db.Sources.SingleAsync(s => s.Title == "Apple Supplier List (February 2018)");
        var sourcing = await db.Claims.Where(c => c.SubjectKind == EntityKind.Brand && c.SubjectId == apple.Id && c.Predicate == Predicate.SourcesFrom).ToListAsync();
        Assert.Equal(777, sourcing.Count);
        Assert.All(sourcing, c =>
        {
            Assert.Equal(source.Id, c.SourceId);
            Assert.Matches(@"^\d+$", c.LocatorPage);
            Assert.Equal($"p. {c.LocatorPage}", c.Locator);
            Assert.Equal(ClaimStatus.Active, c.Status);
        });
        var ofilm = await db.Companies.Where(c => c.Name == "Shenzhen O-Film Tech Co., Ltd.").ToListAsync();
        var company = Assert.Single(ofilm);
        var facilities = await db.Claims.Where(c => c.Predicate == Predicate.OwnedBy && c.ObjectKind == EntityKind.Company && c.ObjectId == company.Id)
            .Select(c => c.SubjectId).Distinct().ToListAsync();
        Assert.Equal(2, facilities.Count);
        Assert.All(facilities, id => Assert.Contains(sourcing, c => c.ObjectKind == EntityKind.Facility && c.ObjectId == id));
        Assert.Equal(["CN", "CN"], await db.Facilities.Where(x => facilities.Contains(x.Id)).Select(x => x.CountryCode).ToListAsync());
        var companies = await db.Companies.Select(c => c.Name).ToListAsync();
        Assert.DoesNotContain(companies, n => n.StartsWith('&') || n.StartsWith('(') || n == "Co., Ltd.");

        var again = await f.Runner.ImportAsync(manifest);
        Assert.True(again.Succeeded, again.Summary());
        Assert.Equal(sourcing.Count, await db.Claims.CountAsync(c => c.SubjectKind == EntityKind.Brand && c.SubjectId == apple.Id && c.Predicate == Predicate.SourcesFrom));
    }

    /// <summary>MADE-UP TEST FIXTURE: a two-page report PDF built here with PdfPig; its text is invented.</summary>
    static byte[] MadeUpReport()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        string[][] pages =
        [
            [
                "MADE-UP TEST FIXTURE: an invented report; nothing in it is real.",
                "",
                "Workers transferred from Xinjiang were seen at a plant run by",
                "Made-up Optics Co., Ltd. in the spring of 2019.",
                "",
                "Nanofilm Technologies opened a plant in Xinjian County, Nanchang.",
                "",
                "A depot stands near Xinjiangqiao; it has no link to any brand.",
            ],
            [
                "MADE-UP TEST FIXTURE: an invented report; nothing in it is real.",
                "",
                "Made-up Brand Delta said it had stopped buying from the plant.",
            ],
        ];
        foreach (var lines in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            double y = 780;
            foreach (var line in lines)
            {
                if (line.Length > 0) page.AddText(line, 11, new PdfPoint(60, y), font);
                y -= 14;
            }
            page.AddText("Made-up NGO | Report 2024", 8, new PdfPoint(60, 30), font); // running footer
        }
        return builder.Build();
    }

    [SkippableFact]
    public async Task Pdf_prose_proposes_claims_with_page_and_quote_and_never_matches_parts_of_words()
    {
        var f = await ImportFixture.CreateAsync(engine);
        // What we hold (MADE-UP): a company, a brand, and entities whose names are traps for substring matching.
        f.Write("MADE_UP_held.csv", ImportFixture.Header
            + "Made-up Brand Delta,Made-up Optics Co. Ltd.,China,1 Road,supplies,1\n"
            + "Made-up Brand Delta,O-Film,China,2 Road,supplies,1\n"
            + "Made-up Brand Delta,Xinjiang,China,3 Road,supplies,1\n");
        Assert.True((await f.Runner.ImportAsync(f.FacilityManifest("MADE_UP_held.csv"))).Succeeded);
        f.WriteBytes("MADE_UP_report.pdf", MadeUpReport());
        var manifest = f.Write("prose.json", """
            { "format": "pdf", "files": ["MADE_UP_report.pdf"],
              "pdf": { "layout": "prose", "prose": { "find": ["Brand", "Facility", "Company"], "predicate": "NamedIn", "evidenceType": "NgoReport", "confidence": "Medium" } },
              "source": { "title": "MADE-UP TEST FIXTURE PDF report", "publisher": "Made-up NGO", "published": "2024-04", "kind": "Report" } }
            """);
        var report = await f.Runner.ImportAsync(manifest);
        Assert.True(report.Succeeded, report.Summary());
        await using var db = f.Factory.Create();
        var source = await db.Sources.SingleAsync(s => s.Title == "MADE-UP TEST FIXTURE PDF report");
        var claims = await db.Claims.Where(c => c.SourceId == source.Id).ToListAsync();
        Assert.All(claims, c => Assert.Equal(ClaimStatus.Proposed, c.Status)); // proposed, never confirmed
        var optics = await db.Facilities.SingleAsync(x => x.Name == "Made-up Optics Co. Ltd.");
        var xinjiang = await db.Facilities.SingleAsync(x => x.Name == "Xinjiang");
        var delta = await db.Brands.SingleAsync(b => b.Name == "Made-up Brand Delta");

        // The wrapped paragraph on page 1 names the optics plant and Xinjiang, as whole words.
        var c1 = Assert.Single(claims, c => c.SubjectKind == EntityKind.Facility && c.SubjectId == optics.Id);
        Assert.Equal("1", c1.LocatorPage);
        Assert.StartsWith("p. 1, paragraph", c1.Locator);
        Assert.Contains("seen at a plant run by Made-up Optics Co., Ltd. in the spring of 2019", c1.Quote);
        Assert.Single(claims, c => c.SubjectKind == EntityKind.Facility && c.SubjectId == xinjiang.Id && c.Locator == c1.Locator);
        var c2 = Assert.Single(claims, c => c.SubjectKind == EntityKind.Brand && c.SubjectId == delta.Id);
        Assert.Equal("2", c2.LocatorPage);

        // Nanofilm is not O-Film; Xinjian County and Xinjiangqiao are not Xinjiang: no claim quotes those paragraphs.
        Assert.DoesNotContain(claims, c => c.Quote!.Contains("Nanofilm") || c.Quote.Contains("Xinjiangqiao"));
        Assert.Equal(3, claims.Count);
        Assert.DoesNotContain(claims, c => c.Quote!.Contains("Made-up NGO | Report")); // the running footer is dropped
        Assert.Empty(await db.MatchCandidates.Where(m => m.IncomingName.Contains("Nanofilm")).ToListAsync());
    }
}

public sealed class PdfImportTests_Sqlite() : PdfImportTests(Engine.Sqlite);
public sealed class PdfImportTests_Postgres() : PdfImportTests(Engine.Postgres);
