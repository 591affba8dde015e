using SupplyChain.Data;
using SupplyChain.Domain;
using SupplyChain.Live;

namespace SupplyChain.Tests.Live;

/// <summary>
/// Writes the live tests make as "another writer": a MADE-UP claim copied from a real one, and a MADE-UP brand list with
/// its manifest. Every text written says it is made up; none of it is evidence.
/// </summary>
static class MadeUpWrites
{
    /// A copy of <paramref name="template"/> with its own locator, committed in one transaction; the data version moves
    /// with it, as every writer of ours does, unless <paramref name="moveVersion"/> is false.
    public static async Task AddClaimAsync(SupplyChainDbFactory factory, Claim template, string locator, bool moveVersion = true)
    {
        await using var db = factory.Create();
        await using var tx = await db.Database.BeginTransactionAsync();
        db.Claims.Add(new Claim
        {
            SubjectKind = template.SubjectKind, SubjectId = template.SubjectId, SubjectAsPublished = template.SubjectAsPublished,
            Predicate = template.Predicate, ObjectKind = template.ObjectKind, ObjectId = template.ObjectId, ObjectAsPublished = template.ObjectAsPublished,
            SourceId = template.SourceId, Locator = locator, Summary = "MADE-UP: test data, not evidence.",
            EvidenceType = template.EvidenceType, Confidence = template.Confidence, ExternalId = locator,
            Fingerprint = Fingerprints.Of(template.SubjectKind, template.SubjectId, template.Predicate, template.ObjectKind, template.ObjectId,
                template.SourceId, null, locator, locator),
        });
        await db.SaveChangesAsync();
        if (moveVersion) await DataVersion.BumpAsync(db, CancellationToken.None);
        await tx.CommitAsync();
    }

    /// A one-column list of brand names in <paramref name="dir"/> (MADE_UP_{tag}_brands.txt) and the manifest that
    /// imports it as brands named in a made-up source; returns the manifest's path.
    public static string WriteBrandList(string dir, string tag, params string[] names)
    {
        File.WriteAllLines(Path.Combine(dir, $"MADE_UP_{tag}_brands.txt"), names);
        var manifest = Path.Combine(dir, $"MADE_UP_{tag}.manifest.json");
        File.WriteAllText(manifest, $$"""
            {
              "format": "list",
              "files": ["MADE_UP_{{tag}}_brands.txt"],
              "list": { "split": "lines", "column": "name" },
              "source": { "title": "MADE_UP list for the {{tag}} test (invented names, not evidence)", "publisher": "Made-up Test Publisher", "published": "2024-02-01", "kind": "Report" },
              "entities": { "brand": { "type": { "const": "Brand" }, "name": "name" } },
              "claims": [
                { "subject": "brand", "predicate": { "const": "NamedIn" }, "object": "$source",
                  "locator": { "template": "{$locator}" }, "evidenceType": { "const": "NgoReport" }, "confidence": { "const": "High" } }
              ]
            }
            """);
        return manifest;
    }
}
