using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;
using SupplyChain.Import.Readers;
using SupplyChain.Resolution;

namespace SupplyChain.Import;

/// <summary>
/// Reads a manifest's files, maps and checks every row first (reporting every error at once), then writes all of it
/// in one transaction: a failure anywhere leaves the database as it was. Re-importing a file with the same SHA-256
/// changes nothing; a changed file of the same source becomes a new source version.
/// </summary>
public sealed class ImportRunner(SupplyChainDbFactory factory)
{
    /// <summary>New entities, claims and match candidates through the engine's bulk path (the default); false writes
    /// them through EF change tracking, the path the bulk one is checked against in tests.</summary>
    internal bool BulkWrites { get; init; } = true;

    /// <summary>
    /// Rows resolved and written at a time (tests make it small, so chunk boundaries occur in small files). Each chunk
    /// is a few statements and COPYs the writer waits on while the server works: 4,000 against 1,000, side by side on
    /// the 60k-row list, three rounds each: PostgreSQL 3.37/3.22/3.65 → 2.86/2.82/3.17 s, SQLite 2.15/2.10/2.32 →
    /// 2.02/1.93/2.25 s.
    /// </summary>
    internal int ChunkSize { get; init; } = 4000;

    /// <summary>Resolve the next chunk on another core while this one is written (the default); false: in turn.</summary>
    internal bool RunAhead { get; init; } = true;

    /// <summary>Raised after a successful write, so search indexes can rebuild.</summary>
    public event Action? DataChanged;

    /// <summary>A manifest, a seed list ({"manifests": [...]}), or a data file named by a manifest beside it.</summary>
    public async Task<ImportReport> ImportAsync(string path, ImportOptions? options = null, CancellationToken ct = default)
    {
        options ??= new ImportOptions();
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new ImportException($"{path}: no such file");
        if (full.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && IsSeedList(full, out var manifests))
        {
            var all = new ImportReport { DryRun = options.DryRun };
            var sw = Stopwatch.StartNew();
            var seedDir = Path.GetDirectoryName(full)!;
            foreach (var m in manifests)
            {
                ImportReport r;
                try
                {
                    var (dir, name) = ManifestFiles.Entry(full, seedDir, m); // seed entries stay inside the seed's folder too
                    r = await ImportManifestAsync(Manifest.Load(ManifestFiles.Confined(full, seedDir, Path.Combine(dir, name), m)), options, ct);
                }
                catch (ImportException e) when (all.KeptManifests.Count > 0)
                {
                    // Reported rather than thrown, so the summary can still say which earlier manifests were kept.
                    r = new ImportReport { DryRun = options.DryRun };
                    r.Errors.Add(new ImportError(m, null, null, e.Message));
                }
                all.Files.AddRange(r.Files);
                all.Errors.AddRange(r.Errors);
                if (!r.Succeeded) { all.FailedManifest = m; break; }
                // Each manifest is its own transaction: say exactly which ones a later failure leaves written.
                if (!options.DryRun && r.Files.Any(f => !f.AlreadyImported)) all.KeptManifests.Add(m);
            }
            all.Elapsed = sw.Elapsed;
            return all;
        }
        var manifest = full.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && LooksLikeManifest(full)
            ? Manifest.Load(full) : FindManifestFor(full);
        return await ImportManifestAsync(manifest, options, ct, onlyFile: manifest.Path == full ? null : full);
    }

