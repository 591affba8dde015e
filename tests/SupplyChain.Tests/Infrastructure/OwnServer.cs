using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SupplyChain.Server;

namespace SupplyChain.Tests.Infrastructure;

/// <summary>
/// A server of a test's own (Kestrel on a free loopback port) with its own settings and, unless given one, its own
/// empty database; for tests that change limits or need a second instance. Not seeded unless asked.
/// </summary>
public sealed class OwnServer : IAsyncDisposable
{
    public required WebApplication App { get; init; }
    public required Uri BaseAddress { get; init; }
    public required DatabaseOptionsText Database { get; init; }
    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public sealed record DatabaseOptionsText(string Provider, string ConnectionString);

    public HttpClient Client(bool cookies = false) => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies })
    { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<OwnServer> StartAsync(Engine engine = Engine.Sqlite, DatabaseOptionsText? database = null, bool seed = false, params string[] settings)
    {
        database ??= TestDatabase.Create(engine, "own") is var d ? new DatabaseOptionsText(d.Provider.ToString(), d.ConnectionString) : null!;
        if (database.Provider != "Sqlite" && !settings.Any(s => s.Contains("DataProtection:KeysPath")))
            settings = [.. settings, $"--DataProtection:KeysPath={Path.Combine(Path.GetTempPath(), $"keys-{Guid.NewGuid():N}")}"];
        var app = Serve.Build([
            "--urls=http://127.0.0.1:0",
            $"--Database:Provider={database.Provider}",
            $"--ConnectionStrings:SupplyChain={database.ConnectionString}",
            seed ? $"--Seed:Path={Repo.Seed}" : "--Seed:Enabled=false",
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ]);
        await Serve.StartAsync(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new OwnServer { App = app, BaseAddress = new Uri(address), Database = database };
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
