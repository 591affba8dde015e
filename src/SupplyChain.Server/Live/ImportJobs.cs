using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Import;
using SupplyChain.Live;

namespace SupplyChain.Server.Live;

/// <summary>
/// Imports submitted through GraphQL or /imports. Each job's manifest and files are kept in its own folder with their
/// SHA-256; the job runs on the server that received the files, one at a time per database (a job waits, QUEUED, while
/// another job anywhere is RUNNING), each as one transaction through the ordinary importer. The runner writes a
/// heartbeat into its job; any server fails a RUNNING job whose heartbeat stopped (its server died).
/// </summary>
public sealed class ImportJobs(SupplyChainDbFactory factory, ImportRunner runner, DataRefresh refresh, IConfiguration config, ILogger<ImportJobs> log) : BackgroundService
{
    readonly Channel<long> queue = Channel.CreateUnbounded<long>();
    readonly ConcurrentDictionary<long, (int Done, int Total)> progress = new();

    public static string Root(IConfiguration config) => Path.GetFullPath(config["Imports:Folder"] ?? Path.Combine("data", "imports"));

    /// <summary>How often the runner writes its heartbeat, and after how long without one a RUNNING job counts as orphaned.</summary>
    public TimeSpan Heartbeat => TimeSpan.FromSeconds(Math.Clamp(config.GetValue("Imports:HeartbeatSeconds", 5.0), 0.2, 600));
    public TimeSpan StaleAfter => TimeSpan.FromSeconds(Math.Max(config.GetValue("Imports:StaleAfterSeconds", 60.0), 3 * Heartbeat.TotalSeconds));

    /// <summary>How long a /imports preview waits to be started before its files are dropped.</summary>
    static readonly TimeSpan DraftLifetime = TimeSpan.FromHours(2);

    /// <summary>Which server holds a job's files: machine and jobs folder.</summary>
    string Me => $"{Environment.MachineName}:{Root(config)}";

    public (int Done, int Total)? Progress(long id) => progress.TryGetValue(id, out var p) ? p : null;

    /// <summary>Uploaded files moved into a folder (relative to the jobs root) with manifest.json pointing at them.</summary>
    sealed record Staged(string Folder, string ManifestName, string Files, string? Error);

    sealed record DraftInfo(string Actor, string ManifestName, string Files, string? Error);

