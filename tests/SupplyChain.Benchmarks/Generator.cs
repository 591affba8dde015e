using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SupplyChain.Data;
using SupplyChain.Domain;
using SupplyChain.Import;
using SupplyChain.Resolution;

namespace SupplyChain.Benchmarks;

public sealed record GeneratedStats(int Brands, int SyntheticBrands, int Aliases, int Companies, int Facilities, int Claims, string ContentSha256,
    double SeedSeconds, double WriteSeconds, double TotalSeconds);

/// <summary>
/// Scales the bundled data to N brands: imports the real seed into a freshly migrated SQLite database, then writes
/// synthetic brands, aliases, owner companies, facilities, programmes and claims in one transaction with prepared
/// commands. Everything synthetic cites one source whose title says it is SYNTHETIC. Same seed → same rows.
/// </summary>
public static class Generator
{
    public const int Version = 1;
    public const ulong Seed = 20261125;
    public const string SourceTitle = "SYNTHETIC benchmark data, not evidence";

    public static string PathFor(Options o, int brands) => Path.Combine(o.DataDir, $"brands-{brands}-g{Version}.db");

    public static SupplyChainDbFactory Factory(string path) =>
        new(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={path}"));

    /// <summary>The database for N brands: reused when a previous run finished it, generated otherwise.</summary>
    public static async Task<(string Path, GeneratedStats Stats)> EnsureAsync(Options o, int brands, bool fresh = false)
    {
        var path = PathFor(o, brands);
        var done = path + ".stats.json";
        if (!fresh && File.Exists(path) && File.Exists(done))
            return (path, JsonSerializer.Deserialize<GeneratedStats>(File.ReadAllText(done))!);
        var stats = await GenerateAsync(path, brands);
        File.WriteAllText(done, JsonSerializer.Serialize(stats));
        return (path, stats);
    }

    /// <summary>
    /// The database for N brands on the engine `--engine` names (sqlite, the default, or postgres): reused when a
    /// previous run finished it. PostgreSQL data lives in a cluster under the data folder (`DIR/pgdata`), one database
    /// per size, written by the same generator through binary COPY (same synthetic rows; ids follow the seed import's, so the
    /// content hash differs from SQLite's).
    /// </summary>
    public static async Task<(BenchDb Db, GeneratedStats Stats)> EnsureDbAsync(Options o, int brands, bool fresh = false)
    {
        if (o.Str("engine", "sqlite") != "postgres")
        {
            var (path, stats) = await EnsureAsync(o, brands, fresh);
            return (new BenchDb(DatabaseProvider.Sqlite, $"Data Source={path}", path), stats);
        }
        Directory.CreateDirectory(o.DataDir);
        var pg = await BenchPostgres.StartAsync(Path.Combine(o.DataDir, "pgdata"));
        var name = $"brands_{brands}_g{Version}";
        var db = new BenchDb(DatabaseProvider.Postgres, pg.Cs(name), $"PostgreSQL database {name} in {pg.Dir}");
        var done = Path.Combine(o.DataDir, $"brands-{brands}-g{Version}.postgres.stats.json");
        if (!fresh && File.Exists(done)) return (db, JsonSerializer.Deserialize<GeneratedStats>(File.ReadAllText(done))!);
        NpgsqlConnection.ClearAllPools();
        await pg.SqlAsync("postgres", $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        await pg.SqlAsync("postgres", $"CREATE DATABASE {name}");
        var generated = await GenerateAsync(db.Factory(), brands, postgres: true);
        File.WriteAllText(done, JsonSerializer.Serialize(generated));
        return (db, generated);
    }

    public static void DeleteDb(string path)
    {
        foreach (var p in new[] { path, path + "-wal", path + "-shm", path + "-journal", path + ".stats.json" })
            if (File.Exists(p)) File.Delete(p);
    }

    /// <summary>
    /// Rows into one table: a prepared INSERT per row on SQLite; on PostgreSQL buffered and written by binary COPY.
    /// One connection runs one COPY at a time, so a flush writes every open inserter's buffer in creation order
    /// (brands before their aliases) and completes before the next starts.
    /// </summary>
    sealed class Inserter : IDisposable
    {
        readonly DbCommand? cmd;
        readonly DbParameter[] ps = [];
        readonly IncrementalHash hash;
        readonly NpgsqlConnection? pg;
        readonly string copy = "";
        readonly List<object?[]> buffer = new();
        readonly List<Inserter> open;
        public int Rows { get; private set; }

        public Inserter(DbConnection conn, DbTransaction tx, IncrementalHash hash, List<Inserter> open, string table, params string[] columns)
        {
            this.hash = hash;
            this.open = open;
            if (conn is NpgsqlConnection npgsql)
            {
                pg = npgsql;
                copy = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
                open.Add(this);
                hash.AppendData(Encoding.UTF8.GetBytes(table + "\u001e"));
                return;
            }
            cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
            ps = columns.Select((_, i) => { var p = cmd.CreateParameter(); p.ParameterName = $"@p{i}"; cmd.Parameters.Add(p); return p; }).ToArray();
            cmd.Prepare();
            hash.AppendData(Encoding.UTF8.GetBytes(table + "\u001e"));
        }

        public void Add(params object?[] values)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < ps.Length; i++)
            {
                ps[i].Value = values[i] ?? DBNull.Value;
                sb.Append(Convert.ToString(values[i], CultureInfo.InvariantCulture)).Append('\u001f');
            }
            hash.AppendData(Encoding.UTF8.GetBytes(sb.Append('\u001e').ToString()));
            Rows++;
            if (pg is null) { cmd!.ExecuteNonQuery(); return; }
            buffer.Add(values);
            if (buffer.Count >= 50_000) FlushAll();
        }

        void FlushAll() { foreach (var i in open) i.Flush(); }

        void Flush()
        {
            if (buffer.Count == 0) return;
            using (var w = pg!.BeginBinaryImport(copy))
            {
                foreach (var row in buffer)
                {
                    w.StartRow();
                    foreach (var v in row)
                        switch (v)
                        {
                            case null: w.WriteNull(); break;
                            case long l: w.Write(l, NpgsqlDbType.Bigint); break;
                            case int n: w.Write(n, NpgsqlDbType.Integer); break;
                            case DateTime d: w.Write(d, NpgsqlDbType.TimestampTz); break;
                            case string s: w.Write(s, NpgsqlDbType.Text); break;
                            default: throw new InvalidOperationException($"no COPY type for {v.GetType()}");
                        }
                }
                w.Complete();
            }
            buffer.Clear();
        }

        public void Dispose()
        {
            if (pg is not null) { FlushAll(); open.Remove(this); }
            cmd?.Dispose();
        }
    }