    static bool IsSeedList(string path, out List<string> manifests)
    {
        manifests = [];
        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("manifests", out var list)) return false;
        manifests = list.EnumerateArray().Select(e => e.GetString()!).ToList();
        return true;
    }

    static bool LooksLikeManifest(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("format", out _);
        }
        catch (JsonException) { return false; }
    }

    static Manifest FindManifestFor(string dataFile)
    {
        var dir = Path.GetDirectoryName(dataFile)!;
        foreach (var candidate in Directory.GetFiles(dir, "*.json").Order())
        {
            if (!LooksLikeManifest(candidate)) continue;
            var m = Manifest.Load(candidate);
            if (m.ResolveFiles().Any(f => Path.GetFullPath(f) == dataFile)) return m;
        }
        throw new ImportException($"{dataFile}: no manifest in {dir} names this file; write one (see schema/manifest.schema.json)");
    }

    public async Task<ImportReport> ImportManifestAsync(Manifest manifest, ImportOptions options, CancellationToken ct = default, string? onlyFile = null)
    {
        var report = new ImportReport { DryRun = options.DryRun };
        var sw = Stopwatch.StartNew();
        var manifestSha = Sha256Hex(File.ReadAllBytes(manifest.Path));
        var files = manifest.ResolveFiles().Where(f => onlyFile is null || Path.GetFullPath(f) == onlyFile).ToList();

        // Pass 1: read and map every row of every file, collecting every error. Nothing touches the database.
        var work = new List<(string File, string Sha, List<RowDraft> Rows, int Skipped)>();
        await using (var db = factory.Create())
        {
            foreach (var file in files)
            {
                var size = new FileInfo(file).Length;
                if (size > manifest.Limits.MaxFileBytes)
                {
                    report.Errors.Add(new ImportError(Path.GetFileName(file), null, null, $"file is {size} bytes; the limit is {manifest.Limits.MaxFileBytes}"));
                    continue;
                }
                var sha = Sha256Hex(ManifestFiles.ReadAllBytes(file, manifest.Limits.MaxFileBytes)); // capped while reading: the size above may lie
                var done = await db.ImportBatches.Where(b => b.Sha256 == sha && b.Manifest == manifestSha && b.FinishedAt != null)
                    .OrderBy(b => b.Id).FirstOrDefaultAsync(ct);
                if (done is not null)
                {
                    report.Files.Add(new FileReport { File = file, Sha256 = sha, AlreadyImported = true, BatchId = done.Id, SourceId = done.SourceId });
                    continue;
                }
                List<RowDraft> rows; int skipped;
                using (ImportProfile.Time("read+map"))
                using (MappingBurst.Begin(size))
                    (rows, skipped) = ReadAndMap(manifest, file, report.Errors);
                work.Add((file, sha, rows, skipped));
            }
        }
        if (!report.Succeeded) { report.Elapsed = sw.Elapsed; return report; }
        if (work.Count == 0) { report.Elapsed = sw.Elapsed; return report; }

        // Pass 2: one transaction for the whole manifest. A database failure (connection lost, disk full) rolls it back.
        try
        {
            await WriteAsync(manifest, options, work, manifestSha, report, ct);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or DbUpdateException or InvalidOperationException or IOException && !ct.IsCancellationRequested)
        {
            report.Files.Clear();
            report.Errors.Add(new ImportError(Path.GetFileName(manifest.Path), null, null,
                $"the database failed during the import ({Innermost(e).Message.Trim()}); the transaction was rolled back"));
        }
        report.Elapsed = sw.Elapsed;
        ImportProfile.Print($"{Path.GetFileName(manifest.Path)} in {sw.Elapsed.TotalMilliseconds:0} ms");
        if (report.Succeeded && !options.DryRun) DataChanged?.Invoke();
        return report;
    }

    static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);

    async Task WriteAsync(Manifest manifest, ImportOptions options, List<(string File, string Sha, List<RowDraft> Rows, int Skipped)> work,
        string manifestSha, ImportReport report, CancellationToken ct)
    {
        await using (var db = factory.Create())
        {
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.TrackAll;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await using var pageCache = await SqlitePageCache.EnlargeAsync(db, ct);
                ImportWriter writer;
                using (ImportProfile.Time("load catalog"))
                    writer = await ImportWriter.CreateAsync(db, manifest, options, BulkWrites, ChunkSize, RunAhead, ct);
                var total = work.Sum(w => w.Rows.Count);
                var done = 0;
                foreach (var (file, sha, rows, skipped) in work)
                {
                    var fr = new FileReport { File = file, Sha256 = sha, RowsSkipped = skipped };
                    report.Files.Add(fr);
                    try
                    {
                        await writer.WriteFileAsync(file, sha, manifestSha, rows, fr, n => options.Progress?.Invoke(done + n, total), ct);
                    }
                    catch (RowException e)
                    {
                        report.Errors.Add(new ImportError(Path.GetFileName(file), null, null, e.Message));
                    }
                    done += rows.Count;
                }
                if (!report.Succeeded || options.DryRun) { await tx.RollbackAsync(ct); return; }
                await Live.DataVersion.BumpAsync(db, ct); // every process serving this database sees the change
                using (ImportProfile.Time("commit"))
                    await tx.CommitAsync(ct);
            });
        }
    }

    /// <summary>Parse and map only: what the import benchmark calls "parse-only".</summary>
    public static (List<RowDraft> Rows, int Skipped) ReadAndMap(Manifest manifest, string file, List<ImportError> errors)
    {
        var mapper = new RowMapper(manifest);
        var rows = new List<RowDraft>();
        var skipped = 0;
        var name = Path.GetFileName(file);
        IEnumerable<SourceRow> source = manifest.Format switch
        {
            "csv" => CsvRows.Read(file, manifest, errors),
            "xlsx" or "xls" => SheetRows.Read(file, manifest, errors),
            "ods" => OdsRows.Read(file, manifest, errors),
            "html-tables" => HtmlRows.ReadTables(file, manifest, errors),
            "html-prose" => HtmlRows.ReadParagraphs(file, manifest, errors),
            "list" => ListRows.Read(file, manifest, errors),
            "json" => JsonRows.Read(file, manifest, errors),
            "xml" => XmlRows.Read(file, manifest, errors),
            "pdf" => manifest.IsProse ? PdfRows.ReadParagraphs(file, manifest, errors) : PdfRows.ReadTable(file, manifest, errors),
            _ => throw new ImportException($"format '{manifest.Format}' has no reader"),
        };
        using var reading = source.GetEnumerator();
        if (!reading.MoveNext()) return (rows, skipped);
        // A column the manifest names but the header lacks is one error, not one per row.
        var missing = ColumnsNamed(manifest).Where(c => !reading.Current.HasColumn(c)).Distinct().ToList();
        if (missing.Count > 0 && manifest.Format is not ("json" or "xml"))
        {
            errors.Add(new ImportError(name, null, null, $"the header lacks column(s) the manifest names: {string.Join(", ", missing.Select(m => $"'{m}'"))}"));
            return (rows, skipped);
        }
        if (manifest.IsProse)
        {
            do rows.Add(new RowDraft { Row = reading.Current }); while (reading.MoveNext());
            return (rows, skipped);
        }

        // Rows are read in blocks, each block mapped on every core, then taken in row order: the same drafts, skips and
        // errors, in the same order, as mapping one row after another. The reader's own errors (a field too long) are
        // kept with the row they came before, so they still interleave with the mapping errors as they did; the ones a
        // row-by-row run would never have read (past the error cap) are dropped with their rows.
        var block = new List<(SourceRow Row, List<ImportError>? ReaderErrors)>(MapBlockRows);
        var mapped = new (RowDraft? Draft, System.Runtime.ExceptionServices.ExceptionDispatchInfo? Failure)[MapBlockRows];
        var more = true;
        var first = true;
        while (more)
        {
            block.Clear();
            var before = errors.Count;
            // What the reader reported since the block began (while moving to its next row), taken out to be put back in row order.
            List<ImportError>? TakeReaderErrors()
            {
                if (errors.Count <= before) return null;
                var taken = errors.GetRange(before, errors.Count - before);
                errors.RemoveRange(before, errors.Count - before);
                return taken;
            }
            while (block.Count < MapBlockRows && (first || (more = reading.MoveNext())))
            {
                first = false;
                block.Add((reading.Current, TakeReaderErrors()));
            }
            // What the reader said after its last row (a malformed last record) comes after that row's mapping.
            var trailing = TakeReaderErrors();
            if (block.Count > 0)
                System.Threading.Tasks.Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, block.Count, 64), range =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    try { mapped[i] = (mapper.Map(block[i].Row), null); }
                    catch (Exception e) { mapped[i] = (null, System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e)); }
                }
            });
            for (var i = 0; i < block.Count; i++)
            {
                var (row, readerErrors) = block[i];
                if (readerErrors is not null) errors.AddRange(readerErrors);
                var (draft, failure) = mapped[i];
                mapped[i] = default;
                if (failure is null)
                {
                    if (draft is null) skipped++;
                    else rows.Add(draft);
                    continue;
                }
                if (failure.SourceException is not RowException e) { failure.Throw(); continue; }
                var col = e.ColumnName is null ? (int?)null : row.IndexOf(e.ColumnName) is var c and >= 0 ? c + 1 : null;
                errors.Add(new ImportError(name, row.Line, col, e.Message));
                if (errors.Count > 10_000) return (rows, skipped);
            }
            if (trailing is not null) errors.AddRange(trailing);
        }
        return (rows, skipped);
    }

    /// <summary>Rows read before a block is mapped in parallel.</summary>
    const int MapBlockRows = 4096;

    /// <summary>
    /// Every row column the manifest reads: the columns of all value expressions reachable from it, found by walking
    /// the manifest's own classes (so a field added to them is never left out of the header check), and the filters'.
    /// </summary>
    internal static IEnumerable<string> ColumnsNamed(Manifest m) =>
        ValueExprsIn(m).SelectMany(Flatten).Select(e => e.Column).Concat(m.Where.Select(w => w.Column))
            .OfType<string>().Where(c => !c.StartsWith('$'));

    static IEnumerable<ValueExpr> Flatten(ValueExpr e) => e.First is { } list ? list.SelectMany(Flatten) : [e];

    static IEnumerable<ValueExpr> ValueExprsIn(object? node) => node switch
    {
        null or string => [],
        ValueExpr e => [e],
        System.Collections.IDictionary d => d.Values.Cast<object?>().SelectMany(ValueExprsIn),
        System.Collections.IEnumerable items => items.Cast<object?>().SelectMany(ValueExprsIn),
        _ when node.GetType().Namespace == typeof(Manifest).Namespace => node.GetType()
            .GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.CanWrite) // settings, not computed views
            .SelectMany(p => ValueExprsIn(p.GetValue(node))),
        _ => [],
    };

    public static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