    static string NewJobFolder() => Path.Combine("jobs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss") + "-" + Guid.NewGuid().ToString("N")[..8]);

    Staged Stage(UploadedFile manifest, IReadOnlyList<UploadedFile> files, string folder)
    {
        var dir = Path.Combine(Root(config), folder);
        Directory.CreateDirectory(dir);
        foreach (var f in files.Where(f => f.Name != manifest.Name)) File.Move(f.Path, Path.Combine(dir, f.Name));
        File.Move(manifest.Path, Path.Combine(dir, "original-" + manifest.Name));
        var list = JsonSerializer.Serialize(files.Prepend(manifest).Select(f => new { name = f.Name, bytes = f.Bytes, sha256 = f.Sha256 }));
        try
        {
            File.WriteAllText(Path.Combine(dir, "manifest.json"), PointAtUploads(Path.Combine(dir, "original-" + manifest.Name), files.Select(f => f.Name).ToList()));
            return new Staged(folder, manifest.Name, list, null);
        }
        catch (Exception e) when (e is JsonException or ImportException or InvalidOperationException)
        {
            return new Staged(folder, manifest.Name, list, $"{manifest.Name}: {e.Message}");
        }
    }

    ImportJob NewJob(Staged s, string actor) => new()
    {
        CreatedBy = actor, CreatedAt = DateTime.UtcNow, Runner = Me, Folder = s.Folder, ManifestName = s.ManifestName, Files = s.Files,
        State = s.Error is null ? ImportJobState.Queued : ImportJobState.Failed, Errors = s.Error,
    };

    /// <summary>Moves the uploads into a job folder, the manifest's file names pointing at them. Dry runs import nothing and keep nothing.</summary>
    public async Task<ImportJob> SubmitAsync(UploadedFile manifest, IReadOnlyList<UploadedFile> files, bool dryRun, string actor, CancellationToken ct)
    {
        if (!dryRun) return await EnqueueAsync(Stage(manifest, files, NewJobFolder()), actor, ct);
        var staged = Stage(manifest, files, Path.Combine("drafts", NewToken()));
        try { return await PreviewAsync(staged, actor, ct); }
        finally { Directory.Delete(Path.Combine(Root(config), staged.Folder), recursive: true); }
    }

    /// <summary>/imports, first step: keeps the uploads as a draft only its uploader can start, and returns the dry run.</summary>
    public async Task<(string Token, ImportJob Preview)> DraftAsync(UploadedFile manifest, IReadOnlyList<UploadedFile> files, string actor, CancellationToken ct)
    {
        DropOldDrafts();
        var token = NewToken();
        var staged = Stage(manifest, files, Path.Combine("drafts", token));
        await File.WriteAllTextAsync(Path.Combine(Root(config), staged.Folder, "draft.json"),
            JsonSerializer.Serialize(new DraftInfo(actor, staged.ManifestName, staged.Files, staged.Error)), ct);
        return (token, await PreviewAsync(staged, actor, ct));
    }

    /// <summary>/imports, second step: the previewed draft becomes a queued job (null when it is gone, started already, or someone else's).</summary>
    public async Task<ImportJob?> StartDraftAsync(string token, string actor, CancellationToken ct)
    {
        if (token.Length != 32 || !token.All(char.IsAsciiHexDigitLower)) return null;
        var dir = Path.Combine(Root(config), "drafts", token);
        var infoPath = Path.Combine(dir, "draft.json");
        DraftInfo? info;
        try { info = JsonSerializer.Deserialize<DraftInfo>(await File.ReadAllTextAsync(infoPath, ct)); }
        catch (Exception e) when (e is IOException or JsonException) { return null; }
        if (info is null || info.Actor != actor) return null;
        var folder = NewJobFolder();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Root(config), folder))!);
        try { Directory.Move(dir, Path.Combine(Root(config), folder)); } // atomic: a second click finds nothing to move
        catch (IOException) { return null; }
        File.Delete(Path.Combine(Root(config), folder, "draft.json"));
        return await EnqueueAsync(new Staged(folder, info.ManifestName, info.Files, info.Error), actor, ct);
    }

    static string NewToken() => Guid.NewGuid().ToString("N");

    void DropOldDrafts()
    {
        var drafts = new DirectoryInfo(Path.Combine(Root(config), "drafts"));
        if (!drafts.Exists) return;
        foreach (var d in drafts.EnumerateDirectories().Where(d => d.CreationTimeUtc < DateTime.UtcNow - DraftLifetime))
            try { d.Delete(recursive: true); } catch (IOException) { }
    }

    async Task<ImportJob> PreviewAsync(Staged staged, string actor, CancellationToken ct)
    {
        var job = NewJob(staged, actor);
        if (job.State != ImportJobState.Failed) await RunAsync(job, Path.Combine(Root(config), staged.Folder, "manifest.json"), dryRun: true, ct);
        return job;
    }

    async Task<ImportJob> EnqueueAsync(Staged staged, string actor, CancellationToken ct)
    {
        var job = NewJob(staged, actor);
        if (job.State == ImportJobState.Failed) job.FinishedAt = DateTime.UtcNow;
        await using (var db = factory.Create())
        {
            db.ImportJobs.Add(job);
            await db.SaveChangesAsync(ct);
        }
        if (job.State == ImportJobState.Queued) await queue.Writer.WriteAsync(job.Id, ct);
        return job;
    }

    /// <summary>The manifest with each file it names replaced by the uploaded file of that name (a wildcard keeps its pattern).</summary>
    static string PointAtUploads(string manifestPath, List<string> uploaded)
    {
        var node = JsonNode.Parse(File.ReadAllText(manifestPath), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
            as JsonObject ?? throw new ImportException("the manifest is not a JSON object");
        if (node["files"] is not JsonArray names) throw new ImportException("the manifest has no 'files' list");
        var local = new JsonArray();
        foreach (var n in names)
        {
            var name = Path.GetFileName(((string?)n ?? "").Replace('\\', '/'));
            if (!name.Contains('*') && !uploaded.Contains(name)) throw new ImportException($"the manifest names '{n}', but no uploaded file is called '{name}'");
            local.Add(name);
        }
        node["files"] = local;
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken);
        var watching = WatchAsync(stoppingToken);
        await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try { await RunQueuedAsync(id, stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e) { log.LogError(e, "Import job {Id} failed outside the importer", id); await FinishAsync(id, j => { j.State = ImportJobState.Failed; j.Errors = "the server failed running the job: " + e.Message; }); }
        }
        await watching;
    }

    /// <summary>After a restart: a job this server was running was rolled back with its transaction; say so. Queued ones run again.</summary>
    async Task RecoverAsync(CancellationToken ct)
    {
        await using var db = factory.Create();
        var mine = await db.ImportJobs.AsTracking().Where(j => j.Runner == Me && (j.State == ImportJobState.Running || j.State == ImportJobState.Queued)).ToListAsync(ct);
        foreach (var j in mine.Where(j => j.State == ImportJobState.Running))
        {
            j.State = ImportJobState.Failed;
            j.FinishedAt = DateTime.UtcNow;
            j.Errors = $"the server stopped while this job was running (restarted {DateTime.UtcNow:u}); its transaction was rolled back, so nothing of it was written";
        }
        await db.SaveChangesAsync(ct);
        foreach (var j in mine.Where(j => j.State == ImportJobState.Queued).OrderBy(j => j.Id)) await queue.Writer.WriteAsync(j.Id, ct);
    }

    /// <summary>Every heartbeat: a RUNNING job anywhere whose runner stopped beating is failed, so the queue moves on.</summary>
    async Task WatchAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Heartbeat);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    var failed = await FailOrphanedAsync(factory, StaleAfter, ct);
                    if (failed > 0) log.LogWarning("Marked {Count} orphaned import job(s) FAILED: no heartbeat for {Seconds:0} s", failed, StaleAfter.TotalSeconds);
                }
                catch (Exception e) when (e is not OperationCanceledException) { log.LogDebug(e, "Checking for orphaned import jobs failed; trying again"); }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>
    /// Fails every RUNNING job whose heartbeat is older than <paramref name="staleAfter"/>. Its import transaction died with
    /// its server, so nothing of it was written. (On SQLite a long import holds the write lock and no heartbeat can be
    /// written meanwhile; if this check wins the lock just after such a commit, the runner's own finish overwrites it.)
    /// </summary>
    public static async Task<int> FailOrphanedAsync(SupplyChainDbFactory factory, TimeSpan staleAfter, CancellationToken ct)
    {
        await using var db = factory.Create();
        var cutoff = DateTime.UtcNow - staleAfter;
        var stale = await db.ImportJobs.Where(j => j.State == ImportJobState.Running && (j.HeartbeatAt ?? j.StartedAt) < cutoff)
            .Select(j => new { j.Id, j.Runner, Beat = j.HeartbeatAt ?? j.StartedAt }).ToListAsync(ct);
        var failed = 0;
        foreach (var j in stale)
        {
            var reason = $"the server running this job ({j.Runner}) stopped: no heartbeat since {j.Beat:u} (checked {DateTime.UtcNow:u}); " +
                "its transaction was rolled back, so nothing of it was written";
            // The same condition again: a heartbeat or a finish that landed meanwhile wins.
            failed += await db.ImportJobs.Where(x => x.Id == j.Id && x.State == ImportJobState.Running && (x.HeartbeatAt ?? x.StartedAt) < cutoff)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, ImportJobState.Failed).SetProperty(x => x.FinishedAt, DateTime.UtcNow).SetProperty(x => x.Errors, reason), ct);
        }
        return failed;
    }

    /// <summary>
    /// Takes a queued job only while no job anywhere is RUNNING. The check and the claim are one statement; on PostgreSQL
    /// two servers could both pass the check in read-committed mode, so claims there are serialised by an advisory lock
    /// held to the end of the claiming transaction (SQLite has a single writer; SQL Server runs the claim serializable).
    /// </summary>
    public static async Task<bool> TryClaimAsync(SupplyChainDbFactory factory, long id, CancellationToken ct)
    {
        await using var db = factory.Create();
        var postgres = factory.Options.Provider == DatabaseProvider.Postgres;
        await using var tx = await db.Database.BeginTransactionAsync(postgres ? System.Data.IsolationLevel.ReadCommitted : System.Data.IsolationLevel.Serializable, ct);
        if (postgres) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(1101001)", ct); // any fixed key: "the import-job claim"
        var now = DateTime.UtcNow;
        var taken = await db.ImportJobs.Where(j => j.Id == id && j.State == ImportJobState.Queued && !db.ImportJobs.Any(o => o.State == ImportJobState.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, ImportJobState.Running).SetProperty(j => j.StartedAt, now).SetProperty(j => j.HeartbeatAt, now), ct);
        await tx.CommitAsync(ct);
        return taken == 1;
    }

    async Task RunQueuedAsync(long id, CancellationToken ct)
    {
        // One writer per database: take the job only while no other job anywhere is running.
        while (!await TryClaimAsync(factory, id, ct))
        {
            await using var db = factory.Create();
            if (!await db.ImportJobs.AnyAsync(j => j.Id == id && j.State == ImportJobState.Queued, ct)) return;
            await Task.Delay(1000, ct);
        }
        ImportJob job;
        await using (var db = factory.Create()) job = await db.ImportJobs.SingleAsync(j => j.Id == id, ct);
        using var beat = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var beating = BeatAsync(id, beat.Token);
        try
        {
            await RunAsync(job, Path.Combine(Root(config), job.Folder, "manifest.json"), dryRun: false, ct);
            // This server's views first (others see it within a poll): a job shown SUCCEEDED is already searchable here.
            if (job.State == ImportJobState.Succeeded) await refresh.RefreshAsync(ct: ct);
        }
        finally
        {
            await beat.CancelAsync();
            await beating;
        }
        await FinishAsync(id, j =>
        {
            j.State = job.State; j.RowsRead = job.RowsRead; j.RowsTotal = job.RowsTotal; j.Summary = job.Summary; j.Errors = job.Errors;
            j.Outcome = job.Outcome; j.SourceId = job.SourceId;
        });
        progress.TryRemove(id, out _);
    }

    /// <summary>Writes the job's heartbeat until the job ends (a failed write is retried at the next beat).</summary>
    async Task BeatAsync(long id, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Heartbeat);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await using var db = factory.Create();
                    await db.ImportJobs.Where(j => j.Id == id && j.State == ImportJobState.Running).ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, DateTime.UtcNow), ct);
                }
                catch (Exception e) when (e is not OperationCanceledException) { log.LogDebug(e, "Heartbeat of import job {Id} not written", id); }
            }
        }
        catch (OperationCanceledException) { }
    }

    async Task FinishAsync(long id, Action<ImportJob> change)
    {
        await using var db = factory.Create();
        var j = await db.ImportJobs.AsTracking().SingleAsync(x => x.Id == id);
        change(j);
        j.FinishedAt = DateTime.UtcNow;
        await db.SaveChangesAsync();
    }

    /// <summary>Runs the importer on a job's folder and writes the outcome into the job (not into the database).</summary>
    async Task RunAsync(ImportJob job, string manifestPath, bool dryRun, CancellationToken ct)
    {
        job.StartedAt ??= DateTime.UtcNow;
        ImportReport report;
        try
        {
            report = await runner.ImportAsync(manifestPath, new ImportOptions
            {
                DryRun = dryRun, Actor = job.CreatedBy,
                Progress = dryRun ? null : (done, total) => progress[job.Id] = (done, total),
            }, ct);
        }
        catch (ImportException e)
        {
            job.State = ImportJobState.Failed;
            job.Errors = e.Message.Replace(Path.GetDirectoryName(manifestPath) + Path.DirectorySeparatorChar, "");
            job.FinishedAt = DateTime.UtcNow;
            return;
        }
        job.RowsRead = job.RowsTotal = report.RowsRead;
        job.State = report.Succeeded ? ImportJobState.Succeeded : ImportJobState.Failed;
        job.Summary = report.Summary().Replace(Path.GetDirectoryName(manifestPath) + Path.DirectorySeparatorChar, "").Trim();
        job.Errors = report.Succeeded ? null : string.Join("\n", report.Errors.Select(e => e.ToString()));
        job.SourceId = report.Files.Select(f => f.SourceId).FirstOrDefault(s => s is not null);
        job.Outcome = JsonSerializer.Serialize(new
        {
            created = report.Files.SelectMany(f => f.Created).Take(500),
            queued = report.Files.SelectMany(f => f.Queued).Take(500),
            retracted = report.Files.Sum(f => f.ClaimsRetracted),
            batches = report.Files.Select(f => f.BatchId).Where(b => b is not null),
        });
        job.FinishedAt = DateTime.UtcNow;
    }
}
