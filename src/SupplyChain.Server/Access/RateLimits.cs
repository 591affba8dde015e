using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace SupplyChain.Server.Access;

/// <summary>
/// ASP.NET Core's limiter on every route but /healthz (pages, exports, /graphql, the JSON API, sign-in): anonymous
/// callers per client IP, researchers and admins per key. Over the limit: 429 with Retry-After. Limits come from
/// configuration (RateLimits:AnonymousPerMinute, RateLimits:KeyPerMinute). The client IP is the connection's, or,
/// behind a proxy listed in ForwardedHeaders:KnownProxies, the address that proxy forwarded (see AccessSetup).
/// </summary>
public static class RateLimits
{
    public const string Policy = "per-client";

    public static void Configure(RateLimiterOptions o, IConfiguration config)
    {
        var anonymous = config.GetValue("RateLimits:AnonymousPerMinute", 1200);
        var perKey = config.GetValue("RateLimits:KeyPerMinute", 12000);
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        RateLimitPartition<string> PerClient(HttpContext http)
        {
            var keyId = http.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value;
            return keyId is not null
                ? RateLimitPartition.GetFixedWindowLimiter("key:" + keyId, _ => Window(perKey))
                : RateLimitPartition.GetFixedWindowLimiter("ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => Window(anonymous));
        }
        // Every route; endpoints that also name the policy count against the same size of window, so nothing changes for them.
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            http.Request.Path.StartsWithSegments("/healthz") ? RateLimitPartition.GetNoLimiter("health") : PerClient(http));
        o.AddPolicy(Policy, PerClient);
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
