using System.Text;

namespace SupplyChain.Import;

public sealed class ImportOptions
{
    public bool DryRun { get; init; }
    public string Actor { get; init; } = "cli";
    /// <summary>Called with (rows done, rows total) as the import goes.</summary>
    public Action<int, int>? Progress { get; init; }
}

/// <summary>What one file's import did (or, on a dry run, would do).</summary>
public sealed class FileReport
{
    public required string File { get; init; }
    public string Sha256 { get; set; } = "";
    public bool AlreadyImported { get; set; }
    public long? BatchId { get; set; }
    public long? SourceId { get; set; }
    public string? SourceVersionNote { get; set; }
    public int RowsRead { get; set; }
    public int RowsSkipped { get; set; }
    public int EntitiesCreated { get; set; }
    public int EntitiesMatched { get; set; }
    public int CandidatesQueued { get; set; }
    public int ClaimsAdded { get; set; }
    public int ClaimsProposed { get; set; }
    public int ClaimsUnchanged { get; set; }
    public int ClaimsRetracted { get; set; }
    public int ResponsesAdded { get; set; }
    public int AliasesAdded { get; set; }
    public List<string> Created { get; } = [];
    public List<string> Queued { get; } = [];
}

public sealed class ImportReport
{
    public List<FileReport> Files { get; } = [];
    public List<ImportError> Errors { get; } = [];
    public bool DryRun { get; init; }
    /// <summary>In a seed list: manifests this run wrote before a later one failed (each manifest is its own transaction).</summary>
    public List<string> KeptManifests { get; } = [];
    /// <summary>In a seed list: the manifest that failed; the ones after it were not tried.</summary>
    public string? FailedManifest { get; set; }
    public TimeSpan Elapsed { get; set; }
    public bool Succeeded => Errors.Count == 0;
    public int RowsRead => Files.Sum(f => f.RowsRead);
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? RowsRead / Elapsed.TotalSeconds : 0;

    public string Summary()
    {
        var sb = new StringBuilder();
        if (!Succeeded)
        {
            sb.AppendLine(KeptManifests.Count == 0
                ? $"Import failed: {Errors.Count} error(s); nothing was written."
                : $"Import failed: {Errors.Count} error(s) in {FailedManifest}, which wrote nothing (nor did the manifests after it). " +
                  $"Kept, because each manifest is its own transaction and they were written before it: {string.Join(", ", KeptManifests)}.");
            foreach (var e in Errors.Take(200)) sb.AppendLine("  " + e);
            if (Errors.Count > 200) sb.AppendLine($"  ... and {Errors.Count - 200} more");
            return sb.ToString();
        }
        foreach (var f in Files)
        {
            if (f.AlreadyImported) { sb.AppendLine($"{Path.GetFileName(f.File)}: already imported (same SHA-256 {f.Sha256[..12]}, batch {f.BatchId}); nothing changed."); continue; }
            sb.AppendLine($"{Path.GetFileName(f.File)}{(DryRun ? " (dry run: nothing written)" : "")}: {f.RowsRead} rows read, {f.RowsSkipped} skipped; " +
                $"entities {f.EntitiesCreated} created, {f.EntitiesMatched} matched, {f.CandidatesQueued} queued for review; " +
                $"claims {f.ClaimsAdded} added, {f.ClaimsProposed} proposed, {f.ClaimsUnchanged} already held, {f.ClaimsRetracted} retracted; " +
                $"responses {f.ResponsesAdded} added; aliases {f.AliasesAdded} added.{(f.SourceVersionNote is null ? "" : " " + f.SourceVersionNote)}");
            if (DryRun)
            {
                foreach (var c in f.Created.Take(50)) sb.AppendLine("  would create " + c);
                foreach (var q in f.Queued.Take(50)) sb.AppendLine("  would queue " + q);
            }
        }
        sb.AppendLine($"{RowsRead} rows in {Elapsed.TotalSeconds:0.00} s ({RowsPerSecond:0} rows/s).");
        return sb.ToString();
    }
}
