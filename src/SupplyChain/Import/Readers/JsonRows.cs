using System.Text.Json;

namespace SupplyChain.Import.Readers;

/// <summary>JSON arrays of objects (brand registries such as name-suggestion-index): fields by dot path.</summary>
public static class JsonRows
{
    public static IEnumerable<SourceRow> Read(string path, Manifest manifest, List<ImportError> errors)
    {
        var name = Path.GetFileName(path);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(ManifestFiles.ReadAllBytes(path, manifest.Limits.MaxFileBytes), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }); }
        catch (JsonException e)
        {
            errors.Add(new ImportError(name, (int?)(e.LineNumber + 1), (int?)(e.BytePositionInLine + 1), $"not valid JSON: {e.Message}"));
            yield break;
        }
        using (doc)
        {
            var items = doc.RootElement;
            foreach (var part in (manifest.Json?.Items ?? "items").Split('.', StringSplitOptions.RemoveEmptyEntries))
            {
                if (items.ValueKind != JsonValueKind.Object || !items.TryGetProperty(part, out items))
                {
                    errors.Add(new ImportError(name, null, null, $"no array at '{manifest.Json?.Items}'"));
                    yield break;
                }
            }
            if (items.ValueKind != JsonValueKind.Array) { errors.Add(new ImportError(name, null, null, $"'{manifest.Json?.Items}' is not an array")); yield break; }
            var n = 0;
            foreach (var item in items.EnumerateArray())
            {
                n++;
                var fields = new Dictionary<string, string>();
                Flatten(item, "", fields);
                var header = SourceRow.BuildHeader(fields.Keys);
                var id = fields.GetValueOrDefault("id");
                yield return new SourceRow(path, n, id is null ? $"item {n}" : $"item {n} (id {id})", header, fields.Values.ToArray()) { Sparse = true };
            }
        }
    }

    static void Flatten(JsonElement e, string prefix, Dictionary<string, string> into)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject()) Flatten(p.Value, prefix.Length == 0 ? p.Name : prefix + "." + p.Name, into);
                break;
            case JsonValueKind.Array:
                // Arrays of strings become one ';'-separated value that a manifest can split.
                var parts = e.EnumerateArray().Where(x => x.ValueKind is JsonValueKind.String or JsonValueKind.Number).Select(x => x.ToString()).ToList();
                if (parts.Count > 0) into[prefix] = string.Join(";", parts);
                break;
            case JsonValueKind.String: into[prefix] = e.GetString()!; break;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False: into[prefix] = e.ToString(); break;
        }
    }
}
