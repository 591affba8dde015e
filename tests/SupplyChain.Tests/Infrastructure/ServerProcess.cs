using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using SupplyChain.Data;

namespace SupplyChain.Tests.Infrastructure;

/// <summary>
/// The server binary (src/SupplyChain.Server/bin/…, built with the solution) as its own process on a loopback port,
/// or one of its CLI verbs: for tests about what separate processes sharing one database see.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public required Process Process { get; init; }
    public required HttpClient Http { get; init; }
    readonly System.Collections.Concurrent.ConcurrentQueue<string> output = new();
    public string Output => string.Join("\n", output.TakeLast(60));

    public static string Dll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{System.IO.Path.DirectorySeparatorChar}Release{System.IO.Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            return Repo.Path("src", "SupplyChain.Server", "bin", configuration, "net10.0", "SupplyChain.Server.dll");
        }
    }

    public static string[] DatabaseArgs(DatabaseOptions db) => [$"--Database:Provider={db.Provider}", $"--ConnectionStrings:SupplyChain={db.ConnectionString}"];

    static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Repo.Root };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return psi;
    }

    /// <summary>Starts `serve` on a free port (no seed) and waits for /healthz.</summary>
    public static async Task<ServerProcess> StartAsync(DatabaseOptions db, params string[] extra)
    {
        if (!File.Exists(Dll)) throw new InvalidOperationException($"{Dll} is missing: build the solution first");
        var port = FreePort();
        var psi = StartInfo([$"--urls=http://127.0.0.1:{port}", .. DatabaseArgs(db), "--Seed:Enabled=false", "--Logging:LogLevel:Default=Warning", "--Live:PollMilliseconds=1000", .. extra]);
        var server = new ServerProcess
        {
            Process = Process.Start(psi)!,
            Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) },
        };
        server.Process.OutputDataReceived += (_, e) => { if (e.Data is not null) server.output.Enqueue(e.Data); };
        server.Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) server.output.Enqueue(e.Data); };
        server.Process.BeginOutputReadLine();
        server.Process.BeginErrorReadLine();
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (server.Process.HasExited) throw new InvalidOperationException($"server exited with {server.Process.ExitCode}:\n{server.Output}");
            try { if ((await server.Http.GetAsync("/healthz")).IsSuccessStatusCode) return server; }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        await server.DisposeAsync();
        throw new TimeoutException("server did not answer /healthz within 2 minutes");
    }

    /// <summary>Runs a CLI verb to the end; returns exit code and output.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var p = Process.Start(StartInfo(args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (p.ExitCode, await stdout + await stderr);
    }

    public async Task<JsonNode> GraphQLAsync(string query, object? variables = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"HTTP {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!Process.HasExited) { Process.Kill(entireProcessTree: true); await Process.WaitForExitAsync(); }
        Process.Dispose();
    }
}
