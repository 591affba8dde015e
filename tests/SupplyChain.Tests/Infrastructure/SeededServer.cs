using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SupplyChain.Data;
using SupplyChain.Server;
using Xunit;

namespace SupplyChain.Tests.Infrastructure;

/// <summary>
/// The real server (Kestrel on a free loopback port) on a fresh database of one engine, with the bundled data
/// seeded through the same start-up path as `dotnet run`. Tests talk to it over HTTP.
/// </summary>
public abstract class SeededServer(Engine engine) : IAsyncLifetime
{
    public Engine Engine { get; } = engine;
    public WebApplication? App { get; private set; }
    public HttpClient Http { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public SupplyChainDbFactory Factory => App!.Services.GetRequiredService<SupplyChainDbFactory>();
    public T Service<T>() where T : notnull => App!.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        if (!TestDatabase.Available(Engine)) return;
        var db = TestDatabase.Create(Engine, "seeded");
        App = Serve.Build([
            "--urls=http://127.0.0.1:0",
            $"--Database:Provider={db.Provider}",
            $"--ConnectionStrings:SupplyChain={db.ConnectionString}",
            $"--Seed:Path={Repo.Seed}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await Serve.StartAsync(App);
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (App is not null) { await App.StopAsync(); await App.DisposeAsync(); }
    }

    /// <summary>POSTs a query to /graphql; fails the test on transport errors or GraphQL errors unless asked.</summary>
    public async Task<JsonNode> GraphQLAsync(string query, object? variables = null, bool allowErrors = false)
    {
        TestDatabase.SkipUnlessAvailable(Engine);
        using var response = await Http.PostAsJsonAsync("/graphql", new { query, variables });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {text}");
        var json = JsonNode.Parse(text)!;
        if (!allowErrors) Assert.True(json["errors"] is null, $"GraphQL errors: {json["errors"]}");
        return json;
    }
}

public sealed class SqliteSeededServer() : SeededServer(Engine.Sqlite);
public sealed class PostgresSeededServer() : SeededServer(Engine.Postgres);

[CollectionDefinition("sqlite-server")] public sealed class SqliteServerCollection : ICollectionFixture<SqliteSeededServer>;
[CollectionDefinition("postgres-server")] public sealed class PostgresServerCollection : ICollectionFixture<PostgresSeededServer>;
