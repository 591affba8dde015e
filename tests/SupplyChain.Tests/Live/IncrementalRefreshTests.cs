using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;
using SupplyChain.Exposure;
using SupplyChain.Import;
using SupplyChain.Live;
using SupplyChain.Queries;
using SupplyChain.Resolution;
using SupplyChain.Review;
using SupplyChain.Search;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Live;

/// <summary>
/// Issue 11 item 5: a refresh patches the views with what changed instead of rebuilding them, and the patched views
/// answer exactly as a full rebuild of the same data does: every search card, search results for every brand's name,
/// prefix and a typo of it, every status and path count, and the target list as CSV. A sequence of MADE-UP imports
/// (new brands on existing suppliers and owners, a two-hop ownership chain, a list and its second version that
/// retracts a row), a reviewer's retraction and two merges (which rebuild in full) on a seeded database.
/// </summary>
public abstract class IncrementalRefreshTests(Engine engine)
{
    [SkippableFact]
    public async Task Patched_views_equal_a_full_rebuild_after_imports_retractions_and_merges()
    {
        TestDatabase.SkipUnlessAvailable(engine);
        var factory = await TestDatabase.CreateMigratedAsync(engine, "incremental");
        var runner = new ImportRunner(factory);
        Assert.True((await runner.ImportAsync(Repo.Seed, new ImportOptions { Actor = "test" })).Succeeded);
        var search = new BrandSearch(factory);
        var refresh = new DataRefresh(factory, search, new EvidenceQueries(factory), new MatchService(factory));
        Assert.True(await refresh.RefreshAsync());
        Assert.False(refresh.LastWasPatch); // the first load is a full build
        var dir = Directory.CreateTempSubdirectory("sc-incremental").FullName;

        // 1. A two-hop chain to a list, new brands on it (the curated fixture of the exposure tests).
        File.Copy(Repo.Path("tests", "SupplyChain.Tests", "Fixtures", "curated-second", "MADE_UP_second_curated_claims.csv"), Path.Combine(dir, "MADE_UP_second_curated_claims.csv"));
        await ImportCuratedAsync(runner, dir, "MADE_UP_second_curated_claims.csv");
        await PatchedAndSameAsync(refresh, search, factory, "curated fixture");
        Assert.Equal(BrandStatus.Linked, search.Index.BySlug("fictional-brand-zeta")!.Status);

        // 2. New brands on an existing linked factory and under an existing owner of several brands; an existing brand
        //    with no evidence joins the made-up chain.
        var before = search.Index;
        var snapshot = GraphSnapshot.Of(before);
        var linked = before.Cards.Where(c => c.Status == BrandStatus.Linked)
            .Select(c => snapshot.Exposure(c.Id).Paths.Select(p => p.Steps[0].To).FirstOrDefault(s => s.Kind == EntityKind.Facility))
            .First(f => f.Id != 0);
        var owner = before.Cards.Select(c => c.OwnerCompanyId).OfType<long>().GroupBy(id => id).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var bystander = before.Cards.Where(c => c.Status is BrandStatus.NamedInReport or BrandStatus.SuppliersKnown or BrandStatus.StatementsOnly)
            .OrderBy(c => c.Id).First();
        string facility, company;
        await using (var db = factory.Create())
        {
            facility = await db.Facilities.Where(f => f.Id == linked.Id).Select(f => f.Name).SingleAsync();
            company = await db.Companies.Where(c => c.Id == owner).Select(c => c.Name).SingleAsync();
        }
        await File.WriteAllLinesAsync(Path.Combine(dir, "MADE_UP_third.csv"),
        [
            Header,
            Row("MADEUP-T1", "Made-up Brand Theta", "brand", "SOURCES_FROM", facility, "facility", "high", "2021"),
            Row("MADEUP-T2", "Made-up Brand Theta", "brand", "OWNED_BY", company, "company", "high", ""),
            Row("MADEUP-T3", bystander.Name, "brand", "SOURCES_FROM", "Made-up Garment Factory No. 7 (Testville)", "facility", "medium", "2022"),
        ]);
        await ImportCuratedAsync(runner, dir, "MADE_UP_third.csv");
        await PatchedAndSameAsync(refresh, search, factory, "brands on existing suppliers and owners");
        Assert.Equal(BrandStatus.Linked, search.Index.BySlug("made-up-brand-theta")!.Status);
        Assert.Equal(company, search.Index.BySlug("made-up-brand-theta")!.OwnerName);
        Assert.Equal(BrandStatus.Linked, search.Index.ById(bystander.Id)!.Status);

        // 3. A reviewer retracts the ownership step in the middle of the chain: Zeta and the bystander lose their path.
        long middle;
        await using (var db = factory.Create()) middle = await db.Claims.Where(c => c.ExternalId == "MADEUP-003").Select(c => c.Id).SingleAsync();
        await new ReviewQueue(factory).RetractAsync(middle, "MADE-UP test retraction", "test");
        await PatchedAndSameAsync(refresh, search, factory, "reviewer's retraction");
        Assert.Equal(BrandStatus.SuppliersKnown, search.Index.BySlug("fictional-brand-zeta")!.Status);
        Assert.Equal(bystander.Status, search.Index.ById(bystander.Id)!.Status);

        // 4. A list, then its second version without one row: that row's claim is retracted by the import.
        string[] names = ["Quorvane Made-up Apparel", "Tessildu Made-up Shoes", "Ombrelix Made-up Goods", "Varnetto Made-up Wear"];
        await ImportListAsync(runner, dir, names);
        await PatchedAndSameAsync(refresh, search, factory, "list, first version");
        Assert.Equal(BrandStatus.NamedInReport, search.Index.BySlug("varnetto-made-up-wear")!.Status);
        await ImportListAsync(runner, dir, names[..3]);
        await PatchedAndSameAsync(refresh, search, factory, "list, second version");
        Assert.Equal(BrandStatus.NoEvidence, search.Index.BySlug("varnetto-made-up-wear")!.Status);

        // 5. Merges move claims and names: rebuilt in full, and still the same.
        var review = new ReviewQueue(factory);
        var pending = await review.PendingAsync(500);
        foreach (var kind in new[] { EntityKind.Brand, EntityKind.Facility })
            if (pending.FirstOrDefault(m => m.EntityKind == kind) is { } candidate)
            {
                await review.DecideAsync(candidate.Id, MatchDecision.Merge, "test", "MADE-UP test merge");
                Assert.True(await refresh.RefreshAsync());
                Assert.False(refresh.LastWasPatch, $"a {kind} merge was patched: {refresh.LastKind}");
                await SameAsFullAsync(search.Index, factory, $"{kind} merge");
            }

        // 6. And a change after the full rebuild is patched again.
        await ImportListAsync(runner, dir, [.. names[..3], "Brisqueline Made-up Knits"]);
        await PatchedAndSameAsync(refresh, search, factory, "list, third version");
    }

