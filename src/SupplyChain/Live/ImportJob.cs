namespace SupplyChain.Live;

public enum ImportJobState { Queued, Running, Succeeded, Failed }

/// <summary>
/// An import submitted through the API or the /imports page. Its uploaded files are kept in the job's folder, each
/// with its SHA-256, so the batch can be audited; the import itself is one transaction, as from the CLI.
/// </summary>
public class ImportJob
{
    public long Id { get; set; }
    public ImportJobState State { get; set; } = ImportJobState.Queued;
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>Written every few seconds by the server running the job: a RUNNING job whose heartbeat stopped was orphaned by a dead server.</summary>
    public DateTime? HeartbeatAt { get; set; }
    /// <summary>The server that holds the files and runs the job (machine and jobs folder).</summary>
    public string Runner { get; set; } = "";
    /// <summary>Folder holding manifest and files, relative to the jobs folder.</summary>
    public string Folder { get; set; } = "";
    public string ManifestName { get; set; } = "";
    /// <summary>JSON: [{ "name", "bytes", "sha256" }] for the manifest and every uploaded file.</summary>
    public string Files { get; set; } = "[]";
    public int RowsRead { get; set; }
    public int RowsTotal { get; set; }
    public string? Summary { get; set; }
    /// <summary>One error per line, `file:line:column: reason`.</summary>
    public string? Errors { get; set; }
    /// <summary>JSON: what the import created, changed, retracted and queued, for the summary's links.</summary>
    public string? Outcome { get; set; }
    public long? SourceId { get; set; }
}
