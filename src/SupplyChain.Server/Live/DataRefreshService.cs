using SupplyChain.Live;

namespace SupplyChain.Server.Live;

/// <summary>
/// Polls the data version (one indexed single-row read) every `Live:PollMilliseconds` (default 1000) and rebuilds this
/// server's in-memory views when another process (the CLI, another server) changed the data.
/// </summary>
public sealed class DataRefreshService(DataRefresh refresh, IConfiguration config, ILogger<DataRefreshService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromMilliseconds(Math.Clamp(config.GetValue("Live:PollMilliseconds", 1000), 50, 60_000));
        using var timer = new PeriodicTimer(every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await refresh.RefreshAsync(ct: stoppingToken))
                    log.LogInformation("Data version {Version}: views refreshed ({Kind}) in {Ms:0} ms", refresh.Version, refresh.LastKind, refresh.LastRebuild.TotalMilliseconds);
                else refresh.CompactIfQuiet();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // The old views keep serving; the next tick tries again.
                log.LogWarning(e, "Refreshing from the data version failed; serving the previous views");
            }
        }
    }
}