    const string Header = "claim_id,subject,subject_type,predicate,object,object_type,summary,source_title,publisher,source_date,url,via,locator,evidence_type,confidence,period_from,period_to";

    static string Row(string id, string subject, string subjectType, string predicate, string obj, string objectType, string confidence, string from) =>
        string.Join(',', new[] { id, subject, subjectType, predicate, obj, objectType, "MADE-UP TEST FIXTURE: not a real claim.",
            "MADE-UP TEST FIXTURE report three", "Made-up Test Fixture Publisher", "2024-03-01", "https://example.invalid/made-up/three", "", "p. 1",
            "ngo_report", confidence, from, "" }.Select(v => v.Contains(',') || v.Contains('"') ? $"\"{v.Replace("\"", "\"\"")}\"" : v));

    static async Task ImportCuratedAsync(ImportRunner runner, string dir, string file)
    {
        var manifest = (await File.ReadAllTextAsync(Repo.Path("datasets", "curated-evidence", "claims.manifest.json")))
            .Replace("\"files\": [\"claims.csv\"]", $"\"files\": [\"{file}\"]");
        var path = Path.Combine(dir, $"{file}.manifest.json");
        await File.WriteAllTextAsync(path, manifest);
        var report = await runner.ImportAsync(path, new ImportOptions { Actor = "test" });
        Assert.True(report.Succeeded, report.Summary());
    }

    static async Task ImportListAsync(ImportRunner runner, string dir, string[] names)
    {
        await File.WriteAllLinesAsync(Path.Combine(dir, "MADE_UP_incremental_brands.txt"), names);
        var manifest = Path.Combine(dir, "MADE_UP_incremental.manifest.json");
        await File.WriteAllTextAsync(manifest, """
            {
              "format": "list",
              "files": ["MADE_UP_incremental_brands.txt"],
              "list": { "split": "lines", "column": "name" },
              "source": { "title": "MADE_UP list for the incremental refresh test (invented names, not evidence)", "publisher": "Made-up Test Publisher", "published": "2024-02-01", "kind": "Report" },
              "entities": { "brand": { "type": { "const": "Brand" }, "name": "name" } },
              "claims": [
                { "subject": "brand", "predicate": { "const": "NamedIn" }, "object": "$source",
                  "locator": { "template": "{$locator}" }, "evidenceType": { "const": "NgoReport" }, "confidence": { "const": "High" } }
              ]
            }
            """);
        var report = await runner.ImportAsync(manifest, new ImportOptions { Actor = "test" });
        Assert.True(report.Succeeded, report.Summary());
    }

    static async Task PatchedAndSameAsync(DataRefresh refresh, BrandSearch search, SupplyChainDbFactory factory, string step)
    {
        Assert.True(await refresh.RefreshAsync(), $"{step}: the data version did not move");
        Assert.True(refresh.LastWasPatch, $"{step}: rebuilt in full instead of patched");
        await SameAsFullAsync(search.Index, factory, step);
    }

    /// <summary>The live (patched) index answers as a full rebuild of the same data.</summary>
    static async Task SameAsFullAsync(BrandIndex live, SupplyChainDbFactory factory, string step)
    {
        var full = await BrandSearch.LoadAsync(factory);
        Assert.Equal(full.Cards.OrderBy(c => c.Id).ToList(), live.Cards.OrderBy(c => c.Id).ToList());

        var queries = new HashSet<string>();
        foreach (var c in full.Cards)
        {
            queries.Add(c.Name);
            if (c.Name.Length > 4) queries.Add(c.Name[..4]);
            if (c.Name.Length > 1) queries.Add(c.Name[..1]);
            if (c.Name.Length > 6) queries.Add(c.Name[..3] + c.Name[4] + c.Name[3] + c.Name[5..]); // two letters swapped
            if (c.OwnerName is { } o) queries.Add(o);
        }
        foreach (var q in queries)
            Assert.True(Hits(full, q).SequenceEqual(Hits(live, q)), $"{step}: search '{q}' differs:\n full: {string.Join(" | ", Hits(full, q))}\n live: {string.Join(" | ", Hits(live, q))}");

        var fullSnapshot = GraphSnapshot.Of(full);
        var liveSnapshot = GraphSnapshot.Of(live);
        foreach (var c in full.Cards)
        {
            var (a, b) = (fullSnapshot.Exposure(c.Id), liveSnapshot.Exposure(c.Id));
            Assert.True(a.Status == b.Status && a.Paths.Count == b.Paths.Count && a.Counter.Count == b.Counter.Count, $"{step}: {c.Name} exposure differs");
            Assert.Equal(fullSnapshot.OwnersOf(c.Id).Select(o => (o.CompanyId, o.Name, string.Join(",", o.ClaimIds))),
                liveSnapshot.OwnersOf(c.Id).Select(o => (o.CompanyId, o.Name, string.Join(",", o.ClaimIds))));
            Assert.Equal(fullSnapshot.ResponsesFor(c.Id).Select(r => r.Id), liveSnapshot.ResponsesFor(c.Id).Select(r => r.Id));
        }

        var targets = new TargetQueries(factory);
        Assert.Equal(await CsvAsync(targets, full), await CsvAsync(targets, live));
    }

    static IEnumerable<string> Hits(BrandIndex index, string q) =>
        index.Search(q, 10).Select(h => $"{h.Brand.Id}:{h.Score}:{h.Kind}:{h.MatchedName}");

    static async Task<string> CsvAsync(TargetQueries targets, BrandIndex index)
    {
        using var stream = new MemoryStream();
        await TargetQueries.WriteCsvAsync(TargetQueries.Filter(await targets.DigestsAsync(index), new TargetFilter()), stream, default);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}

