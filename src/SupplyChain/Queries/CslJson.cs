using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupplyChain.Queries;

/// <summary>
/// CSL-JSON (what Zotero, Mendeley and pandoc import), beside Citation's BibTeX and RIS, from the same claim and
/// source data: one item per claim, so the page and locator travel with the reference.
/// </summary>
public static class CslJson
{
    public static JsonObject Item(ClaimView c)
    {
        var s = c.Source;
        var item = new JsonObject
        {
            ["id"] = $"sc{c.Id}",
            ["type"] = s.Kind switch
            {
                Domain.SourceKind.NewsArticle => "article-newspaper",
                Domain.SourceKind.Dataset or Domain.SourceKind.SupplierDisclosure or Domain.SourceKind.BrandRegistry => "dataset",
                Domain.SourceKind.GovernmentList => "legislation",
                _ => "report",
            },
            ["title"] = s.Title,
        };
        var authors = Authors(s.Authors);
        if (authors.Count > 0) item["author"] = authors;
        else if (!string.IsNullOrWhiteSpace(s.Publisher)) item["author"] = new JsonArray(new JsonObject { ["literal"] = s.Publisher });
        if (!string.IsNullOrWhiteSpace(s.Publisher)) item["publisher"] = s.Publisher;
        if (DateParts(s.Published) is { } issued) item["issued"] = issued;
        if (!string.IsNullOrWhiteSpace(s.Version)) item["version"] = s.Version;
        if (!string.IsNullOrWhiteSpace(s.Url)) item["URL"] = s.Url;
        if (!string.IsNullOrWhiteSpace(c.Page)) item["page"] = c.Page;
        var note = string.Join("; ", new[] { c.Locator, c.ExternalId is null ? null : $"claim {c.ExternalId}", s.Via is null ? null : $"via {s.Via}" }.Where(x => !string.IsNullOrWhiteSpace(x)));
        if (note.Length > 0) item["note"] = note;
        return item;
    }

    /// <summary>A CSL-JSON document: an array of items.</summary>
    public static string Write(IEnumerable<ClaimView> claims) =>
        new JsonArray(claims.Select(c => (JsonNode)Item(c)).ToArray()).ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>"Xu, Vicky Xiuzhong; Cave, Danielle" → family/given pairs; a name without a comma stays literal.</summary>
    static JsonArray Authors(string? authors)
    {
        var list = new JsonArray();
        foreach (var a in authors?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [])
        {
            var parts = a.Split(',', 2, StringSplitOptions.TrimEntries);
            list.Add(parts.Length == 2 && parts[1].Length > 0 ? new JsonObject { ["family"] = parts[0], ["given"] = parts[1] } : new JsonObject { ["literal"] = a });
        }
        return list;
    }

    /// <summary>"2020", "2020-07" or "2020-03-01" → {"date-parts": [[2020, 3, 1]]}, as precise as published.</summary>
    static JsonObject? DateParts(string? published)
    {
        if (string.IsNullOrWhiteSpace(published)) return null;
        var parts = published.Split('-');
        var numbers = new JsonArray();
        foreach (var p in parts.Take(3))
        {
            if (!int.TryParse(p, out var n)) return new JsonObject { ["raw"] = published };
            numbers.Add(n);
        }
        return new JsonObject { ["date-parts"] = new JsonArray(numbers) };
    }
}
