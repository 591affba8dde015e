using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace SupplyChain.Server.Access;

/// <summary>
/// ASP.NET Core's limiter: anonymous callers per client IP, researchers and admins per key. Over the limit: 429 with
/// Retry-After. Limits come from configuration (RateLimits:AnonymousPerMinute, RateLimits:KeyPerMinute).
/// </summary>
public static class RateLimits
{
    public const string Policy = "per-client";

    public static void Configure(RateLimiterOptions o, IConfiguration config)
    {
        var anonymous = config.GetValue("RateLimits:AnonymousPerMinute", 1200);
        var perKey = config.GetValue("RateLimits:KeyPerMinute", 12000);
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.AddPolicy(Policy, http =>
        {
            var keyId = http.User.FindFirst("key_id")?.Value;
            return keyId is not null
                ? RateLimitPartition.GetFixedWindowLimiter("key:" + keyId, _ => Window(perKey))
                : RateLimitPartition.GetFixedWindowLimiter("ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => Window(anonymous));
        });
        o.OnRejected = async (ctx, ct) =>
        {
            var retry = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
            ctx.HttpContext.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
            await ctx.HttpContext.Response.WriteAsJsonAsync(new { errors = new[] { new { message = $"Too many requests: try again in {retry} s." } } }, ct);
        };
    }

    static FixedWindowRateLimiterOptions Window(int perMinute) => new()
    {
        PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
    };
}