public sealed class IncrementalRefreshTests_Sqlite() : IncrementalRefreshTests(Engine.Sqlite);
public sealed class IncrementalRefreshTests_Postgres() : IncrementalRefreshTests(Engine.Postgres);

/// <summary>
/// <see cref="BrandIndex.Patch"/> on its own, in memory: renamed brands, changed owners, new aliases, new brands and
/// changed statuses give the answers of <see cref="BrandIndex.Build"/> over the changed cards (MADE-UP names).
/// </summary>
public sealed class BrandIndexPatchTests
{
    static BrandCard Card(long id, string name, string? owner = null, BrandStatus status = BrandStatus.NoEvidence, int claims = 0) =>
        new(id, name, NameNormalizer.Slug(name) + "-" + id, null, owner is null ? null : 1000 + id, owner, status, claims, claims);

    [Fact]
    public void A_patched_index_answers_as_a_rebuilt_one()
    {
        var words = new[] { "Alder", "Brisk", "Corvo", "Dunmere", "Elbrin", "Fallow", "Garnet", "Holm", "Istra", "Jovel", "Kestrel", "Lumo" };
        var cards = new List<BrandCard>();
        var aliases = new List<(long, string)>();
        for (var i = 0; i < 300; i++)
        {
            var name = $"{words[i % words.Length]} {words[i / words.Length % words.Length]} Made-up {(i % 3 == 0 ? "Group" : "Apparel")}";
            cards.Add(Card(i + 1, name, i % 5 == 0 ? $"{words[i % 7]} Made-up Holdings" : null, (BrandStatus)(i % 7), i % 4));
            if (i % 9 == 0) aliases.Add((i + 1, $"{words[(i + 3) % words.Length]}{words[i % 5]} Made-up"));
        }
        var before = BrandIndex.Build(cards, aliases);

        var changed = new List<BrandCard>
        {
            cards[3] with { Name = "Zephyrine Made-up Textiles" },                      // renamed
            cards[5] with { OwnerName = "Quillon Made-up Group", OwnerCompanyId = 77 },  // new owner
            cards[10] with { OwnerName = null, OwnerCompanyId = null },                  // owner gone
            cards[20] with { Status = BrandStatus.Linked, ClaimCount = 9 },             // stronger: climbs typeahead lists
            cards[0] with { Status = BrandStatus.NoEvidence, ClaimCount = 0 },          // weaker: leaves them
            Card(301, "Alder Made-up Outfitters", "Alder Made-up Holdings", BrandStatus.Linked, 3),
            Card(302, "Brisk", null, BrandStatus.NamedInReport, 1),
        };
        var newAliases = new List<(long, string)> { (7, "Alderbrisk Made-up"), (301, "AMO Made-up"), (999, "No Such Brand") };
        var patched = before.Patch(changed, newAliases);

        var byId = cards.ToDictionary(c => c.Id);
        foreach (var c in changed) byId[c.Id] = c;
        var rebuilt = BrandIndex.Build(byId.Values.OrderBy(c => c.Id).ToList(), aliases.Concat(newAliases));

        Assert.Equal(rebuilt.Cards.OrderBy(c => c.Id), patched.Cards.OrderBy(c => c.Id));
        var queries = byId.Values.SelectMany(c => new[] { c.Name, c.Name[..1], c.Name[..2], c.Name[..3], c.Name[..5], c.Name.Replace("a", "e"), c.OwnerName ?? "" })
            .Concat(newAliases.Select(a => a.Item2)).Concat(aliases.Select(a => a.Item2)).Concat(words).Concat(["made-up", "holdings alder", "Zephyrine", "Quillon"]).Distinct();
        foreach (var q in queries)
        {
            var a = rebuilt.Search(q, 20).Select(h => $"{h.Brand.Id}:{h.Score}:{h.Kind}:{h.MatchedName}").ToList();
            var b = patched.Search(q, 20).Select(h => $"{h.Brand.Id}:{h.Score}:{h.Kind}:{h.MatchedName}").ToList();
            Assert.True(a.SequenceEqual(b), $"'{q}':\n rebuilt: {string.Join(" | ", a)}\n patched: {string.Join(" | ", b)}");
        }
        // The index patched from is unchanged (readers may still hold it).
        Assert.Equal(cards[3].Name, before.ById(4)!.Name);
        Assert.DoesNotContain(before.Search("Zephyrine Made-up Textiles"), h => h.Kind == MatchKind.Exact);
    }
}
