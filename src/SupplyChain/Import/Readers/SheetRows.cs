using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace SupplyChain.Import.Readers;

/// <summary>XLS (BIFF) and XLSX workbooks through ExcelDataReader: Nike publishes its factory list as one.</summary>
public static class SheetRows
{
    static SheetRows() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // BIFF files use code pages

    public static IEnumerable<SourceRow> Read(string path, Manifest manifest, List<ImportError> errors)
    {
        var name = Path.GetFileName(path);
        var headerRow = manifest.Sheet?.HeaderRow ?? 1;
        using var stream = ManifestFiles.OpenRead(path);
        IExcelDataReader reader;
        try { reader = ExcelReaderFactory.CreateReader(stream); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            errors.Add(new ImportError(name, null, null, $"not a readable XLS/XLSX workbook: {e.Message}"));
            yield break;
        }
        using (reader)
        {
            if (manifest.Sheet?.Name is { } sheet)
            {
                while (!string.Equals(reader.Name, sheet, StringComparison.OrdinalIgnoreCase))
                    if (!reader.NextResult()) { errors.Add(new ImportError(name, null, null, $"no sheet named '{sheet}'")); yield break; }
            }
            var rowNo = 0;
            IReadOnlyDictionary<string, int>? header = null;
            string[] headerNames = [];
            while (reader.Read())
            {
                rowNo++;
                var values = new string?[reader.FieldCount];
                for (var i = 0; i < values.Length; i++)
                {
                    var v = Cell(reader.GetValue(i));
                    if (v is { Length: > 0 } && v.Length > manifest.Limits.MaxFieldChars)
                        errors.Add(new ImportError(name, rowNo, i + 1, $"cell is {v.Length} characters; the limit is {manifest.Limits.MaxFieldChars}"));
                    values[i] = string.IsNullOrWhiteSpace(v) ? null : v.Trim();
                }
                if (rowNo < headerRow) continue;
                if (rowNo == headerRow)
                {
                    headerNames = values.Select((v, i) => v ?? $"column {i + 1}").ToArray();
                    header = SourceRow.BuildHeader(headerNames);
                    continue;
                }
                if (values.All(v => v is null)) continue; // blank spacer rows
                if (rowNo - headerRow > manifest.Limits.MaxRows)
                {
                    errors.Add(new ImportError(name, rowNo, null, $"more than {manifest.Limits.MaxRows} rows"));
                    yield break;
                }
                yield return new SourceRow(path, rowNo, $"sheet '{reader.Name}', row {rowNo}", header!, values);
            }
            if (header is null) errors.Add(new ImportError(name, headerRow, null, "the sheet has no header row there"));
        }
    }

    static string? Cell(object? value) => value switch
    {
        null => null,
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString(dt.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
