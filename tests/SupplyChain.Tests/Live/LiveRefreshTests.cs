using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Access;
using SupplyChain.Data;
using SupplyChain.Domain;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Live;

/// <summary>
/// Issue 11: every process serving a database sees every committed change within 5 s, whoever made it. Real
/// processes: server binaries on one database, and the CLI import in a process of its own. The list imported is
/// MADE UP (file and source title say so); none of it is evidence.
/// </summary>
public abstract class LiveRefreshTests(Engine engine)
{
    static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    protected abstract int Servers { get; }

    static async Task<TimeSpan> UntilAsync(Func<Task<bool>> seen, string what)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < Within + TimeSpan.FromSeconds(10)) // keep looking a little longer, to report how late it was
        {
            if (await seen()) return sw.Elapsed;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"{what}: not seen after {sw.Elapsed.TotalSeconds:0.0} s");
    }

    static async Task<bool> FindsAsync(ServerProcess server, string query, string name)
    {
        var json = await server.GraphQLAsync("query($q: String!) { searchBrands(query: $q, first: 5) { brand { name } } }", new { q = query });
        return json["data"]!["searchBrands"]!.AsArray().Any(h => (string?)h!["brand"]!["name"] == name);
    }

    static async Task<string?> StatusAsync(ServerProcess server, string slug) =>
        (string?)(await server.GraphQLAsync("query($s: String!) { brand(slug: $s) { status } }", new { s = slug }))["data"]!["brand"]?["status"];

    [SkippableFact]
    public async Task A_CLI_import_and_a_retraction_reach_every_server_within_5_seconds()
    {
        TestDatabase.SkipUnlessAvailable(engine);
        Skip.IfNot(File.Exists(ServerProcess.Dll), $"{ServerProcess.Dll} is not built");
        var db = TestDatabase.Create(engine, "live");
        var factory = new SupplyChainDbFactory(db);
        await factory.MigrateAsync(); // before the servers start, so they do not race to migrate
        var servers = new List<ServerProcess>();
        var dir = Directory.CreateTempSubdirectory("sc-live").FullName;
        try
        {
            for (var i = 0; i < Servers; i++) servers.Add(await ServerProcess.StartAsync(db));
            foreach (var s in servers) Assert.False(await FindsAsync(s, "Zorbinqa Made-up Outfitters", "Zorbinqa Made-up Outfitters"));

            // A third process writes: the CLI import.
            var manifest = MadeUpWrites.WriteBrandList(dir, "live-refresh", "Zorbinqa Made-up Outfitters", "Quellvarn Made-up Textiles");
            var (exit, output) = await ServerProcess.RunAsync(["import", manifest, "--as", "live-test", .. ServerProcess.DatabaseArgs(db)]);
            Assert.True(exit == 0, output);
            foreach (var s in servers)
            {
                var took = await UntilAsync(() => FindsAsync(s, "zorbinqa", "Zorbinqa Made-up Outfitters"), $"server {s.Http.BaseAddress} finding the imported brand");
                Assert.True(took < Within, $"seen after {took.TotalSeconds:0.0} s; the promise is {Within.TotalSeconds} s\n{s.Output}");
            }

            // A retraction through the first server changes the brand's status on the last one.
            var admin = await new ApiKeys(factory).CreateAsync("live test admin", Role.Admin, "test");
            long claimId;
            string slug;
            await using (var ctx = factory.Create())
            {
                var brand = await ctx.Brands.SingleAsync(b => b.Name == "Quellvarn Made-up Textiles");
                slug = brand.Slug;
                claimId = await ctx.Claims.Where(c => c.SubjectKind == EntityKind.Brand && c.SubjectId == brand.Id).Select(c => c.Id).SingleAsync();
            }
            var last = servers[^1];
            Assert.Equal("NAMED_IN_REPORT", await StatusAsync(last, slug));
            var retracted = await servers[0].GraphQLAsync("mutation($id: ID!) { retractClaim(id: $id, reason: \"made-up test retraction\") { status } }", new { id = claimId }, admin.Key);
            Assert.True(retracted["errors"] is null, retracted.ToJsonString());
            var changed = await UntilAsync(async () => await StatusAsync(last, slug) == "NO_EVIDENCE", "status after the retraction");
            Assert.True(changed < Within, $"status changed after {changed.TotalSeconds:0.0} s");
        }
        finally
        {
            foreach (var s in servers) await s.DisposeAsync();
            Directory.Delete(dir, recursive: true);
        }
    }
}

public sealed class LiveRefreshTests_Sqlite() : LiveRefreshTests(Engine.Sqlite) { protected override int Servers => 1; }
public sealed class LiveRefreshTests_Postgres() : LiveRefreshTests(Engine.Postgres) { protected override int Servers => 2; }
