using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SupplyChain.Server;

namespace SupplyChain.Benchmarks;

/// <summary>The real server, started in this process on a loopback port (Serve.Build + Serve.StartAsync, as Program does).</summary>
public sealed class InProcServer : IAsyncDisposable
{
    public required WebApplication App { get; init; }
    public required string BaseUrl { get; init; }
    public required double StartSeconds { get; init; }

    public static string[] Args(string dbPath, string url) => Args(new BenchDb(SupplyChain.Data.DatabaseProvider.Sqlite, $"Data Source={dbPath}", dbPath), url);

    public static string[] Args(BenchDb db, string url) =>
    [
        $"--urls={url}", $"--Database:Provider={db.Provider}", $"--ConnectionStrings:SupplyChain={db.ConnectionString}", "--Seed:Enabled=false",
        "--Logging:LogLevel:Default=Warning",
        // One client sends everything from 127.0.0.1: lift the per-IP limit, or the limiter (not the server) is measured.
        "--RateLimits:AnonymousPerMinute=100000000",
    ];

    public static Task<InProcServer> StartAsync(string dbPath) => StartAsync(new BenchDb(SupplyChain.Data.DatabaseProvider.Sqlite, $"Data Source={dbPath}", dbPath));

    public static async Task<InProcServer> StartAsync(BenchDb db)
    {
        var sw = Stopwatch.StartNew();
        var app = Serve.Build(Args(db, "http://127.0.0.1:0"));
        await Serve.StartAsync(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new InProcServer { App = app, BaseUrl = address.TrimEnd('/'), StartSeconds = sw.Elapsed.TotalSeconds };
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>The published server binary as its own process, so its memory can be read from /proc.</summary>
public sealed class ServerProcess : IDisposable
{
    public required Process Process { get; init; }
    public required string BaseUrl { get; init; }
    public required double StartSeconds { get; init; }

    public static Task<ServerProcess> StartAsync(BenchDb db) => StartAsync(db, Repo.ServerDll);

    /// <param name="dll">The server build to run (another build, e.g. of an earlier commit, for a before/after run).</param>
    public static async Task<ServerProcess> StartAsync(BenchDb db, string dll)
    {
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: dotnet build -c Release tests/SupplyChain.Benchmarks builds it.");
        var port = Net.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in InProcServer.Args(db, url)) psi.ArgumentList.Add(a);
        // GC settings come from the server's project file (runtimeconfig.json), as for `dotnet run`; none forced here.
        var sw = Stopwatch.StartNew();
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, e) => Echo(e.Data);
        p.ErrorDataReceived += (_, e) => Echo(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        using var http = new HttpClient();
        while (sw.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (p.HasExited) throw new InvalidOperationException($"server exited with {p.ExitCode}");
            try { if ((await http.GetAsync(url + "/healthz")).IsSuccessStatusCode) break; }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        return new ServerProcess { Process = p, BaseUrl = url, StartSeconds = sw.Elapsed.TotalSeconds };
    }

    /// <summary>Server log lines, cut short (an unhandled exception logs the whole offending query).</summary>
    static void Echo(string? line)
    {
        if (line is not { Length: > 0 } || line.TrimStart().StartsWith("at ", StringComparison.Ordinal)) return;
        Console.Error.WriteLine($"  [server] {(line.Length > 240 ? line[..240] + $"… ({line.Length} chars)" : line)}");
    }

    /// <summary>VmRSS from /proc/PID/status, in MiB.</summary>
    public double RssMiB()
    {
        var line = File.ReadLines($"/proc/{Process.Id}/status").First(l => l.StartsWith("VmRSS:"));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    public void Dispose()
    {
        if (!Process.HasExited) { Process.Kill(); Process.WaitForExit(10_000); }
        Process.Dispose();
    }
}
