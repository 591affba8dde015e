using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace SupplyChain.Benchmarks;

public sealed record RunResult(string Name, int Concurrency, int Ok, int Failed, double Seconds, Latencies Latency)
{
    /// <summary>Bytes allocated in this process per request during the run (client and, when in-process, server).</summary>
    public double AllocPerOp { get; init; }
    public int Gen0 { get; init; }
    public int Gen2 { get; init; }
    public double GcPauseMs { get; init; }
    public double Rps => Ok / Seconds;
    public double P50 => Latency.PercentileMs(50);
    public double P99 => Latency.PercentileMs(99);
}

/// <summary>A closed loop: <c>concurrency</c> workers take the next request index until <c>count</c> are done or time is up.</summary>
public static class Loop
{
    public static async Task<RunResult> RunAsync(string name, int concurrency, int count, TimeSpan maxTime, Func<int, ValueTask<bool>> op,
        Action<int, long, bool>? each = null)
    {
        var next = -1;
        var ok = 0;
        var failed = 0;
        var lat = new Latencies();
        var alloc0 = GC.GetTotalAllocatedBytes(false);
        var (g0, g2, pause0) = (GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var sw = Stopwatch.StartNew();
        var deadline = maxTime;
        async Task Worker()
        {
            await Task.Yield();
            var local = new List<long>(count / concurrency + 1);
            int i;
            while ((i = Interlocked.Increment(ref next)) < count && sw.Elapsed < deadline)
            {
                var t0 = Stopwatch.GetTimestamp();
                bool good;
                try { good = await op(i); }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException) { good = false; }
                var dt = Stopwatch.GetTimestamp() - t0;
                if (good) { Interlocked.Increment(ref ok); local.Add(dt); } else Interlocked.Increment(ref failed);
                each?.Invoke(i, dt, good);
            }
            lat.AddRange(local);
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
        var seconds = sw.Elapsed.TotalSeconds;
        return new RunResult(name, concurrency, ok, failed, seconds, lat)
        {
            AllocPerOp = (GC.GetTotalAllocatedBytes(false) - alloc0) / (double)Math.Max(1, ok + failed),
            Gen0 = GC.CollectionCount(0) - g0, Gen2 = GC.CollectionCount(2) - g2, GcPauseMs = (GC.GetTotalPauseDuration() - pause0).TotalMilliseconds,
        };
    }
}

public static class Client
{
    public static HttpClient Create(int maxConnections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = maxConnections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestVersion = HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    static readonly byte[] ErrorsKey = "\"errors\""u8.ToArray();
    static readonly byte[] DataKey = "\"data\":{"u8.ToArray();

    /// <summary>A GraphQL POST body with variables, serialised once.</summary>
    public static byte[] GraphQLBody(string query, object? variables = null) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?> { ["query"] = query, ["variables"] = variables });

    public static async Task<(int Status, byte[] Body)> PostAsync(HttpClient http, string url, byte[] body, CancellationToken ct = default)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var resp = await http.PostAsync(url, content, ct);
        return ((int)resp.StatusCode, await resp.Content.ReadAsByteArrayAsync(ct));
    }

    public static async Task<(int Status, byte[] Body)> GetAsync(HttpClient http, string url, CancellationToken ct = default)
    {
        using var resp = await http.GetAsync(url, ct);
        return ((int)resp.StatusCode, await resp.Content.ReadAsByteArrayAsync(ct));
    }

    /// <summary>200, a "data" object, and no "errors" anywhere.</summary>
    public static bool GoodGraphQL(int status, byte[] body) =>
        status == 200 && body.AsSpan().IndexOf(DataKey) >= 0 && body.AsSpan().IndexOf(ErrorsKey) < 0;

    public static bool HasErrors(byte[] body) => body.AsSpan().IndexOf(ErrorsKey) >= 0;

    public static string Text(byte[] body, int max = 300)
    {
        var s = Encoding.UTF8.GetString(body);
        return s.Length > max ? s[..max] + "…" : s;
    }
}