    static readonly string[] Countries = ["CN", "CN", "CN", "VN", "BD", "IN", "KH", "ID", "TR", "PK", "LK", "MM", "TH", "MX"];
    static readonly string[] Sectors = ["apparel", "footwear", "electronics", "automotive", "home", "sports", "bags", "beauty", "toys", "mobile_phone"];

    public static Task<GeneratedStats> GenerateAsync(string path, int brands)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        DeleteDb(path);
        return GenerateAsync(Factory(path), brands, postgres: false);
    }

    static async Task<GeneratedStats> GenerateAsync(SupplyChainDbFactory factory, int brands, bool postgres)
    {
        var total = Stopwatch.StartNew();
        await factory.MigrateAsync();
        var seedReport = await new ImportRunner(factory).ImportAsync(Repo.Seed, new ImportOptions { Actor = "bench-seed" });
        if (!seedReport.Succeeded) throw new InvalidOperationException("seed import failed:\n" + seedReport.Summary());
        var seedSeconds = total.Elapsed.TotalSeconds;
        var write = Stopwatch.StartNew();

        await using var db = factory.Create();
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        var realBrands = await db.Brands.CountAsync();
        var realKeys = await db.Brands.Select(b => b.NameKey).ToListAsync();
        var realSlugs = await db.Brands.Select(b => b.Slug).ToListAsync();
        var realAliasKeys = await db.BrandAliases.Select(a => a.NameKey).ToListAsync();
        var realCompanyKeys = await db.Companies.Select(c => c.NameKey).ToListAsync();
        var realFacilityKeys = await db.Facilities.Select(f => f.NameKey).ToListAsync();
        long Max(string table)
        {
            using var c = conn.CreateCommand();
            c.CommandText = $"SELECT COALESCE(MAX(\"Id\"), 0) FROM \"{table}\"";
            return Convert.ToInt64(c.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        long nextBatch = Max("ImportBatches") + 1, nextSource = Max("Sources") + 1, nextProgramme = Max("Programmes") + 1,
            nextCompany = Max("Companies") + 1, nextFacility = Max("Facilities") + 1, nextBrand = Max("Brands") + 1,
            nextAlias = Max("BrandAliases") + 1, nextClaim = Max("Claims") + 1;
        if (!postgres) using (var pragma = conn.CreateCommand()) { pragma.CommandText = "PRAGMA synchronous=OFF"; pragma.ExecuteNonQuery(); }
        var open = new List<Inserter>(); // PostgreSQL: the inserters whose buffers a COPY flush writes, in order

        var synthetic = Math.Max(0, brands - realBrands);
        var rng = new Rng(Seed);
        var forge = NameForge.FromDatasets(new Rng(Seed ^ 0xB2A4D));
        forge.Reserve(realKeys.Concat(realAliasKeys).Concat(realCompanyKeys).Concat(realFacilityKeys));
        var slugs = new HashSet<string>(realSlugs, StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        await using var tx = await conn.BeginTransactionAsync();
        var batchId = nextBatch;
        using (var b = new Inserter(conn, tx, hash, open, "ImportBatches", "Id", "FileName", "Sha256", "Format", "StartedAt", "FinishedAt", "ImportedBy",
                   "RowsRead", "ClaimsAdded", "ClaimsRetracted", "EntitiesCreated", "EntitiesMatched", "CandidatesQueued"))
            b.Add(batchId, $"SYNTHETIC-benchmark-generator-v{Version}-{brands}", $"synthetic-g{Version}-{brands}", "synthetic", at, at,
                "benchmark-generator", 0, 0, 0, 0, 0, 0);
        var sourceId = nextSource;
        using (var s = new Inserter(conn, tx, hash, open, "Sources", "Id", "Title", "TitleKey", "Publisher", "Published", "Version", "Kind", "ImportBatchId"))
        {
            var title = $"{SourceTitle} (generator v{Version}, seed {Seed}, {brands} brands)";
            s.Add(sourceId, title, NameNormalizer.Fold(title), "SupplyChain benchmark generator (SYNTHETIC)", "2026", $"g{Version}", nameof(SourceKind.Dataset), batchId);
        }

        // Programmes and lists (synthetic names; the real ones from the seed are left alone).
        var programmes = new List<long>();
        var lists = new List<long>();
        using (var p = new Inserter(conn, tx, hash, open, "Programmes", "Id", "Name", "NameKey", "Kind", "Description", "ImportBatchId"))
        {
            for (var i = 1; i <= 6; i++)
            {
                var isList = i > 4;
                var name = isList ? $"SYNTHETIC government list {i - 4}" : $"SYNTHETIC labour transfer programme {i}";
                var id = nextProgramme++;
                p.Add(id, name, NameNormalizer.Key(name), isList ? nameof(ProgrammeKind.GovernmentList) : nameof(ProgrammeKind.LabourTransfer), "SYNTHETIC benchmark data, not evidence", batchId);
                (isList ? lists : programmes).Add(id);
            }
        }

        using var claimIns = new Inserter(conn, tx, hash, open, "Claims", "Id", "SubjectKind", "SubjectId", "SubjectAsPublished", "Predicate", "ObjectKind", "ObjectId",
            "ObjectAsPublished", "SourceId", "Locator", "Summary", "EvidenceType", "Confidence", "PeriodFrom", "Status", "ExternalId", "Fingerprint", "ImportBatchId");
        void Claim(EntityKind sk, long sid, string sname, Predicate pred, EntityKind ok, long oid, string oname, Confidence conf, string? from = null)
        {
            var id = nextClaim++;
            var ext = $"SYN-{id}";
            var locator = $"synthetic row {id}";
            var fp = SupplyChain.Domain.Fingerprints.Of(sk, sid, pred, ok, oid, sourceId, null, locator, ext);
            claimIns.Add(id, sk.ToString(), sid, sname, pred.ToString(), ok.ToString(), oid, oname, sourceId, locator,
                "SYNTHETIC benchmark claim; not evidence.", nameof(EvidenceType.Other), conf.ToString(), from, nameof(ClaimStatus.Active), ext, fp, batchId);
        }
        Confidence Conf() => rng.NextDouble() switch { < 0.5 => Confidence.High, < 0.8 => Confidence.Medium, _ => Confidence.Low };

        // Companies (owners), some of them listed.
        var companies = new List<(long Id, string Name)>();
        using (var c = new Inserter(conn, tx, hash, open, "Companies", "Id", "Name", "NameKey", "CountryCode", "ImportBatchId"))
            for (var i = 0; i < Math.Max(1, synthetic / 8); i++)
            {
                var name = forge.Next("company");
                var id = nextCompany++;
                c.Add(id, name, NameNormalizer.Key(name), rng.Pick(Countries), batchId);
                companies.Add((id, name));
            }
        foreach (var (id, name) in companies)
            if (rng.Chance(0.02)) Claim(EntityKind.Company, id, name, Predicate.ListedOn, EntityKind.Programme, rng.Pick(lists), "SYNTHETIC government list", Conf());

        // Facilities; some received transferred workers, some are listed, some are owned by a (listed?) company.
        var facilities = new List<(long Id, string Name)>();
        using (var f = new Inserter(conn, tx, hash, open, "Facilities", "Id", "Name", "NameKey", "CountryCode", "City", "ImportBatchId"))
            for (var i = 0; i < Math.Max(1, synthetic / 4); i++)
            {
                var name = forge.Next("facility");
                var id = nextFacility++;
                f.Add(id, name, NameNormalizer.Key(name), rng.Pick(Countries), "Synthetic City", batchId);
                facilities.Add((id, name));
            }
        foreach (var (id, name) in facilities)
        {
            var r = rng.NextDouble();
            if (r < 0.06) Claim(EntityKind.Facility, id, name, Predicate.ReceivedTransferredWorkers, EntityKind.Programme, rng.Pick(programmes), "SYNTHETIC labour transfer programme", Conf(), "2019");
            else if (r < 0.08) Claim(EntityKind.Facility, id, name, Predicate.ListedOn, EntityKind.Programme, rng.Pick(lists), "SYNTHETIC government list", Conf());
            else if (r < 0.13) { var co = rng.Pick(companies); Claim(EntityKind.Facility, id, name, Predicate.OwnedBy, EntityKind.Company, co.Id, co.Name, Conf()); }
        }

        // Brands with owners, aliases, NAMED_IN, SOURCES_FROM and a few ENDED_RELATIONSHIP.
        var aliasCount = 0;
        using (var bi = new Inserter(conn, tx, hash, open, "Brands", "Id", "Name", "NameKey", "Slug", "Sectors", "ImportBatchId"))
        using (var ai = new Inserter(conn, tx, hash, open, "BrandAliases", "Id", "BrandId", "Name", "NameKey", "Language", "Script", "Kind", "ImportBatchId"))
            for (var i = 0; i < synthetic; i++)
            {
                var name = forge.Next();
                var id = nextBrand++;
                var slug = NameNormalizer.Slug(NameNormalizer.WithoutParentheses(name));
                var unique = slug;
                for (var n = 2; !slugs.Add(unique); n++) unique = $"{slug}-{n}";
                (long Id, string Name)? owner = rng.Chance(0.35) ? rng.Pick(companies) : null;
                var sectors = string.Join(';', new[] { rng.Pick(Sectors), rng.Pick(Sectors) }.Distinct().Order(StringComparer.Ordinal));
                bi.Add(id, name, NameNormalizer.Key(name), unique, sectors, batchId); // owners are the OWNED_BY claims below
                var aliases = rng.NextDouble() switch { < 0.03 => 2, < 0.20 => 1, _ => 0 };
                for (var a = 0; a < aliases; a++)
                {
                    var alias = forge.Next();
                    ai.Add(nextAlias++, id, alias, NameNormalizer.Key(alias), null, "Latn", rng.Chance(0.5) ? "alternate" : "store-brand", batchId);
                    aliasCount++;
                }
                if (owner is { } o) Claim(EntityKind.Brand, id, name, Predicate.OwnedBy, EntityKind.Company, o.Id, o.Name, Confidence.High);
                if (rng.Chance(0.30)) Claim(EntityKind.Brand, id, name, Predicate.NamedIn, EntityKind.Source, sourceId, SourceTitle, Conf());
                if (rng.Chance(0.45))
                {
                    var suppliers = 1 + rng.Next(3);
                    var firstFacility = (Id: 0L, Name: "");
                    for (var s = 0; s < suppliers; s++)
                    {
                        var fac = rng.Pick(facilities);
                        if (s == 0) firstFacility = fac;
                        Claim(EntityKind.Brand, id, name, Predicate.SourcesFrom, EntityKind.Facility, fac.Id, fac.Name, Conf(), "2018");
                    }
                    if (rng.Chance(0.05))
                        Claim(EntityKind.Brand, id, name, Predicate.EndedRelationship, EntityKind.Facility, firstFacility.Id, firstFacility.Name, Confidence.Medium, "2021");
                }
            }
        claimIns.Dispose(); // flushes what PostgreSQL still buffers
        await tx.CommitAsync();
        var writeSeconds = write.Elapsed.TotalSeconds;
        await using (var db2 = factory.Create())
        {
            if (!postgres) await db2.Database.ExecuteSqlRawAsync("PRAGMA optimize;");
            else
            {
                // Ids were written explicitly: move each identity sequence past them, so later imports do not collide.
                foreach (var t in new[] { "ImportBatches", "Sources", "Programmes", "Companies", "Facilities", "Brands", "BrandAliases", "Claims" })
                {
                    var setval = $"SELECT setval(pg_get_serial_sequence('\"{t}\"', 'Id'), (SELECT MAX(\"Id\") FROM \"{t}\"))"; // fixed table names
                    await db2.Database.ExecuteSqlRawAsync(setval);
                }
                await db2.Database.ExecuteSqlRawAsync("ANALYZE");
            }
        }

        var stats = new GeneratedStats(realBrands + synthetic, synthetic, aliasCount, companies.Count, facilities.Count, claimIns.Rows,
            Convert.ToHexStringLower(hash.GetHashAndReset()), seedSeconds, writeSeconds, total.Elapsed.TotalSeconds);
        return stats;
    }
}
