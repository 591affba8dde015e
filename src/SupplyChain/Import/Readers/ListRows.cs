namespace SupplyChain.Import.Readers;

/// <summary>Brand lists as reports print them: one name a line, or one paragraph with a separator.</summary>
public static class ListRows
{
    public static IEnumerable<SourceRow> Read(string path, Manifest manifest, List<ImportError> errors)
    {
        var name = Path.GetFileName(path);
        var bytes = ManifestFiles.ReadAllBytes(path, manifest.Limits.MaxFileBytes);
        if (!CsvRows.CheckUtf8(bytes, name, errors)) yield break;
        var text = System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        var options = manifest.List ?? new ListOptions();
        var header = SourceRow.BuildHeader([options.Column]);
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var item = 0;
        for (var l = 0; l < lines.Length; l++)
        {
            var parts = options.Split == "lines" ? [lines[l]] : lines[l].Split(options.Split);
            foreach (var part in parts)
            {
                var value = part.Trim();
                if (value.Length == 0) continue;
                item++;
                if (value.Length > 400) errors.Add(new ImportError(name, l + 1, null, $"item {item} is {value.Length} characters: not a name"));
                yield return new SourceRow(path, l + 1, $"list item {item}", header, [value]);
            }
        }
    }
}
