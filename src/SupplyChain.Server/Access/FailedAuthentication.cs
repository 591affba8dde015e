using System.Threading.RateLimiting;

namespace SupplyChain.Server.Access;

/// <summary>
/// Failed sign-ins and unknown API keys, counted per client address: past the limit (RateLimits:FailedAuthPerMinute,
/// default 20) the client gets 429 without any key lookup until the minute is over.
/// </summary>
public sealed class FailedAuthentication(IConfiguration config) : IDisposable
{
    readonly PartitionedRateLimiter<string> failures = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, config.GetValue("RateLimits:FailedAuthPerMinute", 20)), Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        }));

    static string Client(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public bool IsLocked(HttpContext http) => failures.GetStatistics(Client(http))?.CurrentAvailablePermits == 0;

    public void Record(HttpContext http)
    {
        using var lease = failures.AttemptAcquire(Client(http));
    }

    /// <summary>Answers 429 and returns true when this client has failed too often.</summary>
    public async Task<bool> RefuseIfLockedAsync(HttpContext http)
    {
        if (!IsLocked(http)) return false;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = "60";
        await http.Response.WriteAsJsonAsync(new { errors = new[] { new { message = "Too many failed sign-ins or unknown keys: try again in 60 s." } } });
        return true;
    }

    public void Dispose() => failures.Dispose();
}
