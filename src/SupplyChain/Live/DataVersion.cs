using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;

namespace SupplyChain.Live;

/// <summary>
/// One row whose number goes up in the same transaction as every change to the evidence (imports, merges, match and
/// responder-link decisions, retractions). Every process serving the database polls it and rebuilds what it derives
/// from the data when it moves, so a change made anywhere (this server, the CLI, another server) is seen everywhere.
/// </summary>
public class DataVersion
{
    public const int RowId = 1;
    public int Id { get; set; }
    public long Version { get; set; }
    public DateTime ChangedAt { get; set; }

    /// <summary>Moves the counter inside the caller's transaction; call it last, just before commit (it locks the row).</summary>
    public static Task BumpAsync(SupplyChainDb db, CancellationToken ct) =>
        db.DataVersions.Where(v => v.Id == RowId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Version, v => v.Version + 1).SetProperty(v => v.ChangedAt, DateTime.UtcNow), ct);

    public static Task<long> CurrentAsync(SupplyChainDb db, CancellationToken ct) =>
        db.DataVersions.Where(v => v.Id == RowId).Select(v => v.Version).FirstOrDefaultAsync(ct);
}
