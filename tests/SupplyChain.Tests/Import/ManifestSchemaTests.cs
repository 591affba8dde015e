using System.Reflection;
using System.Text.Json.Nodes;
using SupplyChain.Import;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Import;

public sealed class ManifestSchemaTests
{
    static readonly JsonNode Schema = JsonNode.Parse(File.ReadAllText(Repo.Path("schema", "manifest.schema.json")))!;

    static IEnumerable<string> Props(Type t) => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is null)
        .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]);

    [Theory]
    [InlineData(typeof(Manifest), "")]
    [InlineData(typeof(EntitySpec), "$defs.entity")]
    [InlineData(typeof(ClaimSpec), "$defs.claim")]
    [InlineData(typeof(ResponseSpec), "$defs.response")]
    [InlineData(typeof(SourceSpec), "$defs.source")]
    public void The_manifest_schema_documents_every_manifest_property(Type type, string path)
    {
        var node = path.Split('.', StringSplitOptions.RemoveEmptyEntries).Aggregate(Schema, (n, p) => n[p]!);
        var documented = node["properties"]!.AsObject().Select(kv => kv.Key).ToHashSet();
        Assert.All(Props(type), p => Assert.Contains(p, documented));
    }

    [Fact]
    public void Every_bundled_manifest_loads()
    {
        foreach (var path in Directory.GetFiles(Repo.Path("datasets"), "manifest*.json", SearchOption.AllDirectories)
                     .Concat(Directory.GetFiles(Repo.Path("datasets", "curated-evidence"), "*.manifest.json")))
        {
            var m = Manifest.Load(path);
            // Apple's 2018 PDF is a test fixture only (licence): not bundled, so its manifest names a file that is absent.
            if (Path.GetFileName(Path.GetDirectoryName(path)) == "apple-supplier-list-2018")
                Assert.Equal(["Apple-Supplier-List.pdf"], m.Files);
            else
                Assert.NotEmpty(m.ResolveFiles());
        }
    }
}
