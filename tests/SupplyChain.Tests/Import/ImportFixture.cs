using SupplyChain.Data;
using SupplyChain.Import;
using SupplyChain.Tests.Infrastructure;

namespace SupplyChain.Tests.Import;

/// <summary>
/// A temp folder with MADE-UP test files and a manifest, on a fresh database. Every name and source in these files
/// is invented for the test (the file names say MADE_UP); none of it is evidence.
/// </summary>
sealed class ImportFixture
{
    public required string Dir { get; init; }
    public required SupplyChainDbFactory Factory { get; init; }
    public ImportRunner Runner => new(Factory);

    public static async Task<ImportFixture> CreateAsync(Engine engine)
    {
        TestDatabase.SkipUnlessAvailable(engine);
        return new ImportFixture { Dir = Directory.CreateTempSubdirectory("sc-import").FullName, Factory = await TestDatabase.CreateMigratedAsync(engine, "imp") };
    }

    public string Write(string name, string content)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    public string WriteBytes(string name, byte[] content)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>A facility-list manifest: brand, factory, country; brand SOURCES_FROM factory.</summary>
    public string FacilityManifest(string file, string? version = null, string title = "MADE-UP supplier list") => Write("manifest.json", $$"""
        {
          "format": "csv",
          "files": ["{{file}}"],
          "source": { "title": "{{title}}", "publisher": "Made-up Test Publisher", "published": "2024-01", {{(version is null ? "" : $"\"version\": \"{version}\",")}} "kind": "SupplierDisclosure" },
          "entities": {
            "brand": { "type": { "const": "Brand" }, "name": "brand" },
            "factory": { "type": { "const": "Facility" }, "name": "factory", "country": "country", "address": "address" }
          },
          "claims": [
            { "subject": "brand", "predicate": { "column": "relation", "map": { "supplies": "SourcesFrom", "ended": "EndedRelationship" } }, "object": "factory",
              "page": "page", "evidenceType": { "const": "CompanyDisclosure" }, "confidence": { "const": "High" } }
          ]
        }
        """);

    public const string Header = "brand,factory,country,address,relation,page\n";
}
