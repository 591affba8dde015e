using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Access;
using SupplyChain.Domain;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Live;

/// <summary>
/// importReport through the real endpoint, as the GraphQL multipart request spec sends it. Every list uploaded here is
/// MADE UP (file names and the CSV header say so); none of it is evidence.
/// </summary>
public abstract class ImportApiTests(SeededServer server)
{
    const string Query = "mutation($m: Upload!, $f: [Upload!]!, $d: Boolean) { importReport(manifest: $m, files: $f, dryRun: $d) { id state errors summary source { title } } }";

    static string Manifest(string csv) => $$"""
        {
          "format": "csv",
          "files": ["{{csv}}"],
          "source": { "title": "MADE_UP upload test list (invented names, not evidence)", "publisher": "Made-up Test Publisher", "published": "2024-03-01", "kind": "Report" },
          "entities": { "brand": { "type": { "const": "Brand" }, "name": "MADE_UP brand (invented)" } },
          "claims": [ { "subject": "brand", "predicate": { "const": "NamedIn" }, "object": "$source",
                        "locator": { "template": "row {$line}" }, "evidenceType": { "const": "NgoReport" }, "confidence": { "const": "High" } } ]
        }
        """;

    // Waits for the server's answer to Expect: 100-continue however busy the machine is (the default gives up after 1 s and sends).
    static readonly HttpClient Patient = new(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) }) { Timeout = TimeSpan.FromSeconds(120) };

    async Task<HttpResponseMessage> UploadAsync(string? key, string csvName, byte[] csv, bool dryRun)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(new JsonObject { ["query"] = Query, ["variables"] = new JsonObject { ["m"] = null, ["f"] = new JsonArray((JsonNode?)null), ["d"] = dryRun } }.ToJsonString()), "operations" },
            { new StringContent("""{"0":["variables.m"],"1":["variables.f.0"]}"""), "map" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Manifest(csvName))), "0", "MADE_UP_manifest.json" },
            { new ByteArrayContent(csv), "1", csvName },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, "/graphql")) { Content = form };
        request.Headers.ExpectContinue = true; // as curl does: an over-limit body is refused before it is sent
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        else request.Headers.Add("GraphQL-Preflight", "1");
        return await Patient.SendAsync(request);
    }

    async Task<string> ResearcherKeyAsync() => (await server.Service<ApiKeys>().CreateAsync("upload test", Role.Researcher, "test")).Key;

    async Task<int> BrandsNamedAsync(string prefix)
    {
        await using var db = server.Factory.Create();
        return await db.Brands.CountAsync(b => b.Name.StartsWith(prefix));
    }

    [SkippableFact]
    public async Task An_upload_imports_as_a_job_and_search_finds_the_brand()
    {
        TestDatabase.SkipUnlessAvailable(server.Engine);
        var key = await ResearcherKeyAsync();
        var csv = Encoding.UTF8.GetBytes("MADE_UP brand (invented)\nVelmorra Made-up Knitwear\n");
        var dry = JsonNode.Parse(await (await UploadAsync(key, "MADE_UP_upload.csv", csv, dryRun: true)).Content.ReadAsStringAsync())!;
        Assert.Equal("SUCCEEDED", (string?)dry["data"]!["importReport"]!["state"]);
        Assert.Contains("would create Brand 'Velmorra Made-up Knitwear'", (string?)dry["data"]!["importReport"]!["summary"]);
        Assert.Equal(0, await BrandsNamedAsync("Velmorra")); // a dry run writes nothing

        var started = JsonNode.Parse(await (await UploadAsync(key, "MADE_UP_upload.csv", csv, dryRun: false)).Content.ReadAsStringAsync())!;
        var id = (string?)started["data"]!["importReport"]!["id"];
        string? state = null;
        for (var i = 0; i < 100 && state is not ("SUCCEEDED" or "FAILED"); i++)
        {
            await Task.Delay(200);
            using var poll = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent(new JsonObject { ["query"] = $"{{ importJob(id: {id}) {{ state percent errors }} }}" }) };
            poll.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            state = (string?)JsonNode.Parse(await (await server.Http.SendAsync(poll)).Content.ReadAsStringAsync())!["data"]!["importJob"]!["state"];
        }
        Assert.Equal("SUCCEEDED", state);
        var hits = await server.GraphQLAsync("{ searchBrands(query: \"velmorra\") { brand { name } } }");
        Assert.Equal("Velmorra Made-up Knitwear", (string?)hits["data"]!["searchBrands"]![0]!["brand"]!["name"]);
    }

    static StringContent JsonContent(JsonObject o) => new(o.ToJsonString(), Encoding.UTF8, "application/json");

    [SkippableFact]
    public async Task A_malformed_CSV_is_refused_with_file_and_line_and_nothing_is_written()
    {
        TestDatabase.SkipUnlessAvailable(server.Engine);
        var key = await ResearcherKeyAsync();
        var csv = Encoding.UTF8.GetBytes("MADE_UP brand (invented)\nBrastovik Made-up Gloves\n\"Brastovik Unclosed Made-up\n");
        var json = JsonNode.Parse(await (await UploadAsync(key, "MADE_UP_bad.csv", csv, dryRun: false)).Content.ReadAsStringAsync())!;
        var id = (string?)json["data"]!["importReport"]!["id"];
        await using var db = server.Factory.Create();
        SupplyChain.Live.ImportJob? job = null;
        for (var i = 0; i < 100 && job?.State is not (SupplyChain.Live.ImportJobState.Failed or SupplyChain.Live.ImportJobState.Succeeded); i++)
        {
            await Task.Delay(200);
            job = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == long.Parse(id!));
        }
        Assert.Equal(SupplyChain.Live.ImportJobState.Failed, job!.State);
        Assert.Contains("MADE_UP_bad.csv:3", job.Errors);
        Assert.Equal(0, await BrandsNamedAsync("Brastovik"));
    }

    [SkippableFact]
    public async Task Anonymous_upload_is_401_and_a_reader_403()
    {
        TestDatabase.SkipUnlessAvailable(server.Engine);
        var csv = Encoding.UTF8.GetBytes("MADE_UP brand (invented)\nOstrelle Made-up Bags\n");
        Assert.Equal(HttpStatusCode.Unauthorized, (await UploadAsync(null, "MADE_UP_anon.csv", csv, dryRun: false)).StatusCode);
        var reader = (await server.Service<ApiKeys>().CreateAsync("reader", Role.Reader, "test")).Key;
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(reader, "MADE_UP_anon.csv", csv, dryRun: false)).StatusCode);
        Assert.Equal(0, await BrandsNamedAsync("Ostrelle"));
    }

    [SkippableFact]
    public async Task A_too_large_upload_is_413()
    {
        TestDatabase.SkipUnlessAvailable(server.Engine);
        var key = await ResearcherKeyAsync();
        var big = new byte[51 * 1024 * 1024];
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await UploadAsync(key, "MADE_UP_big.csv", big, dryRun: false)).StatusCode);
    }
}

[Collection("sqlite-server")] public sealed class ImportApiTests_Sqlite(SqliteSeededServer s) : ImportApiTests(s);
[Collection("postgres-server")] public sealed class ImportApiTests_Postgres(PostgresSeededServer s) : ImportApiTests(s);
