using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using SupplyChain.Server.Cli;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Interop;

/// <summary>
/// Exports that other tools load, read back by each format's own rules: FollowTheMoney entities (names checked against
/// the FtM schema YAML, derived list in ftm-schema-properties.json), CSL-JSON (checked against the CSL-JSON schema's
/// variables, derived list in csl-data-schema-names.json), and the change feed (GraphQL and JSON lines agree; cursors
/// page without gaps or repeats).
/// </summary>
public abstract class InteropExportTests(SeededServer server)
{
    static JsonNode Load(string name) => JsonNode.Parse(File.ReadAllText(Repo.Path("tests", "SupplyChain.Tests", "Exports", name)))!;

    async Task<string> GetAsync(string path)
    {
        TestDatabase.SkipUnlessAvailable(server.Engine);
        using var r = await server.Http.GetAsync(path);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"{path}: HTTP {(int)r.StatusCode}: {text}");
        return text;
    }

    /// <summary>FtM's rules: one entity object a line with id, schema and properties (lists of strings); schema and
    /// property names exist in FtM; entity-valued properties point at entities in the same file.</summary>
    static Dictionary<string, JsonObject> CheckFtm(string jsonLines)
    {
        var schemata = Load("ftm-schema-properties.json")["schemata"]!.AsObject()
            .ToDictionary(s => s.Key, s => s.Value!.AsArray().Select(p => p!.GetValue<string>()).ToHashSet());
        var entities = new Dictionary<string, JsonObject>();
        foreach (var line in jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var e = JsonNode.Parse(line)!.AsObject();
            var id = e["id"]!.GetValue<string>();
            var schema = e["schema"]!.GetValue<string>();
            Assert.True(schemata.ContainsKey(schema), $"{id}: '{schema}' is not an FtM schema we checked");
            foreach (var (prop, values) in e["properties"]!.AsObject())
            {
                Assert.True(schemata[schema].Contains(prop), $"{id}: FtM {schema} has no property '{prop}'");
                Assert.NotEmpty(values!.AsArray());
                Assert.All(values.AsArray(), v => Assert.False(string.IsNullOrWhiteSpace(v!.GetValue<string>())));
            }
            Assert.True(entities.TryAdd(id, e), $"duplicate id {id}");
        }
        foreach (var e in entities.Values)
            foreach (var prop in new[] { "owner", "asset", "entity", "addressEntity" })
                foreach (var target in e["properties"]![prop]?.AsArray() ?? [])
                    Assert.True(entities.ContainsKey(target!.GetValue<string>()), $"{e["id"]}: {prop} points at {target} which is not in the file");
        return entities;
    }

    [SkippableFact]
    public async Task FollowTheMoney_download_parses_with_FtM_names_and_links()
    {
        var entities = CheckFtm(await GetAsync("/exports/ftm.jsonl"));
        Assert.Contains(entities.Values, e => e["schema"]!.GetValue<string>() == "Company" && e["properties"]!["name"]![0]!.GetValue<string>() == "Nike");
        Assert.Contains(entities.Values, e => e["schema"]!.GetValue<string>() == "Address" && e["properties"]!["country"] is not null);
        var ownership = entities.Values.Where(e => e["schema"]!.GetValue<string>() == "Ownership").ToList();
        Assert.NotEmpty(ownership);
        Assert.All(ownership, o => Assert.NotNull(o["properties"]!["owner"]));
    }

    [SkippableFact]
    public async Task FollowTheMoney_from_the_CLI_is_the_same_as_the_download()
    {
        var http = await GetAsync("/exports/ftm.jsonl");
        var file = Path.Combine(Path.GetTempPath(), $"sc-ftm-{Guid.NewGuid():N}.jsonl");
        var config = server.App!.Configuration;
        try
        {
            Assert.Equal(0, await ExportCommand.RunAsync(["--format", "ftm", "--out", file,
                $"--Database:Provider={config["Database:Provider"]}", $"--ConnectionStrings:SupplyChain={config.GetConnectionString("SupplyChain")}"]));
            var cli = await File.ReadAllTextAsync(file);
            CheckFtm(cli);
            Assert.Equal(http, cli);
        }
        finally { File.Delete(file); }
    }

    /// <summary>CSL-JSON's rules (schema csl-data.json): an array of items; each has the required keys, a known type,
    /// only known variables, names as objects of name parts, dates as date-parts of integers, the rest strings or numbers.</summary>
    static void CheckCsl(JsonArray items)
    {
        var schema = Load("csl-data-schema-names.json");
        var types = schema["types"]!.AsArray().Select(t => t!.GetValue<string>()).ToHashSet();
        var variables = schema["variables"]!.AsObject().ToDictionary(v => v.Key, v => v.Value!.GetValue<string>());
        var nameFields = schema["nameFields"]!.AsArray().Select(t => t!.GetValue<string>()).ToHashSet();
        var dateFields = schema["dateFields"]!.AsArray().Select(t => t!.GetValue<string>()).ToHashSet();
        Assert.NotEmpty(items);
        foreach (var item in items.Select(i => i!.AsObject()))
        {
            foreach (var required in schema["required"]!.AsArray()) Assert.NotNull(item[required!.GetValue<string>()]);
            Assert.Contains(item["type"]!.GetValue<string>(), types);
            foreach (var (key, value) in item)
            {
                Assert.True(variables.TryGetValue(key, out var kind), $"'{key}' is not a CSL variable");
                switch (kind)
                {
                    case "names":
                        Assert.All(value!.AsArray(), n => Assert.All(n!.AsObject(), p => Assert.Contains(p.Key, nameFields)));
                        break;
                    case "date":
                        Assert.All(value!.AsObject(), p => Assert.Contains(p.Key, dateFields));
                        if (value["date-parts"] is { } parts)
                            Assert.All(parts.AsArray(), d => Assert.All(d!.AsArray(), n => Assert.Equal(JsonValueKind.Number, n!.GetValueKind())));
                        break;
                    case "string": case "enum": Assert.Equal(JsonValueKind.String, value!.GetValueKind()); break;
                    case "string-or-number": Assert.Contains(value!.GetValueKind(), new[] { JsonValueKind.String, JsonValueKind.Number }); break;
                }
            }
        }
    }

    [SkippableFact]
    public async Task CSL_JSON_for_a_claim_and_a_source_validates_and_carries_authors_and_date()
    {
        var brand = await server.GraphQLAsync("""{ brand(slug: "nike") { claims { id predicate source { id title } } } }""");
        var named = brand["data"]!["brand"]!["claims"]!.AsArray().First(c => c!["predicate"]!.GetValue<string>() == "NAMED_IN"
            && c["source"]!["title"]!.GetValue<string>().StartsWith("Uyghurs for sale", StringComparison.OrdinalIgnoreCase))!;
        var one = JsonNode.Parse(await GetAsync($"/claims/{named["id"]!.GetValue<string>()}.csl.json"))!.AsArray();
        CheckCsl(one);
        var item = one.Single()!;
        Assert.Equal("report", item["type"]!.GetValue<string>());
        Assert.Equal("Xu", item["author"]![0]!["family"]!.GetValue<string>());
        Assert.Equal(2020, item["issued"]!["date-parts"]![0]![0]!.GetValue<int>());
        var all = JsonNode.Parse(await GetAsync($"/sources/{named["source"]!["id"]!.GetValue<string>()}.csl.json"))!.AsArray();
        CheckCsl(all);
        Assert.True(all.Count >= 83, "one item per claim of the ASPI report");
    }

    [SkippableFact]
    public async Task Change_feed_pages_by_cursor_without_gaps_and_agrees_with_the_JSON_lines()
    {
        const string q = "query($c: String, $n: Int) { changesSince(cursor: $c, first: $n) { endCursor hasNextPage nodes { cursor at kind claimId responseId summary } } }";
        var whole = (await server.GraphQLAsync(q, new { c = (string?)null, n = 60 }))["data"]!["changesSince"]!;
        var wholeCursors = whole["nodes"]!.AsArray().Select(n => n!["cursor"]!.GetValue<string>()).ToList();
        Assert.Equal(60, wholeCursors.Count);
        Assert.Equal(wholeCursors.Count, wholeCursors.Distinct().Count());
        Assert.Contains(whole["nodes"]!.AsArray(), n => n!["kind"]!.GetValue<string>() == "CLAIM_ADDED");
        var times = whole["nodes"]!.AsArray().Select(n => n!["at"]!.GetValue<DateTime>()).ToList();
        Assert.Equal(times.Order().ToList(), times); // oldest first

        // Three pages of 20 are the same 60 events.
        var paged = new List<string>();
        string? cursor = null;
        for (var i = 0; i < 3; i++)
        {
            var page = (await server.GraphQLAsync(q, new { c = cursor, n = 20 }))["data"]!["changesSince"]!;
            paged.AddRange(page["nodes"]!.AsArray().Select(n => n!["cursor"]!.GetValue<string>()));
            cursor = page["endCursor"]!.GetValue<string>();
        }
        Assert.Equal(wholeCursors, paged);

        // The JSON lines after the 20th event continue with the 21st.
        var lines = (await GetAsync($"/changes.jsonl?since={Uri.EscapeDataString(wholeCursors[19])}&limit=40")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(wholeCursors.Skip(20), lines.Select(l => l["cursor"]!.GetValue<string>()));
        Assert.All(lines, l => Assert.Contains(l["kind"]!.GetValue<string>(), new[] { "CLAIM_ADDED", "CLAIM_RETRACTED", "CLAIM_SUPERSEDED", "RESPONSE_ADDED", "ENTITY_MERGED" }));

        // Read to the end: the last cursor has nothing after it, and says so.
        var last = (string?)null;
        for (var guard = 0; guard < 100; guard++)
        {
            var page = (await server.GraphQLAsync(q, new { c = last, n = 100 }))["data"]!["changesSince"]!;
            last = page["endCursor"]?.GetValue<string>();
            if (!page["hasNextPage"]!.GetValue<bool>()) break;
        }
        var end = (await server.GraphQLAsync(q, new { c = last, n = 100 }))["data"]!["changesSince"]!;
        Assert.Empty(end["nodes"]!.AsArray());
        Assert.Equal(last, end["endCursor"]!.GetValue<string>());

        var bad = await server.GraphQLAsync(q, new { c = "not-a-cursor", n = 5 }, allowErrors: true);
        Assert.Contains("cursor", bad["errors"]![0]!["message"]!.GetValue<string>());
    }
}

[Collection("sqlite-server")] public sealed class InteropExportTests_Sqlite(SqliteSeededServer s) : InteropExportTests(s);
[Collection("postgres-server")] public sealed class InteropExportTests_Postgres(PostgresSeededServer s) : InteropExportTests(s);
