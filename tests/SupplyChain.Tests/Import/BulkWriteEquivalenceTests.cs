using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;
using SupplyChain.Import;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Import;

/// <summary>
/// Issue 14: the fast path (bulk writes: COPY / prepared INSERT, no change tracking; the next chunk resolved on another
/// core while this one is written) must match, queue and retract exactly what the reference path does (EF change
/// tracking, resolving and writing in turn) on the same chunk size: 4,000 rows (the default) and 40, so that chunk
/// boundaries fall all through the small bundled files. (Where a chunk ends changes one thing on both paths alike: a
/// response is linked to what it is about by the names resolved up to the end of its chunk.) Both import the bundled
/// seed, then the Open Supply Hub fixture lists, then a second version of one of those lists with rows removed (so
/// claims are retracted) into two fresh databases; every entity, claim, response, review-queue candidate and report
/// count is compared.
/// </summary>
public abstract class BulkWriteEquivalenceTests(Engine engine)
{
    [SkippableTheory]
    [InlineData(4000)]
    [InlineData(40)]
    public async Task Bulk_writes_match_queue_and_retract_exactly_what_change_tracking_does(int chunkSize)
    {
        TestDatabase.SkipUnlessAvailable(engine);
        // The Open Supply Hub lists in a temp folder, so a second version of one file can be written beside the manifest.
        var dir = Directory.CreateTempSubdirectory("sc-osh-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "list_files"));
        File.Copy(Repo.Path("datasets", "open-supply-hub-lists", "manifest.json"), Path.Combine(dir, "manifest.json"));
        foreach (var f in Directory.GetFiles(Repo.Path("datasets", "open-supply-hub-lists", "list_files"), "*.csv"))
            File.Copy(f, Path.Combine(dir, "list_files", Path.GetFileName(f)));
        var manifest = Path.Combine(dir, "manifest.json");

        var outcomes = new List<(List<string> Reports, Snapshot Data)>();
        foreach (var bulk in new[] { false, true })
        {
            // Every run starts from the published files.
            foreach (var f in Directory.GetFiles(Repo.Path("datasets", "open-supply-hub-lists", "list_files"), "*.csv"))
                File.Copy(f, Path.Combine(dir, "list_files", Path.GetFileName(f)), overwrite: true);
            var factory = await TestDatabase.CreateMigratedAsync(engine, bulk ? "bulk" : "ef");
            var runner = new ImportRunner(factory) { BulkWrites = bulk, RunAhead = bulk, ChunkSize = chunkSize };
            var reports = new List<string>();
            async Task Import(string path)
            {
                var r = await runner.ImportAsync(path, new ImportOptions { Actor = "equivalence-test" });
                Assert.True(r.Succeeded, r.Summary());
                reports.AddRange(r.Files.Select(f => $"{Path.GetFileName(f.File)}: read {f.RowsRead} skipped {f.RowsSkipped} created {f.EntitiesCreated} matched {f.EntitiesMatched} " +
                    $"queued {f.CandidatesQueued} added {f.ClaimsAdded} proposed {f.ClaimsProposed} unchanged {f.ClaimsUnchanged} retracted {f.ClaimsRetracted} " +
                    $"responses {f.ResponsesAdded} aliases {f.AliasesAdded} already {f.AlreadyImported} | {string.Join("; ", f.Created)} | {string.Join("; ", f.Queued)}"));
            }
            await Import(Repo.Seed);
            await Import(manifest);
            // A second version of the largest list: two thirds of its rows kept, the rest retracted.
            var list = Path.Combine(dir, "list_files", "Winter 2019 Compliance List V2.csv");
            var lines = File.ReadAllLines(list);
            File.WriteAllLines(list, lines.Where((_, i) => i == 0 || i % 3 != 0));
            await Import(manifest);
            outcomes.Add((reports, await SnapshotAsync(factory)));
            if (bulk && engine == Engine.Postgres)
            {
                // Ids are taken in blocks that double from what the first chunk needs: what a file's import leaves
                // unused is at most what it used, so the sequences stay within twice the rows.
                await using var db = factory.Create();
                foreach (var table in new[] { "Facilities", "Claims", "MatchCandidates" })
                {
                    string countSql = "SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\"", sequenceSql = "SELECT last_value AS \"Value\" FROM \"" + table + "_Id_seq\"";
                    var rows = await db.Database.SqlQueryRaw<long>(countSql).SingleAsync();
                    var taken = await db.Database.SqlQueryRaw<long>(sequenceSql).SingleAsync();
                    Assert.True(rows > 0 && taken <= 2 * rows, $"{table}: {rows} rows, sequence at {taken}");
                }
            }
        }

        var (efReports, ef) = outcomes[0];
        var (bulkReports, fast) = outcomes[1];
        Assert.Equal(efReports, bulkReports);
        Assert.Contains(efReports, r => r.Contains("Winter 2019 Compliance List V2.csv") && !r.Contains("retracted 0 "));
        Assert.True(ef.Claims.Count > 2000 && ef.Candidates.Count > 0, $"{ef.Claims.Count} claims, {ef.Candidates.Count} candidates");
        Same(ef.Entities, fast.Entities);
        Same(ef.Claims, fast.Claims);
        Same(ef.Candidates, fast.Candidates);
        Assert.True(ef.Responses.Count > 0);
        Same(ef.Responses, fast.Responses);
    }

    /// <summary>Equal lists; on a difference, the first differing pair in full (the collection message cuts lines short).</summary>
    static void Same(List<string> expected, List<string> actual)
    {
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++) Assert.Equal(expected[i], actual[i]);
        Assert.Equal(expected.Count, actual.Count);
    }

