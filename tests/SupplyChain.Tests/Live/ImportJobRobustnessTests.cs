using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Access;
using SupplyChain.Data;
using SupplyChain.Domain;
using SupplyChain.Live;
using SupplyChain.Server.Live;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Live;

/// <summary>
/// Import jobs on a shared database: one job writes at a time however many servers claim at once, and a job whose
/// server died is failed by another server once its heartbeat stops. Lists uploaded here are MADE UP.
/// </summary>
public abstract class ImportJobRobustnessTests(Engine engine)
{
    [SkippableFact]
    public async Task Servers_claiming_queued_jobs_at_the_same_moment_start_only_one()
    {
        TestDatabase.SkipUnlessAvailable(engine);
        var options = TestDatabase.Create(engine, "claims");
        var one = new SupplyChainDbFactory(options);
        await one.MigrateAsync();
        var two = new SupplyChainDbFactory(options); // a second server: its own connections
        const int Jobs = 12;
        await using (var db = one.Create())
        {
            for (var i = 0; i < Jobs; i++) db.ImportJobs.Add(new ImportJob { CreatedBy = "test", CreatedAt = DateTime.UtcNow, Runner = "test", Folder = "jobs/made-up", ManifestName = "MADE_UP.json" });
            await db.SaveChangesAsync();
        }
        List<long> ids;
        await using (var db = one.Create()) ids = await db.ImportJobs.Select(j => j.Id).ToListAsync();
        for (var round = 0; round < 5; round++)
        {
            await using (var db = one.Create())
                await db.ImportJobs.ExecuteUpdateAsync(s => s.SetProperty(j => j.State, ImportJobState.Queued));
            using var go = new ManualResetEventSlim();
            var claims = ids.Select((id, i) => Task.Run(async () => { go.Wait(); return await ImportJobs.TryClaimAsync(i % 2 == 0 ? one : two, id, CancellationToken.None); })).ToList();
            go.Set();
            var won = await Task.WhenAll(claims);
            Assert.Equal(1, won.Count(w => w));
            await using var check = one.Create();
            Assert.Equal(1, await check.ImportJobs.CountAsync(j => j.State == ImportJobState.Running));
        }
    }

    [SkippableFact]
    public async Task A_job_whose_server_was_killed_mid_import_is_failed_by_another_server_and_nothing_is_written()
    {
        TestDatabase.SkipUnlessAvailable(engine);
        Skip.IfNot(File.Exists(ServerProcess.Dll), $"{ServerProcess.Dll} is not built");
        var options = TestDatabase.Create(engine, "orphan");
        var factory = new SupplyChainDbFactory(options);
        await factory.MigrateAsync();
        var key = (await new ApiKeys(factory).CreateAsync("orphan test", Role.Researcher, "test")).Key;
        var dir = Directory.CreateTempSubdirectory("sc-orphan").FullName;
        string[] Fast(string name) => [$"--Imports:Folder={Path.Combine(dir, name)}", "--Imports:HeartbeatSeconds=0.5", "--Imports:StaleAfterSeconds=4"];
        var a = await ServerProcess.StartAsync(options, Fast("a"));
        ServerProcess? b = null;
        try
        {
            // Big enough to be still running when the server is killed.
            var csv = new StringBuilder("MADE_UP brand (invented)\n");
            for (var i = 0; i < 150_000; i++) csv.Append("Orphanova Made-up Brand ").Append(i).Append('\n');
            var manifest = """
                { "format": "csv", "files": ["MADE_UP_orphan.csv"],
                  "source": { "title": "MADE_UP list for the killed-server test (invented names, not evidence)", "publisher": "Made-up Test Publisher", "published": "2024-05-01", "kind": "Report" },
                  "entities": { "brand": { "type": { "const": "Brand" }, "name": "MADE_UP brand (invented)" } },
                  "claims": [ { "subject": "brand", "predicate": { "const": "NamedIn" }, "object": "$source", "locator": { "template": "row {$line}" },
                                "evidenceType": { "const": "NgoReport" }, "confidence": { "const": "High" } } ] }
                """;
            var form = new MultipartFormDataContent
            {
                { new StringContent(new JsonObject { ["query"] = "mutation($m: Upload!, $f: [Upload!]!) { importReport(manifest: $m, files: $f) { id state } }", ["variables"] = new JsonObject { ["m"] = null, ["f"] = new JsonArray((JsonNode?)null) } }.ToJsonString()), "operations" },
                { new StringContent("""{"0":["variables.m"],"1":["variables.f.0"]}"""), "map" },
                { new ByteArrayContent(Encoding.UTF8.GetBytes(manifest)), "0", "MADE_UP_manifest.json" },
                { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "1", "MADE_UP_orphan.csv" },
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = form };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var answer = JsonNode.Parse(await (await a.Http.SendAsync(request)).Content.ReadAsStringAsync())!;
            var id = long.Parse((string?)answer["data"]?["importReport"]?["id"] ?? throw new Xunit.Sdk.XunitException(answer.ToJsonString()));

            var sw = Stopwatch.StartNew();
            ImportJobState state;
            do
            {
                await Task.Delay(50);
                await using var db = factory.Create();
                state = await db.ImportJobs.Where(j => j.Id == id).Select(j => j.State).SingleAsync();
            } while (state == ImportJobState.Queued && sw.Elapsed < TimeSpan.FromSeconds(30));
            Assert.Equal(ImportJobState.Running, state);
            await Task.Delay(300);
            a.Process.Kill(entireProcessTree: true); // no shutdown, no finally: as a crash or a power cut
            await a.Process.WaitForExitAsync();

            b = await ServerProcess.StartAsync(options, Fast("b")); // another server on the same database
            ImportJob? job = null;
            sw.Restart();
            while (sw.Elapsed < TimeSpan.FromSeconds(30))
            {
                await using var db = factory.Create();
                job = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == id);
                if (job.State != ImportJobState.Running) break;
                await Task.Delay(200);
            }
            Assert.Equal(ImportJobState.Failed, job!.State);
            Assert.Contains("no heartbeat since", job.Errors);
            Assert.Contains("nothing of it was written", job.Errors);
            await using (var db = factory.Create())
                Assert.Equal(0, await db.Brands.CountAsync(x => x.Name.StartsWith("Orphanova")));
        }
        finally
        {
            await a.DisposeAsync();
            if (b is not null) await b.DisposeAsync();
            Directory.Delete(dir, recursive: true);
        }
    }
}

public sealed class ImportJobRobustnessTests_Sqlite() : ImportJobRobustnessTests(Engine.Sqlite);
public sealed class ImportJobRobustnessTests_Postgres() : ImportJobRobustnessTests(Engine.Postgres);
