using SupplyChain.Domain;
using SupplyChain.Exposure;
using SupplyChain.Import;
using SupplyChain.Queries;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Exposure;

/// <summary>Evidence chains a shopper can read: issue "done when", on each engine, from the real curated data.</summary>
public abstract class ExposureTests(SeededDatabase data)
{
    async Task<(BrandView Brand, ExposureView Exposure, IReadOnlyList<ResponseView> Responses)> BrandAsync(string slug)
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        var brand = await data.Queries.BrandAsync(slug) ?? throw new Xunit.Sdk.XunitException($"no brand '{slug}'");
        var snapshot = await data.SnapshotAsync();
        return (brand, await data.Queries.ExposureAsync(snapshot, brand.Id), await data.Queries.ResponsesForBrandAsync(snapshot, brand.Id));
    }

    static IEnumerable<string> Publishers(StepView s) => s.Claims.Select(c => c.Source.Publisher ?? "");

    [SkippableFact]
    public async Task Nike_reaches_Xinjiang_labour_transfers_through_Qingdao_Taekwang_with_every_source()
    {
        var (_, exposure, responses) = await BrandAsync("nike");
        // Nike told RFA (21 Jul 2020) that Taekwang stopped recruiting Xinjiang workers: the link is reported ended, per Nike.
        Assert.Equal(BrandStatus.LinkEnded, exposure.Status);
        var path = exposure.Paths.Single(p => p.Steps.Count == 2 && p.Steps[0].To.Name == "QINGDAO TAEKWANG SHOES CO., LTD");
        Assert.Contains("Nike, Inc.", Publishers(path.Steps[0]));           // Nike's own disclosure...
        Assert.Contains("The Washington Post", Publishers(path.Steps[0]));  // ...and the Post: one facility carrying both sources
        Assert.Equal(Predicate.ReceivedTransferredWorkers, path.Steps[1].Predicate);
        Assert.Equal("Xinjiang labour transfer programme", path.Steps[1].To.Name);
        Assert.Contains("Axios", Publishers(path.Steps[1]));
        Assert.Contains("The Washington Post", Publishers(path.Steps[1]));
        Assert.All(path.Steps.SelectMany(s => s.Claims), c => Assert.False(string.IsNullOrEmpty(c.Citation)));
        Assert.True(path.Ended);
        Assert.Equal("reported ended per Nike (21 Jul 2020)", path.EndedNote);
        Assert.Contains(path.EndingResponses, r => r.Stance == Stance.AcknowledgedSupplierSaidStopped);
        // Nike's responses of March and July 2020 are attached, in date order.
        Assert.Contains(responses, r => r.Date == "2020-03-11" && r.Source.Publisher == "The Washington Post");
        Assert.Contains(responses, r => r.Date == "2020-07-21" && r.Source.Publisher == "Radio Free Asia");
        Assert.Equal(responses.Select(r => r.Date ?? "9999").Order(StringComparer.Ordinal), responses.Select(r => r.Date ?? "9999"));
    }

    [SkippableFact]
    public async Task Nikes_denial_of_Haoyuanpeng_shows_among_its_responses_and_creates_no_path()
    {
        var (_, exposure, responses) = await BrandAsync("nike");
        Assert.Contains(responses, r => r.Stance == Stance.DisputedFact && (r.AboutAsPublished ?? "").Contains("Haoyuanpeng"));
        Assert.DoesNotContain(exposure.Paths, p => p.Steps.Any(s => s.To.Name.Contains("Haoyuanpeng") || s.From.Name.Contains("Haoyuanpeng")));
        // The denial claim itself is shown (as counter-evidence), never as the link it denies.
        Assert.Contains(exposure.Counter.SelectMany(c => c.Claims), c => c.Predicate == Predicate.Other && c.Object.Name.Contains("Haoyuanpeng"));
    }

    [SkippableFact]
    public async Task HM_Huafu_path_carries_a_commitment_not_an_ending_with_the_Anhui_denial_beside_it()
    {
        var (_, exposure, _) = await BrandAsync("h-and-m");
        // H&M promised (Sep 2020) to phase out within 12 months: a commitment, never an ending.
        Assert.Equal(BrandStatus.Linked, exposure.Status);
        var path = Assert.Single(exposure.Paths);
        Assert.False(path.Ended);
        Assert.Null(path.EndedNote);
        Assert.Equal("Huafu Fashion Co.", path.Steps[0].To.Name);
        Assert.Contains(path.CommitmentClaims, c => c.Predicate == Predicate.CommittedToEnd && c.ExternalId == "UFS-027");
        Assert.Contains("a commitment to end it, reported by Taipei Times (Sep 2020)", path.Time(DateTime.UtcNow));
        var denial = Assert.Single(exposure.Counter, c => c.Claims.Any(x => x.ExternalId == "UFS-029"));
        Assert.Equal("H&M", denial.StepFrom.Name);
        Assert.Equal("Huafu Fashion Co.", denial.StepTo.Name);
    }

    [SkippableFact]
    public async Task Lenovo_reaches_the_Entity_List_and_the_CBP_order_through_Hefei_Bitland()
    {
        var (_, exposure, _) = await BrandAsync("lenovo");
        var ends = exposure.Paths.Where(p => p.Steps[0].To.Name.StartsWith("Hefei Bitland")).Select(p => p.Steps[^1].To.Name).ToList();
        Assert.Contains("US Commerce BIS Entity List", ends);
        Assert.Contains("US CBP Withhold Release Order", ends);
        var bis = exposure.Paths.First(p => p.Steps[^1].To.Name == "US Commerce BIS Entity List" && p.Steps[0].To.Name.StartsWith("Hefei Bitland"));
        Assert.Equal("2020-07-22", bis.Steps[^1].Claims.Single().PeriodFrom);
    }

    [SkippableFact]
    public async Task A_brand_only_named_in_a_report_shows_NAMED_IN_REPORT_and_no_path()
    {
        var (_, exposure, _) = await BrandAsync("volkswagen");
        Assert.Equal(BrandStatus.NamedInReport, exposure.Status);
        Assert.Empty(exposure.Paths);
    }

    [SkippableFact]
    public async Task A_brand_whose_own_statements_discuss_Xinjiang_is_never_no_evidence()
    {
        var (_, exposure, responses) = await BrandAsync("patagonia");
        Assert.NotEmpty(responses);
        Assert.Equal(BrandStatus.StatementsOnly, exposure.Status);
    }

    [SkippableFact]
    public async Task OFILM_entities_the_sources_do_not_prove_identical_stay_apart()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        await using var db = data.Factory.Create();
        var names = db.Facilities.Where(f => f.NameKey.Contains("film")).Select(f => f.Name).ToList();
        Assert.Contains("Nanchang OFILM Technology (Jiangxi)", names);
        Assert.Contains("Nanchang O-Film Tech", names);
        Assert.Contains("OFILM factory in Nanchang (Jiangxi)", names);
    }

    [SkippableFact]
    public async Task A_parent_companys_response_reaches_its_brand_only_through_ownership_or_the_review_queue()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        await using var db = data.Factory.Create();
        var zara = db.Brands.Single(b => b.Slug == "zara");
        // The curated responses come before any ownership claim, so "Inditex (Zara)" waits for a reviewer...
        Assert.Contains(db.ResponderLinkCandidates, c => c.BrandId == zara.Id && c.Status == MatchStatus.Pending);
        // ...and reaches Zara only through an ownership claim: without one (ownership data not imported) it is not
        // Zara's answer; with WikiRate's Zara → Inditex claim it is, through that claim, never through the brackets.
        var owned = db.Claims.Where(c => c.Predicate == Predicate.OwnedBy && c.SubjectKind == EntityKind.Brand && c.SubjectId == zara.Id
            && c.ObjectKind == EntityKind.Company && c.Status == ClaimStatus.Active).ToList();
        Assert.NotEmpty(owned);
        var snapshot = await data.SnapshotAsync();
        var inditex = Assert.Single(snapshot.OwnersOf(zara.Id));
        Assert.Equal(owned.Select(c => c.Id).Order(), inditex.ClaimIds); // the owner is exactly what the claims say
        var inditexAnswers = await data.Queries.ResponsesForBrandAsync(snapshot, zara.Id);
        Assert.Contains(inditexAnswers, r => r.ResponderAsPublished.StartsWith("Inditex") && r.Responder.Id == inditex.CompanyId);
        Assert.DoesNotContain(inditexAnswers, r => r.SpeaksFor.Any(b => b.Id == zara.Id)); // through the claim, never the brackets
    }

    [SkippableFact]
    public async Task Reimporting_the_curated_files_changes_nothing()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        foreach (var m in new[] { "claims.manifest.json", "responses.manifest.json" })
        {
            var report = await data.Runner.ImportAsync(Repo.Path("datasets", "curated-evidence", m));
            Assert.True(report.Succeeded, report.Summary());
            Assert.All(report.Files, f => Assert.True(f.AlreadyImported));
        }
    }

    [SkippableFact]
    public async Task Another_file_in_the_curated_layout_imports_with_only_its_path_changed_and_shows_two_hop_paths()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        // The bundled manifest, with only the file name changed: no code and no other mapping for the new file.
        var dir = Directory.CreateTempSubdirectory("curated-second").FullName;
        File.Copy(Repo.Path("tests", "SupplyChain.Tests", "Fixtures", "curated-second", "MADE_UP_second_curated_claims.csv"), Path.Combine(dir, "MADE_UP_second_curated_claims.csv"));
        var manifest = File.ReadAllText(Repo.Path("datasets", "curated-evidence", "claims.manifest.json"))
            .Replace("\"files\": [\"claims.csv\"]", "\"files\": [\"MADE_UP_second_curated_claims.csv\"]");
        File.WriteAllText(Path.Combine(dir, "manifest.json"), manifest);
        var report = await data.Runner.ImportAsync(Path.Combine(dir, "manifest.json"));
        Assert.True(report.Succeeded, report.Summary());

        var (_, zeta, _) = await BrandAsync("fictional-brand-zeta");
        var path = Assert.Single(zeta.Paths);
        Assert.Equal(["Made-up Garment Factory No. 7 (Testville)", "Made-up Holdings Ltd", "Made-up Parent Group", "US Commerce BIS Entity List"],
            path.Steps.Select(s => s.To.Name));
        Assert.Equal(BrandStatus.Linked, zeta.Status);

        var (_, eta, _) = await BrandAsync("fictional-brand-eta");
        Assert.Equal(BrandStatus.LinkAllegedWeakly, eta.Status); // the supplier step rests on a low-confidence repost
        Assert.Equal(Confidence.Low, Assert.Single(eta.Paths).Strength);

        var again = await data.Runner.ImportAsync(Path.Combine(dir, "manifest.json"));
        Assert.All(again.Files, f => Assert.True(f.AlreadyImported));
    }

    [SkippableFact]
    public async Task Response_rates_count_the_brands_each_source_names_that_answered()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        var rates = await data.Queries.ResponseRatesAsync(await data.SnapshotAsync());
        var aspi = rates.Single(r => r.Source.Title.StartsWith("Uyghurs for sale", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(83, aspi.BrandsNamed);
        Assert.InRange(aspi.BrandsAnswered, 10, 83);
        Assert.True(aspi.ByStance[Stance.DeniedLink] > 0);
    }
}

public sealed class ExposureTests_Sqlite(SqliteSeededDatabase d) : ExposureTests(d), IClassFixture<SqliteSeededDatabase>;
public sealed class ExposureTests_Postgres(PostgresSeededDatabase d) : ExposureTests(d), IClassFixture<PostgresSeededDatabase>;