    sealed record Snapshot(List<string> Entities, List<string> Claims, List<string> Candidates, List<string> Responses);

    /// <summary>
    /// Everything an import decides, by name rather than id. Ids are compared too, as ranks in their table for what the
    /// bulk path writes (facilities, companies, programmes, claims, candidates): it takes PostgreSQL ids in blocks, so
    /// they may leave gaps where change tracking's do not, but both take them in the same order. Fingerprints are left
    /// out for the same reason: they hash the ids of both ends (what they hash is compared field by field here).
    /// </summary>
    static async Task<Snapshot> SnapshotAsync(SupplyChainDbFactory factory)
    {
        await using var db = factory.Create();
        var names = new Dictionary<(EntityKind, long), string>();
        var entities = new List<string>();
        foreach (var b in await db.Brands.AsNoTracking().Include(b => b.Aliases).OrderBy(b => b.Id).ToListAsync())
        {
            names[(EntityKind.Brand, b.Id)] = b.Name;
            entities.Add($"brand {b.Id} {b.Name} {b.NameKey} {b.Slug} {b.Sectors} {b.WikidataQid} merged {b.MergedIntoId} aliases {string.Join("|", b.Aliases.OrderBy(a => a.NameKey).Select(a => $"{a.Name}/{a.Kind}/{a.Language}/{a.Script}"))}");
        }
        var rank = 0;
        foreach (var c in await db.Companies.AsNoTracking().OrderBy(c => c.Id).ToListAsync())
        {
            names[(EntityKind.Company, c.Id)] = c.Name;
            entities.Add($"company #{++rank} {c.Name} {c.NameKey} {c.CountryCode} {c.WikidataQid} {c.ImportBatchId}");
        }
        rank = 0;
        foreach (var f in await db.Facilities.AsNoTracking().OrderBy(f => f.Id).ToListAsync())
        {
            names[(EntityKind.Facility, f.Id)] = f.Name;
            entities.Add($"facility #{++rank} {f.Name} {f.NameKey} {f.NativeName} {f.Address} {f.City} {f.Province} {f.PostalCode} {f.CountryCode} {f.Latitude} {f.Longitude} {f.Identifiers} {f.ImportBatchId}");
        }
        rank = 0;
        foreach (var p in await db.Programmes.AsNoTracking().OrderBy(p => p.Id).ToListAsync())
        {
            names[(EntityKind.Programme, p.Id)] = p.Name;
            entities.Add($"programme #{++rank} {p.Name} {p.NameKey} {p.Kind} {p.ImportBatchId}");
        }
        foreach (var s in await db.Sources.AsNoTracking().OrderBy(s => s.Id).ToListAsync())
        {
            names[(EntityKind.Source, s.Id)] = s.Title;
            entities.Add($"source {s.Id} {s.Title} {s.Version} {s.SupersedesId} {s.Sha256} {s.Url} {s.Kind}");
        }
        string N(EntityKind k, long id) => names.GetValueOrDefault((k, id)) ?? $"?{k} {id}";
        var claims = (await db.Claims.AsNoTracking().OrderBy(c => c.Id).ToListAsync())
            .Select((c, i) => $"#{i + 1} {c.SubjectKind} {N(c.SubjectKind, c.SubjectId)} ({c.SubjectAsPublished}) {c.Predicate} {c.ObjectKind} {N(c.ObjectKind, c.ObjectId)} ({c.ObjectAsPublished}) " +
                         $"source {c.SourceId} {c.LocatorPage} {c.Locator} {c.Quote} {c.Summary} {c.EvidenceType} {c.Confidence} {c.PeriodFrom}-{c.PeriodTo} " +
                         $"{c.Status} {c.StatusReason} {c.ExternalId} batch {c.ImportBatchId}").ToList();
        var candidates = (await db.MatchCandidates.AsNoTracking().OrderBy(m => m.Id).ToListAsync())
            .Select((m, i) => $"#{i + 1} {m.EntityKind} {N(m.EntityKind, m.IncomingId)} ~ {N(m.EntityKind, m.ExistingId)} {m.IncomingName} / {m.ExistingName} {m.Score} {m.Rule} {m.Status} batch {m.ImportBatchId}").ToList();
        var subjects = (await db.ResponseSubjects.AsNoTracking().OrderBy(x => x.Id).ToListAsync()).ToLookup(x => x.ResponseId);
        var links = (await db.ResponderLinkCandidates.AsNoTracking().OrderBy(x => x.Id).ToListAsync()).ToLookup(x => x.ResponseId);
        var responses = (await db.Responses.AsNoTracking().OrderBy(r => r.Id).ToListAsync())
            .Select(r => $"{r.Id} {r.ResponderKind} {N(r.ResponderKind, r.ResponderId)} ({r.ResponderAsPublished}) {r.Stance} {r.StatementDate} about {r.AboutAsPublished} source {r.SourceId} {r.Locator} " +
                         $"subjects {string.Join("; ", subjects[r.Id].Select(x => $"{x.Role} {x.EntityKind} {N(x.EntityKind, x.EntityId)} {x.NameAsPublished} {x.Rule}"))} " +
                         $"links {string.Join("; ", links[r.Id].Select(x => $"{N(EntityKind.Brand, x.BrandId)} {x.NameAsPublished} {x.Status}"))}").ToList();
        return new Snapshot(entities, claims, candidates, responses);
    }
}

public sealed class BulkWriteEquivalenceTests_Sqlite() : BulkWriteEquivalenceTests(Engine.Sqlite);
public sealed class BulkWriteEquivalenceTests_Postgres() : BulkWriteEquivalenceTests(Engine.Postgres);
