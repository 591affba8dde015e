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
/// another job anywhere is RUNNING), each as one transaction through the ordinary importer.
/// </summary>
public sealed class ImportJobs(SupplyChainDbFactory factory, ImportRunner runner, DataRefresh refresh, IConfiguration config, ILogger<ImportJobs> log) : BackgroundService
{
    readonly Channel<long> queue = Channel.CreateUnbounded<long>();
    readonly ConcurrentDictionary<long, (int Done, int Total)> progress = new();

    public static string Root(IConfiguration config) => Path.GetFullPath(config["Imports:Folder"] ?? Path.Combine("data", "imports"));

    /// <summary>Which server holds a job's files: machine and jobs folder.</summary>
    string Me => $"{Environment.MachineName}:{Root(config)}";

    public (int Done, int Total)? Progress(long id) => progress.TryGetValue(id, out var p) ? p : null;

    /// <summary>Moves the uploads into a job folder, the manifest's file names pointing at them. Dry runs import nothing and keep nothing.</summary>
    public async Task<ImportJob> SubmitAsync(UploadedFile manifest, IReadOnlyList<UploadedFile> files, bool dryRun, string actor, CancellationToken ct)
    {
        var folder = dryRun ? "dry-" + Guid.NewGuid().ToString("N") : DateTime.UtcNow.ToString("yyyyMMdd-HHmmss") + "-" + Guid.NewGuid().ToString("N")[..8];
        var dir = Path.Combine(Root(config), "jobs", folder);
        Directory.CreateDirectory(dir);
        foreach (var f in files.Where(f => f.Name != manifest.Name)) File.Move(f.Path, Path.Combine(dir, f.Name));
        File.Move(manifest.Path, Path.Combine(dir, "original-" + manifest.Name));
        var manifestPath = Path.Combine(dir, "manifest.json");
        var job = new ImportJob
        {
            CreatedBy = actor, CreatedAt = DateTime.UtcNow, Runner = Me, Folder = Path.Combine("jobs", folder), ManifestName = manifest.Name,
            Files = JsonSerializer.Serialize(files.Prepend(manifest).Select(f => new { name = f.Name, bytes = f.Bytes, sha256 = f.Sha256 })),
        };
        try
        {
            await File.WriteAllTextAsync(manifestPath, PointAtUploads(Path.Combine(dir, "original-" + manifest.Name), files.Select(f => f.Name).ToList()), ct);
        }
        catch (Exception e) when (e is JsonException or ImportException or InvalidOperationException)
        {
            job.State = ImportJobState.Failed;
            job.Errors = $"{manifest.Name}: {e.Message}";
        }
        if (dryRun)
        {
            if (job.State != ImportJobState.Failed) await RunAsync(job, manifestPath, dryRun: true, ct);
            Directory.Delete(dir, recursive: true);
            return job;
        }
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
        await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try { await RunQueuedAsync(id, stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { log.LogError(e, "Import job {Id} failed outside the importer", id); await FinishAsync(id, j => { j.State = ImportJobState.Failed; j.Errors = "the server failed running the job: " + e.Message; }); }
        }
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

    async Task RunQueuedAsync(long id, CancellationToken ct)
    {
        // One writer per database: take the job only while no other job anywhere is running.
        while (true)
        {
            await using var db = factory.Create();
            var taken = await db.ImportJobs.Where(j => j.Id == id && j.State == ImportJobState.Queued && !db.ImportJobs.Any(o => o.State == ImportJobState.Running))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, ImportJobState.Running).SetProperty(j => j.StartedAt, DateTime.UtcNow), ct);
            if (taken == 1) break;
            if (!await db.ImportJobs.AnyAsync(j => j.Id == id && j.State == ImportJobState.Queued, ct)) return;
            await Task.Delay(1000, ct);
        }
        ImportJob job;
        await using (var db = factory.Create()) job = await db.ImportJobs.SingleAsync(j => j.Id == id, ct);
        await RunAsync(job, Path.Combine(Root(config), job.Folder, "manifest.json"), dryRun: false, ct);
        // This server's views first (others see it within a poll): a job shown SUCCEEDED is already searchable here.
        if (job.State == ImportJobState.Succeeded) await refresh.RefreshAsync(ct: ct);
        await FinishAsync(id, j =>
        {
            j.State = job.State; j.RowsRead = job.RowsRead; j.RowsTotal = job.RowsTotal; j.Summary = job.Summary; j.Errors = job.Errors;
            j.Outcome = job.Outcome; j.SourceId = job.SourceId;
        });
        progress.TryRemove(id, out _);
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
                Progress = (done, total) => progress[job.Id] = (done, total),
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
